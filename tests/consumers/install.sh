#!/bin/sh
# tests/consumers/install.sh - install the npm packages the CI-format and
# browser tests use (package.json, pinned by package-lock.json) into
# tests/consumers/node_modules with `npm ci`, once: again only when
# package-lock.json changes.  Exits 0 when they are there; otherwise 1,
# with the reason on standard output (one line), so that a suite can skip
# with it.  The npm registry is the only network it needs.
cd "$(dirname "$0")" || exit 1
stamp=node_modules/.feedtools-installed
want=$(cksum <package-lock.json)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "npm is not installed (setup.sh installs Node.js and npm)"
	exit 1
fi
# one install at a time (two suites may start it together)
exec 9>.install.lock
command -v flock >/dev/null 2>&1 && flock 9
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi
# --ignore-scripts: nothing of the packages runs at install time; the one
# install script among them (the SARIF multitool's: chmod u+x of its
# binary) is done here instead
if ! timeout 600 npm ci --no-audit --no-fund --ignore-scripts >.install.log 2>&1; then
	echo "npm ci failed in tests/consumers (see tests/consumers/.install.log): $(tail -1 .install.log)"
	exit 1
fi
chmod u+x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool || exit 1
echo "$want" >"$stamp"
exit 0
