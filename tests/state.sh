#!/bin/sh
# feedgen's state over a newsroom's archive (issue 11): where the state
# lives by default (never inside OUTDIR), the move of an old state out of
# OUTDIR with every date kept (also from version 1), OUTDIR holding only
# feeds, what -q keeps quiet, a change outside the window, the dry run.
. "$(dirname "$0")/lib.sh"
need_program "$fg"

# a small collection (lib.sh's mkcol): 3 editions, 2 pages each, 2
# articles a page
mkcol "$tmp/c"
# the feeds, and the corrections feed's in their folder
only_feeds() {
	[ "$(ls -A "$1" | tr '\n' ' ')" = "atom.xml corrections feed.json rss.xml " ] &&
		[ "$(ls -A "$1/corrections" | tr '\n' ' ')" = "atom.xml feed.json rss.xml " ]
}

# ---- the default state: outside OUTDIR, one per absolute output folder ----

status_is 0 "STATE_DIRECTORY: first run" "$fg" --base-url https://x.cn -o "$tmp/o1" "$tmp/c"
only_feeds "$tmp/o1" && ok "OUTDIR holds the feeds and nothing else" ||
	not_ok "OUTDIR holds more than the feeds: $(ls -A "$tmp/o1" | tr '\n' ' ')"
n1=$(ls "$STATE_DIRECTORY" | grep -c '\.db$')
[ "$n1" = 1 ] && ok "the state is in STATE_DIRECTORY" || not_ok "states in STATE_DIRECTORY: $n1"
ls "$STATE_DIRECTORY" | grep -q "o1-[0-9a-f]\{8\}\.db\$" && ok "the state is named for the output folder" ||
	not_ok "state name: $(ls "$STATE_DIRECTORY")"
ls "$STATE_DIRECTORY" | grep -q '\.db\.lock$' && ok "the lock is beside the state" || not_ok "no lock beside the state"
[ "$(stat -c %a "$STATE_DIRECTORY")" = 700 ] && ok "the state's folder is the owner's only" ||
	not_ok "state folder mode $(stat -c %a "$STATE_DIRECTORY")"
status_is 0 "a second output folder" "$fg" --base-url https://x.cn -o "$tmp/o2" "$tmp/c"
[ "$(ls "$STATE_DIRECTORY" | grep -c '\.db$')" = 2 ] && ok "one state per output folder" ||
	not_ok "states: $(ls "$STATE_DIRECTORY" | tr '\n' ' ')"
status_is 0 "the same folder by another path" "$fg" --base-url https://x.cn -o "$tmp/./o1/" "$tmp/c"
[ "$(ls "$STATE_DIRECTORY" | grep -c '\.db$')" = 2 ] && ok "the state is the absolute folder's" ||
	not_ok "states: $(ls "$STATE_DIRECTORY" | tr '\n' ' ')"
contains "$tmp/out" "nothing changed since the last run" "the same folder's state is found again"

# without STATE_DIRECTORY: $XDG_STATE_HOME/feedgen, else ~/.local/state/feedgen
status_is 0 "XDG_STATE_HOME" env -u STATE_DIRECTORY XDG_STATE_HOME="$tmp/xdg" HOME="$tmp/home" \
	"$fg" --base-url https://x.cn -o "$tmp/o3" "$tmp/c"
ls "$tmp/xdg/feedgen" 2>/dev/null | grep -q '\.db$' && ok "the state is in \$XDG_STATE_HOME/feedgen" ||
	not_ok "no state in \$XDG_STATE_HOME/feedgen"
status_is 0 "HOME" env -u STATE_DIRECTORY -u XDG_STATE_HOME HOME="$tmp/home" \
	"$fg" --base-url https://x.cn -o "$tmp/o4" "$tmp/c"
ls "$tmp/home/.local/state/feedgen" 2>/dev/null | grep -q '\.db$' && ok "the state is in ~/.local/state/feedgen" ||
	not_ok "no state in ~/.local/state/feedgen"
# a service user whose home is the web root (www-data: /var/www)
if [ -d /var/lib/feedgen ]; then
	skip "a home inside OUTDIR is never used" "/var/lib/feedgen exists on this machine"
else
	status_is 2 "a home inside OUTDIR" env -u STATE_DIRECTORY -u XDG_STATE_HOME HOME="$tmp/www" \
		"$fg" --base-url https://x.cn -o "$tmp/www" "$tmp/c"
	contains "$tmp/err" "[state-location]" "a home inside OUTDIR: says to give --state"
	[ ! -e "$tmp/www/.local" ] && ok "a home inside OUTDIR: no state made there" || not_ok "a state was made inside OUTDIR"
