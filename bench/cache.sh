#!/bin/sh
# --cache benchmark (issue 26): 1,000 unchanged URLs over loopback, a first
# run that fills the cache and a second that sends conditional requests.
#
# usage: bench/cache.sh [N]
#
#   N   number of feed URLs (default 1000, or $BENCH_URLS)
#
# Environment: BENCH_PORTS (server processes, default 4), BENCH_ITEMS
# (items per feed, default 200: about 50 KB, a common feed's size),
# BENCH_FEEDCHECK (the binary, default bin/feedcheck).
#
# tests/delivery/server.py serves one feed under every /feeds/K path, with
# an ETag and a Last-Modified, gzip when asked, and 304 Not Modified when
# they match (RFC 9110 section 13.1.2), as a feed's server should.  The URLs
# are spread over BENCH_PORTS server processes (feedcheck asks at most 2
# at once of one host).  Measured, wall clock, one run each, in this order:
#   feedcheck --cache DIR --urls LIST -j 8    first: every feed fetched,
#                                              checked and remembered
#   feedcheck --cache DIR --urls LIST -j 8    second: every feed a 304,
#                                              reported from the cache
# The goal (issue 26): the second at most 25% of the first.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

N=${1:-${BENCH_URLS:-1000}}
PORTS=${BENCH_PORTS:-4}
ITEMS=${BENCH_ITEMS:-200}
FC=${BENCH_FEEDCHECK:-bin/feedcheck}
case $N in *[!0-9]* | '' | 0) echo "bench: N must be a positive number" >&2; exit 2 ;; esac
[ -x "$FC" ] || { echo "bench: $FC not built (make)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/feedtools-cache-bench.XXXXXX")
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

ports=
i=1
while [ $i -le "$PORTS" ]; do
	python3 tests/delivery/server.py "$work/port$i" "$work/log$i" --no-tls \
		--big "$ITEMS" --lifetime 900 >/dev/null 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
i=1
while [ $i -le "$PORTS" ]; do
	k=0
	while [ ! -s "$work/port$i" ] && [ $k -lt 300 ]; do sleep 0.1; k=$((k + 1)); done
	ports="$ports $(sed -n 1p "$work/port$i")"
	i=$((i + 1))
done
set -- $ports
k=0
while [ $k -lt "$N" ]; do
	eval "p=\${$((k % PORTS + 1))}"
	echo "http://127.0.0.1:$p/feeds/$k"
	k=$((k + 1))
done >"$work/list"

ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }
t0=$(ms)
"$FC" --cache "$work/cache" --urls "$work/list" -j 8 --format jsonl >"$work/first" || true
t1=$(ms)
"$FC" --cache "$work/cache" --urls "$work/list" -j 8 --format jsonl >"$work/second" || true
t2=$(ms)
first=$((t1 - t0)) second=$((t2 - t1))
unchanged=$(grep -c '"unchanged":true' "$work/second" || true)
echo "cache bench: $N URLs over $PORTS loopback ports, $ITEMS items a feed"
echo "  first run  (fetch, check, remember): $first ms"
echo "  second run (304, from the cache):    $second ms ($unchanged of $N unchanged)"
python3 -c "import sys; f, s = int(sys.argv[1]), int(sys.argv[2]); r = s / f if f else 0; print('  second / first: %.1f%% (goal: at most 25%%) %s' % (100 * r, 'ok' if r <= 0.25 else 'OVER'))" "$first" "$second"
echo "  cache: $(du -k "$work/cache/feedcheck-cache.sqlite" | cut -f1) KB"
