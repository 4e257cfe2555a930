#!/bin/sh
# feedgen against the faults of ../shared/repro/ (issue 16): full disks,
# busy states, planted links, a page too large for the self-check, special
# files, unreadable folders, the clock set back, nonsense in the state,
# memory.  Each case names the repro script it comes from; the scripts
# themselves read OUTDIR/.feedgen.db, where the state no longer is (issue
# 11), so these tests look at the state where it is now.  Cases that need
# root (a tmpfs, another user) or faketime skip with a message without.
. "$(dirname "$0")/lib.sh"
need_program "$fg"
# pages change between runs here: none waits to settle (--settle 0)
B="--base-url https://x.example/e --settle 0"
root=0
[ "$(id -u)" = 0 ] && root=1

# what the state holds of its articles, in a form to compare
dates() {
	sqlite3 "$1" 'SELECT id, -npub, updated FROM articles ORDER BY id' 2>&1
}

# ---- B1: a full disk while the state is written ----
if [ "$root" = 1 ] && mkdir -p "$tmp/full" && mount -t tmpfs -o size=6M tmpfs "$tmp/full" 2>/dev/null; then
	at_exit "umount '$tmp/full' 2>/dev/null"
	mkcol_short "$tmp/c1" 3 3
	S1="$fg -q $B --state $tmp/full/s.db -o $tmp/o1"
	$S1 "$tmp/c1"
	sleep 1.1
	printf '\n改动。\n' >>"$tmp/c1/2022-07-01/001_aaaaaaaaaaaaaa011.txt"
	$S1 "$tmp/c1"
	dates "$tmp/full/s.db" >"$tmp/dates-before"
	awk -F'|' '$2 != $3 { n++ } END { exit !n }' "$tmp/dates-before" && ok "B1: a pinned updated date to keep" ||
		not_ok "B1: no updated date to keep"
	cp "$tmp/o1/atom.xml" "$tmp/atom1-before"
	# new pages whose text does not fit in what is left of the disk
	mkdir -p "$tmp/c1/2022-07-09"
	python3 - "$tmp/c1/2022-07-09" <<'PY'
import os, random, sys
r = random.Random(1)
for p in range(1, 9):
    with open(os.path.join(sys.argv[1], "00%d_ffffffffffffff9%d.txt" % (p, p)), "w") as f:
        f.write("# 大%d\n\n" % p)
        for i in range(1500):
            f.write("".join(chr(0x4e00 + r.randrange(20000)) for _ in range(300)) + "\n\n")
PY
	status_is 3 "B1: disk full while the state is written" $S1 "$tmp/c1"
	grep -q 'No space left on device\|disk is full' "$tmp/err" && ok "B1: the message says the disk is full" ||
		not_ok "B1: the cause is not said: $(cat "$tmp/err")"
	contains "$tmp/err" "$tmp/full/s.db" "B1: the message names the state"
	same "$tmp/o1/atom.xml" "$tmp/atom1-before" "B1: nothing published"
	dates "$tmp/full/s.db" >"$tmp/dates-after"
	same "$tmp/dates-before" "$tmp/dates-after" "B1: the state is as it was before the run"
	rm -rf "$tmp/c1/2022-07-09"
	status_is 0 "B1: the next run" $S1 "$tmp/c1"
	dates "$tmp/full/s.db" >"$tmp/dates-next"
	same "$tmp/dates-before" "$tmp/dates-next" "B1: every pinned date kept"
else
	skip "B1: a full disk while the state is written" "needs root and a tmpfs"
fi