fi
status_is 0 "a home inside OUTDIR, XDG_STATE_HOME outside" env -u STATE_DIRECTORY XDG_STATE_HOME="$tmp/xdg2" HOME="$tmp/www2" \
	"$fg" --base-url https://x.cn -o "$tmp/www2" "$tmp/c"
[ ! -e "$tmp/www2/.local" ] && ls "$tmp/xdg2/feedgen" | grep -q '\.db$' &&
	ok "the state goes to the first folder outside OUTDIR" || not_ok "state placed inside OUTDIR"

# --state still overrides; inside OUTDIR it is used, with a warning
status_is 0 "--state inside OUTDIR" "$fg" --base-url https://x.cn --state "$tmp/o5/.feedgen.db" -o "$tmp/o5" "$tmp/c"
contains "$tmp/err" "[state-in-outdir]" "--state inside OUTDIR: a warning"

# ---- an old state in OUTDIR moves out, every date kept ----

# a corrected article gets an updated date of its own, so that the move
# can be seen to keep it
mkcol "$tmp/m"
status_is 0 "an earlier version's layout: the state in OUTDIR" \
	"$fg" --base-url https://x.cn --state "$tmp/mo/.feedgen.db" -o "$tmp/mo" "$tmp/m"
sleep 1.1
sed -i 's/正文0100/正文0100，更正/' "$tmp/m/2023-05-01/001_ab.txt"
"$fg" --base-url https://x.cn --settle 0 --state "$tmp/mo/.feedgen.db" -o "$tmp/mo" "$tmp/m" >/dev/null 2>&1
: >"$tmp/mo/.feedgen.lock"      # the lock earlier versions kept beside it
cp "$tmp/mo/atom.xml" "$tmp/mo-atom.before"
grep -q "<updated>$(date -u +%Y)" "$tmp/mo-atom.before" && ok "the corrected entry has an updated date of its own" ||
	not_ok "no updated date to keep"
status_is 0 "the run after the upgrade" env STATE_DIRECTORY="$tmp/mst" "$fg" --base-url https://x.cn -o "$tmp/mo" "$tmp/m"
contains "$tmp/err" "[state-moved]" "the move is said once"
[ "$(grep -c 'state-moved' "$tmp/err")" = 1 ] && ok "one notice" || not_ok "notices: $(grep -c 'state-moved' "$tmp/err")"
only_feeds "$tmp/mo" && ok "after the move OUTDIR holds the feeds and nothing else" ||
	not_ok "after the move: $(ls -A "$tmp/mo" | tr '\n' ' ')"
ls "$tmp/mst" | grep -q '\.db$' && ok "the state is where it belongs now" || not_ok "the state was not moved"
same "$tmp/mo/atom.xml" "$tmp/mo-atom.before" "every date kept: atom.xml byte-identical"
status_is 0 "the next run" env STATE_DIRECTORY="$tmp/mst" "$fg" --base-url https://x.cn -o "$tmp/mo" "$tmp/m"
lacks "$tmp/err" "state-moved" "the next run says nothing of it"

# from version 1: an earlier feedgen's schema, with pinned dates that the
# pages do not give (so that only the state can have kept them)
mkcol "$tmp/v1"
"$fg" --base-url https://x.cn --state "$tmp/v1probe.db" -o "$tmp/v1probe" "$tmp/v1" >/dev/null 2>&1
mkdir -p "$tmp/v1o"
python3 - "$tmp/v1probe.db" "$tmp/v1o/.feedgen.db" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1])
rows = src.execute("SELECT id, page, pos, hash, published_off, updated_off, ymd, title,"
                   " authors, contributors, categories, line, page_key FROM articles").fetchall()
db = sqlite3.connect(sys.argv[2])
db.executescript("""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pages(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, seen INTEGER NOT NULL);
CREATE TABLE articles(id TEXT PRIMARY KEY, page TEXT NOT NULL, pos INTEGER NOT NULL, hash TEXT NOT NULL,
 published INTEGER NOT NULL, published_off INTEGER NOT NULL, updated INTEGER NOT NULL, updated_off INTEGER NOT NULL,
 ymd TEXT NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL, contributors TEXT NOT NULL,
 categories TEXT NOT NULL, body TEXT NOT NULL, line INTEGER NOT NULL, page_key TEXT NOT NULL);
CREATE INDEX articles_page ON articles(page);
PRAGMA user_version=1;
""")
# published pinned to 2021-01-01T08:00+08:00, updated to 2022-02-02T10:00+08:00
for (i, page, pos, h, poff, uoff, ymd, title, au, co, ca, line, pk) in rows:
    db.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
               (i, page, pos, h, 1609459200, 28800, 1643767200, 28800, ymd, title, au, co, ca,
                "", line, pk))
