#!/bin/sh
# feedgen end to end: golden output over samples/, the seed page, options,
# config, exit statuses, atomicity and idempotence.  Every feed generated is
# checked with xmllint (and with feedcheck once it is built).
# UPDATE=1 rewrites tests/golden/ for review.
. "$(dirname "$0")/lib.sh"
valid_feeds() { # valid_feeds DIR what: xmllint, JSON, and feedcheck when built
	d=$1 w=$2
	check_quiet "$w: atom.xml well-formed (xmllint)" xmllint --noout "$d/atom.xml"
	check_quiet "$w: rss.xml well-formed (xmllint)" xmllint --noout "$d/rss.xml"
	check_quiet "$w: feed.json is JSON" python3 -m json.tool "$d/feed.json"
	if [ -x "$fc" ]; then
		check_quiet "$w: feedcheck finds no errors" "$fc" -q "$d/atom.xml" "$d/rss.xml" "$d/feed.json"
	fi
}

# --- samples/: golden output ------------------------------------------------
status_is 0 "samples build" "$fg" -o "$tmp/s" "$top/samples"
valid_feeds "$tmp/s" samples
for f in atom.xml rss.xml feed.json; do
	if [ "${UPDATE:-}" = 1 ]; then cp "$tmp/s/$f" "$top/tests/golden/samples/$f"; fi
	if cmp -s "$tmp/s/$f" "$top/tests/golden/samples/$f"; then ok "samples $f matches golden"
	else not_ok "samples $f differs from tests/golden/samples/$f"; diff "$top/tests/golden/samples/$f" "$tmp/s/$f" | head -20 | sed 's/^/#   /'; fi
done
contains "$tmp/err" "002_a1b2c3d4e5f60718.txt: warning: page is not UTF-8; decoded as GB18030 [page-fallback-encoding]" \
	"GB18030 page decoded with a warning naming the file"
[ "$(count "$tmp/s/atom.xml" '<entry>')" = 13 ] && ok "13 entries from 7 pages in 4 editions" || not_ok "13 entries"
contains "$tmp/s/atom.xml" "<title>江州首条跨江索道观光线路开始试运行</title>" "UTF-16LE page decoded"
contains "$tmp/s/atom.xml" "<title>老厂房变身“创意工坊” 九龙湾文创园迎来首批入驻企业</title>" "GB18030 page title"
contains "$tmp/s/atom.xml" "<published>2022-07-15T06:30:00+08:00</published>" "front-matter date keeps +08:00"
# samples/feed.conf: the paper comes out at 06:00, its articles dated back
# from then in printed order
contains "$tmp/s/rss.xml" "<pubDate>Sat, 16 Jul 2022 06:00:00 +0800</pubDate>" "RSS pubDate, numeric zone"
contains "$tmp/s/rss.xml" "<pubDate>Sat, 16 Jul 2022 05:59:59 +0800</pubDate>" "the edition's next article a second before"
contains "$tmp/s/rss.xml" '<guid isPermaLink="false">tag:news.example.com,2022-07-16:001_c4d5e6f708192a3b/1</guid>' "guid is the tag id"
[ "$(grep -m1 '<updated>' "$tmp/s/atom.xml")" = "  <updated>2022-07-17T06:00:00+08:00</updated>" ] &&
	ok "feed updated is the newest entry's" || not_ok "feed updated: $(grep -m1 '<updated>' "$tmp/s/atom.xml")"

# --- the seed page in an edition folder ------------------------------------
if need_shared "the seed page (shared/seeds/)" seeds/000_49b6abffcf894de6.txt; then
	mkdir -p "$tmp/seed/2022-07-15"
	cp "$SHARED/seeds/000_49b6abffcf894de6.txt" "$tmp/seed/2022-07-15/"
	status_is 0 "seed page" "$fg" --base-url https://www.cqrb.cn/ -o "$tmp/so" "$tmp/seed"
	valid_feeds "$tmp/so" seed
	python3 - "$tmp/so/feed.json" "$SHARED/seeds/000_49b6abffcf894de6.txt" >"$tmp/seed.tap" <<'PY'
