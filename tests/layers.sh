#!/bin/sh
# tests/layers.sh - the house of docs/ARCHITECTURE.md as a test: who may
# include whom, who may call whom (from nm on the objects of a build), no
# cycle between the objects of a program, the prefixes of the libraries'
# symbols, and the size of the source files.  Needs a build (make).
# Prints TAP lines; exits non-zero when the code leaves the map.
#
# The layers: lib/ < validate/ < validate/cli/ (feedcheck) and feedgen/.
# Inside validate/, the rungs of the Makefile's VALIDATE_RUNGS, bottom up,
# each a folder, then the top (validate/*.c, fc_check); a rung includes
# and calls only itself and the rungs below it.  In vocab/, no vocabulary
# calls another: only the registry names them.
. "$(dirname "$0")/lib.sh"

# the rungs, bottom up: the Makefile's list, the one the compiler keeps
RUNGS=$(sed -n 's/^VALIDATE_RUNGS *= *//p' "$top/Makefile")
# the rung whose objects are vocabularies, and the one that lists them
VOCAB_RUNG=vocab
REGISTRY=vocab/registry
# the folders whose objects must not call each other round a circle
# (tests/objgraph.sh): every program's
NO_CYCLE="validate validate/cli feedgen"
# the prefixes of the libraries' external symbols
PREFIX_libfeedcheck=fc_
PREFIX_libfeed=ft_
# the longest a .c file may be
MAX_LINES=800

B=${FEEDTOOLS_BUILD:-$top/build}
NM=${NM:-nm}
cd "$top" || exit 1

# rank NAME: the place of a validate/ folder on the ladder (1 the bottom;
# the top, validate/ itself, above every rung), 0 when it is none
rank() {
	r_i=0
	for r_r in $RUNGS; do
		r_i=$((r_i + 1))
		[ "$r_r" = "$1" ] && { echo $r_i; return; }
	done
	[ "$1" = . ] && { echo $((r_i + 1)); return; }
	echo 0
}

# ---- the ladder is the folders ---------------------------------------------

if [ -z "$RUNGS" ]; then
	not_ok "the Makefile names the rungs of validate/ (VALIDATE_RUNGS)"
else
	: >"$tmp/stray"
	for d in validate/*/; do
		d=${d%/}; d=${d#validate/}
		[ "$d" = cli ] && continue
		[ "$(rank "$d")" -gt 0 ] || echo "#   validate/$d/ is not in VALIDATE_RUNGS" >>"$tmp/stray"
	done
	for r in $RUNGS; do
		[ -d "validate/$r" ] || echo "#   VALIDATE_RUNGS names validate/$r/, which is not there" >>"$tmp/stray"
	done
	ls validate/*.h | grep -v '^validate/feedcheck\.h$' | sed 's/^/#   a header at the top, where every rung sees it: /' >>"$tmp/stray"
	if [ -s "$tmp/stray" ]; then
		not_ok "validate/ is its rungs ($(echo $RUNGS | sed 's/ / < /g')), each a folder, and the top"
		cat "$tmp/stray"
	else
		ok "validate/ is its rungs ($(echo $RUNGS | sed 's/ / < /g')), each a folder, and the top"
	fi
fi

# every .c of a program in validate/ has a name of its own (an archive
# keeps one member per name)
ls validate/*.c validate/*/*.c | grep -v '^validate/cli/' | sed 's|.*/||' | sort | uniq -d >"$tmp/dups"
if [ -s "$tmp/dups" ]; then not_ok "no two .c files of the rules library share a name"; sed 's/^/#   /' "$tmp/dups"
else ok "no two .c files of the rules library share a name"; fi
# nor two headers of the tree: the tests and fuzzers see every folder
find lib validate feedgen -name '*.h' | sed 's|.*/||' | sort | uniq -d >"$tmp/dups"
if [ -s "$tmp/dups" ]; then not_ok "no two headers share a name"; sed 's/^/#   /' "$tmp/dups"
else ok "no two headers share a name"; fi

# ---- includes ---------------------------------------------------------------

