#!/bin/sh
# tests/conformance.sh - run bin/feedcheck over the W3C Feed Validation
# Service cases in ../shared/conformance/w3c and compare its verdict (exit
# status 1 or not) with manifest.tsv.  Prints agreement overall, by format
# (first path component) and by basis; fails when overall agreement is
# below the floor in tests/conformance.floor (which only ever goes up).
#
#   VERBOSE=1 sh tests/conformance.sh    also list every disagreement
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
w3c=$top/../shared/conformance/w3c
fc=$top/bin/feedcheck
floor=$(cat "$top/tests/conformance.floor")
n=0
if [ ! -f "$w3c/manifest.tsv" ] || [ ! -x "$fc" ]; then
	echo "not ok 1 - conformance cases or bin/feedcheck missing"
	exit 1
fi
tmp=${TMPDIR:-/tmp}/feedcheck-conf.$$
trap 'rm -f "$tmp"' EXIT INT TERM
# one line per case: path verdict basis got
tail -n +2 "$w3c/manifest.tsv" | while IFS='	' read -r path verdict basis expect desc; do
	"$fc" -q --format text "$w3c/testcases/$path" >/dev/null 2>&1
	case $? in
	0) got=noerror ;;
	1) got=error ;;
	*) got=crash ;;
	esac
	printf '%s\t%s\t%s\t%s\t%s\n' "$path" "$verdict" "$basis" "$got" "$expect"
done >"$tmp"
awk -F'\t' -v floor="$floor" -v verbose="${VERBOSE:-0}" '
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
	pct = 100 * agree / tot
	if (crash) printf "not ok 1 - %d cases exited with a status other than 0 or 1\n", crash
	else printf "ok 1 - every case gave a verdict\n"
	if (pct + 0.0001 >= floor) printf "ok 2 - agreement %.1f%% >= floor %s%%\n", pct, floor
	else printf "not ok 2 - agreement %.1f%% below floor %s%%\n", pct, floor
	exit (crash || pct + 0.0001 < floor) ? 1 : 0
}' "$tmp"