import json, re, sys
feed = json.load(open(sys.argv[1], encoding="utf-8"))
page = open(sys.argv[2], encoding="utf-8").read()
items = feed["items"]
n = 0
def t(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok"), n, "-", what)
t(len(items) == 2, "seed: two entries")
t(items[0]["title"] == "加快建设中西部国际交往中心 重庆“国际范”越来越足", "seed: first title exact")
t(items[1]["title"] == "“专精特新”在经开·从“制造”到“智造”", "seed: second title exact")
t([a["name"] for a in items[0].get("authors", [])] == ["何春阳"], "seed: 何春阳 is the first article's author")
t([a["name"] for a in items[0]["_feedgen"]["contributors"]] == ["龙帆", "谢智强"], "seed: photo credits are contributors")
t([a["name"] for a in items[1]["_feedgen"]["contributors"]] == ["李红光", "黄祖伟"], "seed: credit pair in the second article")
html = items[0]["content_html"] + items[1]["content_html"]
t("□本报记者" not in html, "seed: the byline removed from the body")
# credits stay in sight: under a caption, in it; standing alone, as printed
t("<figcaption>外国代表团一行详细了解西部(重庆)科学城发展情况。(摄于2021年11月26日)（首席记者 龙帆 摄/视觉重庆）</figcaption>" in html,
  "seed: the caption's credit is in its figcaption")
t("<p>视觉重庆签约摄影师 李红光<br />\n黄祖伟 摄</p>" in html, "seed: credits standing alone stay as printed")
# every body line of the page that is not a heading, byline or caption is in the HTML
skip = re.compile(r"^(#|□|▲|首席记者 |记者 )")
lines = [l.strip() for l in page.splitlines() if l.strip() and not skip.match(l.strip())]
missing = [l for l in lines if l not in html]
t(not missing, "seed: body text intact (%d lines checked, missing: %s)" % (len(lines), missing[:2]))
t("<h2>对外交往合作“渐入佳境”</h2>" in html, "seed: ## becomes <h2>")
t("<figure><figcaption>巴南区丰盛古镇,外国友人正在体验中国民俗文化。(摄于2022年6月2日)（记者 谢智强 摄/视觉重庆）</figcaption></figure>" in html, "seed: caption becomes a figure")
PY
	while read -r line; do
		case $line in
		"ok "*) ok "${line#ok * - }" ;;
		*) not_ok "${line#not ok * - }" ;;
		esac
	done <"$tmp/seed.tap"
fi

# --- idempotent and atomic --------------------------------------------------
cp -r "$tmp/s" "$tmp/s1"
touch -d '2000-01-01' "$tmp/s/atom.xml"
status_is 0 "second run" "$fg" -o "$tmp/s" "$top/samples"
check_quiet "second run gives byte-identical files" sh -c "cmp '$tmp/s/atom.xml' '$tmp/s1/atom.xml' && cmp '$tmp/s/rss.xml' '$tmp/s1/rss.xml' && cmp '$tmp/s/feed.json' '$tmp/s1/feed.json'"
contains "$tmp/out" "atom.xml: unchanged" "unchanged file reported"
[ "$(date -r "$tmp/s/atom.xml" +%Y)" = 2000 ] && ok "unchanged file is not rewritten" || not_ok "unchanged file was rewritten"
[ -z "$(ls -A "$tmp/s" | grep -v -e '^atom.xml$' -e '^rss.xml$' -e '^feed.json$' -e '^corrections$' -e '^\.feedgen\.')" ] &&
	[ -z "$(ls -A "$tmp/s/corrections" | grep -v -e '^atom.xml$' -e '^rss.xml$' -e '^feed.json$')" ] &&
	ok "no temporary files left behind" || not_ok "temporary files left: $(ls -A "$tmp/s" "$tmp/s/corrections")"

