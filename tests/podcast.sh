#!/bin/sh
# tests/podcast.sh - the podcast rules on files: Apple's, PSP-1's
# and Spotify's requirements, the podcast namespace, --profile, and the
# documents that are not feeds (a web page and its feed links, plain text).
# Each tests/podcast/*.xml opens with a comment that says what to expect:
#   status: N          the exit status (default 1 when something is expected)
#   profile: NAME      run with --profile NAME
#   expect: RULE...    each rule is reported
#   lacks: RULE...     none of them is
#   at: RULE LINE      the rule is reported at that line
#   says: TEXT         the output has TEXT
#   count: RULE N      the rule is reported N times
#   expect-nothing     no finding at all, with --strict and every profile
# Then the cases made here (a description of 4001 bytes, a feed in
# ISO-8859-1), and a check that every podcast rule has a case.  Each run is
# bounded in time; memory is measured unless under valgrind or a sanitizer.
# Prints TAP lines; exits non-zero when a case fails.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
cases=$top/tests/podcast

measure=0
can_measure "$fc" && measure=1
# run (lib.sh), bounded in time (longer where a sanitizer or valgrind
# slows it), its output and errors in $tmp/out
RUN_MEASURE=$measure RUN_MERGE=1 RUN_TIMEOUT=20
[ "$measure" = 1 ] || RUN_TIMEOUT=60
has() { grep -q "\[$1\]" "$tmp/out"; }

# ---- the cases of tests/podcast/
for f in "$cases"/*.xml; do
	name=${f##*/}
	head=$(sed -n '1,/-->/p' "$f")
	want=$(echo "$head" | sed -n 's/^ *status: *//p')
	profile=$(echo "$head" | sed -n 's/^ *profile: *//p')
	set --
	[ -n "$profile" ] && set -- --profile "$profile"
	if echo "$head" | grep -q 'expect-nothing'; then
		for p in "" apple spotify podcastindex; do
			# findings only (the gcc form has no verdict line)
			if [ -n "$p" ]; then run --format gcc --strict --profile "$p" "$f"
			else run --format gcc --strict "$f"; fi
			if [ "$st" -eq 0 ] && [ ! -s "$tmp/out" ]; then ok "$name: no finding${p:+ under --profile $p}"
			else not_ok "$name: no finding${p:+ under --profile $p} (exit $st)"; show; fi
		done
		continue
	fi
	run "$@" "$f"
	[ -n "$want" ] || want=1
	if [ "$st" -eq "$want" ]; then ok "$name: exit $want"
	else not_ok "$name: exit $st, want $want"; show; fi
	for r in $(echo "$head" | sed -n 's/^ *expect: *//p' | sed 's/-->//'); do
		if has "$r"; then ok "$name: [$r]"; else not_ok "$name: [$r] missing"; show 40; fi
	done
	for r in $(echo "$head" | sed -n 's/^ *lacks: *//p' | sed 's/-->//'); do
		if has "$r"; then not_ok "$name: [$r] reported"; show; else ok "$name: no [$r]"; fi
	done
	head_checks "$name" "$head"
done

# ---- made here: 4001 bytes of description; a feed in ISO-8859-1
pod_head='<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>t</title><link>https://example.com/</link>'
{
	printf '%s<description>' "$pod_head"
	awk 'BEGIN { for (i = 0; i < 4001; i++) printf "x" }'
	printf '</description><item><title>e</title><description>short</description></item></channel></rss>\n'
} >"$tmp/long.xml"
run "$tmp/long.xml"
if has podcast-description-too-long && grep -q 'description is 4001 bytes' "$tmp/out"; then
	ok "a channel description of 4001 bytes: [podcast-description-too-long]"
else not_ok "a channel description of 4001 bytes: [podcast-description-too-long] missing"; show; fi
{
	printf '%s<description>' "$pod_head"
	awk 'BEGIN { for (i = 0; i < 2000; i++) printf "\303\251" }'
	printf '</description><item><title>e</title></item></channel></rss>\n'
} >"$tmp/exact.xml"
run "$tmp/exact.xml"
if has podcast-description-too-long; then not_ok "4000 bytes of UTF-8 (2000 characters) pass"; show
else ok "4000 bytes of UTF-8 (2000 characters) pass"; fi
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n%s<description>caf\351</description><item><title>e</title></item></channel></rss>\n' "$pod_head" >"$tmp/latin1.xml"
run "$tmp/latin1.xml"
if has podcast-not-utf8 && grep -q 'the feed is in ISO-8859-1' "$tmp/out"; then
	ok "a podcast in ISO-8859-1: [podcast-not-utf8]"