# ---- B2a: a state that is only busy is never rebuilt ----
mkcol_short "$tmp/c2" 3 3
S2="$fg -q $B --state $tmp/s2.db -o $tmp/o2"
$S2 "$tmp/c2"
dates "$tmp/s2.db" >"$tmp/d2-before"
python3 - "$tmp/s2.db" "$tmp/s2.held" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")     # a backup, an admin's sqlite3 shell
open(sys.argv[2], "w").close()
time.sleep(4)
c.execute("ROLLBACK")
PY
holder=$!
i=0
while [ ! -e "$tmp/s2.held" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
touch "$tmp/c2/2022-07-01/"*
status_is 75 "B2a: a busy state: exit 75, another run's business" $fg $B --state "$tmp/s2.db" -o "$tmp/o2" "$tmp/c2"
contains "$tmp/err" "[state-busy]" "B2a: says the state is in use"
[ ! -e "$tmp/s2.db.corrupt" ] && ok "B2a: the busy state is not moved aside" || not_ok "B2a: a busy state was moved aside"
status_is 0 "B2a: --wait outlasts the holder" $S2 --wait 10 "$tmp/c2"
wait $holder
dates "$tmp/s2.db" >"$tmp/d2-after"
same "$tmp/d2-before" "$tmp/d2-after" "B2a: every date kept"

# ---- B3: links planted where feedgen writes ----
mkcol_short "$tmp/c3" 3 3
echo "precious data" >"$tmp/victim"
mkdir -p "$tmp/st3"
ln -s "$tmp/victim" "$tmp/st3/s.db.lock"
status_is 3 "B3: a link planted at the lock" $fg -q $B --state "$tmp/st3/s.db" -o "$tmp/o3" "$tmp/c3"
contains "$tmp/err" "symbolic link" "B3: the link is named as such"
[ "$(cat "$tmp/victim")" = "precious data" ] && ok "B3: the file the lock's link points to is untouched" ||
	not_ok "B3: the victim changed: $(cat "$tmp/victim")"
rm -f "$tmp/st3/s.db.lock"
ln -s "$tmp/victim" "$tmp/st3/s.db"
status_is 3 "B3: a link planted at the state" $fg -q $B --state "$tmp/st3/s.db" -o "$tmp/o3" "$tmp/c3"
[ "$(cat "$tmp/victim")" = "precious data" ] && ok "B3: the file the state's link points to is untouched" ||
	not_ok "B3: the victim changed"
rm -f "$tmp/st3/s.db"
mkdir -p "$tmp/o3" "$tmp/elsewhere"
ln -s "$tmp/victim" "$tmp/o3/atom.xml"
status_is 0 "B3: a link planted at a feed" $fg -q $B --state "$tmp/st3/s.db" -o "$tmp/o3" "$tmp/c3"
[ -f "$tmp/o3/atom.xml" ] && [ ! -L "$tmp/o3/atom.xml" ] && [ "$(cat "$tmp/victim")" = "precious data" ] &&
	ok "B3: the link is replaced by the feed, not followed" || not_ok "B3: the feed's link was followed"
printf 'section.001 = 要闻\n' >"$tmp/s3.conf"
ln -s "$tmp/elsewhere" "$tmp/o3/sections"
status_is 3 "B3: a folder link planted at OUTDIR/sections" $fg -q $B -c "$tmp/s3.conf" --per-section \
	--state "$tmp/st3/s.db" -o "$tmp/o3" "$tmp/c3"
contains "$tmp/err" "$tmp/o3/sections" "B3: the planted folder link is named"
[ -z "$(ls -A "$tmp/elsewhere")" ] && ok "B3: nothing written where the link points" || not_ok "B3: feeds written through the link"

# ---- B4: a page too large for the self-check does not block the rest ----
mkcol_short "$tmp/c4" 3 3
python3 - "$tmp/c4/2022-07-03/001_bbbbbbbbbbbbbbbb.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# 很长的文章\n\n")
    for i in range(16000):
        f.write("很长很长的一段正文，" * 10 + "\n\n")
