#!/bin/sh
# tests/feedgen_trust.sh - feedgen trusts nothing it did not choose: the
# collection (its pages, its links, its feed.conf) is written by another
# program, and what it holds reaches the feeds, the terminal and the file
# system only as feedgen(1) and feedgen(5) say.  Each case asserts the good
# outcome: the file left alone, the markup shown as text, the message said
# once and escaped.
. "$(dirname "$0")/lib.sh"
need_program "$fg"
B="--base-url https://x.example/e"

# no raw byte of a control (C0 but tab and newline, DEL, C1, the bidi
# controls) and no byte that is not UTF-8 in FILE
clean_text() {
	python3 - "$1" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
try:
    t = b.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(1)
sys.exit(1 if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", t) else 0)
PY
}

# ---- names are printed through the one escaper (lib/diag.c) ----
mkcol_short "$tmp/ce" 2 2
bad='\377 不是 UTF-8 的字节，其余都是 UTF-8 的文字，足够长，足够长，足够长。'
for name in "001_a$(printf '\302\205')b.txt" "002_$(printf '\342\200\256')txt.exe.txt" \
	 "003_$(printf '\377')b.txt" "004_$(printf '\033')[2Jb.txt"; do
	printf "# 坏\n\n$bad\n" >"$tmp/ce/2022-07-01/$name"
done
status_is 1 "pages with hostile names and errors" $fg -q $B --state "$tmp/se.db" -o "$tmp/oe" "$tmp/ce"
check "no raw control, bidi control or bad byte reaches standard error" clean_text "$tmp/err"
contains "$tmp/err" '001_a\u0085b.txt:3:1: error:' "a C1 control is written \\u0085, as feedcheck writes it"
contains "$tmp/err" '002_\u202etxt.exe.txt' "a right-to-left override is written \\u202e"
contains "$tmp/err" '003_\xffb.txt' "a byte that is not UTF-8 is written \\xff"
contains "$tmp/err" '004_\x1b[2Jb.txt' "ESC is written \\x1b"
[ "$(wc -l <"$tmp/err")" = 4 ] && ok "one problem, one line" || not_ok "lines: $(wc -l <"$tmp/err")"
mkcol_short "$tmp/c1e" 2 2
status_is 0 "an output folder with a C1 control in its name" $fg $B --state "$tmp/se2.db" \
	-o "$tmp/o$(printf '\302\233')x" "$tmp/c1e"
check "the report on standard output is escaped too" clean_text "$tmp/out"
contains "$tmp/out" 'o\u009bx/atom.xml: created' "the output folder's name is escaped"

# ---- feed.conf is the collection's: it never says where feedgen writes ----
mkcol_short "$tmp/cs" 2 2
echo "root:x:0:0:root:/root:/bin/bash" >"$tmp/victim"
cp "$tmp/victim" "$tmp/victim.orig"
printf 'base-url = https://x.example/e\nstate = %s\n' "$tmp/victim" >"$tmp/cs/feed.conf"
status_is 2 "state = FILE in the collection's feed.conf is refused" $fg -q -o "$tmp/os" "$tmp/cs"
contains "$tmp/err" "feed.conf:2:1: error: 'state' names where feedgen writes" "the key and its line are named"
contains "$tmp/err" "[config-untrusted-key]" "with its rule id"
same "$tmp/victim" "$tmp/victim.orig" "the file it names is untouched"
[ ! -e "$tmp/victim.corrupt" ] && [ ! -e "$tmp/victim.lock" ] && [ ! -e "$tmp/os" ] &&
	ok "nothing moved aside, no lock, no output folder made" || not_ok "something was made: $(ls "$tmp")"
printf 'base-url = https://x.example/e\noutput = %s\n' "$tmp/elsewhere" >"$tmp/cs/feed.conf"
status_is 2 "output = DIR in the collection's feed.conf is refused" $fg -q "$tmp/cs"
contains "$tmp/err" "'output' names where feedgen writes" "... naming the key"
[ ! -e "$tmp/elsewhere" ] && ok "nothing written where it points" || not_ok "$tmp/elsewhere made"
status_is 2 "... also when the config is named with -c inside the collection" \
	$fg -q -c "$tmp/cs/feed.conf" -o "$tmp/os" "$tmp/cs"
ln -s "$tmp/cs/feed.conf" "$tmp/link.conf"
status_is 2 "... or through a link outside it to the collection's file" \
	$fg -q -c "$tmp/link.conf" -o "$tmp/os" "$tmp/cs"
printf 'base-url = https://x.example/e\nstate = %s\noutput = %s\n' "$tmp/op/s.db" "$tmp/op/out" >"$tmp/op.conf"
status_is 0 "the operator's config outside the collection may say where to write" \
	$fg -q -c "$tmp/op.conf" "$tmp/cs"
[ -s "$tmp/op/s.db" ] && [ -s "$tmp/op/out/atom.xml" ] && ok "its state and output are used" ||
	not_ok "state or output not where the operator's config says"
rm -f "$tmp/cs/feed.conf"
echo "secret=hunter2" >"$tmp/outside.conf"
ln -s "$tmp/outside.conf" "$tmp/cs/feed.conf"
status_is 3 "a feed.conf that is a link out of the collection is not read" $fg -q $B -o "$tmp/os" "$tmp/cs"
contains "$tmp/err" "a symbolic link to a file outside the collection; not followed [config-unreadable]" "... and says so"
lacks "$tmp/err" "secret" "nothing of the file it points to is shown"
rm -f "$tmp/cs/feed.conf"

# ---- a named state that is not a feedgen state is left alone ----
status_is 3 "--state naming a file that is not a database" $fg -q $B --state "$tmp/victim" -o "$tmp/os" "$tmp/cs"
contains "$tmp/err" "victim: error: not a feedgen state (not an SQLite database); left as it is: remove it, or name another --state [state-foreign]" \
	"says what it is, and what to do"
same "$tmp/victim" "$tmp/victim.orig" "the file is untouched"
[ ! -e "$tmp/victim.corrupt" ] && [ ! -e "$tmp/victim.lock" ] && ok "not moved aside, no lock beside it" ||
	not_ok "moved aside or locked"
status_is 3 "... also in a dry run" $fg -q --dry-run $B --state "$tmp/victim" -o "$tmp/os" "$tmp/cs"
python3 - "$tmp/app.db" "$tmp/app2.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA application_id=1095774797")
c.execute("CREATE TABLE mail(x)"); c.execute("INSERT INTO mail VALUES ('keep me')"); c.commit()
c = sqlite3.connect(sys.argv[2])
c.execute("CREATE TABLE places(x)"); c.execute("INSERT INTO places VALUES ('keep me')"); c.commit()
PY
cp "$tmp/app.db" "$tmp/app.orig"; cp "$tmp/app2.db" "$tmp/app2.orig"
status_is 3 "--state naming another program's database (its application id)" \
	$fg -q $B --state "$tmp/app.db" -o "$tmp/os" "$tmp/cs"
