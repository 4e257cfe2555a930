#!/bin/sh
# tests/catalogue.sh - the rule catalogue as data (issue 13).  Walks
#   tests/catalogue/cases/RULE/NAME.EXT   each must give a RULE finding, with
#                                         a line and a column (and a JSON
#                                         Pointer for a JSON Feed)
#   tests/catalogue/clean/RULE/NAME.EXT   each must not give RULE
# (EXT: xml or json, a file checked as it is; http, a raw HTTP response
# served by tests/catalogue/serve.py on 127.0.0.1 and fetched by URL), and
# keeps the coverage table tests/coverage.tsv true: every W3C class row
# names rules that exist, explained with their source, and a case in the
# folder of one of them (so the walk above shows the rule is produced);
# every rule of validate/rules/rules_catalogue.c has a case; docs/COVERAGE.md
# is the table rendered (UPDATE=1 rewrites it).
# feedcheck runs once per kind of case, under a time and memory bound.
. "$(dirname "$0")/lib.sh"
cat_dir=$top/tests/catalogue
table=$top/tests/coverage.tsv
need_program "$fc"
if ! command -v python3 >/dev/null 2>&1; then
	skip "the rule catalogue" "python3 is needed"
	finish
fi

# memory bounds hold for the real binaries (not under a sanitizer or
# valgrind, whose own memory would be counted)
slow=1 measure=0
[ -n "${FEEDTOOLS_VALGRIND:-}" ] && slow=10
can_measure "$fc" && measure=1

# bounded FILE-FOR-OUTPUT ARGS...: feedcheck ARGS under timeout (and GNU
# time), its jsonl report in FILE; the peak in KB in $kb
bounded() {
	b_out=$1; shift
	if [ "$measure" = 1 ]; then
		timeout -k 5 $((60 * slow)) /usr/bin/time -f %M -o "$tmp/mem" \
			"$fc" --format jsonl "$@" >"$b_out" 2>>"$tmp/err" </dev/null
	else
		timeout -k 5 $((60 * slow)) "$fc" --format jsonl "$@" \
			>"$b_out" 2>>"$tmp/err" </dev/null
	fi
	b_st=$?
	kb=$(tail -n 1 "$tmp/mem" 2>/dev/null)
	case $kb in ''|*[!0-9]*) kb=0 ;; esac
	if [ "$b_st" -ge 4 ]; then
		not_ok "feedcheck over the cases: exit $b_st"
		head -5 "$tmp/err" | sed 's/^/#   /'
	elif [ "$measure" = 1 ] && [ "$kb" -gt $((64 * 1024)) ]; then
		not_ok "feedcheck over the cases: peak $((kb / 1024)) MB over 64 MB"
	fi
}

: >"$tmp/err"
find "$cat_dir/cases" "$cat_dir/clean" -type f \( -name '*.xml' -o -name '*.json' \) |
	LC_ALL=C sort >"$tmp/files"
if [ -s "$tmp/files" ]; then
	# shellcheck disable=SC2046
	bounded "$tmp/report-files" $(cat "$tmp/files")
else
	: >"$tmp/report-files"
fi

# the .http cases: each file a raw response, served and fetched
: >"$tmp/report-http"
find "$cat_dir/cases" "$cat_dir/clean" -type f \( -name '*.http' -o -name '*.https' \) |
	LC_ALL=C sort >"$tmp/http"
tls=
if command -v openssl >/dev/null 2>&1 &&
   openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1; then
	tls="--tls $tmp/cert.pem $tmp/key.pem"
else
	grep -v '\.https$' "$tmp/http" >"$tmp/http2"; mv "$tmp/http2" "$tmp/http"
	skip "the .https cases" "openssl cannot make a certificate here"
fi
server_pid=
at_exit '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null'
if [ -s "$tmp/http" ]; then
	# shellcheck disable=SC2086
	python3 "$cat_dir/serve.py" "$cat_dir" "$tmp/port" --lifetime $((120 * slow)) $tls \
		>"$tmp/server.log" 2>&1 &
	server_pid=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	if [ -s "$tmp/port" ]; then
		port=$(sed -n 1p "$tmp/port") sport=$(sed -n 2p "$tmp/port")
		sed "/\.https\$/s|^$cat_dir/|https://127.0.0.1:$sport/|; s|^$cat_dir/|http://127.0.0.1:$port/|" \
			"$tmp/http" >"$tmp/urls"
		bounded "$tmp/report-http" --max-time 10 --urls "$tmp/urls"
	else
		not_ok "the case server did not start"
		sed 's/^/#   /' "$tmp/server.log" | head -5
	fi
fi

"$fc" --list-rules >"$tmp/rules"
for r in $(cut -d' ' -f1 "$tmp/rules"); do
	echo "$r"
	"$fc" --explain "$r" | tr '\n' ' '
	echo
done >"$tmp/explain"

python3 - "$top" "$tmp" "${UPDATE:-0}" "$n" <<'EOF'
import json, os, re, sys
top, tmp, update, n = sys.argv[1:5]
n = int(n)
failed = 0
cat = top + '/tests/catalogue'
def tap(ok, what):
    global n, failed
    n += 1
    failed += not ok
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, what))
    return ok

# the reports, by case path relative to tests/catalogue
reports = {}
for name in ('report-files', 'report-http'):
    for line in open(tmp + '/' + name):
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)
        src = r['source']
        if src.startswith('http://127.0.0.1:') or src.startswith('https://127.0.0.1:'):
            src = src.split('/', 3)[3]
        elif src.startswith(cat + '/'):
            src = src[len(cat) + 1:]
        reports[src] = r