# --- options and config ------------------------------------------------------
status_is 0 "--help" "$fg" --help
contains "$tmp/out" "usage: feedgen" "--help prints usage on stdout"
status_is 0 "--version" "$fg" --version
contains "$tmp/out" "feedgen " "--version prints the version"
status_is 2 "no COLLECTION" "$fg"
status_is 2 "unknown option" "$fg" --frobnicate x
contains "$tmp/err" "unknown option '--frobnicate'" "unknown option named"
status_is 2 "missing value" "$fg" "$top/samples" --limit
mkdir -p "$tmp/noconf/2022-01-01" && printf '# t\nbody\n' >"$tmp/noconf/2022-01-01/001.txt"
status_is 2 "--base-url required" "$fg" -o "$tmp/nc" "$tmp/noconf"
contains "$tmp/err" "--base-url is required" "missing --base-url explained"
status_is 2 "bad base URL" "$fg" --base-url ftp://x/ "$tmp/noconf"
status_is 2 "bad --limit" "$fg" --base-url https://x.cn --limit -3 "$tmp/noconf"
status_is 2 "bad --tz" "$fg" --base-url https://x.cn --tz Mars/Base "$tmp/noconf"
status_is 2 "bad --input-encoding" "$fg" --base-url https://x.cn --input-encoding NOPE-8 "$tmp/noconf"
status_is 2 "bad --link-template" "$fg" --base-url https://x.cn --link-template '{base}/{nope}' "$tmp/noconf"
status_is 2 "bad --lang" "$fg" --base-url https://x.cn --lang 'zh CN' "$tmp/noconf"
status_is 3 "missing collection" "$fg" --base-url https://x.cn -o "$tmp/x" "$tmp/does-not-exist"
[ ! -e "$tmp/x" ] && ok "nothing written when a collection is missing" || not_ok "output written for a missing collection"

status_is 0 "--opt=value form and --limit" "$fg" --base-url=https://x.cn --limit=2 -o "$tmp/l" "$top/samples"
[ "$(count "$tmp/l/atom.xml" '<entry>')" = 2 ] && ok "--limit 2 keeps 2 entries" || not_ok "--limit 2"
contains "$tmp/l/atom.xml" "<title>江州首条跨江索道观光线路开始试运行</title>" "--limit keeps the newest"
status_is 0 "command line overrides config, last repeated option wins" \
	"$fg" --title A --title 命令行标题 --limit 0 -o "$tmp/o" "$top/samples"
contains "$tmp/o/atom.xml" "<title>命令行标题</title>" "last --title wins over feed.conf"
contains "$tmp/o/atom.xml" "<subtitle>山城日报数字版</subtitle>" "feed.conf at the collection root is read"
cat >"$tmp/my.conf" <<'CONF'
# a comment
base-url = https://cfg.example.org/news/
title = "配置 # 标题"
limit = 3
tz = Asia/Shanghai
link-template = {base}/{yyyy}/{mm}{dd}/{stem}.html#{pos}
quiet = true
CONF
status_is 0 "-c FILE" "$fg" -c "$tmp/my.conf" -o "$tmp/c" "$top/samples"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] || true
contains "$tmp/c/atom.xml" "<title>配置 # 标题</title>" "quoted config value keeps '#'"
contains "$tmp/c/atom.xml" 'href="https://cfg.example.org/news/2022/0716/001_c4d5e6f708192a3b.html#1"' "link template from config"
contains "$tmp/c/atom.xml" "<id>tag:cfg.example.org,2022-07-16:001_c4d5e6f708192a3b/1</id>" "tag id uses the base URL's host"
[ "$(count "$tmp/c/atom.xml" '<entry>')" = 3 ] && ok "limit from config" || not_ok "limit from config"
[ ! -s "$tmp/out" ] && ok "quiet = true in config: nothing on stdout" || not_ok "quiet printed: $(cat "$tmp/out")"
printf 'base-url = https://x.cn\nno-such-key = 1\n' >"$tmp/bad.conf"
status_is 2 "unknown config key" "$fg" -c "$tmp/bad.conf" "$tmp/noconf"
contains "$tmp/err" "bad.conf:2:1: error: unknown key 'no-such-key' [config-unknown-key]" "config error has file:line:col"
status_is 3 "unreadable config" "$fg" -c "$tmp/nope.conf" "$tmp/noconf"

