#!/bin/sh
# Archive benchmark (issue 11): what a cron tick costs over a newsroom's
# whole archive, against the floor of looking at every file once.
#
# usage: bench/archive.sh [N ...]
#
#   N    collection sizes in articles (default: 10000 200000); one article
#        per page file, 20 pages per edition folder (bench/gen.py)
#
# Environment: BENCH_FEEDGEN (the feedgen to measure, default bin/feedgen),
# BENCH_WORK (where corpora and outputs go, default bench/work/archive).
#
# For each size, one run of each, in this order, with the default options a
# newsroom's cron line uses (-q, --limit 50, all three formats):
#   find         find COLLECTION -type f -printf '%T@ %s %p\n' (the floor:
#                every file must be looked at), after one warming run and
#                after reading every page once (all runs are warm)
#   first run    no state, no feeds
#   unchanged    nothing changed since
#   new edition  one more edition folder of 20 pages
#   old edit     one page of an edition years old corrected (its text)
# Each row gives wall and CPU time, the ratio to find's wall time and the
# peak resident memory (/usr/bin/time).  The added edition and the edit are
# undone at the end (and at the start, after an interrupted run).
#
# The paper's clock is feedgen's default: the embargo is on (every edition
# of the corpus lies in the past, bench/gen.py, and so does the one added),
# and the new edition's pages and the edited page are dated two minutes
# back, as a converter that finished writing them before the cron tick
# leaves them (older than feedgen's --settle of 60 seconds).

set -eu

die() {
	printf 'bench: %s\n' "$*" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

FEEDGEN=${BENCH_FEEDGEN:-bin/feedgen}
W=${BENCH_WORK:-bench/work/archive}
[ -x "$FEEDGEN" ] || die "$FEEDGEN not found: build it first with 'make'"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install time"
command -v python3 >/dev/null 2>&1 || die "python3 is missing"
sizes=${*:-10000 200000}
for n in $sizes; do
	case $n in *[!0-9]* | '' | 0) die "N must be a positive number, not '$n'" ;; esac
done

# measure NAME CMD...: one run under /usr/bin/time; sets t_NAME (wall, s),
# c_NAME (user+sys, s), m_NAME (peak RSS, MB).  feedgen's exit status 0 and
# 1 (page warnings) both count as a run.
measure() {
	name=$1
	shift
	t0=$(date +%s%N)
	/usr/bin/time -f '%U %S %M' -o "$W/time.$$" "$@" >"$W/last.out" 2>&1 || {
		st=$?
		if [ "$st" -ne 1 ]; then
			cat "$W/last.out" >&2
			die "$name: '$*' exited with $st"
		fi
	}
	t1=$(date +%s%N)
	read -r user sys rss <"$W/time.$$"
	eval "t_$name=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc -l | sed 's/^\./0./')"
	eval "c_$name=$(echo "$user + $sys" | bc -l | sed 's/^\./0./')"
	eval "m_$name=$((rss / 1024))"
	rm -f "$W/time.$$"
}

ratio() {
	echo "if ($2 > 0) { scale=2; $1 / $2 } else { 0 }" | bc -l | sed 's/^\./0./'
}

