# tests/lib.sh - what every shell suite shares.  A suite starts with
#
#	. "$(dirname "$0")/lib.sh"
#
# and ends with `finish`.  It then has:
#
#   top, bin            the tree, and the folder of the binaries under test:
#                       $FEEDTOOLS_BIN (make valgrind: wrappers) or $top/bin
#   fg, fc              $bin/feedgen, $bin/feedcheck
#   SHARED              the shared fixtures, $FEEDTOOLS_SHARED or $top/../shared
#   tmp                 a fresh temporary folder, removed on exit
#   LC_ALL=C TZ=UTC     exported, so no result depends on the machine
#   STATE_DIRECTORY     exported as $tmp/state: feedgen's states go there,
#                       never into the machine's /var/lib/feedgen or the
#                       user's ~/.local/state (a test of the default unsets it)
#
# TAP (tests/run.sh counts lines starting "ok " and "not ok "):
#   ok WHAT, not_ok WHAT          one test line
#   skip WHAT WHY                 "ok N - WHAT # SKIP WHY"
#   check WHAT CMD...             ok when CMD exits 0 (its output is left alone)
#   check_quiet WHAT CMD...       the same, with CMD's output thrown away
#   status WANT WHAT              judge $st, the status of the last run
#   status_is WANT WHAT CMD...    run CMD (output in $tmp/out, $tmp/err), judge its status
#   contains FILE TEXT WHAT, lacks FILE TEXT WHAT     fixed TEXT in FILE or not
#   same FILE1 FILE2 WHAT         the two files are byte for byte the same
#   count FILE RE                 how many times RE matches in FILE
#   run_cmd CMD ARGS...           run CMD with standard input /dev/null, its
#                                 output in $tmp/out and $tmp/err (both in
#                                 $tmp/out when RUN_MERGE=1); $st its status,
#                                 $ms its wall time in milliseconds.  With
#                                 RUN_TIMEOUT=S it is killed past S seconds
#                                 (timeout -k 5); with RUN_MEASURE=1 (and GNU
#                                 time there) $secs and $kb are its seconds
#                                 and peak memory in KiB (else '?' and 0)
#   run ARGS...                   run_cmd "$fc" ARGS...
#   show [N]                      the first N (10) lines of the last run's
#                                 output and errors, excerpts left out, as
#                                 TAP comments
#   has_rule RULE WHAT            ok when the last run said [RULE] on
#                                 standard output
#   has_rule_at RULE FILE LINE WHAT   ... at FILE:LINE: (any column)
#   now_ms                        milliseconds since the epoch
#   need_program PATH             stop with "not ok" when PATH is not built
#   need_shared WHAT [PATH]       true when $SHARED (or $SHARED/PATH) is
#                                 there; else a skip line for WHAT, and the
#                                 reason once on standard error; the
#                                 reason stays in $shared_why
#   at_exit CMD                   run CMD (eval) on exit, before tmp goes
#   python_with MODULE            $py: Debian's /usr/bin/python3 (whose packages
#                                 setup.sh installs), else python3, that
#                                 imports MODULE; 1 and $py empty when none
#   finish                        the plan line; exit 1 if a test failed
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FEEDTOOLS_BIN:-$top/bin}
fg=$bin/feedgen
fc=$bin/feedcheck
SHARED=${FEEDTOOLS_SHARED:-$(cd "$top/.." && pwd)/shared}
[ -d "$SHARED" ] && SHARED=$(cd "$SHARED" && pwd)
LC_ALL=C TZ=UTC
export LC_ALL TZ
n=0 failed=0