status_is 0 "--tz +05:30" "$fg" --base-url https://x.cn --tz +05:30 -o "$tmp/tz" "$tmp/noconf"
contains "$tmp/tz/rss.xml" "<pubDate>Sat, 01 Jan 2022 00:00:00 +0530</pubDate>" "edition date in +05:30"
contains "$tmp/tz/atom.xml" "<published>2022-01-01T00:00:00+05:30</published>" "Atom date in +05:30"

status_is 0 "--formats rss" "$fg" --formats rss -o "$tmp/fmt" "$top/samples"
[ -s "$tmp/fmt/rss.xml" ] && [ ! -e "$tmp/fmt/atom.xml" ] && [ ! -e "$tmp/fmt/feed.json" ] &&
	ok "--formats rss writes only rss.xml" || not_ok "--formats rss wrote $(ls "$tmp/fmt")"
status_is 2 "bad --formats" "$fg" --formats atom,html "$top/samples"
# feeds written at once, a thread each, each reading its articles from the
# state with a cursor of its own (400 articles are many batches of rows):
# each is the same as when written alone
for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	mkdir -p "$tmp/many/2023-03-$d"
	for p in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
		printf '# 第%s日第%s版\n\n正文%s，%s。\n' "$d" "$p" "$d" "$p" >"$tmp/many/2023-03-$d/0${p}_a.txt"
	done
done
G="$fg --base-url https://x.cn --limit 0"
status_is 0 "Atom and RSS at once" $G --formats atom,rss --state "$tmp/g2.db" -o "$tmp/g2" "$tmp/many"
status_is 0 "Atom alone" $G --formats atom --state "$tmp/g1a.db" -o "$tmp/g1a" "$tmp/many"
status_is 0 "RSS alone" $G --formats rss --state "$tmp/g1r.db" -o "$tmp/g1r" "$tmp/many"
[ "$(count "$tmp/g2/atom.xml" '<entry>')" = 400 ] && ok "all 400 entries" ||
	not_ok "entries: $(count "$tmp/g2/atom.xml" '<entry>')"
same "$tmp/g2/atom.xml" "$tmp/g1a/atom.xml" "Atom written beside RSS is Atom written alone"
same "$tmp/g2/rss.xml" "$tmp/g1r/rss.xml" "RSS written beside Atom is RSS written alone"

# --- dry run and quiet --------------------------------------------------------
status_is 0 "--dry-run" "$fg" --dry-run -o "$tmp/dry" "$top/samples"
[ ! -e "$tmp/dry" ] && ok "--dry-run writes nothing" || not_ok "--dry-run created $tmp/dry"
contains "$tmp/out" "would be $tmp/dry/atom.xml: created" "--dry-run says what would change"
status_is 0 "--dry-run over current output" "$fg" --dry-run -o "$tmp/s" "$top/samples"
contains "$tmp/out" "nothing changed since the last run" "--dry-run sees nothing changed"
status_is 0 "-q" "$fg" -q -o "$tmp/q" "$top/samples"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok "-q prints nothing on success" || not_ok "-q printed something"

# --- bad input -------------------------------------------------------------------
mkdir -p "$tmp/bad/2022-07-15"
printf '# 好页面\n正文。\n' >"$tmp/bad/2022-07-15/001_aa.txt"
printf '# 坏页面\n第一段正文\n第二\377段\n' >"$tmp/bad/2022-07-15/002_bb.txt"
printf '# 换页符\n第一行\n第二\f行\n' >"$tmp/bad/2022-07-15/003_cc.txt"
printf '' >"$tmp/bad/2022-07-15/004_dd.txt"
printf '\377\330\377\340\000\020JFIF\000\001\001\000\000\001' >"$tmp/bad/2022-07-15/005_jpeg.txt"
status_is 1 "a page with an error: feeds from the rest, exit 1" \
	"$fg" --base-url https://x.cn --title "控制$(printf '\001\013')字符" -o "$tmp/b" "$tmp/bad"
