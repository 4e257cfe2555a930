#!/bin/sh
# tests/ci.sh - feedcheck's CI formats read by their real consumers:
# JUnit validated against the Jenkins and the Ant JUnit schemas (the XSDs
# come in the npm package junit-processor@0.0.6: schemas/jenkins-junit.xsd,
# MIT, from Jenkins' dtkit junit-4.xsd; schemas/JUnit.xsd, windyroad's
# Apache Ant schema) with xmllint, and counted by Python's junitparser
# (Debian's python3-junitparser) and by junit2json (npm), with and without
# --strict, in agreement with the exit status; SARIF through Microsoft's
# SARIF multitool (`validate`); GitHub annotations against what
# @actions/core prints for the same findings; the gcc form in Vim's
# quickfix list (`vim -es`, cgetfile).  The npm packages are installed by
# tests/consumers/install.sh.  Prints TAP lines.
. "$(dirname "$0")/lib.sh"
need_program "$fc"
cd "$top/tests" || exit 1
c=$top/tests/consumers
have_npm=1
if ! npm_why=$(sh "$c/install.sh"); then
	have_npm=0
fi
npm_needed() { # npm_needed WHAT: true when the npm packages are there
	[ "$have_npm" = 1 ] && return 0
	skip "$1" "$npm_why"
	return 1
}

# a batch: errors, warnings only, valid, a missing file, an unreachable URL
batch="feedcheck/invalid-rss.xml feedcheck/warning-only.xml feedcheck/valid-rss.xml nosuch.xml http://127.0.0.1:1/feed.xml"

# ---- JUnit
for strict in "" --strict; do
	w=${strict:-plain}
	# shellcheck disable=SC2086
	"$fc" --format junit $strict $batch >"$tmp/junit$w.xml" 2>"$tmp/err"
	st=$?
	status 3 "junit $w: exit 3 (an unreadable source)"
	check "junit $w: nothing on standard error" test ! -s "$tmp/err"
	lacks "$tmp/junit$w.xml" ":0:0:" "junit $w: no ':0:0:' location"
	check "junit $w: a timestamp and a time on the suite" grep -q '<testsuite .*timestamp="[0-9-]*T[0-9:]*".* time="[0-9.]*"' "$tmp/junit$w.xml"
	check "junit $w: a time on every case" test "$(grep -c '<testcase ' "$tmp/junit$w.xml")" = "$(grep -c '<testcase [^>]*time="[0-9.]*"' "$tmp/junit$w.xml")"
	if npm_needed "junit $w: schemas"; then
		for x in jenkins-junit JUnit; do
			check_quiet "junit $w: valid under $x.xsd (xmllint)" xmllint --noout \
				--schema "$c/node_modules/junit-processor/schemas/$x.xsd" "$tmp/junit$w.xml"
		done
	fi
done
# junitparser: the failures and errors a CI dashboard counts
junitparser_counts() {
	/usr/bin/python3 - "$1" <<'PY'
import sys
from junitparser import JUnitXml, Failure, Error
xml = JUnitXml.fromfile(sys.argv[1])
f = e = t = 0
for suite in xml:
    for case in suite:
        t += 1
        for r in case.result:
            f += isinstance(r, Failure)
            e += isinstance(r, Error)
print(t, f, e, xml.failures if hasattr(xml, 'failures') else '-', sum(s.failures for s in xml), sum(s.errors for s in xml))
PY
}
if /usr/bin/python3 -c 'import junitparser' 2>/dev/null; then
	check "junitparser: 5 cases, 1 failure, 2 errors without --strict" \
		test "$(junitparser_counts "$tmp/junitplain.xml" | cut -d' ' -f1-3,5-6)" = "5 1 2 1 2"
	check "junitparser: 2 failures (warnings fail), 2 errors with --strict" \
		test "$(junitparser_counts "$tmp/junit--strict.xml" | cut -d' ' -f1-3,5-6)" = "5 2 2 2 2"
else
	skip "junitparser counts" "python3-junitparser is not installed (setup.sh installs it)"
