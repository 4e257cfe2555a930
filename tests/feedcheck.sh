#!/bin/sh
# tests/feedcheck.sh - the feedcheck command line: exit statuses, output
# formats, standard input, --explain/--list-rules, help and man page in
# agreement, and the hostile inputs (external entities, entity bombs).
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"
d=$top/tests/feedcheck
json_ok() { # the file holds exactly one JSON document
	if command -v jq >/dev/null 2>&1; then jq -e . "$1" >/dev/null 2>&1
	else python3 -m json.tool "$1" >/dev/null 2>&1; fi
}
jqv() { jq -r "$1" "$tmp/out" 2>/dev/null; }

need_program "$fc"

# ---- exit statuses and the text format
run "$d/valid-rss.xml"; status 0 "valid RSS 2.0"
run "$d/valid-atom.xml"; status 0 "valid Atom 1.0"
run "$d/valid.json"; status 0 "valid JSON Feed"
run "$d/invalid-rss.xml"; status 1 "invalid RSS"
check "text format: source:line:col: severity: message [rule]" \
	grep -q "^$d/invalid-rss.xml:3:1: error: missing 'channel' element: 'link' \[missing-element\]\$" "$tmp/out"
check "text format: the source line, then a caret under the column" \
	sh -c "grep -A2 'invalid-rfc822-date' '$tmp/out' | sed -n '2p;3p' | tr '\n' '|' | grep -q '^    <pubDate>2022-07-15</pubDate>|    ^|\$'"
check "findings in order of position" \
	sh -c "grep -o '^[^ ][^:]*:[0-9][0-9]*:' '$tmp/out' | cut -d: -f2 | sort -nc"
run "$d/warning-only.xml"; status 0 "warnings alone do not fail"
run --strict "$d/warning-only.xml"; status 1 "--strict: warnings fail"
run -q "$d/warning-only.xml"; status 0 "-q"
check "-q prints only errors" test ! -s "$tmp/out"
run "$d/not-well-formed.xml"; status 1 "not well-formed XML"
check "not well-formed: rule xml-not-well-formed at 4:14" grep -q ':4:14: error: .*\[xml-not-well-formed\]' "$tmp/out"
run "$d/bad-utf8.xml"; status 1 "bytes invalid in the declared encoding"
check "bad bytes named in hex, with their offset" grep -q 'at byte 77: e9.*\[charset-invalid-bytes\]' "$tmp/out"
run "$d/unknown-encoding.xml"; status 1 "unknown encoding label"
check "unknown encoding at 1:31" grep -q ':1:31: error: .*\[charset-unknown-label\]' "$tmp/out"
run "$d/syntax.json"; status 1 "JSON syntax error"
check "JSON syntax error has line and column" grep -q 'syntax.json:4:[0-9]*: error: .*\[json-syntax\]' "$tmp/out"
run "$d/invalid.json"; status 1 "invalid JSON Feed"
check "JSON Feed findings carry a line, a column and a JSON Pointer" grep -q "invalid.json:4:34: error: 'date_published' must be an RFC 3339 date-time (at /items/0/date_published) \[invalid-rfc3339-date\]" "$tmp/out"
printf 'hello, world\n' >"$tmp/plain.txt"
run "$tmp/plain.txt"; status 1 "not XML at all"
: >"$tmp/empty.xml"
run "$tmp/empty.xml"; status 1 "an empty file"
printf '<opml version="2.0"><body/></opml>' >"$tmp/page.html"
run "$tmp/page.html"; status 1 "XML that is not a feed"
check "not a feed: rule not-a-feed" grep -q '\[not-a-feed\]' "$tmp/out"

# ---- sources: standard input, missing files
"$fc" - <"$d/invalid-rss.xml" >"$tmp/out" 2>&1; st=$?
status 1 "standard input as -"
check "standard input is named -" grep -q '^-:3:1: error' "$tmp/out"
run "$tmp/no-such-file.xml"; status 3 "missing file"
check "missing file: a finding on standard output, with its rule" grep -q "^$tmp/no-such-file.xml: error: cannot open '.*no-such-file.xml': No such file or directory \[io-error\]\$" "$tmp/out"
check "missing file: nothing on standard error" test ! -s "$tmp/err"
run "$d/valid-rss.xml" "$tmp/no-such-file.xml"; status 3 "a missing file among good ones"
run "$d/invalid-rss.xml" "$d/valid-rss.xml"; status 1 "several sources, one invalid"

