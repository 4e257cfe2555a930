#!/bin/sh
# tests/package.sh - the Debian packages on this machine (make check-deb:
# make deb first; root; not part of make check).  Installs build/deb/*.deb
# with apt, runs both tools from /usr/bin, runs the packaged systemd unit's
# command as the system user feedgen, builds the installed findings.c with
# pkg-config against the installed library (shared and static) and
# compares its findings with feedcheck --format json's, then removes and
# purges the packages and checks that the machine is as it was: the same
# packages, no user feedgen, no /var/lib/feedgen, no unit left enabled.
. "$(dirname "$0")/lib.sh"
debs=${FEEDTOOLS_BUILD:-$top/build}/deb
PKGS="feedtools libfeedcheck0 libfeedcheck-dev"
APT="apt-get -o DPkg::Lock::Timeout=600 -y -q"
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	skip "the Debian packages" "installing them needs root and apt"
	finish
fi
set -- "$debs"/feedtools_*.deb
if [ ! -f "$1" ]; then
	not_ok "no package in $debs (make deb)"
	finish
fi
check "lintian reported no error (make deb)" test -f "$debs/lintian.txt"
grep '^E: ' "$debs/lintian.txt" >"$tmp/lintian.E" 2>/dev/null
check "lintian.txt has no E: line" test ! -s "$tmp/lintian.E"

installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q ' installed$'; }
# what "as it was" compares: the packages, the user, the state, the units
# (the packages are compared apart: only ours and what apt pulled in for
# them, since another engineer's apt may run meanwhile on a shared machine)
snapshot() {
	getent passwd feedgen; getent group feedgen
	ls -d /var/lib/feedgen /etc/systemd/system/timers.target.wants/feedgen.timer \
		/lib/systemd/system/feedgen.service 2>/dev/null
	ls /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked 2>/dev/null | grep feedgen
	dpkg-statoverride --list /var/lib/feedgen
}
for p in $PKGS; do
	if dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qv 'not-installed\|^$'; then
		not_ok "$p is on this machine already: not touching it (apt-get purge $PKGS)"
		finish
	fi
done
if getent passwd feedgen >/dev/null; then
	not_ok "a user feedgen exists already: not touching it"
	finish
fi
snapshot >"$tmp/before" 2>/dev/null
dpkg-query -W -f='${Package}:${Architecture}\n' | sort >"$tmp/pkgs.before"
: >"$tmp/pulled"
# whatever happens below, the packages go again, and what apt pulled in
# for them (nothing, when the build packages are there)
at_exit 'for p in $PKGS $(cat "$tmp/pulled"); do
	dpkg-query -W "$p" >/dev/null 2>&1 && $APT purge "$p" >/dev/null 2>&1
done'

# ---- install ------------------------------------------------------------------

(cd "$debs" && apt -o DPkg::Lock::Timeout=600 install -y -q ./feedtools_*.deb \
	./libfeedcheck0_*.deb ./libfeedcheck-dev_*.deb) >"$tmp/apt.log" 2>&1
st=$?
[ $st -eq 0 ] || tail -20 "$tmp/apt.log" | sed 's/^/#   /'
check "apt install ./feedtools_*.deb ./libfeedcheck0_*.deb ./libfeedcheck-dev_*.deb" test $st -eq 0
for p in $PKGS; do check "$p is installed" installed "$p"; done
# what apt pulled in for them, from its own words
awk '/NEW packages will be installed/ { f = 1; next } f && /^  / { print; next } { f = 0 }' \
	"$tmp/apt.log" | tr ' ' '\n' | sed '/^$/d' |
	grep -vx 'feedtools\|libfeedcheck0\|libfeedcheck-dev' >"$tmp/pulled"
[ -s "$tmp/pulled" ] && echo "# apt pulled in: $(tr '\n' ' ' <"$tmp/pulled")"

# ---- the tools from /usr/bin -----------------------------------------------------

status_is 0 "/usr/bin/feedcheck --version" /usr/bin/feedcheck --version
contains "$tmp/out" "0.1.0" "says 0.1.0"
status_is 0 "/usr/bin/feedcheck passes a good feed" /usr/bin/feedcheck "$top/tests/feedcheck/valid-atom.xml"
status_is 1 "/usr/bin/feedcheck fails a broken one" /usr/bin/feedcheck "$top/tests/feedcheck/invalid-rss.xml"
status_is 0 "/usr/bin/feedgen builds the samples" /usr/bin/feedgen -q --state "$tmp/state.db" \
	-o "$tmp/www" "$top/samples"
status_is 0 "and /usr/bin/feedcheck passes what it wrote" /usr/bin/feedcheck \
	"$tmp/www/atom.xml" "$tmp/www/rss.xml" "$tmp/www/feed.json"