fi
if npm_needed "junit2json counts"; then
	# junit2json is an ES module: imported by file URL
	j2j() { node --input-type=module -e "
import { parse } from 'file://$c/node_modules/junit2json/dist/esm/index.js';
import fs from 'fs';
const r = await parse(fs.readFileSync(process.argv[1], 'utf8'));
const s = r.testsuite[0];
const f = s.testcase.filter((c) => c.failure).length, e = s.testcase.filter((c) => c.error).length;
console.log(s.tests, s.failures, s.errors, f, e);" "$1"; }
	check "junit2json: the same counts without --strict" test "$(j2j "$tmp/junitplain.xml")" = "5 1 2 1 2"
	check "junit2json: the same counts with --strict" test "$(j2j "$tmp/junit--strict.xml")" = "5 2 2 2 2"
fi
# the dashboard is red exactly when the job fails
"$fc" --format junit feedcheck/warning-only.xml >"$tmp/w.xml"; st=$?
check "junit: warnings only: exit 0 and no failure" sh -c "[ $st -eq 0 ] && grep -q 'failures=\"0\" errors=\"0\"' '$tmp/w.xml'"
"$fc" --format junit --strict feedcheck/warning-only.xml >"$tmp/w.xml"; st=$?
check "junit --strict: warnings only: exit 1 and one failure" sh -c "[ $st -eq 1 ] && grep -q 'failures=\"1\" errors=\"0\"' '$tmp/w.xml' && grep -q '<failure message=\"1 warning (--strict)\" type=\"warning\">' '$tmp/w.xml'"
"$fc" --format junit feedcheck/invalid.json >"$tmp/j.xml"
check "junit: JSON Feed findings with line and column" grep -q "feedcheck/invalid.json:4:34: error: 'date_published' must be an RFC 3339 date-time (at /items/0/date_published)" "$tmp/j.xml"

# ---- SARIF
"$fc" --format sarif $batch reports/chinese.xml feedcheck/invalid.json >"$tmp/out.sarif" 2>"$tmp/err"
st=$?
status 3 "sarif: exit 3"
check "sarif: one JSON document, version 2.1.0, one run" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d['version'] == '2.1.0' and len(d['runs']) == 1 and d['runs'][0]['invocations'][0]['exitCode'] == 3 else 1)" "$tmp/out.sarif"
"$fc" --format json $batch reports/chinese.xml feedcheck/invalid.json >"$tmp/out.json" 2>/dev/null
check "sarif: a result for each finding, with a region where there is a line" python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))['runs'][0]
j = json.load(open(sys.argv[2]))
want = [(o['source'], d['rule'], d['line'], d['column']) for o in j for d in o['diagnostics']]
got = [(r['locations'][0]['physicalLocation']['artifactLocation']['uri'].replace('%20', ' '), r['ruleId'],
        r['locations'][0]['physicalLocation'].get('region', {}).get('startLine'),
        r['locations'][0]['physicalLocation'].get('region', {}).get('startColumn')) for r in s['results']]
rules = [r['id'] for r in s['tool']['driver']['rules']]
ok = got == want and all(rules[r['ruleIndex']] == r['ruleId'] for r in s['results'])
ok = ok and all(r.get('helpUri', 'https://').startswith('https://') and r['help']['text'] and r['fullDescription']['text'] for r in s['tool']['driver']['rules'])
sys.exit(0 if ok else 1)" "$tmp/out.sarif" "$tmp/out.json"
if npm_needed "sarif: the SARIF multitool validates it"; then
	(cd "$tmp" && timeout 120 "$c/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" \
		validate out.sarif -o validation.sarif --log ForceOverwrite >multitool.log 2>&1)
	st=$?
	check "sarif: the multitool ran (exit $st)" test "$st" -eq 0 -a -s "$tmp/validation.sarif"
	python3 - "$tmp/validation.sarif" >"$tmp/findings" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))['runs'][0]['results']:
    print(r.get('level', 'warning'), r['ruleId'])
PY
	check "sarif: no error from the multitool" sh -c "! grep -q '^error' '$tmp/findings'"
	# what it still warns about, and why: feedcheck has no web page to give
	# as informationUri (SARIF2005), and an unreadable source has no
	# region to point at (SARIF2017)
	check "sarif: no warning but SARIF2005 and SARIF2017" sh -c "! grep -v '^warning SARIF20\(05\|17\)$' '$tmp/findings' | grep -q ."
	sed 's/^/# multitool: /' "$tmp/findings" | sort | uniq -c | sed 's/^ */# /'
