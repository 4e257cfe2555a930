#!/bin/sh
# tests/media.sh - feedcheck --check-media against tests/podcast/server.py
# on 127.0.0.1 (port 0, port file): the artwork and each enclosure fetched
# once with a ranged GET; a status that is not 2xx, a wrong Content-Type,
# a wrong length, a server without byte ranges, a 4000 px artwork, a CMYK
# JPEG, grayscale, not square, too small, a PNG named .jpg, not an image;
# nothing fetched without the option; --profile apple; a feed given as a
# URL; the 200-enclosure limit; a 20 MB enclosure without ranges read in
# a few KB, in bounded time and memory.  The images are made here
# (tests/podcast/mkimage.py: PNG with the standard library, JPEG with
# Debian's python3-pil, skipped without it).
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "--check-media" "python3 is needed for the test server"
	finish
fi
measure=0
can_measure "$fc" && measure=1
limit=20
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && limit=200

www=$tmp/www
mkdir -p "$www"
start_server "$top/tests/podcast/server.py" "$www" --lifetime 300 || finish
base=http://127.0.0.1:$(sed -n 1p "$tmp/port")

# run (lib.sh), bounded in time, its output and errors in $tmp/out.  The
# feeds are files whose media are on 127.0.0.1: a document's media may
# reach a loopback address only with --allow-private (tests/ssrf.sh tests
# that policy), so every run here gives it.
RUN_TIMEOUT=$limit RUN_MEASURE=$measure RUN_MERGE=1
run() { run_cmd "$fc" --allow-private "$@"; }
no_rule() {
	if grep -q "^$2:.*\[$1\]" "$tmp/out"; then not_ok "$3: [$1] reported"; show
	else ok "$3: no [$1]"; fi
}
# count NAME: how many requests the server had for NAME
count() {
	python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" "$base/count/$1"
}

# ---- the files
pil=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import PIL' 2>/dev/null; then pil=$p; break; fi
done
mk() { python3 "$top/tests/podcast/mkimage.py" "$www/$1" png "$2" "$3" "$4"; }
mk good.png 1400 1400 rgb
mk big.png 4000 4000 rgb
mk gray.png 1400 1400 gray
mk wide.png 1600 1400 rgb
mk small.png 600 600 rgb
mk alpha.png 1400 1400 rgba
mk trns.png 1400 1400 rgbt
cp "$www/good.png" "$www/png-named.jpg"
printf 'not an image at all\n' >"$www/text.jpg"
if [ -n "$pil" ]; then
	"$pil" "$top/tests/podcast/mkimage.py" "$www/good.jpg" jpeg 1400 1400 rgb
	"$pil" "$top/tests/podcast/mkimage.py" "$www/cmyk.jpg" jpeg 1400 1400 cmyk
fi
head -c 5000 /dev/zero >"$www/ep.mp3"
for k in 2 3 4; do cp "$www/ep.mp3" "$www/ep$k.mp3"; done
head -c 20971520 /dev/zero >"$www/huge.mp3"

