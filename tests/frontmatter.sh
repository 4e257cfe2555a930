#!/bin/sh
# Front matter through libyaml (issue 22): every key feedgen(5) lists
# (title, id, url, date, authors, sections, summary, image, lang), YAML's
# quoting, escapes, lists and timestamps; an unknown key is a warning
# naming it; a malformed block is an error at its line and column, and the
# other pages still go out.  Read by Debian's python3-feedparser (Atom,
# RSS) and Python's json (JSON Feed).
. "$(dirname "$0")/lib.sh"
need_program "$fg"

python_with feedparser

E=$tmp/c/2023-06-01
mkdir -p "$E/images"
# a 1x1 PNG, for the photo the front matter names
python3 -c 'import sys, zlib, struct
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
 + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b""))' >"$E/images/photo.png"
cat >"$E/001_a.md" <<'EOF'
---
# a comment
title: 'it''s news: "quoted"'
id: 305538
url: /news/content_305538.htm
date: 2023-06-01 09:30:00 +8
authors: ["Smith, John", "Doe"]
sections: [要闻, "Sports, local"]
summary: >
  What the editor
  wrote as the summary.
image: images/photo.png
lang: en
draft: true
---
The body, *in Markdown*, longer than the summary says.
EOF
cat >"$E/002_b.md" <<'EOF'
---
title: "tab\there, \u4e2d\u6587, \"q\""
url: https://paper.example/content_2.htm
date: '2023-06-01T08:00:00+08:00'
author: 李四
categories:
  - 评论
  - 时政
