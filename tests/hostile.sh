#!/bin/sh
# tests/hostile.sh - hostile input: every case must end in bounded
# time and memory with a clear diagnostic carrying a rule id, exit status 1;
# never a crash (status >= 128) and never a hang (timeout's 124).
# Inputs are made on the fly in a temporary directory (tests/hostile/ holds
# the small fixed ones) and removed afterwards.  The network cases (gzip
# bomb, one byte a second, endless redirects) are in tests/http.sh.
#
#   HOSTILE_BIG_MB=1000   size of the single-line document in MB of 10^6
#                         bytes (default 1000, i.e. 1 GB; set lower where
#                         disk or time is short)
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"
fix=$top/tests/hostile
big_mb=${HOSTILE_BIG_MB:-1000}

need_program "$fc"
need_program "$fg"

# GNU time for the peak resident set; without it only time is bounded
timer=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/probe" true 2>/dev/null; then
	timer=/usr/bin/time
fi

# bounded SECONDS COMMAND...: lib.sh's run_cmd within SECONDS; $st, $secs
# (wall), $kb (peak RSS, 0 unknown).  Under valgrind (make valgrind)
# every limit is ten times longer: the bound still catches a hang.
slow=1
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && slow=10
[ -n "$timer" ] && RUN_MEASURE=1
bounded() {
	RUN_TIMEOUT=$(($1 * slow))
	shift
	run_cmd "$@"
}

# expect WHAT WANT_STATUS RULE_ERE MAX_MB: judge the last run
# memory bounds hold for the real binaries; under a sanitizer its shadow
# memory and quarantine would be counted, and under valgrind valgrind's
# own, so there only time and diagnostics are checked (the plain `make
# check` checks memory)
sanitized=0
is_sanitized "$fc" && sanitized=1
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && sanitized=1

expect() {
	e_what=$1 e_want=$2 e_rule=$3 e_mb=$4
	why=
	if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
		why="timed out (a hang)"
	elif [ "$st" -ge 128 ]; then
		why="crashed (status $st)"
	elif ! echo "$st" | grep -Eq "^($e_want)\$"; then
		why="exit $st, want $e_want"
	elif [ -n "$e_rule" ] && ! grep -Eq "\\[($e_rule)\\]" "$tmp/out" "$tmp/err"; then
		why="no [$e_rule] diagnostic"
	elif [ "$sanitized" = 0 ] && [ "$kb" -gt $((e_mb * 1024)) ]; then
		why="peak RSS $((kb / 1024)) MB over $e_mb MB"
	fi
	if [ -z "$why" ]; then
		ok "$e_what (exit $st, ${secs}s, $((kb / 1024)) MB)"
	else
		not_ok "$e_what: $why"
		sed 's/^/#   /' "$tmp/out" "$tmp/err" | cut -c1-200 | head -10
	fi
}

# findings WHAT WANT FILE...: the errors and warnings of the text report of
# FILE are exactly WANT ("LINE:COL rule" each, space-separated)
findings() {
	f_what=$1 f_want=$2; shift 2
	bounded 20 "$fc" "$@"
	got=$(sed -n 's/^[^:]*:\([0-9]*:[0-9]*\): \(error\|warning\): .*\[\([a-z0-9-]*\)\]$/\1 \3/p' \
		"$tmp/out" | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$f_want" ]; then
		ok "$f_what"
	else
		not_ok "$f_what"
		echo "#   want: $f_want"
		echo "#   got:  $got"
	fi
}

# the end of a feed every generated document is closed with
tail_rss='<link>http://example.org/</link><description>d</description></channel></rss>'

# ---- external entities: nothing named in a DOCTYPE is ever opened
# the marker is in the file, never in its name (which the excerpt of the
# DOCTYPE line shows)
marker=hostile-marker-$$-$(date +%s)
secret=$tmp/secret.txt
echo "$marker" >"$secret"
cat >"$tmp/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://$secret">]>
<rss version="2.0"><channel><title>&xxe;</title>$tail_rss
EOF
cat >"$tmp/xxe-param.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://$secret"> %p;]>
<rss version="2.0"><channel><title>t</title>$tail_rss
EOF
cat >"$tmp/xxe-dtd.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file://$secret">
<rss version="2.0"><channel><title>t</title>$tail_rss
EOF
cat >"$tmp/xxe-attr.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "$secret"><!ATTLIST rss a CDATA "&xxe;">]>
<rss version="2.0"><channel><title>t</title>$tail_rss
EOF
have_strace=
command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null &&
	have_strace=1
