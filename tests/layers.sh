#!/bin/sh
# tests/layers.sh - the house of docs/ARCHITECTURE.md ("Layers", "Inside
# validate/", "Names") as a test: who may include whom, who may call whom
# (from nm on the objects of a build), the prefixes of the libraries'
# symbols, and the size of the source files.  Needs a build (make).
# Prints TAP lines; exits non-zero when the code leaves the map.
. "$(dirname "$0")/lib.sh"

# The vocabularies of validate/: each one a file; any object the registry
# (validate/vocab.c) refers to, other than the rungs below every
# vocabulary, is one too.  Lists of object names (no .o); shell patterns.
VOCABULARIES="atom rss ext jsonfeed"
REGISTRY=vocab
# the streaming engine, which a vocabulary never calls
ENGINE="xml xml_sax check"
# what every vocabulary may call (ARCHITECTURE.md, the ladder)
VOCABULARY_CALLS="doc value value_* html idset"
# what the registry may name that is not a vocabulary
NOT_VOCABULARIES="$VOCABULARY_CALLS rules"
# the prefixes of the libraries' external symbols
PREFIX_libfeedcheck=fc_
PREFIX_libfeed=ft_
# the longest a .c file may be
MAX_LINES=800

B=${FEEDTOOLS_BUILD:-$top/build}
NM=${NM:-nm}
cd "$top" || exit 1

# ---- includes ---------------------------------------------------------------

# where FILE's "#include NAME" (FORM is " or <) is found, as a path from the
# top of the tree, or "system": the file's own folder first for "", then
# every project folder (each layer's -I path is a subset of these)
resolve() {
	r_file=$1 r_name=$2 r_form=$3
	r_dirs="lib validate validate/cli feedgen"
	[ "$r_form" = '"' ] && r_dirs="${r_file%/*} $r_dirs"
	for r_d in $r_dirs; do
		if [ -f "$r_d/$r_name" ]; then
			realpath -m --relative-to="$top" "$r_d/$r_name"
			return
		fi
	done
	echo system
}
layer() {
	case $1 in
	system) echo system ;;
	lib/*) echo lib ;;
	validate/cli/*) echo cli ;;
	validate/*) echo validate ;;
	feedgen/*) echo feedgen ;;
	*) echo other ;;
	esac
}
# one line per include of the files of a folder: FILE:LINE NAME PATH LAYER FORM
includes() {
	for i_f in "$1"/*.c "$1"/*.h; do
		[ -f "$i_f" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"]\)\([^>"]*\)[>"].*/\1 \2/p;=' "$i_f" |
		awk -v f="$i_f" '/^[0-9]+$/ { line = $1; next } { print f ":" line, $1, $2 }' |
		while read -r i_at i_form i_name; do
			i_path=$(resolve "$i_f" "$i_name" "$i_form")
			echo "$i_at $i_name $i_path $(layer "$i_path") $i_form"
		done
	done
}
# include_rule WHAT FOLDER AWK-CONDITION: no include of FOLDER's files
# matches the condition (on $2 name, $3 path, $4 layer)
include_rule() {
	includes "$2" | awk "$3" >"$tmp/bad-includes"
	if [ -s "$tmp/bad-includes" ]; then
		not_ok "$1"
		awk '{ printf "#   %s: #include %s%s%s is %s\n", $1, $5, $2, $5 == "<" ? ">" : $5, $3 }' "$tmp/bad-includes"
	else
		ok "$1"
	fi
}
include_rule "lib/ includes only lib/ and system headers" lib \
	'$4 != "lib" && $4 != "system"'
include_rule "validate/ includes nothing from validate/cli/ or feedgen/" validate \
	'$4 != "lib" && $4 != "validate" && $4 != "system"'
include_rule "validate/cli/ includes nothing from feedgen/" validate/cli \
	'$4 == "feedgen" || $4 == "other"'
include_rule "feedgen/ includes no validate/ header but feedcheck.h" feedgen \
	'($4 == "validate" && $3 != "validate/feedcheck.h") || $4 == "cli" || $4 == "other"'

# ---- calls between the objects of validate/ --------------------------------

