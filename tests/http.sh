#!/bin/sh
# tests/http.sh - feedcheck against URLs: starts tests/http/server.py on
# 127.0.0.1 (port 0, port file), runs bin/feedcheck against each crafted
# response (encodings, gzip, redirects, error statuses, a stall, an endless
# body, a gzip bomb, a wrong Content-Length, https with a self-signed
# certificate, many URLs at once, shards, jsonl) and checks the exit
# status, the rule ids, and that time and memory stay bounded.
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"

need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "feedcheck against URLs" "python3 is needed for the test server"
	finish
fi

# memory is measured unless a sanitizer's shadow memory or valgrind's own
# would be counted
measure=0 unmeasured="memory not measured"
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && unmeasured="memory not measured under valgrind"
can_measure "$fc" && measure=1

start_server "$top/tests/http/server.py" --lifetime 600 || finish
port=$(sed -n 1p "$tmp/port")
sport=$(sed -n 2p "$tmp/port")
cert=$(sed -n 3p "$tmp/port")
base=http://127.0.0.1:$port

# run (lib.sh): feedcheck within 20 s, its peak memory measured
RUN_TIMEOUT=20 RUN_MEASURE=$measure
no_rule() {
	if grep -q "\[$1\]" "$tmp/out" "$tmp/err"; then not_ok "$2: [$1] reported"
	else ok "$2: no [$1]"; fi
}
says() { # says TEXT DESCRIPTION
	if grep -qF -- "$1" "$tmp/out" "$tmp/err"; then ok "$2"
	else not_ok "$2: '$1' not said"; sed 's/^/# /' "$tmp/out" "$tmp/err" | head -20; fi
}
faster() { # faster MS DESCRIPTION
	if [ "$ms" -lt "$1" ]; then ok "$2: ${ms} ms < $1 ms"
	else not_ok "$2: ${ms} ms, not under $1 ms"; fi
}
smaller() { # smaller KB DESCRIPTION
	if [ $measure -eq 0 ]; then skip "$2" "$unmeasured"
	elif [ "$kb" -lt "$1" ]; then ok "$2: peak ${kb} KB < $1 KB"
	else not_ok "$2: peak ${kb} KB, not under $1 KB"; fi
}
py() { # py EXPRESSION: evaluated with d = the JSON document in $tmp/out
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$tmp/out"
}

# ---- plain feeds and HTTP-level findings
run "$base/feed/utf8"; status 0 "a good feed"
no_rule http-no-validators "a good feed"
run --format json "$base/feed/utf8"; status 0 "a good feed, json"
check "json: http member" py 'd["http"]["status"] == 200 and d["http"]["final_url"].endswith("/feed/utf8") and d["http"]["redirects"] == [] and d["http"]["content_type"].startswith("application/rss+xml")'
check "json: encoding sources" py 'd["encoding"] == {"bom": None, "http": "utf-8", "declared": "utf-8", "used": "utf-8"}'
run "$base/feed/quoted"; status 0 "a quoted, mixed-case charset"
run "$base/feed/html"; status 0 "served as text/html"
has_rule http-content-type-not-feed "text/html"
run "$base/feed/notype"; status 0 "no Content-Type"
has_rule http-content-type-missing "no Content-Type"
run "$base/feed/novalidators"; status 0 "no ETag or Last-Modified"
has_rule http-no-validators "no validators"
run "$base/gzip"; status 0 "gzip content coding"
no_rule charset-invalid-bytes "gzip decoded"