for c in xxe:"general entity" xxe-param:"parameter entity" \
	 xxe-dtd:"external DTD subset" xxe-attr:"entity in a default attribute"; do
	f=${c%%:*} what="external entity ($f, ${c#*:})"
	# an external DTD subset is not an entity declaration: a warning
	want=1 rule=xml-external-entity
	[ "$f" = xxe-dtd ] && want=0 rule=xml-external-dtd
	[ "$f" = xxe-attr ] && rule='xml-external-entity|xml-not-well-formed'
	for format in text json; do
		bounded 20 "$fc" --format "$format" "$tmp/$f.xml"
		[ "$format" = json ] && rule=
		if grep -q "$marker" "$tmp/out" "$tmp/err"; then
			not_ok "$what: the file's contents appear in the $format output"
		else
			expect "$what, $format: contents not shown" "$want" "$rule" 256
		fi
	done
	if [ -n "$have_strace" ]; then
		timeout -k 5 20 strace -f -qq -e trace=open,openat,stat,newfstatat \
			-o "$tmp/strace" "$fc" "$tmp/$f.xml" >/dev/null 2>&1
		if grep -q "$secret" "$tmp/strace"; then
			not_ok "$what: the file was opened or looked at"
			grep "$secret" "$tmp/strace" | sed 's/^/#   /' | head -3
		else
			ok "$what: the file is never opened (strace)"
		fi
	else
		skip "$what: the file is never opened (strace)" "strace is not installed"
	fi
done

# an external DTD, SYSTEM or PUBLIC, a URL or a path: a warning at the
# DOCTYPE (never read; the W3C validator accepts the Netscape RSS 0.91 one,
# so it does not change the verdict)
printf '<?xml version="1.0"?>\n<!-- c -->\n  <!DOCTYPE rss SYSTEM "http://example.org/rss.dtd">\n<rss version="2.0"><channel><title>t</title>%s\n' \
	"$tail_rss" >"$tmp/dtd-url.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="2.0"><channel><title>t</title>%s\n' \
	"$tail_rss" >"$tmp/dtd-public.xml"
printf '<!DOCTYPE rss SYSTEM "%s" [<!ENTITY t "x">]><rss version="2.0"><channel><title>&t;</title>%s\n' \
	"$secret" "$tail_rss" >"$tmp/dtd-path.xml"
findings "external DTD by URL: a warning at the DOCTYPE" \
	"3:3 xml-external-dtd" "$tmp/dtd-url.xml"
findings "external DTD by PUBLIC id: a warning at the DOCTYPE" \
	"2:1 xml-external-dtd 4:1 rss-invalid-doctype" "$tmp/dtd-public.xml"
findings "external DTD by path, with an internal subset: a warning" \
	"1:1 xml-external-dtd" "$tmp/dtd-path.xml"
bounded 20 "$fc" "$tmp/dtd-public.xml"
if [ "$st" -eq 0 ] && grep -q "external DTD 'http://my.netscape.com/publish/formats/rss-0.91.dtd' (Netscape's" "$tmp/out"; then
	ok "external DTD: the message names it"
else
	not_ok "external DTD: the message does not name the DTD"
fi
bounded 20 "$fc" --explain xml-external-dtd
if [ "$st" -eq 0 ] && head -1 "$tmp/out" | grep -q '^xml-external-dtd (warning): '; then
	ok "external DTD: --explain xml-external-dtd"
else
	not_ok "external DTD: --explain xml-external-dtd (exit $st)"
fi

# ---- entity bombs: libxml2 is never asked to substitute (no
# XML_PARSE_NOENT); the checker's own expansion bound reports the bomb
python3 - "$tmp" <<'EOF' || exit 1
import sys
d = sys.argv[1]
tail = ('<link>http://example.org/</link><description>d</description>'
        '</channel></rss>\n')
