#!/bin/sh
# tests/faults_feedcheck.sh - faults the feedcheck program meets: every
# input bounded (a FIFO, a file: URL to a FIFO, a pipe, /dev/zero, a folder,
# a 2 GB file), Retry-After as feedcheck.1 says, and the responses that
# break HTTP reported as what they are (a body at a byte a second, headers
# at a line a second, a 100 MB header, HTTP/0.9 and binary status lines,
# two Content-Lengths), each in the one form with its rule id.  The
# scripts of ../shared/repro/ that reproduced them (a FIFO, Retry-After)
# are run too when they are there.  Prints TAP lines.
. "$(dirname "$0")/lib.sh"
server_pid=
at_exit '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null'
need_program "$fc"

# bounded SECONDS ARGS...: run (lib.sh) within SECONDS
bounded() {
	RUN_TIMEOUT=$1
	shift
	run "$@"
}
# form RULE WHAT: the finding is on standard output, in the one form, and
# standard error is empty
form() {
	if grep -Eq "^[^ ].*: error: .* \\[$1\\]\$" "$tmp/out" && [ ! -s "$tmp/err" ]; then
		ok "$2: one line with its rule on standard output [$1]"
	else
		not_ok "$2: no '... error: ... [$1]' line on standard output alone"
		sed 's/^/#   /' "$tmp/out" "$tmp/err" | head -8
	fi
}
within() { # within MS WHAT
	if [ "$ms" -lt "$1" ]; then ok "$2: ${ms} ms < $1 ms"
	else not_ok "$2: ${ms} ms, not under $1 ms"; fi
}
after() { # after MS WHAT: not given up before MS
	if [ "$ms" -ge "$1" ]; then ok "$2: ${ms} ms >= $1 ms"
	else not_ok "$2: ended after ${ms} ms, before $1 ms"; fi
}

# ---- a FIFO, as a file and as a file: URL, is bounded
mkfifo "$tmp/f.xml"
bounded 20 --stall-timeout 2 "$tmp/f.xml"
status 3 "a FIFO nobody writes to"
form io-timeout "a FIFO nobody writes to"
contains "$tmp/out" "(--stall-timeout)" "a FIFO: the message names the option"
within 6000 "a FIFO: given up after the stall timeout"
bounded 20 --max-time 3 --stall-timeout 60 "file://$tmp/f.xml"
status 3 "a file: URL to a FIFO, --max-time 3"
form io-timeout "a file: URL to a FIFO"
contains "$tmp/out" "(--max-time)" "a file: URL to a FIFO: the message names --max-time"
within 7000 "a file: URL to a FIFO: given up after --max-time"
after 2800 "a file: URL to a FIFO: not before --max-time"
# a writer that comes late is waited for; one that comes and goes is read
( sleep 1; cat "$top/tests/feedcheck/valid-rss.xml" >"$tmp/f.xml" ) &
bounded 20 "$tmp/f.xml"
status 0 "a FIFO written to a second later is read"
contains "$tmp/out" "valid RSS 2.0" "a FIFO written to later: its verdict"
wait
# a writer that never closes, and sends nothing more
( exec 3>"$tmp/f.xml"; printf '<rss version="2.0">' >&3; sleep 8 ) &
w=$!
bounded 20 --stall-timeout 2 "$tmp/f.xml"
status 3 "a FIFO whose writer stops without closing"
form io-timeout "a FIFO whose writer stops"
kill $w 2>/dev/null; wait $w 2>/dev/null
# a pipe, as <(...) gives it
if command -v bash >/dev/null 2>&1; then
	timeout 20 bash -c '"$1" <(cat "$2")' sh "$fc" "$top/tests/feedcheck/valid-rss.xml" >"$tmp/out" 2>"$tmp/err"
	st=$?
	status 0 "feedcheck <(cat feed.xml)"
	contains "$tmp/out" ": valid RSS 2.0" "feedcheck <(...): its verdict"
else
	skip "feedcheck <(cat feed.xml)" "bash is not installed"
fi
cat "$top/tests/feedcheck/invalid-rss.xml" | timeout 20 "$fc" --stall-timeout 2 - >"$tmp/out" 2>"$tmp/err"
st=$?
status 1 "a pipe on standard input"

# ---- /dev/zero, a folder, a 2 GB file: a severity and a rule id
if [ -r /dev/zero ]; then
	bounded 60 /dev/zero
	status 3 "/dev/zero"
	form io-too-large "/dev/zero"
else
	skip "/dev/zero" "no /dev/zero"
