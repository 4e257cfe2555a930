#!/bin/sh
# feedgen's first full run against the npm "feed" package (with marked) on
# both shapes of collection, their runs interleaved so that the machine's
# load falls on both alike: the median wall and CPU time of each, and the
# ratios (issue 22's goal: at least 4x npm's wall time, at most 0.4x its
# CPU, by the median, on both shapes).
#
# usage: bench/first.sh [ROUNDS [N]]     (ROUNDS default 5, N default 10000)
#
#   pages        bench/gen.py's edition pages (bench/run.sh's corpus): one
#                article a page, 20 pages an edition folder, front matter
#                and a "# title" heading; npm reads the front matter with
#                feed-npm.js's own few lines, as before
#   frontmatter  bench/gen.py --shape frontmatter: N files in one folder,
#                YAML front matter (title, date, authors, sections,
#                summary), the shape Hugo and npm users have; npm reads it
#                with gray-matter (js-yaml), feedgen with libyaml
#
# Both tools write Atom and RSS of every article (feedgen: --limit 0
# --formats atom,rss, its state and self-check included, as a cron run
# does).  BENCH_FEEDGEN names another feedgen; BENCH_BEFORE names a second
# one, run in the same rounds (an earlier build: before and after under
# the same load).  Works in bench/work/.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rounds=${1:-5} n=${2:-10000}
fg=${BENCH_FEEDGEN:-$root/bin/feedgen}
before=${BENCH_BEFORE:-}
tools="feedgen npm"
[ -n "$before" ] && tools="feedgen before npm"
case $rounds$n in *[!0-9]*) sed -n '8p' "$0" | sed 's/^# //' >&2; exit 2 ;; esac
[ -x "$fg" ] || { echo "first: $fg is not built (make)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "first: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "first: node is missing" >&2; exit 1; }
if [ ! -f "$here/node_modules/gray-matter/package.json" ] ||
   [ ! -f "$here/node_modules/feed/package.json" ]; then
	echo "first: installing the npm peers into bench/node_modules" >&2
	(cd "$here" && npm ci --no-audit --no-fund >&2)
fi

W=$here/work
mkdir -p "$W"
# the edition pages are bench/run.sh's corpus, under its stamp
stamp="n=$n gen=$(cksum <"$here/gen.py")"
if [ ! -f "$W/stamp" ] || [ "$(cat "$W/stamp")" != "$stamp" ]; then
	rm -f "$W/stamp"
	python3 "$here/gen.py" "$n" "$W"
	printf '%s\n' "$stamp" >"$W/stamp"
fi
stamp="n=$n shape=frontmatter gen=$(cksum <"$here/gen.py")"
if [ ! -f "$W/stamp.frontmatter" ] || [ "$(cat "$W/stamp.frontmatter")" != "$stamp" ]; then
	rm -f "$W/stamp.frontmatter"
	python3 "$here/gen.py" --shape frontmatter "$n" "$W"
	printf '%s\n' "$stamp" >"$W/stamp.frontmatter"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the page cache warm for both
cat "$W"/collection/*/* "$W"/frontmatter/posts/* >/dev/null

# one run of TOOL on SHAPE, its "wall user sys peak" appended to its log
one() {
	tool=$1 shape=$2
	if [ "$shape" = pages ]; then col=$W/collection yaml=; else col=$W/frontmatter yaml=--yaml; fi
	rm -rf "$tmp/out" "$tmp/state"
	if [ "$tool" != npm ]; then
		bin=$fg
		[ "$tool" = before ] && bin=$before
		/usr/bin/time -f '%e %U %S %M' -a -o "$tmp/$tool.$shape" "$bin" \
			--base-url https://bench.example.com --limit 0 -q \
			--formats atom,rss --state "$tmp/state/feedgen.db" \
			-o "$tmp/out" "$col"
	else
		/usr/bin/time -f '%e %U %S %M' -a -o "$tmp/$tool.$shape" node \
			"$here/feed-npm.js" $yaml "$col" "$tmp/out"
	fi
	for x in atom.xml rss.xml; do
		k=$(grep -c '<entry>\|<item>' "$tmp/out/$x" || true)
		[ "$k" = "$n" ] || { echo "first: $tool on $shape wrote $k entries to $x, not $n" >&2; exit 1; }
	done
}
# the median of a column of numbers
median() {
	sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for shape in pages frontmatter; do
	for tool in $tools; do one "$tool" "$shape"; done      # warm-up, not counted
	for tool in $tools; do : >"$tmp/$tool.$shape"; done
	i=0
	while [ $i -lt "$rounds" ]; do
		for tool in $tools; do one "$tool" "$shape"; done
		i=$((i + 1))
	done
done
echo "machine: $(nproc) CPUs; $rounds interleaved rounds per shape, $n articles; median of each"
for shape in pages frontmatter; do
	for tool in $tools; do
		w=$(awk '{ print $1 }' "$tmp/$tool.$shape" | median)
		c=$(awk '{ print $2 + $3 }' "$tmp/$tool.$shape" | median)
		p=$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1000 }' "$tmp/$tool.$shape")
		eval "${tool}_w=$w ${tool}_c=$c"
		printf '%-12s %-8s wall %6.3f s  CPU %6.3f s  peak %6.1f MB\n' "$shape" "$tool" "$w" "$c" "$p"
	done
	[ -n "$before" ] && awk -v fw="$feedgen_w" -v fc="$feedgen_c" -v bw="$before_w" -v bc="$before_c" \
		-v nw="$npm_w" -v nc="$npm_c" -v s="$shape" 'BEGIN {
		printf "%-12s before: %.2fx faster than npm feed (wall), at %.2fx its CPU; after/before: wall %.3f, CPU %.3f\n",
			s, nw / bw, bc / nc, fw / bw, fc / bc }'
	awk -v fw="$feedgen_w" -v fc="$feedgen_c" -v nw="$npm_w" -v nc="$npm_c" -v s="$shape" 'BEGIN {
		r = nw / fw; q = fc / nc
		printf "%-12s feedgen is %.2fx faster than npm feed (wall), at %.2fx its CPU: goal (>= 4x, <= 0.4x) %s\n",
			s, r, q, (r >= 4 && q <= 0.4) ? "met" : "missed" }'
done