db.execute("INSERT INTO meta VALUES ('count:atom.xml', '12')")
db.commit()
PY
status_is 0 "a version 1 state in OUTDIR" env STATE_DIRECTORY="$tmp/v1st" "$fg" --base-url https://x.cn -o "$tmp/v1o" "$tmp/v1"
contains "$tmp/err" "[state-moved]" "version 1: moved"
contains "$tmp/err" "[state-migrated]" "version 1: migrated"
[ "$(count "$tmp/v1o/atom.xml" '<published>2021-01-01T08:00:00+08:00</published>')" = 12 ] &&
	ok "version 1: every pinned published date kept" || not_ok "version 1: published dates lost"
[ "$(count "$tmp/v1o/atom.xml" '<updated>2022-02-02T10:00:00+08:00</updated>')" -ge 12 ] &&
	ok "version 1: every pinned updated date kept" || not_ok "version 1: updated dates lost"
only_feeds "$tmp/v1o" && ok "version 1: OUTDIR holds the feeds and nothing else" ||
	not_ok "version 1: $(ls -A "$tmp/v1o" | tr '\n' ' ')"

# from version 2: ids made of the page and position alone, no authority
# kept, pinned dates the pages do not give; the site has moved since (a
# new host), so every page is read again: ids keep their host, dates stay
mkcol "$tmp/v2"
"$fg" --base-url https://old.example --state "$tmp/v2probe.db" -o "$tmp/v2probe" "$tmp/v2" >/dev/null 2>&1
python3 - "$tmp/v2probe.db" "$tmp/v2.db" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1])
db = sqlite3.connect(sys.argv[2])
# version 2's schema, as feedgen 0.1.0 of issue 21 made it
db.executescript("""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pages(dir TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
 errors INTEGER NOT NULL DEFAULT 0, retry INTEGER NOT NULL DEFAULT 0, diags TEXT, PRIMARY KEY(dir, name)) WITHOUT ROWID;
CREATE INDEX pages_diags ON pages(dir, name) WHERE diags IS NOT NULL;
CREATE INDEX pages_errors ON pages(errors) WHERE errors > 0;
CREATE TABLE articles(aid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, page TEXT NOT NULL, npub INTEGER NOT NULL,
 page_no INTEGER NOT NULL, pos INTEGER NOT NULL, published_off INTEGER NOT NULL, updated INTEGER NOT NULL,
 updated_off INTEGER NOT NULL, hash TEXT NOT NULL, ymd TEXT NOT NULL, page_num TEXT NOT NULL, page_key TEXT NOT NULL,
 line INTEGER NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL, contributors TEXT NOT NULL,
 categories TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '');
CREATE INDEX articles_page ON articles(page);
CREATE INDEX articles_order ON articles(npub, page_no, pos, page);
CREATE TABLE bodies(aid INTEGER PRIMARY KEY, html TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE sections(name TEXT NOT NULL, npub INTEGER NOT NULL, page_no INTEGER NOT NULL, pos INTEGER NOT NULL,
 page TEXT NOT NULL, aid INTEGER NOT NULL);
CREATE INDEX sections_order ON sections(name, npub, page_no, pos, page);
CREATE INDEX sections_aid ON sections(aid);
CREATE TABLE outputs(rel TEXT PRIMARY KEY, entries INTEGER NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
 digest TEXT NOT NULL, run INTEGER NOT NULL DEFAULT 0);
PRAGMA user_version=2;
PRAGMA application_id=1718052206;
""")
db.executemany("INSERT INTO meta VALUES (?,?)",
               src.execute("SELECT key, value FROM meta WHERE key <> 'id-authority'"))
db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?)", src.execute("SELECT * FROM pages"))
cols = ("aid, id, page, npub, page_no, pos, published_off, updated, updated_off, hash, ymd, page_num,"
        " page_key, line, title, authors, contributors, categories, extra")
db.executemany("INSERT INTO articles(%s) VALUES (%s)" % (cols, ",".join("?" * 19)),
               src.execute("SELECT %s FROM articles" % cols))