fi
mkdir "$tmp/dir"
bounded 20 "file://$tmp/dir"
status 3 "a file: URL to a folder"
form io-not-a-file "a file: URL to a folder"
timeout 20 "$fc" - <"$tmp/dir" >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "a folder on standard input"
form io-not-a-file "a folder on standard input"
bounded 20 "$tmp/dir"
status 3 "a folder with no feed file in it"
form io-empty-folder "a folder with no feed file in it"
if truncate -s 2G "$tmp/big.xml" 2>/dev/null; then
	bounded 20 "$tmp/big.xml"
	status 3 "a 2 GB file"
	form io-too-large "a 2 GB file"
	within 5000 "a 2 GB file: refused before it is read"
	rm -f "$tmp/big.xml"
else
	skip "a 2 GB file" "truncate cannot make a sparse file here"
fi
bounded 20 --format json "$tmp/no-such.xml"
check "json: a missing file is an io-error finding" sh -c "grep -q '\"rule\": \"io-error\"' '$tmp/out'"

# ---- the loopback server's broken responses
if ! command -v python3 >/dev/null 2>&1; then
	skip "broken HTTP responses" "python3 is needed for the test server"
	finish
fi
python3 "$top/tests/http/server.py" "$tmp/port" --lifetime 300 >"$tmp/server.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$tmp/port" ]; then
	not_ok "the test server did not start"
	finish
fi
base=http://127.0.0.1:$(sed -n 1p "$tmp/port")

bounded 30 --stall-timeout 2 --max-time 4 "$base/fault/slow-body"
status 3 "a body at a byte a second"
form http-timeout "a body at a byte a second"
lacks "$tmp/out" "sent no data" "a byte a second is not called a stall"
after 3800 "a byte a second: read until --max-time"
bounded 30 --stall-timeout 2 --max-time 20 "$base/fault/slow-headers"
status 0 "headers at a line a second, stall timeout 2 s"
lacks "$tmp/out" "http-stall" "headers at a line a second are not a stall"
bounded 30 "$base/fault/huge-header"
status 3 "a 100 MB response header"
form http-too-large "a 100 MB response header"
lacks "$tmp/out" "out of memory" "a 100 MB header is not called out of memory"
within 10000 "a 100 MB header: given up early"
for f in http09:"an HTTP/0.9 response" binary-status:"a binary status line"; do
	bounded 20 "$base/fault/${f%%:*}"
	status 3 "${f#*:}"
	form http-transfer-failed "${f#*:}"
	lacks "$tmp/out" "is not an http, https or file URL" "${f#*:}: the URL is not blamed"
done
bounded 20 "$base/fault/two-lengths"
status 3 "two different Content-Length headers"
form http-transfer-failed "two different Content-Length headers"
contains "$tmp/out" "Content-Length" "two Content-Lengths: named in the message"

# ---- Retry-After as feedcheck.1 says
retries() { python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" "$base/fault/retry-count-$1" 2>/dev/null; }
for r in none huge text hour; do
	bounded 20 "$base/fault/retry-after-$r"
	status 3 "503 with Retry-After $r"
	lacks "$tmp/out" "[http-retry]" "503 with Retry-After $r: not retried"
	contains "$tmp/out" "not retried:" "503 with Retry-After $r: says why it was not retried"
	seen=$(retries "$r")
	check "503 with Retry-After $r: one request (saw ${seen:-?})" test "${seen:-0}" = 1
done
bounded 20 "$base/fault/retry-after-zero"
status 3 "503 with Retry-After 0, for ever"
check "503 with Retry-After 0: retried twice" test "$(grep -c '\[http-retry\]' "$tmp/out")" = 2
check "503 with Retry-After 0: three requests" test "$(retries zero)" = 3
bounded 20 "$base/fault/retry-after-past"
check "503 with a Retry-After date in the past: retried at once" test "$(grep -c '\[http-retry\]' "$tmp/out")" = 2

# ---- the reproductions themselves, when ../shared is there
if need_shared "a FIFO, the reproduction" repro/B7_feedcheck_fifo.sh; then
	# the script's first call has no option and a timeout of 10 s, the
	# default stall timeout: give the stall timeout its own value
	FC="$fc --stall-timeout 3" timeout 60 sh "$SHARED/repro/B7_feedcheck_fifo.sh" >"$tmp/b7" 2>&1
	check "a FIFO, the reproduction: both calls end by themselves with status 3" \
		test "$(grep -c 'rc=3 ' "$tmp/b7")" = 2
fi
if need_shared "Retry-After, the reproduction" repro/B15_retry_after.sh; then
	FC="$fc" timeout 60 sh "$SHARED/repro/B15_retry_after.sh" >"$tmp/b15" 2>&1
	check "Retry-After, the reproduction: no retry without one, with a huge or an hour's one" \
		test "$(grep -c ': retries=0$' "$tmp/b15")" = 3
fi
finish