contains "$tmp/err" "002_bb.txt:3:3: error: invalid UTF-8 byte 0xff" "bad byte reported at file:line:col"
contains "$tmp/err" "003_cc.txt:3: warning: dropped 1 character that XML 1.0 forbids (first U+000C) [page-forbidden-char]" "form feed dropped, warning names the line"
contains "$tmp/err" "004_dd.txt: warning: page is empty [page-empty]" "empty page warned"
contains "$tmp/err" "005_jpeg.txt" "a JPEG named .txt is diagnosed"
valid_feeds "$tmp/b" "bad input"
[ "$(count "$tmp/b/atom.xml" '<entry>')" = 2 ] && ok "good pages still published" || not_ok "good pages published"
contains "$tmp/b/atom.xml" "<title>控制字符</title>" "control characters in options cleaned"

mkdir -p "$tmp/empty/2022-07-15"
status_is 1 "no articles at all: not published (exit 1, as feedgen.1 says)" \
	env STATE_DIRECTORY="$tmp/st-empty" "$fg" --base-url https://x.cn -o "$tmp/e" "$tmp/empty"
contains "$tmp/err" "error: no articles in $tmp/empty; nothing published [no-articles]" "no articles: says so"
[ -z "$(ls -A "$tmp/st-empty" | grep -v '\.lock$')" ] &&
	ok "no articles: no state left behind" || not_ok "no articles: a state was left behind: $(ls -A "$tmp/st-empty")"
contains "$tmp/err" "nothing published" "no articles: nothing published"
[ ! -e "$tmp/e/atom.xml" ] && ok "no articles: nothing written" || not_ok "no articles: feed written"

printf 'not a dir' >"$tmp/file"
status_is 3 "output folder cannot be made" "$fg" --base-url https://x.cn -o "$tmp/file/sub" "$tmp/noconf"

# a flat folder of .md files with front-matter dates
mkdir -p "$tmp/flat"
printf -- '---\ntitle: 扁平一\ndate: 2023-03-01T08:00:00+08:00\nauthor: 王五\n---\n正文一。\n' >"$tmp/flat/a.md"
printf -- '---\ntitle: 扁平二\ndate: 2023-03-02\n---\n正文二。\n' >"$tmp/flat/b.md"
status_is 0 "flat folder of .md files" "$fg" --base-url https://x.cn -o "$tmp/f" "$tmp/flat"
[ "$(count "$tmp/f/atom.xml" '<entry>')" = 2 ] && ok "flat collection: 2 entries" || not_ok "flat collection entries"
contains "$tmp/f/atom.xml" "<id>tag:x.cn,2023-03-01:a/1</id>" "flat collection id from the article date"
valid_feeds "$tmp/f" flat

# --- limits --------------------------------------------------------------------
mkdir -p "$tmp/lim/2022-07-15"
printf '# 小页\n正文。\n' >"$tmp/lim/2022-07-15/001_aa.txt"
{ printf '# 大页\n'; head -c 3000000 /dev/zero | tr '\0' 'x'; printf '\n'; } >"$tmp/lim/2022-07-15/002_bb.txt"
status_is 1 "--max-page-size 1M" "$fg" --base-url https://x.cn --max-page-size 1M -o "$tmp/lim-o" "$tmp/lim"
contains "$tmp/err" "002_bb.txt: error: page is larger than 1048576 bytes (--max-page-size); skipped [page-too-large]" "large page skipped with its rule id"
[ "$(count "$tmp/lim-o/atom.xml" '<entry>')" = 1 ] && ok "the other page still published" || not_ok "other page published"
status_is 3 "--max-pages 1" "$fg" --base-url https://x.cn --max-pages 1 -o "$tmp/lim-p" "$tmp/lim"
contains "$tmp/err" "[collection-too-large]" "too many pages has its rule id"
status_is 2 "bad --max-page-size" "$fg" --base-url https://x.cn --max-page-size 12Q "$tmp/lim"

# --- article HTML as CDATA ------------------------------------------------------
# The HTML goes out as CDATA; whatever the text holds, the feeds stay
# well-formed and a parser reads back exactly the HTML (]]> never ends it).
mkdir -p "$tmp/cd/2024-01-02"
printf '# T\n\nA ]]> b `]]>` &#93;]&#62; [x](http://a/]]>) <b>&</b> ]]]]>>\n\n    code ]]>\n' \
	>"$tmp/cd/2024-01-02/001_a.txt"