# feed FILE ARTWORK ENCLOSURES...: a podcast, an enclosure "URL|LENGTH|TYPE"
# per item
feed() {
	out=$1 art=$2
	shift 2
	{
		printf '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">\n'
		printf '<channel><title>t</title><link>https://example.com/</link><description>d</description>\n'
		[ -n "$art" ] && printf '<itunes:image href="%s"/>\n' "$art"
		k=0
		for e in "$@"; do
			k=$((k + 1))
			u=${e%%|*} rest=${e#*|}
			printf '<item><title>e%d</title><guid isPermaLink="false">urn:x:%d</guid>\n<enclosure url="%s" length="%s" type="%s"/></item>\n' \
				$k $k "$u" "${rest%%|*}" "${rest#*|}"
		done
		printf '</channel></rss>\n'
	} >"$out"
}

# ---- a podcast whose media agree with it
feed "$www/good.xml" "$base/f/good.png" "$base/f/ep.mp3|5000|audio/mpeg"
run --check-media "$www/good.xml"
if [ "$st" -eq 0 ] && ! grep -q '\[media-check-\|\[artwork-' "$tmp/out"; then
	ok "media that agree with the feed: no media finding"
else not_ok "media that agree with the feed (exit $st)"; show; fi
if [ "$(count ep.mp3)" = 1 ] && [ "$(count good.png)" = 1 ]; then ok "each fetched once"
else not_ok "each fetched once: ep.mp3 $(count ep.mp3), good.png $(count good.png)"; fi
run "$www/good.xml"
if [ "$(count ep.mp3)" = 1 ]; then ok "nothing is fetched without --check-media"
else not_ok "without --check-media ep.mp3 was fetched"; fi

# ---- enclosures that disagree
f=$www/enc.xml
feed "$f" "" "$base/as/audio_ogg/ep2.mp3|5000|audio/mpeg" "$base/f/ep3.mp3|4000|audio/mpeg" \
	"$base/noranges/ep4.mp3|5000|audio/mpeg" "$base/status/404.mp3|10|audio/mpeg" \
	"http://127.0.0.1:1/refused.mp3|10|audio/mpeg" "$base/f/ep3.mp3|4000|audio/mpeg"
run --check-media "$f"
if [ "$st" -eq 1 ]; then ok "enclosures that disagree: exit 1 (a 404 is an error)"; else not_ok "enclosures: exit $st"; show; fi
has_rule_at media-check-type "$f" 4 "a Content-Type of audio/ogg for audio/mpeg"
grep -q "the server says '.*ep2.mp3' is 'audio/ogg'; the feed says 'audio/mpeg'" "$tmp/out" &&
	ok "says both types" || not_ok "says both types"
has_rule_at media-check-length "$f" 6 "5000 bytes where the feed says 4000"
grep -q "is 5000 bytes; the feed says 4000" "$tmp/out" && ok "says both sizes" || not_ok "says both sizes"
has_rule_at media-check-no-range "$f" 8 "a server that ignores Range"
has_rule_at media-check-status "$f" 10 "a 404"
has_rule_at media-check-failed "$f" 12 "a refused connection"
if grep -q "^$f:6:.*\[media-check-no-range\]\|^$f:4:.*\[media-check-no-range\]" "$tmp/out"; then
	not_ok "byte ranges: said only where missing"; else ok "byte ranges: said only where missing"; fi
if [ "$(count ep3.mp3)" = 1 ]; then ok "an enclosure URL used twice is fetched once"
else not_ok "ep3.mp3 fetched $(count ep3.mp3) times"; fi
if [ "$(grep -c '\[media-check-length\]' "$tmp/out")" -eq 1 ]; then ok "and reported once"
else not_ok "a reused enclosure reported $(grep -c '\[media-check-length\]' "$tmp/out") times"; fi
if awk -F: -v f="$f" '$1 == f && $2 ~ /^[0-9]+$/ { if ($2 + 0 < last) bad = 1; last = $2 + 0 } END { exit bad }' "$tmp/out"; then
	ok "the media findings are in document order"
else not_ok "the media findings are in document order"; show 30; fi
run --check-media --profile apple "$f"
if grep -q "error: .*\[media-check-no-range\]" "$tmp/out"; then ok "--profile apple: no byte ranges is an error"
else not_ok "--profile apple: no byte ranges is an error"; show; fi

# ---- artwork
set -- big.png gray.png wide.png small.png png-named.jpg text.jpg alpha.png trns.png good.png
[ -n "$pil" ] && set -- "$@" cmyk.jpg good.jpg
for a in "$@"; do
	feed "$www/art-$a.xml" "$base/f/$a" "$base/f/ep.mp3|5000|audio/mpeg"
done
cd "$www" || exit 1
files=
for a in "$@"; do files="$files art-$a.xml"; done
# shellcheck disable=SC2086
run --check-media $files
has_rule_at artwork-size art-big.png.xml 3 "a 4000 px artwork"
grep -q "art-big.png.xml:3:.*the artwork is 4000x4000 pixels: Apple takes 1400x1400 to 3000x3000" "$tmp/out" &&
	ok "4000 px: says the size" || not_ok "4000 px: says the size"
has_rule_at artwork-colorspace art-gray.png.xml 3 "a grayscale PNG"
has_rule_at artwork-not-square art-wide.png.xml 3 "a 1600x1400 PNG"
# Apple, artwork requirements: the show cover "Should not contain an Alpha channel"
has_rule_at artwork-alpha art-alpha.png.xml 3 "an RGBA PNG"
has_rule_at artwork-alpha art-trns.png.xml 3 "a PNG with a tRNS chunk"
no_rule artwork-alpha art-good.png.xml "an RGB PNG without transparency"
no_rule artwork-colorspace art-alpha.png.xml "RGBA is RGB"
no_rule artwork-size art-wide.png.xml "1600x1400 is within the sizes"
has_rule_at artwork-size art-small.png.xml 3 "a 600 px PNG"
has_rule_at artwork-format art-png-named.jpg.xml 3 "a PNG named .jpg"
grep -q "the artwork is a PNG, but its name says JPEG" "$tmp/out" && ok "says what it really is" ||
	not_ok "says what it really is"
has_rule_at artwork-format art-text.jpg.xml 3 "text named .jpg"
if [ -n "$pil" ]; then
	has_rule_at artwork-colorspace art-cmyk.jpg.xml 3 "a CMYK JPEG"
	grep -q "art-cmyk.jpg.xml:3:.*the artwork is CMYK, not RGB" "$tmp/out" && ok "CMYK: said so" ||
		not_ok "CMYK: said so"
	if grep -q "^art-good.jpg.xml:.*\[artwork-" "$tmp/out"; then not_ok "a 1400 px RGB JPEG passes"; show
	else ok "a 1400 px RGB JPEG passes"; fi
else
	skip "a CMYK JPEG" "python3-pil is not installed (setup.sh installs it)"
	skip "CMYK: said so" "python3-pil is not installed"
	skip "a 1400 px RGB JPEG passes" "python3-pil is not installed"
fi
cd "$top" || exit 1

# ---- a feed given as a URL, its media checked after it
run --check-media "$base/f/enc.xml"
if grep -q "^$base/f/enc.xml:4:.*\[media-check-type\]" "$tmp/out" &&
	grep -q "^$base/f/enc.xml:10:.*\[media-check-status\]" "$tmp/out"; then
	ok "a feed fetched by URL: its media checked, at their lines"
else not_ok "a feed fetched by URL: its media checked"; show 20; fi
run --check-media --format json "$base/f/enc.xml"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(x['rule']=='media-check-status' for x in d['diagnostics']) else 1)" "$tmp/out"; then
	ok "--format json carries the media findings"