if ! command -v "$NM" >/dev/null 2>&1; then
	skip "the calls between the objects" "$NM is not installed"
	finish
fi
# the objects of the sources validate/*.c (a stale object of a file since
# removed is not looked at)
set --
missing=
for c in validate/*.c; do
	o=${c##*/}; o=$B/validate/${o%.c}.o
	if [ -f "$o" ]; then set -- "$@" "$o"; else missing="$missing $o"; fi
done
have_objects=1
if [ -n "$missing" ] || [ $# -eq 0 ]; then
	have_objects=0
	not_ok "an object for every validate/*.c (run make); missing:${missing:- all}"
fi
# defs: "symbol object"; uses: "object symbol"; edges: "a b" when a uses
# a symbol that b defines
: >"$tmp/defs"; : >"$tmp/uses"
if [ "$have_objects" = 1 ]; then
	for o in "$@"; do
		b=${o##*/}; b=${b%.o}
		$NM -g --defined-only "$o" | awk -v o="$b" 'NF >= 3 && $2 ~ /^[A-TV-Z]$/ { print $3, o }' >>"$tmp/defs"
		$NM -u "$o" | awk -v o="$b" '{ print o, $NF }' >>"$tmp/uses"
	done
fi
awk 'NR == FNR { def[$1] = def[$1] " " $2; next }
     ($2 in def) { n = split(def[$2], d, " "); for (i = 1; i <= n; i++) if (d[i] != $1) print $1, d[i], $2 }' \
	"$tmp/defs" "$tmp/uses" | sort -u >"$tmp/calls"
cut -d' ' -f1,2 "$tmp/calls" | sort -u >"$tmp/edges"
has_object() { [ -f "$B/validate/$1.o" ]; }
# in_list NAME "PATTERN...": NAME matches one of the patterns
in_list() {
	set -f
	for l_p in $2; do
		case $1 in $l_p) set +f; return 0 ;; esac
	done
	set +f
	return 1
}

# the vocabularies: the list, and what the registry names
vocabs=
for v in $VOCABULARIES; do has_object "$v" && vocabs="$vocabs $v"; done
if has_object "$REGISTRY"; then
	for v in $(awk -v r="$REGISTRY" '$1 == r { print $2 }' "$tmp/edges"); do
		in_list "$v" "$vocabs $NOT_VOCABULARIES $ENGINE" || vocabs="$vocabs $v"
	done
fi
engine=
for e in $ENGINE; do has_object "$e" && engine="$engine $e"; done
echo "# vocabularies:$vocabs; engine:${engine:- none built}"

# calls_rule WHAT FROM TO: no object of FROM calls an object of TO (lists
# of object names)
calls_rule() {
	awk -v from=" $2 " -v to=" $3 " 'index(from, " " $1 " ") && index(to, " " $2 " ")' \
		"$tmp/calls" >"$tmp/bad-calls"
	if [ "$have_objects" = 0 ]; then
		skip "$1" "no objects"
	elif [ -s "$tmp/bad-calls" ]; then
		not_ok "$1"
		awk '{ c[$1 ".o -> " $2 ".o"] = c[$1 ".o -> " $2 ".o"] " " $3 }
		     END { for (k in c) print "#   " k ":" c[k] }' "$tmp/bad-calls" | sort | cut -c1-300
	else
		ok "$1"
	fi
}
calls_rule "no vocabulary calls the engine ($ENGINE)" "$vocabs" "$engine"
others=
for o in "$@"; do
	b=${o##*/}; b=${b%.o}
	in_list "$b" "$VOCABULARY_CALLS" || others="$others $b"
done
calls_rule "a vocabulary calls only $(echo "$VOCABULARY_CALLS" | sed 's/ /, /g') in validate/" "$vocabs" "$others"

# no cycle: tests/objgraph.sh when it is there (it prints the graph), else
# the same here; tsort names a loop on standard error
if [ "$have_objects" = 0 ]; then
	skip "the object graph of validate/ has no cycle" "no objects"
elif [ -f "$top/tests/objgraph.sh" ]; then
	OBJDIR=$B/validate sh "$top/tests/objgraph.sh" "$B/validate" >"$tmp/objgraph" 2>&1
	if [ $? -eq 0 ]; then ok "the object graph of validate/ has no cycle (tests/objgraph.sh)"
	else
		not_ok "the object graph of validate/ has no cycle (tests/objgraph.sh)"
		grep -v '^\(not \)\{0,1\}ok \|^1\.\.' "$tmp/objgraph" | sed 's/^# //; s/^/#   /' | head -40
	fi
else
	{ cat "$tmp/edges"; for o in "$@"; do b=${o##*/}; echo "${b%.o} ${b%.o}"; done; } |
		tsort >/dev/null 2>"$tmp/cycle"
	if [ -s "$tmp/cycle" ]; then
		not_ok "the object graph of validate/ has no cycle"
		sed 's/^/#   /' "$tmp/cycle" | head -20
		for o in "$@"; do
			b=${o##*/}; b=${b%.o}
			echo "#   $b.o -> $(awk -v o="$b" '$1 == o { printf "%s.o ", $2 }' "$tmp/edges")"
		done
	else
		ok "the object graph of validate/ has no cycle"
	fi
fi

# ---- the programs and the libraries -------------------------------------------

# nm_of PROGRAM: a program built here (not a wrapper from FEEDTOOLS_BIN)
elf() { [ -f "$1" ] && [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]; }
if ! elf "$fg"; then
	skip "bin/feedgen: no fetcher" "$fg is not a program built here"
else
	$NM "$fg" | awk 'NF >= 3 && $2 ~ /^[A-TV-Z]$/ && $3 ~ /^fetch_/ { print "#   defines " $3 }
	                 $1 == "U" && $2 ~ /^curl_multi_/ { print "#   imports " $2 }' >"$tmp/fetcher"
	if [ -s "$tmp/fetcher" ]; then not_ok "bin/feedgen: no fetcher (no fetch_ symbol, no curl_multi_)"; cat "$tmp/fetcher"
	else ok "bin/feedgen: no fetcher (no fetch_ symbol, no curl_multi_)"; fi
fi

# prefix_rule ARCHIVE PREFIX: every external symbol it defines has PREFIX
# (but those a sanitizer adds, such as ASan's __odr_asan.NAME)
prefix_rule() {
	if [ ! -f "$B/$1.a" ]; then
		not_ok "$1.a: not built in $B (run make)"
		return
	fi
	$NM -g --defined-only "$B/$1.a" 2>/dev/null | awk -v p="$2" '
		/:$/ { o = $1; sub(/:$/, "", o); next }
		NF >= 3 && $2 ~ /^[A-TV-Z]$/ && index($3, p) != 1 &&
		$3 !~ /^__(odr_asan|asan|ubsan|sancov)/ { print "#   " o ": " $3 }' >"$tmp/unprefixed"
	if [ -s "$tmp/unprefixed" ]; then
		not_ok "$1.a: every external symbol starts with $2 ($(wc -l <"$tmp/unprefixed") do not)"
		head -30 "$tmp/unprefixed"
	else
		ok "$1.a: every external symbol starts with $2"
	fi
}
prefix_rule libfeedcheck "$PREFIX_libfeedcheck"
prefix_rule libfeed "$PREFIX_libfeed"

# the rules library never names libcurl
if [ -f "$B/libfeedcheck.a" ]; then
	$NM -u "$B/libfeedcheck.a" 2>/dev/null | awk '$NF ~ /^curl_/ { print "#   " $NF }' | sort -u >"$tmp/curl"
	if [ -s "$tmp/curl" ]; then not_ok "libfeedcheck.a imports nothing from libcurl"; cat "$tmp/curl"
	else ok "libfeedcheck.a imports nothing from libcurl"; fi
fi

# ---- sizes --------------------------------------------------------------------

for d in lib validate validate/cli feedgen; do
	wc -l "$d"/*.c 2>/dev/null | awk -v m="$MAX_LINES" '$2 != "total" && $1 > m { print "#   " $2 ": " $1 " lines" }' >"$tmp/long"
	if [ -s "$tmp/long" ]; then not_ok "$d/: no .c file over $MAX_LINES lines"; cat "$tmp/long"
	else ok "$d/: no .c file over $MAX_LINES lines"; fi
done

finish
