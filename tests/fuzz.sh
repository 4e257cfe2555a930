#!/bin/sh
# Every fuzz corpus input and every saved crash, run once through its
# libFuzzer target (make fuzz-regress): crashes found stay fixed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
if ! command -v clang >/dev/null 2>&1; then
	echo "ok 1 - # SKIP clang is not installed (setup.sh installs it)"
	echo "1..1"
	exit 0
fi
n=0 failed=0
make -s fuzz-regress >"${TMPDIR:-/tmp}/fuzz-regress.$$" 2>&1
st=$?
while read -r word target rest; do
	case $word in
	PASS) n=$((n + 1)); echo "ok $n - fuzz corpus and crashes: $target" ;;
	FAIL) n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - fuzz corpus and crashes: $target $rest" ;;
	esac
done <"${TMPDIR:-/tmp}/fuzz-regress.$$"
if [ "$st" -ne 0 ] && [ "$failed" -eq 0 ]; then
	n=$((n + 1)); failed=1
	echo "not ok $n - make fuzz-regress failed"; tail -20 "${TMPDIR:-/tmp}/fuzz-regress.$$" | sed 's/^/#   /'
fi
rm -f "${TMPDIR:-/tmp}/fuzz-regress.$$"
echo "1..$n"
[ "$failed" -eq 0 ]
