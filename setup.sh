#!/bin/sh
# setup.sh - on a fresh Debian 12 machine: install what is missing, build,
# and run feedgen on samples/ (the feeds go to out/).
#   sh setup.sh            (as root, or with sudo available)
set -eu
cd "$(dirname "$0")"
PACKAGES="build-essential pkg-config libxml2-dev libxml2-utils
libcurl4-openssl-dev libmd4c-dev libmd4c-html0-dev libjansson-dev
libsqlite3-dev tzdata python3 ca-certificates openssl clang
libclang-rt-14-dev valgrind sqlite3 faketime time bc libmagic-dev
python3-feedparser chromium"
missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
make -s
echo "setup: running feedgen on samples/"
bin/feedgen -o out samples
echo "setup: feeds written to $(pwd)/out/ (atom.xml, rss.xml, feed.json)"
