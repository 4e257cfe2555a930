#!/bin/sh
# feedcheck-shards.sh - check a long list of feed URLs on the machines you
# already have, with GNU parallel over ssh (feedcheck(1), MANY MACHINES).
#
#   feedcheck-shards.sh URLS OUTDIR
#
# The list is cut into SHARDS pieces by feedcheck itself (--shard I/N: the
# URL on line k, counting only URL lines from 0, belongs to shard k mod N
# + 1), so every URL is checked exactly once, by whichever host has a free
# slot.  Each shard's results come back to this machine as JSON lines, in
# OUTDIR/shard-I.jsonl (its standard error in shard-I.jsonl.err), and
# OUTDIR/joblog says how each shard ended.  Merge them with standard tools:
#
#   cat OUTDIR/shard-*.jsonl > all.jsonl
#   jq -r 'select(.summary.errors > 0) | .source' all.jsonl
#
# Environment:
#   HOSTS           parallel's --sshlogin: "8/web1,8/web2" (8 slots each;
#                   every host has feedcheck, e.g. the feedtools package);
#                   default ":", this machine alone
#   HOSTSFILE       or a file of them, one a line (--sshloginfile)
#   SLOTS           jobs at once on a host with no N/ of its own (default 4)
#   SHARDS          how many pieces (default 64: more pieces than slots, so
#                   that a slow piece holds up little and a failed one is
#                   quick to run again)
#   JOBS            feedcheck -j, fetches at once within a shard (default 8)
#   FEEDCHECK       the program on the hosts (default feedcheck)
#   FEEDCHECK_ARGS  more options for it (--cacert FILE, --max-size N, ...)
#
# A shard whose feeds have errors (exit 1) or that could not fetch some
# URLs (exit 3) has done its job and counts as done; only a usage error
# (exit 2) or a lost host fails it.  Run the same command again with
# RESUME=1 and only the shards that failed run again (parallel
# --resume-failed), overwriting their files.
#
# The list is copied to every host (--basefile): a relative URLS is found
# relative to the home folder there, as here relative to the current one.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: feedcheck-shards.sh URLS OUTDIR" >&2
	exit 2
fi
urls=$1 out=$2
shards=${SHARDS:-64}
case $shards in ''|*[!0-9]*|0) echo "feedcheck-shards: SHARDS must be a number over 0" >&2; exit 2 ;; esac
[ -r "$urls" ] || { echo "feedcheck-shards: cannot read '$urls'" >&2; exit 2; }
command -v parallel >/dev/null 2>&1 ||
	{ echo "feedcheck-shards: GNU parallel is needed (apt install parallel)" >&2; exit 2; }
mkdir -p "$out"

if [ -n "${HOSTSFILE:-}" ]; then
	set -- --sshloginfile "$HOSTSFILE" --basefile "$urls"
else
	set -- --sshlogin "${HOSTS:-:}"
	# no copy when every host is this one (N/: or :)
	printf '%s\n' "${HOSTS:-:}" | tr ',' '\n' | grep -qv '^\([0-9]*/\)\{0,1\}:$' &&
		set -- "$@" --basefile "$urls"
fi
[ -n "${RESUME:-}" ] && set -- "$@" --resume-failed

# parallel hands the command to the host's shell as one line: the names
# in it are quoted for that shell
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# {} is the shard number, 1 to SHARDS; the exit status of feedcheck is
# judged on the host ("test $? -ne 2": 0, 1 and 3 are results, not faults)
seq 1 "$shards" |
	parallel "$@" -j "${SLOTS:-4}" \
		--joblog "$out/joblog" --results "$out/shard-{}.jsonl" \
		"$(q "${FEEDCHECK:-feedcheck}") --urls $(q "$urls") --shard {}/$shards" \
		"--format jsonl -j ${JOBS:-8} ${FEEDCHECK_ARGS:-}; test \$? -ne 2"
