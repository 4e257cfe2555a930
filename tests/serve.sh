#!/bin/sh
# tests/serve.sh - feedcheck --serve over loopback: the form page and its
# headers (Content-Security-Policy, nosniff, no referrer, never framed),
# POST /check and GET /check?url= answering --format json (byte for byte
# the command line's for the same bytes), every ?format=, Accept:
# text/html, the refusals (405, 404, 413 with and without a
# Content-Length, 429 with Retry-After under --rate 3, 503 with
# Retry-After past --max-checks), one escaped log line per request,
# SIGTERM's clean stop; the address policy with no exception for
# loopback or private addresses (and --allow-private lifting it for
# loopback only), file: and other schemes never opened, strace showing
# that no connection was attempted; and headless Chromium using the page
# (tests/consumers/serve_browser.js): a pasted, an uploaded and a fetched
# feed checked through the form, no console error, no script of a feed
# run, readable at a phone's width.
#
# The suite runs inside a network namespace with only loopback up
# (unshare -n, root), as tests/ssrf.sh does, so that no packet can leave
# 127.0.0.0/8; without one, the cases about addresses beyond loopback
# are skipped, saying why.  The npm packages of the browser test are
# installed (tests/consumers/install.sh) before the namespace is entered.
# Prints TAP lines; exits non-zero when a case fails.
if [ "${FEEDTOOLS_NETNS:-}" != 1 ]; then
	FEEDTOOLS_CONSUMERS=$(sh "$(dirname "$0")/consumers/install.sh" 2>&1) &&
		FEEDTOOLS_CONSUMERS=ok
	export FEEDTOOLS_CONSUMERS
	if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
	   command -v ip >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
		exec unshare -n env FEEDTOOLS_NETNS=1 sh "$0" "$@"
	fi
fi
. "$(dirname "$0")/lib.sh"
need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "feedcheck --serve" "python3 is needed for the test's client and server"
	finish
fi
netns=
if [ "${FEEDTOOLS_NETNS:-}" = 1 ]; then
	if ip link set lo up 2>/dev/null && [ "$(ip -o link show up | grep -vc ': lo:')" = 0 ]; then
		netns=1
		ok "inside a network namespace with loopback only"
	else
		not_ok "cannot bring loopback up in the namespace"
		finish
	fi
fi
req=$top/tests/serve/req.py
d=$top/tests/feedcheck

