#!/bin/sh
# bench/diff.sh - feedcheck --diff OLD NEW of two feeds of 20,000 items
# (about 11 MB each, bench/gen_feed.py; NEW is OLD with a few changes: a
# new item at the top, one publication date moved, one item's id changed,
# one text edited) against checking NEW alone, in one run, for RSS 2.0 and
# Atom.  Prints CPU time (user + system, best of RUNS), peak memory and
# the ratio.  Goal (issue 26): --diff within 3x the time of checking one
# of the feeds, at most 64 MB peak.  Not a timed test: run by hand.
#
#   sh bench/diff.sh [ITEMS] [RUNS]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
items=${1:-20000}
runs=${2:-3}
work=$top/bench/work/diff
fc=$top/bin/feedcheck
mkdir -p "$work"
[ -x "$fc" ] || { echo "build bin/feedcheck first (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed" >&2; exit 2; }
python3 "$top/bench/gen_feed.py" "$work" "$items"

# NEW: OLD with a few changes (python3: the same few in both formats)
python3 - "$work" <<'PY'
import re, sys
w = sys.argv[1]
for name, item, date, ident in (
        ("bench-rss.xml", "item", r"<pubDate>[^<]*</pubDate>", r"<guid[^>]*>[^<]*</guid>"),
        ("bench-atom.xml", "entry", r"<published>[^<]*</published>", r"<id>[^<]*</id>")):
    s = open("%s/%s" % (w, name), encoding="utf-8").read()
    first = s.index("<%s>" % item)
    items = [m.start() for m in re.finditer("<%s>" % item, s)]
    # an item's text edited, its date moved, its id changed (items 10, 20, 30)
    def edit(s, k, pat, new):
        at = [m.start() for m in re.finditer("<%s>" % item, s)][k]
        m = re.compile(pat).search(s, at)
        return s[:m.start()] + new(m.group(0)) + s[m.end():]
    s = edit(s, 10, "阅读全文", lambda g: "阅读全文（更新）")
    s = edit(s, 20, date, lambda g: re.sub(r":00(?=[ +Z<-])", ":59", g, 1))
    s = edit(s, 30, ident, lambda g: re.sub(r">([^<]*)<", r">\1-new<", g))
    # a new item at the top: the first one again under a new id
    end = s.index("</%s>" % item, first) + len("</%s>" % item)
    top = re.sub(ident, lambda m: re.sub(r">([^<]*)<", r">\1-top<", m.group(0)), s[first:end], 1)
    s = s[:first] + top + "\n" + s[first:]
    open("%s/new-%s" % (w, name), "w", encoding="utf-8").write(s)
PY

measure() {
	best=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f '%U %S %M' -o "$work/time" "$@" >"$work/out" 2>&1 || true
		t=$(tail -1 "$work/time" | awk '{ printf "%.3f %d", $1 + $2, $3 }')
		best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF == 2' | sort -n | head -1)
		i=$((i + 1))
	done
	echo "$best"
}

printf '%-16s %9s %10s %10s %9s %9s %8s\n' feed bytes diff_cpu_s one_cpu_s diff_MB one_MB ratio
for f in bench-rss.xml bench-atom.xml; do
	set -- $(measure "$fc" --diff "$work/$f" "$work/new-$f")
	ds=$1 dm=$2
	grep -o '\[diff-[a-z-]*\]' "$work/out" | sort | uniq -c | sed 's/^ */#   /'
	set -- $(measure "$fc" "$work/new-$f")
	os=$1 om=$2
	size=$(wc -c <"$work/new-$f")
	awk -v f="$f" -v b="$size" -v ds="$ds" -v os="$os" -v dm="$dm" -v om="$om" 'BEGIN {
		r = os > 0 ? ds / os : 0
		printf "%-16s %9d %10.3f %10.3f %9.1f %9.1f %7.2fx%s\n", f, b, ds, os,
		       dm / 1024, om / 1024, r,
		       (r <= 3 && dm / 1024 <= 64) ? "" : "  (over the goal)"
	}'
done
