#!/bin/sh
# tests/photofiles.sh - a photo's file: its width and height (libjpeg,
# libpng, giflib, libwebp) in <img>, media:content and JSON Feed's
# _feedgen.photo; a thumbnail only for a real smaller copy
# (--thumbnail-pattern); missing, unknown-format and damaged photos said
# with page and line and shown nowhere; and a photo replaced or added after
# its page, which updates the entry on the next run though the page did
# not change.  Read by Debian's feedparser.
. "$(dirname "$0")/lib.sh"

need_program "$fg"
need_program "$fc"

py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import feedparser, PIL' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	skip "photo files" "python3-feedparser or python3-pil is not installed (sh setup.sh)"
	finish
fi

base=https://news.example.com/epaper
c=$tmp/c
d=$c/2024-05-01/images
mkdir -p "$d"
img() { "$py" -c 'import sys; from PIL import Image; Image.new("RGB", (int(sys.argv[2]), int(sys.argv[3])), sys.argv[4]).save(sys.argv[1], sys.argv[5])' "$@"; }
img "$d/a.jpg" 640 480 red JPEG
img "$d/a_thumb.jpg" 160 120 red JPEG
img "$d/b_thumb.png" 400 300 blue PNG
img "$d/b.png" 300 200 blue PNG
img "$d/g.gif" 30 20 blue GIF
img "$d/w.webp" 50 40 blue WEBP
img "$d/t.tiff" 30 20 blue TIFF
img "$d/m.bmp" 30 20 blue BMP
printf '\377\330\377\340broken' >"$d/bad.jpg"
printf '%s\n' '# 第一篇' '' '正文一。' '' '![](images/a.jpg)' '' '▲图说一。' '' \
	'![](images/g.gif) ![](images/w.webp)' '' \
	'# 第二篇' '' '正文二。' '' '![](images/b.png)' '' \
	'# 第三篇' '' '正文三。' '' '![](images/late.jpg)' '' '![](images/t.tiff)' '' \
	'![](images/m.bmp)' '' '![](images/bad.jpg)' >"$c/2024-05-01/001_00000000000000aa.txt"
run() { "$fg" --base-url "$base" --settle 0 --no-embargo --thumbnail-pattern '{stem}_thumb.{ext}' -o "$tmp/o" "$c"; }
status_is 0 "feedgen on a page of photos" run
page=$c/2024-05-01/001_00000000000000aa.txt
contains "$tmp/err" "$page:21: warning: the photo '$d/late.jpg' is not in the collection" "a missing photo: a warning naming page and line [photo-missing]"
contains "$tmp/err" "$page:23: warning: the photo '$d/t.tiff' is image/tiff, which browsers do not show" "a TIFF: a warning [photo-unknown-format]"
check "a BMP: a warning [photo-unknown-format]" grep -q "$page:25: warning: the photo '$d/m.bmp' is image/[a-z-]*bmp, which browsers do not show" "$tmp/err"
contains "$tmp/err" "$page:27: warning: the photo '$d/bad.jpg' cannot be read" "a damaged JPEG: a warning [photo-unreadable]"
for f in atom.xml rss.xml feed.json; do
	for w in late.jpg t.tiff m.bmp bad.jpg; do
		lacks "$tmp/o/$f" "images/$w" "$f: nothing points at $w"
	done
	status_is 0 "feedcheck: $f" "$fc" "$tmp/o/$f"
	lacks "$tmp/out" "warning:" "feedcheck: no warning in $f"
done

cat >"$tmp/read.py" <<'PYEOF'
import json, re, sys
import feedparser

path, base, want = sys.argv[1:4]
want = json.loads(want)
d = feedparser.parse(path)
def say(ok, what):
    print(('ok' if ok else 'FAIL') + ' ' + what)
