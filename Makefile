# feedtools: feedgen and feedcheck.  One non-recursive Makefile.
#
#   make                      build bin/feedgen and bin/feedcheck
#   make check                unit, command-line and conformance tests
#   make check SANITIZE=address,undefined
#   make install PREFIX=/usr/local DESTDIR=
#   make bench                benchmarks against peers (slow; see bench/)
#   make clean
#
# User CFLAGS/LDFLAGS are respected; DEVELOPER=1 adds -Werror.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
CC       ?= cc
AR       ?= ar
PKG_CONFIG ?= pkg-config

PKGS      = libxml-2.0 libcurl md4c md4c-html jansson sqlite3
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS))

CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	    -Wmissing-prototypes -Wformat=2 -Wvla -Wwrite-strings \
	    -Wno-format-nonliteral
ifdef DEVELOPER
WARN     += -Werror
endif
SAN_FLAGS =
ifdef SANITIZE
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all
endif

ALL_CFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	     -DFEED_VERSION='"$(VERSION)"' -Ilib -Ifeedgen -Ivalidate \
	     $(PKG_CFLAGS) $(WARN) $(SAN_FLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lm

B = build

LIB_SRC       := $(sort $(wildcard lib/*.c))
FEEDGEN_SRC   := $(sort $(filter-out feedgen/main.c,$(wildcard feedgen/*.c)))
VALIDATE_SRC  := $(sort $(filter-out validate/main.c,$(wildcard validate/*.c)))
UNIT_SRC      := $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ       = $(LIB_SRC:%.c=$(B)/%.o)
FEEDGEN_OBJ   = $(FEEDGEN_SRC:%.c=$(B)/%.o)
VALIDATE_OBJ  = $(VALIDATE_SRC:%.c=$(B)/%.o)
UNIT_BIN      = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

LIBFEED    = $(B)/libfeed.a
LIBFEEDGEN = $(B)/libfeedgen.a
LIBCHECK   = $(B)/libfeedcheck.a

PROGRAMS = bin/feedgen
ifneq ($(wildcard validate/main.c),)
PROGRAMS += bin/feedcheck
endif

all: $(PROGRAMS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIBFEED): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(LIBCHECK): $(VALIDATE_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(LIBFEEDGEN): $(FEEDGEN_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

bin/feedgen: $(B)/feedgen/main.o $(LIBFEEDGEN) $(LIBFEED)
	@mkdir -p bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

bin/feedcheck: $(B)/validate/main.o $(LIBCHECK) $(LIBFEED)
	@mkdir -p bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/test.h $(LIBFEEDGEN) $(LIBCHECK) $(LIBFEED)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< \
		$(LIBFEEDGEN) $(LIBCHECK) $(LIBFEED) $(LIBS)

check: all $(UNIT_BIN)
	LC_ALL=C TZ=UTC sh tests/run.sh $(UNIT_BIN)

# Long-running targets, kept out of `make check`.
bench: all
	sh bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in man/*.5; do install -m 644 $$m $(DESTDIR)$(MANDIR)/man5/; done

clean:
	rm -rf $(B) bin

.PHONY: all check bench install clean
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
