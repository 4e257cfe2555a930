#!/bin/sh
# tests/photos.sh - absolute URLs and photos (issue 12), read by real
# consumers: Debian's python3-feedparser reads the Atom and RSS feeds of
# the photo sample (samples/2022-07-17/) and finds the absolute image URL in
# the content, media_content, media_thumbnail, the enclosure, the caption
# and the credit; the JSON Feed's image is absolute; feedcheck finds nothing
# to warn about in any feed of samples/; the self-check's warnings are
# printed (not with -q) and never stop a feed; --asset-base.
# The browser's view of the same entry is tests/browser.sh.
. "$(dirname "$0")/lib.sh"

need_program "$fg"
need_program "$fc"

base=https://news.example.com/epaper
photo=$base/2022-07-17/images/shimen-bridge.jpg
# the caption with its credit, which stays in sight (feedgen(5), "Captions")
caption='7月16日晚，调试中的石门大桥景观照明。（记者 王晓峰 摄/山城视觉）'
size=$(wc -c <"$top/samples/2022-07-17/images/shimen-bridge.jpg" | tr -d ' ')

# Debian's feedparser is Debian's python's (setup.sh installs it); another
# python3 first on PATH (pyenv, a venv) may not have it
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import feedparser' 2>/dev/null; then py=$p; break; fi
done

# --- samples/: nothing to warn about ----------------------------------------
status_is 0 "feedgen on samples/" "$fg" -o "$tmp/s" "$top/samples"
grep "^$tmp/s/" "$tmp/err" >"$tmp/feed-diags"
check "the self-check finds nothing to say about the samples' feeds" test ! -s "$tmp/feed-diags"
for f in atom.xml rss.xml feed.json; do
	status_is 0 "feedcheck: samples $f" "$fc" "$tmp/s/$f"
	lacks "$tmp/out" "warning:" "feedcheck: no warning in samples $f"
done

# --- feedparser reads the photo ---------------------------------------------
cat >"$tmp/read.py" <<'EOF'
import html.parser, sys
import feedparser

path, photo, caption, credit, size = sys.argv[1:6]
d = feedparser.parse(path)
e = [x for x in d.entries if '2022-07-17' in x.id][0]

class Imgs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.src, self.caps, self.hrefs, self._cap = [], [], [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'img': self.src.append(a.get('src'))
        if tag == 'a': self.hrefs.append(a.get('href'))
        if tag == 'figcaption': self._cap = ''
    def handle_data(self, data):
        if self._cap is not None: self._cap += data
    def handle_endtag(self, tag):
        if tag == 'figcaption': self.caps.append(self._cap); self._cap = None

h = Imgs()
h.feed(e.content[0].value)
def say(ok, what):
    print(('ok' if ok else 'FAIL') + ' ' + what)
say(not d.bozo, 'well-formed for feedparser')
say(h.src == [photo], 'the content\'s one image is absolute: %r' % h.src)
say(all(u.startswith('https://') for u in h.hrefs) and h.hrefs,
    'the content\'s links are absolute: %r' % h.hrefs)
say(h.caps == [caption], 'the figure\'s caption: %r' % h.caps)
mc = e.get('media_content', [])
say(len(mc) == 1 and mc[0].get('url') == photo and mc[0].get('medium') == 'image'
    and mc[0].get('type') == 'image/jpeg', 'media_content: %r' % mc)
mt = e.get('media_thumbnail', [])
say(mt == [], 'no media_thumbnail: the photo itself is none, and it has no smaller copy: %r' % mt)
enc = e.get('enclosures', [])
say(len(enc) == 1 and enc[0].get('href') == photo and enc[0].get('length') == size
    and enc[0].get('type') == 'image/jpeg', 'one enclosure, its real length and type: %r' % enc)
cr = e.get('media_credit', [])
say([(c.get('role'), c.get('content')) for c in cr] ==
    [('photographer', credit), ('distributor', '山城视觉')],
    'media_credit: the photographer, and the agency as distributor: %r' % cr)
say(credit in [c.get('name') for c in e.get('contributors', [])],
    'the photographer is a contributor: %r' % e.get('contributors'))
# media:description: feedparser 6 has no media_description and files it
# under the entry's summary_detail (kurtmckee/feedparser#53); the summary
# itself must stay the article's
seen = [e.get('media_description'), e.get('summary_detail', {}).get('value')]
say(caption in seen, 'the caption, from media:description: %r' % seen)
say(e.summary.startswith('7月16日晚，石门大桥景观照明提升工程'), 'the summary is still the article\'s')
EOF
for f in atom.xml rss.xml; do
	if [ -z "$py" ]; then
		skip "feedparser reads the photo in $f" "python3-feedparser is not installed (sh setup.sh)"
		continue
	fi
	"$py" "$tmp/read.py" "$tmp/s/$f" "$photo" "$caption" 王晓峰 "$size" >"$tmp/fp" 2>&1
	if [ $? -ne 0 ]; then not_ok "feedparser reads $f"; sed 's/^/#   /' "$tmp/fp" | head -10; continue; fi
	while read -r verdict what; do
		if [ "$verdict" = ok ]; then ok "feedparser, $f: $what"; else not_ok "feedparser, $f: $what"; fi
	done <"$tmp/fp"
done

# --- JSON Feed ---------------------------------------------------------------
cat >"$tmp/jsonfeed_read.py" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1], encoding='utf-8'))['items']
it = [x for x in items if '2022-07-17' in x['id']][0]
ph = it.get('_feedgen', {}).get('photo', {})
print(it.get('image', ''))
print(ph.get('caption', ''))
print(','.join(c['name'] + '/' + c.get('role', '') for c in ph.get('credits', [])))
print(sum(1 for x in items if 'image' in x))
EOF
if python3 "$tmp/jsonfeed_read.py" "$tmp/s/feed.json" >"$tmp/j" 2>"$tmp/jerr"; then
	check "JSON Feed: the entry's image is the absolute photo URL" test "$(sed -n 1p "$tmp/j")" = "$photo"
	check "JSON Feed: _feedgen.photo has the caption" test "$(sed -n 2p "$tmp/j")" = "$caption"
	check "JSON Feed: _feedgen.photo has the credits" test "$(sed -n 3p "$tmp/j")" = 王晓峰/photographer,山城视觉/distributor
	check "JSON Feed: only the entry with a photo has an image" test "$(sed -n 4p "$tmp/j")" = 1
