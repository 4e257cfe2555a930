#!/bin/sh
# tests/conformance.sh - run bin/feedcheck over the W3C Feed Validation
# Service cases in ../shared/conformance/w3c and compare its verdict (exit
# status 1 or not) with manifest.tsv.  Prints agreement overall, by format
# (first path component) and by basis; fails when overall agreement is
# below the floor in tests/conformance.floor (which only ever goes up).
#
#   VERBOSE=1 sh tests/conformance.sh    also list every disagreement
# Without ../shared both tests are skipped, saying where it was looked for.
. "$(dirname "$0")/lib.sh"
w3c=$SHARED/conformance/w3c
floor=$(cat "$top/tests/conformance.floor")
need_program "$fc"
if ! need_shared "every case gives a verdict" conformance/w3c/manifest.tsv; then
	skip "agreement with the W3C validator at or above the floor" "$shared_why"
	finish
fi
# one line per case: path verdict basis got
tail -n +2 "$w3c/manifest.tsv" | while IFS='	' read -r path verdict basis expect desc; do
	"$fc" -q --format text "$w3c/testcases/$path" >/dev/null 2>&1
	case $? in
	0) got=noerror ;;
	1) got=error ;;
	*) got=crash ;;
	esac
	printf '%s\t%s\t%s\t%s\t%s\n' "$path" "$verdict" "$basis" "$got" "$expect"
done >"$tmp/cases"
# the summary as comments, then one line "CRASHES AGREE TOTAL"
awk -F'\t' -v verbose="${VERBOSE:-0}" '
{
	split($1, p, "/"); f = p[1]; ok = ($2 == $4)
	tot++; agree += ok
	ft[f]++; fa[f] += ok
	bt[$3]++; ba[$3] += ok
	if ($4 == "crash") crash++
	if (!ok && verbose) printf "# disagree: %s %s/%s got %s %s\n", $1, $2, $3, $4, $5
}
END {
	printf "# overall: %d/%d = %.1f%%\n", agree, tot, 100 * agree / tot
	for (f in ft) printf "# format %-6s %d/%d = %.1f%%\n", f, fa[f], ft[f], 100 * fa[f] / ft[f]
	for (b in bt) printf "# basis  %-6s %d/%d = %.1f%%\n", b, ba[b], bt[b], 100 * ba[b] / bt[b]
	printf "%d %d %d\n", crash, agree, tot
}' "$tmp/cases" >"$tmp/summary"
grep '^#' "$tmp/summary"
set -- $(tail -n 1 "$tmp/summary")
crash=$1 agree=$2 tot=$3
if [ "$crash" -eq 0 ]; then ok "every case gave a verdict"
else not_ok "$crash cases exited with a status other than 0 or 1"; fi
pct=$(awk -v a="$agree" -v t="$tot" 'BEGIN { printf "%.1f", 100 * a / t }')
if awk -v a="$agree" -v t="$tot" -v f="$floor" 'BEGIN { exit !(100 * a / t + 0.0001 >= f) }'; then
	ok "agreement $pct% >= floor $floor%"
else
	not_ok "agreement $pct% below floor $floor%"
fi
finish
