#!/bin/sh
# An entry is the article (issue 22): ids that follow it across an article
# put at the top of a page, one removed, a page reordered, articles moved
# between pages, pages renamed by the converter, light corrections (a
# paragraph, a title), the site moving to another host; an id never given
# to another article; the id its front matter gives; the ids' authority;
# the churn guard.  Read by real consumers: Debian's python3-feedparser
# for Atom and RSS, Python's json for JSON Feed, which must agree.
. "$(dirname "$0")/lib.sh"
need_program "$fg"

if ! python_with feedparser; then
	skip "ids read by feedparser" "python3-feedparser is not installed (sh setup.sh)"
	finish
fi

# entries DIR: "title<TAB>id<TAB>link<TAB>updated<TAB>text" a line, sorted,
# from feedparser's Atom; RSS (feedparser) and JSON Feed must say the same
# ids and links for the same titles, else it exits 1
cat >"$tmp/entries.py" <<'EOF'
import json, re, sys
import feedparser
d = sys.argv[1]
a = feedparser.parse(d + "/atom.xml")
r = feedparser.parse(d + "/rss.xml")
j = json.load(open(d + "/feed.json", encoding="utf-8"))
if a.bozo or r.bozo:
    sys.exit("feedparser: not well-formed")
def text(h):
    return re.sub(r"<[^>]*>|\s", "", h)[:24]
rows = sorted((e.title, e.id, e.link, e.updated, text(e.content[0].value)) for e in a.entries)
rss = sorted((e.title, e.id, e.link) for e in r.entries)
js = sorted((i["title"], i["id"], i["url"]) for i in j["items"])
if [x[:3] for x in rows] != rss or rss != js:
    sys.exit("the formats disagree:\n%s\n%s\n%s" % ([x[:3] for x in rows], rss, js))
for x in rows:
    print("\t".join(x))
EOF
# snap NAME: the entries of $tmp/o into $tmp/NAME
snap() {
	if ! "$py" "$tmp/entries.py" "$tmp/o" >"$tmp/$1" 2>"$tmp/$1.err"; then
		not_ok "feedparser reads the feeds ($1)"
		sed 's/^/#   /' "$tmp/$1.err" | head -5
	fi
}
# id_of SNAP TITLE, link_of, updated_of, text_of
id_of() { awk -F'\t' -v t="$2" '$1 == t { print $2 }' "$tmp/$1"; }
link_of() { awk -F'\t' -v t="$2" '$1 == t { print $3 }' "$tmp/$1"; }
updated_of() { awk -F'\t' -v t="$2" '$1 == t { print $4 }' "$tmp/$1"; }
text_of() { awk -F'\t' -v t="$2" '$1 == t { print $5 }' "$tmp/$1"; }
# kept WHAT OLD NEW TITLE...: each title has the same id in both snaps
kept() {
	what=$1 old=$2 new=$3
	shift 3
	bad=
	for t in "$@"; do
		a=$(id_of "$old" "$t") b=$(id_of "$new" "$t")
		[ -n "$a" ] && [ "$a" = "$b" ] || bad="$bad $t($a -> $b)"
	done
	if [ -z "$bad" ]; then ok "$what: every article keeps its id"
	else not_ok "$what: ids moved:$bad"; fi
}
# own_text SNAP WHAT: every entry shows its own text (the body names its title)
own_text() {
	if awk -F'\t' '{ t = $1; sub(/（.*/, "", t); if (index($5, t) != 1) { print; bad = 1 } } END { exit bad }' "$tmp/$1" >"$tmp/own"; then
		ok "$2: every entry shows its own article's text"
	else
		not_ok "$2: entries with another article's text: $(cat "$tmp/own")"
	fi
}
# every id ever seen, to tell a new one from an old
seen() { cut -f2 "$tmp/$1" >>"$tmp/all-ids"; }
fresh_id() { ! grep -qxF -- "$1" "$tmp/all-ids"; }

