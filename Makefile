# feedtools: feedgen and feedcheck.  One non-recursive Makefile.
#
#   make                      build bin/feedgen and bin/feedcheck
#   make check                unit, command-line and conformance tests
#   make check SANITIZE=address,undefined
#   make check-tsan           the code with threads under ThreadSanitizer,
#                             in a build of its own (build/tsan/)
#   make install PREFIX=/usr/local DESTDIR=
#                             the programs, the man pages and libfeedcheck
#                             (BINDIR, MANDIR, LIBDIR, INCLUDEDIR too)
#   make uninstall            the same variables: removes what install put
#   make deb                  Debian packages into build/deb/ (slow)
#   make check-deb            make deb, then install, use and purge them on
#                             this machine (root; slow; not in make check)
#   make bench                benchmarks against peers (slow; see bench/)
#   make python               the Python package into build/python/ (python/)
#   make clean
#
# User CFLAGS/CPPFLAGS/LDFLAGS are respected; DEVELOPER=1 adds -Werror.

VERSION   = 0.1.0
# libfeedcheck's soname: libfeedcheck.so.$(SOVERSION)
SOVERSION = 0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
LIBDIR   ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CC       ?= cc
AR       ?= ar
LD       ?= ld
OBJCOPY  ?= objcopy
INSTALL  ?= install
PKG_CONFIG ?= pkg-config

PKGS      = libxml-2.0 libcurl md4c md4c-html jansson sqlite3 libmagic libxxhash yaml-0.1
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS))
# the image libraries the feedcheck program reads artwork headers with
# (--check-media), zlib, with which its delivery audit measures what
# gzip would save, libmicrohttpd and Nettle's SHA-256 (--serve); feedgen
# links its own (FG_PKGS); the rules library does not link them
CLI_PKGS   = libpng libjpeg zlib libmicrohttpd nettle
CLI_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CLI_PKGS))
CLI_LIBS   := $(shell $(PKG_CONFIG) --libs $(CLI_PKGS))
# ... and those feedgen reads a photo's format and size with (imagefile.c)
FG_PKGS    = libpng libjpeg libgif libwebp
FG_CFLAGS  := $(shell $(PKG_CONFIG) --cflags $(FG_PKGS))
FG_LIBS    := $(shell $(PKG_CONFIG) --libs $(FG_PKGS))

CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wformat=2 -Wvla -Wwrite-strings
ifdef DEVELOPER
WARN     += -Werror
endif
SAN_FLAGS =
ifdef SANITIZE
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all
endif

# Each layer sees only the headers below it (ARCHITECTURE.md): lib/ its own,
# the rules library lib/ and validate/, the feedcheck program validate/cli/
# as well; feedgen/ sees lib/, its own and validate/ (for feedcheck.h only:
# tests/layers.sh checks that).  Tests and fuzzers see everything.
#
# feedcheck.h is libfeedcheck's one public header; the project's own code
# but feedgen (the rules library, the feedcheck program, tests, fuzzers) is
# built with FEEDCHECK_INTERNAL and sees struct fc_result in full.  feedgen
# uses the public API only, as any program outside the project would.
BASE_CFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	      -DFEED_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(WARN) \
	      $(SAN_FLAGS) $(CPPFLAGS) $(CFLAGS)
INTERNAL     = -DFEEDCHECK_INTERNAL
INC_lib      = -Ilib

# lib/banned.h first in every file of lib/, validate/, validate/cli/ and
# feedgen/:
# strcpy, sprintf, gmtime and the like are compile errors there.  A file
# that wants more of the C library than POSIX 2008 says so here, on the
# command line, where banned.h's own includes see it.
BANNED = -include lib/banned.h
FEATURES_lib/fsutil.c = -D_GNU_SOURCE
FEATURES_validate/cli/width.c = -D_XOPEN_SOURCE=700
FEATURES_feedgen/config.c = -D_GNU_SOURCE
FEATURES_feedgen/page_read.c = -D_GNU_SOURCE

