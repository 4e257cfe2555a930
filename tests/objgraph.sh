#!/bin/sh
# tests/objgraph.sh - the object graph of the rules library (validate/):
# for each object of validate/*.c, the objects whose symbols it uses, derived
# from nm (a symbol one object leaves undefined and another defines is an
# edge).  Prints "a.o -> b.o c.o" lines, then one TAP line; exits non-zero
# when the graph has a cycle (ARCHITECTURE.md: no two files call each other).
# tests/layers.sh calls it; run.sh counts its TAP line.  Needs a build:
# the objects are those of the sources validate/*.c (a stale object of a
# file since removed is not looked at); OBJDIR=DIR reads them from DIR
# instead of build/validate.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${OBJDIR:-$top/build/validate}
NM=${NM:-nm}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/objgraph.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT INT TERM
set --
for c in "$top"/validate/*.c; do
	o=${c##*/}
	o=$dir/${o%.c}.o
	if [ ! -f "$o" ]; then
		echo "1..1"
		echo "not ok 1 - validate object graph has no cycle # no $o (run make)"
		exit 1
	fi
	set -- "$@" "$o"
done
# defs: "symbol object"; uses: "object symbol"
for o in "$@"; do
	b=${o##*/}
	$NM -g --defined-only "$o" | awk -v o="$b" 'NF >= 3 && $2 ~ /[TDBRCVWG]/ { print $3, o }'
	$NM -u "$o" | awk -v o="$b" '{ print o, $NF }' >>"$tmp/uses"
done | sort -u >"$tmp/defs"
: >>"$tmp/uses"
# edges "a b": a uses a symbol b defines (self-edges dropped)
awk 'NR == FNR { def[$1] = def[$1] " " $2; next }
     ($2 in def) { n = split(def[$2], d, " "); for (i = 1; i <= n; i++) if (d[i] != $1) print $1, d[i] }' \
	"$tmp/defs" "$tmp/uses" | sort -u >"$tmp/edges"
for o in "$@"; do
	b=${o##*/}
	printf '%s ->' "$b"
	awk -v o="$b" '$1 == o { printf " %s", $2 }' "$tmp/edges"
	echo
done
echo "1..1"
# tsort reports a cycle on stderr; a lone node is an edge to itself
{ cat "$tmp/edges"; for o in "$@"; do echo "${o##*/} ${o##*/}"; done; } \
	| tsort >/dev/null 2>"$tmp/cycle"
if [ -s "$tmp/cycle" ]; then
	sed 's/^/# /' "$tmp/cycle"
	echo "not ok 1 - validate object graph has no cycle"
	exit 1
fi
echo "ok 1 - validate object graph has no cycle"
