#!/bin/sh
# tests/delivery.sh - how a feed is served: the delivery audit (one
# conditional request; servers that ignore validators, send stale 304s,
# never compress, forbid caching, redirect https to http, and a server
# that behaves), bot-protection challenges named with their vendor,
# --cache across runs (a killed run, two shards sharing it, entries a
# stranger wrote) and --per-host-delay, against tests/delivery/server.py
# on 127.0.0.1, whose request log shows what feedcheck sent.
. "$(dirname "$0")/lib.sh"

need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "the delivery audit" "python3 is needed for the test server"
	finish
fi
log=$tmp/requests
start_server "$top/tests/delivery/server.py" "$log" --lifetime 600 || finish
port=$(sed -n 1p "$tmp/port")
sport=$(sed -n 2p "$tmp/port")
cert=$(sed -n 3p "$tmp/port")
base=http://127.0.0.1:$port
RUN_TIMEOUT=30

no_rule() {
	if grep -q "\[$1\]" "$tmp/out"; then not_ok "$2: [$1] reported"; show 10
	else ok "$2: no [$1]"; fi
}
says() {
	if grep -qF -- "$1" "$tmp/out"; then ok "$2"
	else not_ok "$2: '$1' not said"; show 10; fi
}
# requests PATH: how many requests for PATH the server has logged so far
requests() { awk -F '\t' -v p="$1" '$2 == p' "$log" | wc -l; }
sqlq() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2]).fetchone()[0])" "$@"; }

# ---- a server that behaves: no delivery finding, one conditional request
run "$base/good"; status 0 "a feed served well"
check "served well: no delivery finding" sh -c "! grep -q '\[delivery-\|\[http-bot-challenge\]' '$tmp/out'"
check "served well: two requests, the second with If-None-Match and If-Modified-Since" \
	sh -c "[ \"\$(awk -F '\t' '\$2 == \"/good\"' '$log' | wc -l)\" = 2 ] && awk -F '\t' '\$2 == \"/good\"' '$log' | tail -1 | grep -q '\"g1\"	Thu, 01 Jan 2026'"
check "served well: gzip was asked for" sh -c "awk -F '\t' '\$2 == \"/good\"' '$log' | head -1 | grep -q 'gzip'"
run "$base/lm-only"; status 0 "Last-Modified alone, honoured"
no_rule delivery-conditional-ignored "Last-Modified alone"
run "$base/small"; status 0 "a small feed, not compressed"
no_rule delivery-uncompressed "under 10 KB"

# ---- servers that do not
before=$(requests /ignores)
run "$base/ignores"; status 0 "validators ignored: a warning, not an error"
has_rule delivery-conditional-ignored "a 200 to If-None-Match"
says "every poll of every reader downloads" "the bytes per poll are given"
check "at most one extra request per URL" test "$(( $(requests /ignores) - before ))" = 2
run "$base/stale304"; status 0 "a stale 304"
has_rule delivery-304-validator-changed "a 304 with the old ETag"
says 'with ETag "v1", not the ETag "v2"' "stale 304: both tags named"
run "$base/noetag304"
has_rule delivery-304-validator-changed "a 304 without the ETag"
run "$base/plain"; status 0 "never compressed"
has_rule delivery-uncompressed "16 KB sent uncompressed"
check "uncompressed: the size gzip makes and the ratio" grep -q 'gzip makes them [0-9]* bytes, [0-9.]* times fewer' "$tmp/out"
run "$base/nostore"
has_rule delivery-cache-disabled "Cache-Control: no-store"
run "$base/maxage0"
has_rule delivery-cache-disabled "Cache-Control: private, max-age=0"
check "Cache-Control: a notice (info)" grep -q ': info: .*\[delivery-cache-disabled\]' "$tmp/out"
if [ "$sport" != 0 ]; then
	run --cacert "$cert" "https://127.0.0.1:$sport/down"; status 0 "https redirected to http"
	has_rule delivery-https-downgrade "https to http"
	run --cacert "$cert" --no-http-audit "https://127.0.0.1:$sport/down"
	no_rule delivery-https-downgrade "--no-http-audit: no delivery finding"