# the feeds the services fetch, from the loopback file server
www=$tmp/www
mkdir -p "$www"
cp "$d/valid-rss.xml" "$d/invalid-rss.xml" "$top/tests/reports/script.xml" "$www/"
start_server "$top/tests/podcast/server.py" "$www" --lifetime 300 || finish
pa=$(sed -n 1p "$tmp/port")
A=http://127.0.0.1:$pa
count() { python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" "$A/count/$1"; }

# start NAME ARGS...: feedcheck --serve 127.0.0.1:0 ARGS in the background,
# standard error in $tmp/NAME.log; sets spid and S (its base URL)
start() {
	s_name=$1
	shift
	${SERVE_WRAP:-} "$fc" --no-config --serve 127.0.0.1:0 "$@" 2>"$tmp/$s_name.log" &
	spid=$!
	# under strace (which blocks fatal signals with -o): feedcheck is
	# its child, whose end ends strace
	if [ -n "${SERVE_WRAP:-}" ]; then
		at_exit "kill \$(ps -o pid= --ppid $spid) 2>/dev/null; wait $spid 2>/dev/null"
	else
		at_exit "kill $spid 2>/dev/null; wait $spid 2>/dev/null"
	fi
	s_i=0 S=
	while [ $s_i -lt 300 ]; do
		S=$(sed -n 's|^feedcheck: serving on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$tmp/$s_name.log")
		[ -n "$S" ] && return 0
		kill -0 "$spid" 2>/dev/null || break
		sleep 0.1
		s_i=$((s_i + 1))
	done
	not_ok "feedcheck --serve $* starts"
	sed 's/^/# /' "$tmp/$s_name.log" | head -5
	finish
}
# ask METHOD URL [ARGS...]: req.py into $tmp/r/; $code the status
ask() {
	rm -rf "$tmp/r" && mkdir -p "$tmp/r"
	code=$(python3 "$req" "$tmp/r" "$@" 2>"$tmp/r/err") || code=000
}
code_is() { # code_is WANT WHAT
	if [ "$code" = "$1" ]; then ok "$2 ($1)"
	else not_ok "$2 ($code, want $1)"; head -c 600 "$tmp/r/body" 2>/dev/null | sed 's/^/# /'; sed 's/^/# /' "$tmp/r/err"; fi
}
header_is() { # header_is NAME VALUE WHAT
	if grep -qixF "$1: $2" "$tmp/r/headers"; then ok "$3"
	else not_ok "$3: no '$1: $2'"; sed 's/^/# /' "$tmp/r/headers"; fi
}
body_has() { contains "$tmp/r/body" "$1" "$2"; }
jq_py() { # jq_py EXPRESSION WHAT: a Python expression over d, the JSON body
	if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$tmp/r/body" 2>/dev/null
	then ok "$2"; else not_ok "$2"; head -c 600 "$tmp/r/body" | sed 's/^/# /'; fi
}

start main --allow-private --rate 0 --max-body 64K
M=$S mpid=$spid
ok "feedcheck --serve listens on $M"

# ---- the page
ask GET "$M/"
code_is 200 "GET / answers the form"
header_is content-type "text/html; charset=utf-8" "... as HTML"
csp=$(sed -n 's/^content-security-policy: //p' "$tmp/r/headers")
for want in "default-src 'none'" "script-src 'none'" "form-action 'self'" "frame-ancestors 'none'" "base-uri 'none'" "style-src 'sha256-"; do
	case $csp in *"$want"*) ok "the page's Content-Security-Policy has $want" ;;
	*) not_ok "the page's Content-Security-Policy has $want: '$csp'" ;; esac
done
case $csp in *unsafe-inline*|*unsafe-eval*) not_ok "... and no unsafe-inline or unsafe-eval" ;; *) ok "... and no unsafe-inline or unsafe-eval" ;; esac
header_is x-content-type-options nosniff "X-Content-Type-Options: nosniff"
header_is referrer-policy no-referrer "Referrer-Policy: no-referrer"
body_has 'name="viewport" content="width=device-width' "the page has a viewport for phones"
lacks "$tmp/r/body" "<script" "the page has no script"
body_has 'enctype="multipart/form-data"' "the page has a form for a document"
ask HEAD "$M/"
code_is 200 "HEAD /"

# ---- POST /check: the JSON of --format json, the command line's own
ask POST "$M/check" -H "Content-Type: application/rss+xml" --data "$d/valid-rss.xml"
code_is 200 "POST /check with a valid feed"
header_is content-type application/json "... answers JSON"
header_is x-feedcheck-status 0 "... X-Feedcheck-Status: the exit status, 0"
jq_py 'd["format"] == "rss2.0" and d["summary"]["errors"] == 0 and d["source"] == "-"' "... a valid RSS 2.0"
# the same bytes and Content-Type from a server: the command line's
# findings, but for what only a server's response has (its caching
# validators, the http member)
run_cmd "$fc" --no-config --format json "$A/f/invalid-rss.xml"
cp "$tmp/out" "$tmp/cli.json"
ask POST "$M/check" -H "Content-Type: application/rss+xml" --data "$d/invalid-rss.xml"
code_is 200 "POST /check with an invalid feed"
header_is x-feedcheck-status 1 "... X-Feedcheck-Status 1"
if python3 - "$tmp/cli.json" "$tmp/r/body" <<'PY'
import json, sys
cli, srv = (json.load(open(p)) for p in sys.argv[1:3])
def strip(d):
    diags = [x for x in d["diagnostics"] if x["rule"] != "http-no-validators"]
    return json.dumps([d["format"], d["encoding"], diags], sort_keys=True)
