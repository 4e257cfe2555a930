#!/bin/sh
# feedgen under cron (issue 5): remembered dates, incremental runs, the
# lock, the shrink guard, crash safety, sections, archives and WebSub.
. "$(dirname "$0")/lib.sh"
pids=""
at_exit 'for p in $pids; do kill $p 2>/dev/null; done'

# the runs below change pages and run again at once: no page waits to
# settle (--settle 0; the clock's own tests are in tests/clock.sh)
# a collection of 6 editions, 2 pages each, 2 articles a page
mkcol "$tmp/c" 6
ST=$tmp/st/o.db
FG="$fg --base-url https://x.cn --limit 0 --settle 0 --state $ST -o $tmp/o"

status_is 0 "first run" $FG "$tmp/c"
[ -f "$ST" ] && ok "state kept in --state FILE" || not_ok "no state file"
[ "$(ls -A "$tmp/o")" = "atom.xml
corrections
feed.json
rss.xml" ] && [ "$(ls -A "$tmp/o/corrections" | tr '\n' ' ')" = "atom.xml feed.json rss.xml " ] &&
	ok "OUTDIR holds the feeds (and the corrections feed's) and nothing else" || not_ok "OUTDIR holds more than the feeds: $(ls -A "$tmp/o" | tr '\n' ' ')"
[ "$(count "$tmp/o/atom.xml" '<entry>')" = 24 ] && ok "24 entries" || not_ok "24 entries"
contains "$tmp/o/atom.xml" "<published>2023-05-06T00:00:00+08:00</published>
    <updated>2023-05-06T00:00:00+08:00</updated>" "first sight: updated equals published" 2>/dev/null || true
grep -A1 '<published>2023-05-06T00:00:00+08:00</published>' "$tmp/o/atom.xml" | grep -q '<updated>2023-05-06T00:00:00+08:00</updated>' &&
	ok "first sight: updated equals published" || not_ok "first sight: updated equals published"
cp "$tmp/o/atom.xml" "$tmp/atom1"; cp "$tmp/o/rss.xml" "$tmp/rss1"; cp "$tmp/o/feed.json" "$tmp/json1"

status_is 0 "second run, nothing changed" $FG "$tmp/c"
contains "$tmp/out" "nothing changed since the last run" "unchanged run ends early"

# a fresh state over an unchanged collection gives byte-identical feeds
rm -f "$ST"*
status_is 0 "fresh state" $FG "$tmp/c"
same "$tmp/o/atom.xml" "$tmp/atom1" "fresh state: atom.xml byte-identical"
same "$tmp/o/rss.xml" "$tmp/rss1" "fresh state: rss.xml byte-identical"
same "$tmp/o/feed.json" "$tmp/json1" "fresh state: feed.json byte-identical"

# correct one article's text: only its updated moves, to the run's time
sleep 1
sed -i 's/正文03001。/正文03001，已更正。/' "$tmp/c/2023-05-03/001_ab.txt"
before=$(date +%s)
status_is 0 "run after a correction" $FG "$tmp/c"
after=$(date +%s)
python3 - "$tmp/o/feed.json" "$tmp/json1" "$before" "$after" >"$tmp/tap" <<'PY'
import json, sys, datetime
new = {i["id"]: i for i in json.load(open(sys.argv[1]))["items"]}
old = {i["id"]: i for i in json.load(open(sys.argv[2]))["items"]}
lo, hi = int(sys.argv[3]), int(sys.argv[4])
changed = [k for k in new if new[k]["date_modified"] != old[k]["date_modified"]]
print("ok" if len(changed) == 1 else "not ok", "- exactly one entry's updated changed (%s)" % changed)
k = changed[0] if changed else None
if k:
    i = new[k]
    print("ok" if "已更正" in i["content_html"] else "not ok", "- the changed entry is the corrected one")
    print("ok" if i["date_published"] == old[k]["date_published"] else "not ok", "- published stays pinned")
    d = datetime.datetime.fromisoformat(i["date_modified"])
    print("ok" if d.utcoffset().total_seconds() == 8 * 3600 else "not ok", "- updated in the configured zone")
    print("ok" if lo <= d.timestamp() <= hi + 1 else "not ok", "- updated is the run's time, to the second")
    print("ok" if d.microsecond == 0 else "not ok", "- no fractions of a second")
print("ok" if all(new[x]["date_published"] == old[x]["date_published"] for x in new) else "not ok", "- no published date moved")
PY
while read -r l; do case $l in "ok "*) ok "${l#ok - }" ;; *) not_ok "${l#not ok - }" ;; esac; done <"$tmp/tap"
contains "$tmp/o/atom.xml" "已更正" "corrected text published"

