#!/bin/sh
# tests/readers.sh - --profile readers: the readers-* rules, each from a
# feed reader's own documentation or issue.  tests/readers/cases/*.xml
# each must give the rules they expect under --profile readers, and
# tests/readers/clean/RULE.xml must not give RULE.  Each file opens with a
# comment: "source: URL" (the reader's document the case rests on), then
#   at: RULE LINE      the rule is reported at that line
#   count: RULE N      the rule is reported N times
#   says: TEXT         the output has TEXT
# A case named RULE.xml expects RULE.  Then: no readers-* finding without
# the profile; the cases that depend on the clock or on size made here (a
# date two days ahead, a feed over 5 MiB); JSON Feed; every output
# format; every readers-* rule with a case, a clean file, and its source
# and the date it was checked in --explain and --list-rules --format json.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
dir=$top/tests/readers

measure=0
can_measure "$fc" && measure=1
RUN_MEASURE=$measure RUN_MERGE=1 RUN_TIMEOUT=20
[ "$measure" = 1 ] || RUN_TIMEOUT=60
has() { grep -q "\[$1\]" "$tmp/out"; }

# ---- the cases
for f in "$dir"/cases/*.xml; do
	name=${f##*/}
	head=$(sed -n '1,/-->/p' "$f")
	if ! echo "$head" | grep -q 'source: https://'; then
		not_ok "$name: no source in its opening comment"
	fi
	run --format gcc --profile readers "$f"
	if [ "$st" -ge 2 ]; then not_ok "$name: exit $st"; show; continue; fi
	rule=${name%.xml}
	case $rule in
	readers-*)
		if has "$rule"; then ok "$name: [$rule]"
		else not_ok "$name: [$rule] missing"; show 20; fi ;;
	esac
	head_checks "$name" "$head"
	# off unless the profile is given
	run --format gcc --strict "$f"
	if grep -q '\[readers-' "$tmp/out"; then not_ok "$name: a readers-* finding without --profile readers"; show
	else ok "$name: no readers-* finding without the profile"; fi
	run --format gcc --profile apple,spotify,podcastindex "$f"
	if grep -q '\[readers-' "$tmp/out"; then not_ok "$name: a readers-* finding under the podcast profiles"; show
	else ok "$name: no readers-* finding under the podcast profiles"; fi
done

# ---- what must not be reported
for f in "$dir"/clean/*.xml; do
	name=clean/${f##*/}
	rule=${f##*/}; rule=${rule%.xml}
	sed -n '1,/-->/p' "$f" | grep -q 'source: https://' ||
		not_ok "$name: no source in its opening comment"
	run --format gcc --profile readers "$f"
	if [ "$st" -ge 2 ]; then not_ok "$name: exit $st"; show
	elif has "$rule"; then not_ok "$name: [$rule] reported"; show
	else ok "$name: no [$rule]"; fi
done

# ---- made here: dates against the clock (NetNewsWire's 24 hours), a
# feed over 5 MiB (CommaFeed's bound)
item() { # title date
	printf '<item><title>%s</title><link>https://example.com/%s</link><guid>https://example.com/%s</guid><pubDate>%s</pubDate></item>\n' "$1" "$1" "$1" "$2"
}
mkrss() { # file items...
	out=$1; shift
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description>\n'
		for i in "$@"; do printf '%s' "$i"; done
		printf '</channel></rss>\n'
	} >"$out"
}
ahead2=$(date -u -R -d '+2 days')
ahead12=$(date -u -R -d '+12 hours')
past=$(date -u -R -d '-3 days')
mkrss "$tmp/future.xml" "$(item a "$past")" "$(item b "$ahead2")"
run --format gcc --profile readers "$tmp/future.xml"
has_rule_at readers-future-date "$tmp/future.xml" 3 "a date two days ahead (NetNewsWire issue 538)"
if has implausible-date; then not_ok "two days ahead is not implausible-date"; show; else ok "two days ahead is not implausible-date"; fi
mkrss "$tmp/soon.xml" "$(item a "$past")" "$(item b "$ahead12")"
run --format gcc --profile readers "$tmp/soon.xml"
if has readers-future-date; then not_ok "12 hours ahead is within NetNewsWire's day"; show; else ok "12 hours ahead: no [readers-future-date]"; fi
# Atom: updated and published both count
cat >"$tmp/future-atom.xml" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
<updated>$(date -u +%Y-%m-%dT%H:%M:%SZ -d '-1 day')</updated><author><name>a</name></author>
<entry><title>a</title><id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af7</id><summary>s</summary>
<published>$(date -u +%Y-%m-%dT%H:%M:%SZ -d '+3 days')</published>
<updated>$(date -u +%Y-%m-%dT%H:%M:%SZ -d '+3 days')</updated></entry></feed>
EOF
run --format gcc --profile readers "$tmp/future-atom.xml"
c=$(grep -c '\[readers-future-date\]' "$tmp/out")
if [ "$c" -eq 2 ]; then ok "Atom: published and updated three days ahead: two [readers-future-date]"
else not_ok "Atom future dates: $c findings, want 2"; show; fi

