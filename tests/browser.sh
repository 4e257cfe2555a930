#!/bin/sh
# tests/browser.sh - the HTML report as a reader's browser shows it:
# headless Chromium (Debian's chromium, driven by playwright-core from
# tests/consumers/) opens the report of a batch (valid, invalid,
# unreachable, Chinese, a feed full of <script>), offline: no console
# error, no script or handler from a feed, no dialog, no request but the
# page, the index worst first, the Chinese text and the marked column
# there.  Screenshots stay in the suite's temporary folder (KEEP=DIR
# copies them there).  Prints TAP lines.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
d=$top/tests/reports

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	skip "the HTML report in a browser" "no $chromium (setup.sh installs Debian's chromium)"
	finish
fi
if ! why=$(sh "$top/tests/consumers/install.sh"); then
	skip "the HTML report in a browser" "$why"
	finish
fi

"$fc" --format html "$top/tests/feedcheck/valid-rss.xml" \
	"$top/tests/feedcheck/invalid-rss.xml" http://127.0.0.1:1/feed.xml \
	"$d/chinese.xml" "$d/script.xml" "$top/tests/feedcheck/invalid.json" \
	>"$tmp/report.html" 2>"$tmp/err"
st=$?
status 3 "--format html over a batch with an unreachable URL"
check "the report is one file, nothing on standard error" test -s "$tmp/report.html" -a ! -s "$tmp/err"
# the markup, as an HTML parser sees it (libxml2's; it does not know
# HTML5's elements, hence 2>/dev/null)
xp() { xmllint --html --xpath "$1" "$tmp/report.html" 2>/dev/null; }
check "no script element in the markup" test "$(xp 'count(//script)')" = 0
check "no event handler attribute in the markup" test "$(xp 'count(//@*[starts-with(name(), "on")])')" = 0
check "no javascript: link in the markup" test "$(xp 'count(//@href[starts-with(., "javascript")])')" = 0
check "nothing external: no src, no link element" test "$(xp 'count(//@src | //link | //iframe | //object)')" = 0
check "the feed's <script> is text in the markup" sh -c "xmllint --html --xpath '//pre' '$tmp/report.html' 2>/dev/null | grep -q '&lt;script&gt;document.title'"
mkdir -p "$tmp/shots"
HOME=$tmp timeout 120 node "$top/tests/consumers/browser.js" "$tmp/report.html" "$tmp/shots" >"$tmp/seen.json" 2>"$tmp/node.err"
st=$?
if [ "$st" -ne 0 ]; then
	not_ok "Chromium opened the report (exit $st)"
	sed 's/^/#   /' "$tmp/node.err" | head -20
	finish
fi
ok "Chromium opened the report"
seen() { # seen EXPRESSION WHAT: a Python expression over s, what the browser saw
	if python3 -c "import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$tmp/seen.json"; then
		ok "$2"
	else
		not_ok "$2"
		python3 -c "import json,sys; s=json.load(open(sys.argv[1])); s.pop('text'); print(json.dumps(s)[:1500])" "$tmp/seen.json" | sed 's/^/#   /'
	fi
}
seen 's["console_errors"] == [] and s["page_errors"] == []' "no console error, no page error"
seen 's["dialogs"] == [] and not s["pwned"]' "no script from a feed ran (no dialog, title and window untouched)"
seen 's["scripts"] == 0 and s["handlers"] == 0' "no script element or event handler in the document"
seen 's["requests"] == []' "self-contained: nothing requested but the page"
seen '"script-src '"'"'none'"'"'" in s["csp"]' "a Content-Security-Policy forbids scripts"
seen 's["title"] == "feedcheck report"' "the page's title"
seen 'len(s["index"]) == 6 and s["sections"] == 6' "an index row and a section per source"
seen 's["index"][0][0] == "http://127.0.0.1:1/feed.xml" and s["index"][0][1].startswith("not checked")' "worst first: the unreachable URL heads the index"
seen 's["index"][-1][1].startswith("valid")' "worst first: a valid feed at the end"
seen '[int(r[2]) for r in s["index"][1:]] == sorted([int(r[2]) for r in s["index"][1:]], reverse=True)' "then by errors, most first"
seen '"江州首条跨江索道观光线路开始试运行" in s["text"] and "星期六" in s["text"]' "the Chinese text is shown as text"
seen '"<script>document.title=\x27pwned\x27</script>" in s["text"]' "the feed's markup is shown as text"
seen '"<" in s["marks"]' "a column is marked"
seen '"RSS dates are RFC 822 dates" in s["text"]' "the --explain text is there"
seen '"valid RSS 2.0" in s["text"] and "invalid JSON Feed 1.1" in s["text"]' "a verdict per source"
for f in report-top report-full report-chinese; do
	check "screenshot $f.png saved" test -s "$tmp/shots/$f.png"
done
if [ -n "${KEEP:-}" ]; then
	mkdir -p "$KEEP" && cp "$tmp/shots"/*.png "$tmp/report.html" "$KEEP/"
fi
finish
