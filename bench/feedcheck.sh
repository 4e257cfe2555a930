#!/bin/sh
# bench/feedcheck.sh - feedcheck against `xmllint --noout --stream` (the
# cost of parsing alone) on an RSS 2.0 and an Atom feed of 20,000 items
# with Chinese text (about 12 MB each, made by bench/gen_feed.py).
# Prints CPU time (user + system, best of RUNS, so other load on the
# machine counts least; each run is REPEAT=10 runs in a row), peak memory
# and the ratios; with CALLGRIND=1 also
# the instructions each executes (valgrind), a figure that does not
# depend on the load at all.  Goal (issue 3): within 2x xmllint's time and
# under 32 MB peak.  Not a timed test: run by hand.
#
#   sh bench/feedcheck.sh [ITEMS] [RUNS]
#   CALLGRIND=1 sh bench/feedcheck.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
items=${1:-20000}
runs=${2:-5}
work=$top/bench/work/feedcheck
fc=$top/bin/feedcheck
mkdir -p "$work"
[ -x "$fc" ] || { echo "build bin/feedcheck first (make)" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed" >&2; exit 2; }
python3 "$top/bench/gen_feed.py" "$work" "$items"

# best of RUNS: "seconds kilobytes".  Each run is REPEAT runs of the
# command in a row, timed together and divided (the kernel counts CPU time
# in 10 ms steps, a large part of a 60 ms run); the peak is the largest
# of them.
repeat=${REPEAT:-10}
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

printf '%-16s %9s %10s %10s %10s %8s %8s\n' feed bytes fc_cpu_s xl_cpu_s fc_MB xl_MB ratio
for f in bench-rss.xml bench-atom.xml; do
	set -- $(measure "$fc" "$work/$f")
	fs=$1 fm=$2
	set -- $(measure xmllint --noout --stream "$work/$f")
	xs=$1 xm=$2
	size=$(wc -c <"$work/$f")
	awk -v f="$f" -v b="$size" -v fs="$fs" -v xs="$xs" -v fm="$fm" -v xm="$xm" 'BEGIN {
		r = xs > 0 ? fs / xs : 0
		printf "%-16s %9d %10.3f %10.3f %10.1f %8.1f %7.2fx%s\n", f, b, fs, xs,
		       fm / 1024, xm / 1024, r,
		       (r <= 2 && fm / 1024 < 32) ? "" : "  (over the goal)"
	}'
	if [ "${CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
		for p in "$fc" "xmllint --noout --stream"; do
			valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
				$p "$work/$f" >/dev/null 2>&1 || true
			callgrind_annotate "$work/cg.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
		done | paste - - | awk -v f="$f" '{ printf "%-16s instructions: feedcheck %.0fM, xmllint %.0fM, ratio %.2fx\n", f, $1 / 1e6, $2 / 1e6, $1 / $2 }'
		rm -f "$work/cg.out"
	fi
done
