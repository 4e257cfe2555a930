#!/bin/sh
# tests/reports.sh - feedcheck's text for people and its habits: the caret
# under the right character (wide characters count two, tabs expand; in a
# real terminal, tmux), excerpts always valid UTF-8, a verdict per source,
# the batch total, the --explain hint once per rule, -q, --no-excerpt,
# names printed escaped, .feedcheckrc and --config, folders as sources,
# --stdin-filename, --severity, --list-rules --format json, -v, and
# every option of --help in the man page's OPTIONS and in the README.
# Prints TAP lines.
. "$(dirname "$0")/lib.sh"
server_pid=
at_exit '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null'
at_exit 'tmux -L feedtools-$$ kill-server 2>/dev/null'
need_program "$fc"
d=$top/tests/feedcheck
r=$top/tests/reports
# caret_ok FILE PATTERN WHAT: the caret under the line above it starts
# where PATTERN starts, counting display columns (East Asian wide and
# fullwidth characters two, Unicode's EastAsianWidth, Python's table)
caret_ok() {
	python3 - "$1" "$2" <<'PY'
import sys, unicodedata
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else
               0 if unicodedata.combining(c) else 1 for c in s)
for i, l in enumerate(lines[1:], 1):
    if l.strip() == '^' and sys.argv[2] in lines[i - 1]:
        above = lines[i - 1]
        sys.exit(0 if width(above[:above.index(sys.argv[2])]) == l.index('^') else 1)
sys.exit(1)
PY
}

# ---- the caret and the excerpt
run --color=never "$r/chinese.xml"
status 1 "a Chinese feed"
check "the caret under '<pubDate>' after 17 Chinese characters" caret_ok "$tmp/out" "<pubDate>星期六"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title><link>http://x.com/</link><description>d</description>\n<item>\t<title>x</title><guid>http://x.com/1</guid>\t\t<pubDate>yesterday</pubDate></item></channel></rss>\n' >"$tmp/tabs.xml"
run "$tmp/tabs.xml"
check "tabs expand in the excerpt" sh -c "! grep -q \"$(printf '\t')\" '$tmp/out'"
check "the caret under '<pubDate>' after tabs" caret_ok "$tmp/out" "<pubDate>yesterday"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>a\033[31mred\033]0;x\007</title><link>http://x.com/</link><description>d</description><pubDate>bad</pubDate></channel></rss>\n' >"$tmp/esc.xml"
run "$tmp/esc.xml"
check "no control character reaches the terminal" sh -c "! LC_ALL=C grep -q \"$(printf '[\001-\010\013-\037\177]')\" '$tmp/out'"
python3 -c "
import sys
t = '<?xml version=\"1.0\" encoding=\"gb2312\"?>\n<rss version=\"2.0\"><channel><title>朱镕基</title><link>http://example.com/</link><description>d</description></channel></rss>\n'
open(sys.argv[1], 'wb').write(t.encode('gbk'))" "$tmp/gbk.xml"
run "$tmp/gbk.xml"
check "GBK under a gb2312 label: the report is valid UTF-8" sh -c "iconv -f UTF-8 -t UTF-8 '$tmp/out' >/dev/null 2>&1"
contains "$tmp/out" "<title>朱" "GBK under a gb2312 label: the excerpt is decoded text"
printf '\xef\xbb\xbf<?xml version="1.0"?>\n<rss version="2.0"><channel><title>caf\xe9</title><link>http://x.com/</link><description>d</description></channel></rss>\n' >"$tmp/latin.xml"
run "$tmp/latin.xml"
check "bytes invalid in UTF-8: the report is still valid UTF-8" sh -c "iconv -f UTF-8 -t UTF-8 '$tmp/out' >/dev/null 2>&1"