# ---- usage
run; status 2 "no SOURCE"
run --bogus "$d/valid-rss.xml"; status 2 "unknown option"
run --format xml "$d/valid-rss.xml"; status 2 "unknown format"
run --format; status 2 "--format without a value"
run --ignore no-such-rule "$d/valid-rss.xml"; status 2 "--ignore with an unknown rule"
run --color=sometimes "$d/valid-rss.xml"; status 2 "--color with a bad value"
check "usage errors go to standard error" grep -q '^feedcheck: ' "$tmp/err"

# ---- --ignore, --only
run --ignore missing-element --ignore invalid-rfc822-date "$d/invalid-rss.xml"; status 0 "--ignore every error"
run --only invalid-rfc822-date "$d/invalid-rss.xml"; status 1 "--only one rule"
check "--only shows only that rule" sh -c "! grep -q 'missing-element' '$tmp/out' && grep -q 'invalid-rfc822-date' '$tmp/out'"
run --only=missing-atom-self-link "$d/invalid-rss.xml"; status 0 "--only=RULE with an info rule"

# ---- JSON
run --format json "$d/invalid-rss.xml"; status 1 "--format json"
check "json: one valid document" json_ok "$tmp/out"
if command -v jq >/dev/null 2>&1; then
	check "json: object with the schema's members" test "$(jqv 'keys_unsorted | join(",")')" = "source,format,encoding,http,diagnostics,summary"
	check "json: http is null for a file" test "$(jqv .http)" = null
	check "json: encoding members" test "$(jqv '.encoding | keys_unsorted | join(",")')" = "bom,http,declared,used"
	check "json: diagnostic members" test "$(jqv '.diagnostics[0] | keys_unsorted | join(",")')" = "severity,rule,message,line,column,path,element"
	check "json: format rss2.0" test "$(jqv .format)" = rss2.0
	check "json: summary counts errors" test "$(jqv .summary.errors)" = 2
	check "json: declared encoding" test "$(jqv .encoding.declared)" = utf-8
	check "json: element named" test "$(jqv '.diagnostics[0].element')" = channel
fi
run --format=json "$d/valid-rss.xml" "$d/invalid.json"; status 1 "--format=json, two sources"
check "json: two sources make one array" sh -c "json_ok() { :; }; jq -e 'type == \"array\" and length == 2' '$tmp/out' >/dev/null 2>&1 || python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (isinstance(d,list) and len(d)==2))' '$tmp/out'"
if command -v jq >/dev/null 2>&1; then
	check "json: JSON Pointer path" test "$(jq -r '.[1].diagnostics[] | select(.rule == "invalid-rfc3339-date") | .path' "$tmp/out")" = /items/0/date_published
fi
run --format json "$tmp/no-such-file.xml"; status 3 "json: missing file"
check "json: still one valid document when a file is missing" json_ok "$tmp/out"
run --format json "$d/valid-rss.xml" "$tmp/no-such-file.xml"; status 3 "json: missing file among several"
check "json: one valid document with a read failure among several" json_ok "$tmp/out"
run --format json "$tmp/plain.txt"; status 1 "json: not XML"
check "json: valid document for input that is not XML" json_ok "$tmp/out"
check "json: nothing on standard output but the document" sh -c "tail -c 2 '$tmp/out' | od -c | grep -q '}  *\\\\n'"

# ---- JUnit and GitHub
run --format junit "$d/invalid-rss.xml" "$d/valid-atom.xml"; status 1 "--format junit"
check "junit: well-formed XML" xmllint --noout "$tmp/out"
check "junit: two test cases, one failure" sh -c "grep -c '<testcase' '$tmp/out' | grep -qx 2 && grep -q 'failures=\"1\"' '$tmp/out'"
run --format github "$d/invalid-rss.xml"; status 1 "--format github"
check "github: workflow commands" grep -q "^::error title=missing-element,file=$d/invalid-rss.xml,line=3,col=1::missing 'channel' element: 'link'\$" "$tmp/out"
check "github: infos are notices" grep -q '^::notice ' "$tmp/out"

