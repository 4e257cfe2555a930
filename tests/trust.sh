#!/bin/sh
# tests/trust.sh - what feedcheck reads on its own, without a URL: the
# folder walk follows no symbolic link (as grep -r: a link below a folder
# is a skipped source, io-link-skipped, and nothing of its target is read
# or shown in any format; a file named is read even when it is a link),
# and a .feedcheckrc found above the current folder is read only when it
# and its folder belong to the caller or root and nobody else may write
# them (config-ignored, on standard error, as git's safe.directory);
# --config names a file to read whoever owns it.  The ownership cases
# need root (chown to nobody) and are skipped without it, saying so.
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"
need_program "$fc"

feed() {
	printf '<rss version="2.0"><channel><title>%s</title><link>https://example.com/</link><description>d</description></channel></rss>\n' "$1"
}
tracer=
command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null && tracer=1
# run ARGS...: feedcheck (lib.sh's run_cmd) under strace, its opens in
# $tmp/calls, when strace is there.  LeakSanitizer cannot run under ptrace.
run() {
	if [ -n "$tracer" ]; then
		run_cmd env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			strace -f -qq -e trace=open,openat -o "$tmp/calls" "$fc" "$@"
	else
		: >"$tmp/calls"
		run_cmd "$fc" "$@"
	fi
}
says() { if grep -qF -- "$1" "$tmp/out"; then ok "$2"; else not_ok "$2: '$1' not said"; show; fi; }
hides() { if grep -qF -- "$1" "$tmp/out" "$tmp/err"; then not_ok "$2: '$1' is shown"; else ok "$2"; fi; }
not_opened() {
	if [ -z "$tracer" ]; then skip "$2: $1 never opened" "strace is not here"
	elif grep -E 'open(at)?\(' "$tmp/calls" | grep -qF "$1"; then not_ok "$2: $1 was opened"
	else ok "$2: $1 never opened"; fi
}

# ---- the walk
pub=$tmp/pub
mkdir -p "$pub/sub" "$tmp/outside"
feed ok >"$pub/ok.xml"
feed deep >"$pub/sub/deep.xml"
printf 'SECRET-b41d\n' >"$tmp/secret.txt"
chmod 600 "$tmp/secret.txt"
feed outside >"$tmp/outside/out.xml"
ln -s "$tmp/secret.txt" "$pub/feed.xml"
ln -s /proc/self/environ "$pub/environ.atom"
ln -s "$tmp/outside" "$pub/linkdir"
ln -s "$tmp/nowhere.xml" "$pub/dangling.rss"
ln -s "$tmp/secret.txt" "$pub/notes.txt"
FEEDCHECK_TEST_TOKEN=TOKEN-e9c2
export FEEDCHECK_TEST_TOKEN
run "$pub"
if [ "$st" -eq 0 ]; then ok "a folder with links: exit 0 (a skipped link is an info)"; else not_ok "a folder with links: exit $st"; show; fi
for l in feed.xml environ.atom dangling.rss; do
	says "$pub/$l: info: '$pub/$l' is a symbolic link below a folder: not followed (name it to check it) [io-link-skipped]" \
		"$l, a link below the folder: [io-link-skipped]"
	says "$pub/$l: skipped: not read" "$l: its verdict says skipped"
done
says "'$pub/linkdir' is a symbolic link to a folder below a folder: not followed" "a link to a folder: [io-link-skipped]"
hides "out.xml" "the folder a link leads to is not walked"
hides "notes.txt" "a link without a feed file's name is not listed"
says "$pub/ok.xml: valid RSS 2.0" "the real feed is checked"
says "$pub/sub/deep.xml: valid RSS 2.0" "the real feed below is checked"
says "6 sources: 2 valid, 0 invalid, 4 skipped" "the total counts the skipped links"
hides SECRET-b41d "the link's target is not shown"
hides TOKEN-e9c2 "/proc/self/environ is not shown"
# a link is opened by its own name (the kernel follows it)
not_opened "$pub/feed.xml" "a link below a folder"
not_opened "$pub/environ.atom" "a link below a folder"
not_opened "$pub/linkdir" "a link to a folder below a folder"
for fmt in json jsonl junit sarif github html gcc; do
	run --format $fmt "$pub"
	if [ "$st" -eq 0 ] && grep -q 'io-link-skipped' "$tmp/out" && ! grep -q 'SECRET-b41d\|TOKEN-e9c2' "$tmp/out"; then
		ok "--format $fmt: the links are skipped, nothing of them shown, exit 0"
	else not_ok "--format $fmt: exit $st"; show; fi
done
run --format json "$pub"
if python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
s = [x for x in d if x['source'].endswith('/feed.xml')][0]
ok = [(g['rule'], g['severity']) for g in s['diagnostics']] == [('io-link-skipped', 'info')]
sys.exit(0 if ok and s['summary']['errors'] == 0 else 1)" "$tmp/out" 2>/dev/null; then
	ok "--format json: the link is a source with one info finding"