else
	skip "https redirected to http" "no openssl"
fi

# ---- what is audited
before=$(requests /ignores)
run --no-http-audit "$base/ignores"; status 0 "--no-http-audit"
no_rule delivery-conditional-ignored "--no-http-audit"
check "--no-http-audit: one request" test "$(( $(requests /ignores) - before ))" = 1
printf '%s\n' "$base/ignores" "$base/plain" >"$tmp/list"
before=$(requests /ignores)
run --urls "$tmp/list"
no_rule delivery-conditional-ignored "--urls: a list's polls cost no extra request"
check "--urls: one request a URL" test "$(( $(requests /ignores) - before ))" = 1
run --urls "$tmp/list" --http-audit
has_rule delivery-conditional-ignored "--urls --http-audit"
has_rule delivery-uncompressed "--urls --http-audit"
run -v "$base/good"
check "-v shows the audit's conditional request" grep -q '^> If-None-Match: "g1"' "$tmp/err"

# ---- bot-protection challenges: named, with the vendor
for c in cloudflare:Cloudflare cloudflare-page:Cloudflare aws:"AWS WAF" \
	 aws-captcha:"AWS WAF" vercel:Vercel akamai:Akamai sucuri:Sucuri \
	 sucuri-header:Sucuri incapsula:Incapsula datadome:DataDome \
	 perimeterx:PerimeterX ddosguard:DDoS-Guard; do
	path=${c%%:*} vendor=${c#*:}
	run "$base/ch/$path"; status 3 "challenge $path: not fetched"
	check "challenge $path: http-bot-challenge names $vendor" grep -q "error: .*$vendor.*\[http-bot-challenge\]" "$tmp/out"
done
run "$base/ch/cloudflare-weak"; status 3 "only Cloudflare's everyday headers on a 403 page"
check "everyday headers: http-status, naming Cloudflare as probable" grep -q "403, a web page through Cloudflare .*probably.*\[http-status\]" "$tmp/out"
no_rule http-bot-challenge "everyday headers alone"
run "$base/ch/plain403"; status 3 "a plain 403"
has_rule http-status "a plain 403 stays a status"
no_rule http-bot-challenge "a plain 403"
run "$base/ch/cf-feed"; status 0 "a feed through Cloudflare"
no_rule http-bot-challenge "Server: cloudflare on a 200 feed"

# ---- the rules: listed and explained with their sources
run --list-rules
for r in http-bot-challenge delivery-conditional-ignored delivery-304-validator-changed \
	 delivery-uncompressed delivery-cache-disabled delivery-https-downgrade \
	 cache-unchanged cache-unusable; do
	check "--list-rules: $r" grep -q "^$r " "$tmp/out"
done
for r in delivery-conditional-ignored:"RFC 9110 §13.1.2" delivery-304-validator-changed:"RFC 9110 §15.4.5" \
	 delivery-cache-disabled:"RFC 9111 §5.2.2.5" delivery-uncompressed:"rss-parser issue 287" \
	 http-bot-challenge:"cf-mitigated: challenge" delivery-https-downgrade:"RFC 9110 §4.2.2"; do
	run --explain "${r%%:*}"
	check "--explain ${r%%:*} cites ${r#*:}" sh -c "tr '\n' ' ' <'$tmp/out' | grep -qF '${r#*:}'"
done

# ---- --cache across two runs
cache=$tmp/cache
run --cache "$cache" "$base/bad" "$base/good"; status 1 "--cache, first run"
check "the cache is feedcheck's, 0600 in a 0700 folder" sh -c "[ \"\$(stat -c %a '$cache')\" = 700 ] && [ \"\$(stat -c %a '$cache/feedcheck-cache.sqlite')\" = 600 ] || [ \"\$(stat -c %a '$cache/feedcheck-cache.sqlite')\" = 644 ]"
n0=$(requests /bad)
run --cache "$cache" "$base/bad" "$base/good"; status 1 "--cache, second run: the remembered error counts"
check "second run: one request each, conditional" sh -c "[ \"\$(awk -F '\t' '\$2 == \"/bad\"' '$log' | wc -l)\" = $((n0 + 1)) ] && awk -F '\t' '\$2 == \"/bad\"' '$log' | tail -1 | grep -q '\"b1\"'"
check "second run: both marked unchanged" test "$(grep -c '\[cache-unchanged\]' "$tmp/out")" = 2
has_rule missing-element "second run: the remembered error"
check "second run: the remembered error keeps its line and column" grep -q '/bad:2:61: error: .*\[missing-element\]' "$tmp/out"
run --cache "$cache" --format json "$base/good"
check "json: http.unchanged is true, and cache-unchanged is first" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['http']['unchanged'] is True and d['http']['status'] == 304 and d['diagnostics'][0]['rule'] == 'cache-unchanged' and d['format'] == 'rss2.0' else 1)" "$tmp/out"
for f in gcc jsonl junit sarif github html; do
	run --cache "$cache" --format $f "$base/good"
	check "--format $f says unchanged (cache-unchanged)" grep -q 'cache-unchanged' "$tmp/out"
