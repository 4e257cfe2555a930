#!/bin/sh
# tests/objgraph.sh - the object graph of each program's folder, and no
# cycle in it (ARCHITECTURE.md: no two objects call each other, directly
# or round a circle).  For each FOLDER (default: the folders below), the
# objects of its sources (FOLDER/*.c, and for validate/ the rungs'
# FOLDER/RUNG/*.c too, validate/cli/ aside), their edges derived from nm
# (an object that leaves a symbol undefined uses the object that defines
# it): prints "a.o -> b.o c.o" lines, then one TAP line per folder; exits
# non-zero when a graph has a cycle.  tests/layers.sh calls it; run.sh
# counts its TAP lines.  Needs a build (make); $FEEDTOOLS_BUILD names
# another build folder than build/.
#
#   sh tests/objgraph.sh [FOLDER...]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
B=${FEEDTOOLS_BUILD:-$top/build}
NM=${NM:-nm}
# The folders whose objects must not call each other round a circle:
# every program's.
FOLDERS="validate validate/cli feedgen"
[ $# -gt 0 ] && FOLDERS=$*
tmp=$(mktemp -d "${TMPDIR:-/tmp}/objgraph.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$top" || exit 3

# sources FOLDER: the .c files of the program in FOLDER, as paths from top
sources() {
	if [ "$1" = validate ]; then
		ls validate/*.c validate/*/*.c 2>/dev/null | grep -v '^validate/cli/'
	else
		ls "$1"/*.c 2>/dev/null
	fi
}

k=0 bad=0
for folder in $FOLDERS; do
	k=$((k + 1))
	: >"$tmp/uses"
	: >"$tmp/defs0"
	: >"$tmp/nodes"
	missing=
	for c in $(sources "$folder"); do
		o=$B/${c%.c}.o
		# the node's name: its path below the folder, without .o
		name=${c#"$folder"/}
		name=${name%.c}
		if [ ! -f "$o" ]; then
			missing="$missing $o"
			continue
		fi
		echo "$name" >>"$tmp/nodes"
		$NM -g --defined-only "$o" | awk -v o="$name" 'NF >= 3 && $2 ~ /[TDBRCVWG]/ { print $3, o }' >>"$tmp/defs0"
		$NM -u "$o" | awk -v o="$name" '{ print o, $NF }' >>"$tmp/uses"
	done
	if [ -n "$missing" ] || [ ! -s "$tmp/nodes" ]; then
		echo "not ok $k - $folder: the object graph has no cycle # no objects:${missing:- none} (run make)"
		bad=1
		continue
	fi
	sort -u "$tmp/defs0" >"$tmp/defs"
	# edges "a b": a uses a symbol b defines (self-edges dropped)
	awk 'NR == FNR { def[$1] = def[$1] " " $2; next }
	     ($2 in def) { n = split(def[$2], d, " "); for (i = 1; i <= n; i++) if (d[i] != $1) print $1, d[i] }' \
		"$tmp/defs" "$tmp/uses" | sort -u >"$tmp/edges"
	while read -r b; do
		printf '%s.o ->' "$folder/$b"
		awk -v o="$b" '$1 == o { printf " %s.o", $2 }' "$tmp/edges"
		echo
	done <"$tmp/nodes"
	# tsort reports a cycle on stderr; a lone node is an edge to itself
	{ cat "$tmp/edges"; awk '{ print $1, $1 }' "$tmp/nodes"; } |
		tsort >/dev/null 2>"$tmp/cycle"
	if [ -s "$tmp/cycle" ]; then
		sed 's/^/# /' "$tmp/cycle"
		echo "not ok $k - $folder: the object graph has no cycle"
		bad=1
	else
		echo "ok $k - $folder: the object graph has no cycle"
	fi
done
echo "1..$k"
exit $bad