fi

# ---- GitHub annotations, as @actions/core writes them
names="feedcheck/invalid-rss.xml reports/chinese.xml feedcheck/invalid.json nosuch.xml"
cp feedcheck/warning-only.xml "$tmp/a, b: 100%.xml"
"$fc" --format github $names "$tmp/a, b: 100%.xml" >"$tmp/gh.txt" 2>/dev/null
"$fc" --format json $names "$tmp/a, b: 100%.xml" >"$tmp/gh.json" 2>/dev/null
check "github: line and column for the JSON Feed findings too" grep -q '^::error title=invalid-rfc3339-date,file=feedcheck/invalid.json,line=4,col=34::' "$tmp/gh.txt"
if npm_needed "github: the same bytes as @actions/core"; then
	node "$c/github.js" "$tmp/gh.json" >"$tmp/core.txt"
	same "$tmp/gh.txt" "$tmp/core.txt" "github: the same bytes as @actions/core prints for them (commas, colons, % escaped)"
fi

# ---- Vim's quickfix list reads the gcc form
if command -v vim >/dev/null 2>&1; then
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title><link>http://x.com/</link><description>d</description>\n<item><title>x</title><pubDate>Fri, 15 Jul 2022 06:30:00 +0800 bad</pubDate></item>\n<item><title>y</title><pubDate>Fri, 15 Jul 2022 06:30:00</pubDate></item></channel></rss>\n' >"$tmp/times.xml"
	qf() { # qf FILE: entries, valid entries, then "file:line:col text" of each valid one
		vim -es -u NONE -i NONE -N -c "cgetfile $1" -c 'let q = getqflist()' \
			-c 'let out = [len(q), len(filter(copy(q), "v:val.valid"))]' \
			-c 'for i in range(1, len(q)) | if q[i-1].valid | exe "silent cc " . i | call add(out, bufname("%") . ":" . line(".") . ":" . col(".") . " " . strpart(getline("."), col(".") - 1, 9)) | endif | endfor' \
			-c "call writefile(out, '$tmp/qf')" -c 'qa!' >/dev/null 2>&1
		cat "$tmp/qf"
	}
	"$fc" --format gcc "$tmp/times.xml" reports/chinese.xml nosuch.xml >"$tmp/gcc.txt"
	qf "$tmp/gcc.txt" >"$tmp/qf.out"
	lines=$(wc -l <"$tmp/gcc.txt" | tr -d ' ')
	placed=$(grep -c '^[^ ]*:[0-9][0-9]*:[0-9][0-9]*: ' "$tmp/gcc.txt")
	check "vim: one quickfix entry per finding ($lines)" test "$(sed -n 1p "$tmp/qf.out")" = "$lines"
	check "vim: a valid entry per finding with a place ($placed), none else" test "$(sed -n 2p "$tmp/qf.out")" = "$placed"
	check "vim: the cursor on the finding after Chinese text" grep -q "reports/chinese.xml:3:73 <pubDate>" "$tmp/qf.out"
	check "vim: the cursor on the bad date" grep -q "times.xml:3:23 <pubDate>" "$tmp/qf.out"
	"$fc" --no-excerpt "$tmp/times.xml" >"$tmp/ne.txt"
	qf "$tmp/ne.txt" >"$tmp/qf.out"
	check "vim: --no-excerpt gives no false valid entry" test "$(sed -n 2p "$tmp/qf.out")" = "$(grep -c '^[^ ]*:[0-9][0-9]*:[0-9][0-9]*: ' "$tmp/ne.txt")"
	"$fc" "$tmp/times.xml" >"$tmp/tx.txt"
	qf "$tmp/tx.txt" >"$tmp/qf.out"
	check "vim: the excerpts of the text form are what misled it (06:30:00)" test "$(sed -n 2p "$tmp/qf.out")" -gt 3
else
	skip "vim's quickfix list" "vim is not installed (setup.sh installs it)"
fi
finish