# a feed over 5 MiB, and one under it
{
	printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description>\n'
	i=0
	pad=$(head -c 2000 /dev/zero | tr '\0' 'x')
	while [ $i -lt 2700 ]; do
		printf '<item><title>i%d</title><guid>https://example.com/%d</guid><pubDate>%s</pubDate><description>%s</description></item>\n' $i $i "$past" "$pad"
		i=$((i + 1))
	done
	printf '</channel></rss>\n'
} >"$tmp/large.xml"
run --format gcc --profile readers "$tmp/large.xml"
has_rule_at readers-feed-too-large "$tmp/large.xml" 2 "a $(wc -c <"$tmp/large.xml")-byte feed (CommaFeed issue 1580)"
if grep -q 'CommaFeed refuses a feed over 5 MiB' "$tmp/out"; then ok "under 15 MiB: CommaFeed's bound named"
else not_ok "under 15 MiB: CommaFeed's bound not named"; show; fi
run --format gcc --profile readers "$tmp/future.xml"
if has readers-feed-too-large; then not_ok "a small feed is not too large"; else ok "a small feed: no [readers-feed-too-large]"; fi

# ---- JSON Feed: a missing and a future date, an id with utm_
cat >"$tmp/feed.json" <<EOF
{"version": "https://jsonfeed.org/version/1.1", "title": "t",
 "home_page_url": "https://example.com/", "feed_url": "https://example.com/feed.json",
 "items": [
  {"id": "https://example.com/a?utm_campaign=rss", "content_text": "a", "date_published": "$(date -u +%Y-%m-%dT%H:%M:%SZ -d '+2 days')"},
  {"id": "b", "content_text": "b"},
  {"id": "c", "content_text": "c", "date_published": "$(date -u +%Y-%m-%dT%H:%M:%SZ -d '-2 days')"}
 ]}
EOF
run --format json --profile readers "$tmp/feed.json"
for r in readers-future-date readers-missing-date readers-volatile-id; do
	if grep -q "\"rule\": *\"$r\"" "$tmp/out"; then ok "JSON Feed: [$r]"
	else not_ok "JSON Feed: [$r] missing"; show 30; fi
done
for p in '/items/0/date_published' '/items/1' '/items/0/id'; do
	if grep -q "\"path\": *\"$p\"" "$tmp/out"; then ok "JSON Feed: a finding at $p"
	else not_ok "JSON Feed: no finding at $p"; show 30; fi
done
run --format json "$tmp/feed.json"
if grep -q '"rule": *"readers-' "$tmp/out"; then not_ok "JSON Feed: readers-* without the profile"; show
else ok "JSON Feed: no readers-* finding without the profile"; fi

# ---- every output format carries them
f=$dir/cases/readers-mixed-content.xml
for fmt in text gcc json jsonl junit github sarif html; do
	run --format "$fmt" --profile readers "$f"
	if grep -q 'readers-mixed-content' "$tmp/out"; then ok "--format $fmt: readers-mixed-content"
	else not_ok "--format $fmt: readers-mixed-content missing"; show; fi
done

# ---- the rule table: a case, a clean file, a source and a date for each
"$fc" --list-rules >"$tmp/rules"
awk '$1 ~ /^readers-/ { print $1 }' "$tmp/rules" >"$tmp/ids"
nr=$(wc -l <"$tmp/ids")
if [ "$nr" -ge 10 ]; then ok "--list-rules lists $nr readers-* rules"
else not_ok "--list-rules lists $nr readers-* rules, want at least 10"; fi
"$fc" --list-rules --format json >"$tmp/rules.json"
while read -r r; do
	# a case that gives it: its own file, or made above
	if [ -f "$dir/cases/$r.xml" ] || [ "$r" = readers-future-date ] ||
	   [ "$r" = readers-feed-too-large ]; then ok "$r: a case"
	else not_ok "$r: no case in tests/readers/cases"; fi
	if [ -f "$dir/clean/$r.xml" ] || [ "$r" = readers-future-date ] ||
	   [ "$r" = readers-feed-too-large ]; then ok "$r: a clean file (or one made here)"
	else not_ok "$r: no tests/readers/clean/$r.xml"; fi
	"$fc" --explain "$r" >"$tmp/explain" 2>&1
	if grep -q '^Sources:$' "$tmp/explain" &&
	   grep -q '^[a-z]*: https://[^ ]* (last checked [0-9]\{4\}-[0-9][0-9]-[0-9][0-9], ' "$tmp/explain" &&
	   grep -q 'only under --profile readers' "$tmp/explain"; then ok "$r: --explain gives its source and date"
	else not_ok "$r: --explain lacks its source or date"; sed 's/^/#   /' "$tmp/explain" | tail -4; fi
done <"$tmp/ids"
if python3 - "$tmp/rules.json" <<'EOF'
import json, re, sys
rules = json.load(open(sys.argv[1]))
ours = [r for r in rules if r["id"].startswith("readers-")]
assert ours, "no readers rules"
readers = {"miniflux", "netnewswire", "freshrss", "newsboat", "feedparser"}
for r in ours:
    assert r["sources"], r
    for src in r["sources"]:
        assert src["url"].startswith("https://"), r
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", src["checked"]), r
        assert src["platform"] in readers, r
EOF
then ok "--list-rules --format json: every readers-* rule's sources (the reader, a URL, the date)"
else not_ok "--list-rules --format json: a readers-* rule without its sources"; fi
run --profile nosuch "$f"
if [ "$st" -eq 2 ] && grep -q 'readers' "$tmp/out"; then ok "--profile: an unknown name lists readers"
else not_ok "--profile nosuch: exit $st"; show; fi

finish