# where FILE's "#include NAME" (FORM is " or <) is found, as a path from the
# top of the tree, or "system": the file's own folder first for "", then
# every project folder (each layer's -I path is a subset of these)
INC_DIRS="lib validate $(for r in $RUNGS; do printf 'validate/%s ' "$r"; done)validate/cli feedgen"
resolve() {
	r_file=$1 r_name=$2 r_form=$3
	r_dirs=$INC_DIRS
	[ "$r_form" = '"' ] && r_dirs="${r_file%/*} $r_dirs"
	for r_d in $r_dirs; do
		if [ -f "$r_d/$r_name" ]; then
			realpath -m --relative-to="$top" "$r_d/$r_name"
			return
		fi
	done
	echo system
}
# the layer of a path: system, lib, cli, feedgen, other, or validate:RUNG
# (validate:. for the top)
layer() {
	case $1 in
	system) echo system ;;
	lib/*) echo lib ;;
	validate/cli/*) echo cli ;;
	validate/*/*) l_r=${1#validate/}; echo "validate:${l_r%%/*}" ;;
	validate/*) echo validate:. ;;
	feedgen/*) echo feedgen ;;
	*) echo other ;;
	esac
}
# one line per include of the files of the folders: FILE:LINE NAME PATH LAYER FORM
includes() {
	for i_dir in "$@"; do
		for i_f in "$i_dir"/*.c "$i_dir"/*.h; do
			[ -f "$i_f" ] || continue
			sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"]\)\([^>"]*\)[>"].*/\1 \2/p;=' "$i_f" |
			awk -v f="$i_f" '/^[0-9]+$/ { line = $1; next } { print f ":" line, $1, $2 }' |
			while read -r i_at i_form i_name; do
				i_path=$(resolve "$i_f" "$i_name" "$i_form")
				echo "$i_at $i_name $i_path $(layer "$i_path") $i_form"
			done
		done
	done
}
# include_rule WHAT AWK-CONDITION FOLDER...: no include of the folders'
# files matches the condition (on $2 name, $3 path, $4 layer)
include_rule() {
	ir_what=$1 ir_cond=$2
	shift 2
	includes "$@" | awk "$ir_cond" >"$tmp/bad-includes"
	if [ -s "$tmp/bad-includes" ]; then
		not_ok "$ir_what"
		awk '{ printf "#   %s: #include %s%s%s is %s\n", $1, $5, $2, $5 == "<" ? ">" : $5, $3 }' "$tmp/bad-includes"
	else
		ok "$ir_what"
	fi
}
include_rule "lib/ includes only lib/ and system headers" \
	'$4 != "lib" && $4 != "system"' lib
# each rung: lib/, feedcheck.h, itself and the rungs below
for r in $RUNGS .; do
	me=$(rank "$r")
	below=
	for b in $RUNGS; do [ "$(rank "$b")" -le "$me" ] && below="$below validate:$b"; done
	[ "$r" = . ] && below="$below validate:."
	where=validate/$r; [ "$r" = . ] && where=validate
	include_rule "$where/ includes lib/, feedcheck.h and${below:+$(echo "$below" | sed 's/validate://g; s/ \./ the top/')} only" \
		"\$4 != \"lib\" && \$4 != \"system\" && \$3 != \"validate/feedcheck.h\" && index(\" $below \", \" \" \$4 \" \") == 0" "$where"
done
include_rule "validate/cli/ includes lib/, feedcheck.h and its own only" \
	'$4 != "lib" && $4 != "system" && $4 != "cli" && $3 != "validate/feedcheck.h"' validate/cli
include_rule "feedgen/ includes lib/, feedcheck.h and its own only" \
	'$4 != "lib" && $4 != "system" && $4 != "feedgen" && $3 != "validate/feedcheck.h"' feedgen

# ---- calls between the objects of validate/ --------------------------------

if ! command -v "$NM" >/dev/null 2>&1; then
	skip "the calls between the objects" "$NM is not installed"
	finish
