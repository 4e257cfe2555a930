#!/bin/sh
# tests/install.sh - make install and make uninstall into a DESTDIR, and
# libfeedcheck as a program outside the tree sees it: one self-contained
# header, a shared library with a soname that exports the functions of
# feedcheck.h and nothing else, a static one whose insides cannot collide
# with a program's names, a pkg-config file, the same findings as
# feedcheck --format json.  Needs a build (make); about ten seconds.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
MAKE=${MAKE:-make}
CC=${CC:-cc}
CXX=${CXX:-c++}
d=$tmp/dest
prefix=/usr/local

# make install: the sub-make gets this run's MAKEFLAGS (B=, SANITIZE=), so
# it finds everything built and only installs
if "$MAKE" -s -C "$top" install DESTDIR="$d" PREFIX=$prefix >"$tmp/install.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=$prefix"
else
	not_ok "make install DESTDIR=... PREFIX=$prefix"; sed 's/^/#   /' "$tmp/install.log" | tail -10
	finish
fi
(cd "$d" && find . ! -type d | sort) >"$tmp/files"
cat >"$tmp/want" <<EOF
.$prefix/bin/feedcheck
.$prefix/bin/feedgen
.$prefix/include/feedcheck.h
.$prefix/lib/libfeedcheck.a
.$prefix/lib/libfeedcheck.so
.$prefix/lib/libfeedcheck.so.0
.$prefix/lib/libfeedcheck.so.0.1.0
.$prefix/lib/pkgconfig/libfeedcheck.pc
.$prefix/share/man/man1/feedcheck.1
.$prefix/share/man/man1/feedgen.1
.$prefix/share/man/man3/feedcheck.3
.$prefix/share/man/man5/feedgen.5
EOF
same "$tmp/want" "$tmp/files" "the installed files: programs, man pages (1, 3, 5), header, libraries, pkg-config file"
L=$d$prefix/lib
check "libfeedcheck.so -> libfeedcheck.so.0 -> libfeedcheck.so.0.1.0" \
	test "$(readlink "$L/libfeedcheck.so")" = libfeedcheck.so.0 -a \
	"$(readlink "$L/libfeedcheck.so.0")" = libfeedcheck.so.0.1.0
status_is 0 "the installed feedcheck runs" "$d$prefix/bin/feedcheck" --version
status_is 0 "the installed feedgen runs" "$d$prefix/bin/feedgen" --version

# the variables each move their part
"$MAKE" -s -C "$top" install DESTDIR="$tmp/d2" PREFIX=/opt/ft BINDIR=/b \
	MANDIR=/m LIBDIR=/l INCLUDEDIR=/i >"$tmp/install2.log" 2>&1
check "BINDIR, MANDIR, LIBDIR, INCLUDEDIR each move their part" test \
	-x "$tmp/d2/b/feedcheck" -a -f "$tmp/d2/m/man3/feedcheck.3" -a \
	-f "$tmp/d2/l/libfeedcheck.so.0.1.0" -a -f "$tmp/d2/i/feedcheck.h" -a \
	-f "$tmp/d2/l/pkgconfig/libfeedcheck.pc"
contains "$tmp/d2/l/pkgconfig/libfeedcheck.pc" "libdir=/l" "libfeedcheck.pc names LIBDIR"
contains "$tmp/d2/l/pkgconfig/libfeedcheck.pc" "includedir=/i" "libfeedcheck.pc names INCLUDEDIR"

# ---- the header ----------------------------------------------------------------

h=$d$prefix/include/feedcheck.h
lacks "$h" "FEEDCHECK_INTERNAL" "the installed feedcheck.h has no FEEDCHECK_INTERNAL part"
grep -n 'diag\.h\|diag_list\|struct diag\b\|DIAG_' "$h" >"$tmp/diag"
check "the installed feedcheck.h names nothing of lib/diag.h" test ! -s "$tmp/diag"
printf '#include <feedcheck.h>\nint main(void) { return fc_result_count((const struct fc_result *)0) == 1; }\n' >"$tmp/alone.c"
check_quiet "feedcheck.h alone compiles (C99, -Wall -Wextra -pedantic -Werror)" \
	$CC -std=c99 -Wall -Wextra -Wpedantic -Werror -I"$d$prefix/include" -c -o "$tmp/alone.o" "$tmp/alone.c"
cp "$tmp/alone.c" "$tmp/alone.cc"
if command -v "$CXX" >/dev/null 2>&1; then
	check_quiet "feedcheck.h compiles as C++ too" \
		$CXX -Wall -Wextra -Werror -I"$d$prefix/include" -c -o "$tmp/alonecc.o" "$tmp/alone.cc"
else
	skip "feedcheck.h compiles as C++ too" "no C++ compiler ($CXX)"
fi
# the header's own functions, the version script's, the library's exports
grep -o 'fc_[a-z0-9_]*[[:space:]]*(' "$h" | tr -d ' (' | sort -u >"$tmp/header.fns"
sed -n 's/^[[:space:]]*\(fc_[a-z0-9_]*\);.*/\1/p' "$top/validate/libfeedcheck.map" | sort >"$tmp/map.fns"
same "$tmp/header.fns" "$tmp/map.fns" "validate/libfeedcheck.map exports exactly the functions of feedcheck.h"