say(not d.bozo, 'well-formed for feedparser')
by = {e.title: e for e in d.entries}
for title, w in want.items():
    e = by[title]
    html = e.content[0].value
    imgs = re.findall(r'<img [^>]*>', html)
    sizes = [(re.search(r'src="([^"]*)"', i).group(1).rsplit('/', 1)[1],
              re.search(r'width="(\d+)"', i).group(1), re.search(r'height="(\d+)"', i).group(1))
             for i in imgs]
    say(sizes == [tuple(x) for x in w['imgs']], '%s: <img> width and height: %r' % (title, sizes))
    mc = e.get('media_content', [])
    if w.get('photo'):
        name, length, width, height = w['photo']
        say(len(mc) == 1 and mc[0].get('url') == base + name and mc[0].get('width') == width
            and mc[0].get('height') == height and mc[0].get('filesize') == length,
            '%s: media_content with width, height and fileSize: %r' % (title, mc))
        enc = e.get('enclosures', [])
        say(len(enc) == 1 and enc[0].get('href') == base + name and enc[0].get('length') == length,
            '%s: one enclosure, the file\'s length now: %r' % (title, enc))
    else:
        say(mc == [] and e.get('enclosures', []) == [], '%s: no photo named for readers' % title)
    mt = e.get('media_thumbnail', [])
    if w.get('thumb'):
        say(len(mt) == 1 and mt[0].get('url') == base + w['thumb'][0]
            and mt[0].get('width') == w['thumb'][1], '%s: the smaller copy is the thumbnail: %r' % (title, mt))
    else:
        say(mt == [], '%s: no thumbnail (none smaller than the photo): %r' % (title, mt))
PYEOF
size() { wc -c <"$1" | tr -d ' '; }
ib=$base/2024-05-01/images/
reads() {
	for f in atom.xml rss.xml; do
		"$py" "$tmp/read.py" "$tmp/o/$f" "$ib" "$1" >"$tmp/r" 2>&1 || echo "FAIL python: $(tail -1 "$tmp/r")" >>"$tmp/r"
		while IFS= read -r line; do
			case $line in
			ok\ *) ok "$2 $f: ${line#ok }" ;;
			*) not_ok "$2 $f: ${line#FAIL }" ;;
			esac
		done <"$tmp/r"
	done
}
want='{"第一篇": {"imgs": [["a.jpg", "640", "480"], ["g.gif", "30", "20"], ["w.webp", "50", "40"]],
  "photo": ["a.jpg", "'$(size "$d/a.jpg")'", "640", "480"], "thumb": ["a_thumb.jpg", "160"]},
 "第二篇": {"imgs": [["b.png", "300", "200"]], "photo": ["b.png", "'$(size "$d/b.png")'", "300", "200"]},
 "第三篇": {"imgs": []}}'
reads "$want" "first run,"
"$py" -c 'import json,sys; it=[x for x in json.load(open(sys.argv[1]))["items"] if x["title"]=="第一篇"][0]; p=it["_feedgen"]["photo"]; sys.exit(not (p["width"]==640 and p["height"]==480 and p["thumbnail"].endswith("a_thumb.jpg") and it["image"].endswith("/a.jpg")))' "$tmp/o/feed.json"
check "JSON Feed: image, and _feedgen.photo's width, height and thumbnail" test $? -eq 0

# the photo replaced by a larger one, and the missing one arriving, the
# page untouched: the next run shows both
touch -r "$page" "$tmp/page-time"
img "$d/a.jpg" 800 600 green JPEG
img "$d/late.jpg" 100 90 green JPEG
status_is 0 "the next run, the page unchanged" run
check "the page itself did not change" test ! "$page" -nt "$tmp/page-time" -a ! "$page" -ot "$tmp/page-time"
want='{"第一篇": {"imgs": [["a.jpg", "800", "600"], ["g.gif", "30", "20"], ["w.webp", "50", "40"]],
  "photo": ["a.jpg", "'$(size "$d/a.jpg")'", "800", "600"], "thumb": ["a_thumb.jpg", "160"]},
 "第三篇": {"imgs": [["late.jpg", "100", "90"]], "photo": ["late.jpg", "'$(size "$d/late.jpg")'", "100", "90"]}}'
reads "$want" "replaced and late photos,"
lacks "$tmp/err" "late.jpg' is not in the collection" "the photo that came is no longer said to be missing"
status_is 0 "a run with nothing changed" run
contains "$tmp/out" "nothing changed since the last run" "... stops at once: the photos are as the last run saw them"

# a photo removed: its entry no longer points at it
rm "$d/late.jpg"
status_is 0 "the run after a photo is removed" run
lacks "$tmp/o/rss.xml" "late.jpg" "a photo removed: the entry no longer points at it"
contains "$tmp/err" "$page:21: warning: the photo '$d/late.jpg' is not in the collection" "... and it is said"

# the thumbnail pattern is checked
status_is 2 "--thumbnail-pattern without {stem}" "$fg" --base-url "$base" --thumbnail-pattern 'x/{ext}' -o "$tmp/o2" "$c"
contains "$tmp/err" "invalid --thumbnail-pattern" "... a usage error"

finish