else not_ok "a podcast in ISO-8859-1: [podcast-not-utf8] missing"; show; fi
run --profile apple "$tmp/latin1.xml"
if grep -q 'error: .*\[podcast-not-utf8\]' "$tmp/out"; then ok "--profile apple: [podcast-not-utf8] is an error"
else not_ok "--profile apple: [podcast-not-utf8] is not an error"; show; fi

# ---- --profile: usage, and what --explain says
run --profile bogus "$cases/good.xml"
if [ "$st" -eq 2 ] && grep -q "profile takes apple, spotify or podcastindex" "$tmp/out"; then
	ok "--profile bogus: usage error (exit 2)"
else not_ok "--profile bogus: exit $st"; show; fi
run --explain podcast-enclosure-reused
if grep -q 'An error under --profile apple, podcastindex' "$tmp/out"; then ok "--explain names the profiles"
else not_ok "--explain names the profiles"; show; fi

# ---- documents that are not feeds, as files
printf 'Hello, world.\nThis is plain text.\n' >"$tmp/text.txt"
run "$tmp/text.txt"
if [ "$st" -eq 1 ] && grep -q "text.txt:1:1: error: the document is neither XML nor JSON: it starts with 'Hello, world.' \[not-xml-or-json\]" "$tmp/out"; then
	ok "plain text: [not-xml-or-json] at 1:1"
else not_ok "plain text: [not-xml-or-json]"; show; fi
if grep -q 'document is empty' "$tmp/out"; then not_ok "plain text is not called empty"; else ok "plain text is not called empty"; fi
printf '\n\n   %s\n' '# Title' >"$tmp/md.txt"
run "$tmp/md.txt"
if grep -q 'md.txt:3:4: error: .*\[not-xml-or-json\]' "$tmp/out"; then ok "plain text after blank lines: its line and column"
else not_ok "plain text after blank lines: its line and column"; show; fi
printf '   \n' >"$tmp/blank.txt"
run "$tmp/blank.txt"
if has not-a-feed && grep -q 'the document is empty' "$tmp/out"; then ok "white space only is still empty"
else not_ok "white space only is still empty"; show; fi
cat >"$tmp/page.html" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<title>A site</title>
<base href="https://example.com/blog/">
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="Posts" href="feed.xml">
  <link rel="Alternate home" type="application/atom+xml" href="/atom.xml">
<link rel="alternate" type="application/feed+json" href="https://cdn.example.org/feed.json">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
</head>
<body><p>Tag soup & <b>bold<br></p>
<link rel="alternate" type="application/rss+xml" href="late.xml">
</body></html>
EOF
run "$tmp/page.html"
if [ "$st" -eq 1 ] && grep -q 'page.html:2:1: error: this is an HTML page, not a feed \[html-page\]' "$tmp/out"; then
	ok "an HTML page: [html-page] at its html element"
else not_ok "an HTML page: [html-page]"; show; fi
if grep -q "page.html:7:1: info: the page announces a feed: 'https://example.com/blog/feed.xml' (application/rss+xml, \"Posts\") \[html-feed-link\]" "$tmp/out" &&
	grep -q "page.html:8:3: info: the page announces a feed: 'https://example.com/atom.xml' (application/atom+xml)" "$tmp/out" &&
	grep -q "page.html:9:1: info: the page announces a feed: 'https://cdn.example.org/feed.json'" "$tmp/out"; then
	ok "its feeds: absolute against <base href>, with line and column"
else not_ok "its feeds: absolute against <base href>"; show 20; fi
if [ "$(grep -c '\[html-feed-link\]' "$tmp/out")" -eq 3 ]; then ok "only the feed types, only in the head"
else not_ok "only the feed types, only in the head"; show 20; fi
for r in xml-not-well-formed not-a-feed; do
	if has "$r"; then not_ok "an HTML page: no [$r]"; else ok "an HTML page: no [$r]"; fi
done
printf '<html><head><link rel="alternate" type="application/rss+xml" href="rel.xml"></head></html>' >"$tmp/nobase.html"
run "$tmp/nobase.html"
if grep -q "announces a feed: 'rel.xml'" "$tmp/out"; then ok "a file without a base: the link as written"
else not_ok "a file without a base: the link as written"; show; fi
printf '<html><body><p>no feed here</p></body></html>' >"$tmp/nofeed.html"
run "$tmp/nofeed.html"
if grep -q 'it announces none with <link rel="alternate">' "$tmp/out"; then ok "a page without feeds says so"
else not_ok "a page without feeds says so"; show; fi
printf '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body/></html>\n' >"$tmp/xhtml.html"
run "$tmp/xhtml.html"
if has html-page && ! has not-a-feed; then ok "well-formed XHTML is a page too"
else not_ok "well-formed XHTML is a page too"; show; fi
printf '<opml version="2.0"><head/><body/></opml>' >"$tmp/opml.xml"
run "$tmp/opml.xml"
if has not-a-feed && ! has html-page; then ok "XML that is no feed and no page: [not-a-feed]"
else not_ok "XML that is no feed and no page: [not-a-feed]"; show; fi

