#!/bin/sh
# tests/rootrun.sh - the packaged service keeps working after an
# administrator runs feedgen by hand as root (feedgen(1), STATE): the
# service, simulated without systemd, is a user (nobody here, feedgen in
# the package) that owns the state folder ($STATE_DIRECTORY) and the output
# folder.  Run as root on that state, feedgen goes on as its owner: the
# state, its lock and the feeds stay that user's, and the service's next
# run, as that user, succeeds (it failed with exit 3 on a root-owned
# state).  A state folder of root's own leaves root as it is.  And the
# packaged unit's sandbox, as systemd-analyze security rates it offline.
# Needs root and setpriv (util-linux); skipped without.
. "$(dirname "$0")/lib.sh"

need_program "$fg"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	skip "a root run on the service's state" "needs root and setpriv"
	finish
fi
svc=nobody
uid=$(id -u $svc 2>/dev/null) && gid=$(id -g $svc) || {
	skip "a root run on the service's state" "no user $svc"
	finish
}
# the service's folders, where that user can reach them
w=$(mktemp -d /tmp/feedtools-rootrun.XXXXXX)
at_exit "rm -rf '$w'"
chmod 755 "$w"
mkdir -p "$w/srv" "$w/state" "$w/www"
cp -R "$top/samples/." "$w/srv/"
chmod -R a+rX "$w/srv"
chown "$uid:$gid" "$w/state" "$w/www"
chmod 700 "$w/state"
# the service runs a copy of feedgen where it can reach it: the checkout
# may lie in a 0700 folder (a clone in mktemp -d, a Debian build)
mkdir -p "$w/bin"
cp "$fg" "$w/bin/feedgen" && chmod 755 "$w/bin" "$w/bin/feedgen"
as_service() {
	setpriv --reuid="$uid" --regid="$gid" --clear-groups \
		env STATE_DIRECTORY="$w/state" "$w/bin/feedgen" --settle 0 -o "$w/www" "$w/srv"
}
if ! setpriv --reuid="$uid" --regid="$gid" --clear-groups test -r "$w/srv/feed.conf"; then
	skip "a root run on the service's state" "$svc cannot read $w"
	finish
fi

# the packaged unit is sandboxed: systemd's own reckoning of its exposure
unit=$top/debian/feedtools.feedgen.service
if command -v systemd-analyze >/dev/null 2>&1; then
	systemd-analyze security --offline=yes "$unit" >"$tmp/sec" 2>&1
	level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$tmp/sec")
	check "systemd-analyze security --offline=yes: the unit's exposure is at most 3.0 (${level:-none})" \
		awk -v l="${level:-99}" 'BEGIN { exit !(l + 0 <= 3.0) }'
else
	skip "systemd-analyze security rates the unit" "systemd-analyze is not installed (the systemd package)"
fi
for d in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
	ReadWritePaths= RestrictAddressFamilies= CapabilityBoundingSet=; do
	contains "$unit" "$d" "the unit sets $d"
done

# the administrator's run, as root
STATE_DIRECTORY="$w/state" "$fg" --settle 0 -o "$w/www" "$w/srv" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "feedgen run as root on the service's state"
contains "$tmp/err" "$w/state: info: run as root on a state folder that belongs to user '$svc'; feedgen goes on as that user" \
	"... says it goes on as the state's owner [privileges-dropped]"
owners=$(find "$w/state" "$w/www" -mindepth 1 ! -user "$svc" | head -5)
check "every file it made (state, lock, feeds) is $svc's${owners:+: not $owners}" test -z "$owners"
check "the feeds were written" test -s "$w/www/atom.xml"

# the service's next run, as its user, with a new page
cp "$w/srv/2022-07-17/001_7a3e9c1b5d2f4068.txt" "$w/srv/2022-07-17/002_00000000000000ee.txt"
chmod a+r "$w/srv/2022-07-17/002_00000000000000ee.txt"
as_service >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "the service's next run, as $svc, succeeds"
contains "$tmp/out" "$w/www/atom.xml: updated" "... and publishes"

# -q: the drop is not said
STATE_DIRECTORY="$w/state" "$fg" -q --settle 0 -o "$w/www" "$w/srv" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "as root with -q"
lacks "$tmp/err" "privileges-dropped" "... says nothing"

# root's own state folder: root stays root
mkdir -p "$w/rootstate" "$w/rootwww"
STATE_DIRECTORY="$w/rootstate" "$fg" --settle 0 -o "$w/rootwww" "$w/srv" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "as root on a state folder of root's"
lacks "$tmp/err" "privileges-dropped" "... no change of user"
check "... its files are root's" test "$(stat -c %U "$w/rootwww/atom.xml")" = root

finish