db.executemany("INSERT INTO bodies VALUES (?,?,?)", src.execute("SELECT * FROM bodies"))
db.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?)", src.execute("SELECT * FROM sections"))
db.executemany("INSERT INTO outputs VALUES (?,?,?,?,?,?)", src.execute("SELECT * FROM outputs"))
# published pinned to 2021-01-01T08:00+08:00, updated to 2022-02-02T10:00+08:00
db.execute("UPDATE articles SET npub = -1609459200, published_off = 28800, updated = 1643767200, updated_off = 28800")
db.execute("UPDATE sections SET npub = -1609459200")
db.commit()
PY
cp "$tmp/v2.db" "$tmp/v2dry.db"
sum2=$(md5sum <"$tmp/v2dry.db")
status_is 0 "a version 2 state, --dry-run" "$fg" --base-url https://new.example --state "$tmp/v2dry.db" \
	--dry-run -o "$tmp/v2o" "$tmp/v2"
[ "$(md5sum <"$tmp/v2dry.db")" = "$sum2" ] && ok "version 2, --dry-run: the state is not changed" ||
	not_ok "--dry-run changed a version 2 state"
status_is 0 "a version 2 state, the site moved" "$fg" --base-url https://new.example --state "$tmp/v2.db" \
	-o "$tmp/v2o" "$tmp/v2"
contains "$tmp/err" "state of version 2 migrated to version 3; every id, date and hash kept [state-migrated]" \
	"version 2: migrated, said once"
[ "$(count "$tmp/v2o/atom.xml" '<id>tag:old.example,2023-05-0')" = 12 ] &&
	ok "version 2: every id kept, its host the one its ids named" ||
	not_ok "version 2: ids $(grep -o '<id>tag:[^,]*' "$tmp/v2o/atom.xml" | sort | uniq -c | tr '\n' ' ')"
[ "$(count "$tmp/v2o/atom.xml" '<published>2021-01-01T08:00:00+08:00</published>')" = 12 ] &&
	ok "version 2: every pinned published date kept" || not_ok "version 2: published dates lost"
[ "$(count "$tmp/v2o/atom.xml" '<updated>2022-02-02T10:00:00+08:00</updated>')" -ge 12 ] &&
	ok "version 2: every pinned updated date kept (the hashes kept)" || not_ok "version 2: updated dates lost"
contains "$tmp/v2o/atom.xml" 'href="https://new.example/2023-05-01/' "version 2: the links are the new host's"
[ "$(sqlite3 "$tmp/v2.db" 'PRAGMA user_version')" = 3 ] &&
	[ "$(sqlite3 "$tmp/v2.db" "SELECT value FROM meta WHERE key = 'id-authority'")" = old.example ] &&
	ok "version 2: the state is version 3, its ids' authority kept" || not_ok "version 2: not migrated"
status_is 0 "version 2: the next run" "$fg" --base-url https://new.example --state "$tmp/v2.db" \
	-o "$tmp/v2o" "$tmp/v2"
lacks "$tmp/err" "state-migrated" "version 2: the next run says nothing of it"

# ---- OUTDIR after a failed run ----
status_is 4 "a run that fails its self-check" "$fg" --base-url https://x.cn -o "$tmp/o1" \
	--link-template '{base}/{date} {pos}.html' "$tmp/c"
only_feeds "$tmp/o1" && ok "after a failed run OUTDIR holds the feeds and nothing else" ||
	not_ok "after a failed run: $(ls -A "$tmp/o1" | tr '\n' ' ')"

# ---- what -q keeps quiet ----
mkcol "$tmp/q"
printf '# 坏页\n\n\377\376 不是 UTF-8 的字节，其余是。这一页足够长，看上去是 UTF-8。这一页足够长。\n' >"$tmp/q/2023-05-02/003_bad.txt"
python3 -c 'import sys; open(sys.argv[1], "wb").write("# 旧编码\n\n上海的新闻，用旧编码写成。\n".encode("gb18030"))' \
	"$tmp/q/2023-05-02/004_gb.txt"
# (pages change between runs: none waits to settle, --settle 0)
Q="$fg --base-url https://x.cn --settle 0 -o $tmp/qo"
status_is 1 "-q, a page in error: first run" $Q -q "$tmp/q"
contains "$tmp/err" "[page-invalid-utf8]" "-q: a new error is printed"
lacks "$tmp/err" "[page-fallback-encoding]" "-q: warnings are not"
status_is 1 "-q, nothing changed" $Q -q "$tmp/q"
[ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ] && ok "-q: an error already reported for an unchanged page is not printed again" ||
	not_ok "-q repeats: $(cat "$tmp/err")"