PY
status_is 1 "B4: a page whose article is too large" $fg -q $B --state "$tmp/s4.db" -o "$tmp/o4" "$tmp/c4"
contains "$tmp/err" "[page-too-large]" "B4: the page is skipped as too large"
[ "$(count "$tmp/o4/atom.xml" '<entry>')" = 9 ] && ok "B4: the other pages are published" ||
	not_ok "B4: entries published: $(count "$tmp/o4/atom.xml" '<entry>')"

# ---- B5: a dry run writes nothing, even beside a state it cannot use ----
mkdir -p "$tmp/d5"
echo "not a database" >"$tmp/d5/settings.txt"
[ "$root" = 1 ] && mknod "$tmp/d5/nulldev" c 1 3
ls -A "$tmp/d5" >"$tmp/d5-before"
$fg --dry-run $B --state "$tmp/d5/settings.txt" -o "$tmp/o5" "$tmp/c4" >/dev/null 2>&1
[ "$root" = 1 ] && $fg --dry-run $B --state "$tmp/d5/nulldev" -o "$tmp/o5" "$tmp/c4" >/dev/null 2>&1
ls -A "$tmp/d5" >"$tmp/d5-after"
same "$tmp/d5-before" "$tmp/d5-after" "B5: a dry run makes, moves and renames nothing beside the state"
[ "$(cat "$tmp/d5/settings.txt")" = "not a database" ] && ok "B5: the unusable state is left as it is" || not_ok "B5: the file changed"

# ---- B6: a FIFO as feed.conf is refused, not waited on ----
mkcol_short "$tmp/c6" 3 3
mkfifo "$tmp/c6/feed.conf"
status_is 3 "B6: a FIFO as feed.conf" timeout 10 $fg -q $B --state "$tmp/s6.db" -o "$tmp/o6" "$tmp/c6"
contains "$tmp/err" "not a regular file" "B6: says why"
rm -f "$tmp/c6/feed.conf"
printf '\357\273\277base-url = https://x.example/e\n' >"$tmp/c6/feed.conf"
status_is 0 "a feed.conf that starts with a UTF-8 BOM" $fg -q --state "$tmp/s6.db" -o "$tmp/o6" "$tmp/c6"
printf 'base-url = https://x.example/e\n\000title = lost\n' >"$tmp/c6/feed.conf"
status_is 2 "a NUL byte in feed.conf" $fg -q --state "$tmp/s6.db" -o "$tmp/o6" "$tmp/c6"
contains "$tmp/err" "NUL byte" "a NUL byte: said, not lost silently"
rm -f "$tmp/c6/feed.conf"

# ---- B8: --wait takes a finite number ----
for v in nan inf -1 1e9; do
	status_is 2 "B8: --wait $v refused" timeout 10 $fg -q $B --wait "$v" -o "$tmp/o8" "$tmp/c6"
done
printf 'base-url = https://x.example/e\nwait = nan\n' >"$tmp/w8.conf"
status_is 2 "B8: wait = nan in a config refused" timeout 10 $fg -q -c "$tmp/w8.conf" -o "$tmp/o8" "$tmp/c6"

# ---- B9: an unreadable folder keeps its articles ----
# nobody runs a copy of feedgen in a folder it can reach: the checkout may
# lie in a 0700 folder (/root/src, a clone in mktemp -d, a Debian build)
nb_ok=
if [ "$root" = 1 ] && command -v setpriv >/dev/null 2>&1; then
	mkdir -p "$tmp/b9/bin"
	chmod 755 "$tmp" "$tmp/b9" "$tmp/b9/bin"
	cp "$fg" "$tmp/b9/bin/feedgen" && chmod 755 "$tmp/b9/bin/feedgen"
	NB="setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent STATE_DIRECTORY=$tmp/b9/st"
	$NB "$tmp/b9/bin/feedgen" --version >/dev/null 2>&1 && nb_ok=1 ||
		nb_why="nobody cannot run a copy of feedgen in $tmp (a private TMPDIR, or a wrapper that runs what nobody cannot reach)"
else
	nb_why="needs root (to read as another user)"