status_is 0 "text with ]]>" "$fg" -q --base-url https://x.cn -o "$tmp/cdo" "$tmp/cd"
valid_feeds "$tmp/cdo" "text with ]]>"
contains "$tmp/cdo/atom.xml" '<content type="html"><![CDATA[<p>' "Atom content is CDATA"
contains "$tmp/cdo/rss.xml" '<content:encoded><![CDATA[<p>' "RSS content:encoded is CDATA"
check_quiet "CDATA content reads back as the JSON Feed's HTML" python3 -c '
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
html = json.load(open(d + "/feed.json", encoding="utf-8"))["items"][0]["content_html"]
a = ET.parse(d + "/atom.xml").find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content").text
r = ET.parse(d + "/rss.xml").find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded").text
assert "]]&gt;" in html and "<pre><code>" in html, html
assert a == html == r, (a, html, r)
' "$tmp/cdo"

# --- many output sets, written and checked on several threads -------------------
# The order of messages and the bytes of every file do not depend on how the
# threads are scheduled: ten runs over fresh outputs give the same result.
mkdir -p "$tmp/mt"
for d in 01 02 03 04 05 06; do
	mkdir -p "$tmp/mt/2024-02-$d"
	for p in 1 2 3; do
		printf -- '---\nsection: s%s\n---\n# A %s %s\n\nbody %s %s\n' "$p" "$d" "$p" "$d" "$p" \
			>"$tmp/mt/2024-02-$d/00${p}_x.txt"
	done
done
printf '\f# bad\n' >"$tmp/mt/2024-02-01/009_y.txt"
same=1
for i in 1 2 3 4 5 6 7 8 9 10; do
	rm -rf "$tmp/mto"
	"$fg" --base-url https://x.cn --per-section --archive --limit 2 -o "$tmp/mto" "$tmp/mt" \
		>"$tmp/mt.out" 2>"$tmp/mt.err"
	(cd "$tmp/mto" && find . -name '*.xml' -o -name '*.json' | sort | xargs cat) >"$tmp/mt.all"
	cat "$tmp/mt.out" "$tmp/mt.err" >>"$tmp/mt.all"
	if [ "$i" = 1 ]; then cp "$tmp/mt.all" "$tmp/mt.first"
	elif ! cmp -s "$tmp/mt.all" "$tmp/mt.first"; then same=0; fi
done
if [ "$same" = 1 ]; then ok "ten threaded runs give the same files and messages"
else not_ok "threaded runs differ"; diff "$tmp/mt.first" "$tmp/mt.all" | head -10 | sed 's/^/#   /'; fi
contains "$tmp/mt.err" "009_y.txt" "the page's warning is printed"
# on one processor a job writes a whole set (one rendering); the files are
# the same as when each format is a job of its own
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
	rm -rf "$tmp/mt1"
	taskset -c 0 "$fg" -q --base-url https://x.cn --per-section --archive --limit 2 -o "$tmp/mt1" "$tmp/mt" 2>/dev/null
	check_quiet "one processor: the same files as several" diff -r -x '.feedgen*' "$tmp/mto" "$tmp/mt1"
	rm -rf "$tmp/s1cpu"
	taskset -c 0 "$fg" -q -o "$tmp/s1cpu" "$top/samples" 2>/dev/null
	for f in atom.xml rss.xml feed.json; do
		check_quiet "one processor: samples $f matches golden" cmp "$tmp/s1cpu/$f" "$top/tests/golden/samples/$f"
	done
fi
check_quiet "section feeds exist" test -s "$tmp/mto/sections/s2/atom.xml"

# --- man pages agree with --help -----------------------------------------------
"$fg" --help >"$tmp/help"
for o in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	if grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$top/man/feedgen.1"; then ok "feedgen.1 documents $o"
	else not_ok "feedgen.1 lacks $o"; fi
done
for o in $(grep -o -- '\\-\\-[a-z][a-z\\-]*' "$top/man/feedgen.1" | sed 's/\\//g' | sort -u); do
	if grep -q -- "$o" "$tmp/help"; then ok "--help lists $o"; else not_ok "--help lacks $o (in feedgen.1)"; fi
done

finish