# ---- encodings (RFC 7303 §3.2, XML 1.0 §4.3.3)
run "$base/enc/utf8-as-gbk"; status 1 "UTF-8 bytes under charset=gbk"
has_rule charset-invalid-bytes "charset=gbk on UTF-8"
has_rule charset-http-declaration-mismatch "charset=gbk on UTF-8"
says "the bytes are valid UTF-8" "charset=gbk on UTF-8: says the bytes are UTF-8"
check "invalid bytes: line, column, byte offset and hex" grep -q ':2:[0-9]*: error: invalid bytes in .gbk. at byte [0-9]*: [0-9a-f][0-9a-f]' "$tmp/out"
run "$base/enc/gb2312-label-gbk"; status 1 "gb2312 label on GBK text"
has_rule charset-label-too-narrow "gb2312 on GBK"
says "label it 'gbk'" "gb2312 on GBK: names the right label"
run "$base/enc/cp1252-as-latin1"; status 0 "Windows-1252 quotes under ISO-8859-1"
has_rule charset-c1-controls "C1 controls"
says "windows-1252" "C1 controls: names windows-1252"
run "$base/enc/double-utf8"; status 0 "double-encoded UTF-8"
has_rule charset-double-encoded "double-encoded UTF-8"
run "$base/enc/textxml-nocharset"; status 0 "text/xml without a charset"
has_rule charset-text-xml-no-charset "text/xml without a charset"
run "$base/enc/bom-conflict"; status 1 "a UTF-8 BOM against charset=iso-8859-1"
has_rule charset-bom-conflict "BOM conflict"
run --format json "$base/enc/bom-conflict"
check "BOM conflict: json encoding has every source and the BOM wins" py 'd["encoding"] == {"bom": "UTF-8", "http": "iso-8859-1", "declared": "iso-8859-1", "used": "UTF-8"}'
run "$base/enc/http-decl-mismatch"; status 0 "HTTP charset and declaration disagree, bytes decode either way"
has_rule charset-http-declaration-mismatch "label mismatch"
says "decode either way" "label mismatch: says the bytes decode either way"
run "$base/enc/unknown-label"; status 1 "an unknown HTTP charset"
has_rule charset-unknown-label "unknown label"
run "$base/enc/forbidden-char"; status 1 "a character XML forbids"
has_rule xml-invalid-char "U+0001"
run "$base/enc/truncated"; status 1 "UTF-8 cut inside a character"
says "truncated sequence in 'utf-8'" "truncated UTF-8: said so"
for codec in gb18030 gbk big5 shift_jis euc-jp euc-kr koi8-r windows-1250 \
	windows-1251 windows-1252 windows-1253 windows-1254 windows-1255 \
	windows-1256 windows-1257 windows-1258 iso-8859-1 iso-8859-2 iso-8859-5 \
	iso-8859-7 iso-8859-9 iso-8859-15 utf-16; do
	run --format json "$base/enc/legacy/$codec"
	if [ "$st" -eq 0 ] && py "d['encoding']['used'].lower().startswith('$codec') and d['summary']['errors'] == 0 and d['summary']['warnings'] == 0"; then
		ok "$codec: decoded through iconv, no findings"
	else
		not_ok "$codec: decoded through iconv, no findings (exit $st)"
		sed 's/^/# /' "$tmp/out" | head -20
	fi
	run "$base/enc/legacy/$codec/bad"
	if [ "$st" -eq 1 ] && grep -q ':2:[0-9]*: error: .*\[invalid-rfc822-date\]' "$tmp/out"; then
		ok "$codec: the feed is checked after decoding"
	else
		not_ok "$codec: the feed is checked after decoding (exit $st)"
		sed 's/^/# /' "$tmp/out" | head -10
	fi
done

# ---- redirects (RFC 9110 §15.4)
run "$base/redir/a"; status 0 "a redirect chain 302, 301"
has_rule http-permanent-redirect "301 in the chain"
says "to '$base/redir/c': use that URL instead" "301: names the new URL"
run --format json "$base/redir/a"
check "json: both hops recorded" py '[h["status"] for h in d["http"]["redirects"]] == [302, 301] and d["http"]["final_url"].endswith("/redir/c")'
run "$base/redir/perm308"; status 0 "308"
has_rule http-permanent-redirect "308"
run "$base/loop/a"; status 3 "a redirect loop"
has_rule http-redirect-loop "loop"
faster 5000 "loop"
run "$base/many/0"; status 3 "endless redirects"
has_rule http-too-many-redirects "endless redirects"
run "$base/redir/tofile"; status 3 "a redirect to file:"
has_rule http-redirect-bad "redirect to file:"
check "a redirect to file: is not followed" sh -c "! grep -q 'root:' '$tmp/out' '$tmp/err'"

# ---- statuses and failures: exit 3, with details
run "$base/status/404"; status 3 "404"
has_rule http-status "404"
says "404" "404: the status is named"
run "$base/status/500"; status 3 "500"
has_rule http-status "500"
run --format json "$base/status/404"
check "json: 404 is one document with format null and the status" py 'd["format"] is None and d["http"]["status"] == 404 and d["summary"]["errors"] == 1'
run http://127.0.0.1:1/feed.xml; status 3 "connection refused"
has_rule http-connect-failed "connection refused"
run "$base/retry/429-http-sh"; status 0 "429 then 200"
has_rule http-retry "429 retried"

