#!/bin/sh
# tests/diff.sh - feedcheck --diff OLD NEW and --diff-against URL: what a
# change does to subscribers, on the crafted pairs of tests/diff/ (a
# rebuild that re-issued every id, one article under a new id, a moved
# publication date, an update date gone back, a silent edit, an identical
# pair, a pair that only grows, entries dropped without growth, RSS 2.0
# against Atom of the same feed, a JSON Feed pair), each with its exact
# findings and exit status; every output format read by a parser (JSON,
# JUnit's schemas, the SARIF multitool when tests/consumers is installed);
# --diff-against over a loopback server; the usage errors.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
cd "$top/tests/diff" || exit 1

# findings WANT: the findings of the last run as "file:line:col: severity [rule]"
findings() {
	sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): \([a-z]*\): .*\(\[[a-z-]*\]\)$/\1: \2 \3/p' "$tmp/out"
}
expect() { # expect WHAT STATUS FINDINGS...: findings, one a line, exactly
	lib_what=$1 lib_st=$2
	shift 2
	printf '%s\n' "$@" | sed '/^$/d' >"$tmp/want"
	findings >"$tmp/got"
	if [ "$st" -eq "$lib_st" ] && cmp -s "$tmp/want" "$tmp/got"; then
		ok "$lib_what (exit $lib_st)"
	else
		not_ok "$lib_what (exit $st, want $lib_st)"
		diff "$tmp/want" "$tmp/got" | sed 's/^/#   /' | head -10
	fi
}

run --no-excerpt --diff old.atom old.atom
expect "an identical pair: no finding" 0 ""
run --no-excerpt --diff old.atom grows.atom
expect "a pair that only grows (one new at the top, the oldest out): no finding" 0 ""
run --no-excerpt --diff dropped.atom old.atom
expect "a pair that only adds an entry at the bottom: no finding" 0 ""
run --no-excerpt --diff old.atom reissued.atom
expect "ids re-issued by a rebuild: one error for the feed" 1 \
	"reissued.atom:9:3: error [diff-ids-reissued]"
contains "$tmp/out" "3 of the 3 articles both versions carry have new ids" "naming the count"
contains "$tmp/out" "was 'tag:example.org,2024:3', now 'https://example.org/3'" "and one old and new id"
run --no-excerpt --diff old.atom one-id.atom
expect "one article under a new id (same link): an error at the new entry" 1 \
	"one-id.atom:17:3: error [diff-id-changed]"
contains "$tmp/out" "'tag:example.org,2024:2' (old.atom line 17) has a new id 'tag:example.org,2024:two'" "naming the old id, where it was, and the new id"
run --no-excerpt --diff old.atom changed.atom
expect "a silent edit, a moved publication date, an update date gone back: warnings" 0 \
	"changed.atom:9:3: warning [diff-content-silent]" \
	"changed.atom:21:5: warning [diff-published-moved]" \
	"changed.atom:30:5: warning [diff-updated-backwards]"
contains "$tmp/out" "moved from '2024-05-02T10:00:00Z' to '2024-05-04T09:00:00Z'" "the dates as written"
run --no-excerpt --strict --diff old.atom changed.atom
status 1 "--strict: the warnings fail"
run --no-excerpt --diff old.atom dropped.atom
expect "entries dropped from a feed that got none: a notice at the entry in OLD" 0 \
	"old.atom:25:3: info [diff-entries-dropped]"
run --no-excerpt --diff same.rss old.atom
expect "RSS 2.0 then Atom, guids kept as the Atom ids: no finding" 0 ""
run --no-excerpt --diff other-ids.rss old.atom
expect "RSS 2.0 then Atom under other ids: re-issued" 1 "old.atom:9:3: error [diff-ids-reissued]"
run --no-excerpt --diff old.json new.json
expect "JSON Feed: an id changed (same link), a publication date moved" 1 \
	"new.json:15:5: error [diff-id-changed]" \
	"new.json:23:5: warning [diff-published-moved]"
contains "$tmp/out" "(at /items/2/date_published)" "with the JSON Pointer"
run --no-excerpt --diff old.json old.atom
expect "JSON Feed then Atom under other ids: re-issued" 1 "old.atom:9:3: error [diff-ids-reissued]"
printf 'not a feed\n' >"$tmp/text.txt"
run --no-excerpt --diff old.atom "$tmp/text.txt"
check "a NEW that is not a feed: diff-not-a-feed, exit 1" sh -c "[ $st -eq 1 ] && grep -q 'text.txt: error: .*\[diff-not-a-feed\]' '$tmp/out'"
run --diff old.atom nosuch.atom
status 3 "a NEW that cannot be read"
contains "$tmp/out" "nosuch.atom" "is said"

