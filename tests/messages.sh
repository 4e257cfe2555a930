#!/bin/sh
# tests/messages.sh - feedcheck says what happened, not what the parser
# or the C library tripped over: a feed cut short at every byte is
# xml-truncated, naming the elements left open (never "extra content at
# the end of the document", never an element made of half a name); a
# report that cannot be written (a full disk, a closed standard output)
# says so, whatever the format, and exits 3 (never "out of memory while
# reporting"); a reader that stops (feedcheck | head -1) is exit status 3,
# not a death by SIGPIPE; a lone UTF-16 surrogate in a JSON Feed is
# named (in XML: tests/hostile.sh); gzip inside gzip (a file, and over
# HTTP), a JPEG, a PNG, a PDF, a zip archive are named for what their
# bytes are, once.
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "the messages" "python3 is needed to make the documents"
	finish
fi

# ---- a feed cut short, at every byte
mkdir -p "$tmp/cut"
python3 - "$tmp/cut" <<'EOF'
import sys
d = sys.argv[1]
full = ('<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        '<title>t</title><link>https://example.com/</link><description>d &amp; e'
        '</description><atom:link href="https://example.com/f" rel="self" '
        'type="application/rss+xml"/><item><title>x</title><guid isPermaLink="false">urn:1</guid>'
        '<description><![CDATA[<p>a</p>]]></description><!-- c --></item>'
        '</channel></rss>\n')
open(d + '/full.xml', 'w').write(full)
# from just after the XML declaration to just before </rss>
start = full.index('<rss')
end = full.rindex('</rss>') + 5
for i in range(start, end):
    open('%s/c%04d.xml' % (d, i), 'w').write(full[:i])
open(d + '/count', 'w').write('%d\n' % (end - start))
EOF
run --format gcc "$tmp/cut/full.xml"
[ "$st" -eq 0 ] && ok "the whole feed is valid" || { not_ok "the whole feed: exit $st"; show; }
run --format gcc "$tmp"/cut/c*.xml
ncut=$(cat "$tmp/cut/count")
if [ "$(grep -c '\[xml-truncated\]' "$tmp/out")" = "$ncut" ]; then
	ok "a feed cut at each of its $ncut bytes: one [xml-truncated] each"
else
	not_ok "a feed cut at each byte: $(grep -c '\[xml-truncated\]' "$tmp/out") of $ncut are [xml-truncated]"
	for f in "$tmp"/cut/c*.xml; do
		grep -q "^$f:.*\[xml-truncated\]" "$tmp/out" || { printf '#   %s: ' "...$(tail -c 20 "$f")"; grep "^$f:" "$tmp/out" | head -1; }
	done | head -8
fi
lacks "$tmp/out" "extra content at the end" "a cut feed is never 'extra content at the end of the document'"
if grep -q '\[undefined-element\]\|\[xml-not-well-formed\]' "$tmp/out"; then
	not_ok "a cut feed: no half element, no other parse error"; grep '\[undefined-element\]\|\[xml-not-well-formed\]' "$tmp/out" | head -3 | sed 's/^/#   /'
else ok "a cut feed: no element made of half a name, no other parse error"; fi
# the feed cut inside </title> of the item
c=$tmp/cut/c$(python3 -c 'import sys; print("%04d" % (open(sys.argv[1]).read().index("<title>x</ti") + 12))' "$tmp/cut/full.xml").xml
run "$c"
if grep -q "error: the document ends before it is complete: <title> (line 2), <item> (line 2), <channel> (line 2), <rss> (line 2) are still open; it was cut short" "$tmp/out" && [ "$st" -eq 1 ]; then
	ok "a feed cut inside </title>: the elements left open, innermost first (exit 1)"
else not_ok "a feed cut inside </title>"; show; fi
printf '<?xml version="1.0"?>\n' >"$tmp/decl.xml"
run --format gcc "$tmp/decl.xml"
contains "$tmp/out" "the document ends before its root element begins" "a declaration and nothing more"
printf '<rss version="2.0"><channel><title>t</title></channel></rss><rss>\n' >"$tmp/two.xml"
run --format gcc "$tmp/two.xml"
if grep -q 'extra content at the end of the document \[xml-not-well-formed\]' "$tmp/out" && ! grep -q xml-truncated "$tmp/out"; then
	ok "content after the root element is still 'extra content', not a cut"