# billion laughs: ten levels of ten references, 10^9 "lol"s
ents = '<!ENTITY l0 "lol">' + ''.join(
    '<!ENTITY l%d "%s">' % (i, ('&l%d;' % (i - 1)) * 10) for i in range(1, 10))
open(d + '/laughs.xml', 'w').write(
    '<?xml version="1.0"?>\n<!DOCTYPE rss [' + ents + ']>\n'
    '<rss version="2.0"><channel><title>&l9;</title>' + tail)
# quadratic blowup: one 60 KB entity referenced 20,000 times (1.2 GB)
open(d + '/quadratic.xml', 'w').write(
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + 'x' * 60000 +
    '">]>\n<rss version="2.0"><channel><title>t</title><description>' +
    '&a;' * 20000 + '</description>' + tail.replace('<description>d</description>', ''))
# 100,000 levels of nesting
open(d + '/deep.xml', 'w').write(
    '<rss version="2.0"><channel><title>t</title>' + '<x>' * 100000 +
    '</x>' * 100000 + tail)
# a 10 MB attribute value: libxml2's own limit (XML_MAX_TEXT_LENGTH)
with open(d + '/attr.xml', 'w') as f:
    f.write('<rss version="2.0" a="' + 'a' * (10 * 1024 * 1024) +
            '"><channel><title>t</title>' + tail)
# NUL bytes, in text, in a tag and in an attribute
open(d + '/nul.xml', 'wb').write(
    b'<rss version="2.0"><channel><title>a\0b</title><li\0nk>x</link>'
    b'<description a="\0">d</description></channel></rss>\n')
def rss16(enc, bom, bad):
    head = ('<?xml version="1.0" encoding="UTF-16"?><rss version="2.0">'
            '<channel><title>a').encode(enc)
    return bom + head + bad + ('b</title>' + tail).encode(enc)
# lone surrogates in UTF-16: a high one alone, a low one alone
open(d + '/u16le-high.xml', 'wb').write(rss16('utf-16-le', b'\xff\xfe', b'\x00\xd8'))
open(d + '/u16be-low.xml', 'wb').write(rss16('utf-16-be', b'\xfe\xff', b'\xdc\x00'))
open(d + '/u16le-end.xml', 'wb').write(b'\xff\xfe' + '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>'.encode('utf-16-le') + b'\x3d\xd8')
# overlong and out-of-range UTF-8
def rss8(bad):
    return (b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">'
            b'<channel><title>a' + bad + b'b</title>' + tail.encode())
open(d + '/overlong.xml', 'wb').write(rss8(b'\xc0\xaf\xe0\x80\xaf\xf0\x80\x80\xaf'))
open(d + '/range.xml', 'wb').write(rss8(b'\xf4\x90\x80\x80\xf8\x88\x80\x80\x80\xff\xfe'))
open(d + '/surrogate8.xml', 'wb').write(rss8(b'\xed\xa0\x80\xed\xbf\xbf'))
open(d + '/overlong-lt.xml', 'wb').write(rss8(b'\xc0\xbcscript\xc0\xbe'))
# sequences cut short inside the text: E4 B8, F0 9F 98 and C3 are one fault each
open(d + '/cut8.xml', 'wb').write(rss8(b'\xe4\xb8x\xf0\x9f\x98y\xc3'))
EOF
bounded 20 "$fc" "$tmp/laughs.xml"
expect "billion laughs" 1 xml-entity-expansion 256
bounded 20 "$fc" "$tmp/quadratic.xml"
# nothing is expanded, so nothing blows up; a finding is not required
expect "quadratic blowup (60 KB entity x 20,000)" '0|1' '' 256
bounded 20 "$fc" "$tmp/deep.xml"
expect "100,000 levels of nesting" 1 'validator-limit|xml-not-well-formed|xml-too-deep|[a-z-]*depth[a-z-]*' 256
bounded 20 "$fc" "$tmp/attr.xml"
expect "10 MB attribute (libxml2's own limit)" 1 'validator-limit|xml-not-well-formed' 256
bounded 20 "$fc" "$tmp/nul.xml"
expect "NUL bytes" 1 'xml-invalid-char|xml-not-well-formed' 256
for f in u16le-high:"lone high surrogate, UTF-16LE" \
	 u16be-low:"lone low surrogate, UTF-16BE" \
	 u16le-end:"high surrogate at the end, UTF-16LE"; do
	bounded 20 "$fc" "$tmp/${f%%:*}.xml"
	expect "${f#*:}" 1 'charset-[a-z-]+|xml-not-well-formed|xml-invalid-char' 256
	bounded 20 "$fc" --format json "$tmp/${f%%:*}.xml"
	if python3 -m json.tool "$tmp/out" >/dev/null 2>&1; then
		ok "${f#*:}: the JSON report is valid JSON"
	else
		not_ok "${f#*:}: the JSON report is not valid JSON"
	fi