assert cli["diagnostics"] and strip(cli) == strip(srv), (strip(cli), strip(srv))
PY
then ok "POST /check: the command line's findings for the same bytes and Content-Type"
else not_ok "POST /check: the command line's findings for the same bytes and Content-Type"; fi
ask POST "$M/check" -H "Content-Type: text/html; charset=utf-8" --data "$d/valid-rss.xml"
jq_py '[x["rule"] for x in d["diagnostics"]] == ["http-content-type-not-feed"] and d["encoding"]["http"] == "utf-8"' "a posted Content-Type is the transport's (http-content-type-not-feed, its charset)"
# without a Content-Type the document is a file: every format byte for
# byte what feedcheck writes for standard input
for f in json text gcc jsonl github; do
	ask POST "$M/check?format=$f" --data "$d/invalid-rss.xml"
	"$fc" --no-config --format $f --color never - <"$d/invalid-rss.xml" >"$tmp/cli.$f" 2>/dev/null
	if [ "$code" = 200 ] && cmp -s "$tmp/cli.$f" "$tmp/r/body"; then
		ok "?format=$f: byte for byte the command line's"
	else not_ok "?format=$f: not the command line's ($code)"; diff "$tmp/cli.$f" "$tmp/r/body" | head -5 | sed 's/^/# /'; fi
done
ask POST "$M/check?format=junit" --data "$d/invalid-rss.xml"
check "?format=junit: JUnit XML" python3 -c "import sys, xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); sys.exit(0 if r.tag=='testsuites' and r.iter('failure') else 1)" "$tmp/r/body"
ask POST "$M/check?format=sarif" --data "$d/invalid-rss.xml"
jq_py 'd["version"] == "2.1.0" and d["runs"][0]["results"]' "?format=sarif: SARIF 2.1.0 with results"
header_is content-type application/sarif+json "... as application/sarif+json"
ask POST "$M/check" -H "Accept: text/html,application/xhtml+xml" --data "$d/invalid-rss.xml"
code_is 200 "Accept: text/html"
header_is content-type "text/html; charset=utf-8" "... gets the HTML report"
body_has "<title>feedcheck report</title>" "... the page --format html writes"
csp2=$(sed -n 's/^content-security-policy: //p' "$tmp/r/headers")
check "... under the page's policy" test "$csp2" = "$csp"
ask POST "$M/check?format=xml" --data "$d/invalid-rss.xml"
code_is 400 "an unknown ?format="
body_has "[serve-bad-request]" "... says why, with a rule"
printf 'doc=%s' "$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(open(sys.argv[1]).read()))' "$d/valid-rss.xml")" >"$tmp/form"
ask POST "$M/check" -H "Content-Type: application/x-www-form-urlencoded" --data "$tmp/form"
jq_py 'd["format"] == "rss2.0" and d["summary"]["errors"] == 0' "a form's doc field (application/x-www-form-urlencoded)"
printf 'url=' >"$tmp/form0"
ask POST "$M/check" -H "Content-Type: application/x-www-form-urlencoded" --data "$tmp/form0"
code_is 400 "a form with nothing to check"

# ---- GET /check?url=: the command line's JSON, byte for byte
run_cmd "$fc" --no-config --format json "$A/f/invalid-rss.xml"
ask GET "$M/check?url=$A/f/invalid-rss.xml"
code_is 200 "GET /check?url= (a loopback feed, --allow-private)"
if cmp -s "$tmp/out" "$tmp/r/body"; then ok "... byte for byte feedcheck --format json URL"
else not_ok "... not feedcheck --format json URL"; diff "$tmp/out" "$tmp/r/body" | head -6 | sed 's/^/# /'; fi
ask GET "$M/check"
code_is 400 "GET /check without ?url="

# ---- methods, paths, sizes
ask PUT "$M/check" --data "$d/valid-rss.xml"
code_is 405 "PUT /check"
header_is allow "GET, HEAD, POST" "... Allow says what is"
ask POST "$M/" --data "$d/valid-rss.xml"
code_is 405 "POST /"
header_is allow "GET, HEAD" "... Allow: GET, HEAD"
ask GET "$M/etc/passwd"
code_is 404 "an unknown path"
head -c 70000 /dev/zero | tr '\0' x >"$tmp/big"
ask POST "$M/check" --data "$tmp/big"
code_is 413 "a body over --max-body 64K, announced by Content-Length"
body_has "[serve-too-large]" "... says why, with a rule"
ask POST "$M/check" --data "$tmp/big" --chunked
code_is 413 "a body over --max-body 64K, chunked"