# ---- bounds: time and memory
run --stall-timeout 2 "$base/stall"; status 3 "a stall after the headers"
has_rule http-stall "stall"
faster 6000 "stall: given up after about 2 s"
run --max-time 2 "$base/drip"; status 3 "a body that drips for ever"
has_rule http-timeout "drip"
faster 6000 "drip: given up after about 2 s"
run --max-size 5M "$base/endless"; status 3 "an endless body"
has_rule http-too-large "endless body"
faster 10000 "endless body"
smaller 204800 "endless body"
run "$base/endless"; status 3 "an endless body, default 50 MB cap"
has_rule http-too-large "endless body, default cap"
smaller 204800 "endless body, default cap"
run "$base/bomb"; status 3 "a gzip bomb (64 MiB from 64 KiB)"
has_rule http-too-large "gzip bomb"
faster 10000 "gzip bomb"
smaller 204800 "gzip bomb"
run --max-size 1M "$base/big-announced"; status 3 "an announced body over --max-size"
has_rule http-too-large "announced size"
run "$base/badlength"; status 3 "a body shorter than its Content-Length"
has_rule http-truncated "wrong Content-Length"

# ---- https with a self-signed certificate
if [ "$sport" -gt 0 ] 2>/dev/null && [ -n "$cert" ]; then
	run --cacert "$cert" "https://127.0.0.1:$sport/feed/utf8"; status 0 "https with --cacert"
	no_rule tls-not-verified "https with --cacert"
	run "https://127.0.0.1:$sport/feed/utf8"; status 3 "https without --cacert"
	has_rule tls-failed "self-signed, not trusted"
	run -k "https://127.0.0.1:$sport/feed/utf8"; status 0 "https with -k"
	has_rule tls-not-verified "-k"
	run --insecure --format json "https://127.0.0.1:$sport/feed/utf8"
	check "--insecure: json says the certificate was not checked" py 'd["http"]["certificate_checked"] is False and any(x["rule"] == "tls-not-verified" for x in d["diagnostics"])'
else
	skip "https" "no openssl for the test server"
fi

# ---- file: URLs, mixed sources
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://example.com/</link><description>d</description></channel></rss>\n' >"$tmp/local.xml"
run --format json "file://$tmp/local.xml"; status 0 "a file: URL"
check "file: URL: http member with status null" py 'd["http"]["status"] is None'
run --format json "$tmp/local.xml"
check "a file: http is null" py 'd["http"] is None'
run "$base/status/404" "$tmp/local.xml" "$base/feed/html"; status 3 "a failure among good sources"
check "text: reports in the order of the sources" sh -c "grep -o '^[^ ][^:]*:[^:]*:[0-9]*' '$tmp/out' | grep -q . && awk '/feed\\/html/ { h = NR } /local.xml/ { l = NR } END { exit !(l && h && l < h) }' '$tmp/out'"

# ---- many URLs: --urls, -j, --shard, jsonl
: >"$tmp/list"
{
	echo "# subscriptions"
	echo
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		echo "  $base/feeds/$i.xml  "
	done
	echo "$base/status/404"
	echo "$base/enc/gb2312-label-gbk"
} >"$tmp/list"
run --urls "$tmp/list" -j 4 --format jsonl; status 3 "--urls: 22 URLs, one 404"
check "jsonl: 22 lines, each a JSON object" python3 -c "
import json, sys
lines = open(sys.argv[1]).read().splitlines()
objs = [json.loads(l) for l in lines]
sys.exit(0 if len(objs) == 22 and all(isinstance(o, dict) for o in objs) else 1)" "$tmp/out"
check "jsonl: in list order" python3 -c "
import json, sys
src = [json.loads(l)['source'] for l in open(sys.argv[1])]
want = [l.strip() for l in open(sys.argv[2]) if l.strip() and not l.strip().startswith('#')]
sys.exit(0 if src == want else 1)" "$tmp/out" "$tmp/list"
run --urls "$tmp/list" -j 8 --format json; status 3 "--urls, --format json"
check "json: one array of 22 with a failure in it" py 'isinstance(d, list) and len(d) == 22 and sum(1 for o in d if o["format"] is None) == 1'
for s in 1 2 3; do
	run --urls "$tmp/list" --shard $s/3 --format jsonl -j 8
	python3 -c "import json,sys; [print(json.loads(l)['source']) for l in open(sys.argv[1])]" "$tmp/out" >"$tmp/shard$s"