done
run --format json "$base/good"
check "json without --cache: http.unchanged is false" python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))['http']['unchanged'] is False else 1)" "$tmp/out"

# ---- a killed run keeps what it finished
kc=$tmp/killed
: >"$tmp/klist"
for i in 1 2 3 4 5; do echo "$base/small?k=$i" >>"$tmp/klist"; done
echo "$base/hang" >>"$tmp/klist"
"$fc" --cache "$kc" --urls "$tmp/klist" --max-time 60 >"$tmp/kout" 2>&1 &
kpid=$!
i=0
while [ $i -lt 300 ]; do
	[ -f "$kc/feedcheck-cache.sqlite" ] &&
		[ "$(sqlq "$kc/feedcheck-cache.sqlite" 'select count(*) from entry' 2>/dev/null)" = 5 ] && break
	sleep 0.1; i=$((i + 1))
done
kill -9 $kpid 2>/dev/null; wait $kpid 2>/dev/null
check "killed (kill -9) while a URL hangs: the cache is intact" test "$(sqlq "$kc/feedcheck-cache.sqlite" 'pragma integrity_check')" = ok
check "killed: it holds the five URLs finished" test "$(sqlq "$kc/feedcheck-cache.sqlite" 'select count(*) from entry')" = 5
sed -i '$d' "$tmp/klist"
run --cache "$kc" --urls "$tmp/klist"; status 0 "after the kill: the next run"
check "after the kill: the five are unchanged" test "$(grep -c '\[cache-unchanged\]' "$tmp/out")" = 5

# ---- two shards sharing one cache, at once
sc=$tmp/shared
: >"$tmp/slist"
for i in $(seq 1 24); do echo "$base/feeds/$i" >>"$tmp/slist"; done
"$fc" --cache "$sc" --urls "$tmp/slist" --shard 1/2 >"$tmp/s1" 2>&1 &
p1=$!
"$fc" --cache "$sc" --urls "$tmp/slist" --shard 2/2 >"$tmp/s2" 2>&1 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
check "two shards at once: both finish (exit $r1, $r2)" test $r1 = 0 -a $r2 = 0
check "two shards: no entry lost (24)" test "$(sqlq "$sc/feedcheck-cache.sqlite" 'select count(*) from entry')" = 24
# two shards that open a new cache at the same moment, again and again:
# the switch to WAL wants the file to itself (the folder's lock file)
head -4 "$tmp/slist" >"$tmp/slist4"
locked=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	rm -rf "$tmp/race"
	"$fc" --cache "$tmp/race" --urls "$tmp/slist4" --shard 1/2 >"$tmp/r1" 2>&1 &
	p1=$!
	"$fc" --cache "$tmp/race" --urls "$tmp/slist4" --shard 2/2 >"$tmp/r2" 2>&1 &
	p2=$!
	wait $p1; r1=$?
	wait $p2; r2=$?
	{ [ $r1 = 0 ] && [ $r2 = 0 ]; } || locked=$((locked + 1))