done
for f in overlong:"overlong UTF-8" range:"out-of-range UTF-8 (> U+10FFFF, 5 bytes, FE FF)" \
	 surrogate8:"surrogates encoded in UTF-8" overlong-lt:"overlong '<' in UTF-8"; do
	bounded 20 "$fc" "$tmp/${f%%:*}.xml"
	expect "${f#*:}" 1 'charset-invalid-bytes|xml-not-well-formed|xml-invalid-char' 256
done

# one finding per malformed sequence, at its first byte, and the text after
# it read in step: a lone UTF-16 surrogate is one code unit (two bytes), a
# malformed UTF-8 sequence is its maximal subpart (Unicode 3.9, Table 3-7)
findings "lone high surrogate, UTF-16LE: one finding at it, the rest in step" \
	"1:76 charset-invalid-bytes" "$tmp/u16le-high.xml"
findings "lone low surrogate, UTF-16BE: one finding at it, the rest in step" \
	"1:76 charset-invalid-bytes" "$tmp/u16be-low.xml"
# and each is named for what it is: half a character, not bytes
"$fc" --format gcc "$tmp/u16le-high.xml" "$tmp/u16be-low.xml" "$tmp/u16le-end.xml" >"$tmp/out" 2>&1
contains "$tmp/out" "u16le-high.xml:1:76: error: a lone UTF-16 surrogate, U+D800, in 'UTF-16LE' at byte 152: 00 d8 62 00: a high surrogate without the low one that must follow it" \
	"a lone high surrogate in UTF-16LE is named as one"
contains "$tmp/out" "u16be-low.xml:1:76: error: a lone UTF-16 surrogate, U+DC00, in 'UTF-16BE' at byte 152: dc 00 00 62: a low surrogate without the high one that must come before it" \
	"a lone low surrogate in UTF-16BE is named as one"
contains "$tmp/out" "u16le-end.xml:1:75: error: a lone UTF-16 surrogate, U+D83D, in 'UTF-16LE' at byte 150: 3d d8: a high surrogate at the end of the document" \
	"a high surrogate at the very end is named as one"
contains "$tmp/out" "u16le-end.xml:1:78: error: the document ends before it is complete" \
	"... and the document as cut short [xml-truncated]"
lacks "$tmp/out" "0x00" "no surrogate is 'byte 0x00'"
findings "UTF-8 sequences cut short: one finding each, at its first byte" \
	"1:75 charset-invalid-bytes 1:77 charset-invalid-bytes 1:79 charset-invalid-bytes" \
	"$tmp/cut8.xml"
findings "overlong '<' in UTF-8: C0 and BC are a fault each, the text between read" \
	"1:75 charset-invalid-bytes 1:76 charset-invalid-bytes 1:83 charset-invalid-bytes 1:84 charset-invalid-bytes" \
	"$tmp/overlong-lt.xml"