for m in 1/feedcheck 1/feedgen 5/feedgen 3/feedcheck; do
	check "man page $m installed" test -f /usr/share/man/man${m%/*}/${m#*/}.${m%/*}.gz
done
check "the examples: feed.conf, feedcheck-shards.sh, feedcheck-job.yaml, findings.c" test \
	-f /usr/share/doc/feedtools/examples/feed.conf -a \
	-f /usr/share/doc/feedtools/examples/feedcheck-shards.sh -a \
	-f /usr/share/doc/feedtools/examples/feedcheck-job.yaml -a \
	-f /usr/share/doc/libfeedcheck-dev/examples/findings.c
check "debian/copyright names the licence" grep -q '^License: Expat' /usr/share/doc/feedtools/copyright

# ---- the user, the state folder, the units ---------------------------------------

getent passwd feedgen >"$tmp/passwd"
check "the system user feedgen exists" test -s "$tmp/passwd"
uid=$(cut -d: -f3 "$tmp/passwd")
check "with a system uid ($uid < 1000), home /var/lib/feedgen, no login shell" test \
	"${uid:-1000}" -lt 1000 -a "$(cut -d: -f6 "$tmp/passwd")" = /var/lib/feedgen -a \
	"$(cut -d: -f7 "$tmp/passwd" | sed 's|.*/||')" = nologin
check "/var/lib/feedgen is the package's, owned by feedgen:feedgen, mode 700" test \
	"$(stat -c %U:%G:%a /var/lib/feedgen 2>/dev/null)" = feedgen:feedgen:700
check "dpkg knows the folder" sh -c 'dpkg -S /var/lib/feedgen | grep -q feedtools'
U=/lib/systemd/system
check "feedgen.service and feedgen.timer installed in $U" test -f $U/feedgen.service -a -f $U/feedgen.timer
check "the timer is not enabled (disabled until configured)" \
	test ! -e /etc/systemd/system/timers.target.wants/feedgen.timer
contains $U/feedgen.service "User=feedgen" "the service runs as feedgen"
contains $U/feedgen.service "StateDirectory=feedgen" "with StateDirectory=feedgen"
contains $U/feedgen.service "ConditionPathExists=/etc/feedgen/feed.conf" "and only once configured"
if command -v systemd-analyze >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
	check_quiet "systemd-analyze verify accepts the units" systemd-analyze verify $U/feedgen.service $U/feedgen.timer
else
	skip "systemd-analyze verify accepts the units" "systemd is not running here"
fi

# the service's command as systemd would run it: as feedgen, with the
# state folder, on a copy of the samples; a config of its own in place of
# /etc/feedgen/feed.conf (which the test leaves alone)
exec_start=$(sed -n 's/^ExecStart=//p' $U/feedgen.service)
mkdir -p "$tmp/unit/srv" "$tmp/unit/www"
cp -R "$top/samples/." "$tmp/unit/srv/"
{ cat "$top/samples/feed.conf"; echo "output = $tmp/unit/www"; } >"$tmp/unit/feed.conf"
chmod 755 "$tmp" && chmod -R a+rX "$tmp/unit" && chown feedgen:feedgen "$tmp/unit/www"
cmd=$(printf '%s\n' "$exec_start" | sed -e "s|/etc/feedgen/feed.conf|$tmp/unit/feed.conf|")
runuser -u feedgen -- env STATE_DIRECTORY=/var/lib/feedgen FEEDGEN_COLLECTION="$tmp/unit/srv" \
	sh -c "$cmd" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "the service's ExecStart, run as feedgen ($exec_start)"
check "wrote the feeds" test -s "$tmp/unit/www/atom.xml" -a -s "$tmp/unit/www/rss.xml"
# an administrator's run by hand, as root, on the service's state: the
# service's next run still works, and everything in the state is feedgen's
env STATE_DIRECTORY=/var/lib/feedgen FEEDGEN_COLLECTION="$tmp/unit/srv" \
	sh -c "$cmd" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "the service's ExecStart, run by hand as root"
check "the state stays feedgen's" test -z "$(find /var/lib/feedgen "$tmp/unit/www" -mindepth 1 ! -user feedgen)"
cp "$tmp/unit/srv/2022-07-17/001_7a3e9c1b5d2f4068.txt" "$tmp/unit/srv/2022-07-17/002_00000000000000ee.txt"
chmod a+r "$tmp/unit/srv/2022-07-17/002_00000000000000ee.txt"
runuser -u feedgen -- env STATE_DIRECTORY=/var/lib/feedgen FEEDGEN_COLLECTION="$tmp/unit/srv" \
	sh -c "$cmd" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "... then the service's next run, as feedgen, succeeds"
if command -v systemd-analyze >/dev/null 2>&1; then
	systemd-analyze security --offline=yes $U/feedgen.service >"$tmp/sec" 2>&1
	level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$tmp/sec")
	check "the installed unit's exposure (systemd-analyze security --offline=yes) is at most 3.0 (${level:-none})" \
		awk -v l="${level:-99}" 'BEGIN { exit !(l + 0 <= 3.0) }'
fi
# (the file stays, as a state would: remove keeps it, purge does not)
runuser -u feedgen -- sh -c 'echo state >/var/lib/feedgen/probe'
check "feedgen may write its state folder" test $? -eq 0

# ---- the library, through pkg-config ---------------------------------------------

feeds="tests/feedcheck/invalid-rss.xml tests/feedcheck/invalid.json tests/feedcheck/bad-utf8.xml"
: >"$tmp/json.tsv"
for f in $feeds; do
	(cd "$top" && /usr/bin/feedcheck --format json "$f") |
		jq -r '.source as $s | .diagnostics[] | [$s, .severity, .rule, .line, .column, .path, .element, .message] | @tsv' >>"$tmp/json.tsv"
done
check "the three feeds have findings ($(wc -l <"$tmp/json.tsv"))" test "$(wc -l <"$tmp/json.tsv")" -ge 6
mkdir "$tmp/prog" && cp /usr/share/doc/libfeedcheck-dev/examples/findings.c "$tmp/prog/"
cc=${CC:-cc}
(cd "$tmp/prog" && $cc -std=c99 -Wall -Wextra -Werror -o findings findings.c \
	$(pkg-config --cflags --libs libfeedcheck)) >"$tmp/cc.log" 2>&1
st=$?
[ $st -eq 0 ] || sed 's/^/#   /' "$tmp/cc.log" | head -10
check "findings.c builds with pkg-config --cflags --libs libfeedcheck" test $st -eq 0
ldd "$tmp/prog/findings" >"$tmp/ldd" 2>&1
contains "$tmp/ldd" "libfeedcheck.so.0 => /" "and runs with the installed libfeedcheck.so.0"
(cd "$top" && "$tmp/prog/findings" $feeds) >"$tmp/lib.tsv"
same "$tmp/json.tsv" "$tmp/lib.tsv" "its findings on three feeds are feedcheck --format json's"
(cd "$tmp/prog" && $cc -std=c99 -Wall -Werror -o findings-static findings.c \
	$(pkg-config --cflags libfeedcheck) -Wl,-Bstatic -lfeedcheck -Wl,-Bdynamic \
	$(pkg-config --libs --static libfeedcheck | sed 's/-lfeedcheck//')) >"$tmp/cc.log" 2>&1
st=$?
[ $st -eq 0 ] || sed 's/^/#   /' "$tmp/cc.log" | head -10
check "and with the static library" test $st -eq 0
(cd "$top" && "$tmp/prog/findings-static" $feeds) >"$tmp/lib.tsv"
same "$tmp/json.tsv" "$tmp/lib.tsv" "with the same findings"

# ---- remove, purge ----------------------------------------------------------------

$APT remove $PKGS >"$tmp/apt.log" 2>&1
st=$?
[ $st -eq 0 ] || tail -20 "$tmp/apt.log" | sed 's/^/#   /'
check "apt-get remove" test $st -eq 0
check "takes the programs, the library and the units away" test ! -e /usr/bin/feedcheck -a \
	! -e /usr/bin/feedgen -a ! -e /usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/libfeedcheck.so.0 \
	-a ! -e $U/feedgen.service -a ! -e /usr/include/feedcheck.h
check "and keeps the state and its user until purge" sh -c \
	'test -f /var/lib/feedgen/probe && getent passwd feedgen >/dev/null'
# (apt knows a local package only while dpkg does: after remove, those
# that leave no configuration behind are gone already)
known=
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qv 'not-installed\|^$' && known="$known $p"
done
check "after remove, dpkg keeps only feedtools' configuration (${known# })" test "$known" = " feedtools"
$APT purge $known >"$tmp/apt.log" 2>&1
st=$?
[ $st -eq 0 ] || tail -20 "$tmp/apt.log" | sed 's/^/#   /'
check "apt-get purge" test $st -eq 0
check "takes the state folder away" test ! -e /var/lib/feedgen
check "and the user and group feedgen" sh -c '! getent passwd feedgen && ! getent group feedgen'
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qv 'not-installed\|^$' &&
		not_ok "dpkg still knows $p" || ok "dpkg forgot $p"
done
[ -s "$tmp/pulled" ] && $APT purge $(cat "$tmp/pulled") >/dev/null 2>&1
left=
for p in $(cat "$tmp/pulled"); do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qv 'not-installed\|^$' && left="$left $p"
done
check "what apt pulled in for them is gone too:${left:- nothing left}" test -z "$left"
snapshot >"$tmp/after" 2>/dev/null
same "$tmp/before" "$tmp/after" "the machine is as it was (user, state folder, units, statoverride)"
dpkg-query -W -f='${Package}:${Architecture}\n' | sort >"$tmp/pkgs.after"
if cmp -s "$tmp/pkgs.before" "$tmp/pkgs.after"; then
	ok "the installed packages are the same as before"
else
	# not ours (checked above): another apt on this machine meanwhile
	echo "# the package list changed meanwhile (not by this test):"
	diff "$tmp/pkgs.before" "$tmp/pkgs.after" | grep '^[<>]' | head -10 | sed 's/^/#   /'
	ok "the installed packages are the same as before, but for another apt's # see above"
fi

finish
