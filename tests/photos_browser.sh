#!/bin/sh
# tests/photos_browser.sh - what a reader would see (issue 12): headless Chromium
# loads the photo sample's entry as a feed reader shows it, its content
# HTML out of the site's context (under /reader/, so that a relative URL
# would break), from a loopback server laid out as the site would be: the
# collection's images under the articles' URLs.  Every <img> must load
# (naturalWidth > 0); a control image with the relative URL feedgen used
# to write must not, so the test can tell.  A screenshot is saved under
# the test's temp folder ($BROWSER_SHOT, when set, gets a copy).
#
# Needs Debian's chromium (setup.sh installs it) and python3; skipped, with
# the reason, without them.  About two seconds.
. "$(dirname "$0")/lib.sh"

need_program "$fg"

chrome=
for p in "${CHROMIUM:-}" /usr/bin/chromium chromium chromium-browser; do
	[ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && { chrome=$p; break; }
done
py=
for p in /usr/bin/python3 python3; do
	command -v "$p" >/dev/null 2>&1 && { py=$p; break; }
done
if [ -z "$chrome" ] || [ -z "$py" ]; then
	skip "headless Chromium loads every image of the photo entry" \
		"${chrome:+python3}${chrome:-chromium} is not installed (sh setup.sh)"
	finish
fi

# the loopback server: port 0, its port read once it listens
www=$tmp/www
mkdir -p "$www/reader"
( cd "$www" && exec "$py" -u -m http.server 0 --bind 127.0.0.1 ) >"$tmp/server.log" 2>&1 &
server=$!
at_exit "kill $server 2>/dev/null; wait $server 2>/dev/null"
port=
i=0
while [ $i -lt 100 ]; do
	port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9][0-9]*\).*/\1/p' "$tmp/server.log")
	[ -n "$port" ] && break
	kill -0 "$server" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ -z "$port" ]; then
	not_ok "the loopback server starts"; sed 's/^/#   /' "$tmp/server.log" | head -5
	finish
fi
ok "the loopback server listens on 127.0.0.1:$port"
site=http://127.0.0.1:$port/epaper

# the feeds of the photo sample, for a site on the loopback server; and a
# page of our own whose photos are a PNG, a TIFF (no browser shows one), a
# damaged JPEG and one that is missing: those three are said and no <img>
# points at them
mkdir "$tmp/c"
cp -R "$top/samples/2022-07-17" "$tmp/c/"
d=$tmp/c/2022-07-17/images
"$py" "$top/tests/podcast/mkimage.py" "$d/p.png" png 120 80 rgb
cp "$d/p.png" "$d/t.tiff"
printf '\377\330\377\340broken' >"$d/bad.jpg"
if "$py" -c 'import PIL' 2>/dev/null; then
	"$py" -c 'import sys; from PIL import Image; Image.new("RGB", (30, 20)).save(sys.argv[1], "TIFF")' "$d/t.tiff"
fi
printf '%s\n' '# 照片页' '' '正文。' '' '![](images/p.png)' '' '![](images/t.tiff)' '' \
	'![](images/bad.jpg)' '' '![](images/none.jpg)' >"$tmp/c/2022-07-17/002_00000000000000bb.txt"
status_is 0 "feedgen for the loopback site" "$fg" --base-url "$site" -o "$tmp/o" "$tmp/c"
for w in t.tiff bad.jpg none.jpg; do
	check "the photo $w is a warning naming page and line" \
		grep -q "002_00000000000000bb.txt:[0-9]*: warning: the photo '.*$w'" "$tmp/err"
	lacks "$tmp/o/feed.json" "$w" "... and no <img>, enclosure or image points at $w"
done

# the site: the collection's files that are not pages, under the articles'
# URLs ({base}/{date}/...)
(cd "$tmp/c" && find . -type f ! -name '*.txt' ! -name '*.md' ! -name feed.conf) |
while read -r f; do
	mkdir -p "$www/epaper/$(dirname "$f")"
	cp "$tmp/c/$f" "$www/epaper/$f"
done

# the entry as a reader shows it: its content_html, with a probe that
# writes each image's naturalWidth once the page has loaded
cat >"$tmp/page.py" <<'EOF'
import json, sys
feed, out = sys.argv[1:3]
items = json.load(open(feed, encoding='utf-8'))['items']
it = [x for x in items if 'image' in x][0]
# every entry's HTML, as a reader shows them one after another
it = dict(it, content_html='\n'.join(x['content_html'] for x in items))
probe = '''<script>
window.addEventListener('load', function () {
  var lines = [];
  document.querySelectorAll('img').forEach(function (i) {
    lines.push((i.dataset.control ? 'control ' : 'img ') + i.naturalWidth + ' ' + i.src);
  });
  document.getElementById('result').textContent = 'RESULT\\n' + lines.join('\\n') + '\\nEND';
});
</script>'''
with open(out, 'w', encoding='utf-8') as f:
    f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head><body>\n'
            % it['title'])
    f.write('<h1>%s</h1>\n<article>%s</article>\n' % (it['title'], it['content_html']))
    f.write('<p hidden><img data-control="1" src="2022-07-17/images/shimen-bridge.jpg" alt=""></p>\n')
    f.write('<pre id="result"></pre>\n%s\n</body></html>\n' % probe)
EOF
if ! "$py" "$tmp/page.py" "$tmp/o/feed.json" "$www/reader/entry.html" 2>"$tmp/perr"; then
	not_ok "the entry's page is made"; sed 's/^/#   /' "$tmp/perr" | head -5
	finish
fi

chromium() {
	timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" "$@"
}
url=http://127.0.0.1:$port/reader/entry.html
chromium --dump-dom "$url" >"$tmp/dom" 2>"$tmp/chrome.err"
sed -n '/RESULT$/,/^END/p' "$tmp/dom" >"$tmp/result"
if ! grep -q '^END' "$tmp/result"; then
	not_ok "Chromium loads the entry"; sed 's/^/#   /' "$tmp/chrome.err" | tail -5
	finish
fi
ok "Chromium loads the entry's page"
imgs=$(grep -c '^img ' "$tmp/result")
check "the entries have their images (the photo, the PNG)" test "$imgs" -ge 2
check "every <img> has the photo's width and height" \
	"$py" -c 'import json,sys; c="".join(x["content_html"] for x in json.load(open(sys.argv[1]))["items"]); import re; i=re.findall("<img [^>]*>", c); sys.exit(not i or any("width=" not in x or "height=" not in x for x in i))' "$tmp/o/feed.json"
bad=$(awk '$1 == "img" && ($2 == 0 || index($3, "'"$site"'/") != 1)' "$tmp/result")
if [ -z "$bad" ]; then ok "every <img> of the entry loads from the site (naturalWidth > 0)"
else not_ok "every <img> of the entry loads"; echo "$bad" | sed 's/^/#   /'; fi
check "the control image with a relative URL does not load" \
	grep -q '^control 0 ' "$tmp/result"

chromium --window-size=800,900 --hide-scrollbars --screenshot="$tmp/entry.png" "$url" \
	>/dev/null 2>"$tmp/shot.err"
check "a screenshot is saved ($tmp/entry.png)" test -s "$tmp/entry.png"
[ -n "${BROWSER_SHOT:-}" ] && cp "$tmp/entry.png" "$BROWSER_SHOT"

finish
