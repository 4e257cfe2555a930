#!/bin/sh
# bench/feedcheck.sh - feedcheck against `xmllint --noout --stream` (the
# cost of parsing alone) on an RSS 2.0 and an Atom feed of each size ITEMS
# given (default 20,000 items, about 12 MB each, and 200,000, about 120
# MB each; Chinese text, made by bench/gen_feed.py).
# Prints CPU time (user + system, best of RUNS, so other load on the
# machine counts least; each run is REPEAT runs in a row: 10 under 100,000
# items, else 1), peak memory (GNU time's maximum resident set) and the
# ratios; with READERS=1 also feedcheck --profile readers; with
# CALLGRIND=1 also the instructions each executes (valgrind), a figure
# that does not depend on the load at all.  Goal (issue 25): within 1.5x
# xmllint's time and at most 32 MB peak at every size.  Not a timed test:
# run by hand.
#
#   sh bench/feedcheck.sh [ITEMS...]          RUNS=5 by default
#   RUNS=3 READERS=1 sh bench/feedcheck.sh 200000
#   CALLGRIND=1 sh bench/feedcheck.sh 20000
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- 20000 200000
runs=${RUNS:-5}
fc=$top/bin/feedcheck
[ -x "$fc" ] || { echo "build bin/feedcheck first (make)" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed" >&2; exit 2; }

# best of RUNS: "seconds kilobytes".  Each run is REPEAT runs of the
# command in a row, timed together and divided (the kernel counts CPU time
# in 10 ms steps, a large part of a 60 ms run); the peak is the largest
# of them.
measure() {
	best=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f '%U %S %M' -o "$work/time" sh -c '
			n=$1; shift; k=0
			while [ "$k" -lt "$n" ]; do "$@" >/dev/null 2>&1; k=$((k + 1)); done
		' sh "$repeat" "$@" >/dev/null 2>&1 || true
		t=$(tail -1 "$work/time" | awk -v n="$repeat" '{ printf "%.3f %d", ($1 + $2) / n, $3 }')
		best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF == 2' | sort -n | head -1)
		i=$((i + 1))
	done
	echo "$best"
}

# row NAME FEED XL_SECONDS XL_KB COMMAND...: one line of the table
row() {
	name=$1 f=$2 xs=$3 xm=$4; shift 4
	set -- $(measure "$@" "$f")
	size=$(wc -c <"$f")
	awk -v f="$name" -v b="$size" -v fs="$1" -v xs="$xs" -v fm="$2" -v xm="$xm" 'BEGIN {
		r = xs > 0 ? fs / xs : 0
		printf "%-22s %10d %9.3f %9.3f %7.1f %6.1f %6.2fx%s\n", f, b, fs, xs,
		       fm / 1024, xm / 1024, r,
		       (r <= 1.5 && fm / 1024 <= 32) ? "" : "  (over the goal)"
	}'
}

printf '%-22s %10s %9s %9s %7s %6s %7s\n' feed bytes fc_cpu_s xl_cpu_s fc_MB xl_MB ratio
for items in "$@"; do
	work=$top/bench/work/feedcheck/$items
	mkdir -p "$work"
	[ -s "$work/bench-atom.xml" ] || python3 "$top/bench/gen_feed.py" "$work" "$items"
	repeat=${REPEAT:-10}
	[ -n "${REPEAT:-}" ] || [ "$items" -lt 100000 ] || repeat=1
	for f in bench-rss.xml bench-atom.xml; do
		set -- $(measure xmllint --noout --stream "$work/$f")
		xs=$1 xm=$2
		row "${f%.xml}-$items" "$work/$f" "$xs" "$xm" "$fc"
		[ "${READERS:-0}" = 1 ] &&
			row "  --profile readers" "$work/$f" "$xs" "$xm" "$fc" --profile readers
		if [ "${CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
			for p in "$fc" "xmllint --noout --stream"; do
				valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
					$p "$work/$f" >/dev/null 2>&1 || true
				callgrind_annotate "$work/cg.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
			done | paste - - | awk -v f="${f%.xml}-$items" '{ printf "%-22s instructions: feedcheck %.0fM, xmllint %.0fM, ratio %.2fx\n", f, $1 / 1e6, $2 / 1e6, $1 / $2 }'
			rm -f "$work/cg.out"
		fi
	done
done
