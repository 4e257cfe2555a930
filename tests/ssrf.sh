#!/bin/sh
# tests/ssrf.sh - what feedcheck fetches or opens because a server or a
# document said so (validate/cli/addr.h, fetch_guard.c): a URL named on
# the command line is fetched as named; a redirect, the feed a web page
# announces and --check-media's artwork and enclosures are hops, which
# reach a loopback, private, multicast or unspecified address only when it
# is the named URL's own, a link-local or cloud metadata address never,
# and --allow-private lifts the first rule only; a file: URL that a page
# or a feed names is never opened.  Each refusal is a finding of its own
# rule (fetch-address-refused, fetch-scheme-refused) at the element that
# named the URL, and strace shows that no connection to the refused
# address was attempted and no refused file opened.
#
# Everything runs inside a network namespace of its own with only
# loopback up (unshare -n, root), with /etc/hosts replaced in a mount
# namespace of its own (unshare -m: the machine's file is not touched) so
# that names resolve to private and metadata addresses: no packet can
# leave 127.0.0.0/8.  Without root, unshare, ip, strace or python3 the
# suite is skipped, saying why.
# Prints TAP lines; exits non-zero when a case fails.
if [ "${FEEDTOOLS_NETNS:-}" != 1 ] && [ "$(id -u)" = 0 ] &&
   command -v unshare >/dev/null 2>&1 && unshare -n -m true 2>/dev/null; then
	exec unshare -n -m env FEEDTOOLS_NETNS=1 sh "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
need_program "$fc"
why=
[ "${FEEDTOOLS_NETNS:-}" = 1 ] || why="needs root and unshare -n -m (a network namespace with loopback only)"
for p in ip strace python3; do
	[ -n "$why" ] || command -v $p >/dev/null 2>&1 || why="needs $p"
done
[ -n "$why" ] || ip link set lo up 2>/dev/null || why="cannot bring loopback up in the namespace"
if [ -z "$why" ]; then
	# the namespace's own /etc/hosts
	cat >"$tmp/hosts" <<'EOF'
127.0.0.1 localhost
10.0.0.1 private.test
169.254.169.254 metadata.test
127.0.0.2 other.test
EOF
	mount --bind "$tmp/hosts" /etc/hosts 2>/dev/null || why="cannot bind-mount /etc/hosts in the mount namespace"
fi
if [ -n "$why" ]; then
	skip "the address policy and file: refusals" "$why"
	finish
fi
[ "$(ip -o link show up | grep -vc ': lo:')" = 0 ] && ok "inside a network namespace with loopback only" ||
	{ not_ok "the namespace has another interface up"; finish; }

www=$tmp/www
mkdir -p "$www"
start_server "$top/tests/podcast/server.py" "$www" --lifetime 120 || finish
pa=$(sed -n 1p "$tmp/port")
A=http://127.0.0.1:$pa
# a second server on another loopback address, keeping connections open
python3 "$top/tests/podcast/server.py" "$tmp/port2" "$www" --lifetime 120 \
	--bind 127.0.0.2 --keep-alive >"$tmp/server2.log" 2>&1 &