# usage
run --diff old.atom
status 2 "--diff without NEW"
run --diff old.atom a.atom b.atom
status 2 "--diff with two NEW"
run --diff-against old.atom new.json
status 2 "--diff-against takes a URL"
run --explain diff-ids-reissued
contains "$tmp/out" "LeaVerou/blog #18" "--explain cites the reports"
run --list-rules
check "--list-rules has the diff rules" sh -c "grep -c '^diff-' '$tmp/out' | grep -qx 7"

# ---- every output format, read by a parser
run --format json --diff old.atom reissued.atom
check "json: one array of two sources, OLD's empty, NEW's finding" python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))
d = a[1]['diagnostics']
sys.exit(0 if len(a) == 2 and a[0]['diagnostics'] == [] and [x['rule'] for x in d] == ['diff-ids-reissued'] and d[0]['line'] == 9 and d[0]['severity'] == 'error' else 1)" "$tmp/out"
run --format json --diff old.json new.json
check "json: the JSON Pointer of a JSON Feed finding" python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))
sys.exit(0 if [x.get('path') for x in a[1]['diagnostics']] == ['/items/1', '/items/2/date_published'] else 1)" "$tmp/out"
run --format jsonl --diff old.atom dropped.atom
check "jsonl: a line per source, the notice on OLD's" python3 -c "
import json, sys
l = [json.loads(x) for x in open(sys.argv[1])]
sys.exit(0 if len(l) == 2 and [x['rule'] for x in l[0]['diagnostics']] == ['diff-entries-dropped'] and l[0]['source'] == 'old.atom' else 1)" "$tmp/out"
run --format gcc --diff old.atom one-id.atom
check "gcc: one line, file:line:col" grep -qx 'one-id.atom:17:3: error: .*\[diff-id-changed\]' "$tmp/out"
run --format github --diff old.atom one-id.atom
check "github: an error annotation on NEW at the entry" grep -q '^::error title=[^,]*,file=one-id.atom,line=17,col=3::' "$tmp/out"
run --format html --diff old.atom one-id.atom
check "html: well-formed, naming the rule" sh -c "xmllint --html --noout '$tmp/out' 2>/dev/null; grep -q 'diff-id-changed' '$tmp/out'"
run --format junit --diff old.atom changed.atom
cp "$tmp/out" "$tmp/junit.xml"
check "junit: well-formed XML with the three warnings" sh -c "xmllint --noout '$tmp/junit.xml' && [ \$(grep -o 'diff-[a-z-]*' '$tmp/junit.xml' | sort -u | wc -l) -eq 3 ]"
c=$top/tests/consumers
if npm_why=$(sh "$c/install.sh"); then
	for x in jenkins-junit JUnit; do
		check_quiet "junit: valid under $x.xsd (xmllint)" xmllint --noout \
			--schema "$c/node_modules/junit-processor/schemas/$x.xsd" "$tmp/junit.xml"
	done
	run --format sarif --diff old.atom reissued.atom
	cp "$tmp/out" "$tmp/out.sarif"
	(cd "$tmp" && timeout 120 "$c/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" \
		validate out.sarif -o validation.sarif --log ForceOverwrite >multitool.log 2>&1)
	python3 - "$tmp/validation.sarif" >"$tmp/findings" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]:
    print(r["level"], r["ruleId"])
PY
	check "sarif: the multitool finds no error" sh -c "! grep -q '^error' '$tmp/findings'"
else
	skip "junit schemas and the SARIF multitool" "$npm_why"
	run --format sarif --diff old.atom reissued.atom
	cp "$tmp/out" "$tmp/out.sarif"
fi
check "sarif: the finding, its rule in the driver's rules, exit status 1" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))['runs'][0]
res = [r['ruleId'] for r in d['results']]
rules = [r['id'] for r in d['tool']['driver'].get('rules', [])]
sys.exit(0 if res == ['diff-ids-reissued'] and 'diff-ids-reissued' in rules and d['invocations'][0]['exitCode'] == 1 else 1)" "$tmp/out.sarif"

# ---- --diff-against: OLD fetched from the published URL
mkdir "$tmp/www"
cp old.atom "$tmp/www/feed.atom"
start_server "$top/tests/podcast/server.py" "$tmp/www" --lifetime 120 || finish
url=http://127.0.0.1:$(cat "$tmp/port")/f/feed.atom
run --no-excerpt --diff-against "$url" reissued.atom
expect "--diff-against URL over loopback: the re-issue found" 1 "reissued.atom:9:3: error [diff-ids-reissued]"
run --no-excerpt --diff-against "$url" grows.atom
expect "--diff-against URL: a feed that grows passes" 0 ""
run --no-excerpt --diff "$url" "file://$top/tests/diff/dropped.atom"
expect "--diff URL file-URL: the notice on the URL's entry" 0 "$url:25:3: info [diff-entries-dropped]"
run --diff-against "http://127.0.0.1:$(cat "$tmp/port")/status/404" old.atom
status 3 "--diff-against a URL that answers 404"
finish