# ---- the log: one escaped line per request
ask GET "$M/check?url=http%3A%2F%2F127.0.0.1%3A$pa%2Ff%2Fvalid-rss.xml%1b%5b31m"
if grep -q "^feedcheck: serve: 127\.0\.0\.1 GET /check url=http://127\.0\.0\.1:$pa/f/valid-rss\.xml\\\\x1b\[31m 200 unread [0-9.]* ms$" "$tmp/main.log"
then ok "a request's line in the log: client, method, URL, status, verdict, time, escaped"
else not_ok "a request's line in the log"; tail -3 "$tmp/main.log" | sed 's/^/# /'; fi
check "... no control character reaches the log" sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$tmp/main.log'"
check "a POST's line says its size" grep -q "^feedcheck: serve: 127\.0\.0\.1 POST /check $(wc -c <"$d/valid-rss.xml" | tr -d ' ') bytes 200 valid [0-9.]* ms$" "$tmp/main.log"

# ---- --rate 3: the fourth check in a minute is refused, the page is not
start rate --rate 3
R=$S
for i in 1 2 3; do ask POST "$R/check" --data "$d/valid-rss.xml"; code_is 200 "--rate 3: check $i"; done
ask POST "$R/check" --data "$d/valid-rss.xml"
code_is 429 "--rate 3: the fourth check"
ra=$(sed -n 's/^retry-after: //p' "$tmp/r/headers")
check "... Retry-After: $ra s (the time until one more, 1 to 20 s)" test "${ra:-0}" -ge 1 -a "${ra:-0}" -le 20
body_has "[serve-rate]" "... says why, with a rule"
ask GET "$R/"
code_is 200 "--rate 3: the page is not a check"

# ---- --max-checks 1: a second check at once is 503; the first finishes
start busy --max-checks 1 --rate 0
port=${S##*:}
python3 "$req" --hold 127.0.0.1 "$port" "$tmp/ready" "$tmp/gate" >"$tmp/held" 2>&1 &
hpid=$!
i=0
while [ ! -s "$tmp/ready" ] && [ $i -lt 300 ] && kill -0 $hpid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
check "a slow upload holds the one check (100 Continue)" test -s "$tmp/ready"
ask POST "$S/check" --data "$d/valid-rss.xml"
code_is 503 "--max-checks 1: a second check at once"
header_is retry-after 5 "... Retry-After: 5"
body_has "[serve-busy]" "... says why, with a rule"
touch "$tmp/gate"
wait $hpid
check "... and the held check is answered" grep -q '^HTTP/1.1 200' "$tmp/held"

# ---- SIGTERM: a clean stop
kill -TERM "$mpid"
wait "$mpid"
st=$?
check "SIGTERM stops the service, exit 0" test "$st" -eq 0
check "... saying so" grep -q '^feedcheck: serve: SIGTERM: stopping$' "$tmp/main.log"

run "--serve" "localhost:80"
status 2 "--serve with a name, not an address"
run --serve 8080 "$d/valid-rss.xml"
status 2 "--serve with a SOURCE"

# ---- the address policy: a stranger's URL is a hop with no origin
# strict STRACE ARGS...: a service without --allow-private, under strace
# (connect, open) when it is there; LeakSanitizer cannot run under ptrace
calls=$tmp/calls
tracer=
command -v strace >/dev/null 2>&1 && tracer="strace -f -qq -e trace=connect,open,openat -o $calls"
SERVE_WRAP="env ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 $tracer" start strict_srv
SERVE_WRAP=
P=$S
no_connect() { # no_connect TEXT WHAT: no connect() naming TEXT in strace's record
	if [ -z "$tracer" ]; then skip "$2: no connection attempted" "strace is not installed"
	elif grep 'connect(' "$calls" | grep -qF "$1"; then not_ok "$2: a connection to $1 was attempted"
	else ok "$2: no connection to $1 attempted"; fi
}
refused() { # refused URL RULE WHAT
	ask GET "$P/check?url=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")"
	jq_py "d['diagnostics'][0]['rule'] == '$2' and d['format'] is None" "$3: refused ($2)"
}
before=$(count valid-rss.xml)
refused "$A/f/valid-rss.xml" fetch-address-refused "a loopback URL without --allow-private"
check "... the feed server had no request" test "$(count valid-rss.xml)" = "$before"
no_connect "htons($pa)" "a loopback URL"
refused "file:///etc/passwd" fetch-scheme-refused "a file: URL"
if [ -n "$tracer" ]; then
	check "... /etc/passwd never opened" sh -c "! grep -E 'open(at)?\(' '$calls' | grep -qF /etc/passwd"
