#!/bin/sh
# tests/newsroom.sh - the settings a newsroom expects, each read by a real
# consumer (Debian's feedparser, and feedcheck for validity):
# --content summary (no content element in any format), --icon, --logo
# and --rights (Atom icon/logo/rights, RSS <image>/<copyright>, JSON
# icon/favicon/_feedgen.rights), --exclude by page and by section,
# --max-bytes (the oldest entries left out with a notice; an entry alone
# over it an error naming it), --today (the latest published edition,
# whole, in printed order), and feed.conf keys for each.
. "$(dirname "$0")/lib.sh"

need_program "$fg"
need_program "$fc"

py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import feedparser' 2>/dev/null; then py=$p; break; fi
done

base=https://news.example.com/epaper
c=$tmp/c
mkdir -p "$c/2024-05-01" "$c/2024-05-02" "$c/2099-01-01"
art() { printf '# %s\n\n%s的正文，说了一些事情。\n\n' "$1" "$1"; }
{ art 五一头条; art 五一二条; } >"$c/2024-05-01/001_00000000000000a1.txt"
art 五一广告 >"$c/2024-05-01/002_00000000000000a2.txt"
# the latest published edition: page 2 is written first, page 1 has two
{ art 今日二版一; art 今日二版二; } >"$c/2024-05-02/002_00000000000000b2.txt"
{ art 今日一版一; art 今日一版二; } >"$c/2024-05-02/001_00000000000000b1.txt"
art 今日三版 >"$c/2024-05-02/003_00000000000000b3.txt"
# an edition whose publish time has not come: in no feed yet
art 未来头条 >"$c/2099-01-01/001_00000000000000c1.txt"
gen() { "$fg" --base-url "$base" --settle 0 "$@"; }
jqt() { jq -e "$@" >/dev/null; }

# --- --content summary -------------------------------------------------------
status_is 0 "--content summary" gen --content summary -o "$tmp/s" "$c"
for f in atom.xml rss.xml feed.json; do
	status_is 0 "feedcheck: summary-only $f" "$fc" "$tmp/s/$f"
	lacks "$tmp/out" "warning:" "feedcheck: no warning in the summary-only $f"
done
lacks "$tmp/s/atom.xml" "<content" "Atom: no content element"
lacks "$tmp/s/rss.xml" "content:encoded>" "RSS: no content:encoded"
lacks "$tmp/s/feed.json" '"content_html"' "JSON Feed: no content_html"
check "JSON Feed: every item has content_text, the summary (JSON Feed 1.1)" \
	jqt '[.items[] | .content_text == .summary] | all and length > 0' "$tmp/s/feed.json"
if [ -n "$py" ]; then
	"$py" -c 'import sys, feedparser
for f in sys.argv[1:]:
    d = feedparser.parse(f)
    assert not d.bozo and d.entries, f
    for e in d.entries:
        assert "content" not in e, (f, e.title)
        assert e.summary.startswith(e.title), (f, e.summary)' "$tmp/s/atom.xml" "$tmp/s/rss.xml" 2>"$tmp/perr"
	check "feedparser: summaries and no content in Atom and RSS" test $? -eq 0
else
	skip "feedparser reads the summary-only feeds" "python3-feedparser is not installed"
fi
status_is 2 "--content with another word" gen --content some -o "$tmp/x" "$c"
contains "$tmp/err" "invalid --content 'some'" "... is a usage error"

# --- --icon, --logo, --rights ------------------------------------------------
icon=https://news.example.com/icon-512.png
logo=https://news.example.com/logo.png
rights='© 2024 山城日报社'
status_is 0 "--icon, --logo, --rights" gen --icon "$icon" --logo "$logo" --rights "$rights" -o "$tmp/i" "$c"
for f in atom.xml rss.xml feed.json; do
	status_is 0 "feedcheck: $f with icon, logo, rights" "$fc" "$tmp/i/$f"
	lacks "$tmp/out" "warning:" "feedcheck: no warning in $f with icon, logo, rights"
done
if [ -n "$py" ]; then
	"$py" -c 'import sys, feedparser
atom, rss, icon, logo, rights = sys.argv[1:]
a = feedparser.parse(atom).feed
assert a.get("icon") == icon and a.get("logo") == logo and a.get("rights") == rights, a
r = feedparser.parse(rss).feed
assert r.get("image", {}).get("href") == logo and r.get("rights") == rights, r
assert r.image.get("title") and r.image.get("link") == "https://news.example.com/epaper/", r.image' \
		"$tmp/i/atom.xml" "$tmp/i/rss.xml" "$icon" "$logo" "$rights" 2>"$tmp/perr"
	check "feedparser: Atom icon, logo, rights; RSS image and copyright" test $? -eq 0
	[ -s "$tmp/perr" ] && sed 's/^/#   /' "$tmp/perr" | tail -3
fi
check "JSON Feed: icon and favicon, _feedgen.rights" \
	jqt --arg i "$icon" --arg r "$rights" '.icon == $i and .favicon == $i and ._feedgen.rights == $r' "$tmp/i/feed.json"
status_is 0 "--icon alone: RSS <image> is the icon" gen --icon "$icon" -o "$tmp/i2" "$c"
contains "$tmp/i2/rss.xml" "<url>$icon</url>" "... its url"
status_is 2 "--logo that is not http(s)" gen --logo 'javascript:alert(1)' -o "$tmp/x" "$c"
contains "$tmp/err" "invalid --logo" "... is a usage error"