# the Debian package's symbols file lists the same
sed -n 's/^ \(fc_[a-z0-9_]*\)@FEEDCHECK_0 .*/\1/p' "$top/debian/libfeedcheck0.symbols" | sort >"$tmp/deb.fns"
same "$tmp/map.fns" "$tmp/deb.fns" "debian/libfeedcheck0.symbols lists the same functions"

# the package's systemd units are feedgen(1)'s EXAMPLES: each directive of
# the manual's is in them (but User=, and the path of the program),
# beside the package's own (User=feedgen, StateDirectory=feedgen)
units=$top/debian/feedtools.feedgen.service
sed -n '/^\[Unit\]$/,/^\.fi$/p' "$top/man/feedgen.1" | sed 's/\\-/-/g' |
	grep '=' | grep -v '^User=\|^ExecStart=\|^Description=' >"$tmp/man.directives"
cat "$top/debian/feedtools.feedgen.service" "$top/debian/feedtools.feedgen.timer" >"$tmp/units"
: >"$tmp/missing"
while read -r line; do grep -qxF -- "$line" "$tmp/units" || echo "$line" >>"$tmp/missing"; done <"$tmp/man.directives"
check "the package's units have every directive of feedgen(1)'s ($(wc -l <"$tmp/man.directives"))" \
	test ! -s "$tmp/missing" -a -s "$tmp/man.directives"
[ -s "$tmp/missing" ] && sed 's/^/#   missing: /' "$tmp/missing"
grep -q '^ExecStart=/usr/bin/feedgen .*-q --wait 60 -c /etc/feedgen/feed.conf' "$units"
check "ExecStart runs /usr/bin/feedgen as feedgen(1) shows, with /etc/feedgen/feed.conf" test $? -eq 0
for want in User=feedgen StateDirectory=feedgen ConditionPathExists=/etc/feedgen/feed.conf; do
	contains "$units" "$want" "feedgen.service: $want"
done

# ---- the shared library --------------------------------------------------------

so=$L/libfeedcheck.so.0.1.0
if command -v readelf >/dev/null 2>&1 && command -v nm >/dev/null 2>&1; then
	readelf -d "$so" >"$tmp/dyn"
	contains "$tmp/dyn" "Library soname: [libfeedcheck.so.0]" "the shared library's soname is libfeedcheck.so.0"
	grep NEEDED "$tmp/dyn" >"$tmp/needed"
	lacks "$tmp/needed" "curl" "the shared library does not link libcurl"
	contains "$tmp/needed" "libxml2" "the shared library links libxml2"
	contains "$tmp/needed" "libjansson" "the shared library links jansson"
	nm -D --defined-only "$so" | awk 'NF >= 3 && $2 != "A" { sub(/@.*/, "", $3); print $3 }' | sort >"$tmp/so.fns"
	same "$tmp/header.fns" "$tmp/so.fns" "the shared library exports the functions of feedcheck.h and nothing else"
	nm -g --defined-only "$L/libfeedcheck.a" | awk 'NF >= 3 { print $3 }' | sort >"$tmp/a.fns"
	same "$tmp/header.fns" "$tmp/a.fns" "the static library's only global symbols are the functions of feedcheck.h"
	nm "$L/libfeedcheck.a" | awk '$1 == "U" && $2 ~ /^curl_/' >"$tmp/a.curl"
	check "the static library needs nothing from libcurl" test ! -s "$tmp/a.curl"
else
	skip "the libraries' symbols" "readelf or nm is missing (binutils)"
fi

# ---- pkg-config ------------------------------------------------------------------

PKG_CONFIG_PATH=$L/pkgconfig PKG_CONFIG_SYSROOT_DIR=$d
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
cflags=$(pkg-config --cflags libfeedcheck) libs=$(pkg-config --libs libfeedcheck)
static=$(pkg-config --libs --static libfeedcheck)
check "pkg-config --cflags --libs libfeedcheck" test -n "$libs"
echo "$libs $static" >"$tmp/pclibs"
contains "$tmp/pclibs" "-lfeedcheck" "pkg-config --libs gives -lfeedcheck"
echo "$static" >"$tmp/pcstatic"
contains "$tmp/pcstatic" "-lxml2" "pkg-config --libs --static adds libxml2"
contains "$tmp/pcstatic" "-ljansson" "pkg-config --libs --static adds jansson"
lacks "$tmp/pclibs" "curl" "pkg-config names no libcurl"

# ---- a program outside the tree ------------------------------------------------