rules = {}
lines = open(tmp + '/explain').read().split('\n')
for i in range(0, len(lines) - 1, 2):
    rules[lines[i]] = lines[i + 1]

cases = {}   # rule -> [case]
bad = []
for kind in ('cases', 'clean'):
    base = cat + '/' + kind
    for rule in sorted(os.listdir(base)):
        if rule not in rules:
            bad.append('%s/%s: no such rule' % (kind, rule))
            continue
        for f in sorted(os.listdir(base + '/' + rule)):
            case = '%s/%s/%s' % (kind, rule, f)
            r = reports.get(case)
            if r is None:
                bad.append(case + ': no report')
                continue
            got = [d for d in r['diagnostics'] if d['rule'] == rule]
            if kind == 'clean':
                tap(not got, '%s: no [%s]' % (case, rule)) or \
                    print('#   %s' % got[0]['message'])
                continue
            cases.setdefault(rule, []).append(f)
            if not got:
                tap(False, '%s: [%s]' % (case, rule))
                for d in r['diagnostics'][:4]:
                    print('#   got %s: %s' % (d['rule'], d['message'][:100]))
                continue
            d = got[0]
            placed = (d['line'] or 0) > 0 and (d['column'] or 0) > 0
            # what the transport found is about the response, not a place
            if (case.endswith('.http') or case.endswith('.https')) and re.match(r'(http|tls|fetch|charset-http)-', rule):
                placed = True
            if case.endswith('.json'):
                placed = placed and d['path'] is not None
            tap(placed, '%s: [%s] at %s:%s%s' % (case, rule, d['line'], d['column'],
                ' ' + d['path'] if d.get('path') is not None else ''))
for b in bad:
    tap(False, b)

# the coverage table
rows = []
problems = []
for i, line in enumerate(open(top + '/tests/coverage.tsv')):
    if line.startswith('#') or not line.strip():
        continue
    f = line.rstrip('\n').split('\t')
    if len(f) != 6:
        problems.append('line %d: %d fields, not 6' % (i + 1, len(f)))
        continue
    rows.append(f)
    cls, level, section, rl, case, note = f
    if rl == '-':
        if not note:
            problems.append('%s: a row without a rule says why not' % cls)
        continue
    for r in rl.split(','):
        if r not in rules:
            problems.append('%s: no rule %s' % (cls, r))
        elif not re.search(r'RFC|section|§|spec|XML 1\.0|RSS|Atom|Apple|GeoRSS|'
                           r'Media RSS|JSON Feed|W3C|WHATWG|IANA|ISO|HTML|Unicode',
                           rules[r]):
            problems.append('%s: --explain %s cites no source' % (cls, r))
    crule = case.split('/')[0]
    if crule not in rl.split(','):
        problems.append('%s: case %s is not in the folder of one of its rules' % (cls, case))
    elif not os.path.isfile(cat + '/cases/' + case):
        problems.append('%s: no case %s' % (cls, case))
tap(not problems, 'tests/coverage.tsv: every row names existing rules, '
    'explained with their source, and a case of one of them (%d rows)' % len(rows))
for p in problems:
    print('#   ' + p)
covered = sum(1 for r in rows if r[3] != '-')
print('# coverage: %d of %d W3C classes have a rule and a case; %d say why not'
      % (covered, len(rows), len(rows) - covered))

# every rule of the catalogue's own table has a case
src = open(top + '/validate/rules/rules_catalogue.c').read()
ids = re.findall(r'^\{ "([a-z0-9-]+)", [EWI],', src, re.M)
# rules whose case is too large to keep as a file: the suite that makes it
made_elsewhere = {'id-set-full': 'tests/bounds.sh (1,048,577 guids)'}
missing = [r for r in ids if r not in cases and r not in made_elsewhere]
tap(not missing, 'every rule of rules_catalogue.c has a case (%d rules)' % len(ids))
for r in missing:
    print('#   no case for ' + r)

# docs/COVERAGE.md is the table rendered
out = ['# W3C Feed Validation Service classes and feedcheck', '',
       'Generated from `tests/coverage.tsv` by `UPDATE=1 sh tests/catalogue.sh`;',
       'do not edit.  Each W3C message class that applies to RSS, Atom and their',
       'extensions (`../shared/docs/RULES-GAPS.md`, part 1), the feedcheck rule with the',
       'same meaning, and the case under `tests/catalogue/cases/` that shows it; or',
       'why there is none.', '',
       '%d classes: %d with a rule and a case, %d without (the reason is given).' %
       (len(rows), covered, len(rows) - covered), '']
sec = None
for cls, level, section, rl, case, note in rows:
    if section != sec:
        sec = section
        out += ['', '## ' + section, '', '| W3C class | level | feedcheck rule | case | note |',
                '|---|---|---|---|---|']
    rr = ', '.join('`%s` (%s)' % (r, rules[r].split('(')[1].split(')')[0] if r in rules else '?')
                   for r in rl.split(',')) if rl != '-' else 'none'
    out.append('| %s | %s | %s | %s | %s |' % (cls, level, rr,
               '`%s`' % case if case != '-' else '-', note.replace('|', '\\|')))
text = '\n'.join(out) + '\n'
doc = top + '/docs/COVERAGE.md'
if update == '1':
    open(doc, 'w').write(text)
cur = open(doc).read() if os.path.exists(doc) else ''
tap(cur == text, 'docs/COVERAGE.md is tests/coverage.tsv rendered (UPDATE=1 rewrites it)')
open(tmp + '/count', 'w').write('%d %d\n' % (n, failed))
EOF
if [ -s "$tmp/count" ]; then
	read -r n2 f2 <"$tmp/count"
	failed=$((failed + f2)) n=$n2
else
	not_ok "the catalogue's checker did not finish"
fi
finish