fi
if [ -n "$nb_ok" ]; then
	nfg=$tmp/b9/bin/feedgen
	mkcol_short "$tmp/b9/c" 3 3
	mkdir -p "$tmp/b9/o" "$tmp/b9/st"
	chown nobody "$tmp/b9/o" "$tmp/b9/st"
	chmod -R a+rX "$tmp/b9/c"
	$NB $nfg -q $B -o "$tmp/b9/o" "$tmp/b9/c"
	sleep 1.1
	printf '\n改动。\n' >>"$tmp/b9/c/2022-07-02/001_aaaaaaaaaaaaaa021.txt"
	$NB $nfg -q $B -o "$tmp/b9/o" "$tmp/b9/c"
	grep -A5 '2022-07-02:001_' "$tmp/b9/o/atom.xml" | grep -o '<updated>[^<]*' >"$tmp/b9-pinned"
	chmod 000 "$tmp/b9/c/2022-07-02"
	status_is 1 "B9: an unreadable edition folder: an error, exit 1" $NB $nfg $B -o "$tmp/b9/o" "$tmp/b9/c"
	contains "$tmp/err" "[folder-unreadable]" "B9: the folder is named"
	[ "$(count "$tmp/b9/o/atom.xml" '<entry>')" = 9 ] && ok "B9: its articles stay in the feeds" ||
		not_ok "B9: entries now: $(count "$tmp/b9/o/atom.xml" '<entry>')"
	chmod 755 "$tmp/b9/c/2022-07-02"
	status_is 0 "B9: readable again" $NB $nfg -q $B -o "$tmp/b9/o" "$tmp/b9/c"
	grep -A5 '2022-07-02:001_' "$tmp/b9/o/atom.xml" | grep -o '<updated>[^<]*' >"$tmp/b9-now"
	same "$tmp/b9-pinned" "$tmp/b9-now" "B9: its articles keep their dates"
else
	skip "B9: an unreadable folder keeps its articles" "$nb_why"
fi

# ---- B10: time only moves forward ----
# faketime is preloaded before a sanitized build's ASan runtime: allowed
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
if command -v faketime >/dev/null 2>&1; then
	mkdir -p "$tmp/c10/2022-07-14"
	f10=$tmp/c10/2022-07-14/001_aaaaaaaaaaaaaaaa.txt
	printf -- '# t\n\nx\n' >"$f10"
	F10="$fg $B --state $tmp/s10.db -o $tmp/o10"
	# faketime is an LD_PRELOAD library, loaded before a sanitized
	# feedgen's ASan runtime, which refuses to start unless told
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	export ASAN_OPTIONS
	FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f '2026-12-01 12:00:00' $F10 -q "$tmp/c10"
	printf '\nchange 1\n' >>"$f10"
	FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f '2026-12-01 12:00:00' $F10 -q "$tmp/c10"
	grep -o '<updated>[^<]*' "$tmp/o10/atom.xml" | tail -1 >"$tmp/u10-1"
	printf '\nchange 2\n' >>"$f10"
	FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f '2025-06-01 09:00:00' $F10 "$tmp/c10" >"$tmp/out" 2>"$tmp/err"
	contains "$tmp/err" "[clock-behind]" "B10: a clock behind the state's latest time is said"
	grep -o '<updated>[^<]*' "$tmp/o10/atom.xml" | tail -1 >"$tmp/u10-2"
	python3 - "$(cat "$tmp/u10-1")" "$(cat "$tmp/u10-2")" <<'PY' && ok "B10: a changed entry's updated moves forward, not back" || not_ok "B10: updated went back: $(cat "$tmp/u10-1") then $(cat "$tmp/u10-2")"
