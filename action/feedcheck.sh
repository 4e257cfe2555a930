#!/bin/sh
# action/feedcheck.sh - the shell part of action.yml (tests/action.sh runs
# it on this machine).
#
#   feedcheck.sh install   INPUT_DEB (a .deb: apt installs it), else
#                          feedcheck already on PATH, else build this
#                          checkout ($GITHUB_ACTION_PATH): Debian's or
#                          Ubuntu's build packages (apt, sudo when not
#                          root; only the missing ones), make, make install
#                          PREFIX=$RUNNER_TEMP/feedtools, whose bin/ goes
#                          to $GITHUB_PATH
#   feedcheck.sh check     feedcheck --format github $INPUT_ARGS on the
#                          files of INPUT_FILES (names or shell patterns,
#                          separated by blanks or new lines); its exit
#                          status (0 ok, 1 errors found, 2 usage, 3 a file
#                          could not be read); a pattern that matches
#                          nothing is an error (exit 2)
set -eu

here=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD_PACKAGES="build-essential pkg-config libxml2-dev libcurl4-openssl-dev
libmd4c-dev libmd4c-html0-dev libjansson-dev libsqlite3-dev"

sudo_() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install() {
	if [ -n "${INPUT_DEB:-}" ]; then
		case $INPUT_DEB in /*|./*) deb=$INPUT_DEB ;; *) deb=./$INPUT_DEB ;; esac
		sudo_ apt-get update -qq
		sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb"
	elif command -v feedcheck >/dev/null 2>&1; then
		echo "feedcheck: $(command -v feedcheck) is installed: $(feedcheck --version | head -1)"
		return 0
	else
		missing=
		for p in $BUILD_PACKAGES; do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
				missing="$missing $p"
		done
		if [ -n "$missing" ]; then
			echo "feedcheck: installing$missing"
			sudo_ apt-get update -qq
			sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
		fi
		prefix=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/feedtools
		make -s -C "$here" -j"$(nproc 2>/dev/null || echo 2)" bin/feedcheck
		make -s -C "$here" install PREFIX="$prefix" >/dev/null
		[ -n "${GITHUB_PATH:-}" ] && echo "$prefix/bin" >>"$GITHUB_PATH"
		PATH=$prefix/bin:$PATH
	fi
	echo "feedcheck: installed $(command -v feedcheck): $(feedcheck --version | head -1)"
}

check() {
	set --
	# blanks and new lines separate; each word is a name or a pattern,
	# expanded (set +f) one at a time
	set -f
	for pat in ${INPUT_FILES:-}; do
		set +f
		n=0
		for f in $pat; do
			[ -e "$f" ] || continue
			set -- "$@" "$f"
			n=$((n + 1))
		done
		set -f
		if [ $n -eq 0 ]; then
			echo "::error title=feedcheck::no file matches '$pat'"
			exit 2
		fi
	done
	if [ $# -eq 0 ]; then
		echo "::error title=feedcheck::no files given (input 'files')"
		exit 2
	fi
	st=0
	# INPUT_ARGS is split into words, as options are (no patterns there)
	feedcheck --format github ${INPUT_ARGS:-} "$@" || st=$?
	set +f
	if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
		case $st in
		0) verdict="no errors" ;;
		1) verdict="errors found" ;;
		2) verdict="usage error" ;;
		*) verdict="a file could not be read" ;;
		esac
		echo "feedcheck: $# file(s), $verdict (exit $st)" >>"$GITHUB_STEP_SUMMARY"
	fi
	exit $st
}

case ${1:-} in
install) install ;;
check) check ;;
*) echo "usage: feedcheck.sh install|check" >&2; exit 2 ;;
esac