# an article: its title and a body that names it, several sentences long
art() {
	printf '# %s\n\n%s的第一段正文，记者从有关部门了解到，这件事情引起了市民的广泛关注和讨论。\n\n%s的第二段，相关负责人介绍了下一步的工作安排，将继续推进各项措施落实落地。\n\n%s的第三段，专家认为，这一做法为其他地区提供了可以借鉴的经验。\n\n' "$1" "$1" "$1" "$1"
}
E=$tmp/c/2023-05-01
mkdir -p "$E" "$tmp/c/2023-05-02"
{ art 甲文; art 乙文; art 丙文; } >"$E/001_aaaa1111.txt"
{ art 丁文; art 戊文; } >"$E/002_bbbb2222.txt"
art 己文 >"$tmp/c/2023-05-02/001_cccc3333.txt"
FG="$fg -q --settle 0 --base-url https://news.example.com/e --state $tmp/st.db -o $tmp/o"
ALL="甲文 乙文 丙文 丁文 戊文 己文"

status_is 0 "a first run" $FG "$tmp/c"
snap s0
seen s0
[ "$(id_of s0 甲文)" = "tag:news.example.com,2023-05-01:001_aaaa1111/1" ] &&
	[ "$(id_of s0 戊文)" = "tag:news.example.com,2023-05-01:002_bbbb2222/2" ] &&
	ok "a new article's id is its place, as before: tag:HOST,DATE:STEM/POS" ||
	not_ok "first ids: $(cut -f2 "$tmp/s0" | tr '\n' ' ')"
own_text s0 "a first run"

# ---- a late article put at the top of a page ----
{ art 插文; cat "$E/001_aaaa1111.txt"; } >"$tmp/x" && mv "$tmp/x" "$E/001_aaaa1111.txt"
status_is 0 "an article put at the top of a page" $FG "$tmp/c"
snap s1
kept "an article put at the top" s0 s1 $ALL
new=$(id_of s1 插文)
[ -n "$new" ] && fresh_id "$new" && ok "the new article has an id never used before ($new)" ||
	not_ok "the new article's id: '$new'"
own_text s1 "an article put at the top"
[ "$(updated_of s1 乙文)" = "$(updated_of s0 乙文)" ] && ok "the articles below it are not updated" ||
	not_ok "乙文 updated: $(updated_of s0 乙文) -> $(updated_of s1 乙文)"
[ "$(grep -c . "$tmp/s1")" = 7 ] && ok "no duplicate entry: 7 articles, 7 entries" ||
	not_ok "entries: $(grep -c . "$tmp/s1")"
seen s1

# ---- an article removed ----
python3 - "$E/001_aaaa1111.txt" <<'EOF'
import re, sys
p = sys.argv[1]
parts = re.split(r"(?m)^(?=# )", open(p, encoding="utf-8").read())
open(p, "w", encoding="utf-8").write("".join(x for x in parts if not x.startswith("# 乙文")))
EOF
status_is 0 "an article removed" $FG "$tmp/c"
snap s2
kept "an article removed" s1 s2 插文 甲文 丙文 丁文 戊文 己文
lacks "$tmp/s2" "$(id_of s1 乙文)" "the removed article's id is gone"
own_text s2 "an article removed"

# ---- a page reordered, and articles moved between pages (each way, so
# that whichever page is stored first, each keeps its id) ----
{ art 戊文; art 丁文; } >"$E/002_bbbb2222.txt"
status_is 0 "a page reordered" $FG "$tmp/c"
snap s3
kept "a page reordered" s2 s3 插文 甲文 丙文 丁文 戊文 己文
{ art 插文; art 甲文; art 戊文; } >"$E/001_aaaa1111.txt"
{ art 丙文; art 丁文; } >"$E/002_bbbb2222.txt"
status_is 0 "articles moved between pages" $FG "$tmp/c"
snap s4
kept "articles moved from page 1 to page 2 and from page 2 to page 1" s3 s4 插文 甲文 丙文 丁文 戊文 己文
own_text s4 "articles moved between pages"
[ "$(updated_of s4 丙文)" = "$(updated_of s3 丙文)" ] && ok "a moved article is not updated" ||
	not_ok "丙文 updated when moved"

# ---- the converter renames the pages (a content hash in each name) ----
mv "$E/001_aaaa1111.txt" "$E/001_ffff9999.txt"
mv "$E/002_bbbb2222.txt" "$E/002_eeee8888.txt"
status_is 0 "pages renamed" $FG "$tmp/c"
snap s5
kept "pages renamed in their edition" s4 s5 插文 甲文 丙文 丁文 戊文 己文
same "$tmp/s4" "$tmp/s5" "... and the feeds show them as before"