contains "$tmp/err" "the SQLite database of another program" "says whose it is"
same "$tmp/app.db" "$tmp/app.orig" "the database is untouched"
status_is 3 "--state naming another program's database (no application id, its own tables)" \
	$fg -q $B --state "$tmp/app2.db" -o "$tmp/os" "$tmp/cs"
same "$tmp/app2.db" "$tmp/app2.orig" "the database is untouched"
[ ! -e "$tmp/app2.db.corrupt" ] && ok "not moved aside" || not_ok "moved aside"

# ---- a damaged feedgen state is rebuilt, and -q says nothing of it ----
S="$fg $B --state $tmp/sd.db -o $tmp/od"
status_is 0 "a first run" $S -q "$tmp/cs"
[ "$(python3 -c 'import sys; b=open(sys.argv[1],"rb").read(72); print(b[68:72].hex())' "$tmp/sd.db")" = 6667656e ] &&
	ok "the state names itself in SQLite's header (application id 'fgen')" || not_ok "no application id"
printf 'this is not a database' | dd of="$tmp/sd.db" bs=1 seek=100 conv=notrunc 2>/dev/null
touch "$tmp/cs/2022-07-01/"*
status_is 0 "-q over a damaged state" $S -q "$tmp/cs"
[ ! -s "$tmp/err" ] && ok "-q prints nothing of it" || not_ok "-q printed: $(cat "$tmp/err")"
[ -f "$tmp/sd.db.corrupt" ] && ok "the damaged state is kept aside" || not_ok "not kept aside"
printf 'this is not a database' | dd of="$tmp/sd.db" bs=1 seek=100 conv=notrunc 2>/dev/null
status_is 0 "without -q" $S "$tmp/cs"
contains "$tmp/err" "[state-rebuilt]" "the rebuild is a warning"
# a state of an earlier feedgen, without the application id, is known by
# its schema version and tables
python3 - "$tmp/sd.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA application_id=0"); c.commit()
PY
printf 'this is not a database' | dd of="$tmp/sd.db" bs=1 seek=100 conv=notrunc 2>/dev/null
status_is 0 "a damaged state from before the application id" $S -q "$tmp/cs"
[ -f "$tmp/sd.db.corrupt" ] && ok "... is rebuilt too" || not_ok "not rebuilt"