tags: [标签]
---
Second body.
EOF
cat >"$E/003_c.md" <<'EOF'
---
title: "never closed
  key: [a, b
---
Not published.
EOF
# page-level front matter over several articles: names and sections for
# each, what one article alone may have is said of none
cat >"$E/004_d.txt" <<'EOF'
---
section: 体育
authors:
  - 王五
url: https://paper.example/one.htm
---
# 第一篇

正文一。

# 第二篇

正文二。
EOF
printf -- '---\ntitle: 坏链接\nurl: "javascript:alert(1)"\nlang: "not a tag!"\n---\n正文。\n' >"$E/005_e.md"

status_is 1 "a collection with front matter, one block malformed" \
	"$fg" --settle 0 --base-url https://x.cn/e -o "$tmp/o" "$tmp/c"
contains "$tmp/err" "003_c.md:4:1: error: front matter is not valid YAML: found unexpected end of stream while scanning a quoted scalar (from line 2, column 8); page skipped [front-matter-syntax]" \
	"a malformed block: an error at its line and column, what libyaml read, and where that began"
contains "$tmp/err" "001_a.md:14:1: warning: unknown front-matter key 'draft'; ignored" "an unknown key is a warning naming it, at its line and column"
contains "$tmp/err" "004_d.txt:5:6: warning: front-matter 'url' is said of a page of one article, and this page has 2; ignored [front-matter-one-article]" \
	"a key of one article on a page of two: a warning"
contains "$tmp/err" "[front-matter-bad-value]" "a link that is not http(s) and a language that is not a tag: warnings"
lacks "$tmp/err" "comment" "a YAML comment is not a key"
[ "$(grep -c '<entry' "$tmp/o/atom.xml")" = 5 ] && ok "the other pages' articles are published (5)" ||
	not_ok "entries: $(grep -c '<entry' "$tmp/o/atom.xml")"
lacks "$tmp/o/atom.xml" "Not published" "the malformed page's article is not"

if [ -z "$py" ]; then
	skip "the front matter read by feedparser" "python3-feedparser is not installed (sh setup.sh)"
	finish
fi
cat >"$tmp/read.py" <<'EOF'
import json, sys
import feedparser
d = sys.argv[1]
a = {e.title: e for e in feedparser.parse(d + "/atom.xml").entries}
r = {e.title: e for e in feedparser.parse(d + "/rss.xml").entries}
j = {i["title"]: i for i in json.load(open(d + "/feed.json", encoding="utf-8"))["items"]}
def say(cond, what):
    print(("ok" if cond else "not ok") + " - " + what)
t1 = "it's news: \"quoted\""
say(t1 in a and t1 in r and t1 in j, "'it''s' is it's, double quotes kept, in every format")
t2 = "tab\there, 中文, \"q\""
say(t2 in a and t2 in r and t2 in j, "double-quoted escapes: \\t, \\u4e2d, \\\" (%r)" % list(j))
e, f, g = a.get(t1), r.get(t1), j.get(t1, {})
if e and f:
    say(e.id == f.id == g.get("id") == "tag:x.cn,2023-06-01:305538", "id: %s" % e.id)
    say(e.link == f.link == g.get("url") == "https://x.cn/news/content_305538.htm",
        "url: a path on the site, made absolute against the base URL (%s)" % e.link)
    say(e.published == "2023-06-01T09:30:00+08:00" and g.get("date_published") == e.published,
        "date: a YAML timestamp with a one-digit offset (%s)" % e.published)
    say([x.name for x in e.authors] == [x.name for x in f.authors] == ["Smith, John", "Doe"]
        and [x["name"] for x in g.get("authors", [])] == ["Smith, John", "Doe"],
        "authors: ['Smith, John', 'Doe'] are two (%s)" % [x.name for x in e.authors])
    say([x.term for x in e.tags] == [x.term for x in f.tags] == ["要闻", "Sports, local"]
        and g.get("tags") == ["要闻", "Sports, local"], "sections: two, a comma inside one")
    s = "What the editor wrote as the summary."
    say(e.summary == f.summary == g.get("summary") == s, "summary: replaces the computed one (%r)" % e.summary)
    p = "https://x.cn/news/images/photo.png"
    say(any(x.href == p and x.type == "image/png" for x in e.enclosures) and
        any(x.href == p for x in f.enclosures) and g.get("image") == p and
        e.get("media_content", [{}])[0].get("url") == p,
        "image: the entry's photo in every format (%s)" % g.get("image"))
    say(e.title_detail.language == "en" and f.get("language") == "en" and g.get("language") == "en",
        "lang: Atom xml:lang, RSS dc:language, JSON Feed language")
e, f, g = a.get(t2), r.get(t2), j.get(t2, {})
if e and f:
    say(e.link == f.link == g.get("url") == "https://paper.example/content_2.htm", "url: an absolute one as given")
    say(e.published == "2023-06-01T08:00:00+08:00", "date: a quoted one")
    say([x.name for x in e.authors] == ["李四"], "author: one name")
    say([x.term for x in e.tags] == ["评论", "时政", "标签"], "categories as a block list, and tags")
    say(e.title_detail.language == "zh-CN" and "language" not in g, "no lang: the feed's")
for t in ("第一篇", "第二篇"):
    e = a.get(t)
    say(e is not None and [x.name for x in e.authors] == ["王五"] and [x.term for x in e.tags] == ["体育"]
        and e.link.startswith("https://x.cn/e/2023-06-01/004-"),
        "%s: the page's authors and section; not the one article's url" % t)
e = a.get("坏链接")
say(e is not None and e.link == "https://x.cn/e/2023-06-01/005-1.html", "a javascript: url is not published")
EOF
"$py" "$tmp/read.py" "$tmp/o" >"$tmp/tap" 2>&1
while read -r l; do
	case $l in
	"ok - "*) ok "${l#ok - }" ;;
	"not ok - "*) not_ok "${l#not ok - }" ;;
	*) not_ok "feedparser: $l" ;;
	esac
done <"$tmp/tap"

# a front-matter change is a change of the article: its updated date moves
cp "$tmp/o/feed.json" "$tmp/json.before"
sed -i 's/^lang: en$/lang: en-GB/' "$E/001_a.md"
status_is 1 "the front matter's language corrected" "$fg" --settle 0 --base-url https://x.cn/e -o "$tmp/o" "$tmp/c"
python3 - "$tmp/json.before" "$tmp/o/feed.json" >"$tmp/tap" <<'EOF'
import json, sys
old = {i["id"]: i for i in json.load(open(sys.argv[1], encoding="utf-8"))["items"]}
new = {i["id"]: i for i in json.load(open(sys.argv[2], encoding="utf-8"))["items"]}
k = "tag:x.cn,2023-06-01:305538"
print(("ok" if new[k]["language"] == "en-GB" and new[k]["date_modified"] != old[k]["date_modified"]
       else "not ok") + " - the entry shows the new language, and is updated")
print(("ok" if all(new[x]["date_modified"] == old[x]["date_modified"] for x in new if x != k)
       else "not ok") + " - the others are not")
EOF
while read -r l; do
	case $l in "ok - "*) ok "${l#ok - }" ;; *) not_ok "${l#not ok - }" ;; esac
done <"$tmp/tap"

finish