# ---- light edits: a corrected paragraph, a corrected title, both ----
sed -i 's/甲文的第二段，相关负责人/甲文的第二段，有关负责人/' "$E/001_ffff9999.txt"
sed -i 's/^# 己文$/# 己文（更正）/' "$tmp/c/2023-05-02/001_cccc3333.txt"
sed -i 's/^# 丁文$/# 丁文（更正）/; s/丁文的第三段，专家认为/丁文的第三段，学者认为/' "$E/002_eeee8888.txt"
mv "$E/002_eeee8888.txt" "$E/002_dddd7777.txt"
status_is 0 "light edits" $FG "$tmp/c"
snap s6
[ "$(id_of s6 甲文)" = "$(id_of s5 甲文)" ] && ok "a corrected paragraph keeps the id" || not_ok "甲文's id moved"
[ "$(updated_of s6 甲文)" != "$(updated_of s5 甲文)" ] && ok "... and the entry is updated" || not_ok "甲文 not updated"
[ "$(id_of s6 己文（更正）)" = "$(id_of s5 己文)" ] && ok "a corrected title over the same text keeps the id" ||
	not_ok "己文's id: $(id_of s5 己文) -> $(id_of s6 己文（更正）)"
[ "$(id_of s6 丁文（更正）)" = "$(id_of s5 丁文)" ] &&
	ok "a corrected title and paragraph, the page renamed in the same run: the id is kept" ||
	not_ok "丁文's id: $(id_of s5 丁文) -> $(id_of s6 丁文（更正）)"
kept "the untouched articles" s5 s6 插文 丙文 戊文

# ---- the site moves to another host: links change, ids do not ----
status_is 0 "another --base-url host" $fg -q --settle 0 --base-url https://www.other.example/news \
	--state "$tmp/st.db" -o "$tmp/o" "$tmp/c"
snap s7
kept "another host" s6 s7 插文 甲文 丙文 丁文（更正） 戊文 己文（更正）
case $(link_of s7 甲文) in
https://www.other.example/news/*) ok "the links are the new host's" ;;
*) not_ok "link: $(link_of s7 甲文)" ;;
esac
seen s7

# ---- an id is never given to another article; one put back as it was
# has its own again ----
mkdir -p "$tmp/r/2023-06-01"
P=$tmp/r/2023-06-01/001_x.txt
R="$fg -q --settle 0 --base-url https://news.example.com/e --state $tmp/r.db -o $tmp/o"
{ art 子文; art 丑文; } >"$P"
status_is 0 "a page of two" $R "$tmp/r"
snap r0
art 丑文 >"$P"
status_is 0 "its first article removed" $R "$tmp/r"
snap r1
[ "$(id_of r1 丑文)" = "$(id_of r0 丑文)" ] && ok "the other keeps its id" || not_ok "丑文's id moved"
{ art 寅文; art 丑文; } >"$P"
status_is 0 "another article in its place" $R "$tmp/r"
snap r2
[ -n "$(id_of r2 寅文)" ] && [ "$(id_of r2 寅文)" != "$(id_of r0 子文)" ] &&
	! grep -qxF -- "$(id_of r2 寅文)" "$tmp/all-ids" &&
	ok "a new article at a retired article's place gets an id never used ($(id_of r2 寅文))" ||
	not_ok "寅文 has $(id_of r2 寅文), 子文 had $(id_of r0 子文)"
{ art 子文; art 丑文; } >"$P"
status_is 0 "the first article put back as it was" $R "$tmp/r"
snap r3
[ "$(id_of r3 子文)" = "$(id_of r0 子文)" ] && [ "$(updated_of r3 子文)" = "$(updated_of r0 子文)" ] &&
	ok "an article put back as it was has its own id and dates again" ||
	not_ok "子文: $(id_of r0 子文) -> $(id_of r3 子文)"
# an edition folder renamed (the same date written the other way): the
# same articles at the same places keep their ids
mv "$tmp/r/2023-06-01" "$tmp/r/20230601"
status_is 0 "the edition folder renamed" $R "$tmp/r"
snap r4
kept "an edition folder renamed" r3 r4 子文 丑文