else not_ok "content after the root element"; show; fi

# ---- standard output that cannot be written
if [ -w /dev/full ]; then
	for fmt in text gcc json jsonl junit sarif github html; do
		"$fc" --format $fmt "$c" >/dev/full 2>"$tmp/err"
		st=$?
		if [ "$st" -eq 3 ] && grep -q '^feedcheck: error: cannot write standard output: No space left on device \[io-write-failed\]$' "$tmp/err" &&
		   ! grep -q 'out of memory' "$tmp/err" && [ "$(grep -c . "$tmp/err")" = 1 ]; then
			ok "--format $fmt >/dev/full: 'cannot write standard output: No space left on device', exit 3"
		else not_ok "--format $fmt >/dev/full: exit $st"; sed 's/^/#   /' "$tmp/err" | head -3; fi
	done
	for a in "--list-rules --format json" "--list-rules" "--explain xml-truncated" "--help"; do
		# shellcheck disable=SC2086
		"$fc" $a >/dev/full 2>"$tmp/err"
		st=$?
		if [ "$st" -eq 3 ] && grep -q 'cannot write standard output: No space left on device \[io-write-failed\]' "$tmp/err" &&
		   ! grep -q 'out of memory' "$tmp/err"; then
			ok "$a >/dev/full: says the write failed, exit 3"
		else not_ok "$a >/dev/full: exit $st"; sed 's/^/#   /' "$tmp/err" | head -3; fi
	done
else
	skip "standard output on a full disk" "/dev/full is not writable here"
fi
"$fc" --format sarif "$c" >&- 2>"$tmp/err"
st=$?
if [ "$st" -eq 3 ] && grep -q 'cannot write standard output: Bad file descriptor \[io-write-failed\]' "$tmp/err"; then
	ok "a closed standard output: says so, exit 3"
else not_ok "a closed standard output: exit $st"; sed 's/^/#   /' "$tmp/err" | head -3; fi

# a reader that stops: more than a pipe holds (1 MiB at most on Linux)
# goes out, head takes one line and leaves
for i in $(seq 1 300); do printf '%s\n' "$c"; done >"$tmp/list"
# shellcheck disable=SC2046
( "$fc" --format json $(cat "$tmp/list") 2>"$tmp/err"; echo $? >"$tmp/st" ) | head -c 1 >/dev/null
st=$(cat "$tmp/st")
if [ "$st" -eq 3 ] && [ ! -s "$tmp/err" ]; then ok "feedcheck --format json ... | head -c 1: exit 3, not SIGPIPE (141), silently"
else not_ok "feedcheck ... | head -c 1: exit $st"; sed 's/^/#   /' "$tmp/err" | head -3; fi
# shellcheck disable=SC2046
( "$fc" $(cat "$tmp/list") 2>"$tmp/err"; echo $? >"$tmp/st" ) | head -1 >/dev/null
st=$(cat "$tmp/st")
if [ "$st" -eq 3 ]; then ok "feedcheck ... | head -1: exit 3"
else not_ok "feedcheck ... | head -1: exit $st"; fi

# ---- a lone UTF-16 surrogate in a JSON Feed (in XML: tests/hostile.sh)
python3 - "$tmp" <<'EOF'
import sys
j = '{"version": "https://jsonfeed.org/version/1.1", "title": "a\ud800b", "items": []}'
open(sys.argv[1] + '/u16.json', 'wb').write(b'\xff\xfe' + j.encode('utf-16-le', 'surrogatepass'))
EOF
run --format gcc "$tmp/u16.json"
contains "$tmp/out" "u16.json:1:60: error: a lone UTF-16 surrogate, U+D800, in 'UTF-16LE' at byte 120: 00 d8 62 00: a high surrogate" \
	"a lone surrogate in a UTF-16 JSON Feed is named (it was not reported at all)"