# ---- a single line of $big_mb MB (10^6 bytes; 1000 MB is just under
# feedcheck's 1 GiB ceiling).  One text node: it is read to its end (the
# SAX parse keeps no text node; its text is checked up to --max-text, a
# validator-limit finding says so once) and the rest of the document after
# it is checked; the bytes are all scanned for their encoding first.
# feedcheck maps the file (standard input too, when it is a file, and
# spools a pipe to a temporary file that it maps) and gives back the pages
# it has gone past, and the report reads only the bytes around a finding:
# the peak stays near 30 MB whatever the size (it was 970 MB for 1000 MB).
if python3 - "$tmp/big.xml" "$big_mb" <<'EOF'
import sys
left = int(sys.argv[2]) * 1000000
head, tail = b'<rss version="2.0"><channel><title>', b'</title></channel></rss>'
chunk = b'a' * 1048576
left -= len(head) + len(tail)
with open(sys.argv[1], 'wb') as f:
    f.write(head)
    while left > 0:
        f.write(chunk[:left])
        left -= len(chunk)
    f.write(tail)
EOF
then
	bounded 60 "$fc" "$tmp/big.xml"
	expect "$big_mb MB single-line document, one text node" 1 \
		validator-limit 64
	bytes=$(wc -c <"$tmp/out")
	if [ "$bytes" -lt 65536 ]; then ok "$big_mb MB single line: the report stays small ($bytes bytes)"
	else not_ok "$big_mb MB single line: a report of $bytes bytes"; fi
	# the long text is one finding, at its element; the document is
	# well-formed, and what follows the text was read (channel's end)
	if [ "$(grep -c '\[validator-limit\]' "$tmp/out")" = 1 ] &&
	   grep -q "^[^:]*:1:29: error: text of 'title' longer than [0-9]* bytes; the rest was not checked" "$tmp/out" &&
	   ! grep -q '\[xml-not-well-formed\]' "$tmp/out" &&
	   grep -q "missing 'channel' element: 'link'" "$tmp/out"; then
		ok "$big_mb MB single line: the long text node is reported once, the document read to its end"
	else
		not_ok "$big_mb MB single line: the long text node is not reported exactly once"
		sed 's/^/#   /' "$tmp/out" | cut -c1-200 | head -6
	fi
	bounded 60 sh -c 'exec "$0" - <"$1"' "$fc" "$tmp/big.xml"
	expect "$big_mb MB single line on standard input (a file)" 1 \
		validator-limit 64
	bounded 90 sh -c 'cat "$1" | "$0" -' "$fc" "$tmp/big.xml"
	expect "$big_mb MB single line on standard input (a pipe)" 1 \
		validator-limit 64
else
	not_ok "$big_mb MB single-line document: could not write it"
fi
rm -f "$tmp/big.xml"
# past the ceiling: refused before a byte is read (a sparse file)
if truncate -s 1100M "$tmp/huge.xml" 2>/dev/null; then
	bounded 20 "$fc" "$tmp/huge.xml"
	if [ "$st" -eq 3 ] && grep -q "^$tmp/huge.xml: error: '.*huge.xml' is larger than .*\[io-too-large\]\$" "$tmp/out"; then
		ok "1100 MB document: refused, exit 3 (${secs}s, $((kb / 1024)) MB)"
	else
		expect "1100 MB document: refused" 3 '' 64
	fi
	rm -f "$tmp/huge.xml"
else
	skip "1100 MB document: refused" "truncate cannot make a sparse file here"
fi
# 819,200 items on one line: every element's position is found on it (the
# line-end search used to be quadratic: 8 MB took 26 s).  HOSTILE_ONE_LINE=0
# skips it.
if [ "${HOSTILE_ONE_LINE:-1}" = 1 ]; then
	python3 - "$tmp/items.xml" 200 <<'EOF'
import sys
item = (b'<item><title>x</title><description>' + b'a' * 200 +
        b'</description></item>')
