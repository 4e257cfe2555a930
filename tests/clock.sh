#!/bin/sh
# The paper's clock (feedgen(5)): the embargo, pages that settle, the ready
# marker, the printed order; the corrections feed; feeds of sections that
# went away taken down; WebSub pings that are not lost.  The clock is set
# with faketime where it matters (these cases skip, saying why, without
# it); Debian's feedparser reads the Atom and RSS feeds.  A page that
# changes while it is read: tests/unit/test_page_read.c.
. "$(dirname "$0")/lib.sh"
need_program "$fg"
# faketime is an LD_PRELOAD library, loaded before a sanitized feedgen's
# ASan runtime, which refuses to start unless told
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import feedparser' 2>/dev/null; then py=$p; break; fi
done
have_faketime=
command -v faketime >/dev/null 2>&1 && have_faketime=1

# at TIME CMD...: CMD with the clock at TIME (UTC), running from there
at() {
	at_t=$1
	shift
	FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$at_t" "$@"
}

# entries FEED: "title|published|updated" a line, in the feed's order, as
# feedparser reads an Atom or RSS feed (RSS: no updated), or as JSON
cat >"$tmp/entries.py" <<'PY'
import json, sys
path = sys.argv[1]
if path.endswith(".json"):
    for i in json.load(open(path, encoding="utf-8"))["items"]:
        print("%s|%s|%s" % (i["title"], i["date_published"], i["date_modified"]))
    sys.exit(0)
import feedparser
d = feedparser.parse(path)
if d.bozo:
    print("not well-formed for feedparser: %s" % d.bozo_exception, file=sys.stderr)
    sys.exit(1)
for e in d.entries:
    print("%s|%s|%s" % (e.title, e.get("published", ""), e.get("updated", "")))
PY
entries() {
	case $1 in
	*.json) python3 "$tmp/entries.py" "$1" ;;
	*) "$py" "$tmp/entries.py" "$1" ;;
	esac
}
# has_entry FEED LINE WHAT: feedparser (or JSON) finds LINE among FEED's entries
has_entry() {
	if entries "$1" | grep -qxF -- "$2"; then ok "$3"
	else not_ok "$3: no '$2' in $1"; entries "$1" | sed 's/^/#   /' | head -8; fi
}
# nowhere DIR TEXT WHAT: no file under DIR holds TEXT
nowhere() {
	if grep -rlF -- "$2" "$1" >"$tmp/where" 2>/dev/null; then
		not_ok "$3: '$2' in $(tr '\n' ' ' <"$tmp/where")"
	else ok "$3"; fi
}

