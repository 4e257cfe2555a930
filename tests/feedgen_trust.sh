#!/bin/sh
# tests/feedgen_trust.sh - feedgen trusts nothing it did not choose: the
# collection (its pages, its links, its feed.conf) is written by another
# program, and what it holds reaches the feeds, the terminal and the file
# system only as feedgen(1) and feedgen(5) say.  Each case asserts the good
# outcome: the file left alone, the markup shown as text, the message said
# once and escaped.
. "$(dirname "$0")/lib.sh"
need_program "$fg"
B="--base-url https://x.example/e"

# a small collection: DIR, then the pages' count in each of two editions
mkcol() {
	for d in 01 02; do
		mkdir -p "$1/2022-07-$d"
		for p in 1 2; do
			printf -- '# 标题%s-%s\n\n正文%s%s，足够长的一段话。\n' $d $p $d $p \
				>"$1/2022-07-$d/00${p}_aaaaaaaaaaaaaa$d$p.txt"
		done
	done
}
# no raw byte of a control (C0 but tab and newline, DEL, C1, the bidi
# controls) and no byte that is not UTF-8 in FILE
clean_text() {
	python3 - "$1" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
try:
    t = b.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(1)
sys.exit(1 if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", t) else 0)
PY
}

# ---- names are printed through the one escaper (lib/diag.c) ----
mkcol "$tmp/ce"
bad='\377 不是 UTF-8 的字节，其余都是 UTF-8 的文字，足够长，足够长，足够长。'
for name in "001_a$(printf '\302\205')b.txt" "002_$(printf '\342\200\256')txt.exe.txt" \
	 "003_$(printf '\377')b.txt" "004_$(printf '\033')[2Jb.txt"; do
	printf "# 坏\n\n$bad\n" >"$tmp/ce/2022-07-01/$name"
done
status_is 1 "pages with hostile names and errors" $fg -q $B --state "$tmp/se.db" -o "$tmp/oe" "$tmp/ce"
check "no raw control, bidi control or bad byte reaches standard error" clean_text "$tmp/err"
contains "$tmp/err" '001_a\u0085b.txt:3:1: error:' "a C1 control is written \\u0085, as feedcheck writes it"
contains "$tmp/err" '002_\u202etxt.exe.txt' "a right-to-left override is written \\u202e"
contains "$tmp/err" '003_\xffb.txt' "a byte that is not UTF-8 is written \\xff"
contains "$tmp/err" '004_\x1b[2Jb.txt' "ESC is written \\x1b"
[ "$(wc -l <"$tmp/err")" = 4 ] && ok "one problem, one line" || not_ok "lines: $(wc -l <"$tmp/err")"
mkcol "$tmp/c1e"
status_is 0 "an output folder with a C1 control in its name" $fg $B --state "$tmp/se2.db" \
	-o "$tmp/o$(printf '\302\233')x" "$tmp/c1e"
check "the report on standard output is escaped too" clean_text "$tmp/out"
contains "$tmp/out" 'o\u009bx/atom.xml: created' "the output folder's name is escaped"

finish