# ---- in a real terminal: tmux draws the caret under the character
if command -v tmux >/dev/null 2>&1; then
	T="tmux -u -f /dev/null -L feedtools-$$"
	$T new-session -d -x 230 -y 30 -s t "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm PS1= sh" 2>/dev/null
	sleep 0.3
	$T send-keys -t t "clear; '$fc' --color=never '$r/chinese.xml'" Enter
	sleep 1
	$T capture-pane -p -t t >"$tmp/screen"
	# the line with the date and the caret line under it, as on the screen
	row=$(grep -n '<pubDate>星期六' "$tmp/screen" | head -1 | cut -d: -f1)
	caret=$(sed -n "$((${row:-0} + 1))p" "$tmp/screen" 2>/dev/null)
	caret_at=$(printf '%s' "$caret" | awk '{ print index($0, "^") - 1 }')
	# where tmux puts the cursor after the same line up to '<pubDate>':
	# the cells it gives those characters, by its own width table
	prefix=$(sed -n "${row:-0}p" "$tmp/screen" | sed 's/<pubDate>星期六.*//')
	printf '%s' "$prefix" >"$tmp/prefix"
	# (the shell waits, so no prompt comes after it)
	$T send-keys -t t "clear; cat '$tmp/prefix'; sleep 5" Enter
	sleep 1
	cells=$($T display -p -t t '#{cursor_x}')
	cp "$tmp/screen" "$tmp/tmux-screen.txt"
	if [ -n "$row" ] && [ -n "$cells" ] && [ "$caret_at" = "$cells" ]; then
		ok "tmux: the caret stands in cell $caret_at, under '<' of '<pubDate>' after the Chinese title"
	else
		not_ok "tmux: the caret stands in cell ${caret_at:-?}, '<pubDate>' starts in cell ${cells:-?}"
		sed 's/^/#   /' "$tmp/screen" | head -12
	fi
	$T kill-server 2>/dev/null
else
	skip "tmux: the caret under the character" "tmux is not installed (setup.sh installs it)"
fi

# ---- verdicts, totals, hints, -q
run "$d/valid-rss.xml"
status 0 "a valid feed"
check "a valid feed: its verdict, and nothing else" test "$(cat "$tmp/out")" = "$d/valid-rss.xml: valid RSS 2.0"
run "$d/warning-only.xml"
contains "$tmp/out" "$d/warning-only.xml: valid RSS 2.0, 1 warning, 1 info" "warnings: 'valid RSS 2.0, 1 warning, 1 info'"
run --strict "$d/warning-only.xml"
contains "$tmp/out" "invalid under --strict: RSS 2.0, 1 warning, 1 info" "--strict: the verdict says why it fails"
run "$d/invalid-rss.xml" "$d/valid-rss.xml" "$d/invalid.json" "$tmp/nosuch.xml"
status 3 "a batch"
check "a batch: the total at the end" test "$(tail -1 "$tmp/out")" = "4 sources: 1 valid, 2 invalid, 1 not checked; 6 errors, 2 warnings, 1 info"
check "a batch: a verdict line per source" test "$(grep -c ': \(valid\|invalid\|not checked\)' "$tmp/out")" = 4
check "the --explain hint once per rule" test "$(grep -c 'help: feedcheck --explain json-missing-member$' "$tmp/out")" = 1
check "a hint for each rule" test "$(grep -c '    help: feedcheck --explain ' "$tmp/out")" = "$(grep -o '\[[a-z0-9-]*\]$' "$tmp/out" | sort -u | wc -l)"
run -q "$d/invalid-rss.xml" "$d/valid-rss.xml" "$d/warning-only.xml"
check "-q: only the errors' findings (and their excerpts)" sh -c "! grep -q 'help:\|: valid\|: invalid\|sources:\|info:\|warning:' '$tmp/out' && grep -q 'error:' '$tmp/out'"
run --no-excerpt "$d/invalid-rss.xml"
check "--no-excerpt: no line starts with a space but the hints" sh -c "! grep '^ ' '$tmp/out' | grep -vq '^    help: '"
run --format gcc "$d/invalid-rss.xml" "$tmp/nosuch.xml"
check "--format gcc: every line a finding" sh -c "! grep -vq ': \(error\|warning\|info\): .* \[[a-z0-9-]*\]\$' '$tmp/out'"
mkdir -p "$tmp/n"
nl_name="$tmp/n/a
b.xml"
cp "$d/invalid-rss.xml" "$nl_name"
run "$nl_name"
check "a name with a newline is one line, escaped" grep -q '/n/a\\nb.xml:3:1: error:' "$tmp/out"
run --format gcc --stdin-filename public/feed.xml - <"$d/invalid-rss.xml"
"$fc" --format gcc --stdin-filename public/feed.xml - <"$d/invalid-rss.xml" >"$tmp/out" 2>&1
check "--stdin-filename names standard input" grep -q '^public/feed.xml:3:1: error:' "$tmp/out"

