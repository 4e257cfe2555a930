#!/bin/sh
# tests/shards.sh - the many-machines recipe of feedcheck(1) as it is
# shipped (man/examples/feedcheck-shards.sh: GNU parallel, --shard {}/N,
# JSON lines), run on this machine: several local slots (HOSTS=3/:) over
# the loopback test server, and the shards together cover every URL
# exactly once, each URL in the shard its position says; a failed shard
# runs again with RESUME=1.  Then the command of the Kubernetes Indexed
# Job (man/examples/feedcheck-job.yaml) once per JOB_COMPLETION_INDEX.
# Needs GNU parallel and python3-yaml (setup.sh installs them).
. "$(dirname "$0")/lib.sh"
server_pid=
at_exit '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null'
need_program "$fc"
recipe=$top/man/examples/feedcheck-shards.sh
for p in parallel python3; do
	if ! command -v $p >/dev/null 2>&1; then
		skip "the GNU parallel recipe" "$p is not installed (sh setup.sh installs it)"
		finish
	fi
done

python3 "$top/tests/http/server.py" "$tmp/port" --lifetime 300 >"$tmp/server.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$tmp/port" ]; then
	not_ok "the test server did not start"; sed 's/^/# /' "$tmp/server.log"
	finish
fi
base=http://127.0.0.1:$(sed -n 1p "$tmp/port")

# 100 URLs: good feeds, two that are not there (exit 3 for their shard),
# a comment and a blank line (not URLs: they take no position)
{
	echo "# feeds to check"
	i=0
	while [ $i -lt 98 ]; do echo "$base/feeds/f$i.xml"; i=$((i + 1)); done
	echo
	echo "$base/missing/1"
	echo "$base/missing/2"
} >"$tmp/urls"
grep -v '^#' "$tmp/urls" | grep -v '^$' >"$tmp/list"
N=7
export HOSTS=3/: SHARDS=$N JOBS=4 FEEDCHECK="$fc"

# a first run whose every shard fails (a usage error), then RESUME=1
FEEDCHECK_ARGS=--no-such-option timeout 120 sh "$recipe" "$tmp/urls" "$tmp/out" >"$tmp/run.out" 2>&1
st=$?
check "a shard with a usage error fails the run" test "$st" -ne 0
RESUME=1 timeout 120 sh "$recipe" "$tmp/urls" "$tmp/out" >"$tmp/run.out" 2>&1
st=$?
status 0 "RESUME=1 runs the failed shards again, and they pass"
[ "$st" -eq 0 ] || sed 's/^/#   /' "$tmp/run.out" | head -5
check "the run says nothing" test ! -s "$tmp/run.out"
awk -F'\t' 'NR > 1 && $7 == 0' "$tmp/out/joblog" | wc -l | tr -d ' ' >"$tmp/done"
check "the job log has $N shards that ended well" test "$(cat "$tmp/done")" -eq $N
awk -F'\t' 'NR > 1 { print $2 }' "$tmp/out/joblog" | sort -u >"$tmp/hosts"
check "they ran on this machine's slots (host ':')" test "$(cat "$tmp/hosts")" = ":"

set -- "$tmp"/out/shard-*.jsonl
check "one file of JSON lines per shard" test $# -eq $N
# every line is a JSON object with a source; the source of each line
python3 - "$tmp/out" "$N" >"$tmp/sources" 2>"$tmp/py.err" <<'EOF'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
for i in range(1, n + 1):
    for line in open("%s/shard-%d.jsonl" % (out, i), encoding="utf-8"):
        print(i, json.loads(line)["source"])
EOF
check "every line of every shard is a JSON object with a source" test $? -eq 0 -a -s "$tmp/sources"
cut -d' ' -f2 "$tmp/sources" | sort >"$tmp/union"
sort "$tmp/list" >"$tmp/whole"
same "$tmp/whole" "$tmp/union" "the shards together cover every URL exactly once"
# the URL at position k (from 0, URLs only) is shard k mod N + 1's
awk -v n=$N '{ print (NR - 1) % n + 1, $0 }' "$tmp/list" | sort >"$tmp/want"
sort "$tmp/sources" >"$tmp/got"
same "$tmp/want" "$tmp/got" "each URL is in the shard its position gives (--shard I/$N)"

# merged with standard tools, as feedcheck(1) shows
cat "$tmp"/out/shard-*.jsonl >"$tmp/all.jsonl"
check "merged: one line per URL" test "$(wc -l <"$tmp/all.jsonl")" -eq "$(wc -l <"$tmp/list")"
if command -v jq >/dev/null 2>&1; then
	jq -r 'select(.format == null) | .source' "$tmp/all.jsonl" | sort >"$tmp/unread"
	grep /missing/ "$tmp/list" | sort >"$tmp/want"
	same "$tmp/want" "$tmp/unread" "jq finds the two URLs that could not be fetched"
	jq -r 'select(.summary.errors == 0 and .format != null) | .source' "$tmp/all.jsonl" | wc -l >"$tmp/good"
	check "and 98 feeds without errors" test "$(cat "$tmp/good")" -eq 98
else
	skip "jq over the merged lines" "jq is not installed"
fi

# ---- the Kubernetes Indexed Job: JOB_COMPLETION_INDEX becomes --shard -------

job=$top/man/examples/feedcheck-job.yaml
if python3 -c 'import yaml' 2>/dev/null; then
	# the container's command, with this machine's paths for the volumes
	python3 - "$job" >"$tmp/pod.sh" <<'EOF'
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))["spec"]["template"]["spec"]["containers"][0]
assert c["command"][:2] == ["sh", "-c"]
print(c["command"][2])
EOF
	check "feedcheck-job.yaml: a pod runs sh -c with the shard's command" test -s "$tmp/pod.sh"
	mkdir -p "$tmp/results"
	sed -e "s|/urls/urls.txt|$tmp/urls|g" -e "s|/results/|$tmp/results/|g" \
		-e 's|^feedcheck |"$FEEDCHECK" |' "$tmp/pod.sh" >"$tmp/pod-here.sh"
	k=0 bad=0
	while [ $k -lt $N ]; do
		JOB_COMPLETION_INDEX=$k SHARDS=$N sh "$tmp/pod-here.sh" >"$tmp/pod.out" 2>&1 || bad=$((bad + 1))
		k=$((k + 1))
	done
	check "$N pods, JOB_COMPLETION_INDEX 0 to $((N - 1)), all succeed" test $bad -eq 0
	set -- "$tmp"/results/shard-*.jsonl
	check "each wrote its shard-I.jsonl" test $# -eq $N
	cat "$tmp"/results/shard-*.jsonl |
		python3 -c "import json,sys; [print(json.loads(l)['source']) for l in sys.stdin]" |
		sort >"$tmp/union"
	same "$tmp/whole" "$tmp/union" "the pods together cover every URL exactly once"
	cmp -s "$tmp/results/shard-1.jsonl" "$tmp/out/shard-1.jsonl"
	check "index 0 is --shard 1/$N: the same lines as the parallel recipe's shard 1" test $? -eq 0
else
	skip "the Kubernetes Indexed Job's command" "python3-yaml is not installed"
fi

finish