pid2=$!
at_exit 'kill "$pid2" 2>/dev/null; wait "$pid2" 2>/dev/null'
i=0
while [ ! -s "$tmp/port2" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/port2" ] || { not_ok "the second server did not start"; finish; }
pb=$(sed -n 1p "$tmp/port2")
B=http://127.0.0.2:$pb

# a secret a refused file: URL would show
printf 'SECRET-7f3a9c\n' >"$tmp/secret.txt"
feed() {
	printf '<rss version="2.0"><channel><title>%s</title><link>https://example.com/</link><description>d</description></channel></rss>\n' "$1"
}
feed one >"$www/feed.xml"
feed two >"$www/feed2.xml"

# quote URL: URL percent-encoded, for the server's /to/ redirects
quote() { python3 -c 'import urllib.parse, sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
# count NAME: how many requests the server on 127.0.0.1 had for NAME
count() {
	python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" "$A/count/$1"
}
# run ARGS...: feedcheck under strace (connect and open), bounded in time
# (lib.sh's run_cmd); the calls in $tmp/calls.  LeakSanitizer cannot run
# under ptrace: an ASan build's leaks are checked by the other suites.
RUN_TIMEOUT=30
run() {
	run_cmd env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=connect,open,openat -o "$tmp/calls" \
		"$fc" --connect-timeout 3 "$@"
}
# says TEXT WHAT: TEXT in the report
says() {
	if grep -qF -- "$1" "$tmp/out"; then ok "$2"; else not_ok "$2: '$1' not said"; show; fi
}
lacks_out() {
	if grep -qF -- "$1" "$tmp/out" "$tmp/err"; then not_ok "$2: '$1' is in the output"; else ok "$2"; fi
}
# no_connect ADDRESS WHAT: no connect() to ADDRESS was attempted
no_connect() {
	if grep 'connect(' "$tmp/calls" | grep -qF "\"$1\""; then
		not_ok "$2: a connection to $1 was attempted"
		grep 'connect(' "$tmp/calls" | grep -F "\"$1\"" | head -2 | sed 's/^/#   /'
	else ok "$2: no connection to $1 attempted"; fi
}
connects() {
	if grep 'connect(' "$tmp/calls" | grep -qF "\"$1\""; then ok "$2: connected to $1"
	else not_ok "$2: no connection to $1"; fi
}
not_opened() {
	if grep -E 'open(at)?\(' "$tmp/calls" | grep -qF "$1"; then not_ok "$2: $1 was opened"
	else ok "$2: $1 never opened"; fi
}
# a sanitizer's runtime reads /proc/self/environ itself when it starts
sanitized=
is_sanitized "$fc" && sanitized=1
not_opened_environ() {
	if [ -n "$sanitized" ]; then skip "$1: /proc/self/environ never opened" "a sanitizer's runtime opens it itself"
	else not_opened /proc/self/environ "$1"; fi
}
exit_is() {
	if [ "$st" -eq "$1" ]; then ok "$2: exit $1"; else not_ok "$2: exit $st, want $1"; show; fi
}

run "$A/f/feed.xml"
if [ "$st" -eq 0 ] && grep -q 'connect(' "$tmp/calls"; then ok "strace sees feedcheck's connections"
else not_ok "strace sees nothing (exit $st)"; show; finish; fi
# a file named on the command line is read (and strace sees it opened)
run "file://$tmp/secret.txt"
if grep -E 'open(at)?\(' "$tmp/calls" | grep -qF secret.txt && grep -q '\[not-xml-or-json\]' "$tmp/out"; then
	ok "a file: URL named on the command line is read"
else not_ok "a file: URL named on the command line is read"; show; fi

# ---- redirects
# redirect TARGET WHAT STATUS [ARGS...]: the server on 127.0.0.1 redirects to TARGET
redirect() {
	r_to=$1 r_what=$2 r_st=$3
	shift 3
	run "$@" "$A/to/$(quote "$r_to")"
	exit_is "$r_st" "$r_what"
}
redirect "$A/f/feed.xml" "a redirect to the named URL's own address" 0
says "valid RSS 2.0" "... is followed and the feed checked"
redirect "$B/f/feed.xml" "a redirect to 127.0.0.2, not the named 127.0.0.1" 3
says "'$B/f/feed.xml' is at 127.0.0.2, a loopback address: not fetched, because a server or a document chose it" "... is refused, saying where and why"
says "[fetch-address-refused]" "... with its own rule"
no_connect 127.0.0.2 "a redirect to 127.0.0.2"
redirect "http://169.254.169.254/latest/meta-data/" "a redirect to the metadata address" 3
says "a cloud metadata address" "... named as what it is"
no_connect 169.254.169.254 "a redirect to 169.254.169.254"
redirect "http://10.0.0.1/feed.xml" "a redirect to 10.0.0.1" 3
says "[fetch-address-refused]" "... refused"
no_connect 10.0.0.1 "a redirect to 10.0.0.1"
redirect "http://192.168.1.1/feed.xml" "a redirect to 192.168.1.1" 3
no_connect 192.168.1.1 "a redirect to 192.168.1.1"
redirect "http://[fe80::1]/feed.xml" "a redirect to [fe80::1]" 3
says "a link-local address" "... named as what it is"
no_connect fe80::1 "a redirect to [fe80::1]"
redirect "http://[::ffff:10.0.0.1]/feed.xml" "a redirect to ::ffff:10.0.0.1 (IPv4-mapped)" 3
says "is at 10.0.0.1, a private address" "... judged as the IPv4 address"
no_connect ::ffff:10.0.0.1 "a redirect to ::ffff:10.0.0.1"
no_connect 10.0.0.1 "a redirect to ::ffff:10.0.0.1"
redirect "http://2130706434:$pb/f/feed.xml" "a redirect to 127.0.0.2 written as a number" 3
no_connect 127.0.0.2 "a redirect to 2130706434"
# names: judged when libcurl connects, whatever the name
redirect "http://private.test:$pa/f/feed.xml" "a redirect to a name of 10.0.0.1" 3
says "'http://private.test:$pa/f/feed.xml' is at 10.0.0.1, a private address" "... the address the name resolved to"
no_connect 10.0.0.1 "a redirect to private.test"
redirect "http://metadata.test/latest/" "a redirect to a name of 169.254.169.254" 3 --allow-private
says "a cloud metadata address" "... refused even with --allow-private"
no_connect 169.254.169.254 "a redirect to metadata.test with --allow-private"
redirect "http://other.test:$pb/f/feed.xml" "a redirect to a name of 127.0.0.2 with --allow-private" 0 --allow-private
connects 127.0.0.2 "--allow-private"
redirect "file://$tmp/secret.txt" "a redirect to a file: URL" 3
says "[http-redirect-bad]" "... refused"
not_opened secret.txt "a redirect to a file: URL"
lacks_out SECRET-7f3a9c "a redirect to a file: URL: the file is not shown"

# a connection another transfer opened to 127.0.0.2 (kept alive) is not
# reused for a hop there: the pre-request callback refuses it
run -j 1 "$B/f/feed.xml" "$A/to/$(quote "http://other.test:$pb/f/feed2.xml")"
if [ "$(grep -c '\[fetch-address-refused\]' "$tmp/out")" = 1 ] && grep -q "feed2.xml' is at 127.0.0.2" "$tmp/out"; then
	ok "a hop that would reuse a connection to 127.0.0.2 is refused"
else not_ok "a hop that would reuse a connection to 127.0.0.2"; show; fi
if [ "$(grep 'connect(' "$tmp/calls" | grep -c '"127.0.0.2"')" = 1 ]; then
	ok "... the one connection to 127.0.0.2 is the named URL's"
else not_ok "... $(grep 'connect(' "$tmp/calls" | grep -c '"127.0.0.2"') connections to 127.0.0.2"; fi
python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" "$B/count/feed2.xml" >"$tmp/n2"
if [ "$(cat "$tmp/n2")" = 0 ]; then ok "... and no request reached it"
else not_ok "... feed2.xml was requested $(cat "$tmp/n2") times"; fi

# a URL named on the command line is fetched as named, wherever it is (in
# this namespace 10.0.0.1 has no route: the connection fails at once)
run "http://10.0.0.1:9/feed.xml"
if [ "$st" -eq 3 ] && grep -q '\[http-connect-failed\]' "$tmp/out" && ! grep -q '\[fetch-address-refused\]' "$tmp/out"; then
	ok "a named URL at 10.0.0.1 is fetched as named (here: no route)"
else not_ok "a named URL at 10.0.0.1 (exit $st)"; show; fi
connects 10.0.0.1 "a named URL"

# ---- a web page's feeds
# page NAME HREF: a page announcing HREF on its line 3
page() {
	printf '<!DOCTYPE html>\n<html><head><title>p</title>\n<link rel="alternate" type="application/rss+xml" href="%s">\n</head><body>x</body></html>\n' "$2" >"$www/$1"
}
page same.html "$A/f/feed.xml"
run "$A/f/same.html"
says "[html-feed-followed]" "a page's feed at the named URL's own address is followed"
page meta.html "http://169.254.169.254/latest/meta-data/"
run "$A/f/meta.html"
exit_is 1 "a page announcing the metadata address"
if grep -q "^$A/f/meta.html:3:1: error: .*169.254.169.254, a cloud metadata address.*\[fetch-address-refused\]" "$tmp/out"; then
	ok "... refused at the <link> (3:1)"
else not_ok "... refused at the <link> (3:1)"; show; fi
no_connect 169.254.169.254 "a page announcing 169.254.169.254"
page private.html "http://private.test/feed.xml"
run "$A/f/private.html"
says "is at 10.0.0.1, a private address" "a page announcing a name of 10.0.0.1: refused"
no_connect 10.0.0.1 "a page announcing private.test"
page other.html "$B/f/feed.xml"
run "$A/f/other.html"
says "[fetch-address-refused]" "a page announcing 127.0.0.2: refused"
no_connect 127.0.0.2 "a page announcing 127.0.0.2"
page redir.html "$A/to/$(quote "http://10.0.0.1/feed.xml")"
run "$A/f/redir.html"
says "is at 10.0.0.1, a private address" "a page's feed that redirects to 10.0.0.1: refused"
no_connect 10.0.0.1 "a page's feed that redirects to 10.0.0.1"
for fmt in text json html sarif; do
	page file.html "file://$tmp/secret.txt"
	run --format $fmt "$A/f/file.html"
	if [ "$st" -eq 1 ] && grep -q 'fetch-scheme-refused' "$tmp/out"; then
		ok "--format $fmt: a page announcing a file: URL: [fetch-scheme-refused]"
	else not_ok "--format $fmt: a page announcing a file: URL (exit $st)"; show; fi
	not_opened secret.txt "--format $fmt: a page announcing a file: URL"
	lacks_out SECRET-7f3a9c "--format $fmt: a page announcing a file: URL: nothing of the file is shown"
done
run "$A/f/file.html"
if grep -q "^$A/f/file.html:3:1: error: the page announces 'file://$tmp/secret.txt', which is not an http or https URL: not followed" "$tmp/out"; then
	ok "the file: refusal is at the <link> (3:1)"
else not_ok "the file: refusal is at the <link> (3:1)"; show; fi
page tofile.html "$A/to/$(quote "file://$tmp/secret.txt")"
run "$A/f/tofile.html"
if grep -q "^$A/f/tofile.html:3:1: error: .*which is not an http or https URL: not followed \[http-redirect-bad\]" "$tmp/out"; then
	ok "a page's feed that redirects to a file: URL: refused at the <link> (3:1)"
else not_ok "a page's feed that redirects to a file: URL"; show; fi
not_opened secret.txt "a page's feed that redirects to a file: URL"
page environ.html "file:///proc/self/environ"
FEEDCHECK_TEST_TOKEN=TOKEN-5d1e
export FEEDCHECK_TEST_TOKEN
run "$A/f/environ.html"
unset FEEDCHECK_TEST_TOKEN
not_opened_environ "a page announcing file:///proc/self/environ"
lacks_out TOKEN-5d1e "a page announcing file:///proc/self/environ: the environment is not shown"

# ---- --check-media
head -c 2000 /dev/zero >"$www/ep.mp3"
cat >"$www/pod.xml" <<EOF
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>t</title><link>https://example.com/</link><description>d</description>
<itunes:image href="file://$tmp/secret.txt"/>
<item><title>1</title><guid isPermaLink="false">urn:1</guid>
<enclosure url="$A/f/ep.mp3" length="2000" type="audio/mpeg"/></item>
<item><title>2</title><guid isPermaLink="false">urn:2</guid>
<enclosure url="http://169.254.169.254/ep.mp3" length="2000" type="audio/mpeg"/></item>
<item><title>3</title><guid isPermaLink="false">urn:3</guid>
<enclosure url="$B/f/ep.mp3" length="2000" type="audio/mpeg"/></item>
<item><title>4</title><guid isPermaLink="false">urn:4</guid>
<enclosure url="http://private.test/ep.mp3" length="2000" type="audio/mpeg"/></item>
<item><title>5</title><guid isPermaLink="false">urn:5</guid>
<enclosure url="$A/to/$(quote "http://10.0.0.1/ep.mp3")" length="2000" type="audio/mpeg"/></item>
<item><title>6</title><guid isPermaLink="false">urn:6</guid>
<enclosure url="file:///proc/self/environ" length="2000" type="audio/mpeg"/></item>
<item><title>7</title><guid isPermaLink="false">urn:7</guid>
<enclosure url="$A/to/$(quote "file://$tmp/secret.txt")" length="2000" type="audio/mpeg"/></item>
</channel></rss>
EOF
run --check-media "$A/f/pod.xml"
# where_rule LINE RULE WHAT: RULE at line LINE of pod.xml
where_rule() {
	if grep -q "^$A/f/pod.xml:$1:[0-9]*: [a-z]*: .*\[$2\]" "$tmp/out"; then ok "$3: [$2] at line $1"
	else not_ok "$3: [$2] not at line $1"; grep -v '^    ' "$tmp/out" | grep "$A/f/pod.xml:$1:" | sed 's/^/#   /'; fi
}
where_rule 3 fetch-scheme-refused "--check-media: a file: artwork"
where_rule 7 fetch-address-refused "--check-media: an enclosure at 169.254.169.254"
where_rule 9 fetch-address-refused "--check-media: an enclosure at 127.0.0.2"
where_rule 11 fetch-address-refused "--check-media: an enclosure at a name of 10.0.0.1"
where_rule 13 fetch-address-refused "--check-media: an enclosure that redirects to 10.0.0.1"
where_rule 15 fetch-scheme-refused "--check-media: a file: enclosure"
where_rule 17 http-redirect-bad "--check-media: an enclosure that redirects to a file: URL"
if grep "^$A/f/pod.xml:5:" "$tmp/out" | grep -q 'refused'; then not_ok "--check-media: the enclosure at the named address is refused"
else ok "--check-media: the enclosure at the named URL's own address is fetched"; fi
[ "$(count ep.mp3)" -ge 1 ] && ok "... and the server had the request" || not_ok "... the server had no request for ep.mp3"
for a in 169.254.169.254 127.0.0.2 10.0.0.1; do no_connect $a "--check-media"; done
not_opened secret.txt "--check-media: a file: artwork"
not_opened_environ "--check-media: a file: enclosure"
lacks_out SECRET-7f3a9c "--check-media: nothing of the file is shown"

# a feed that is a file names no address: its media on loopback need
# --allow-private
cp "$www/pod.xml" "$tmp/pod.xml"
run --check-media "$tmp/pod.xml"
if grep -q "^$tmp/pod.xml:5:.*127.0.0.1, a loopback address.*\[fetch-address-refused\]" "$tmp/out"; then
	ok "--check-media on a file: an enclosure on 127.0.0.1 is refused"
else not_ok "--check-media on a file: an enclosure on 127.0.0.1"; show; fi
no_connect 127.0.0.1 "--check-media on a file"
run --check-media --allow-private "$tmp/pod.xml"
if ! grep "^$tmp/pod.xml:5:" "$tmp/out" | grep -q refused && ! grep "^$tmp/pod.xml:9:" "$tmp/out" | grep -q refused; then
	ok "--check-media --allow-private on a file: the loopback enclosures are fetched"
else not_ok "--check-media --allow-private on a file"; show; fi
where_rule_f() { grep -q "^$tmp/pod.xml:$1:.*\[$2\]" "$tmp/out" && ok "$3" || { not_ok "$3"; show; }; }
where_rule_f 7 fetch-address-refused "--allow-private: the metadata enclosure is still refused"
where_rule_f 15 fetch-scheme-refused "--allow-private: the file: enclosure is still refused"
no_connect 169.254.169.254 "--check-media --allow-private"

# ---- --allow-private is the caller's: a .feedcheckrc cannot set it
mkdir -p "$tmp/proj"
printf 'allow-private\n' >"$tmp/proj/.feedcheckrc"
(cd "$tmp/proj" && "$fc" "$A/f/feed.xml" >"$tmp/out" 2>"$tmp/err")
st=$?
if [ "$st" -eq 2 ] && grep -q "allow-private" "$tmp/err" && grep -q '\[usage\]' "$tmp/err"; then
	ok ".feedcheckrc cannot set allow-private (usage, exit 2)"
else not_ok ".feedcheckrc with allow-private: exit $st"; sed 's/^/#   /' "$tmp/err" | head -3; fi
finish