# ---- a page that is a link out of the collection is never read ----
mkcol_short "$tmp/cl" 2 2
printf '# 秘密\n\nSECRET-OUTSIDE 不应出现。\n' >"$tmp/secret.txt"
chmod 600 "$tmp/secret.txt"
ln -s "$tmp/secret.txt" "$tmp/cl/2022-07-01/009_link.txt"
mkfifo "$tmp/fifo.txt"
ln -s "$tmp/fifo.txt" "$tmp/cl/2022-07-01/010_fifo.txt"
ln -s /dev/zero "$tmp/cl/2022-07-01/011_zero.txt"
mkdir -p "$tmp/cl/shared"
printf '# 转载\n\nINSIDE-LINKED 正文。\n' >"$tmp/cl/shared/inner.md"
ln -s ../shared/inner.md "$tmp/cl/2022-07-02/009_inner.txt"
status_is 0 "pages that are links" timeout 20 $fg $B --state "$tmp/sl.db" -o "$tmp/ol" "$tmp/cl"
contains "$tmp/err" "2022-07-01/009_link.txt: warning: a symbolic link to a file outside the collection; not read [page-link-outside]" \
	"a link out of the collection: a warning naming it"
for f in atom.xml rss.xml feed.json; do
	lacks "$tmp/ol/$f" "SECRET-OUTSIDE" "the file it leads to is not in $f"
done
lacks "$tmp/err" "SECRET" "nor in a message"
contains "$tmp/ol/atom.xml" "INSIDE-LINKED" "a link to a page inside the collection is read, as a photo's link is"
status_is 0 "the next run" $fg -q $B --state "$tmp/sl.db" -o "$tmp/ol" "$tmp/cl"
[ ! -s "$tmp/err" ] && ok "-q does not repeat the warning" || not_ok "-q said: $(cat "$tmp/err")"

# ---- raw HTML in a page reaches readers as text, in every format ----
mkdir -p "$tmp/ch/2022-07-01"
printf '# 标题 <script>alert(0)</script>\n\n正文<script>alert(1)</script>和<img src=x onerror=alert(2)>结束 AT&T。\n\n第二段。\n' \
	>"$tmp/ch/2022-07-01/001_aa.txt"
status_is 0 "a page with raw HTML" $fg $B --state "$tmp/sh.db" -o "$tmp/oh" "$tmp/ch"
lacks "$tmp/err" "[security-risk" "the self-check finds no markup readers strip"
contains "$tmp/oh/rss.xml" "<description>正文&amp;lt;script&amp;gt;alert(1)" \
	"RSS: the description (HTML for readers) holds the text escaped as HTML, then as XML"
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import feedparser' 2>/dev/null; then py=$p; break; fi
done
if [ -n "$py" ]; then
	"$py" - "$tmp/oh" >"$tmp/fp.out" 2>&1 <<'PY'
import html.parser, json, os, sys
import feedparser
d = sys.argv[1]
fails = 0
def say(ok, what):
    global fails
    print(("ok - " if ok else "FAIL - ") + what)
    fails += not ok
class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.text = []
    def handle_starttag(self, tag, attrs): self.tags.append((tag, dict(attrs)))
    def handle_data(self, data): self.text.append(data)
def shown(value, kind):
    """what a reader shows of value: (its text, the elements it holds)"""
    if kind != "text/html":
        return value, []
    p = Tags(); p.feed(value); p.close()
    return "".join(p.text), p.tags
def judge(fmt, what, value, kind):
    text, tags = shown(value, kind)
    say("<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text,
        "%s %s: the markup is text (%r)" % (fmt, what, text[:90]))
    say(not [t for t, a in tags if t in ("script", "img") or "onerror" in a],
        "%s %s: no element from the page (%r)" % (fmt, what, tags))
    say("AT&T" in text, "%s %s: '&' is text too" % (fmt, what))