# the same findings as feedcheck --format json, field by field
feeds="tests/feedcheck/invalid-rss.xml tests/feedcheck/invalid.json
tests/feedcheck/bad-utf8.xml tests/feedcheck/warning-only.xml tests/feedcheck/valid-atom.xml"
mkdir "$tmp/prog" && cp "$top/man/examples/findings.c" "$tmp/prog/"
expect_findings() {
	: >"$tmp/json.tsv"
	for f in $feeds; do
		(cd "$top" && "$fc" --format json "$f") |
			jq -r '.source as $s | .diagnostics[] | [$s, .severity, .rule, .line, .column, .path, .element, .message] | @tsv' >>"$tmp/json.tsv"
	done
}
if command -v jq >/dev/null 2>&1; then
	expect_findings
	check "the feeds have findings to compare" test "$(wc -l <"$tmp/json.tsv")" -ge 8
else
	skip "the feeds have findings to compare" "jq is not installed"
fi
# run_findings PROGRAM: its lines for the feeds into $tmp/lib.tsv
run_findings() {
	(cd "$top" && LD_LIBRARY_PATH=$L "$1" $feeds) >"$tmp/lib.tsv"
}
if (cd "$tmp/prog" && $CC -std=c99 -Wall -Wextra -Wpedantic -Werror -o findings findings.c $cflags $libs) \
	>"$tmp/cc.log" 2>&1; then
	ok "findings.c builds with pkg-config against the shared library"
	run_findings "$tmp/prog/findings"
	[ -s "$tmp/json.tsv" ] && same "$tmp/json.tsv" "$tmp/lib.tsv" "the shared library's findings are feedcheck --format json's"
	readelf -d "$tmp/prog/findings" | grep NEEDED >"$tmp/prog.needed"
	contains "$tmp/prog.needed" "libfeedcheck.so.0" "the program needs libfeedcheck.so.0"
else
	not_ok "findings.c builds with pkg-config against the shared library"; sed 's/^/#   /' "$tmp/cc.log" | head -10
fi

# static: beside names of the library's insides (lib/'s ft_, internal fc_)
cat >"$tmp/prog/mine.c" <<'EOF'
/* a program's own functions that share names with libfeedcheck's insides */
int ft_diag_add(void);
int fc_check_json(void);
int ft_buf_init(void);
int ft_diag_add(void) { return 1; }
int fc_check_json(void) { return 2; }
int ft_buf_init(void) { return 3; }
EOF
if (cd "$tmp/prog" && $CC -std=c99 -Wall -Werror -o findings-static findings.c mine.c $cflags \
	-Wl,-Bstatic -lfeedcheck -Wl,-Bdynamic $(echo "$static" | sed 's/-lfeedcheck//')) >"$tmp/cc.log" 2>&1; then
	ok "findings.c links the static library beside its own ft_diag_add, ft_buf_init, fc_check_json"
	run_findings "$tmp/prog/findings-static"
	[ -s "$tmp/json.tsv" ] && same "$tmp/json.tsv" "$tmp/lib.tsv" "the static library's findings are feedcheck --format json's"
	readelf -d "$tmp/prog/findings-static" | grep NEEDED >"$tmp/prog.needed"
	lacks "$tmp/prog.needed" "libfeedcheck" "the static program needs no libfeedcheck.so"
else
	not_ok "findings.c links the static library beside its own ft_diag_add, ft_buf_init, fc_check_json"
	sed 's/^/#   /' "$tmp/cc.log" | head -10
fi

# the README's example, as it stands
awk '/^```c$/ { on = 1; next } on && /^```$/ { exit } on' "$top/README.md" >"$tmp/prog/readme.c"
if [ ! -s "$tmp/prog/readme.c" ]; then
	not_ok "README.md has a C example"
elif (cd "$tmp/prog" && $CC -std=c99 -Wall -Wextra -Werror -o readme readme.c $cflags $libs) >"$tmp/cc.log" 2>&1; then
	ok "README.md's library example builds"
	(cd "$top" && LD_LIBRARY_PATH=$L "$tmp/prog/readme" tests/feedcheck/invalid-rss.xml) >"$tmp/out" 2>&1
	st=$?
	(cd "$top" && "$fc" --color=never tests/feedcheck/invalid-rss.xml) 2>/dev/null | grep ': \(error\|warning\|info\): ' >"$tmp/fc.lines"
	status 1 "README.md's example fails on a broken feed"
	same "$tmp/fc.lines" "$tmp/out" "README.md's example prints feedcheck's lines"
else
	not_ok "README.md's library example builds"; sed 's/^/#   /' "$tmp/cc.log" | head -10
fi

# ---- uninstall ---------------------------------------------------------------------

"$MAKE" -s -C "$top" uninstall DESTDIR="$d" PREFIX=$prefix >"$tmp/uninstall.log" 2>&1
(cd "$d" && find . ! -type d) >"$tmp/left"
check "make uninstall removes every file make install put" test ! -s "$tmp/left"
"$MAKE" -s -C "$top" uninstall DESTDIR="$tmp/d2" PREFIX=/opt/ft BINDIR=/b \
	MANDIR=/m LIBDIR=/l INCLUDEDIR=/i >"$tmp/uninstall.log" 2>&1
(cd "$tmp/d2" && find . ! -type d) >"$tmp/left"
check "make uninstall with the same variables removes them all" test ! -s "$tmp/left"

finish
