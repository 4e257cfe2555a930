#!/bin/sh
# Fetch benchmark (issue 4): feedcheck over 1,000 feeds from loopback servers.
#
# usage: bench/fetch.sh [N]
#
#   N   number of feed URLs (default 1000, or $BENCH_URLS)
#
# Environment: BENCH_PORTS (server processes, default 4), BENCH_RUNS
# (measured runs per variant, best kept, default 3), BENCH_FEEDCHECK (the
# binary, default bin/feedcheck).
#
# tests/http/server.py serves the same 20-item RSS feed (about 5 KB) under
# every /feeds/K.xml path.  feedcheck fetches at most 2 URLs at once from
# one scheme://host:port (issue 4), so a single port caps -j 8 at 2 in
# flight; the list is therefore spread round-robin over BENCH_PORTS server
# processes (4 ports x 2 = 8), and a one-port run shows the cap's effect.
#
# Measured, wall clock for the whole list:
#   feedcheck --urls LIST -j 8      the concurrent fetcher (multi interface)
#   feedcheck --urls LIST -j 1      the same list one by one
#   feedcheck --urls LIST -j 8      with every URL on one port (the cap)
#   curl -s URL | xmllint --noout -   a shell loop, one pair of processes
#                                     per feed: fetch and well-formedness only
# feedcheck does more per feed than xmllint (every RSS rule, the encoding
# checks, the HTTP findings), so the loop is a floor, not a like-for-like.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

N=${1:-${BENCH_URLS:-1000}}
PORTS=${BENCH_PORTS:-4}
RUNS=${BENCH_RUNS:-3}
FC=${BENCH_FEEDCHECK:-bin/feedcheck}
case $N in *[!0-9]* | '' | 0) echo "bench: N must be a positive number" >&2; exit 2 ;; esac
case $PORTS in *[!0-9]* | '' | 0) echo "bench: BENCH_PORTS must be a positive number" >&2; exit 2 ;; esac
[ -x "$FC" ] || { echo "bench: $FC not built (make)" >&2; exit 1; }
for t in python3 curl xmllint; do
	command -v $t >/dev/null 2>&1 || { echo "bench: $t is missing" >&2; exit 1; }
done

W=$(mktemp -d "${TMPDIR:-/tmp}/feedcheck-bench.XXXXXX")
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || :; done
	for p in $pids; do wait "$p" 2>/dev/null || :; done
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- servers ---------------------------------------------------------------

ports=
k=0
while [ $k -lt "$PORTS" ]; do
	python3 tests/http/server.py "$W/port$k" --lifetime 3600 >"$W/server$k.log" 2>&1 &
	pids="$pids $!"
	k=$((k + 1))
done
k=0
while [ $k -lt "$PORTS" ]; do
	i=0
	while [ ! -s "$W/port$k" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$W/port$k" ] || { echo "bench: server $k did not start" >&2; exit 1; }
	ports="$ports $(sed -n 1p "$W/port$k")"
	k=$((k + 1))
done
first=$(echo $ports | cut -d' ' -f1)

# --- lists -------------------------------------------------------------------

# round-robin over the ports; and the same paths on the first port only
echo $ports | awk -v n="$N" '{
	for (i = 0; i < n; i++)
		printf "http://127.0.0.1:%s/feeds/%d.xml\n", $((i % NF) + 1), i
}' >"$W/list"
awk -v n="$N" -v p="$first" 'BEGIN {
	for (i = 0; i < n; i++) printf "http://127.0.0.1:%s/feeds/%d.xml\n", p, i
}' >"$W/list1"

# --- measuring ---------------------------------------------------------------

now_ms() { date +%s%3N; }

# best NAME CMD...: warm-up, then RUNS runs; prints the best time in ms
best() {
	name=$1
	shift
	"$@" >/dev/null 2>"$W/$name.err" || { echo "bench: $name failed" >&2; cat "$W/$name.err" >&2; exit 1; }
	b=
	r=0
	while [ $r -lt "$RUNS" ]; do
		t0=$(now_ms)
		"$@" >/dev/null 2>"$W/$name.err" || { echo "bench: $name failed" >&2; exit 1; }
		t=$(($(now_ms) - t0))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
		r=$((r + 1))
	done
	echo "$b"
}

curl_loop() {
	while read -r u; do
		curl -s "$u" | xmllint --noout - || return 1
	done <"$1"
}

# every feed must come back clean, or the figures mean nothing
"$FC" --urls "$W/list" -j 8 --format jsonl >"$W/check.jsonl" 2>"$W/check.err" ||
	{ echo "bench: feedcheck reported problems:" >&2; head -5 "$W/check.jsonl" "$W/check.err" >&2; exit 1; }
lines=$(wc -l <"$W/check.jsonl" | tr -d ' ')
[ "$lines" = "$N" ] || { echo "bench: $lines reports for $N URLs" >&2; exit 1; }

echo "bench: $N URLs, $PORTS server ports, best of $RUNS runs after a warm-up" >&2
j8=$(best j8 "$FC" --urls "$W/list" -j 8 -q)
j1=$(best j1 "$FC" --urls "$W/list" -j 1 -q)
j8one=$(best j8one "$FC" --urls "$W/list1" -j 8 -q)
loop=$(best loop curl_loop "$W/list")

echo
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "peers:   $(curl --version | head -n 1 | cut -d' ' -f1-2), xmllint $(xmllint --version 2>&1 | head -n 1 | sed 's/.*version //')"
echo "feed:    $(curl -s "http://127.0.0.1:$first/feeds/0.xml" | wc -c | tr -d ' ') bytes, 20 items, served by tests/http/server.py"
echo
awk -v n="$N" -v j8="$j8" -v j1="$j1" -v one="$j8one" -v loop="$loop" -v ports="$PORTS" 'BEGIN {
	printf "%-42s %9s %11s %8s\n", "variant", "time(s)", "feeds/s", "vs -j 8"
	row("feedcheck -j 8 (" ports " ports)", j8)
	row("feedcheck -j 1", j1)
	row("feedcheck -j 8, one port (2 per host)", one)
	row("curl -s | xmllint --noout - loop", loop)
	printf "\n-j 8 is %.1fx -j 1 and %.1fx the curl | xmllint loop\n", j1 / j8, loop / j8
}
function row(name, ms) {
	printf "%-42s %9.2f %11.0f %7.1fx\n", name, ms / 1000, n * 1000 / ms, ms / j8
}'