# ---- usage errors: once, on standard error, with a rule id
run --bogus "$d/valid-rss.xml"
status 2 "an unknown option"
check "a usage error: the one form, once, on standard error" sh -c "[ ! -s '$tmp/out' ] && [ \"\$(grep -c '^feedcheck: error: unknown option .--bogus. \[usage\]\$' '$tmp/err')\" = 1 ]"
run --severity missing-element=fatal "$d/valid-rss.xml"
status 2 "--severity with a bad level"
run --ignore io-error "$tmp/nosuch.xml"
status 3 "--ignore io-error: still exit 3"
contains "$tmp/out" "[io-error]" "--ignore io-error: still says why"

# ---- --severity
run --severity invalid-rfc822-date=warning --severity missing-element=info "$d/invalid-rss.xml"
status 0 "--severity: both errors made lesser"
contains "$tmp/out" "warning: 'pubDate' must be an RFC 822 date" "--severity: reported at the new level"
run --severity missing-atom-self-link=error "$d/valid-atom.xml" "$d/warning-only.xml"
status 1 "--severity: an info made an error fails"

# ---- .feedcheckrc, --config, --no-config
mkdir -p "$tmp/proj/public/deep"
cp "$d/invalid-rss.xml" "$tmp/proj/public/deep/feed.xml"
cat >"$tmp/proj/.feedcheckrc" <<'RC'
# the project's settings
ignore = missing-atom-self-link, rss-duplicate-enclosure
severity = invalid-rfc822-date=warning
strict
RC
(cd "$tmp/proj/public/deep" && "$fc" feed.xml >"$tmp/out" 2>"$tmp/err"); st=$?
status 1 ".feedcheckrc found two folders up: strict, and the error left"
lacks "$tmp/out" "missing-atom-self-link" ".feedcheckrc: its ignores"
contains "$tmp/out" "warning: 'pubDate'" ".feedcheckrc: its severity override"
(cd "$tmp/proj/public/deep" && "$fc" --no-config feed.xml >"$tmp/out" 2>"$tmp/err"); st=$?
contains "$tmp/out" "missing-atom-self-link" "--no-config: no configuration"
(cd "$tmp/proj/public/deep" && "$fc" --ignore missing-element feed.xml >"$tmp/out" 2>"$tmp/err"); st=$?
status 1 "the command line adds to the configuration (--strict from it still fails the warning)"
printf 'only = invalid-rfc822-date\n' >"$tmp/other.rc"
(cd "$tmp/proj/public/deep" && "$fc" --config "$tmp/other.rc" feed.xml >"$tmp/out" 2>"$tmp/err"); st=$?
check "--config FILE: only its options" sh -c "[ $st -eq 1 ] && grep -q 'invalid-rfc822-date' '$tmp/out' && ! grep -q 'missing-element\]' '$tmp/out'"
printf '# ok\nstrict\ncolour = always\n' >"$tmp/bad.rc"
run --config "$tmp/bad.rc" "$d/valid-rss.xml"
status 2 "a configuration with an unknown key"
contains "$tmp/err" "$tmp/bad.rc:3:1: error: unknown key 'colour'" "the bad key: file, line and rule"
contains "$tmp/err" "[usage]" "the bad key: [usage]"
printf 'urls = list.txt\n' >"$tmp/bad.rc"
run --config "$tmp/bad.rc" "$d/valid-rss.xml"
status 2 "a configuration may not name sources"
printf 'ignore = no-such-rule\n' >"$tmp/bad.rc"
run --config "$tmp/bad.rc" "$d/valid-rss.xml"
check "a configuration with an unknown rule: exit 2, its line" sh -c "[ $st -eq 2 ] && grep -q 'bad.rc:1:1: error: unknown rule' '$tmp/err'"
run --config "$tmp/no-such.rc" "$d/valid-rss.xml"
status 2 "--config with a missing file"