# The edition after the last one: a copy of the last, dated a day later,
# each title marked, so that it holds 20 new articles.
add_edition() {
	coll=$1
	last=$(ls "$coll" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' | tail -1)
	next=$(date -u -d "$last + 1 day" +%F)
	mkdir "$coll/$next"
	for f in "$coll/$last"/*; do
		b=$(basename "$f")
		sed -e "s/^date: $last/date: $next/" -e 's/^title: "/title: "(新) /' \
			-e 's/^# /# (新) /' "$f" >"$coll/$next/$b"
	done
	settled "$coll/$next"/*
	echo "$next" >"$W/added"
}

# settled FILE...: written two minutes ago (feedgen waits for a page
# changed less than --settle seconds ago, 60 by default)
settled() {
	touch -d "@$(($(date +%s) - 120))" "$@"
}

# The first page of the 100th edition: a sentence corrected years later.
edit_old_page() {
	coll=$1
	ed=$(ls "$coll" | sed -n 100p)
	[ -n "$ed" ] || ed=$(ls "$coll" | head -1)
	page=$(ls "$coll/$ed" | head -1)
	cp -p "$coll/$ed/$page" "$W/edited.orig"
	echo "$ed/$page" >"$W/edited"
	printf '\n更正：本文第二段中的数字有误，已于今日更正。\n' >>"$coll/$ed/$page"
	settled "$coll/$ed/$page"
}

undo_changes() {
	coll=$1
	if [ -f "$W/added" ]; then
		rm -rf "${coll:?}/$(cat "$W/added")"
		rm -f "$W/added"
	fi
	if [ -f "$W/edited" ]; then
		cp -p "$W/edited.orig" "$coll/$(cat "$W/edited")"
		rm -f "$W/edited" "$W/edited.orig"
	fi
}

mkdir -p "$W"
summary=""
for N in $sizes; do
	dir=$W/$N
	coll=$dir/collection
	stamp="n=$N gen=$(cksum <bench/gen.py)"
	if [ ! -f "$dir/stamp" ] || [ "$(cat "$dir/stamp")" != "$stamp" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		echo "bench: generating $N articles in $dir" >&2
		python3 bench/gen.py --no-hugo "$N" "$dir" || die "bench/gen.py failed"
		printf '%s\n' "$stamp" >"$dir/stamp"
	fi
	undo_changes "$coll"
	mb=$(du -sm "$coll" | cut -f1)
	editions=$(ls "$coll" | wc -l)
	out=$dir/out
	state=$dir/state/feedgen.db
	rm -rf "$out" "$dir/state"
	mkdir -p "$dir/state"
	fg="$FEEDGEN -q --base-url https://bench.example.com --state $state -o $out $coll"

	# every size is measured warm, as a cron tick finds it: the pages'
	# text in the page cache too (a corpus generated in an earlier
	# session is not; reading 821 MB from the disk took 15 s of the
	# first run), and the metadata for find
	find "$coll" -type f -exec cat {} + >/dev/null
	find "$coll" -type f -printf '%T@ %s %p\n' >/dev/null
	measure find find "$coll" -type f -printf '%T@ %s %p\n'
	measure first $fg
	measure unchanged $fg
	add_edition "$coll"
	measure edition $fg
	edit_old_page "$coll"
	measure edit $fg
	undo_changes "$coll"
	state_mb=$(du -sm "$dir/state" | cut -f1)

	echo
	echo "archive: N=$N articles, $editions editions, $mb MB of pages; state $state_mb MB"
	echo "  $fg"
	printf '| %-16s | %8s | %8s | %8s | %8s |\n' run wall CPU "vs find" "peak MB"
	printf '|%s|%s|%s|%s|%s|\n' ------------------ ---------- ---------- ---------- ----------
	for r in find first unchanged edition edit; do
		eval "t=\$t_$r c=\$c_$r m=\$m_$r"
		case $r in
		find) label="find (floor)" ;;
		first) label="first run" ;;
		unchanged) label="nothing changed" ;;
		edition) label="one new edition" ;;
		edit) label="old page edited" ;;
		esac
		vs=
		[ "$r" = first ] || vs="$(ratio "$t" "$t_find")x"
		[ "$r" = find ] && vs="1.00x"
		printf '| %-16s | %7ss | %7ss | %8s | %8s |\n' "$label" "$t" "$c" "$vs" "$m"
	done
	summary="$summary $N:$t_first"
done

# the first run's growth from the smallest to the largest size
set -- $summary
if [ $# -ge 2 ]; then
	eval "last=\${$#}"
	echo
	echo "first run ${last%%:*} / ${1%%:*} articles: $(ratio "${last#*:}" "${1#*:}")x the time"
fi