for fmt in ("rss.xml", "atom.xml"):
    f = feedparser.parse(os.path.join(d, fmt))
    say(not f.bozo, fmt + ": well-formed for feedparser")
    e = f.entries[0]
    judge(fmt, "summary", e.summary, e.summary_detail.type)
    c = e.content[0]
    judge(fmt, "content", c.value, c.type)
    t, tags = shown(e.title, e.title_detail.type)
    say("<script>alert(0)</script>" in t and not tags, "%s title: the markup is text (%r)" % (fmt, t))
j = json.load(open(os.path.join(d, "feed.json"), encoding="utf-8"))["items"][0]
judge("feed.json", "summary", j["summary"], "text/plain")
judge("feed.json", "content_html", j["content_html"], "text/html")
say("<script>alert(0)</script>" in j["title"], "feed.json title: the markup is text")
sys.exit(1 if fails else 0)
PY
	st=$?
	sed 's/^/# /' "$tmp/fp.out"
	[ $st = 0 ] && ok "feedparser (and JSON) show the page's raw HTML as text in RSS, Atom and JSON Feed" ||
		not_ok "feedparser: $(grep -c FAIL "$tmp/fp.out") failures"
else
	skip "feedparser shows the page's raw HTML as text" "python3-feedparser is not installed (sh setup.sh installs it)"
fi

# ---- every URL setting is http or https, from the command line or feed.conf ----
mkcol_short "$tmp/cu" 2 2
for t in 'javascript:alert({id})' 'data:text/html,{page}' 'file:///etc/{page}' '/{date}/{page}.html'; do
	status_is 2 "--link-template '$t' refused" $fg -q $B --state "$tmp/su.db" --link-template "$t" -o "$tmp/ou" "$tmp/cu"
	contains "$tmp/err" "an entry's link must be an http or https URL" "... saying links must be http or https"
done
[ ! -e "$tmp/ou" ] && ok "nothing written" || not_ok "an output folder was made"
printf 'base-url = https://x.example/e\nlink-template = javascript:alert({id})\n' >"$tmp/cu/feed.conf"
status_is 2 "link-template = javascript:... in feed.conf refused" $fg -q --state "$tmp/su.db" -o "$tmp/ou" "$tmp/cu"
printf 'base-url = https://x.example/e\nhub = javascript:alert(1)\n' >"$tmp/cu/feed.conf"
status_is 2 "hub = javascript:... in feed.conf refused" $fg -q --state "$tmp/su.db" -o "$tmp/ou" "$tmp/cu"
contains "$tmp/err" "invalid --hub 'javascript:alert(1)': the scheme must be http or https" "... naming the setting"
printf 'base-url = https://x.example/e\nasset-base = data:image/png,{page}\n' >"$tmp/cu/feed.conf"
status_is 2 "asset-base = data:... in feed.conf refused" $fg -q --state "$tmp/su.db" -o "$tmp/ou" "$tmp/cu"
rm -f "$tmp/cu/feed.conf"
status_is 2 "--base-url javascript:... refused" $fg -q --base-url 'javascript:alert(1)' --state "$tmp/su.db" -o "$tmp/ou" "$tmp/cu"
for u in 'https://x.example/e?edition=1' 'https://x.example/e#top'; do
	status_is 2 "--base-url $u refused" $fg -q --base-url "$u" --state "$tmp/su.db" -o "$tmp/ou" "$tmp/cu"
	contains "$tmp/err" "would make every link the same page" "... saying why"
done
status_is 2 "--base-url with a password refused" $fg -q --base-url 'https://u:secret@x.example/e' --state "$tmp/su.db" -o "$tmp/ou" "$tmp/cu"
contains "$tmp/err" "would be published in every link" "... saying why"
status_is 0 "an https link template with a fragment is fine" $fg -q $B --state "$tmp/su.db" \
	--link-template '{base}/{date}.html#p{page}-{pos}' -o "$tmp/ou" "$tmp/cu"
contains "$tmp/ou/atom.xml" 'href="https://x.example/e/2022-07-02.html#p002-1"' "... and used"

