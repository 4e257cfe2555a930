#!/bin/sh
# Every fuzz corpus input and every saved crash, run once through its
# libFuzzer target (make fuzz-regress): crashes found stay fixed.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 1
if ! command -v clang >/dev/null 2>&1; then
	skip "fuzz corpus and crashes" "clang is not installed (setup.sh installs it)"
	finish
fi
make -s fuzz-regress >"$tmp/regress" 2>&1
st=$?
while read -r word target rest; do
	case $word in
	PASS) ok "fuzz corpus and crashes: $target" ;;
	FAIL) not_ok "fuzz corpus and crashes: $target $rest" ;;
	esac
done <"$tmp/regress"
if [ "$st" -ne 0 ] && [ "$failed" -eq 0 ]; then
	not_ok "make fuzz-regress failed"; tail -20 "$tmp/regress" | sed 's/^/#   /'
fi
finish
