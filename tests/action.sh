#!/bin/sh
# tests/action.sh - the GitHub Action (action.yml) and its shell part
# (action/feedcheck.sh) on this machine: what action.yml runs, install
# with feedcheck on PATH and without it (a build of this tree, make install
# into $RUNNER_TEMP, $GITHUB_PATH), check with patterns, annotations, the
# exit status and the step summary.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
script=$top/action/feedcheck.sh
: >"$tmp/err"

if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$top/action.yml" >"$tmp/steps" 2>&1 <<'EOF'
import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
assert a["runs"]["using"] == "composite"
assert set(a["inputs"]) >= {"files", "args"} and a["inputs"]["files"]["required"]
for s in a["runs"]["steps"]:
    print(s["shell"], s["run"], " ".join(sorted(s.get("env", {}))))
EOF
	check "action.yml is a composite action with the inputs files and args" test $? -eq 0
	contains "$tmp/steps" 'bash sh "$GITHUB_ACTION_PATH/action/feedcheck.sh" install' "its first step installs"
	contains "$tmp/steps" 'bash sh "$GITHUB_ACTION_PATH/action/feedcheck.sh" check INPUT_ARGS INPUT_FILES' "its second checks"
else
	skip "action.yml's steps" "python3-yaml is not installed"
fi

mkdir -p "$tmp/repo/public" "$tmp/runner"
cp "$top/tests/feedcheck/valid-rss.xml" "$tmp/repo/public/rss.xml"
cp "$top/tests/feedcheck/valid-atom.xml" "$tmp/repo/public/atom.xml"
cp "$top/tests/feedcheck/invalid-rss.xml" "$tmp/repo/broken.xml"
export GITHUB_ACTION_PATH=$top RUNNER_TEMP=$tmp/runner GITHUB_PATH=$tmp/github_path \
	GITHUB_STEP_SUMMARY=$tmp/summary

# install: feedcheck already there
(PATH=$bin:$PATH sh "$script" install) >"$tmp/out" 2>&1
st=$?
status 0 "install with feedcheck on PATH"
contains "$tmp/out" "is installed" "says it is there already"
# install: not there, so this checkout is built and installed
if PATH=/usr/bin:/bin command -v feedcheck >/dev/null 2>&1; then
	skip "install builds and installs this checkout" "a feedcheck is installed in /usr/bin"
else
	(PATH=/usr/bin:/bin sh "$script" install) >"$tmp/out" 2>&1
	st=$?
	status 0 "install without feedcheck builds and installs this checkout"
	check "into \$RUNNER_TEMP/feedtools" test -x "$tmp/runner/feedtools/bin/feedcheck"
	contains "$GITHUB_PATH" "$tmp/runner/feedtools/bin" "and adds its bin/ to \$GITHUB_PATH"
fi

# check
cd "$tmp/repo"
(PATH=$bin:$PATH INPUT_FILES='public/*.xml' INPUT_ARGS= sh "$script" check) >"$tmp/out" 2>&1
st=$?
status 0 "check on good feeds (a pattern)"
lacks "$tmp/out" "::error" "no error annotation"
contains "$tmp/summary" "2 file(s), no errors (exit 0)" "the step summary"
(PATH=$bin:$PATH INPUT_FILES='public/*.xml
broken.xml' INPUT_ARGS= sh "$script" check) >"$tmp/out" 2>&1
st=$?
status 1 "check with a broken feed among them fails"
check "as error annotations on the broken file" grep -q '^::error title=[^,]*,file=broken.xml,line=' "$tmp/out"
lacks "$tmp/out" "file=public/" "and none on the good ones"
(PATH=$bin:$PATH INPUT_FILES='broken.xml' INPUT_ARGS='--ignore missing-element --ignore invalid-rfc822-date' sh "$script" check) >"$tmp/out" 2>&1
st=$?
status 0 "args reach feedcheck (--ignore RULE twice)"
# against the published feed: --diff-against in args, over loopback
if command -v python3 >/dev/null 2>&1; then
	mkdir "$tmp/www"
	cp "$top/tests/diff/old.atom" "$tmp/www/feed.atom"
	cp "$top/tests/diff/reissued.atom" "$tmp/repo/public/feed.atom"
	start_server "$top/tests/podcast/server.py" "$tmp/www" --lifetime 60 || finish
	(PATH=$bin:$PATH INPUT_FILES='public/feed.atom' INPUT_ARGS="--diff-against http://127.0.0.1:$(cat "$tmp/port")/f/feed.atom" sh "$script" check) >"$tmp/out" 2>&1
	st=$?
	status 1 "args: --diff-against the published feed finds a re-issue"
	check "as an error annotation on the new feed's entry" grep -q '^::error title=diff-ids-reissued,file=public/feed.atom,line=9,col=3::' "$tmp/out"
	rm "$tmp/repo/public/feed.atom"
else
	skip "--diff-against through the action" "python3 is needed for the test server"
fi
(PATH=$bin:$PATH INPUT_FILES='nothing/*.xml' sh "$script" check) >"$tmp/out" 2>&1
st=$?
status 2 "a pattern that matches nothing"
contains "$tmp/out" "::error title=feedcheck::no file matches 'nothing/*.xml'" "is an error annotation"
(PATH=$bin:$PATH INPUT_FILES= sh "$script" check) >"$tmp/out" 2>&1
st=$?
status 2 "no files at all is a usage error"

finish