# ---- colour
run --color=always "$d/invalid-rss.xml"
check "--color=always colours" grep -q "$(printf '\033')\[" "$tmp/out"
run --color never "$d/invalid-rss.xml"
check "--color never does not" sh -c "! grep -q \"$(printf '\033')\" '$tmp/out'"
NO_COLOR=1 "$fc" --color=auto "$d/invalid-rss.xml" >"$tmp/out" 2>&1
check "NO_COLOR: no colour with auto" sh -c "! grep -q \"$(printf '\033')\" '$tmp/out'"

# ---- --list-rules, --explain, --version, --help
run --list-rules; status 0 "--list-rules"
check "--list-rules lists the rules with severities" sh -c "grep -c . '$tmp/out' | awk '\$1 < 50 { exit 1 }' && grep -q '^missing-element  *error ' '$tmp/out'"
run --explain rss-invalid-guid; status 0 "--explain"
check "--explain names the rule and explains it" sh -c "head -1 '$tmp/out' | grep -q '^rss-invalid-guid (error): ' && grep -q 'isPermaLink' '$tmp/out'"
run --explain=no-such-rule; status 2 "--explain with an unknown rule"
run --version; status 0 "--version"
check "--version prints the version" grep -q '^feedcheck [0-9][0-9.]*$' "$tmp/out"
run --help; status 0 "--help"
cp "$tmp/out" "$tmp/help"
# every option of --help is in the man page, and the reverse
grep -o -- '--[a-z][a-z-]*\|^  -[a-z]' "$tmp/help" | sed 's/^ *//' | sort -u >"$tmp/help-opts"
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$top/man/feedcheck.1" | grep '^\.B' |
	sed 's/\\-/-/g' | grep -o -- '--[a-z][a-z-]*\|-[a-z]\b' | sort -u >"$tmp/man-opts"
check "man page documents every option of --help" sh -c "comm -23 '$tmp/help-opts' '$tmp/man-opts' | grep -q . && exit 1 || exit 0"
check "--help shows every option of the man page" sh -c "comm -13 '$tmp/help-opts' '$tmp/man-opts' | grep -q . && exit 1 || exit 0"
check "man page has an EXIT STATUS section" grep -q '^\.SH EXIT STATUS' "$top/man/feedcheck.1"
if command -v groff >/dev/null 2>&1; then
	check "man page formats without warnings" sh -c "groff -man -Tutf8 -ww -z '$top/man/feedcheck.1' 2>&1 | grep -q . && exit 1 || exit 0"
fi

# ---- hostile input
marker=FEEDCHECK-SECRET-MARKER-7f3a91
printf '%s\n' "$marker" >"$tmp/secret.txt"
mkfifo "$tmp/fifo"
for target in "$tmp/secret.txt" "file://$tmp/secret.txt" "$tmp/fifo"; do
	cat >"$tmp/xxe.xml" <<EOF2
<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY leak SYSTEM "$target">
]>
<rss version="2.0"><channel><title>&leak;</title><link>https://example.com/</link>
<description>x &leak; <![CDATA[y]]></description></channel></rss>
EOF2
	for fmt in text json junit github; do
		# a fifo blocks whoever opens it: timeout proves it was not opened
		timeout 10 "$fc" --format $fmt "$tmp/xxe.xml" >"$tmp/out" 2>"$tmp/err"
		st=$?
		status 1 "external entity $(basename "$target"), $fmt"
		check "external entity $(basename "$target"), $fmt: reported" grep -q 'xml-external-entity' "$tmp/out"
		check "external entity $(basename "$target"), $fmt: target never read" sh -c "! grep -q '$marker' '$tmp/out' '$tmp/err'"
	done