# The rules library's rungs, bottom up (docs/ARCHITECTURE.md, "validate/:
# a ladder"): validate/RUNG/ is compiled with lib/, validate/ (the one
# public header, feedcheck.h) and the rungs up to RUNG, so that a rung
# cannot include a header of a rung above it; validate/*.c, the top
# (fc_check), sees them all.  A new folder of validate/ goes into this
# list, where it belongs; tests/layers.sh reads the list from here.
VALIDATE_RUNGS = rules charset doc value engine vocab
# $(call rungs_upto,RUNG): the rungs from the bottom to RUNG
rungs_upto = $(if $(filter $(1),$(firstword $(2))),$(1),$(firstword $(2)) \
	     $(call rungs_upto,$(1),$(wordlist 2,$(words $(2)),$(2))))
$(foreach r,$(VALIDATE_RUNGS),$(eval INC_validate_$(r) = -Ilib -Ivalidate \
	$(addprefix -Ivalidate/,$(call rungs_upto,$(r),$(VALIDATE_RUNGS))) $(INTERNAL)))
INC_validate = -Ilib -Ivalidate $(addprefix -Ivalidate/,$(VALIDATE_RUNGS)) $(INTERNAL)
INC_cli      = -Ilib -Ivalidate -Ivalidate/cli $(INTERNAL) $(CLI_CFLAGS)
INC_feedgen  = -Ilib -Ivalidate -Ifeedgen $(FG_CFLAGS)
INC_all      = $(INC_validate) -Ivalidate/cli -Ifeedgen $(CLI_CFLAGS) $(FG_CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
# --as-needed: a program records only the libraries it uses (feedcheck
# does not use libxxhash, feedgen's)
LIBS = -Wl,--as-needed $(PKG_LIBS) -lm -pthread

B = build
# libfeedcheck for other programs: objects of its own (see below)
PIC = $(B)/pic

LIB_SRC       := $(sort $(wildcard lib/*.c))
VALIDATE_SRC  := $(sort $(wildcard validate/*.c) \
		   $(foreach r,$(VALIDATE_RUNGS),$(wildcard validate/$(r)/*.c)))
CLI_SRC       := $(sort $(filter-out validate/cli/main.c,$(wildcard validate/cli/*.c)))
FEEDGEN_SRC   := $(sort $(filter-out feedgen/main.c,$(wildcard feedgen/*.c)))
UNIT_SRC      := $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ       = $(LIB_SRC:%.c=$(B)/%.o)
VALIDATE_OBJ  = $(VALIDATE_SRC:%.c=$(B)/%.o)
CLI_OBJ       = $(CLI_SRC:%.c=$(B)/%.o)
FEEDGEN_OBJ   = $(FEEDGEN_SRC:%.c=$(B)/%.o)
UNIT_BIN      = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

# libfeed: lib/.  libfeedcheck: the rules library, validate/ only.
# libfeedcheck-cli and libfeedgen: the programs' own objects, archived so
# that the unit tests can link them.
LIBFEED    = $(B)/libfeed.a
LIBCHECK   = $(B)/libfeedcheck.a
LIBCLI     = $(B)/libfeedcheck-cli.a
LIBFEEDGEN = $(B)/libfeedgen.a

PROGRAMS = bin/feedgen bin/feedcheck

all: $(PROGRAMS) libfeedcheck

# GNU make takes the pattern with the shortest stem, so validate/cli/ files
# get the cli rule, not the validate/ one.
$(B)/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(FEATURES_$<) $(BANNED) $(INC_lib) -MMD -MP -c -o $@ $<
$(B)/validate/%.o: validate/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(BANNED) $(INC_validate) -MMD -MP -c -o $@ $<
# each rung with its own include paths (the stem of a rung's rule is
# shorter than that of validate/%.o's, so GNU make takes it)
define rung_rules
$$(B)/validate/$(1)/%.o: validate/$(1)/%.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(BASE_CFLAGS) $$(BANNED) $$(INC_validate_$(1)) -MMD -MP -c -o $$@ $$<
$$(PIC)/validate/$(1)/%.o: validate/$(1)/%.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(PIC_CFLAGS) $$(BANNED) $$(INC_validate_$(1)) -MMD -MP -c -o $$@ $$<
endef
$(foreach r,$(VALIDATE_RUNGS),$(eval $(call rung_rules,$(r))))
$(B)/validate/cli/%.o: validate/cli/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(FEATURES_$<) $(BANNED) $(INC_cli) -MMD -MP -c -o $@ $<
$(B)/feedgen/%.o: feedgen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(FEATURES_$<) $(BANNED) $(INC_feedgen) -MMD -MP -c -o $@ $<

$(LIBFEED): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(LIBCHECK): $(VALIDATE_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(LIBCLI): $(CLI_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(LIBFEEDGEN): $(FEEDGEN_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

# feedgen checks its own output with feedcheck's rules, in-process; it never
# links the feedcheck program's objects (the fetcher, the reporters).
#
# feedgen allocates with TCMalloc (gperftools' tcmalloc_minimal, from
# libgoogle-perftools-dev) when it is there: a first run's many small
# blocks, made by the reader threads and freed by the one that stores them,
# cost glibc's malloc a tenth of the run (bench/README.md).  Not jemalloc:
# its start reads the clock, and under faketime (the tests) that
# deadlocks.  Not under a sanitizer, whose allocator must see every block,
# nor under valgrind (make valgrind links its own build without it).
ifndef SANITIZE
FEEDGEN_MALLOC := $(shell $(PKG_CONFIG) --libs libtcmalloc_minimal 2>/dev/null)
endif
bin/feedgen: $(B)/feedgen/main.o $(LIBFEEDGEN) $(LIBCHECK) $(LIBFEED)
	@mkdir -p bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(FG_LIBS) $(LIBS) $(FEEDGEN_MALLOC)

bin/feedcheck: $(B)/validate/cli/main.o $(LIBCLI) $(LIBCHECK) $(LIBFEED)
	@mkdir -p bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CLI_LIBS) $(LIBS)

UNIT_LIBS = $(LIBFEEDGEN) $(LIBCLI) $(LIBCHECK) $(LIBFEED)
$(B)/tests/%: tests/unit/%.c tests/unit/test.h $(UNIT_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(INC_all) -Itests/unit $(ALL_LDFLAGS) -o $@ $< \
		$(UNIT_LIBS) $(FG_LIBS) $(CLI_LIBS) $(LIBS)

check: all $(UNIT_BIN)
	LC_ALL=C TZ=UTC sh tests/run.sh $(UNIT_BIN)

# Long-running targets, kept out of `make check`.
bench: all
	sh bench/run.sh
	sh bench/first.sh
	sh bench/archive.sh
	sh bench/feedcheck.sh
	sh bench/fetch.sh
	sh bench/python.sh
	sh bench/diff.sh
	sh bench/cache.sh

# ---- libfeedcheck for other programs -----------------------------------------
#
# The rules library as others link it: build/pub/ holds libfeedcheck.so.0
# (soname) and libfeedcheck.a, both with lib/ inside, and the public
# feedcheck.h.  Made from objects of their own (build/pic/: position
# independent, never sanitized, so that what is installed is the same
# whatever SANITIZE says), not from the programs' objects.
#
# Only the functions of feedcheck.h are visible: the shared library by the
# version script validate/libfeedcheck.map, the static one by linking its
# objects into one (ld -r) and making every other symbol local (objcopy
# --keep-global-symbols), so that lib/'s ft_ names and the library's own
# internal fc_ names cannot collide with a program's.  It needs libxml2
# and jansson (iconv is glibc's), never libcurl: the rules never fetch.

PUB   = $(B)/pub
SO_NAME = libfeedcheck.so.$(SOVERSION)
SO_FILE = libfeedcheck.so.$(VERSION)
LIBCHECK_MAP  = validate/libfeedcheck.map
LIBCHECK_PKGS = libxml-2.0 jansson
LIBCHECK_LIBS := $(shell $(PKG_CONFIG) --libs $(LIBCHECK_PKGS))
PIC_OBJ = $(LIB_SRC:%.c=$(PIC)/%.o) $(VALIDATE_SRC:%.c=$(PIC)/%.o)
PIC_CFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	     -DFEED_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(WARN) \
	     $(CPPFLAGS) $(CFLAGS) -fPIC
PUB_FILES = $(PUB)/$(SO_FILE) $(PUB)/libfeedcheck.a $(PUB)/feedcheck.h

libfeedcheck: $(PUB_FILES)

$(PIC)/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PIC_CFLAGS) $(FEATURES_$<) $(BANNED) $(INC_lib) -MMD -MP -c -o $@ $<
$(PIC)/validate/%.o: validate/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PIC_CFLAGS) $(BANNED) $(INC_validate) -MMD -MP -c -o $@ $<

$(PUB)/$(SO_FILE): $(PIC_OBJ) $(LIBCHECK_MAP)
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,-soname,$(SO_NAME) -Wl,--version-script=$(LIBCHECK_MAP) \
		-Wl,--no-undefined $(LDFLAGS) -o $@ $(PIC_OBJ) $(LIBCHECK_LIBS)
	ln -sf $(SO_FILE) $(PUB)/$(SO_NAME)
	ln -sf $(SO_NAME) $(PUB)/libfeedcheck.so

# the names to keep global: the version script's
$(PUB)/libfeedcheck.sym: $(LIBCHECK_MAP)
	@mkdir -p $(dir $@)
	sed -n 's/^[[:space:]]*\(fc_[a-z0-9_]*\);.*/\1/p' $< >$@

$(PUB)/libfeedcheck.a: $(PIC_OBJ) $(PUB)/libfeedcheck.sym
	@mkdir -p $(dir $@)
	$(LD) -r -o $(PUB)/libfeedcheck.o $(PIC_OBJ)
	$(OBJCOPY) --keep-global-symbols=$(PUB)/libfeedcheck.sym $(PUB)/libfeedcheck.o
	rm -f $@ && $(AR) rcs $@ $(PUB)/libfeedcheck.o

# the header without its FEEDCHECK_INTERNAL parts (#ifdef ... #else ...
# #endif /* FEEDCHECK_INTERNAL */, not nested)
$(PUB)/feedcheck.h: validate/feedcheck.h
	@mkdir -p $(dir $@)
	awk '/^#ifdef FEEDCHECK_INTERNAL/ { drop = 1; next } \
	     drop && /^#else/ { drop = 0; keep = 1; next } \
	     (drop || keep) && /^#endif \/\* FEEDCHECK_INTERNAL/ { drop = keep = 0; next } \
	     !drop' $< >$@

# ---- the Python package ------------------------------------------------------
#
#   make python               the package "feedcheck" (python/) installed into
#                             build/python/ by pip, offline, from the tree:
#                             PYTHONPATH=build/python python3 -c 'import feedcheck'
#
# Its extension is cffi's API mode: C compiled against build/pub/feedcheck.h
# with build/pub/libfeedcheck.a inside (python/feedcheck_build.py), so it
# needs no libfeedcheck.so at run time.  PYTHON is Debian's python3 when
# there is one, which Debian's python3-cffi serves (a python3 earlier on
# PATH, such as pyenv's, may lack it); PYDIR puts the package elsewhere
# (tests/python.sh, which make check runs, builds it into its temporary
# folder).  pip builds in the tree, its build products going to
# $(B)/python-setup/.

PYTHON ?= $(firstword $(wildcard /usr/bin/python3) python3)
PYDIR  ?= $(B)/python

python: libfeedcheck
	rm -rf $(PYDIR).new
	FEEDCHECK_BUILD=$(abspath $(B)) PIP_ROOT_USER_ACTION=ignore \
		$(PYTHON) -m pip install -q --no-index --no-build-isolation \
		--no-deps --no-cache-dir --disable-pip-version-check \
		--target $(PYDIR).new ./python
	rm -rf $(PYDIR) && mv $(PYDIR).new $(PYDIR)

# ---- install --------------------------------------------------------------------

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	for m in man/*.1; do $(INSTALL) -m 644 $$m $(DESTDIR)$(MANDIR)/man1/ || exit 1; done
	for m in man/*.3; do $(INSTALL) -m 644 $$m $(DESTDIR)$(MANDIR)/man3/ || exit 1; done
	for m in man/*.5; do $(INSTALL) -m 644 $$m $(DESTDIR)$(MANDIR)/man5/ || exit 1; done
	$(INSTALL) -m 644 $(PUB)/feedcheck.h $(DESTDIR)$(INCLUDEDIR)/feedcheck.h
	$(INSTALL) -m 644 $(PUB)/libfeedcheck.a $(DESTDIR)$(LIBDIR)/libfeedcheck.a
	$(INSTALL) -m 644 $(PUB)/$(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SO_FILE)
	ln -sf $(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SO_NAME)
	ln -sf $(SO_NAME) $(DESTDIR)$(LIBDIR)/libfeedcheck.so
	sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@PREFIX@|$(PREFIX)|g' \
		-e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
		-e 's|@REQUIRES@|$(LIBCHECK_PKGS)|g' \
		validate/libfeedcheck.pc.in >$(DESTDIR)$(PKGCONFIGDIR)/libfeedcheck.pc
	@case "$(DESTDIR)$(LIBDIR)" in /usr/local/lib) \
		echo "install: run ldconfig for $(LIBDIR)/$(SO_NAME)";; esac

# What install put there, with the same variables; the folders stay.
uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGRAMS)))
	for m in man/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$${m##*/}; done
	for m in man/*.3; do rm -f $(DESTDIR)$(MANDIR)/man3/$${m##*/}; done
	for m in man/*.5; do rm -f $(DESTDIR)$(MANDIR)/man5/$${m##*/}; done
	rm -f $(DESTDIR)$(INCLUDEDIR)/feedcheck.h $(DESTDIR)$(LIBDIR)/libfeedcheck.a \
		$(DESTDIR)$(LIBDIR)/$(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SO_NAME) \
		$(DESTDIR)$(LIBDIR)/libfeedcheck.so $(DESTDIR)$(PKGCONFIGDIR)/libfeedcheck.pc