# ---- folders
mkdir -p "$tmp/site/b" "$tmp/site/.git" "$tmp/site/empty"
cp "$d/valid-rss.xml" "$tmp/site/a.xml"
cp "$d/valid-atom.xml" "$tmp/site/b/c.ATOM"
cp "$d/valid.json" "$tmp/site/b/d.json"
cp "$d/invalid-rss.xml" "$tmp/site/b/e.rss"
cp "$d/invalid-rss.xml" "$tmp/site/.git/x.xml"
echo notes >"$tmp/site/notes.txt"
run --format gcc -r "$tmp/site"
status 1 "a folder: its feeds checked"
run -q "$tmp/site"
"$fc" "$tmp/site" | grep ': valid\|: invalid' | cut -d: -f1 >"$tmp/names"
printf '%s\n' "$tmp/site/a.xml" "$tmp/site/b/c.ATOM" "$tmp/site/b/d.json" "$tmp/site/b/e.rss" >"$tmp/want"
same "$tmp/names" "$tmp/want" "a folder: *.xml, *.rss, *.atom, *.json below it, in name order, hidden ones skipped"
run "$tmp/site/empty"
status 3 "a folder without feeds"
contains "$tmp/out" "[io-empty-folder]" "a folder without feeds: io-empty-folder"

# ---- --list-rules --format json
run --list-rules --format json
status 0 "--list-rules --format json"
"$fc" --list-rules | awk '{ print $1 }' >"$tmp/ids"
check "--list-rules --format json: every rule with id, severity, summary, explain" python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))
ids = open(sys.argv[2]).read().split()
sys.exit(0 if [r['id'] for r in a] == ids and all(r['severity'] in ('error', 'warning', 'info') and r['summary'] and r['explain'] for r in a) else 1)" "$tmp/out" "$tmp/ids"
check "the new rules are listed" sh -c "grep -q '^io-timeout$' '$tmp/ids' && grep -q '^usage$' '$tmp/ids'"

# ---- documentation: every option of --help in feedcheck.1 and the README
"$fc" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/help-opts"
missing=
for o in $(cat "$tmp/help-opts"); do
	grep -q -- "$o" "$top/README.md" || missing="$missing $o"
done
check "README mentions every long option of --help${missing:+ (missing:$missing)}" test -z "$missing"
missing=
for f in text gcc json jsonl junit sarif github html; do
	grep -q "^\.SS $f\$" "$top/man/feedcheck.1" || missing="$missing $f"
	grep -q -- "--format $f\|\`$f\`" "$top/README.md" || missing="$missing README:$f"
done
check "every format has its OUTPUT section in feedcheck.1 and a place in the README${missing:+ (missing:$missing)}" test -z "$missing"
check "feedcheck.1's JSON example has the http member" sh -c "sed -n '/^\.SS json/,/^\.SS jsonl/p' '$top/man/feedcheck.1' | grep -q '\"http\": null'"
check "feedcheck.1 describes .feedcheckrc" grep -q 'feedcheckrc' "$top/man/feedcheck.1"

# ---- -v and certificate_checked over HTTP
if command -v python3 >/dev/null 2>&1; then
	python3 "$top/tests/http/server.py" "$tmp/port" --lifetime 120 >"$tmp/server.log" 2>&1 &
	server_pid=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	base=http://127.0.0.1:$(sed -n 1p "$tmp/port")
	# the hops alone: the delivery audit's request is tests/delivery.sh's
	run -v --no-http-audit "$base/redir/a"
	status 0 "-v: a redirect chain"
	check "-v: the request line of each hop" test "$(grep -c '^> GET /redir/[abc] HTTP/1.1' "$tmp/err")" = 3
	check "-v: the status lines and headers of each response" sh -c "[ \"\$(grep -c '^< HTTP/1.[01] ' '$tmp/err')\" = 3 ] && grep -q '^< Location: ' '$tmp/err' && grep -q '^> User-Agent: feedcheck/' '$tmp/err'"
	check "-v: the report itself stays on standard output" sh -c "! grep -q '^[<>*] ' '$tmp/out'"
	run --format json "$base/feed/utf8"
	check "json: certificate_checked is null for http://" python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))['http']['certificate_checked'] is None else 1)" "$tmp/out"
	run "$base/status/404"
	check "a 404 on a terminal's standard error: nothing (printed once, on standard output)" sh -c "[ ! -s '$tmp/err' ] && [ \"\$(grep -c '\[http-status\]' '$tmp/out')\" = 1 ]"
else
	skip "-v over HTTP" "python3 is needed for the test server"
fi
finish