# --- feed.conf keys ------------------------------------------------------------
cp -R "$c" "$tmp/cc"
printf '%s\n' "base-url = $base" 'content = summary' "icon = $icon" "rights = $rights" \
	'exclude = 002_*.txt' 'today = yes' >"$tmp/cc/feed.conf"
status_is 0 "the settings from feed.conf" "$fg" --settle 0 -o "$tmp/k" "$tmp/cc"
lacks "$tmp/k/atom.xml" "<content" "feed.conf content = summary"
contains "$tmp/k/atom.xml" "<icon>$icon</icon>" "feed.conf icon"
contains "$tmp/k/rss.xml" "<copyright>$rights</copyright>" "feed.conf rights"
lacks "$tmp/k/atom.xml" "五一广告" "feed.conf exclude"
check "feed.conf today" test -s "$tmp/k/today/atom.xml"

# --- --exclude ---------------------------------------------------------------
status_is 0 "--exclude a page by its file name" gen --exclude '002_*.txt' -o "$tmp/e" "$c"
lacks "$tmp/e/atom.xml" "五一广告" "the page left out is in no feed"
lacks "$tmp/e/atom.xml" "今日二版一" "... on every edition"
contains "$tmp/e/atom.xml" "今日三版" "the other pages are there"
cp -R "$c" "$tmp/cs"
printf '%s\n' "base-url = $base" 'section.002 = 广告' 'section.001 = 要闻' >"$tmp/cs/feed.conf"
status_is 0 "--exclude a section" "$fg" --settle 0 --per-section --exclude 广告 -o "$tmp/es" "$tmp/cs"
lacks "$tmp/es/atom.xml" "五一广告" "the section left out is in no feed"
contains "$tmp/es/atom.xml" "五一头条" "... the other sections are"
check "no feed for the section left out" test ! -e "$tmp/es/sections/e5b9bfe5918a/atom.xml"
# the same state, the exclusion lifted: the pages come back
status_is 0 "--exclude lifted" "$fg" --settle 0 --per-section -o "$tmp/es" "$tmp/cs"
contains "$tmp/es/atom.xml" "五一广告" "... the section's articles come back"

# --- --max-bytes --------------------------------------------------------------
status_is 0 "a feed for --max-bytes" gen -o "$tmp/m" "$c"
full=$(grep -c '<entry>' "$tmp/m/atom.xml")
status_is 0 "--max-bytes smaller than the feed" gen --allow-shrink --max-bytes 4K -o "$tmp/m" "$c"
for f in atom.xml rss.xml feed.json; do
	sz=$(wc -c <"$tmp/m/$f" | tr -d ' ')
	check "$f is within --max-bytes ($sz <= 4096)" test "$sz" -le 4096
	contains "$tmp/err" "$tmp/m/$f: info: its " "$f: a notice that the oldest entries were left out [feed-trimmed]"
done
kept=$(grep -c '<entry>' "$tmp/m/atom.xml")
check "the oldest entries went ($kept of $full kept)" test "$kept" -lt "$full" -a "$kept" -gt 0
check "the newest entry stayed" grep -q '今日' "$tmp/m/atom.xml"
status_is 0 "feedcheck: the trimmed Atom feed" "$fc" "$tmp/m/atom.xml"
# one entry alone over the budget
big=$tmp/cb
mkdir -p "$big/2024-05-01"
{ printf '# 长文\n\n'; i=0; while [ $i -lt 400 ]; do printf '很长的一段话，'; i=$((i + 1)); done; printf '\n'; } \
	>"$big/2024-05-01/001_00000000000000d1.txt"
status_is 4 "an entry alone over --max-bytes: not published" gen --no-embargo --max-bytes 4K -o "$tmp/mb" "$big"
contains "$tmp/err" "error: the entry 'tag:news.example.com,2024-05-01:001_00000000000000d1/1' alone is larger than --max-bytes (4096 bytes); not published [entry-too-large]" \
	"... an error naming the entry"
check "... and no feed file" test ! -e "$tmp/mb/atom.xml"
status_is 2 "--max-bytes below 4K" gen --max-bytes 100 -o "$tmp/x" "$c"

# --- --today -----------------------------------------------------------------
status_is 0 "--today" gen --today -o "$tmp/t" "$c"
for f in atom.xml rss.xml feed.json; do
	status_is 0 "feedcheck: today/$f" "$fc" "$tmp/t/today/$f"
done
check "today/: the latest published edition, whole, in printed order (page, then article)" \
	test "$(jq -r '[.items[].title] | join(",")' "$tmp/t/today/feed.json")" = "今日一版一,今日一版二,今日二版一,今日二版二,今日三版"
if [ -n "$py" ]; then
	got=$("$py" -c 'import sys, feedparser; print(",".join(e.title for e in feedparser.parse(sys.argv[1]).entries))' "$tmp/t/today/atom.xml")
	check "feedparser: today/atom.xml in printed order ($got)" test "$got" = "今日一版一,今日一版二,今日二版一,今日二版二,今日三版"
fi
lacks "$tmp/t/today/atom.xml" "未来头条" "an edition before its publish time is not today's paper"
lacks "$tmp/t/today/atom.xml" "五一头条" "nor an older one"
status_is 0 "--today with --limit 2: today's paper stays whole" gen --today --limit 2 -o "$tmp/t2" "$c"
check "... all five of its articles" test "$(grep -c '<entry>' "$tmp/t2/today/atom.xml")" = 5

finish