# ---- edition folders whose names are not dates ----
mkcol_short "$tmp/cd" 2 2
for d in 2023-02-30 2024-13-01 20240431; do
	mkdir -p "$tmp/cd/$d"
	printf '# 不存在的日期%s\n\n正文 %s。\n' "$d" "BAD-$d" >"$tmp/cd/$d/001_same.txt"
done
status_is 1 "edition folders named as dates that do not exist" $fg $B --state "$tmp/sd2.db" -o "$tmp/od2" "$tmp/cd"
contains "$tmp/err" "cd/2023-02-30: error: an edition folder whose name is not a date: February 2023 has 28 days; its pages are not read" \
	"February 30th: said so, and why"
contains "$tmp/err" "cd/2024-13-01: error: an edition folder whose name is not a date: there is no month 13" "month 13: said so"
contains "$tmp/err" "cd/20240431: error: an edition folder whose name is not a date: April 2024 has 30 days" "April 31st: said so"
contains "$tmp/err" "[edition-bad-date]" "with its rule id"
lacks "$tmp/err" "[duplicate-id]" "their pages do not share one id"
lacks "$tmp/err" "[article-date-from-mtime]" "nor are they dated by their files' times"
lacks "$tmp/od2/atom.xml" "BAD-" "none of their pages is published with a made-up date"
[ "$(count "$tmp/od2/atom.xml" '<entry>')" = 4 ] && ok "the real editions are published" ||
	not_ok "entries: $(count "$tmp/od2/atom.xml" '<entry>')"
status_is 1 "-q says it again (the exit status says it too)" $fg -q $B --state "$tmp/sd2.db" -o "$tmp/od2" "$tmp/cd"
rm -rf "$tmp/cd/2023-02-30" "$tmp/cd/2024-13-01" "$tmp/cd/20240431"
mkdir -p "$tmp/cd/0000-01-01"
printf '# 公元零年\n\n正文 YEAR-ZERO。\n' >"$tmp/cd/0000-01-01/001_zero.txt"
status_is 0 "an edition folder 0000-01-01 (years 0000 to 9999, feedgen(1))" $fg -q $B --settle 0 --state "$tmp/sd2.db" -o "$tmp/od2" "$tmp/cd"
contains "$tmp/od2/atom.xml" "<published>0000-01-01T00:00:00+08:00</published>" "... is that edition's date"
contains "$tmp/od2/atom.xml" "tag:x.example,0000-01-01:001_zero/1" "... and in its id"

# ---- a section's slug in feed.conf is one safe folder name, or an error ----
mkcol_short "$tmp/cg" 2 2
for slug in '../../escape' 'a/b' '..' '.hidden' '要闻' 'a b' "$(printf 'x\033[2J')"; do
	printf 'base-url = https://x.example/e\nsection.001 = 要闻\nslug.要闻 = %s\n' "$slug" >"$tmp/cg/feed.conf"
	status_is 2 "slug '$slug' refused" $fg -q --per-section --state "$tmp/sg.db" -o "$tmp/og" "$tmp/cg"
	contains "$tmp/err" "feed.conf:3:11: error: unsafe slug" "... naming the line and column"
	contains "$tmp/err" "[config-slug]" "... with its rule id"
done
check "the slug is escaped in the message" clean_text "$tmp/err"
[ ! -e "$tmp/og" ] && [ ! -e "$tmp/escape" ] && ok "nothing written anywhere" || not_ok "something was written"
printf 'base-url = https://x.example/e\nsection.001 = 要闻\nslug.要闻 = yao-wen_1.0\n' >"$tmp/cg/feed.conf"
status_is 0 "a safe slug" $fg -q --per-section --state "$tmp/sg.db" -o "$tmp/og" "$tmp/cg"
[ -s "$tmp/og/sections/yao-wen_1.0/atom.xml" ] && ok "... names the section's folder" || not_ok "no sections/yao-wen_1.0/"
rm -f "$tmp/cg/feed.conf"

# ---- out of memory: what failed, and why, never "not an error" ----
if is_sanitized "$fg" || [ -n "${FEEDTOOLS_VALGRIND:-}" ]; then
	skip "under a memory limit, every failure says what and why" "a sanitizer's or valgrind's address space is not the program's"
