#!/bin/sh
# tests/run.sh - run every test (unit binaries given as arguments, then the
# shell suites under tests/, or those of $SUITES), count TAP lines, and
# close with the plain "N passed, N failed" line.  Skipped tests ("ok N - what # SKIP why") count
# as passed; each reason is said once, with how many tests it skipped.
# Exits non-zero if anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
log=${TMPDIR:-/tmp}/feedtools-check.$$
: >"$log.skip"
trap 'rm -f "$log" "$log.skip"' EXIT
pass=0 fail=0 bad=""
run() {
	name=$1; shift
	"$@" >"$log" 2>&1
	st=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	s=$(grep -c '^ok .*# SKIP' "$log")
	grep '^ok .*# SKIP' "$log" | sed 's/.*# SKIP *//' >>"$log.skip"
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $st" >>"$log"
	fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" -ne 0 ]; then
		bad="$bad $name"
		echo "FAIL $name ($p passed, $f failed)"
		grep -v '^ok ' "$log" | sed 's/^/    /' | head -60
	else
		sk=; [ "$s" -gt 0 ] && sk=", $s of them skipped"
		echo "PASS $name ($p passed$sk)"
	fi
}
for t in "$@"; do
	run "$(basename "$t")" "$t"
done
# SUITES="tests/a.sh ..." runs those suites alone (make check-deb)
for t in ${SUITES:-"$top"/tests/*.sh}; do
	# package.sh installs the Debian packages on the machine: make
	# check-deb names it
	case ${SUITES:-}:$t in :*/run.sh|:*/lib.sh|:*/package.sh) continue ;; esac
	run "$(basename "$t")" sh "$t"
done
sort "$log.skip" | uniq -c | sed 's/^ *\([0-9]*\) /skipped \1: /'
[ -n "$bad" ] && echo "failed:$bad"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
