#!/bin/sh
# bench/serve.sh - feedcheck --serve under load: checks per second and the
# 50th and 99th percentile latency of POST /check with a 50 KB RSS feed
# (bench/gen_feed.py, 90 items of Chinese text) at 1, 8 and 64 clients
# at once, with wrk (Debian's; keep-alive connections, latency measured
# per request); the CPU time of the server and of wrk itself (the load
# generator shares the machine's cores); and the server's resident
# memory after 10,000 and after 100,000 requests (it must stay flat:
# nothing is kept between requests).  Goal (issue 27): at least 500
# checks/s with p99 under 50 ms at 8 clients on a 2-core machine.  Not a
# timed test: run by hand.
#
#   sh bench/serve.sh [SECONDS]     (each measured run; default 10)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-10}
work=$top/bench/work/serve
fc=$top/bin/feedcheck
mkdir -p "$work"
[ -x "$fc" ] || { echo "build bin/feedcheck first (make)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk; setup.sh installs it)" >&2; exit 2; }
python3 "$top/bench/gen_feed.py" "$work" 90 >/dev/null
feed=$work/bench-rss.xml
cat >"$work/post.lua" <<EOF2
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/rss+xml"
local f = io.open("$feed", "rb")
wrk.body = f:read("*a")
f:close()
EOF2

"$fc" --no-config --serve 127.0.0.1:0 --rate 0 --max-checks 256 2>"$work/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
i=0 url=
while [ $i -lt 100 ] && [ -z "$url" ]; do
	url=$(sed -n 's|^feedcheck: serving on \(http://[^ ]*/\) .*|\1check|p' "$work/serve.log" 2>/dev/null || true)
	sleep 0.1
	i=$((i + 1))
done
[ -n "$url" ] || { echo "the service did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
# the log line per request goes to a file, as a unit's journal would take it
total=0
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }   # clock ticks
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
hz=$(getconf CLK_TCK)

# load C SECONDS: wrk's figures into $work/wrk.out; adds to total
load() {
	/usr/bin/time -f '%U %S' -o "$work/wrk.time" \
		wrk -t "$(( $1 < 2 ? 1 : 2 ))" -c "$1" -d "${2}s" --latency \
		-s "$work/post.lua" "$url" >"$work/wrk.out"
	n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk.out")
	total=$((total + n))
	if grep -q 'Non-2xx' "$work/wrk.out"; then
		echo "  ($(grep 'Non-2xx' "$work/wrk.out" | tr -s ' '))"
	fi
}
# to N: load at 8 clients until total >= N requests
to() {
	while [ "$total" -lt "$1" ]; do load 8 5; done
}

echo "feedcheck --serve: POST /check, $(wc -c <"$feed" | tr -d ' ') byte RSS feed, $(nproc) cores, ${secs} s a run"
to 10000
echo "after $total requests: server RSS $(rss) KB"
printf '%-8s %10s %9s %9s %12s %12s\n' clients checks/s p50 p99 server-cpu wrk-cpu
for c in 1 8 64; do
	c0=$(cpu)
	load "$c" "$secs"
	c1=$(cpu)
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$work/wrk.out")
	p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.out")
	p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")
	printf '%-8s %10s %9s %9s %11.0f%% %11.0f%%\n' "$c" "$rps" "$p50" "$p99" \
		"$(echo "($c1 - $c0) / $hz / $secs * 100" | bc -l)" \
		"$(awk -v s="$secs" '{ print ($1 + $2) / s * 100 }' "$work/wrk.time")"
done
to 100000
echo "after $total requests: server RSS $(rss) KB"
echo "log: $(wc -l <"$work/serve.log") lines in $work/serve.log"