status_is 1 "without -q, nothing changed" $Q "$tmp/q"
contains "$tmp/err" "[page-invalid-utf8]" "without -q: the error still there is listed"
contains "$tmp/err" "[page-fallback-encoding]" "without -q: so is the warning"
# a page that was good and turns bad keeps its articles, and -q says it
# once
printf '# 好页\n\n正文。\n' >"$tmp/q/2023-05-03/005_ok.txt"
status_is 1 "-q, a good page added" $Q -q "$tmp/q"
printf '# 好页\n\n\377 坏了。这一页其余都是 UTF-8 的文字，足够长，足够长，足够长。\n' >"$tmp/q/2023-05-03/005_ok.txt"
status_is 1 "-q, the good page turns bad" $Q -q "$tmp/q"
contains "$tmp/err" "005_ok.txt:3:1: error:" "-q: the new error is printed"
contains "$tmp/qo/atom.xml" "<title>好页</title>" "the bad page keeps its article"
status_is 1 "-q, the bad page unchanged since" $Q -q "$tmp/q"
[ ! -s "$tmp/err" ] && ok "-q: its error is not printed again" || not_ok "-q repeats: $(cat "$tmp/err")"
touch -d '2023-06-01 12:00' "$tmp/q/2023-05-02/003_bad.txt"
status_is 1 "-q, the page in error touched" $Q -q "$tmp/q"
contains "$tmp/err" "[page-invalid-utf8]" "-q: a page that changed says its error again"
printf '# 修好\n\n好了。\n' >"$tmp/q/2023-05-02/003_bad.txt"
printf '# 好页\n\n又好了。\n' >"$tmp/q/2023-05-03/005_ok.txt"
status_is 0 "-q, the pages mended" $Q -q "$tmp/q"
[ ! -s "$tmp/err" ] && ok "-q: a mended page says nothing" || not_ok "-q after mending: $(cat "$tmp/err")"