done
# the billion laughs: ten levels of ten
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE lolz ['
	echo '<!ENTITY lol "lol">'
	prev=lol
	for i in 1 2 3 4 5 6 7 8 9; do
		printf '<!ENTITY lol%s "' "$i"
		for j in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
		echo '">'
		prev=lol$i
	done
	echo ']>'
	echo "<rss version=\"2.0\"><channel><title>&$prev;</title></channel></rss>"
} >"$tmp/lol.xml"
start=$(date +%s)
timeout 10 "$fc" --format json "$tmp/lol.xml" >"$tmp/out" 2>"$tmp/err"; st=$?
end=$(date +%s)
status 1 "billion laughs"
check "billion laughs: rule xml-entity-expansion" grep -q 'xml-entity-expansion' "$tmp/out"
check "billion laughs: bounded in time" test $((end - start)) -lt 5
# an entity that refers to itself
printf '<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><rss>&a;</rss>' >"$tmp/loop.xml"
timeout 10 "$fc" "$tmp/loop.xml" >"$tmp/out" 2>&1; st=$?
status 1 "entities referring to each other"
# an unterminated literal in the internal subset (found by fuzz_check:
# scan_doctype read one byte past the end)
printf '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaa]>\n' >"$tmp/openlit.xml"
timeout 10 "$fc" "$tmp/openlit.xml" >"$tmp/out" 2>&1; st=$?
status 1 "an unterminated entity literal"
# deep nesting stays bounded
awk 'BEGIN { printf "<rss version=\"2.0\">"; for (i = 0; i < 5000; i++) printf "<a>"; for (i = 0; i < 5000; i++) printf "</a>"; print "</rss>" }' >"$tmp/deep.xml"
timeout 10 "$fc" "$tmp/deep.xml" >"$tmp/out" 2>&1; st=$?
status 1 "5,000 nested elements"

# flat_memory FILE WHAT: FILE is valid, and checked in under 32 MB
flat_memory() {
	/usr/bin/time -f '%M' -o "$tmp/rss" "$fc" "$1" >"$tmp/out" 2>&1; st=$?
	status 0 "$2"
	kb=$(tail -1 "$tmp/rss")
	if [ -n "${FEEDTOOLS_VALGRIND:-}" ]; then
		skip "$2: peak memory" "not measured under valgrind"
	else
		check "$2: peak memory ${kb} KB under 32 MB" test "$kb" -lt 32768
	fi
}

# memory stays flat: a 40 MB feed is checked in well under 32 MB
# (not under a sanitizer, whose shadow memory would be counted)
if [ -x /usr/bin/time ] && ! is_sanitized "$fc"; then
	awk 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
		print "<rss version=\"2.0\"><channel><title>big</title><link>https://example.com/</link><description>d</description>"
		for (i = 0; i < 100000; i++)
			printf "<item><title>第%d篇 标题</title><link>https://example.com/%d</link><guid>https://example.com/%d</guid><pubDate>Fri, 15 Jul 2022 06:30:00 +0800</pubDate><description>&lt;p&gt;内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容&lt;/p&gt;</description></item>\n", i, i, i
		print "</channel></rss>"
	}' >"$tmp/big.xml"
	flat_memory "$tmp/big.xml" "a 40 MB feed"
	rm -f "$tmp/big.xml"
fi

# the same for a 40 MB JSON Feed: its items are read one at a time
if [ -x /usr/bin/time ] && ! is_sanitized "$fc"; then
	awk 'BEGIN {
		printf "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"big\", \"items\": [\n"
		for (i = 0; i < 100000; i++)
			printf "%s{\"id\": \"%d\", \"url\": \"https://example.com/%d\", \"title\": \"第%d篇\", \"content_html\": \"<p>内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容</p>\"}\n", (i ? "," : ""), i, i, i
		print "]}"
	}' >"$tmp/big.json"
	flat_memory "$tmp/big.json" "a 40 MB JSON Feed"
	# one duplicate id far down is still found (the ids are kept)
	sed '$d' "$tmp/big.json" >"$tmp/big2.json"
	printf ',{"id": "7", "content_text": "again"}\n]}\n' >>"$tmp/big2.json"
	run "$tmp/big2.json"; status 0 "a duplicate id after 100,000 items (a warning)"
	check "it is the last item's id" grep -q "big2.json:100002:9: warning: duplicate item id '7' (at /items/100000/id) \[json-duplicate-id\]" "$tmp/out"
	rm -f "$tmp/big.json" "$tmp/big2.json"
fi