# ---- one to one, the best pair first; the place only as the last resort ----
mkdir -p "$tmp/m/2023-06-02"
M=$tmp/m/2023-06-02/001_m.txt
MM="$fg -q --settle 0 --base-url https://news.example.com/e --state $tmp/m.db -o $tmp/o"
{ art 辰文; art 巳文; } >"$M"
status_is 0 "a page of two, again" $MM "$tmp/m"
snap m0
# an unrelated article takes the first place, the first article (lightly
# corrected) moves down: the place does not win over the text
{ art 午文; sed 's/辰文的第二段，相关负责人/辰文的第二段，有关负责人/' <<EOF2
$(art 辰文)
EOF2
art 巳文; } >"$M"
status_is 0 "an article put in another's place, that one moved down and corrected" $MM "$tmp/m"
snap m1
[ "$(id_of m1 辰文)" = "$(id_of m0 辰文)" ] && [ "$(id_of m1 午文)" != "$(id_of m0 辰文)" ] &&
	ok "the corrected article keeps its id; the one in its old place does not get it" ||
	not_ok "辰文 $(id_of m0 辰文) -> $(id_of m1 辰文), 午文 $(id_of m1 午文)"
# rewritten: a new title, its first paragraph and half the second, in its
# own place: the place, with what is left of the text (a Jaccard
# similarity of about a third), keeps the id
python3 - "$M" <<'EOF2'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("# 巳文", "# 巳文改写后的新标题")
s = s.replace("巳文的第一段正文，记者从有关部门了解到，这件事情引起了市民的广泛关注和讨论。",
              "改写的第一段，说的是另外一件完全不同的事情，与原文毫无关系。")
s = s.replace("将继续推进各项措施落实落地。", "这一部分也换成了新的说法和新的内容。")
open(p, "w", encoding="utf-8").write(s)
EOF2
status_is 0 "an article rewritten in its own place" $MM "$tmp/m"
snap m2
[ "$(id_of m2 巳文改写后的新标题)" = "$(id_of m1 巳文)" ] &&
	ok "rewritten but for some of its text, in its own place: the id is kept (the place as the last resort)" ||
	not_ok "巳文 $(id_of m1 巳文) -> $(id_of m2 巳文改写后的新标题)"

# ---- a page renamed while the new one cannot be read yet: its articles
# are kept as they were, not retired, and keep their ids once it can ----
mkdir -p "$tmp/u/2023-06-03"
U="$fg -q --settle 0 --base-url https://news.example.com/e --state $tmp/u.db -o $tmp/o"
{ art 未文; art 申文; } >"$tmp/u/2023-06-03/001_aaaa.txt"
art 酉文 >"$tmp/u/2023-06-03/002_cccc.txt"
status_is 0 "a page of two, once more" $U "$tmp/u"
snap u0
mv "$tmp/u/2023-06-03/001_aaaa.txt" "$tmp/u/2023-06-03/001_bbbb.txt"
{ printf -- '---\ntitle: "half written\n'; cat "$tmp/u/2023-06-03/001_bbbb.txt"; } >"$tmp/x" &&
	mv "$tmp/x" "$tmp/u/2023-06-03/001_bbbb.txt"
status_is 1 "the page renamed, and the new one in error" $U "$tmp/u"
snap u1
kept "a page renamed whose new name cannot be read yet" u0 u1 未文 申文
sed -i '1,2d' "$tmp/u/2023-06-03/001_bbbb.txt"
status_is 0 "the new page mended" $U "$tmp/u"
snap u2
kept "the renamed page read at last" u0 u2 未文 申文
[ "$(grep -c . "$tmp/u2")" = 3 ] && ok "... and no article twice" || not_ok "entries: $(cat "$tmp/u2")"

# ---- the id its front matter gives wins ----
F=$tmp/f/2023-07-01
mkdir -p "$F"
printf -- '---\ntitle: 报道一\nid: 305538\n---\n\n报道一的正文。\n' >"$F/001_a.md"
printf -- '---\ntitle: 报道二\nid: https://paper.example/content_2.htm\n---\n\n报道二的正文。\n' >"$F/002_b.md"
FF="$fg -q --settle 0 --base-url https://news.example.com/e --state $tmp/f.db -o $tmp/o"
status_is 0 "ids in front matter" $FF "$tmp/f"
snap f0
[ "$(id_of f0 报道一)" = "tag:news.example.com,2023-07-01:305538" ] &&
	ok "an id that is not a URI is made a tag: URI of the authority and date" ||
	not_ok "id: $(id_of f0 报道一)"
[ "$(id_of f0 报道二)" = "https://paper.example/content_2.htm" ] && ok "a URI is the id as written" ||
	not_ok "id: $(id_of f0 报道二)"