done
sort "$tmp/shard1" "$tmp/shard2" "$tmp/shard3" >"$tmp/union"
grep -v '^#' "$tmp/list" | sed 's/^ *//; s/ *$//' | grep . | sort >"$tmp/whole"
check "--shard: the union of 1/3, 2/3, 3/3 is the whole list" cmp -s "$tmp/union" "$tmp/whole"
check "--shard: the shards are disjoint" sh -c "sort -u '$tmp/union' | cmp -s - '$tmp/union'"
check "--shard: sizes 8, 7, 7" test "$(wc -l <"$tmp/shard1")$(wc -l <"$tmp/shard2")$(wc -l <"$tmp/shard3")" = 877
timeout 20 "$fc" --urls - --format jsonl <"$tmp/list" >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "--urls - reads standard input"
check "--urls -: 22 lines" test "$(wc -l <"$tmp/out")" -eq 22
# a progress bar on standard error when it is a terminal (script gives one)
if command -v script >/dev/null 2>&1; then
	timeout 30 script -qec "'$fc' --urls '$tmp/list' -j 8 >/dev/null" /dev/null >"$tmp/tty" 2>&1 </dev/null
	check "progress bar on a terminal" grep -q '\] 22/22' "$tmp/tty"
fi
# at most 2 at once per host, whatever -j says
timeout 20 python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]).read()" "$base/conc-stats?reset" >/dev/null 2>&1
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "$base/conc"; done >"$tmp/conc"
run --urls "$tmp/conc" -j 8 -q; status 0 "12 slow URLs on one host, -j 8"
check "no progress bar when standard error is not a terminal" test ! -s "$tmp/err"
conc=$(timeout 20 python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" "$base/conc-stats" 2>/dev/null)
check "per-host limit: at most 2 at once (saw ${conc:-?})" test "${conc:-9}" -le 2

# ---- the transport and encoding rules are rules like the others
"$fc" --list-rules >"$tmp/out" 2>&1
check "--list-rules lists the encoding and HTTP rules" sh -c "grep -q '^charset-label-too-narrow  *error ' '$tmp/out' && grep -q '^http-permanent-redirect  *warning ' '$tmp/out' && grep -q '^http-no-validators  *info ' '$tmp/out' && grep -q '^tls-not-verified ' '$tmp/out'"
check "--list-rules: no id twice" sh -c "awk '{ print \$1 }' '$tmp/out' | sort | uniq -d | grep -q . && exit 1 || exit 0"
run --explain http-stall; status 0 "--explain an HTTP rule"
run --explain charset-double-encoded; status 0 "--explain an encoding rule"
run --ignore charset-c1-controls "$base/enc/cp1252-as-latin1"; status 0 "--ignore an encoding rule"
no_rule charset-c1-controls "--ignore charset-c1-controls"
run --only http-no-validators "$base/feed/novalidators"; status 0 "--only an HTTP rule"
check "--only http-no-validators: nothing else" sh -c "grep '\[' '$tmp/out' | grep -v -q 'http-no-validators' && exit 1 || exit 0"
run --ignore http-status "$base/status/404"; status 3 "--ignore does not turn a failed fetch into a success"
says "404" "--ignore http-status: still says why"
run --strict "$base/feed/html"; status 1 "--strict: an HTTP warning fails"

# ---- usage
run --max-size 0 "$base/feed/utf8"; status 2 "--max-size 0"
run --max-size 12Q "$base/feed/utf8"; status 2 "--max-size with a bad suffix"
run --shard 4/3 "$base/feed/utf8"; status 2 "--shard 4/3"
run -j 0 "$base/feed/utf8"; status 2 "-j 0"
run --stall-timeout soon "$base/feed/utf8"; status 2 "--stall-timeout soon"
run --header nocolon "$base/feed/utf8"; status 2 "--header without a colon"
run --urls "$tmp/no-such-list"; status 3 "--urls with a missing file"
run --header 'X-Feedcheck-Test: yes' --max-size 2K "$base/feed/utf8"; status 0 "--header and --max-size 2K"

finish