# ---- bounds: a big podcast in time and memory
{
	printf '%s<description>d</description>' "$pod_head"
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		printf "<item><title>Item %d</title><guid isPermaLink=\"false\">urn:x:%d</guid><enclosure url=\"https://example.com/%d.mp3\" length=\"1\" type=\"audio/mpeg\"/><podcast:person xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">P</podcast:person></item>\n", i, i, i }'
	printf '</channel></rss>\n'
} >"$tmp/big.xml"
t0=$(date +%s%N)
run --format jsonl "$tmp/big.xml"
ms=$((($(date +%s%N) - t0) / 1000000))
if [ "$st" -le 1 ] && [ "$ms" -lt 15000 ]; then ok "20000 episodes in ${ms} ms"
else not_ok "20000 episodes: exit $st in ${ms} ms"; fi
if [ $measure -eq 0 ]; then skip "20000 episodes under 64 MB" "memory not measured under valgrind or a sanitizer"
elif [ "$kb" -lt 65536 ]; then ok "20000 episodes under 64 MB (peak ${kb} KB)"
else not_ok "20000 episodes: peak ${kb} KB"; fi

# ---- every platform rule names its documents and when they were read:
# each rule a --profile makes an error, in --explain and in the JSON list
"$fc" --list-rules --format json >"$tmp/rules.json"
"$fc" --list-rules | awk '{ print $1 }' | while read -r r; do
	"$fc" --explain "$r" | grep -q '^An error under --profile' || continue
	"$fc" --explain "$r" | grep -qE '^(apple|spotify|podcastindex): https://[^ ]+ \(last checked 20[0-9][0-9]-[01][0-9]-[0-3][0-9], ' ||
		echo "$r"
done >"$tmp/nosource"
if [ ! -s "$tmp/nosource" ]; then ok "--explain: every platform rule names its source and the day it was checked"
else not_ok "--explain: no source for $(tr '\n' ' ' <"$tmp/nosource")"; fi
if python3 - "$tmp/rules.json" <<'PY'
import json, re, sys
rules = {r['id']: r for r in json.load(open(sys.argv[1]))}
# (the readers- rules' sources are feed readers: tests/readers.sh)
bad = [i for i, r in rules.items() if 'sources' in r and not i.startswith('readers-') and not all(
    re.match(r'https://', s['url']) and re.match(r'\d{4}-\d\d-\d\d$', s['checked']) and
    s['platform'] in ('apple', 'spotify', 'podcastindex') for s in r['sources'])]
need = ['podcast-missing-guid', 'itunes-missing-email', 'podcast-atom-not-supported',
        'podcast-invalid-value', 'artwork-size']
bad += [i for i in need if not rules.get(i, {}).get('sources')]
# Apple no longer asks for the owner e-mail; Spotify does
bad += [s['platform'] for s in rules['itunes-missing-email']['sources'] if s['platform'] == 'apple']
sys.exit(1 if bad else print(' '.join(bad)) or 0)
PY
then ok "--list-rules --format json: sources with url and checked date"
else not_ok "--list-rules --format json: sources"; fi

# ---- every podcast rule has a case here or in tests/media.sh and tests/discovery.sh
"$fc" --list-rules | awk '{ print $1 }' |
	grep -E '^(podcast-|itunes-(missing-email|namespace-missing|padded-value)$|html-|not-xml-or-json$|media-check-|artwork-)' |
	sort -u >"$tmp/rules"
# what a case shows: expect: and at: lines of the case files; has RULE,
# has_rule RULE, has_rule_at RULE and [RULE] in the suites
{
	sed -n 's/^ *expect: *//p; s/^ *at: *\([^ ]*\).*/\1/p' "$cases"/*.xml | sed 's/-->//' | tr ' ' '\n'
	cat "$top/tests/podcast.sh" "$top/tests/media.sh" "$top/tests/discovery.sh" 2>/dev/null |
		grep -oE '(has|has_rule|has_rule_at) [a-z0-9-]+|\\\[[a-z0-9-]+\\\]' |
		sed 's/^has_rule_at //; s/^has_rule //; s/^has //; s/[][\\]//g'
} | sort -u >"$tmp/shown"
missing=$(comm -23 "$tmp/rules" "$tmp/shown" | tr '\n' ' ')
if [ -z "${missing% }" ]; then ok "every podcast, media and page rule has a case ($(wc -l <"$tmp/rules") rules)"
else not_ok "rules without a case:$missing"; fi
finish