else not_ok "--format json: the link is a source with one info finding"; fi
run -q "$pub"
if [ "$st" -eq 0 ] && [ ! -s "$tmp/out" ]; then ok "-q: nothing to say about skipped links"; else not_ok "-q: exit $st"; show; fi
run "$pub/feed.xml"
says "SECRET-b41d" "a link named on the command line is read (its first line quoted)"
if [ -z "$tracer" ]; then skip "strace sees the link opened" "strace is not here"
elif grep -E 'open(at)?\(' "$tmp/calls" | grep -qF "$pub/feed.xml"; then ok "strace sees the link named opened"
else not_ok "strace does not see the link named opened"; fi
unset FEEDCHECK_TEST_TOKEN
ln -s "$pub" "$tmp/publink"
run "$tmp/publink"
says "$tmp/publink/ok.xml: valid RSS 2.0" "a folder named as a link is walked"
mkdir -p "$tmp/only"
ln -s "$tmp/outside/out.xml" "$tmp/only/a.xml"
run "$tmp/only"
if [ "$st" -eq 3 ] && grep -q "below '$tmp/only' but 1 symbolic link, not followed \[io-empty-folder\]" "$tmp/out"; then
	ok "a folder of links only: [io-empty-folder] says so (exit 3)"
else not_ok "a folder of links only: exit $st"; show; fi

# ---- .feedcheckrc: whose it is
proj=$tmp/proj
mkdir -p "$proj/sub"
cat >"$proj/feed.xml" <<'EOF'
<rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description><item><title>x</title></item></channel></rss>
EOF
chmod 755 "$proj"
printf 'ignore = rss-missing-guid\n' >"$proj/.feedcheckrc"
chmod 644 "$proj/.feedcheckrc"
# inrc: feedcheck from $proj/sub on ../feed.xml; $st, $tmp/out, $tmp/err
inrc() { (cd "$proj/sub" && "$fc" --format gcc "$@" ../feed.xml >"$tmp/out" 2>"$tmp/err"); st=$?; }
read_rc() {
	if ! grep -q 'rss-missing-guid' "$tmp/out" && [ ! -s "$tmp/err" ]; then ok "$1: read"
	else not_ok "$1: not read"; show; fi
}
ignored() {
	if grep -q 'rss-missing-guid' "$tmp/out" &&
	   grep -q "^$proj/.feedcheckrc: warning: not read: $2.*\[config-ignored\]" "$tmp/err"; then
		ok "$1: ignored, with a warning on standard error"
	else not_ok "$1: not ignored as it should be"; show; fi
}
inrc
read_rc "a .feedcheckrc of the caller's, above the current folder"
chmod o+w "$proj/.feedcheckrc"
inrc
ignored "a .feedcheckrc others may write" "others may write it (mode 0646)"
chmod o-w,g+w "$proj/.feedcheckrc"
inrc
ignored "a .feedcheckrc the group may write" "others may write it (mode 0664)"
chmod 644 "$proj/.feedcheckrc"
chmod o+w "$proj"
inrc
ignored "a .feedcheckrc in a folder others may write" "others may write its folder (mode 0757)"
chmod +t "$proj"
inrc
read_rc "a .feedcheckrc of the caller's in a sticky folder others may write"
chmod 755 "$proj"
inrc --config ../.feedcheckrc
read_rc "--config names it"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chown nobody "$proj/.feedcheckrc"
	inrc
	ignored "a .feedcheckrc of another user (nobody)" "it belongs to another user (uid $(id -u nobody)), not to you or root"
	if [ "$(grep -c . "$tmp/err")" = 1 ]; then ok "... one line"; else not_ok "... $(grep -c . "$tmp/err") lines"; fi
	inrc --config ../.feedcheckrc
	read_rc "--config reads it whoever owns it"
	inrc --no-config
	if [ ! -s "$tmp/err" ]; then ok "--no-config: not looked at, no warning"; else not_ok "--no-config warns"; show; fi
	chown root "$proj/.feedcheckrc"
	chown nobody "$proj"
	inrc
	ignored "a .feedcheckrc in a folder of another user" "its folder belongs to another user"
	chown root "$proj"
	inrc
	read_rc "a .feedcheckrc of root's, read by root"
	# as nobody: a file of root's is read
	chmod 755 "$tmp" "$proj/sub"
	if su -s /bin/sh nobody -c "test -x '$fc' && cd '$proj/sub'" 2>/dev/null; then
		su -s /bin/sh nobody -c "cd '$proj/sub' && '$fc' --format gcc ../feed.xml" >"$tmp/out" 2>"$tmp/err"
		read_rc "nobody reads root's .feedcheckrc"
	else
		skip "nobody reads root's .feedcheckrc" "nobody cannot run $fc (a folder above it is private)"
	fi
else
	skip "a .feedcheckrc of another user" "needs root and the user nobody"
fi
finish