# ---- bytes that are no text
python3 - "$tmp" "$top" <<'EOF'
import gzip, sys, zlib, struct
d, top = sys.argv[1], sys.argv[2]
feed = open(top + '/tests/feedcheck/valid-rss.xml', 'rb').read()
open(d + '/feed.xml.gz', 'wb').write(gzip.compress(feed))
open(d + '/twice.xml', 'wb').write(gzip.compress(gzip.compress(feed)))
open(d + '/photo.xml', 'wb').write(b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01' + bytes(200))
def chunk(t, b):
    return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b))
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) +
       chunk(b'IDAT', zlib.compress(b'\x00\x00\x00\x00')) + chunk(b'IEND', b''))
open(d + '/image.rss', 'wb').write(png)
open(d + '/doc.atom', 'wb').write(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n')
open(d + '/archive.json', 'wb').write(b'PK\x03\x04\x14\x00\x00\x00\x08\x00' + bytes(40))
EOF
run --format gcc "$tmp/feed.xml.gz" "$tmp/twice.xml" "$tmp/photo.xml" "$tmp/image.rss" "$tmp/doc.atom" "$tmp/archive.json"
for c in feed.xml.gz:"gzip-compressed data (it starts with the bytes 1f 8b 08" \
	 twice.xml:"gzip-compressed data (it starts with the bytes 1f 8b 08" \
	 photo.xml:"a JPEG image (it starts with the bytes ff d8 ff e0" \
	 image.rss:"a PNG image (it starts with the bytes 89 50 4e 47" \
	 doc.atom:"a PDF document" archive.json:"a zip archive"; do
	f=${c%%:*} what=${c#*:}
	if [ "$(grep -c "^$tmp/$f:" "$tmp/out")" = 1 ] &&
	   grep -q "^$tmp/$f:1:1: error: the document is $what.*\[not-text\]" "$tmp/out"; then
		ok "$f: one finding, naming what the bytes are [not-text]"
	else not_ok "$f: not named as $what, once"; grep "^$tmp/$f:" "$tmp/out" | head -3 | sed 's/^/#   /'; fi
done
lacks "$tmp/out" "charset-invalid-bytes" "binary files: no heap of encoding errors"
python3 "$top/tests/http/server.py" "$tmp/port" --lifetime 60 >"$tmp/server.log" 2>&1 &
server_pid=$!
at_exit 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null'
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if [ -s "$tmp/port" ]; then
	base=http://127.0.0.1:$(sed -n 1p "$tmp/port")
	run --format gcc "$base/gzip2"
	if [ "$st" -eq 1 ] && grep -q "^$base/gzip2:1:1: error: the document is gzip-compressed data .*compressed it once more than its Content-Encoding says \[not-text\]" "$tmp/out" &&
	   ! grep -q 'charset-invalid-bytes' "$tmp/out"; then
		ok "gzip inside gzip over HTTP: named, once"
	else not_ok "gzip inside gzip over HTTP (exit $st)"; show; fi
	run --format gcc "$base/gzip"
	[ "$st" -eq 0 ] && ok "gzip once over HTTP: the feed itself" || { not_ok "gzip once over HTTP: exit $st"; show; }
else
	not_ok "the test server did not start"
fi
# ---- a configuration file's name is escaped, as every name is: an ESC in
# it cannot reach the terminal, whether the file is read or not
cfg=$tmp/$(printf 'rc\033[31m')
printf 'bogus = 1\n' >"$cfg"
for c in "$cfg|$cfg:1:1: error: unknown key 'bogus'" \
	 "$cfg-none|$cfg-none: error: cannot read the configuration file"; do
	run --config "${c%%|*}" "$tmp/cut/full.xml"
	c=${c#*|}
	if [ "$st" -eq 2 ] && ! grep -q "$(printf '\033')" "$tmp/err" &&
	   grep -qF "$(printf '%s' "$c" | sed 's/\x1b/\\x1b/')" "$tmp/err"; then
		ok "--config naming a file with ESC in its name: '${c#*: error: }' with the name escaped (exit 2)"
	else not_ok "--config with ESC in the name: exit $st"; show; fi
done
finish