# ---- the embargo ---------------------------------------------------------
# A paper that comes out at six (+08:00): the edition of 2030-01-05 is out,
# that of 2030-01-10 prepared the night before, one of its articles dated
# later (09:30) by its front matter.
mkpaper() {
	mkdir -p "$1/2030-01-05" "$1/2030-01-10"
	printf '# 五日一\n\n正文五一。\n\n# 五日二\n\n正文五二。\n' >"$1/2030-01-05/001_a.txt"
	printf '# 五日三\n\n正文五三。\n' >"$1/2030-01-05/002_b.txt"
	printf '# 十日一\n\n正文十一。\n\n# 十日二\n\n正文十二。\n' >"$1/2030-01-10/001_a.txt"
	printf -- '---\ntitle: 十日晚\ndate: 2030-01-10T09:30:00+08:00\n---\n正文十日晚。\n' >"$1/2030-01-10/002_b.txt"
	printf 'base-url = https://x.cn\npublish-time = 06:00\nsection.001 = 要闻\nsection.002 = 体育\n' >"$1/feed.conf"
}
if [ -n "$have_faketime" ] && [ -n "$py" ]; then
	mkpaper "$tmp/e"
	E1="$fg --per-section --limit 0 --state $tmp/e1.db -o $tmp/e1"
	E2="$fg --archive --limit 1 --state $tmp/e2.db -o $tmp/e2"
	for w in E1 E2; do
		eval "cmd=\$$w"
		status_is 0 "embargo: $w, the night before (12:00 the day before)" at '2030-01-09 04:00:00' $cmd "$tmp/e"
	done
	contains "$tmp/out" "3 articles wait for their publish time; the next goes out at 2030-01-10T06:00:00+08:00" \
		"embargo: the run says what waits, and until when"
	nowhere "$tmp/e1" "十日" "embargo: before its publish time the edition is in no feed or section feed"
	nowhere "$tmp/e2" "十日" "embargo: ... nor in an archive document"
	has_entry "$tmp/e1/atom.xml" "五日一|2030-01-05T06:00:00+08:00|2030-01-05T06:00:00+08:00" \
		"embargo: the edition already out is published"
	# a change before the release is no correction
	sed -i 's/正文十二。/正文十二，改。/' "$tmp/e/2030-01-10/001_a.txt"
	status_is 0 "embargo: one second before the publish time" at '2030-01-09 21:59:59' $E1 "$tmp/e"
	nowhere "$tmp/e1" "十日" "embargo: still in no feed"
	status_is 0 "embargo: nothing else changed" at '2030-01-09 21:59:59' $E1 "$tmp/e"
	contains "$tmp/out" "nothing changed since the last run" "embargo: a run before the publish time stays cheap (nothing to do)"
	for w in E1 E2; do
		eval "cmd=\$$w"
		status_is 0 "embargo: $w, the first run at the publish time" at '2030-01-09 22:00:00' $cmd "$tmp/e"
	done
	lacks "$tmp/out" "nothing changed" "embargo: the run at the publish time does the work"
	has_entry "$tmp/e1/atom.xml" "十日一|2030-01-10T06:00:00+08:00|2030-01-10T06:00:00+08:00" \
		"embargo: at its publish time the edition goes out, page 1's first article at that time"
	has_entry "$tmp/e1/rss.xml" "十日二|Thu, 10 Jan 2030 05:59:59 +0800|Thu, 10 Jan 2030 05:59:59 +0800" "embargo: the next one a second before (RSS)"
	has_entry "$tmp/e1/feed.json" "十日二|2030-01-10T05:59:59+08:00|2030-01-10T05:59:59+08:00" \
		"embargo: a change made before the release is no correction (updated is published)"
	contains "$tmp/e1/atom.xml" "正文十二，改" "embargo: ... and the article goes out as it is now"
	[ "$(entries "$tmp/e1/corrections/atom.xml" | wc -l)" = 0 ] &&
		ok "embargo: the corrections feed is empty" || not_ok "embargo: corrections: $(entries "$tmp/e1/corrections/atom.xml")"
	grep -q '十日一' "$tmp/e1/sections/"*/atom.xml && ok "embargo: the section feed has it now" ||
		not_ok "embargo: not in the section feed"
	grep -rq '十日一' "$tmp/e2/atom.xml" "$tmp/e2/archive" && ok "embargo: so has the feed with archives" ||
		not_ok "embargo: not in the archived feeds"
	nowhere "$tmp/e1" "十日晚" "embargo: the article dated 09:30 by its front matter still waits"
	status_is 0 "embargo: at 09:30" at '2030-01-10 01:30:00' $E1 "$tmp/e"
	entries "$tmp/e1/atom.xml" | head -1 >"$tmp/first"
	check "embargo: at its own date it goes out, first" grep -qxF "十日晚|2030-01-10T09:30:00+08:00|2030-01-10T09:30:00+08:00" "$tmp/first"
	# nothing is ever dated after the run that published it
	entries "$tmp/e1/atom.xml" >"$tmp/all"
	"$py" - "$tmp/all" '2030-01-10T01:30:00+00:00' <<'PY' && ok "embargo: no date after the run's time" || not_ok "embargo: a date after the run's time"
import datetime, sys
run = datetime.datetime.fromisoformat(sys.argv[2])
for l in open(sys.argv[1], encoding="utf-8"):
    for d in l.strip().split("|")[1:]:
        if d and datetime.datetime.fromisoformat(d) > run:
            sys.exit(1)