lib_suite=${0##*/}
lib_suite=${lib_suite%.sh}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/feedtools-$lib_suite.XXXXXX") || {
	echo "not ok 1 - $lib_suite: cannot make a temporary folder"
	exit 1
}
STATE_DIRECTORY=$tmp/state
export STATE_DIRECTORY
lib_at_exit=
at_exit() { lib_at_exit="$lib_at_exit
$1"; }
lib_cleanup() {
	eval "$lib_at_exit"
	rm -rf "$tmp"
}
trap lib_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

# start_server SCRIPT ARGS...: a loopback test server (python3 SCRIPT
# $tmp/port ARGS...), stopped at exit; waits up to 30 s for it to write its
# port(s) to $tmp/port.  Sets server_pid; 1 (and a failure with the
# server's log) when it did not start.
server_pid=
start_server() {
	lib_script=$1
	shift
	python3 "$lib_script" "$tmp/port" "$@" >"$tmp/server.log" 2>&1 &
	server_pid=$!
	at_exit '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null'
	lib_i=0
	while [ ! -s "$tmp/port" ] && [ $lib_i -lt 300 ]; do sleep 0.1; lib_i=$((lib_i + 1)); done
	[ -s "$tmp/port" ] && return 0
	not_ok "the test server did not start"
	sed 's/^/# /' "$tmp/server.log"
	return 1
}

python_with() {
	py=
	for lib_p in /usr/bin/python3 python3; do
		if "$lib_p" -c "import $1" 2>/dev/null; then py=$lib_p; return 0; fi
	done
	return 1
}

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

check() {
	lib_what=$1; shift
	if "$@"; then ok "$lib_what"; else not_ok "$lib_what"; fi
}
check_quiet() {
	lib_what=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$lib_what"; else not_ok "$lib_what"; fi
}
status() {
	if [ "$st" -eq "$1" ]; then ok "$2 (exit $1)"
	else not_ok "$2 (exit $st, want $1)"; sed 's/^/# /' "$tmp/out" "$tmp/err" | head -20; fi
}
status_is() {
	lib_want=$1 lib_what=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$lib_want" ]; then ok "$lib_what (exit $lib_want)"
	else not_ok "$lib_what: exit $st, want $lib_want"; sed 's/^/#   /' "$tmp/err" | head -5; fi
}
contains() {
	if grep -qF -- "$2" "$1"; then ok "$3"
	else not_ok "$3: '$2' not in $1"; sed 's/^/#   /' "$1" 2>/dev/null | head -5; fi
}
lacks() {
	if grep -qF -- "$2" "$1"; then not_ok "$3: '$2' found in $1"; else ok "$3"; fi
}
same() {
	if cmp -s "$1" "$2"; then ok "$3"
	else not_ok "$3"; diff "$1" "$2" | head -10 | sed 's/^/#   /'; fi
}
count() { grep -o -- "$2" "$1" | wc -l | tr -d ' '; }

now_ms() { date +%s%3N; }

# Collections for feedgen's suites.
# mkcol DIR [EDITIONS]: a paper's shape, EDITIONS (default 3, at most 9)
# editions 2023-05-01..., two pages each (001_ab.txt, 002_ab.txt), two
# articles a page, the first with a byline: "第DD日PPP版头条", "...二条"
mkcol() {
	for d in $(seq -f '%02g' 1 "${2:-3}"); do
		mkdir -p "$1/2023-05-$d"
		for p in 001 002; do
			printf '# 第%s日%s版头条\n\n□本报记者 张三\n\n正文%s%s。\n\n# 第%s日%s版二条\n\n正文二。\n' \
				"$d" "$p" "$d" "$p" "$d" "$p" >"$1/2023-05-$d/${p}_ab.txt"
		done
	done
}
# mkcol_short DIR EDITIONS PAGES: editions 2022-07-01..., PAGES pages each
# (00P_aaaaaaaaaaaaaaDP.txt, D the day's last digit), one short article a
# page: "标题DD-P"
mkcol_short() {
	for d in $(seq -f '%02g' 1 "$2"); do
		mkdir -p "$1/2022-07-$d"
		for p in $(seq 1 "$3"); do
			printf -- '# 标题%s-%s\n\n正文%s%s，足够长的一段话。\n' "$d" "$p" "$d" "$p" \
				>"$1/2022-07-$d/00${p}_aaaaaaaaaaaaaa$d$p.txt"
		done
	done
}
RUN_TIMEOUT= RUN_MEASURE=0 RUN_MERGE=0
run_cmd() {
	rm -f "$tmp/time"
	if [ "$RUN_MEASURE" = 1 ] && [ -x /usr/bin/time ]; then
		set -- /usr/bin/time -f '%e %M' -o "$tmp/time" "$@"
	fi
	[ -n "$RUN_TIMEOUT" ] && set -- timeout -k 5 "$RUN_TIMEOUT" "$@"
	lib_t0=$(now_ms)
	if [ "$RUN_MERGE" = 1 ]; then
		"$@" >"$tmp/out" 2>&1 </dev/null
	else
		"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	fi
	st=$?
	ms=$(($(now_ms) - lib_t0))
	secs='?' kb=0
	if [ -s "$tmp/time" ]; then
		# GNU time adds a line when the command fails or is killed
		read -r secs kb <<EOF_TIME
$(tail -n 1 "$tmp/time")
EOF_TIME
		case $kb in ''|*[!0-9]*) kb=0 ;; esac
	fi
}
run() { run_cmd "$fc" "$@"; }
show() {
	if [ "$RUN_MERGE" = 1 ]; then cat "$tmp/out"; else cat "$tmp/out" "$tmp/err" 2>/dev/null; fi |
		grep -v '^    ' | head -"${1:-10}" | sed 's/^/#   /'
}
has_rule() {
	if grep -q "\[$1\]" "$tmp/out"; then ok "$2: [$1]"
	else not_ok "$2: [$1] missing"; show 20; fi
}
has_rule_at() {
	if grep -q "^$2:$3:[0-9]*: [a-z]*: .*\[$1\]" "$tmp/out"; then ok "$4: [$1]"
	else not_ok "$4: [$1] missing at $2:$3"; show 30; fi
}
# head_checks NAME HEAD: what a case file's opening comment (HEAD) asks of
# the report in $tmp/out, one test each: "at: RULE LINE" (the rule at that
# line), "count: RULE N" (reported N times), "says: TEXT"
head_checks() {
	hc_name=$1
	printf '%s\n' "$2" | sed -n 's/^ *at: *//p' | sed 's/ *-->$//' >"$tmp/hc_at"
	while read -r hc_r hc_line; do
		if grep -q ":$hc_line:[0-9]*: [a-z]*: .*\[$hc_r\]" "$tmp/out"; then ok "$hc_name: [$hc_r] at line $hc_line"
		else not_ok "$hc_name: [$hc_r] not at line $hc_line"; grep "\[$hc_r\]" "$tmp/out" | sed 's/^/#   /'; fi
	done <"$tmp/hc_at"
	printf '%s\n' "$2" | sed -n 's/^ *count: *//p' | sed 's/ *-->$//' >"$tmp/hc_counts"
	while read -r hc_r hc_n; do
		hc_got=$(grep -c "\[$hc_r\]" "$tmp/out")
		if [ "$hc_got" -eq "$hc_n" ]; then ok "$hc_name: [$hc_r] $hc_n times"
		else not_ok "$hc_name: [$hc_r] $hc_got times, want $hc_n"; show 20; fi
	done <"$tmp/hc_counts"
	printf '%s\n' "$2" | sed -n 's/^ *says: *//p' | sed 's/ *-->$//' >"$tmp/hc_says"
	while IFS= read -r hc_text; do
		if grep -qF -- "$hc_text" "$tmp/out"; then ok "$hc_name: says \"$hc_text\""
		else not_ok "$hc_name: does not say \"$hc_text\""; show 5; fi
	done <"$tmp/hc_says"
}
# is_sanitized BIN: BIN is linked with ASan, TSan or MSan (its time and
# memory say nothing about a normal build's)
is_sanitized() { ldd "$1" 2>/dev/null | grep -q 'libasan\|libtsan\|libmsan'; }
# can_measure BIN: BIN's peak memory says something here: /usr/bin/time is
# there, and neither valgrind's nor a sanitizer's own memory would count
can_measure() {
	[ -z "${FEEDTOOLS_VALGRIND:-}" ] && [ -x /usr/bin/time ] && ! is_sanitized "$1"
}

need_program() {
	[ -x "$1" ] && return 0
	not_ok "$1 is not built (make)"
	finish
}

lib_shared_said=
need_shared() {
	[ -e "$SHARED/${2:-}" ] && return 0
	if [ -d "$SHARED" ]; then shared_why="$SHARED/${2:-} not found"
	else shared_why="../shared not found (expected at $SHARED)"; fi
	if [ -z "$lib_shared_said" ]; then
		echo "# $lib_suite: $shared_why: the tests that need it are skipped (FEEDTOOLS_SHARED=DIR names another place)" >&2
		lib_shared_said=1
	fi
	skip "$1" "$shared_why"
	return 1
}

finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ] && exit 0
	exit 1
}