# a removed article drops out
sed -i '/^# 第02日002版二条/,$d' "$tmp/c/2023-05-02/002_ab.txt"
status_is 0 "run after removing an article" $FG "$tmp/c"
[ "$(count "$tmp/o/atom.xml" '<entry>')" = 23 ] && ok "removed article drops out" || not_ok "removed article still there"
lacks "$tmp/o/atom.xml" "第02日002版二条" "its title is gone"

# incremental: a page whose size and mtime match is not read again
f="$tmp/c/2023-05-01/001_ab.txt"
t=$(stat -c %y "$f")
sed -i 's/正文01001。/正文XXXXX。/' "$f"      # same size
touch -d "$t" "$f"
size_ok=$(wc -c <"$f")
status_is 0 "run with an untouched-looking page" $FG "$tmp/c"
lacks "$tmp/o/atom.xml" "正文XXXX" "page with unchanged size and mtime is not decoded again"
touch "$f"
status_is 0 "run after touching it" $FG "$tmp/c"
contains "$tmp/o/atom.xml" "正文XXXX" "a touched page is read again"

# a corrupt state is rebuilt with a warning, never a crash: its schema
# page overwritten, SQLite's header (feedgen's application id) kept; a
# file that is not a feedgen state at all is left alone
# (tests/feedgen_trust.sh)
printf 'this is not a database' | dd of="$ST" bs=1 seek=100 conv=notrunc 2>/dev/null
rm -f "$ST-journal"
status_is 0 "corrupt state" $FG "$tmp/c"
contains "$tmp/err" "[state-rebuilt]" "corrupt state rebuilt with a warning"
[ -f "$ST.corrupt" ] && ok "corrupt state kept aside" || not_ok "corrupt state not kept"
status_is 0 "--state elsewhere" $FG --state "$tmp/elsewhere.db" "$tmp/c"
[ -f "$tmp/elsewhere.db" ] && ok "--state FILE used" || not_ok "--state FILE not created"

# the lock: a second run exits 75 at once, or waits with --wait
( flock -x 9; echo "$$" >&9; sleep 3 ) 9>"$ST.lock" &
holder=$!; pids="$pids $holder"
sleep 0.5
status_is 75 "locked output" $FG "$tmp/c"
contains "$tmp/err" "feedgen: error: '$tmp/o' is locked by pid" "lock message names the holder"
contains "$tmp/err" "; try again later [state-locked]" "... in the one form, with its rule"
status_is 0 "--wait outlasts the holder" $FG --wait 10 "$tmp/c"
wait $holder 2>/dev/null

# the shrink guard
cp -r "$tmp/c" "$tmp/half"
rm -rf "$tmp/half/2023-05-0"[2-6]
cp "$tmp/o/atom.xml" "$tmp/atom-before"
status_is 4 "feed would shrink to a sixth" $FG "$tmp/half"
contains "$tmp/err" "[shrink-guard]" "shrink guard says why"
same "$tmp/o/atom.xml" "$tmp/atom-before" "previous feed stays in place"
status_is 3 "missing collection (unmounted share): nothing read, nothing written" $FG "$tmp/nothing-here"
mkdir -p "$tmp/emptycol"
status_is 1 "collection with no pages" $FG "$tmp/emptycol"
contains "$tmp/err" "[no-articles]" "no pages: says there are no articles"
same "$tmp/o/atom.xml" "$tmp/atom-before" "previous feed still in place"
status_is 0 "--allow-shrink" $FG --allow-shrink "$tmp/half"
[ "$(count "$tmp/o/atom.xml" '<entry>')" = 4 ] && ok "--allow-shrink publishes the smaller feed" || not_ok "--allow-shrink"
status_is 0 "growing back" $FG "$tmp/c"

# the self-check: a feed that breaks feedcheck's rules is not published
cp "$tmp/o/atom.xml" "$tmp/atom-before"
status_is 4 "self-check failure (a link template making invalid URIs)" \
	$FG --link-template '{base}/{date} {pos}.html' "$tmp/c"