# JSON read a member at a time: what the member order and syntax errors give
printf '{"title":"T","items":[{"id":"a","author":{"name":"x"},"content_text":"t"}],"version":"https://jsonfeed.org/version/1.1"}' >"$tmp/late.json"
run "$tmp/late.json"; status 0 "version after the items"
check "an item's author is deprecated in 1.1 even when the version comes last" grep -q "late.json:1:42: warning: 'author' is deprecated in JSON Feed 1.1: use authors (at /items/0/author)" "$tmp/out"
printf '{"version":"https://jsonfeed.org/version/1.1",\n"title":"T","title":"U","items":[]}' >"$tmp/dupk.json"
run "$tmp/dupk.json"; status 0 "a duplicate member (RFC 8259 section 4: SHOULD be unique)"
check "a duplicate member is a warning with its place" grep -q "dupk.json:2:13: warning: 'title' appears twice in the feed object; the last is kept (at /title) \[json-duplicate-key\]" "$tmp/out"
printf '{"a":1 "b":2}' >"$tmp/syn.json"
run "$tmp/syn.json"; status 1 "a missing comma"
check "a missing comma: jansson's wording and place" grep -q "syn.json:1:10: error: '}' expected near '\"b\"' \[json-syntax\]" "$tmp/out"
printf '{"items":[' >"$tmp/syn2.json"
run "$tmp/syn2.json"; status 1 "a JSON Feed cut short"
check "cut short: at the end of the file" grep -q "syn2.json:1:10: error: ']' expected near end of file \[json-syntax\]" "$tmp/out"
printf '{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","content_text":"x"}]}  x' >"$tmp/syn3.json"
run "$tmp/syn3.json"; status 1 "text after the object"
check "text after the object is a syntax error" grep -q "syn3.json:1:101: error: end of file expected near 'x' \[json-syntax\]" "$tmp/out"

# a JSON Feed with a syntax error gets that error alone, as jansson would
# report it for the whole document, however many items came before it
printf '{"title":"t","items":[{"id":"1"},{"id":"2"}' >"$tmp/cut.json"
run "$tmp/cut.json"; status 1 "a JSON Feed cut off after its items"
check "cut off: the syntax error alone" test "$(grep -c '\[json-' "$tmp/out")" = 1
check "cut off: where the file ends" grep -q "cut.json:1:43: error: ']' expected near end of file \[json-syntax\]" "$tmp/out"
# the root's findings are kept when the items' fill the stored ten thousand
awk 'BEGIN { printf "{\"items\":["; for (i = 0; i < 10005; i++) printf "%s{\"id\":\"%d\"}", (i ? "," : ""), i; print "]}" }' >"$tmp/many.json"
run "$tmp/many.json"; status 1 "10,005 items without content"
check "the root's missing version is still reported" grep -q "many.json:1:1: error: missing required member 'version'" "$tmp/out"
check "the root's missing title is still reported" grep -q "many.json:1:1: error: missing required member 'title'" "$tmp/out"
rm -f "$tmp/many.json"

# ---- limits that can be changed by option
{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title><link>http://x.com/</link><description>d</description>'
	i=0; while [ $i -lt 40 ]; do printf '<x:a xmlns:x="urn:x">'; i=$((i + 1)); done
	i=0; while [ $i -lt 40 ]; do printf '</x:a>'; i=$((i + 1)); done
	printf '</channel></rss>\n'
} >"$tmp/deep.xml"
run --max-depth 20 "$tmp/deep.xml"; status 1 "--max-depth 20 on 43 levels"
check "--max-depth: validator-limit reported" grep -q "validator-limit" "$tmp/out"
run "$tmp/deep.xml"; status 0 "43 levels are within the default depth"
{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title><link>http://x.com/</link><description>'
	head -c 5000 /dev/zero | tr '\0' 'x'
	printf '</description></channel></rss>\n'
} >"$tmp/longtext.xml"
run --max-text 1K "$tmp/longtext.xml"
check "--max-text 1K: validator-limit reported" grep -q "validator-limit" "$tmp/out"
run --max-depth 0 "$tmp/deep.xml"; status 2 "--max-depth 0 is a usage error"

# ---- write errors are not silent
if [ -w /dev/full ]; then
	"$fc" "$d/invalid-rss.xml" >/dev/full 2>"$tmp/err"; st=$?
	check "a full disk on standard output is an error" test "$st" -ne 0 -a "$st" -ne 1
fi

finish