else not_ok "--format json carries the media findings"; fi

# ---- bounds: 250 enclosures, a 20 MB enclosure without ranges
set --
k=0
while [ $k -lt 250 ]; do k=$((k + 1)); set -- "$@" "$base/f/ep.mp3?n=$k|5000|audio/mpeg"; done
feed "$www/many.xml" "" "$@"
run --check-media "$www/many.xml"
if grep -q "\[media-check-skipped\]" "$tmp/out" && grep -q '50 enclosures not fetched' "$tmp/out"; then
	ok "250 enclosures: 200 fetched, the rest said ($ms ms)"
else not_ok "250 enclosures: [media-check-skipped]"; show; fi
feed "$www/huge.xml" "" "$base/noranges/huge.mp3|20971520|audio/mpeg"
run --check-media "$www/huge.xml"
if [ "$st" -eq 0 ] && grep -q '\[media-check-no-range\]' "$tmp/out" && ! grep -q 'media-check-length' "$tmp/out"; then
	ok "a 20 MB enclosure without ranges: its size from Content-Length, the body not read"
else not_ok "a 20 MB enclosure without ranges (exit $st)"; show; fi
if [ "$ms" -lt 10000 ]; then ok "... in ${ms} ms"; else not_ok "... in ${ms} ms"; fi
if [ $measure -eq 0 ]; then skip "... under 32 MB" "memory not measured under valgrind or a sanitizer"
elif [ "$kb" -lt 32768 ]; then ok "... under 32 MB (peak ${kb} KB)"
else not_ok "... peak ${kb} KB"; fi
finish
