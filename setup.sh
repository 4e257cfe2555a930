#!/bin/sh
# setup.sh - on a fresh Debian 12 machine: install what is missing, build,
# and run feedgen on samples/ (the feeds go to out/).
#   sh setup.sh            (as root, or with sudo available)
# Besides the build: what the tests use (jq, GNU parallel and python3-yaml
# for tests/shards.sh, pre-commit for tests/precommit.sh) and what make deb
# needs (debhelper, lintian); the Python package (make python,
# tests/python.sh): cffi, the tools pip builds it with offline
# (setuptools, wheel, the headers of python3-dev), Dask's distributed for
# its recipe, mypy for its type hints; the last line: feedcheck --serve's
# libraries (libmicrohttpd, Nettle), bench/serve.sh's load generator, wrk,
# and bench/run.sh's peer, Hugo (its other peer, npm feed, comes from
# bench/package.json).
set -eu
cd "$(dirname "$0")"
# the line ending in groff: what the tests of feedcheck's reports use as
# consumers (tests/ci.sh, tests/browser.sh, tests/reports.sh): Chromium, a
# CJK font for its screenshots, Vim, tmux, Python's junitparser; the npm
# packages come from tests/consumers/ (install.sh), with the Node.js and
# npm below; systemd: systemd-analyze rates the unit's sandbox
# (tests/rootrun.sh); strace and iproute2: tests/ssrf.sh's proof that nothing was
# sent, inside a network namespace; the two lines before the last: the Python package's
PACKAGES="build-essential pkg-config libxml2-dev libxml2-utils
libcurl4-openssl-dev libmd4c-dev libmd4c-html0-dev libjansson-dev
libsqlite3-dev libgoogle-perftools-dev libxxhash-dev libyaml-dev libpng-dev libjpeg-dev libgif-dev libwebp-dev zlib1g-dev libmagic-dev tzdata python3 python3-pil
python3-feedparser ca-certificates openssl clang libclang-rt-14-dev valgrind
sqlite3 faketime time bc jq parallel python3-yaml pre-commit debhelper lintian
fakeroot dpkg-dev adduser chromium fonts-wqy-microhei vim tmux
python3-junitparser groff
strace iproute2 systemd
python3-cffi python3-dev python3-pip python3-setuptools python3-wheel
python3-distributed mypy
libmicrohttpd-dev nettle-dev wrk hugo"
missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# Node.js and npm from Debian only when there is none (another build of
# Node.js, such as NodeSource's, brings its own npm and conflicts with
# Debian's npm package)
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq $missing >/dev/null
fi
make -s
echo "setup: running feedgen on samples/"
bin/feedgen -o out samples
echo "setup: feeds written to $(pwd)/out/ (atom.xml, rss.xml, feed.json)"