fi
# the objects of the sources validate/*.c, validate/RUNG/*.c (a stale object
# of a file since removed is not looked at); a node is its path below
# validate/ without .c ("check", "vocab/atom")
: >"$tmp/defs"; : >"$tmp/uses"; : >"$tmp/nodes"
missing=
for c in validate/*.c $(for r in $RUNGS; do ls validate/"$r"/*.c 2>/dev/null; done); do
	o=$B/${c%.c}.o
	node=${c#validate/}; node=${node%.c}
	if [ ! -f "$o" ]; then missing="$missing $o"; continue; fi
	echo "$node" >>"$tmp/nodes"
	$NM -g --defined-only "$o" | awk -v o="$node" 'NF >= 3 && $2 ~ /^[A-TV-Z]$/ { print $3, o }' >>"$tmp/defs"
	$NM -u "$o" | awk -v o="$node" '{ print o, $NF }' >>"$tmp/uses"
done
have_objects=1
if [ -n "$missing" ] || [ ! -s "$tmp/nodes" ]; then
	have_objects=0
	not_ok "an object for every .c of validate/ (run make); missing:${missing:- all}"
fi
# calls: "a b symbol" when a uses a symbol that b defines
awk 'NR == FNR { def[$1] = def[$1] " " $2; next }
     ($2 in def) { n = split(def[$2], d, " "); for (i = 1; i <= n; i++) if (d[i] != $1) print $1, d[i], $2 }' \
	"$tmp/defs" "$tmp/uses" | sort -u >"$tmp/calls"
# rung_of NODE: its folder ("." for the top)
rung_of() { case $1 in */*) echo "${1%%/*}" ;; *) echo . ;; esac; }
# calls_rule WHAT AWK-FILTER: no call (on $1 caller, $2 callee, $3 symbol,
# $4 caller's rank, $5 callee's rank) matches the filter
while read -r a b s; do
	echo "$a $b $s $(rank "$(rung_of "$a")") $(rank "$(rung_of "$b")")"