PY

	# --no-embargo: everything at once, and nothing after the run's time
	status_is 0 "--no-embargo, the night before" at '2030-01-09 04:00:00' $fg --no-embargo --limit 0 \
		--state "$tmp/e3.db" -o "$tmp/e3" "$tmp/e"
	[ "$(entries "$tmp/e3/atom.xml" | wc -l)" = 6 ] && ok "--no-embargo: every article published" ||
		not_ok "--no-embargo: $(entries "$tmp/e3/atom.xml" | wc -l) entries"
	has_entry "$tmp/e3/atom.xml" "十日一|2030-01-09T12:00:00+08:00|2030-01-09T12:00:00+08:00" \
		"--no-embargo: a date after the run's time is the run's time"
	has_entry "$tmp/e3/atom.xml" "十日二|2030-01-09T11:59:59+08:00|2030-01-09T11:59:59+08:00" \
		"--no-embargo: ... and the printed order counts back from it"
	printf 'base-url = https://x.cn\npublish-time = 06:00\nembargo = off\n' >"$tmp/noemb.conf"
	status_is 0 "embargo = off in a config" at '2030-01-09 04:00:00' $fg -c "$tmp/noemb.conf" --limit 0 \
		--state "$tmp/e4.db" -o "$tmp/e4" "$tmp/e"
	[ "$(entries "$tmp/e4/atom.xml" | wc -l)" = 6 ] && ok "embargo = off: every article published" ||
		not_ok "embargo = off: $(entries "$tmp/e4/atom.xml" | wc -l) entries"
	status_is 2 "--embargo maybe" $fg --embargo maybe -o "$tmp/e5" "$tmp/e"
	contains "$tmp/err" "invalid --embargo 'maybe'" "a bad embargo value is a usage error"
	status_is 2 "--publish-time 24:00" $fg --publish-time 24:00 -o "$tmp/e5" "$tmp/e"
	contains "$tmp/err" "invalid --publish-time '24:00': expected HH:MM" "a bad publish time is a usage error"

	# a new install the night before its first edition: nothing yet
	mkdir -p "$tmp/f/2030-01-10"
	cp "$tmp/e/2030-01-10/001_a.txt" "$tmp/f/2030-01-10/"
	status_is 0 "embargo: a first run where every article waits" at '2030-01-09 04:00:00' \
		$fg --base-url https://x.cn --publish-time 06:00 --state "$tmp/f.db" -o "$tmp/fo" "$tmp/f"
	[ ! -e "$tmp/fo/atom.xml" ] && ok "embargo: ... writes no feed" || not_ok "embargo: a feed was written"
	contains "$tmp/out" "nothing published yet" "embargo: ... and says why"
	status_is 0 "embargo: the same, with -q" at '2030-01-09 05:00:00' \
		$fg -q --base-url https://x.cn --publish-time 06:00 --state "$tmp/f.db" -o "$tmp/fo" "$tmp/f"
	[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok "embargo: -q says nothing of it" || not_ok "embargo: -q said $(cat "$tmp/out" "$tmp/err")"
	status_is 0 "embargo: at the publish time" at '2030-01-09 22:00:05' \
		$fg -q --base-url https://x.cn --publish-time 06:00 --state "$tmp/f.db" -o "$tmp/fo" "$tmp/f"
	has_entry "$tmp/fo/atom.xml" "十日一|2030-01-10T06:00:00+08:00|2030-01-10T06:00:00+08:00" "embargo: ... the first edition goes out"
else
	skip "the embargo" "${have_faketime:+Debian's python3-feedparser is not installed}${have_faketime:-faketime is not installed (sh setup.sh installs it)}"
fi

# ---- settle time ---------------------------------------------------------
mkdir -p "$tmp/s/2024-03-01"
printf '# 一版\n\n正文一。\n' >"$tmp/s/2024-03-01/001_a.txt"
S="$fg --base-url https://x.cn --limit 0 --state $tmp/s.db -o $tmp/so"
status_is 0 "settle: the first run of a new state" $S --settle 3600 "$tmp/s"
contains "$tmp/so/atom.xml" "正文一" "settle: a new state takes every page, even one just written"
printf '# 二版\n\n正文二。\n' >"$tmp/s/2024-03-01/002_b.txt"
status_is 0 "settle: a page just written" $S --settle 3600 "$tmp/s"
lacks "$tmp/so/atom.xml" "正文二" "settle: it waits for a later run"
contains "$tmp/err" "2024-03-01: info: 1 page changed less than 3600 seconds ago; waiting for a later run (--settle) [page-settling]" \
	"settle: the run says so, as info"
status_is 0 "settle: -q" $S -q --settle 3600 "$tmp/s"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok "settle: -q says nothing" || not_ok "settle: -q said $(cat "$tmp/out" "$tmp/err")"
touch -d '2 hours ago' "$tmp/s/2024-03-01/002_b.txt"
status_is 0 "settle: once it is older than --settle" $S --settle 3600 "$tmp/s"
contains "$tmp/so/atom.xml" "正文二" "settle: the page is read"
sed -i 's/正文一。/正文一，改。/' "$tmp/s/2024-03-01/001_a.txt"
status_is 0 "settle: a published page changed just now" $S --settle 3600 "$tmp/s"
contains "$tmp/so/atom.xml" "正文一。" "settle: what was published of it stays meanwhile"
lacks "$tmp/so/atom.xml" "正文一，改" "settle: the new text is not read yet"
status_is 0 "settle: --settle 0" $S --settle 0 "$tmp/s"
contains "$tmp/so/atom.xml" "正文一，改" "settle: --settle 0 reads it at once"
printf 'base-url = https://x.cn\nsettle = 3600\n' >"$tmp/s.conf"
printf '# 三版\n\n正文三。\n' >"$tmp/s/2024-03-01/003_c.txt"
status_is 0 "settle = 3600 in a config" $S -c "$tmp/s.conf" "$tmp/s"
lacks "$tmp/so/atom.xml" "正文三" "settle: the config's settle time holds the page"
touch -d '2030-01-01' "$tmp/s/2024-03-01/003_c.txt"
status_is 0 "settle: a page dated years ahead" $S --settle 3600 "$tmp/s"
contains "$tmp/so/atom.xml" "正文三" "settle: a time further ahead than --settle does not wait for ever"
status_is 2 "--settle -1" $fg --settle -1 -o "$tmp/so" "$tmp/s"

# ---- the ready marker ------------------------------------------------------
mkdir -p "$tmp/r/2024-04-01" "$tmp/r/2024-04-02/sport"
printf '# 一日\n\n正文一日。\n' >"$tmp/r/2024-04-01/001_a.txt"
: >"$tmp/r/2024-04-01/READY.md"
printf '# 二日\n\n正文二日。\n' >"$tmp/r/2024-04-02/001_a.txt"
printf '# 二日体育\n\n正文二日体育。\n' >"$tmp/r/2024-04-02/sport/001_s.txt"
R="$fg --base-url https://x.cn --ready-marker READY.md --settle 0 --state $tmp/r.db -o $tmp/ro"
status_is 0 "ready marker: an edition without it" $R "$tmp/r"
contains "$tmp/ro/atom.xml" "正文一日" "ready marker: the edition with its marker is read"
lacks "$tmp/ro/atom.xml" "正文二日" "ready marker: the one without it waits, sub-folders too"
contains "$tmp/err" "2024-04-02: info: no 'READY.md' in the edition yet; it waits for a later run [edition-not-ready]" \
	"ready marker: the run says so, as info"
[ "$(count "$tmp/err" 'edition-not-ready')" = 1 ] && ok "ready marker: once an edition" || not_ok "ready marker: said $(count "$tmp/err" 'edition-not-ready') times"
status_is 0 "ready marker: -q" $R -q "$tmp/r"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok "ready marker: -q says nothing" || not_ok "ready marker: -q said $(cat "$tmp/out" "$tmp/err")"
printf '# 不是文章\n\n标记。\n' >"$tmp/r/2024-04-02/READY.md"
status_is 0 "ready marker: the marker written" $R "$tmp/r"
contains "$tmp/ro/atom.xml" "正文二日体育" "ready marker: then the edition is read, sub-folders too"
lacks "$tmp/ro/atom.xml" "不是文章" "ready marker: the marker is no page, even named like one"
[ "$(count "$tmp/ro/atom.xml" '<entry>')" = 3 ] && ok "ready marker: three entries" || not_ok "ready marker: $(count "$tmp/ro/atom.xml" '<entry>') entries"
status_is 2 "--ready-marker with a slash" $fg --ready-marker ../x -o "$tmp/ro" "$tmp/r"

# ---- the printed order -----------------------------------------------------
# page numbers 1, 2 and 10 (named so that byte order is 10, 1, 2)
mkdir -p "$tmp/p/2024-05-01"
printf '# 一版一\n\n一一。\n\n# 一版二\n\n一二。\n\n# 一版三\n\n一三。\n' >"$tmp/p/2024-05-01/1_a.txt"
printf '# 二版一\n\n二一。\n\n# 二版二\n\n二二。\n' >"$tmp/p/2024-05-01/2_b.txt"
printf '# 十版一\n\n十一。\n' >"$tmp/p/2024-05-01/10_c.txt"
P="--base-url https://x.cn --publish-time 06:00 --settle 0 --limit 0"
status_is 0 "printed order" $fg $P --state "$tmp/p.db" -o "$tmp/po" "$tmp/p"
if [ -n "$py" ]; then
	entries "$tmp/po/atom.xml" >"$tmp/p.got"
	cat >"$tmp/p.want" <<'EOF'
一版一|2024-05-01T06:00:00+08:00|2024-05-01T06:00:00+08:00
一版二|2024-05-01T05:59:59+08:00|2024-05-01T05:59:59+08:00
一版三|2024-05-01T05:59:58+08:00|2024-05-01T05:59:58+08:00
二版一|2024-05-01T05:59:57+08:00|2024-05-01T05:59:57+08:00
二版二|2024-05-01T05:59:56+08:00|2024-05-01T05:59:56+08:00
十版一|2024-05-01T05:59:55+08:00|2024-05-01T05:59:55+08:00
EOF
	same "$tmp/p.got" "$tmp/p.want" "printed order: distinct times a second apart, page 1's first the newest, feedparser lists the paper as printed"
	entries "$tmp/po/rss.xml" | cut -d'|' -f1 >"$tmp/p.rss"
	cut -d'|' -f1 "$tmp/p.want" | same "$tmp/p.rss" - "printed order: RSS the same"
else
	skip "printed order, read by feedparser" "Debian's python3-feedparser is not installed"
fi
if [ -x "$fc" ]; then
	"$fc" "$tmp/po/atom.xml" "$tmp/po/rss.xml" "$tmp/po/feed.json" >"$tmp/fc.out" 2>&1
	lacks "$tmp/fc.out" "duplicate-updated" "printed order: feedcheck finds no two entries with the same date"
fi
# an edition whose pages are in sub-folders too: its own folder's pages
# first, then each sub-folder's, every second its own
mkdir -p "$tmp/p3/2024-05-02/a" "$tmp/p3/2024-05-02/b"
printf '# 本版\n\n本。\n' >"$tmp/p3/2024-05-02/001_x.txt"
printf '# 甲一\n\n甲。\n\n# 甲二\n\n甲。\n' >"$tmp/p3/2024-05-02/a/002_y.txt"
printf '# 乙一\n\n乙。\n' >"$tmp/p3/2024-05-02/b/003_z.txt"
$fg -q $P --state "$tmp/p3.db" -o "$tmp/po3" "$tmp/p3"
if [ -n "$py" ]; then
	entries "$tmp/po3/atom.xml" | cut -d'|' -f1,2 | tr '\n' ' ' >"$tmp/p3.got"
	check "printed order: sub-folders of an edition count on, every second its own" test "$(cat "$tmp/p3.got")" = \
		"本版|2024-05-02T06:00:00+08:00 甲一|2024-05-02T05:59:59+08:00 甲二|2024-05-02T05:59:58+08:00 乙一|2024-05-02T05:59:57+08:00 "
fi
# a late article, added to page 1 after the paper went out: its printed
# place (05:59:57) is page 2's, and so are the seconds before it
printf '\n# 一版晚到\n\n一晚。\n' >>"$tmp/p/2024-05-01/1_a.txt"
status_is 0 "printed order: a late article" $fg $P --state "$tmp/p.db" -o "$tmp/po" "$tmp/p"
if [ -n "$py" ]; then
	entries "$tmp/po/atom.xml" >"$tmp/p.late"
	has_entry "$tmp/po/atom.xml" "一版晚到|2024-05-01T05:59:54+08:00|2024-05-01T05:59:54+08:00" \
		"printed order: a late article takes the first second before its place that no other holds"
	grep -v '一版晚到' "$tmp/p.late" >"$tmp/p.rest"
	same "$tmp/p.rest" "$tmp/p.want" "printed order: the articles already out keep their times"
	[ "$(cut -d'|' -f2 "$tmp/p.late" | sort | uniq -d)" = "" ] && ok "printed order: every time still its own" ||
		not_ok "printed order: shared times"
	# the same history in another state gives the same times
	rm -rf "$tmp/p2"
	mkdir -p "$tmp/p2/2024-05-01"
	cp "$tmp/p/2024-05-01/2_b.txt" "$tmp/p/2024-05-01/10_c.txt" "$tmp/p2/2024-05-01/"
	head -11 "$tmp/p/2024-05-01/1_a.txt" >"$tmp/p2/2024-05-01/1_a.txt"
	$fg -q $P --state "$tmp/p2.db" -o "$tmp/po2" "$tmp/p2"
	cp "$tmp/p/2024-05-01/1_a.txt" "$tmp/p2/2024-05-01/1_a.txt"
	$fg -q $P --state "$tmp/p2.db" -o "$tmp/po2" "$tmp/p2"
	entries "$tmp/po2/atom.xml" | same - "$tmp/p.late" "printed order: the same history gives the same times"
fi

# ---- the corrections feed --------------------------------------------------
if [ -n "$have_faketime" ] && [ -n "$py" ]; then
	for d in 01 02 03 04 05 06; do
		mkdir -p "$tmp/k/2030-02-$d"
		printf '# 二月%s日\n\n正文%s。\n' "$d" "$d" >"$tmp/k/2030-02-$d/001_a.txt"
	done
	K="$fg --base-url https://x.cn --publish-time 06:00 --limit 2 --state $tmp/k.db -o $tmp/ko"
	status_is 0 "corrections: the first run" at '2030-02-07 00:00:00' $K "$tmp/k"
	[ -f "$tmp/ko/corrections/atom.xml" ] && [ -f "$tmp/ko/corrections/rss.xml" ] && [ -f "$tmp/ko/corrections/feed.json" ] &&
		ok "corrections: OUTDIR/corrections/ holds the three formats" || not_ok "corrections: $(ls "$tmp/ko/corrections")"
	[ "$(entries "$tmp/ko/corrections/atom.xml" | wc -l)" = 0 ] && ok "corrections: none yet" || not_ok "corrections: entries at first"
	cp "$tmp/ko/atom.xml" "$tmp/k.main"
	sed -i 's/正文01。/正文01，更正。/' "$tmp/k/2030-02-01/001_a.txt"
	status_is 0 "corrections: an article long out of the window corrected" at '2030-02-08 00:00:00' $K --settle 0 "$tmp/k"
	same "$tmp/ko/atom.xml" "$tmp/k.main" "corrections: the main feed does not change"
	has_entry "$tmp/ko/corrections/atom.xml" "二月01日|2030-02-01T06:00:00+08:00|2030-02-08T08:00:00+08:00" \
		"corrections: the corrected article is announced, its published pinned, its new updated"
	contains "$tmp/ko/corrections/atom.xml" "正文01，更正" "corrections: with its text as it is now"
	sed -i 's/正文02。/正文02，更正。/' "$tmp/k/2030-02-02/001_a.txt"
	status_is 0 "corrections: another, a day later" at '2030-02-09 00:00:00' $K --settle 0 "$tmp/k"
	entries "$tmp/ko/corrections/rss.xml" | cut -d'|' -f1 | tr '\n' ' ' >"$tmp/k.order"
	check "corrections: newest correction first (RSS)" test "$(cat "$tmp/k.order")" = "二月02日 二月01日 "
	entries "$tmp/ko/corrections/feed.json" | cut -d'|' -f1 | tr '\n' ' ' >"$tmp/k.order"
	check "corrections: newest correction first (JSON Feed)" test "$(cat "$tmp/k.order")" = "二月02日 二月01日 "
	status_is 0 "corrections: 30 days after the first" at '2030-03-10 00:00:01' $K --settle 0 "$tmp/k"
	lacks "$tmp/out" "nothing changed" "corrections: a correction's end is a change (the run does the work)"
	entries "$tmp/ko/corrections/atom.xml" | cut -d'|' -f1 | tr '\n' ' ' >"$tmp/k.order"
	check "corrections: after corrections-days it leaves" test "$(cat "$tmp/k.order")" = "二月02日 "
	status_is 0 "corrections: two days on" at '2030-03-12 00:00:00' $K --settle 0 "$tmp/k"
	[ "$(entries "$tmp/ko/corrections/atom.xml" | wc -l)" = 0 ] && ok "corrections: the last one leaves too" ||
		not_ok "corrections: still $(entries "$tmp/ko/corrections/atom.xml")"
	status_is 0 "corrections: nothing more" at '2030-03-13 00:00:00' $K --settle 0 "$tmp/k"
	contains "$tmp/out" "nothing changed since the last run" "corrections: then nothing is to do"
	status_is 0 "--corrections-days 7" at '2030-03-13 00:00:00' $K --corrections-days 7 "$tmp/k"
	status_is 0 "--corrections-days 0" at '2030-03-13 00:00:00' $K --corrections-days 0 "$tmp/k"
	[ ! -e "$tmp/ko/corrections" ] && ok "corrections: --corrections-days 0 takes the corrections feed down" ||
		not_ok "corrections: $(ls "$tmp/ko/corrections")"
	contains "$tmp/out" "$tmp/ko/corrections/atom.xml: removed (no longer published)" "corrections: ... and says so"
else
	skip "the corrections feed" "${have_faketime:+Debian's python3-feedparser is not installed}${have_faketime:-faketime is not installed (sh setup.sh installs it)}"
fi

# ---- sections that go away are taken down ---------------------------------
mkdir -p "$tmp/sec/2024-01-01"
printf '# 要闻一\n\n正文。\n' >"$tmp/sec/2024-01-01/001_a.txt"
printf '# 体育一\n\n正文。\n' >"$tmp/sec/2024-01-01/002_b.txt"
printf 'base-url = https://x.cn\nsection.001 = 要闻\nsection.002 = 体育\nslug.要闻 = yaowen\nslug.体育 = sport\n' >"$tmp/sec/feed.conf"
T="$fg --per-section --state $tmp/sec.db -o $tmp/to"
status_is 0 "sections: the first run" $T "$tmp/sec"
sed -i 's/slug.要闻 = yaowen/slug.要闻 = news/' "$tmp/sec/feed.conf"
status_is 0 "sections: a section renamed, --dry-run" $T --dry-run "$tmp/sec"
contains "$tmp/out" "would be $tmp/to/sections/yaowen/atom.xml: removed (no longer published)" \
	"sections: --dry-run says what would be removed"
[ -f "$tmp/to/sections/yaowen/atom.xml" ] && ok "sections: --dry-run removes nothing" || not_ok "sections: --dry-run removed it"
status_is 0 "sections: a section renamed (its slug)" $T "$tmp/sec"
[ ! -e "$tmp/to/sections/yaowen" ] && ok "sections: the old feed set is removed, its folder with it" ||
	not_ok "sections: $(ls "$tmp/to/sections/yaowen")"
[ -s "$tmp/to/sections/news/atom.xml" ] && ok "sections: the new one is published" || not_ok "sections: no sections/news/"
for f in atom.xml rss.xml feed.json; do
	contains "$tmp/out" "$tmp/to/sections/yaowen/$f: removed (no longer published)" "sections: the run says $f went"
done
grep -n 'sections/news/atom.xml: created\|sections/yaowen/atom.xml: removed' "$tmp/out" | cut -d: -f1 | tr '\n' ' ' >"$tmp/lines"
set -- $(cat "$tmp/lines")
[ $# = 2 ] && [ "$1" -lt "$2" ] && ok "sections: removed after the new feeds are published" || not_ok "sections: order $(cat "$tmp/lines")"
# -q: quiet; a file another wrote in the folder stays, and so does one
# feedgen published but another changed since
sed -i 's/slug.要闻 = news/slug.要闻 = top/' "$tmp/sec/feed.conf"
echo 'not feedgen'"'"'s' >"$tmp/to/sections/news/notes.txt"
printf '\n<!-- edited -->\n' >>"$tmp/to/sections/news/rss.xml"
status_is 0 "sections: renamed again, -q" $T -q "$tmp/sec"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok "sections: -q says nothing" || not_ok "sections: -q said $(cat "$tmp/out" "$tmp/err")"
[ ! -e "$tmp/to/sections/news/atom.xml" ] && [ ! -e "$tmp/to/sections/news/feed.json" ] &&
	ok "sections: the files feedgen left as they were are removed" || not_ok "sections: $(ls "$tmp/to/sections/news")"
[ -f "$tmp/to/sections/news/notes.txt" ] && ok "sections: a file feedgen did not publish stays" || not_ok "sections: notes.txt removed"
[ -f "$tmp/to/sections/news/rss.xml" ] && ok "sections: a feed changed since feedgen published it stays" ||
	not_ok "sections: the changed rss.xml was removed"
sed -i 's/slug.要闻 = top/slug.要闻 = front/' "$tmp/sec/feed.conf"
status_is 0 "sections: a feed changed since, without -q" $T "$tmp/sec"
# (the changed rss.xml was forgotten by the run before: only files the
# state knows are ever removed)
lacks "$tmp/out" "news/rss.xml" "sections: a file the state forgot is never touched again"
[ -f "$tmp/to/sections/front/atom.xml" ] && [ ! -e "$tmp/to/sections/top" ] &&
	ok "sections: renamed once more, the last name's set taken down" || not_ok "sections: $(ls "$tmp/to/sections")"
printf '\nx\n' >>"$tmp/to/sections/front/atom.xml"
status_is 0 "sections: --per-section dropped" $fg --state "$tmp/sec.db" -o "$tmp/to" "$tmp/sec"
contains "$tmp/err" "$tmp/to/sections/front/atom.xml: warning: no longer published, but changed since feedgen published it; left as it is [output-kept]" \
	"sections: a changed feed is left, with a warning"
[ ! -e "$tmp/to/sections/sport" ] && [ ! -e "$tmp/to/sections/top" ] &&
	ok "sections: without --per-section every section's set goes" || not_ok "sections: $(ls "$tmp/to/sections")"
# a run killed after its commit and before the removal: the next run
# removes what is left (the state keeps it until then)
mkdir -p "$tmp/to/sections/old"
printf 'old\n' >"$tmp/to/sections/old/atom.xml"
sqlite3 "$tmp/sec.db" "INSERT OR REPLACE INTO meta(key, value) VALUES ('stale', 'sections/old/atom.xml' || char(9) || '-1' || char(9) || '-1' || char(10))"
status_is 0 "sections: the run after one killed before its removals" $fg --state "$tmp/sec.db" -o "$tmp/to" "$tmp/sec"
[ ! -e "$tmp/to/sections/old" ] && ok "sections: what a killed run left is removed" || not_ok "sections: sections/old/ left"

# ---- WebSub pings that are not lost ----------------------------------------
mkdir -p "$tmp/w/2024-06-01"
printf '# 一\n\n正文。\n' >"$tmp/w/2024-06-01/001_a.txt"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
H="$fg --base-url https://x.cn --hub http://127.0.0.1:$port/ --settle 0 --state $tmp/w.db -o $tmp/wo"
HQ="$fg -q --base-url https://x.cn --hub http://127.0.0.1:$port/ --settle 0 --state $tmp/wq.db -o $tmp/wqo"
status_is 0 "WebSub: the hub is down" $H "$tmp/w"
[ "$(count "$tmp/err" 'websub-ping-failed')" = 1 ] && ok "WebSub: the failure is said once, in one line" ||
	not_ok "WebSub: said $(count "$tmp/err" 'websub-ping-failed') times"
contains "$tmp/err" "tried again on the next runs" "WebSub: ... and that the ping is not lost"
status_is 0 "WebSub: -q, the hub is down" $HQ "$tmp/w"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok "WebSub: -q keeps a first failure quiet" || not_ok "WebSub: -q said $(cat "$tmp/err")"
status_is 0 "WebSub: nothing changed, still down" $H "$tmp/w"
contains "$tmp/out" "nothing changed since the last run" "WebSub: a run with nothing else to do"
lacks "$tmp/err" "websub-ping-failed" "WebSub: ... does not say the failure again"
: >"$tmp/hub.log"
echo 503 >"$tmp/hub.mode"
start_server "$top/tests/clock/hub.py" "$port" "$tmp/hub.log" "$tmp/hub.mode" || finish
status_is 0 "WebSub: the hub is up and does not take it" $H "$tmp/w"
contains "$tmp/hub.log" "503 hub.mode=publish&hub.url=https%3A%2F%2Fx.cn%2Fatom.xml" "WebSub: a run with nothing else to do tries again"
lacks "$tmp/err" "websub-ping-failed" "WebSub: ... and says nothing more of it"
: >"$tmp/hub.log"
echo 204 >"$tmp/hub.mode"
status_is 0 "WebSub: the hub takes it" $H "$tmp/w"
contains "$tmp/out" "nothing changed since the last run" "WebSub: on a run with nothing else changed"
for f in atom.xml rss.xml feed.json corrections%2Fatom.xml; do
	contains "$tmp/hub.log" "204 hub.mode=publish&hub.url=https%3A%2F%2Fx.cn%2F$f" "WebSub: the retry tells the hub of $f"
done
: >"$tmp/hub.log"
status_is 0 "WebSub: and then" $H "$tmp/w"
[ ! -s "$tmp/hub.log" ] && ok "WebSub: a ping the hub took is not sent again" || not_ok "WebSub: pinged again: $(cat "$tmp/hub.log")"
if [ -n "$have_faketime" ]; then
	# -q: a failure that lasts a day is said once
	echo 503 >"$tmp/hub.mode"
	status_is 0 "WebSub: -q, a day later, still not taken" at '+25h' $HQ "$tmp/w"
	contains "$tmp/err" "[websub-ping-failed]" "WebSub: -q says a failure that has lasted a day"
	contains "$tmp/err" "have failed since" "WebSub: ... with since when"
	status_is 0 "WebSub: -q, later still" at '+26h' $HQ "$tmp/w"
	[ ! -s "$tmp/err" ] && ok "WebSub: -q says it once" || not_ok "WebSub: -q said again: $(cat "$tmp/err")"
else
	skip "WebSub: -q and a failure that lasts" "faketime is not installed (sh setup.sh installs it)"
fi

finish