else skip "... /etc/passwd never opened" "strace is not installed"; fi
refused "gopher://127.0.0.1:$pa/" fetch-scheme-refused "a gopher: URL"
refused "http://[::1]:$pa/f/valid-rss.xml" fetch-address-refused "an IPv6 loopback URL"
if [ -n "$netns" ]; then
	refused "http://10.0.0.1/feed.xml" fetch-address-refused "a private address"
	no_connect '"10.0.0.1"' "a private address"
	refused "http://169.254.169.254/latest/meta-data/" fetch-address-refused "the metadata address"
	no_connect '"169.254.169.254"' "the metadata address"
	refused "http://2130706433:$pa/f/valid-rss.xml" fetch-address-refused "127.0.0.1 written as a number"
else
	for w in "a private address" "the metadata address" "127.0.0.1 written as a number"; do
		skip "$w: refused" "needs root and unshare -n (a network namespace with loopback only)"
	done
fi

# ---- headless Chromium uses the page
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	skip "the form in a browser" "no $chromium (setup.sh installs Debian's chromium)"
elif [ "${FEEDTOOLS_CONSUMERS:-}" != ok ] && ! FEEDTOOLS_CONSUMERS=$(sh "$top/tests/consumers/install.sh" 2>&1); then
	skip "the form in a browser" "$FEEDTOOLS_CONSUMERS"
else
	start browser --allow-private --rate 0
	mkdir -p "$tmp/shots"
	HOME=$tmp timeout 120 node "$top/tests/consumers/serve_browser.js" "$S" "$tmp/shots" \
		"$d/valid-rss.xml" "$top/tests/reports/script.xml" "$d/invalid-rss.xml" \
		"$A/f/valid-rss.xml" >"$tmp/seen.json" 2>"$tmp/node.err"
	st=$?
	if [ "$st" -ne 0 ]; then
		not_ok "Chromium used the form (exit $st)"
		sed 's/^/#   /' "$tmp/node.err" | head -20
	else
		ok "Chromium used the form"
		seen() {
			if python3 -c "import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$tmp/seen.json"; then ok "$2"
			else not_ok "$2"; head -c 1500 "$tmp/seen.json" | sed 's/^/#   /'; fi
		}
		seen 's["console_errors"] == [] and s["page_errors"] == []' "no console error, no page error (no style refused by the policy)"
		seen '"script-src '"'"'none'"'"'" in s["csp"] and "frame-ancestors" in s["csp"]' "the policy came as a header"
		seen 's["phone_overflow"] <= 0' "the form fits a phone's width (390 px)"
		seen 's["pasted"]["title"] == "feedcheck report" and "valid RSS 2.0" in s["pasted"]["verdict"]' "a pasted feed: the report says valid RSS 2.0"
		seen 's["script"]["title"] == "feedcheck report" and s["script"]["scripts"] == 0 and s["dialogs"] == [] and not s["script"]["pwned"]' "a feed with <script>: no script of it ran"
		seen '"invalid" in s["uploaded"]["verdict"] and "invalid-rss.xml" in s["uploaded"]["heading"]' "an uploaded file: the report names it and says invalid"
		seen '"valid RSS 2.0" in s["fetched"]["verdict"] and s["fetched"]["url"].startswith(s["base"] + "/check?url=")' "a URL through the form: a report at a link one can share"
	fi
fi

finish
