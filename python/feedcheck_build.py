"""cffi builder of feedcheck._feedcheck, the C half of the Python package.

API mode: the extension is C compiled against libfeedcheck's public
header, feedcheck.h, so the compiler checks every declaration below against
it (a wrong one fails the build, it does not crash at run time), and calls
go straight to the library's functions, not through libffi.

Which libfeedcheck it links, in this order:

- FEEDCHECK_PKG_CONFIG=1: the installed one, as pkg-config names it
  (``pkg-config --cflags --libs libfeedcheck``: the shared library, from the
  libfeedcheck-dev package or ``make install``);
- else, inside the feedtools tree, the tree's static libfeedcheck.a and its
  public feedcheck.h from build/pub/ (``make libfeedcheck``, which this
  builder runs first), so the extension carries the rules in itself and
  needs only libxml2 and jansson at run time: nothing else to install, and
  the tests run the rules of the tree they test.  FEEDCHECK_BUILD names
  another build folder (the Makefile's B).

The static archive exports the functions of feedcheck.h only (its insides,
lib/'s ft_ names among them, are local), so nothing in it can collide with
another extension's names.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import sys

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)

# The subset of feedcheck.h the package uses.  "...;" lets the compiler lay
# out the structs the package only fills or reads by member name.
CDEF = """
enum fc_severity { FC_INFO = 0, FC_WARNING = 1, FC_ERROR = 2 };
enum fc_profile {
    FC_PROFILE_APPLE = 1, FC_PROFILE_SPOTIFY = 2, FC_PROFILE_PODCASTINDEX = 4,
    FC_PROFILE_READERS = 8
};
enum fc_format { FC_FORMAT_UNKNOWN = 0, ... };

struct fc_transport {
    const char *media_type;
    const char *charset;
    const char *url;
};
struct fc_options {
    size_t max_diags;
    size_t max_text;
    unsigned max_depth;
    unsigned profiles;
    int want_media;
    ...;
};
struct fc_encoding {
    char *bom;
    char *http;
    char *declared;
    char *used;
};
struct fc_finding {
    enum fc_severity severity;
    const char *rule;
    const char *message;
    const char *file;
    long line;
    long column;
    long long offset;
    const char *path;
    const char *element;
};
struct fc_rule {
    const char *id;
    enum fc_severity severity;
    const char *summary;
    const char *explain;
};
struct fc_result;

struct fc_result *fc_result_new(void);
void fc_result_free(struct fc_result *r);
void fc_init(void);
int fc_check(const unsigned char *bytes, size_t len, const char *source,
             const struct fc_transport *t, const struct fc_options *o,
             struct fc_result *r);
enum fc_format fc_result_format(const struct fc_result *r);
const char *fc_result_version(const struct fc_result *r);
const struct fc_encoding *fc_result_encoding(const struct fc_result *r);
size_t fc_result_count(const struct fc_result *r);
int fc_result_finding(const struct fc_result *r, size_t i,
                      struct fc_finding *f);
size_t fc_result_total(const struct fc_result *r, enum fc_severity s);
size_t fc_result_dropped(const struct fc_result *r);
const char *fc_severity_name(enum fc_severity s);
const char *fc_format_name(enum fc_format f);
const char *fc_version(void);
const struct fc_rule *fc_rule_at(size_t i);
struct fc_rule_source {
    const char *id;
    const char *platform;
    const char *url;
    const char *checked;
    const char *note;
};
const struct fc_rule_source *fc_rule_source(const char *id, size_t i);
"""


def _pkg_config(*args: str) -> list[str]:
    pc = os.environ.get("PKG_CONFIG", "pkg-config")
    try:
        out = subprocess.run([pc, *args], check=True, capture_output=True,
                             text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"feedcheck: {pc} {' '.join(args)} failed: {e}")
    return shlex.split(out)


def _split(cflags: list[str], libs: list[str]) -> dict[str, list[str]]:
    """pkg-config's flags as setuptools takes them."""
    kw: dict[str, list[str]] = {"include_dirs": [], "extra_compile_args": [],
                                "library_dirs": [], "libraries": [],
                                "extra_link_args": []}
    for f in cflags:
        if f.startswith("-I"):
            kw["include_dirs"].append(f[2:])
        else:
            kw["extra_compile_args"].append(f)
    for f in libs:
        if f.startswith("-L"):
            kw["library_dirs"].append(f[2:])
        elif f.startswith("-l"):
            kw["libraries"].append(f[2:])
        else:
            kw["extra_link_args"].append(f)
    return kw


def _tree_build() -> dict[str, list[str]]:
    """The tree's build/pub: made (or brought up to date) by make."""
    build = os.environ.get("FEEDCHECK_BUILD") or os.path.join(TOP, "build")
    build = os.path.abspath(build)
    pub = os.path.join(build, "pub")
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    make = os.environ.get("MAKE", "make")
    # the output to standard error, which pip shows with -v or on failure
    rc = subprocess.run([make, "-s", "-C", TOP, f"B={build}", "libfeedcheck"],
                        env=env, stdout=sys.stderr).returncode
    if rc != 0:
        sys.exit(f"feedcheck: '{make} libfeedcheck' failed in {TOP}")
    kw = _split([], _pkg_config("--libs", "libxml-2.0", "jansson"))
    kw["include_dirs"].insert(0, pub)
    kw["extra_objects"] = [os.path.join(pub, "libfeedcheck.a")]
    # setuptools relinks when these change, not only the generated C
    kw["depends"] = [os.path.join(pub, "libfeedcheck.a"),
                     os.path.join(pub, "feedcheck.h")]
    return kw


def _options() -> dict[str, list[str]]:
    if os.environ.get("FEEDCHECK_PKG_CONFIG") == "1" or \
            not os.path.exists(os.path.join(TOP, "validate", "feedcheck.h")):
        return _split(_pkg_config("--cflags", "libfeedcheck"),
                      _pkg_config("--libs", "libfeedcheck"))
    return _tree_build()


ffibuilder = FFI()
ffibuilder.cdef(CDEF)
ffibuilder.set_source("feedcheck._feedcheck", "#include <feedcheck.h>\n",
                      **_options())

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
