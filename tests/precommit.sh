#!/bin/sh
# tests/precommit.sh - .pre-commit-hooks.yaml with the real pre-commit tool
# (Debian's package pre-commit; setup.sh installs it), in a temporary
# repository: `pre-commit run --all-files` passes a good feed, leaves alone
# what is not a feed, and flags a broken one with feedcheck's message.
# The hook repository is a copy of this tree's hook file, committed in a
# temporary repository of its own (pre-commit clones a commit); its cache
# is a temporary folder (PRE_COMMIT_HOME).  No network.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
for p in pre-commit git; do
	if ! command -v $p >/dev/null 2>&1; then
		skip "pre-commit runs the feedcheck hook" "$p is not installed (sh setup.sh installs it)"
		finish
	fi
done
PRE_COMMIT_HOME=$tmp/cache PATH=$bin:$PATH
GIT_CONFIG_GLOBAL=$tmp/gitconfig GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_HOME PATH GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM
git config --global user.name feedtools-test
git config --global user.email test@feedtools.example
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# the hook repository
mkdir "$tmp/hooks"
cp "$top/.pre-commit-hooks.yaml" "$tmp/hooks/"
(cd "$tmp/hooks" && git init -q && git add . && git commit -qm hooks) >"$tmp/git.log" 2>&1
rev=$(cd "$tmp/hooks" && git rev-parse HEAD)

# a site with a feed, and a JSON file that is no feed
mkdir -p "$tmp/site/public" && cd "$tmp/site" && git init -q
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $tmp/hooks
    rev: $rev
    hooks:
      - id: feedcheck
EOF
cp "$top/tests/feedcheck/valid-rss.xml" public/feed.xml
cp "$top/tests/feedcheck/valid.json" public/feed.json
echo '{"name": "site", "version": "1.0.0"}' >package.json
git add . && git commit -qm site >/dev/null

pre-commit run --all-files >"$tmp/out" 2>&1
st=$?
status 0 "pre-commit run --all-files passes a good feed"
contains "$tmp/out" "feedcheck" "the hook ran"
contains "$tmp/out" "Passed" "and passed"

# a broken feed
cp "$top/tests/feedcheck/invalid-rss.xml" public/rss.xml
git add public/rss.xml
pre-commit run --all-files >"$tmp/out" 2>&1
st=$?
status 1 "pre-commit run --all-files flags a broken feed"
contains "$tmp/out" "Failed" "the hook failed"
contains "$tmp/out" "public/rss.xml:" "naming the broken file"
contains "$tmp/out" "[missing-element]" "with feedcheck's rule"
lacks "$tmp/out" "package.json" "and leaving package.json alone"
lacks "$tmp/out" "public/feed.xml:" "and saying nothing of the good feed"

# the hook with --diff-against the published feed (a loopback server)
if command -v python3 >/dev/null 2>&1; then
	mkdir "$tmp/www"
	cp "$top/tests/diff/old.atom" "$tmp/www/feed.atom"
	start_server "$top/tests/podcast/server.py" "$tmp/www" --lifetime 120 || finish
	cat >"$tmp/diff-config.yaml" <<EOF
repos:
  - repo: $tmp/hooks
    rev: $rev
    hooks:
      - id: feedcheck
        files: '^public/feed\\.atom$'
        args: [--diff-against, 'http://127.0.0.1:$(cat "$tmp/port")/f/feed.atom']
EOF
	cp "$top/tests/diff/grows.atom" public/feed.atom
	git add public/feed.atom
	pre-commit run -c "$tmp/diff-config.yaml" --files public/feed.atom >"$tmp/out" 2>&1
	st=$?
	status 0 "--diff-against: a feed that only grows passes"
	cp "$top/tests/diff/reissued.atom" public/feed.atom
	git add public/feed.atom
	pre-commit run -c "$tmp/diff-config.yaml" --files public/feed.atom >"$tmp/out" 2>&1
	st=$?
	status 1 "--diff-against: a rebuild that re-issued every id fails"
	contains "$tmp/out" "public/feed.atom:9:3: error:" "at the new feed's first entry"
	contains "$tmp/out" "[diff-ids-reissued]" "with the rule"
	git rm -q --cached public/feed.atom && rm public/feed.atom
else
	skip "the hook with --diff-against" "python3 is needed for the test server"
fi

# the hook at commit time, on the staged files only
pre-commit install >/dev/null 2>&1
if git commit -qm broken >"$tmp/out" 2>&1; then
	not_ok "git commit with the hook installed refuses the broken feed"
else
	contains "$tmp/out" "public/rss.xml:" "git commit with the hook installed refuses the broken feed"
fi
git rm -q --cached public/rss.xml && rm public/rss.xml
check_quiet "and commits once it is gone" git commit -q --allow-empty -m fine

finish