printf -- '---\ntitle: 报道一（改写）\nid: 305538\n---\n\n全部改写的正文，与原来毫无相同之处。\n' >"$F/003_c.md"
rm "$F/001_a.md"
status_is 0 "rewritten and moved, the same front-matter id" $FF "$tmp/f"
snap f1
[ "$(id_of f1 报道一（改写）)" = "$(id_of f0 报道一)" ] && ok "the front matter's id follows the article whatever changes" ||
	not_ok "id: $(id_of f1 报道一（改写）)"
printf -- '---\ntitle: 冒名\nid: 305538\n---\n\n另一篇。\n' >"$F/004_d.md"
status_is 1 "two articles claim one id" $FF "$tmp/f"
contains "$tmp/err" "004_d.md" "the duplicate is named"
contains "$tmp/err" "[duplicate-id]" "... as a duplicate id"
snap f2
[ "$(id_of f2 报道一（改写）)" = "$(id_of f0 报道一)" ] && ! grep -q '^冒名' "$tmp/f2" &&
	ok "the article that had the id keeps it; the other is left out" || not_ok "$(cat "$tmp/f2")"

# ---- the ids' authority: fixed when the state is made ----
A="$fg -q --settle 0 --state $tmp/a.db -o $tmp/o"
status_is 0 "--id-authority on a new state" $A --base-url https://x.cn --id-authority Paper.Example.org "$tmp/r"
snap a0
grep -q '	tag:paper.example.org,2023-06-01:' "$tmp/a0" && ok "the ids name the authority given" ||
	not_ok "ids: $(cut -f2 "$tmp/a0" | tr '\n' ' ')"
status_is 0 "the site moves" $A --base-url https://moved.example/site "$tmp/r"
snap a1
kept "the site moved, no --id-authority given" a0 a1 子文 丑文
status_is 2 "another --id-authority later" $A --base-url https://x.cn --id-authority other.example "$tmp/r"
contains "$tmp/err" "fixed when it was made" "says the authority is fixed"
status_is 2 "an authority that is not a host or an e-mail address" \
	$fg --settle 0 --base-url https://x.cn --id-authority 'not a host' -o "$tmp/oo" "$tmp/r"

# ---- the churn guard ----
mkdir -p "$tmp/k"
for d in 01 02 03; do
	mkdir -p "$tmp/k/2023-08-$d"
	for p in 1 2 3; do
		{ art "第${d}日${p}版头条"; art "第${d}日${p}版二条"; } >"$tmp/k/2023-08-$d/00${p}_k.txt"
	done
done
K="$fg --settle 0 --base-url https://x.cn --limit 8 --state $tmp/k.db -o $tmp/ko"
status_is 0 "the churn guard: a first run" $K -q "$tmp/k"
# a new edition pushes the older entries out of the feed: not churn
mkdir -p "$tmp/k/2023-08-04"
for p in 1 2 3 4; do
	{ art "第04日${p}版头条"; art "第04日${p}版二条"; } >"$tmp/k/2023-08-04/00${p}_k.txt"
done
status_is 0 "a new edition replaces every entry of the feed" $K -q "$tmp/k"
lacks "$tmp/err" "[churn-guard]" "a new edition is not churn"
cp "$tmp/ko/atom.xml" "$tmp/k-atom.before"
# the newest edition put under another date: its ids would all change
mv "$tmp/k/2023-08-04" "$tmp/k/2023-08-14"
status_is 4 "an edition moved to another date" $K -q "$tmp/k"
contains "$tmp/err" "8 of the feed's 8 entries would have new ids while 8 ids it published are gone" \
	"the churn guard gives the count"
contains "$tmp/err" "[churn-guard]" "... with its rule id"
contains "$tmp/err" "info: '第04日1版头条' was tag:x.cn,2023-08-04:001_k/1, would be tag:x.cn,2023-08-14:001_k/1" \
	"... and examples: the old title and id, and the new id"
same "$tmp/ko/atom.xml" "$tmp/k-atom.before" "the feed is as it was"
status_is 0 "--accept-new-ids" $K -q --accept-new-ids "$tmp/k"
contains "$tmp/ko/atom.xml" "tag:x.cn,2023-08-14:001_k/1" "the new ids are published"
mv "$tmp/k/2023-08-14" "$tmp/k/2023-08-24"
printf 'accept-new-ids = true\n' >"$tmp/k/feed.conf"
status_is 0 "accept-new-ids in feed.conf" $K -q "$tmp/k"
rm "$tmp/k/feed.conf"

finish
