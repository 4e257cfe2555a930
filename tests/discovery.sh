#!/bin/sh
# tests/discovery.sh - web pages and plain text over HTTP, against
# tests/podcast/server.py on 127.0.0.1 (port 0, port file): a page's
# <link rel="alternate"> feed is followed, one hop, and checked under its
# own URL, the other feeds listed (html-feed-followed, html-feed-link); a
# page without feeds and plain text are reported as such; a feed that
# cannot be fetched leaves the page's report; a page that announces a page
# is not followed twice; --check-media follows too.  Bounded in time.
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "web pages over HTTP" "python3 is needed for the test server"
	finish
fi
limit=20
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && limit=200

www=$tmp/www
mkdir -p "$www"
start_server "$top/tests/podcast/server.py" "$www" --lifetime 300 || finish
base=http://127.0.0.1:$(sed -n 1p "$tmp/port")

RUN_TIMEOUT=$limit
no_rule() {
	if grep -q "\[$1\]" "$tmp/out"; then not_ok "$2: [$1] reported"; show
	else ok "$2: no [$1]"; fi
}
# count NAME: how many requests the server had for NAME
count() {
	python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())" "$base/count/$1"
}
says() {
	if grep -qF -- "$1" "$tmp/out"; then ok "$2"; else not_ok "$2: '$1' not said"; show; fi
}

# ---- the documents
cat >"$www/podcast.xml" <<'EOF'
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>t</title><link>https://example.com/</link><description>d</description>
<itunes:image href="MEDIA/f/art.png"/>
<item><title>One</title><guid isPermaLink="false">urn:x:1</guid>
<enclosure url="MEDIA/noranges/ep.mp3" length="10" type="audio/mpeg"/></item>
</channel></rss>
EOF
sed -i "s|MEDIA|$base|g" "$www/podcast.xml"
head -c 10 /dev/zero >"$www/ep.mp3"
python3 "$top/tests/podcast/mkimage.py" "$www/art.png" png 1400 1400 rgb
cat >"$www/page.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Home</title>
<link rel="alternate" type="application/rss+xml" title="Podcast" href="podcast.xml">
<link rel="alternate" type="application/atom+xml" href="/f/atom.atom">
</head><body><p>Welcome</body></html>
EOF
cat >"$www/nofeed.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Nothing</title></head><body>no feed here</body></html>
EOF
cat >"$www/broken.html" <<'EOF'
<html><head><link rel="alternate" type="application/rss+xml" href="/f/missing.xml"></head></html>
EOF
cat >"$www/loop.html" <<'EOF'
<html><head><link rel="alternate" type="application/rss+xml" href="/f/nofeed.html"></head></html>
EOF
printf 'User-agent: *\nDisallow:\n' >"$www/robots.txt"

# ---- a page: its first feed followed
run "$base/f/page.html"
if [ "$st" -eq 0 ]; then ok "a page whose feed is fine: exit 0"; else not_ok "a page: exit $st"; show; fi
says "$base/f/podcast.xml: info: '$base/f/page.html' is an HTML page: checked the feed it announces, '$base/f/podcast.xml' [html-feed-followed]" \
	"the hop is said, under the feed's URL"
says "the page also announces '$base/f/atom.atom' (application/atom+xml): not checked [html-feed-link]" \
	"the other feed is listed, absolute"
if grep -q "^$base/f/podcast.xml:5:1: warning: .*\[itunes-missing-element\]\|^$base/f/podcast.xml:2:1: .*\[itunes-missing-element\]" "$tmp/out"; then
	ok "the feed itself is checked, with its own lines"
else not_ok "the feed itself is checked, with its own lines"; show; fi
no_rule html-page "a followed page"
no_rule http-content-type-not-feed "the page's text/html"
if [ "$(count podcast.xml)" -ge 1 ] && [ "$(count atom.atom)" = 0 ]; then ok "only the first feed is fetched"
else not_ok "the second feed was fetched too ($(count atom.atom))"; fi
run --format json "$base/f/page.html"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['source'].endswith('/f/podcast.xml') and d['http']['status'] == 200 and d['format'] == 'rss2.0' else 1)" "$tmp/out"; then
	ok "--format json: the source is the feed, with its HTTP"
else not_ok "--format json: the source is the feed"; head -20 "$tmp/out" | sed 's/^/#   /'; fi
run --format junit "$base/f/page.html" "$base/f/nofeed.html"
if grep -q "podcast.xml" "$tmp/out" && grep -q 'html-page' "$tmp/out"; then ok "--format junit after following"
else not_ok "--format junit after following"; fi

# ---- not followed: no feed, the feed is gone, one hop only, plain text
run "$base/f/nofeed.html"
if [ "$st" -eq 1 ]; then ok "a page without feeds: exit 1"; else not_ok "a page without feeds: exit $st"; fi
says "$base/f/nofeed.html:2:1: error: this is an HTML page, not a feed (it announces none with <link rel=\"alternate\">) [html-page]" \
	"a page without feeds: [html-page] at its line"
run "$base/f/broken.html"
if [ "$st" -eq 1 ]; then ok "a page whose feed is 404: exit 1, not 3"; else not_ok "a page whose feed is 404: exit $st"; show; fi
has_rule html-page "a page whose feed is 404"
has_rule html-feed-link "a page whose feed is 404"
says "'$base/f/missing.xml' answered HTTP status 404 [http-status]" "the feed's status is said"
run "$base/f/loop.html"
has_rule html-feed-followed "a page that announces a page"
if grep -q "\[html-page\]" "$tmp/out" && [ "$(grep -c '\[html-feed-followed\]' "$tmp/out")" -eq 1 ]; then
	ok "one hop: the second page is reported, not followed"
else not_ok "one hop only"; show; fi
run "$base/f/robots.txt"
if [ "$st" -eq 1 ] && grep -q "robots.txt:1:1: error: the document is neither XML nor JSON: it starts with 'User-agent: \*' \[not-xml-or-json\]" "$tmp/out"; then
	ok "plain text over HTTP: [not-xml-or-json]"
else not_ok "plain text over HTTP: [not-xml-or-json]"; show; fi

# ---- the followed feed's media
run --check-media "$base/f/page.html"
has_rule media-check-no-range "--check-media on a page: the followed feed's enclosure"
no_rule artwork-size "--check-media on a page: a good artwork"
if [ "$ms" -lt 10000 ]; then ok "all of it in ${ms} ms"; else not_ok "took ${ms} ms"; fi

# ---- many pages at once, in order
run -j 4 "$base/f/page.html" "$base/f/nofeed.html" "$base/f/page.html" "$base/f/robots.txt"
if awk '/\[html-feed-followed\]/ && !a { a = NR } /nofeed.html.*\[html-page\]/ { b = NR } /robots.txt.*\[not-xml-or-json\]/ { c = NR }
	END { exit !(a && b && c && a < b && b < c) }' "$tmp/out" && [ "$(grep -c '\[html-feed-followed\]' "$tmp/out")" -eq 2 ]; then
	ok "several sources: the reports in their order"
else not_ok "several sources: the reports in their order"; show 30; fi
finish