done
check "two shards opening a new cache at once, 12 times: none refused ($locked)" test $locked = 0
run --cache "$sc" --urls "$tmp/slist"; status 0 "after the shards"
check "after the shards: all 24 unchanged" test "$(grep -c '\[cache-unchanged\]' "$tmp/out")" = 24
run --cache "$sc" --cache-max 10 --urls "$tmp/slist"
check "--cache-max 10: the least recently used evicted" test "$(sqlq "$sc/feedcheck-cache.sqlite" 'select count(*) from entry')" = 10

# ---- what a stranger could write
mkdir "$tmp/open"; chmod 777 "$tmp/open"
run --cache "$tmp/open" "$base/good"; status 2 "a cache folder others may write"
check "a cache folder others may write: cache-unusable" grep -q 'cache-unusable' "$tmp/err"
mkdir -m 700 "$tmp/other"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()" "$tmp/other/feedcheck-cache.sqlite"
run --cache "$tmp/other" "$base/good"; status 2 "a database that is not feedcheck's"
check "not feedcheck's: said" grep -q 'not a feedcheck cache' "$tmp/err"
check "not feedcheck's: not touched" test "$(sqlq "$tmp/other/feedcheck-cache.sqlite" 'select count(*) from sqlite_master')" = 1
hc=$tmp/hostile
run --cache "$hc" "$base/good"
db=$hc/feedcheck-cache.sqlite
python3 - "$db" <<'EOF'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
key, rep = c.execute("select key, report from entry").fetchone()
r = json.loads(rep)
r["findings"].append([2, "no-such-rule; rm -rf /", 1, 1, "injected", None, None])
c.execute("update entry set report = ? where key = ?", (json.dumps(r), key))
c.commit()
EOF
run --cache "$hc" "$base/good"; status 3 "a remembered check with a rule not in the table"
check "an entry not valid is not reported from: cache-unusable, nothing injected" sh -c "grep -q '\[cache-unusable\]' '$tmp/out' && ! grep -q 'injected' '$tmp/out'"
python3 - "$db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("update entry set etag = ?", ('"g1"\r\nX-Evil: 1',))
c.commit()
EOF
n0=$(requests /good)
run --cache "$hc" --no-http-audit "$base/good"; status 0 "a validator with a line break in the cache"
check "a validator with a line break: not sent, the feed fetched whole" sh -c "! grep -q 'X-Evil' '$log' && awk -F '\t' '\$2 == \"/good\"' '$log' | tail -1 | grep -q '	-	-	'"
check "the cache was never a trigger's: no trigger ran" test "$(sqlq "$db" "select count(*) from sqlite_master where type = 'trigger'")" = 0

# ---- --per-host-delay: requests to one host spaced (the server's clock)
: >"$tmp/dlist"
for i in 1 2 3 4; do echo "$base/small?d=$i" >>"$tmp/dlist"; done
run --per-host-delay 0.4 --urls "$tmp/dlist"; status 0 "--per-host-delay 0.4"
check "--per-host-delay 0.4: no request before 0.4 s after the one before (server's log)" \
	python3 -c "
import sys
t = [float(l.split('\t')[0]) for l in open(sys.argv[1]) if '?d=' in l.split('\t')[1]]
gaps = [b - a for a, b in zip(t, t[1:])]
print('# gaps', ['%.3f' % g for g in gaps])
sys.exit(0 if len(t) == 4 and min(gaps) >= 0.35 else 1)" "$log"
run --per-host-delay abc "$base/good"; status 2 "--per-host-delay abc: usage"

finish