contains "$tmp/err" "$tmp/o/atom.xml:" "self-check errors name the new file"
contains "$tmp/err" "[invalid-uri]" "self-check errors carry feedcheck's rule id"
check "JSON findings carry a line, a column and their JSON Pointer" grep -q "feed.json:[0-9]*:[0-9]*: error: .* (at /items/0/url) \\[invalid-uri\\]" "$tmp/err"
same "$tmp/o/atom.xml" "$tmp/atom-before" "previous feed stays in place after a failed self-check"

# crash safety: kill -9 at many points; every file is wholly old or wholly new
big="$tmp/big"
python3 - "$big" <<'PY'
import os, sys
root = sys.argv[1]
para = "第{0}段正文，内容充实，记者深入一线采访，记录城市发展的点点滴滴。\n\n"
for d in range(1, 61):
    ed = os.path.join(root, "2023-%02d-%02d" % (1 + (d - 1) // 28, 1 + (d - 1) % 28))
    os.makedirs(ed, exist_ok=True)
    for p in range(1, 9):
        with open(os.path.join(ed, "%03d_cd.txt" % p), "w", encoding="utf-8") as f:
            for a in range(2):
                f.write("# %d-%d-%d 标题\n\n" % (d, p, a))
                f.write("".join(para.format(i) for i in range(30)))
PY
$fg --base-url https://x.cn --limit 0 -q -o "$tmp/k" "$big"
cp "$tmp/k/atom.xml" "$tmp/k-old.atom"; cp "$tmp/k/rss.xml" "$tmp/k-old.rss"; cp "$tmp/k/feed.json" "$tmp/k-old.json"
find "$big" -name '001_cd.txt' -exec sed -i 's/内容充实/内容更新/' {} +
$fg --base-url https://x.cn --limit 0 -q -o "$tmp/knew" "$big"
cat >"$tmp/whole.py" <<'PY'
# whole.py FILE OLD NEW: is FILE exactly OLD, or NEW up to the run-time dates?
import re, sys
def norm(b):
    b = re.sub(rb"<updated>[^<]*</updated>", b"", b)
    b = re.sub(rb"<lastBuildDate>[^<]*</lastBuildDate>", b"", b)
    return re.sub(rb'"date_modified":"[^"]*"', b"", b)
f, old, new = (open(p, "rb").read() for p in sys.argv[1:4])
sys.exit(0 if f == old or norm(f) == norm(new) else 1)
PY
# how long a full run takes here, so the kills can be spread over it
rm -rf "$tmp/kt"; mkdir -p "$tmp/kt"
cp "$tmp/k-old.atom" "$tmp/kt/atom.xml"
t0=$(date +%s%N)
$fg --base-url https://x.cn --limit 0 -q --allow-shrink -o "$tmp/kt" "$big" >/dev/null 2>&1
t1=$(date +%s%N)
span=$(( (t1 - t0) / 1000000 ))     # milliseconds
bad=0 i=0 killed=0 litter=0
while [ $i -lt 20 ]; do
	$fg --base-url https://x.cn --limit 0 -q --state "$tmp/kst/k.db" -o "$tmp/k" "$big" >/dev/null 2>&1 &
	p=$!
	ms=$(( span * (i + 1) / 22 ))
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
	kill -9 $p 2>/dev/null && killed=$((killed + 1))
	wait $p 2>/dev/null
	for f in atom.xml:atom rss.xml:rss feed.json:json; do
		name=${f%%:*} ext=${f##*:}
		python3 "$tmp/whole.py" "$tmp/k/$name" "$tmp/k-old.$ext" "$tmp/knew/$name" || bad=$((bad + 1))
	done
	# the new files have no name until renamed into place: nothing else
	# is left in OUTDIR, wherever the run died (the corrections feed's
	# folder, made for its files, holds those of them renamed in place)
	[ "$(ls -A "$tmp/k" | grep -v '^corrections$' | tr '\n' ' ')" = "atom.xml feed.json rss.xml " ] &&
		[ -z "$(ls -A "$tmp/k/corrections" 2>/dev/null | grep -v -e '^atom.xml$' -e '^rss.xml$' -e '^feed.json$')" ] ||
		litter=$((litter + 1))
	# put the state back to "old" now and then, so that later kills land
	# in runs that really have something to write
	if :; then
		rm -rf "$tmp/k" "$tmp/kst"; mkdir -p "$tmp/k"
		cp "$tmp/k-old.atom" "$tmp/k/atom.xml"; cp "$tmp/k-old.rss" "$tmp/k/rss.xml"; cp "$tmp/k-old.json" "$tmp/k/feed.json"
	fi
	i=$((i + 1))
done
[ "$killed" -ge 5 ] && ok "kill -9 landed in $killed of 20 runs (a run takes ${span} ms)" || not_ok "kill -9 landed in only $killed runs (a run takes ${span} ms)"
[ "$bad" -eq 0 ] && ok "kill -9 at 20 points: every file whole (old or new)" || not_ok "kill -9: $bad broken files"
[ "$litter" -eq 0 ] && ok "kill -9 at 20 points: OUTDIR holds the feeds and nothing else" || not_ok "kill -9: $litter runs left files beside the feeds"
ls -A "$tmp/k" | grep -q 'tmp' && stale=1 || stale=0
status_is 0 "run after the kills" $fg --base-url https://x.cn --limit 0 --state "$tmp/kst/k.db" -o "$tmp/k" "$big"
ls -A "$tmp/k" | grep -q '\.tmp' && not_ok "temporary files left after a clean run" || ok "no temporary files left after a clean run"
contains "$tmp/k/atom.xml" "内容更新" "the run after the kills publishes the new text"

# per-section feeds, with Chinese names and the page mapping
mkdir -p "$tmp/sec/2023-06-01"
printf -- '---\ntitle: 评论一\nsection: 评论\n---\n正文。\n' >"$tmp/sec/2023-06-01/003_aa.txt"
printf '# 要闻一\n正文。\n\n# 要闻二\n正文。\n' >"$tmp/sec/2023-06-01/001_bb.txt"
printf '# 体育一\n正文。\n' >"$tmp/sec/2023-06-01/002_cc.txt"
printf 'base-url = https://x.cn/e\nsection.001 = 要闻\nsection.002 = Sports\nslug.要闻 = yaowen\n' >"$tmp/sec/feed.conf"
status_is 0 "--per-section" $fg --per-section -o "$tmp/so" "$tmp/sec"
[ -f "$tmp/so/sections/yaowen/atom.xml" ] && ok "slug from the config" || not_ok "slug from the config"
[ -f "$tmp/so/sections/sports/rss.xml" ] && ok "ASCII section name lower-cased" || not_ok "ASCII section"
[ -f "$tmp/so/sections/e8af84e8aeba/feed.json" ] && ok "Chinese name as hex of its UTF-8 bytes" || not_ok "hex section name: $(ls "$tmp/so/sections")"
[ "$(count "$tmp/so/sections/yaowen/atom.xml" '<entry>')" = 2 ] && ok "section feed holds its entries" || not_ok "section entries"
contains "$tmp/so/sections/yaowen/atom.xml" 'href="https://x.cn/e/sections/yaowen/atom.xml"' "section feed's self link"
contains "$tmp/so/atom.xml" '<category term="Sports"/>' "page mapping gives a category"
for f in "$tmp"/so/sections/*/atom.xml "$tmp"/so/sections/*/rss.xml; do
	xmllint --noout "$f" 2>/dev/null || not_ok "$f not well-formed"
done

# archives (RFC 5005)
status_is 0 "--archive --limit 5" $fg --base-url https://x.cn --archive --limit 5 -o "$tmp/ar" "$tmp/c"
# 23 entries: archives 1..3 of 5 (the oldest 15), the current feed the newest 8
[ "$(count "$tmp/ar/atom.xml" '<entry>')" = 8 ] && ok "current feed: newest 8" || not_ok "current feed holds $(count "$tmp/ar/atom.xml" '<entry>')"
[ -f "$tmp/ar/archive/atom-3.xml" ] && [ ! -f "$tmp/ar/archive/atom-4.xml" ] && ok "three archive documents" || not_ok "archive documents: $(ls "$tmp/ar/archive")"
contains "$tmp/ar/archive/atom-2.xml" "<fh:archive/>" "archive marked fh:archive"
contains "$tmp/ar/archive/atom-2.xml" 'rel="prev-archive" type="application/atom+xml" href="https://x.cn/archive/atom-1.xml"' "prev-archive link"
contains "$tmp/ar/archive/atom-2.xml" 'rel="next-archive" type="application/atom+xml" href="https://x.cn/archive/atom-3.xml"' "next-archive link"
contains "$tmp/ar/archive/rss-2.xml" 'rel="current" type="application/rss+xml"' "RSS archive links the current feed"
contains "$tmp/ar/atom.xml" 'rel="prev-archive" type="application/atom+xml" href="https://x.cn/archive/atom-3.xml"' "current feed links the newest archive"
touch -d 2001-01-01 "$tmp/ar/archive/atom-1.xml"
mkdir -p "$tmp/c/2023-05-07"; printf '# 新文章\n正文。\n' >"$tmp/c/2023-05-07/001_ee.txt"
status_is 0 "a new article with archives" $fg --base-url https://x.cn --archive --limit 5 --settle 0 -o "$tmp/ar" "$tmp/c"
[ "$(date -r "$tmp/ar/archive/atom-1.xml" +%Y)" = 2001 ] && ok "unchanged archive document not rewritten" || not_ok "archive rewritten"
for f in "$tmp"/ar/archive/*.xml; do xmllint --noout "$f" 2>/dev/null || not_ok "$f not well-formed"; done

# WebSub: hub link, and a ping after a change, against a local hub
cat >"$tmp/hub.py" <<'PY'
import http.server, sys, threading
log = open(sys.argv[1], "a")
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        log.write(body + "\n"); log.flush()
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[2], "w").write(str(s.server_address[1]))
threading.Timer(60, s.shutdown).start()
s.serve_forever()
PY
python3 "$tmp/hub.py" "$tmp/hub.log" "$tmp/hub.port" &
pids="$pids $!"
i=0; while [ ! -s "$tmp/hub.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
hub="http://127.0.0.1:$(cat "$tmp/hub.port")/"
status_is 0 "--hub" $fg --base-url https://x.cn --hub "$hub" -o "$tmp/ws" "$tmp/sec"
contains "$tmp/ws/atom.xml" "<link rel=\"hub\" href=\"$hub\"/>" "Atom hub link"
contains "$tmp/ws/rss.xml" "<atom:link href=\"$hub\" rel=\"hub\"/>" "RSS hub link"
contains "$tmp/hub.log" "hub.mode=publish&hub.url=https%3A%2F%2Fx.cn%2Fatom.xml" "hub pinged for atom.xml"
: >"$tmp/hub.log"
status_is 0 "--hub, nothing changed" $fg --base-url https://x.cn --hub "$hub" -o "$tmp/ws" "$tmp/sec"
[ ! -s "$tmp/hub.log" ] && ok "no ping when nothing changed" || not_ok "pinged without a change"
printf '# 新\n正文。\n' >"$tmp/sec/2023-06-01/004_dd.txt"
status_is 0 "--hub with a dead hub" $fg --base-url https://x.cn --settle 0 --hub http://127.0.0.1:9/ -o "$tmp/ws" "$tmp/sec"
contains "$tmp/err" "[websub-ping-failed]" "failed ping is a warning"

# two pages give an article the same id: an error naming both, the later
# one is left out and the rest published, and so on every run until mended
mkdir -p "$tmp/dup/a/2024-01-01" "$tmp/dup/b/2024-01-01"
printf '# A\n\nbody a\n' >"$tmp/dup/a/2024-01-01/001_x.txt"
printf '# B\n\nbody b\n' >"$tmp/dup/b/2024-01-01/001_x.txt"
printf '# C\n\nbody c\n' >"$tmp/dup/b/2024-01-01/002_y.txt"
# dup_run WHAT OUT DIR LEFT KEPT: a run over DIR/a and DIR/b exits 1, says
# that LEFT's article (001_x.txt) has the id of KEPT's and is left out
dup_run() {
	status_is 1 "$1" $fg -q --base-url https://x.cn --settle 0 -o "$2" "$3/a" "$3/b"
	contains "$tmp/err" "$3/$4/2024-01-01/001_x.txt:1: error: the article's id 'tag:x.cn,2024-01-01:001_x/1' is that of the article at $3/$5/2024-01-01/001_x.txt:1; this one is left out [duplicate-id]" "$1: the duplicate is named with both places"
	contains "$2/atom.xml" "body $5" "$1: $5's article is published"
	lacks "$2/atom.xml" "body $4" "$1: $4's is left out"
}
for i in 1 2; do
	dup_run "same id on two pages, run $i" "$tmp/dupo" "$tmp/dup" b a
	contains "$tmp/dupo/atom.xml" "body c" "run $i: the page's other articles are published"
done
rm "$tmp/dup/b/2024-01-01/001_x.txt"
status_is 0 "mended" $fg -q --base-url https://x.cn --settle 0 -o "$tmp/dupo" "$tmp/dup/a" "$tmp/dup/b"
# a changed page does not take the id of an unchanged page that comes
# after it: the newcomer is the duplicate, run after run
mkdir -p "$tmp/dupt/a/2024-01-01" "$tmp/dupt/b/2024-01-01"
printf '# B\n\nbody b\n' >"$tmp/dupt/b/2024-01-01/001_x.txt"
status_is 0 "one page" $fg -q --base-url https://x.cn -o "$tmp/duto" "$tmp/dupt/a" "$tmp/dupt/b"
printf '# A\n\nbody a\n' >"$tmp/dupt/a/2024-01-01/001_x.txt"
for i in 1 2; do
	dup_run "a new page with the id of an unchanged one, run $i" "$tmp/duto" "$tmp/dupt" a b
done
# a folder given twice, or inside another given one: its pages are read once
status_is 0 "a collection given twice" $fg -q --base-url https://x.cn -o "$tmp/twice" "$tmp/dupt/b" "$tmp/dupt/b/" "$tmp/dupt/b/2024-01-01"
check_quiet "its page is published once" test "$(count "$tmp/twice/atom.xml" '<entry>')" = 1

# an article's text is read back from the state: a run that re-reads one
# page gives the same feeds as a fresh state over the same collection
mkdir -p "$tmp/lz"
cp -R "$top/samples/." "$tmp/lz/"
$fg -q -o "$tmp/lzo" "$tmp/lz" 2>/dev/null
f=$(find "$tmp/lz" -name '*.txt' | sort | head -n 1)
printf '\n追加的一段。\n' >>"$f"
status_is 0 "one page changed, the rest from the state" $fg -q --settle 0 -o "$tmp/lzo" "$tmp/lz"
$fg -q -o "$tmp/lzf" "$tmp/lz" 2>/dev/null
for x in atom.xml rss.xml feed.json; do
	# the changed article's updated time is this run's; compare the rest
	sed -e 's/<updated>[^<]*</<updated></g' -e 's/<lastBuildDate>[^<]*</<lastBuildDate></' \
		-e 's/"date_modified": *"[^"]*"//g' "$tmp/lzo/$x" >"$tmp/lz1"
	sed -e 's/<updated>[^<]*</<updated></g' -e 's/<lastBuildDate>[^<]*</<lastBuildDate></' \
		-e 's/"date_modified": *"[^"]*"//g' "$tmp/lzf/$x" >"$tmp/lz2"
	same "$tmp/lz1" "$tmp/lz2" "$x: bodies read back from the state are the ones a fresh run writes"
done
contains "$tmp/lzo/atom.xml" "追加的一段" "the changed page's new text is published"

# --archive with many archive documents: every new file is open until it
# is published; a low soft limit on open files is raised to the hard one
mkdir -p "$tmp/nf"
for d in 01 02 03 04 05 06 07 08 09 10 11 12; do
	mkdir -p "$tmp/nf/2024-01-$d"
	for k in 1 2 3 4 5 6 7 8 9; do
		printf '# T %s %s\n\nbody %s %s\n' "$d" "$k" "$d" "$k" >"$tmp/nf/2024-01-$d/00${k}_x.txt"
	done
done
# (not under valgrind, which keeps the limit on open files to itself)
if [ -n "${FEEDTOOLS_VALGRIND:-}" ]; then
	skip "archives with a low limit on open files" "not under valgrind, which keeps the limit on open files to itself"
elif (ulimit -S -n 40) 2>/dev/null; then
	(ulimit -S -n 40; $fg -q --base-url https://x.cn --archive --limit 2 -o "$tmp/nfo" "$tmp/nf") >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq 0 ]; then ok "108 articles in archives of 2 with a soft limit of 40 open files"
	else not_ok "archives with a soft limit of 40 open files: exit $st"; sed 's/^/#   /' "$tmp/err" | head -3; fi
	check_quiet "all 53 archive documents of each format (106 articles past the newest 2)" test "$(ls "$tmp/nfo/archive" | wc -l)" = 106
fi

finish
