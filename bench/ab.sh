#!/bin/sh
# Two feedgen builds against each other on bench/run.sh's first run
# (10,000 articles, --limit 0, Atom and RSS), their runs interleaved so that
# the machine's load falls on both alike; the minimum and median wall and
# CPU time of each.  For telling a change's effect from the noise, which on
# a shared machine is larger than most changes.
#
# usage: bench/ab.sh BIN_A BIN_B [ROUNDS]     (ROUNDS default 12)
#
# The corpus is bench/run.sh's (bench/work/collection): run that once first;
# BENCH_SHAPE=frontmatter takes bench/first.sh's other shape
# (bench/work/frontmatter) instead.
set -eu

[ $# -ge 2 ] || { sed -n '8p' "$0" | sed 's/^# //' >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
case ${BENCH_SHAPE:-pages} in
frontmatter) col=$here/work/frontmatter ;;
*) col=$here/work/collection ;;
esac
[ -d "$col" ] || { echo "ab: no $col: run sh bench/run.sh (or bench/first.sh) first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "ab: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
a=$1 b=$2 n=${3:-12}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
while [ $i -lt "$n" ]; do
	for x in A B; do
		if [ $x = A ]; then bin=$a; else bin=$b; fi
		rm -rf "$tmp/out" "$tmp/state"
		/usr/bin/time -f '%e %U %S %M' -a -o "$tmp/$x" "$bin" \
			--base-url https://bench.example.com --limit 0 -q \
			--formats atom,rss --state "$tmp/state/feedgen.db" \
			-o "$tmp/out" "$col"
	done
	i=$((i + 1))
done
# min and median of a column of numbers, sorted
stats() {
	sort -n | awk '{ v[NR] = $1 }
		END { printf "min %.3f med %.3f", v[1],
			NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for x in A B; do
	if [ $x = A ]; then bin=$a; else bin=$b; fi
	printf '%s %s: wall %s, CPU %s, peak %s MB\n' "$x" "$bin" \
		"$(awk '{ print $1 }' "$tmp/$x" | stats)" \
		"$(awk '{ print $2 + $3 }' "$tmp/$x" | stats)" \
		"$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1000 }' "$tmp/$x")"
done