else
	cp -r "$top/samples" "$tmp/cm"
	# the least address space feedgen starts in, then runs from there up
	lo=20000 hi=400000
	while [ $((hi - lo)) -gt 1000 ]; do
		mid=$(((lo + hi) / 2))
		if (ulimit -v $mid; "$fg" --version) >/dev/null 2>&1; then hi=$mid; else lo=$mid; fi
	done
	bad=0 runs=0 failed_runs=0
	k=$hi
	while [ $k -lt $((hi + 20000)) ]; do
		rm -rf "$tmp/sm.db"* "$tmp/om"
		(ulimit -v $k; exec "$fg" -q --state "$tmp/sm.db" -o "$tmp/om" "$tmp/cm") >/dev/null 2>"$tmp/merr"
		st=$? runs=$((runs + 1))
		[ $st -ne 0 ] && failed_runs=$((failed_runs + 1))
		# feedgen's own lines (not the allocator's, not a library's)
		grep -v 'tcmalloc\|^Error in GnuTLS\|^Warning: using regular magic file' "$tmp/merr" >"$tmp/mown"
		why=
		if [ $st -ge 128 ]; then why="status $st"
		elif grep -q 'not an error' "$tmp/mown"; then why="'not an error'"
		elif grep -q 'cannot read back the new feed \[' "$tmp/mown"; then why="no cause for the read-back"
		elif grep -q 'Memory allocation failed\|internal buffer error' "$tmp/mown"; then why="libxml2's own message"
		elif [ $st -ne 0 ] && [ $st -ne 4 ] && ! grep -q 'error: .*\[[a-z-]*\]$' "$tmp/mown"; then why="exit $st without an error that says why"
		elif grep -q "^try 'feedgen --help'" "$tmp/mown" && ! grep -q 'error:' "$tmp/mown"; then why="a usage hint with no error"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			echo "# ulimit -v $k: $why"; sed 's/^/#   /' "$tmp/mown" | head -5
		fi
		k=$((k + 500))
	done
	[ $bad = 0 ] && ok "under 40 memory limits from ${hi} KB up, 500 KB apart, each failure says what failed and why ($failed_runs of $runs runs failed)" ||
		not_ok "under a memory limit: $bad runs said too little"
	[ $failed_runs -gt 0 ] && ok "... and some did fail (the limits were low enough)" || not_ok "no run failed: the limits prove nothing"
fi

# ---- --archive under a low limit on open files: said, with the number ----
mkdir -p "$tmp/ca"
for d in 01 02 03 04 05 06 07 08 09 10 11 12; do
	mkdir -p "$tmp/ca/2022-07-$d"
	for p in 1 2 3; do
		printf '# 标题%s-%s\n\n正文。\n' $d $p >"$tmp/ca/2022-07-$d/00${p}_aaaaaaaaaaaaaa$d$p.txt"
	done
done
status_is 3 "--archive with ulimit -n 32" sh -c "ulimit -n 32 && exec $fg -q $B --limit 2 --archive --state $tmp/sa.db -o $tmp/oa $tmp/ca"
contains "$tmp/err" "more than the limit of 32 open files: raise it (ulimit -n" "says the limit and how far to raise it"
contains "$tmp/err" "[open-files]" "with its rule id"
need=$(sed -n 's/.*ulimit -n \([0-9]*\).*/\1/p' "$tmp/err")
[ ! -e "$tmp/oa/archive" ] && [ -z "$(ls -A "$tmp/oa" 2>/dev/null)" ] && ok "no archive/ folder, nothing written" ||
	not_ok "left behind: $(ls -RA "$tmp/oa")"
status_is 0 "with the limit it names (${need:-?})" sh -c "ulimit -n ${need:-1024} && exec $fg -q $B --limit 2 --archive --state $tmp/sa.db -o $tmp/oa $tmp/ca"
[ "$(ls "$tmp/oa/archive" | wc -l)" -gt 20 ] && ok "the archive documents are written" || not_ok "no archive documents"
# a run that fails after it made a folder for its new files takes it away
status_is 4 "a first --archive run whose self-check fails" $fg -q $B --limit 2 --archive --state "$tmp/sa2.db" \
	--link-template '{base}/{date} {pos}.html' -o "$tmp/oa2" "$tmp/ca"
[ ! -e "$tmp/oa2/archive" ] && ok "leaves no empty archive/ folder" || not_ok "archive/ left: $(ls -A "$tmp/oa2/archive" | wc -l) files"

finish