# ---- Debian packages ---------------------------------------------------------
#
# make deb: dpkg-buildpackage -us -uc -b on a copy of the tree (so that the
# tree and its parent get no build products), the packages and lintian's
# report (build/deb/lintian.txt; the target fails on any error) into
# build/deb/.  DEB_BUILD_OPTIONS=nocheck by default: make check runs the
# tests; make deb DEB_BUILD_OPTIONS= runs them inside the package build too.
# make check-deb: tests/package.sh installs the packages with apt, uses
# them, purges them and checks that the machine is as it was.

DEB = $(B)/deb
DEB_BUILD_OPTIONS ?= nocheck

deb:
	rm -rf $(DEB) && mkdir -p $(DEB)/src
	tar --exclude=./build --exclude=./bin --exclude=./out --exclude=./.git \
		--exclude=./bench/work --exclude=node_modules -cf - . | tar -xf - -C $(DEB)/src
	cd $(DEB)/src && DEB_BUILD_OPTIONS='$(DEB_BUILD_OPTIONS)' \
		dpkg-buildpackage -us -uc -b >../build.log 2>&1 || \
		{ tail -40 ../build.log; echo "deb: dpkg-buildpackage failed (build/deb/build.log)"; exit 1; }
	rm -rf $(DEB)/src
	lintian --display-info --pedantic --fail-on error $(DEB)/*.changes >$(DEB)/lintian.txt 2>&1; \
		st=$$?; cat $(DEB)/lintian.txt; \
		[ $$st -eq 0 ] || { echo "deb: lintian reports an error"; exit 1; }
	@ls $(DEB)/*.deb

check-deb: deb
	LC_ALL=C TZ=UTC SUITES=tests/package.sh sh tests/run.sh

clean:
	rm -rf $(B) bin

.PHONY: all check bench install uninstall libfeedcheck python deb check-deb clean
.SECONDARY:

-include $(shell find $(B) -path $(B)/deb -prune -o -name '*.d' -print 2>/dev/null)

# ---- fuzzing -----------------------------------------------------------------
#
#   make fuzz                  build every libFuzzer target, fuzz each for
#                              FUZZ_SECONDS (default 60) in turn; fails if any
#                              crashes, leaks, hits UB or times out
#   make fuzz FUZZ_TARGETS=fuzz_date FUZZ_SECONDS=300 FUZZ_ARGS=-jobs=2
#   make fuzz-regress          run every target once over its corpus and over
#                              tests/fuzz/crashes/<target>/, no fuzzing
#
# Built with clang (libFuzzer, ASan, UBSan) into build/fuzz/ from the sources
# themselves, so the normal build and its objects are never touched.  New
# inputs go to a temporary directory (libFuzzer writes to the first corpus
# directory only), so tests/fuzz/corpus/ stays as committed; the saved
# crashes of tests/fuzz/crashes/<target>/ are seeds too (a target whose
# known crash is not fixed yet fails at once); new crashes are saved under
# build/fuzz/artifacts/<target>/.  A target named in
# FUZZ_VALIDATE_TARGETS is linked with validate/ instead of feedgen/.

FUZZ_CC       ?= clang
FUZZ_CFLAGS   ?= -g -O1
FUZZ_SECONDS  ?= 60
FUZZ_ARGS     ?=
FUZZ_SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all \
		 -fno-omit-frame-pointer
FUZZ_ALL_CFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		  -DFEED_VERSION='"$(VERSION)"' $(INC_all) \
		  -Itests/fuzz -Itests/unit $(PKG_CFLAGS) $(WARN) $(FUZZ_SAN) $(FUZZ_CFLAGS)
FB = $(B)/fuzz

FUZZ_FEEDGEN_TARGETS  = fuzz_decode fuzz_split fuzz_frontmatter fuzz_byline \
			fuzz_date fuzz_config fuzz_link fuzz_media
FUZZ_VALIDATE_TARGETS = fuzz_check fuzz_jsonfeed fuzz_charset fuzz_types
FUZZ_TARGETS ?= $(FUZZ_FEEDGEN_TARGETS) $(FUZZ_VALIDATE_TARGETS)

# Longest input libFuzzer makes up, per target (default 4096 bytes).
FUZZ_MAXLEN_fuzz_split       = 65536
FUZZ_MAXLEN_fuzz_frontmatter = 16384
FUZZ_MAXLEN_fuzz_decode      = 16384
FUZZ_MAXLEN_fuzz_date        = 256
FUZZ_MAXLEN_fuzz_byline      = 512
FUZZ_MAXLEN_fuzz_check       = 65536
FUZZ_MAXLEN_fuzz_jsonfeed    = 16384
FUZZ_MAXLEN_fuzz_charset     = 8192
FUZZ_MAXLEN_fuzz_types       = 512
FUZZ_MAXLEN_fuzz_media       = 16384

FUZZ_LIB_OBJ      = $(LIB_SRC:%.c=$(FB)/obj/%.o)
# only the modules the targets exercise, so that work in progress elsewhere
# in feedgen/ (collection walk, writers, self-check) cannot break the build
FUZZ_FEEDGEN_SRC  = feedgen/article.c feedgen/body.c feedgen/byline.c feedgen/decode.c \
		    feedgen/strlist.c \
		    feedgen/frontmatter.c \
		    feedgen/figure.c feedgen/htmltree.c \
		    feedgen/ident.c feedgen/imagefile.c feedgen/media.c feedgen/media_photo.c \
		    feedgen/photofile.c feedgen/options.c \
		    feedgen/render.c
FUZZ_FEEDGEN_OBJ  = $(FUZZ_FEEDGEN_SRC:%.c=$(FB)/obj/%.o)
FUZZ_VALIDATE_OBJ = $(VALIDATE_SRC:%.c=$(FB)/obj/%.o)

# the code under test: coverage instrumentation without libFuzzer's main
$(FB)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) $(FEATURES_$<) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(addprefix $(FB)/,$(FUZZ_FEEDGEN_TARGETS)): $(FB)/%: tests/fuzz/%.c \
		$(FUZZ_LIB_OBJ) $(FUZZ_FEEDGEN_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d \
		-o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_FEEDGEN_OBJ) $(FG_LIBS) $(PKG_LIBS) -lm -pthread

$(addprefix $(FB)/,$(FUZZ_VALIDATE_TARGETS)): $(FB)/%: tests/fuzz/%.c \
		tests/fuzz/fuzz_check.h $(FUZZ_LIB_OBJ) $(FUZZ_VALIDATE_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d \
		-o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_VALIDATE_OBJ) $(PKG_LIBS) -lm

fuzz-build: $(addprefix $(FB)/,$(FUZZ_TARGETS))

# One target at a time; every target runs even after a failure, and the
# run fails at the end if any did.  LC_ALL=C TZ=UTC as for the tests.
define fuzz_one
	new=$$(mktemp -d "$${TMPDIR:-/tmp}/$(1).XXXXXX") || exit 3; \
	mkdir -p $(FB)/artifacts/$(1); \
	dict=; [ -f tests/fuzz/dict/$(1).dict ] && dict=-dict=tests/fuzz/dict/$(1).dict; \
	old=; [ -d tests/fuzz/crashes/$(1) ] && old=tests/fuzz/crashes/$(1); \
	echo "fuzz: $(1) for $(FUZZ_SECONDS)s"; \
	LC_ALL=C TZ=UTC $(FB)/$(1) -max_total_time=$(FUZZ_SECONDS) \
		-max_len=$(or $(FUZZ_MAXLEN_$(1)),4096) -timeout=10 \
		-print_final_stats=1 -artifact_prefix=$(FB)/artifacts/$(1)/ \
		$$dict $(FUZZ_ARGS) "$$new" tests/fuzz/corpus/$(1) $$old \
		>$(FB)/$(1).log 2>&1 || failed="$$failed $(1)"; \
	grep -E '^([#][0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' \
		$(FB)/$(1).log | sed 's/^/    /'; \
	rm -rf "$$new";
endef

fuzz: fuzz-build
	@failed=""; \
	$(foreach t,$(FUZZ_TARGETS),$(call fuzz_one,$(t))) \
	if [ -n "$$failed" ]; then \
		echo "fuzz: FAILED:$$failed (see $(FB)/TARGET.log and $(FB)/artifacts/)"; \
		exit 1; \
	fi

# Every committed input once, no mutation: quick enough for `make check`.
fuzz-regress: fuzz-build
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
		dirs=tests/fuzz/corpus/$$t; \
		[ -d tests/fuzz/crashes/$$t ] && dirs="$$dirs tests/fuzz/crashes/$$t"; \
		mkdir -p $(FB)/artifacts/$$t; \
		if LC_ALL=C TZ=UTC $(FB)/$$t -runs=0 -timeout=10 \
			-artifact_prefix=$(FB)/artifacts/$$t/regress- $$dirs \
			>$(FB)/$$t.regress.log 2>&1; then \
			echo "PASS $$t"; \
		else \
			echo "FAIL $$t (see $(FB)/$$t.regress.log)"; \
			failed="$$failed $$t"; \
		fi; \
	done; \
	[ -z "$$failed" ]

.PHONY: fuzz fuzz-build fuzz-regress
# ---- end of fuzzing ----------------------------------------------------------

# ---- valgrind ----------------------------------------------------------------
#
#   make valgrind              the command-line suites (VALGRIND_SUITES) with
#                              bin/feedgen and bin/feedcheck run under
#                              valgrind; fails on any invalid access or
#                              definite/indirect leak
#   make valgrind VALGRIND_SUITES=tests/feedcheck.sh
#
# The programs are built without a sanitizer in $(B)/valgrind/ (VG=DIR
# puts them elsewhere); tests/valgrind/run.sh runs the suites with them
# under valgrind and says how it does.  tests/valgrind/valgrind.supp
# silences reports inside the C library.

VALGRIND        ?= valgrind
VALGRIND_FLAGS  ?= -q --error-exitcode=99 --leak-check=full \
		   --errors-for-leak-kinds=definite,indirect \
		   --show-leak-kinds=definite,indirect --track-origins=yes \
		   --num-callers=30 --suppressions=$(CURDIR)/tests/valgrind/valgrind.supp
#
# Every suite but tests/conformance.sh, which is too slow for the default:
# it starts feedcheck once for each of the 1,204 W3C cases, 20 minutes under
# valgrind on two busy processors (8 s without); name it to run it
# (make valgrind VALGRIND_SUITES=tests/conformance.sh).  tests/http.sh and
# tests/hostile.sh take about 3 minutes each (hostile.sh gives its time
# limits ten times longer under valgrind and skips its memory bounds).
VALGRIND_SUITES ?= tests/feedgen.sh tests/feedcheck.sh tests/cron.sh \
		   tests/http.sh tests/hostile.sh
VG   = $(B)/valgrind
VG_B = $(VG)/obj

valgrind-build:
	@$(MAKE) -s B=$(VG_B) SANITIZE= $(VG_B)/feedgen/main.o \
		$(VG_B)/validate/cli/main.o $(VG_B)/libfeedgen.a \
		$(VG_B)/libfeedcheck-cli.a $(VG_B)/libfeedcheck.a $(VG_B)/libfeed.a
	@mkdir -p $(VG)/real
	$(CC) $(LDFLAGS) -o $(VG)/real/feedgen $(VG_B)/feedgen/main.o \
		$(VG_B)/libfeedgen.a $(VG_B)/libfeedcheck.a $(VG_B)/libfeed.a $(FG_LIBS) $(LIBS)
	$(CC) $(LDFLAGS) -o $(VG)/real/feedcheck $(VG_B)/validate/cli/main.o \
		$(VG_B)/libfeedcheck-cli.a $(VG_B)/libfeedcheck.a $(VG_B)/libfeed.a \
		$(CLI_LIBS) $(LIBS)

valgrind: valgrind-build
	@VALGRIND='$(VALGRIND)' VALGRIND_FLAGS='$(VALGRIND_FLAGS)' \
		sh tests/valgrind/run.sh $(VG) $(VALGRIND_SUITES)

.PHONY: valgrind valgrind-build
# ---- end of valgrind ---------------------------------------------------------

# ---- ThreadSanitizer ---------------------------------------------------------
#
#   make check-tsan            the code with threads under ThreadSanitizer:
#                              the multi-threaded libfeedcheck unit test
#                              (tests/unit/test_threads.c) and the suites of
#                              TSAN_SUITES with bin/feedgen and bin/feedcheck
#                              built with -fsanitize=thread; fails on a test
#                              that fails or on any report
#   make check-tsan TSAN_SUITES=tests/feedgen.sh
#
# feedgen has threads (the page readers, the publishing jobs);
# libfeedcheck promises that several threads may check at once
# (feedcheck(3)); feedcheck -j runs libcurl's resolver threads.
# Built in $(TSAN)/obj/ from the sources (SANITIZE=thread), the programs
# linked into $(TSAN)/bin/, so bin/ and the build of `make check` are left
# alone; the suites take the programs from there ($FEEDTOOLS_BIN, as make
# valgrind does).  Each process writes a report it makes to
# $(TSAN)/logs/tsan.PID (TSAN_OPTIONS log_path) and stops at the first
# (halt_on_error).  .ci/run calls it; about 5 minutes on two processors.

TSAN_SUITES ?= tests/feedgen.sh tests/cron.sh tests/state.sh tests/faults.sh \
	       tests/photos.sh tests/http.sh tests/discovery.sh tests/shards.sh \
	       tests/serve.sh
TSAN   = $(B)/tsan
TSAN_B = $(TSAN)/obj
TSAN_OPTS = halt_on_error=1 second_deadlock_stack=1 \
	    suppressions=$(CURDIR)/tests/tsan.supp log_path=$(CURDIR)/$(TSAN)/logs/tsan

tsan-build:
	@$(MAKE) -s B=$(TSAN_B) SANITIZE=thread $(TSAN_B)/feedgen/main.o \
		$(TSAN_B)/validate/cli/main.o $(TSAN_B)/libfeedgen.a \
		$(TSAN_B)/libfeedcheck-cli.a $(TSAN_B)/libfeedcheck.a \
		$(TSAN_B)/libfeed.a $(TSAN_B)/tests/test_threads
	@mkdir -p $(TSAN)/bin
	$(CC) -fsanitize=thread $(LDFLAGS) -o $(TSAN)/bin/feedgen \
		$(TSAN_B)/feedgen/main.o $(TSAN_B)/libfeedgen.a \
		$(TSAN_B)/libfeedcheck.a $(TSAN_B)/libfeed.a $(FG_LIBS) $(LIBS)
	$(CC) -fsanitize=thread $(LDFLAGS) -o $(TSAN)/bin/feedcheck \
		$(TSAN_B)/validate/cli/main.o $(TSAN_B)/libfeedcheck-cli.a \
		$(TSAN_B)/libfeedcheck.a $(TSAN_B)/libfeed.a $(CLI_LIBS) $(LIBS)

check-tsan: tsan-build
	@rm -rf $(TSAN)/logs && mkdir -p $(TSAN)/logs
	@start=$$(date +%s); \
	LC_ALL=C TZ=UTC TSAN_OPTIONS='$(TSAN_OPTS)' \
		FEEDTOOLS_BIN=$$(cd $(TSAN)/bin && pwd) \
		SUITES='$(TSAN_SUITES)' sh tests/run.sh $(TSAN_B)/tests/test_threads; \
	st=$$?; \
	bad=$$(find $(TSAN)/logs -type f -size +0 | sort); \
	echo "check-tsan: $$(($$(date +%s) - start)) s, $$(echo $$bad | wc -w) ThreadSanitizer reports"; \
	for f in $$bad; do echo "== $$f"; head -60 "$$f"; done; \
	[ $$st -eq 0 ] && [ -z "$$bad" ]

.PHONY: check-tsan tsan-build
# ---- end of ThreadSanitizer ------------------------------------------------------
