#!/bin/sh
# tests/valgrind/run.sh - what `make valgrind` runs once the programs are
# built without a sanitizer in VG/real/ (the Makefile's valgrind-build):
# the SUITES with bin/feedgen and bin/feedcheck run under valgrind.
#
#   VALGRIND=valgrind VALGRIND_FLAGS='...' sh tests/valgrind/run.sh VG SUITE...
#
# The suites run from a mirror of the tree under VG/tree/: symbolic links
# to everything but bin/, which holds wrappers that exec valgrind on
# VG/real/PROGRAM (every suite takes its programs from $FEEDTOOLS_BIN,
# tests/lib.sh).  FEEDTOOLS_VALGRIND=1 is set, so that a suite can skip
# its peak-memory bounds, which valgrind's own memory breaks.  Each
# process writes VG/logs/PROGRAM.PID; with -q a log is empty unless
# valgrind found something.  Prints PASS or FAIL per suite and the
# processes with findings; exits non-zero on a failed suite or a finding.
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
vg=$(cd "$1" && pwd)
shift
VALGRIND=${VALGRIND:-valgrind}
command -v "$VALGRIND" >/dev/null || { echo "valgrind: not installed"; exit 1; }

rm -rf "$vg/tree" "$vg/shared" "$vg/logs"
mkdir -p "$vg/tree/bin" "$vg/tree/tests" "$vg/logs"
for f in "$top"/*; do
	case ${f##*/} in bin|build|tests) ;; *) ln -s "$f" "$vg/tree/" ;; esac
done
for f in "$top"/tests/*; do ln -s "$f" "$vg/tree/tests/"; done
for p in feedgen feedcheck; do
	printf '#!/bin/sh\nexec %s %s --log-file=%s/logs/%s.%%p %s/real/%s "$@"\n' \
		"$VALGRIND" "${VALGRIND_FLAGS:-}" "$vg" "$p" "$vg" "$p" >"$vg/tree/bin/$p"
	chmod +x "$vg/tree/bin/$p"
done

set +e
failed=""
for s in "$@"; do
	log=$vg/${s##*/}.log
	if LC_ALL=C TZ=UTC FEEDTOOLS_VALGRIND=1 FEEDTOOLS_BIN="$vg/tree/bin" \
		FEEDTOOLS_SHARED=${FEEDTOOLS_SHARED:-$(cd "$top/.." && pwd)/shared} \
		sh "$vg/tree/$s" >"$log" 2>&1; then
		echo "PASS $s ($(grep -c '^ok ' "$log") passed)"
	else
		echo "FAIL $s (see $log)"
		grep '^not ok' "$log" | head -20 | sed 's/^/    /'
		failed="$failed $s"
	fi
done
runs=$(ls "$vg/logs" | wc -l)
bad=$(find "$vg/logs" -type f -size +0 | sort)
echo "valgrind: $runs processes, $(echo $bad | wc -w) with findings"
for f in $bad; do
	echo "== $f"
	head -40 "$f"
done
[ -z "$failed" ] && [ -z "$bad" ]
