#!/bin/sh
# tests/bounds.sh - feedcheck's XML and JSON bounds: the
# reproductions in ../shared/repro that are the rules library's, made on
# the fly, as tests of the project's own:
#   B11_B12_B13_feedcheck_xml.sh  a quadratic entity blowup is an error; two
#                                 BOMs are not XML; --max-depth above 256
#                                 works, and the depth message names it
#   B14b_feedcheck_memory.sh      memory does not grow with the number of
#                                 JSON members or guids (a bounded id set,
#                                 id-set-full past its cap)
# and the messages of the repro README's second table that are the
# library's: 1e6 attributes, a UTF-16LE BOM before UTF-8 bytes, EBCDIC,
# \u0000 in a JSON string.  Each case under a time bound, and a memory
# bound but under a sanitizer or valgrind (whose own memory would count).
. "$(dirname "$0")/lib.sh"
need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "the bounds" "python3 is needed to make the inputs"
	finish
fi
slow=1 measure=0
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && slow=10
is_sanitized "$fc" && slow=4
can_measure "$fc" && measure=1

RUN_MEASURE=$measure
# bounded SECONDS ARGS...: run (lib.sh) within SECONDS, longer when slow
bounded() {
	RUN_TIMEOUT=$(($1 * slow))
	shift
	run "$@"
}
# expect WHAT STATUS TEXT MAX_MB: the last run ended with STATUS, its
# report holds TEXT (a fixed string), its peak stayed under MAX_MB
expect() {
	if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
		not_ok "$1: timed out"
	elif [ "$st" -ne "$2" ]; then
		not_ok "$1: exit $st, want $2"
		sed 's/^/#   /' "$tmp/out" "$tmp/err" | cut -c1-200 | head -4
	elif [ -n "$3" ] && ! grep -qF -- "$3" "$tmp/out"; then
		not_ok "$1: '$3' not in the report"
		sed 's/^/#   /' "$tmp/out" | cut -c1-200 | head -4
	elif [ "$measure" = 1 ] && [ "$kb" -gt $(($4 * 1024)) ]; then
		not_ok "$1: peak $((kb / 1024)) MB over $4 MB"
	else
		ok "$1 (exit $st, $((kb / 1024)) MB)"
	fi
}

python3 - "$tmp" <<'EOF' || exit 1
import json, sys
d = sys.argv[1]
h = ('<rss version="2.0"><channel><title>t</title><link>http://e.com/</link>'
     '<description>d</description>')
# a 60 KB entity referenced 60,000 times: 3.6 GB expanded
open(d + '/quadratic.xml', 'w').write(
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x "' + 'x' * 60000 + '">]>\n'
    + h.replace('<title>t', '<title>' + '&x;' * 60000) + '</channel></rss>\n')
# two UTF-8 BOMs before the declaration
open(d + '/bom2.xml', 'wb').write(b'\xef\xbb\xbf\xef\xbb\xbf<?xml version="1.0" '
                                  b'encoding="utf-8"?>\n' + h.encode() + b'</channel></rss>\n')
# well-formed, 300 deep
open(d + '/deep300.xml', 'w').write(
    h + '<item><title>x</title><guid isPermaLink="false">urn:x</guid>'
    + '<x:a xmlns:x="urn:x">' * 300 + '</x:a>' * 300 + '</item></channel></rss>\n')
# 1e6 attributes on one element
with open(d + '/attrs.xml', 'w') as f:
    f.write('<rss version="2.0" ' + ' '.join('a%d="1"' % i for i in range(1000000))
            + '><channel/></rss>\n')
# a JSON Feed object of 1.2 million members; 1,048,577+ guids
open(d + '/keys.json', 'w').write(
    '{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[],'
    + ','.join('"_k%d":1' % i for i in range(1200000)) + '}')
with open(d + '/guids.xml', 'w') as f:
    f.write(h)
    for i in range(1100000):
        f.write('<item><title>x</title><guid isPermaLink="false">urn:x:%d</guid></item>' % i)
    f.write('<item><title>x</title><guid isPermaLink="false">urn:x:0</guid></item>')
    f.write('</channel></rss>')
# the second table: encodings that are not what the BOM or default says
body = ('<?xml version="1.0" encoding="utf-8"?>' + h + '</channel></rss>\n')
open(d + '/u16bom-utf8.xml', 'wb').write(b'\xff\xfe' + body.encode())
open(d + '/ebcdic.xml', 'wb').write(body.replace('utf-8', 'IBM037').encode('cp037'))
open(d + '/nul.json', 'w').write(json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "a\u0000b",
    "home_page_url": "https://e.com/", "feed_url": "https://e.com/f.json",
    "items": [{"id": "1", "content_text": "x\u0000y"}]}))
EOF

bounded 20 "$tmp/quadratic.xml"
expect "a quadratic entity blowup is an error" 1 "[xml-entity-expansion]" 64
bounded 20 "$tmp/bom2.xml"
expect "two BOMs are not XML" 1 "a second byte order mark" 64
bounded 20 --max-depth 1000 "$tmp/deep300.xml"
expect "--max-depth 1000 reads a feed 300 deep" 0 "" 64
bounded 20 "$tmp/deep300.xml"
expect "the depth message names --max-depth, not a library flag" 1 "--max-depth" 64
if grep -q XML_PARSE_HUGE "$tmp/out"; then not_ok "the depth message names XML_PARSE_HUGE"
else ok "no library flag in the depth message"; fi
bounded 20 --max-depth 100 "$tmp/deep300.xml"
expect "--max-depth below 256 is feedcheck's own limit" 1 "nested deeper than 100 levels (feedcheck's --max-depth" 64
bounded 30 "$tmp/attrs.xml"
expect "1e6 attributes: the limit and the option are named" 1 "--max-text" 128
if grep -q 'Huge input lookup\|XML_PARSE_HUGE' "$tmp/out"; then not_ok "1e6 attributes: libxml2's words"
else ok "1e6 attributes: not in libxml2's words"; fi
bounded 60 -q "$tmp/keys.json"
expect "1.2 million JSON members, memory flat" 0 "" 64
bounded 90 "$tmp/guids.xml"
expect "1.1 million guids, memory flat (the id set is capped)" 1 "[id-set-full]" 64
contains "$tmp/out" "duplicate guid 'urn:x:0'" "a duplicate of a remembered guid is still found"
bounded 20 "$tmp/u16bom-utf8.xml"
expect "a UTF-16LE BOM before UTF-8 bytes: the encoding is the cause" 1 "as its byte order mark says" 64
lacks "$tmp/out" "document is empty" "a UTF-16LE BOM before UTF-8 bytes: not 'document is empty'"
bounded 20 "$tmp/ebcdic.xml"
expect "an EBCDIC document: the encoding is the cause" 1 "EBCDIC" 64
lacks "$tmp/out" "document is empty" "an EBCDIC document: not 'document is empty'"
bounded 20 "$tmp/nul.json"
expect "a JSON string with \\u0000 is valid JSON (RFC 8259)" 0 "" 64
lacks "$tmp/out" "JSON_ALLOW_NUL" "\\u0000: no jansson flag named"
finish
