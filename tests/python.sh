#!/bin/sh
# tests/python.sh - the Python package (python/, issue 27): `make python`
# into a temporary folder (pip install --no-index --no-build-isolation
# --target: the extension compiled against the tree's build/pub), then the
# package's unittest tests (python/tests/, printed as TAP by tap.py): the
# API, the same findings as feedcheck over the tree's feeds and the W3C
# cases, Content-Type and URL against the program fetching over loopback,
# many threads, mypy --strict, and the Dask recipe
# (man/examples/feedcheck_dask.py) on two local workers; then README.md's
# example against its output, and README.md's pip command into a virtual
# environment.  Uses Debian's python3 (/usr/bin/python3, or
# FEEDTOOLS_PYTHON), which Debian's python3-cffi, python3-distributed and
# mypy serve; without cffi, setuptools, wheel or pip everything is
# skipped, without python3-distributed or mypy their tests, each saying
# why (setup.sh installs them).  About 20 s.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
PY=${FEEDTOOLS_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=$(command -v python3 || echo python3)
if ! "$PY" -c 'import sys' 2>/dev/null; then
	skip "the Python package" "python3 is not installed"
	finish
fi
missing=
for m in cffi setuptools wheel pip; do
	"$PY" -c "import $m" 2>/dev/null || missing="$missing python3-$m"
done
if [ -n "$missing" ]; then
	skip "the Python package" "${missing# } not installed for $PY (setup.sh installs it)"
	finish
fi

# the sub-make gets this run's MAKEFLAGS (B=, SANITIZE=), so it finds
# build/pub made and only builds the package
site=$tmp/site
if "${MAKE:-make}" -s -C "$top" python PYTHON="$PY" PYDIR="$site" >"$tmp/build.log" 2>&1 &&
   [ -f "$site/feedcheck/py.typed" ]; then
	ok "make python: the package built and installed offline by pip (--target)"
else
	not_ok "make python: the package built and installed offline by pip (--target)"
	sed 's/^/#   /' "$tmp/build.log" | tail -20
	finish
fi
ls "$site"/feedcheck/_feedcheck*.so >/dev/null 2>&1 && ldd "$site"/feedcheck/_feedcheck*.so >"$tmp/ldd" 2>&1
lacks "$tmp/ldd" "libfeedcheck" "the extension carries libfeedcheck.a in itself (no libfeedcheck.so needed)"
contains "$tmp/ldd" "libxml2" "the extension links libxml2"
PYTHONPATH=$site FEEDTOOLS_TOP=$top FEEDCHECK_BIN=$fc FEEDTOOLS_SHARED=$SHARED \
	TMPDIR=$tmp PYTHONDONTWRITEBYTECODE=1 \
	"$PY" "$top/python/tests/tap.py" $((n + 1)) "$tmp/count" >"$tmp/tap" 2>"$tmp/tap.err"
st=$?
cat "$tmp/tap"
k=$(cat "$tmp/count" 2>/dev/null || echo 0)
n=$((n + k))
f=$(grep -c '^not ok ' "$tmp/tap")
failed=$((failed + f))
if [ "$k" -eq 0 ] || { [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; }; then
	not_ok "the unittest tests ran (tap.py exited $st)"
	sed 's/^/#   /' "$tmp/tap.err" | tail -20
fi

# ---- README.md's example, as it stands -------------------------------------

awk '/^## Python/ { sec = 1 } sec && /^```python$/ { on = 1; next }
     on && /^```$/ { exit } on' "$top/README.md" >"$tmp/readme.py"
awk '/^## Python/ { sec = 1 } sec && /^```text$/ { on = 1; next }
     on && /^```$/ { exit } on' "$top/README.md" >"$tmp/readme.want"
if [ -s "$tmp/readme.py" ] && [ -s "$tmp/readme.want" ]; then
	(cd "$top" && PYTHONPATH=$site "$PY" "$tmp/readme.py") >"$tmp/readme.out" 2>"$tmp/readme.err"
	st=$?
	[ "$st" -eq 0 ] || sed 's/^/#   /' "$tmp/readme.err" | tail -5
	same "$tmp/readme.want" "$tmp/readme.out" "README.md's Python example prints what README.md says"
else
	not_ok "README.md's Python section has an example and its output"
fi

# ---- the pip command of README.md, into a virtual environment ---------------------

# the build folder make check uses (B=... on its command line), for the
# builder's own `make libfeedcheck`
b=${FEEDTOOLS_BUILD:-}
if [ -z "$b" ]; then
	b=$(printf '%s\n' "${MAKEFLAGS:-}" | tr ' ' '\n' | sed -n 's/^B=//p' | tail -n 1)
	case $b in "") b=$top/build ;; /*) ;; *) b=$top/$b ;; esac
fi
if "$PY" -m venv --without-pip --system-site-packages "$tmp/venv" >"$tmp/venv.log" 2>&1; then
	if (cd "$top" && FEEDCHECK_BUILD=$b PIP_ROOT_USER_ACTION=ignore \
	    "$tmp/venv/bin/python" -m pip install -q --no-index --no-build-isolation \
	    --no-cache-dir --disable-pip-version-check ./python) >"$tmp/pip.log" 2>&1; then
		ok "pip install --no-index --no-build-isolation ./python, in a virtual environment"
	else
		not_ok "pip install --no-index --no-build-isolation ./python, in a virtual environment"
		sed 's/^/#   /' "$tmp/pip.log" | tail -10
	fi
	(cd "$tmp" && "$tmp/venv/bin/python" -c 'import feedcheck, sys
r = feedcheck.check(open(sys.argv[1], "rb").read())
print(feedcheck.__file__.startswith(sys.prefix + "/"), r.format, r.valid)' \
		"$top/tests/feedcheck/valid-atom.xml") >"$tmp/venv.out" 2>&1
	echo "True atom1.0 True" >"$tmp/venv.want"
	same "$tmp/venv.want" "$tmp/venv.out" "the package installed in the environment checks a feed"
else
	skip "pip install ./python in a virtual environment" "$PY -m venv failed: $(tail -n 1 "$tmp/venv.log")"
fi
finish