chunk = item * (1048576 // len(item))
with open(sys.argv[1], 'wb') as f:
    f.write(b'<rss version="2.0"><channel><title>t</title>'
            b'<link>http://example.org/</link><description>d</description>')
    for i in range(int(sys.argv[2])):
        f.write(chunk)
    # a finding at the far end of the line, shown with its excerpt
    f.write(b'<item><title>x</title><pubDate>yesterday</pubDate></item>'
            b'</channel></rss>')
EOF
	bounded 60 "$fc" "$tmp/items.xml"
	# the pages behind the last start tag are given back as the parse
	# goes, and the excerpt of the finding at the end reads only the bytes
	# around it (215 MB before, 27 MB now)
	expect "200 MB single-line document of 819,200 items" 1 invalid-rfc822-date 64
	if grep -q '^    .*<pubDate>yesterday</pubDate>' "$tmp/out"; then
		ok "200 MB single line: the finding at its end is shown in context"
	else
		not_ok "200 MB single line: no excerpt around the finding at its end"
	fi
	rm -f "$tmp/items.xml"
else
	skip "200 MB single-line document of items" "HOSTILE_ONE_LINE=0"
fi

# ---- feedgen: hostile page files, the rest still published
col=$tmp/col/2022-07-14
mkdir -p "$col"
cp "$top/samples/2022-07-14/001_3f9a1c2e7b4d8a06.txt" "$col/"
cp "$fix/jpeg-page.txt" "$col/002_0000000000000001.txt"
python3 - "$col" <<'EOF' || exit 1
import sys
d = sys.argv[1] + '/'
open(d + '003_0000000000000002.txt', 'wb').write(
    '# 标题一\n\n正文\x00第一段。\n\n# 标题\x00二\n\n第二段。\n'.encode())
open(d + '004_0000000000000003.txt', 'wb').write(
    b'\xff\xfe' + '# 标题三\n\n正文'.encode('utf-16-le') + b'\x00\xd8' +
    '第三段。\n'.encode('utf-16-le'))
with open(d + '005_0000000000000004.txt', 'wb') as f:
    f.write('# 大页\n\n'.encode())
    para = ('很长的一段文字。' * 100 + '\n\n').encode()
    while f.tell() < 20 * 1000 * 1000:
        f.write(para)
EOF
bounded 60 "$fg" --base-url https://example.org -o "$tmp/out-feeds" "$tmp/col"
expect "feedgen: hostile pages give exit 1, feeds from the rest" 1 page-too-large 512
for c in 002_0000000000000001:"a JPEG page":'page-invalid-encoding|page-binary|page-[a-z-]+' \
	 003_0000000000000002:"NULs in a page":'page-forbidden-char' \
	 004_0000000000000003:"UTF-16 page with a lone surrogate":'page-invalid-encoding|page-[a-z-]+' \
	 005_0000000000000004:"a 20 MB page":'page-too-large'; do
	stem=${c%%:*} rest=${c#*:}; what=${rest%%:*} rule=${rest#*:}
	if grep -E "$stem\\.txt.*\\[($rule)\\]" "$tmp/err" "$tmp/out" >/dev/null; then
		ok "feedgen: $what is reported [$(grep -Eo "$stem\\.txt.*\\[($rule)\\]" "$tmp/err" "$tmp/out" | head -1 | sed 's/.*\[//; s/\]//')]"
	else
		not_ok "feedgen: $what: no [$rule] diagnostic naming it"
	fi
done
# the surrogate is named as one, at its code unit, not as "byte 0x00"
contains "$tmp/err" "004_0000000000000003.txt:3:3: error: a lone UTF-16 surrogate, U+D800, at byte 20: a high surrogate without the low one that must follow it; page skipped [page-invalid-encoding]" \
	"feedgen: a lone UTF-16 surrogate in a page is named as one"
lacks "$tmp/err" "byte sequence 0x00" "feedgen: the surrogate is not 'byte 0x00'"
if [ -s "$tmp/out-feeds/atom.xml" ] && grep -q '标题一' "$tmp/out-feeds/atom.xml" &&
   grep -q '标题二' "$tmp/out-feeds/atom.xml" &&
   ! grep -q '大页' "$tmp/out-feeds/atom.xml"; then
	ok "feedgen: the readable pages are published, NULs dropped, the big page not"
else
	not_ok "feedgen: the feeds do not hold exactly the readable pages"
fi
if [ -s "$tmp/out-feeds/atom.xml" ] && ! LC_ALL=C grep -q "$(printf '\377\330')" "$tmp/out-feeds/atom.xml"; then
	ok "feedgen: no JPEG bytes in the feed"
else
	not_ok "feedgen: JPEG bytes in the feed, or no feed"
fi

finish