done <"$tmp/calls" >"$tmp/ranked"
calls_rule() {
	awk "$2" "$tmp/ranked" >"$tmp/bad-calls"
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
calls_rule "no object of validate/ calls a rung above its own" '$5 > $4'
calls_rule "a vocabulary calls no other object of $VOCAB_RUNG/ (only $REGISTRY.c names them)" \
	"\$1 != \"$REGISTRY\" && \$1 ~ /^$VOCAB_RUNG\\// && \$2 ~ /^$VOCAB_RUNG\\//"

# no cycle in a program: tests/objgraph.sh (it prints the graphs)
if [ "$have_objects" = 0 ]; then
	skip "the object graphs have no cycle" "no objects"
else
	# shellcheck disable=SC2086
	FEEDTOOLS_BUILD=$B sh "$top/tests/objgraph.sh" $NO_CYCLE >"$tmp/objgraph" 2>&1
	grep '^\(not \)\{0,1\}ok ' "$tmp/objgraph" | sed 's/^\(not \)\{0,1\}ok [0-9]* - //' >"$tmp/verdicts"
	if grep -q '^not ok' "$tmp/objgraph"; then
		not_ok "no cycle between the objects of $(echo $NO_CYCLE | sed 's/ /, /g') (tests/objgraph.sh)"
		grep '^# \|^not ok' "$tmp/objgraph" | sed 's/^# //; s/^/#   /' | head -40
	else
		ok "no cycle between the objects of $(echo $NO_CYCLE | sed 's/ /, /g') (tests/objgraph.sh)"
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
# and the programs' own objects take no library's prefix
for a in libfeedcheck-cli libfeedgen; do
	[ -f "$B/$a.a" ] || continue
	$NM -g --defined-only "$B/$a.a" 2>/dev/null | awk -v p1="$PREFIX_libfeedcheck" -v p2="$PREFIX_libfeed" '
		/:$/ { o = $1; sub(/:$/, "", o); next }
		NF >= 3 && $2 ~ /^[A-TV-Z]$/ && (index($3, p1) == 1 || index($3, p2) == 1) { print "#   " o ": " $3 }' >"$tmp/prefixed"
	if [ -s "$tmp/prefixed" ]; then
		not_ok "$a.a: no symbol takes a library's prefix ($PREFIX_libfeedcheck, $PREFIX_libfeed)"
		head -20 "$tmp/prefixed"
	else
		ok "$a.a: no symbol takes a library's prefix ($PREFIX_libfeedcheck, $PREFIX_libfeed)"
	fi
done

# a page's functions live with the page: feedgen's page_ symbols are
# page_read.o's
if [ -f "$B/libfeedgen.a" ]; then
	$NM -g --defined-only "$B/libfeedgen.a" 2>/dev/null | awk '
		/:$/ { o = $1; sub(/:$/, "", o); next }
		NF >= 3 && $2 ~ /^[A-TV-Z]$/ && $3 ~ /^page_/ && o != "page_read.o" { print "#   " o ": " $3 }' >"$tmp/pages"
	if [ -s "$tmp/pages" ]; then not_ok "libfeedgen.a: every page_ function is page_read.o's"; cat "$tmp/pages"
	else ok "libfeedgen.a: every page_ function is page_read.o's"; fi
fi

# the rules library never names libcurl
if [ -f "$B/libfeedcheck.a" ]; then
	$NM -u "$B/libfeedcheck.a" 2>/dev/null | awk '$NF ~ /^curl_/ { print "#   " $NF }' | sort -u >"$tmp/curl"
	if [ -s "$tmp/curl" ]; then not_ok "libfeedcheck.a imports nothing from libcurl"; cat "$tmp/curl"
	else ok "libfeedcheck.a imports nothing from libcurl"; fi
fi

# ---- lib/banned.h -------------------------------------------------------------

# every layer is compiled with lib/banned.h first (Makefile BANNED): one
# file of lib/, of each rung, the top, validate/cli/ and feedgen/ (and
# feedgen's files that ask for more of the C library than POSIX)
: >"$tmp/unbanned"
for src in lib/buf.c validate/check.c validate/cli/main.c feedgen/main.c \
	   feedgen/config.c feedgen/page_read.c \
	   $(for r in $RUNGS; do ls validate/"$r"/*.c | head -n 1; done); do
	make -s -n -B -C "$top" B="$tmp/b" "$tmp/b/${src%.c}.o" 2>/dev/null |
		grep -q -- '-include lib/banned.h' || echo "#   $src" >>"$tmp/unbanned"
done
if [ -s "$tmp/unbanned" ]; then not_ok "lib/, validate/, validate/cli/ and feedgen/ are compiled with lib/banned.h"; cat "$tmp/unbanned"
else ok "lib/, validate/, validate/cli/ and feedgen/ are compiled with lib/banned.h"; fi
# and a banned call is a compile error there, its bounded twin is not
for call in 'strcpy(d, "x")' 'strcat(d, "x")' 'sprintf(d, "%d", 1)' 'gmtime(&t)' \
	    'localtime(&t)' 'atoi(d)'; do
	printf 'void f(char *d);\nvoid f(char *d) { time_t t = 0; (void)t; (void)%s; }\n' "$call" |
		${CC:-cc} -include "$top/lib/banned.h" -x c -c -o /dev/null - 2>/dev/null &&
		echo "#   $call compiles" >>"$tmp/banned"
done
printf 'void f(char *d);\nvoid f(char *d) { snprintf(d, 2, "%%s", "x"); }\n' |
	${CC:-cc} -include "$top/lib/banned.h" -x c -c -o /dev/null - 2>/dev/null ||
	echo "#   snprintf does not compile" >>"$tmp/banned"
if [ -s "$tmp/banned" ]; then not_ok "lib/banned.h makes strcpy, strcat, sprintf, gmtime, localtime and atoi compile errors"; cat "$tmp/banned"
else ok "lib/banned.h makes strcpy, strcat, sprintf, gmtime, localtime and atoi compile errors"; fi

# ---- one message writer -------------------------------------------------------

# feedgen's messages go through lib/diag.c's ft_message (printf-checked,
# escaped, a severity and a rule every time): no format of its own spells
# "SEVERITY: ... [rule]" by hand
grep -n '"[^"]*: \(error\|warning\|info\): ' feedgen/*.c | sed 's/^/#   /' >"$tmp/handmade"
if [ -s "$tmp/handmade" ]; then not_ok "feedgen/ writes no message form by hand (ft_message)"; cat "$tmp/handmade"
else ok "feedgen/ writes no message form by hand (ft_message)"; fi

# ---- sizes --------------------------------------------------------------------

for d in lib validate $(for r in $RUNGS; do printf 'validate/%s ' "$r"; done) validate/cli feedgen; do
	wc -l "$d"/*.c 2>/dev/null | awk -v m="$MAX_LINES" '$2 != "total" && $1 > m { print "#   " $2 ": " $1 " lines" }' >"$tmp/long"
	if [ -s "$tmp/long" ]; then not_ok "$d/: no .c file over $MAX_LINES lines"; cat "$tmp/long"
	else ok "$d/: no .c file over $MAX_LINES lines"; fi
done

finish