else
	not_ok "JSON Feed reads"; sed 's/^/#   /' "$tmp/jerr" | head -5
fi

# --- a page of our own: relative references of every kind --------------------
c=$tmp/c
mkdir -p "$c/2022-07-20/img"
cp "$top/samples/2022-07-17/images/shimen-bridge.jpg" "$c/2022-07-20/img/桥.jpg"
printf '%s\n' '# 标题' '' '第一段，见[上一篇](../2022-07-19/001-1.html)、[本文](#x)和[信箱](mailto:a@example.com)。' '' \
	'![桥](img/桥.jpg)' '▲说明。' '记者 王晓峰 摄' '' '![没有的照片](img/none.png)' '' \
	'见[坏](//bad%20host/x)。' >"$c/2022-07-20/001_00000000000000aa.txt"
status_is 0 "feedgen on a page with relative links and images" "$fg" --base-url "$base" -o "$tmp/o" "$c"
contains "$tmp/o/rss.xml" "src=\"$base/2022-07-20/img/%E6%A1%A5.jpg\"" "a non-ASCII path is percent-encoded"
contains "$tmp/o/rss.xml" "href=\"$base/2022-07-19/001-1.html\"" "a relative link resolved against the article's link"
contains "$tmp/o/rss.xml" 'href="mailto:a@example.com"' "mailto: kept"
lacks "$tmp/o/rss.xml" "none.png" "a photo not in the collection: no <img> points at it"
contains "$tmp/err" "$c/2022-07-20/001_00000000000000aa.txt:9: warning: the photo '$c/2022-07-20/img/none.png' is not in the collection" \
	"... a warning naming the page and the line [photo-missing]"
contains "$tmp/o/rss.xml" "<enclosure url=\"$base/2022-07-20/img/%E6%A1%A5.jpg\" length=\"$size\" type=\"image/jpeg\"/>" \
	"the enclosure: the file's length, libmagic's type"
contains "$tmp/err" "$c/2022-07-20/001_00000000000000aa.txt:11: warning: cannot make '//bad%20host/x' absolute" \
	"a reference that cannot be resolved: a warning naming the page and line"
contains "$tmp/err" "$tmp/o/rss.xml:" "the self-check's warning names the feed file"
contains "$tmp/err" "contains a relative URL '#x' [contains-relative-ref]" "... as file:line:col: warning: ... [rule]"
status_is 0 "with -q" "$fg" -q --base-url "$base" -o "$tmp/oq" "$c"
check "-q: no warning printed" test ! -s "$tmp/err"
check "a feed with warnings is published" test -s "$tmp/oq/atom.xml"

# the photo not in the collection is named, without an enclosure
printf '%s\n' '# 另一篇' '' '![远处](https://cdn.example.com/p/1.png)' '' '▲远处的说明。' \
	>"$c/2022-07-20/002_00000000000000bb.txt"
status_is 0 "a photo served elsewhere" "$fg" --base-url "$base" -o "$tmp/o2" "$c"
"$fc" "$tmp/o2/rss.xml" >/dev/null 2>&1
awk '/<item>/ { n++ } n == 2' "$tmp/o2/rss.xml" >"$tmp/item2"
contains "$tmp/item2" '<media:content url="https://cdn.example.com/p/1.png" medium="image" type="image/png">' \
	"an absolute photo: media:content, its type from its name"
lacks "$tmp/item2" "<enclosure" "... and no enclosure: its length is not known"

# --asset-base: images there, links still against the article
status_is 0 "--asset-base" "$fg" --base-url "$base" --asset-base 'https://img.example.com/{yyyy}/{mm}{dd}' \
	-o "$tmp/oa" "$c"
contains "$tmp/oa/rss.xml" 'src="https://img.example.com/2022/0720/img/%E6%A1%A5.jpg"' "--asset-base: images resolved against it"
contains "$tmp/oa/rss.xml" "href=\"$base/2022-07-19/001-1.html\"" "--asset-base: links still against the article's link"
status_is 2 "--asset-base that is not an absolute URL" "$fg" --base-url "$base" --asset-base '/img/{date}' -o "$tmp/ob" "$c"
contains "$tmp/err" "invalid --asset-base" "... says which option"

# the base is part of how pages are read: a new base, new URLs
status_is 0 "the same state, another --base-url" "$fg" --base-url https://other.example.org/paper -o "$tmp/o" "$c"
contains "$tmp/o/rss.xml" 'src="https://other.example.org/paper/2022-07-20/img/%E6%A1%A5.jpg"' \
	"a new base URL reads the pages again"

finish