# a run that finds the lock held: 75, and not a word under -q
lockf=$(ls "$STATE_DIRECTORY"/*qo-*.db.lock)
( flock -x 9; : >"$tmp/q.held"; sleep 4 ) 9>"$lockf" &
holder=$!
i=0
while [ ! -e "$tmp/q.held" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
status_is 75 "-q, locked" $Q -q "$tmp/q"
[ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ] && ok "-q, locked: not a word" || not_ok "-q, locked, said: $(cat "$tmp/err")"
status_is 75 "locked, without -q" $Q "$tmp/q"
contains "$tmp/err" "is locked by" "without -q: the lock is named"
kill $holder 2>/dev/null; wait $holder 2>/dev/null

# ---- the empty collection: exit 1 as feedgen.1 says, no state left ----
mkdir -p "$tmp/empty/2023-05-01"
status_is 1 "an empty collection" env STATE_DIRECTORY="$tmp/est" "$fg" -q --base-url https://x.cn -o "$tmp/eo" "$tmp/empty"
contains "$tmp/err" "[no-articles]" "the empty collection: says so"
[ -z "$(ls -A "$tmp/est" | grep -v '\.lock$')" ] && ok "the empty collection: no state left behind" ||
	not_ok "the empty collection left: $(ls -A "$tmp/est")"

# ---- a state from before 0.2: FNV-1a hashes, which still tell an unchanged
# article (its updated date and its hash stay) from a changed one ----
mkdir -p "$tmp/h/2023-05-01"
printf '# 甲\n\n正文甲。\n\n# 乙\n\n正文乙。\n' >"$tmp/h/2023-05-01/001_aa.txt"
H="$fg --base-url https://x.cn --settle 0 --state $tmp/h.db -o $tmp/ho"
status_is 0 "hashes: a first run" $H "$tmp/h"
[ "$(sqlite3 "$tmp/h.db" "SELECT count(*) FROM articles WHERE hash GLOB 'x[0-9a-f]*' AND length(hash) = 17")" = 2 ] &&
	ok "hashes: XXH3, as x and 16 hex digits" || not_ok "hashes: $(sqlite3 "$tmp/h.db" 'SELECT hash FROM articles')"
# what a state before 0.2 held: FNV-1a over title, names, sections and body,
# each closed by 0xFF; and updated dates of their own
python3 - "$tmp/h.db" <<'PY'
import sqlite3, sys
def fnv(fields):
    h = 0xcbf29ce484222325
    for f in fields:
        for b in f.encode() + b"\xff":
            h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h
db = sqlite3.connect(sys.argv[1])
for title, body in (("甲", "正文甲。"), ("乙", "正文乙。")):
    db.execute("UPDATE articles SET hash = ?, updated = 1643767200, updated_off = 28800 WHERE title = ?",
               (fnv([title, "", "", "", body]), title))
db.commit()
PY
old_a=$(sqlite3 "$tmp/h.db" "SELECT hash FROM articles WHERE title = '甲'")
printf '# 甲\n\n正文甲。\n\n# 乙\n\n正文乙，更正。\n' >"$tmp/h/2023-05-01/001_aa.txt"
status_is 0 "hashes: the page edited" $H "$tmp/h"
python3 - "$tmp/ho/atom.xml" >"$tmp/h.upd" <<'PY'
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
for e in ET.parse(sys.argv[1]).getroot().iter(A + "entry"):
    print(e.find(A + "title").text, e.find(A + "updated").text)
PY
grep -qx '甲 2022-02-02T10:00:00+08:00' "$tmp/h.upd" &&
	ok "hashes: the unchanged article keeps its updated date" || not_ok "hashes: $(cat "$tmp/h.upd")"
grep -q "^乙 $(date -u +%Y)" "$tmp/h.upd" &&
	ok "hashes: the corrected one is updated now" || not_ok "hashes: $(cat "$tmp/h.upd")"
[ "$(sqlite3 "$tmp/h.db" "SELECT hash FROM articles WHERE title = '甲'")" = "$old_a" ] &&
	ok "hashes: the unchanged article keeps its hash as stored" || not_ok "hashes: 甲's hash moved"
sqlite3 "$tmp/h.db" "SELECT hash FROM articles WHERE title = '乙'" | grep -q '^x' &&
	ok "hashes: the corrected one has an XXH3 hash" || not_ok "hashes: 乙's hash is not XXH3"

# ---- a page corrected years later: the feeds change only in the window ----
mkdir -p "$tmp/w"
for d in 01 02 03 04 05 06 07 08 09 10; do
	mkdir -p "$tmp/w/2023-05-$d"
	printf '# 第%s日\n\n正文%s。\n' "$d" "$d" >"$tmp/w/2023-05-$d/001_aa.txt"
done
W="$fg --base-url https://x.cn --limit 3 --settle 0 -o $tmp/wo"
status_is 0 "window of 3" $W "$tmp/w"
cp "$tmp/wo/atom.xml" "$tmp/wo-atom.before"
sed -i 's/正文01。/正文01，更正。/' "$tmp/w/2023-05-01/001_aa.txt"
status_is 0 "an old page corrected" $W "$tmp/w"
same "$tmp/wo/atom.xml" "$tmp/wo-atom.before" "outside the window: the feed is unchanged"
contains "$tmp/out" "atom.xml: unchanged" "outside the window: said to be unchanged"
sed -i 's/正文09。/正文09，更正。/' "$tmp/w/2023-05-09/001_aa.txt"
status_is 0 "a page in the window corrected" $W "$tmp/w"
contains "$tmp/wo/atom.xml" "正文09，更正" "inside the window: the feed shows it"
contains "$tmp/out" "atom.xml: updated" "inside the window: said to be updated"

# ---- the dry run writes nothing anywhere ----
stf=$(ls "$STATE_DIRECTORY"/*wo-*.db)
sum0=$(md5sum <"$stf")
ls -A "$STATE_DIRECTORY" >"$tmp/dry-before"
sed -i 's/正文10。/正文10，再改。/' "$tmp/w/2023-05-10/001_aa.txt"
status_is 0 "--dry-run" $W --dry-run "$tmp/w"
contains "$tmp/out" "would be $tmp/wo/atom.xml: updated" "--dry-run says what would change"
[ "$(md5sum <"$stf")" = "$sum0" ] && ok "--dry-run: the state is unchanged" || not_ok "--dry-run changed the state"
ls -A "$STATE_DIRECTORY" >"$tmp/dry-after"
same "$tmp/dry-before" "$tmp/dry-after" "--dry-run: no journal or other file beside the state"
lacks "$tmp/wo/atom.xml" "再改" "--dry-run: the feed is unchanged"
status_is 0 "--dry-run without a state" env STATE_DIRECTORY="$tmp/dst" $W --dry-run "$tmp/w"
[ ! -e "$tmp/dst" ] && ok "--dry-run without a state: none made" || not_ok "--dry-run made $(ls -A "$tmp/dst")"

finish