import sys, datetime
a, b = (datetime.datetime.fromisoformat(x.replace("<updated>", "")) for x in sys.argv[1:3])
sys.exit(0 if b > a else 1)
PY
	grep -c '<updated>' "$tmp/o10/atom.xml" >/dev/null
	head -12 "$tmp/o10/atom.xml" | grep -o '<updated>[^<]*' >"$tmp/u10-feed"
	python3 - "$(cat "$tmp/u10-1")" "$(cat "$tmp/u10-feed")" <<'PY' && ok "B10: the feed's updated does not go back" || not_ok "B10: the feed's updated went back"
import sys, datetime
a, b = (datetime.datetime.fromisoformat(x.replace("<updated>", "")) for x in sys.argv[1:3])
sys.exit(0 if b >= a else 1)
PY
else
	skip "B10: time only moves forward" "faketime is not installed (sh setup.sh installs it)"
fi

# ---- B16: nonsense in the state is damage, not trusted ----
mkcol_short "$tmp/c16" 3 3
S16="$fg -q $B --state $tmp/s16.db -o $tmp/o16"
$S16 "$tmp/c16"
sqlite3 "$tmp/s16.db" "UPDATE articles SET npub=-9223372036854775807 WHERE pos=1"
touch "$tmp/c16/2022-07-02/"*
status_is 3 "B16: a date out of range in the state" $S16 "$tmp/c16"
contains "$tmp/err" "[state-rebuilt]" "B16: the state is called damaged"
[ -f "$tmp/s16.db.corrupt" ] && ok "B16: the damaged state is moved aside" || not_ok "B16: not moved aside"
status_is 0 "B16: the next run starts a new state" $S16 "$tmp/c16"
sqlite3 "$tmp/s16.db" "UPDATE outputs SET entries=-5"
touch "$tmp/c16/2022-07-02/"*
status_is 0 "B16: a negative entry count does not stop the run" $S16 "$tmp/c16"

# ---- names are printed escaped: one problem, one line ----
mkcol_short "$tmp/cn" 3 3
printf '# 坏\n\n\377 不是 UTF-8 的字节，其余都是 UTF-8 的文字，足够长，足够长，足够长。\n' >"$tmp/cn/2022-07-01/00
4_bad.txt"
status_is 1 "a page whose name holds a newline, with an error" $fg -q $B --state "$tmp/sn.db" -o "$tmp/on" "$tmp/cn"
[ "$(wc -l <"$tmp/err")" = 1 ] && contains "$tmp/err" '00\n4_bad.txt' "the name is escaped, the problem is one line" ||
	not_ok "the diagnostic is split: $(cat "$tmp/err")"

# ---- B14a: memory does not grow with the number of pages ----
if ! can_measure "$fg"; then
	skip "B14a: memory flat in the number of pages" "memory not measured under valgrind or a sanitizer"
else
	for folders in 100 1000; do
		python3 - "$tmp/m$folders" "$folders" <<'PY'
import os, sys, datetime
root, n = sys.argv[1], int(sys.argv[2]); d0 = datetime.date(2000, 1, 1)
for e in range(n):
    d = os.path.join(root, (d0 + datetime.timedelta(days=e)).isoformat()); os.makedirs(d)
    for p in range(10):
        open(os.path.join(d, "%03d_%016x.txt" % (p + 1, e * 100 + p)), "w").write("# t%d\n\nx%d\n" % (p, e))
PY
		/usr/bin/time -f '%M' -o "$tmp/rss$folders" $fg -q $B --state "$tmp/sm$folders.db" \
			-o "$tmp/om$folders" "$tmp/m$folders"
	done
	r1=$(cat "$tmp/rss100") r2=$(cat "$tmp/rss1000")
	[ "$r2" -lt 65536 ] && [ "$r2" -lt $((r1 * 3 / 2)) ] &&
		ok "B14a: memory flat: ${r1} KB at 1,000 pages, ${r2} KB at 10,000" ||
		not_ok "B14a: memory grows: ${r1} KB at 1,000 pages, ${r2} KB at 10,000"
	rm -rf "$tmp/m100" "$tmp/m1000"
fi

finish
