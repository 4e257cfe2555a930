#!/usr/bin/env python3
"""The checker of tests/catalogue.sh, which runs it once feedcheck has
checked every case:

    python3 tests/catalogue/runner.py TOP TMP UPDATE N

TOP is the tree, TMP the suite's temporary folder (report-files and
report-http: feedcheck's JSONL reports of the cases; explain: each rule's
id and --explain text on two lines), UPDATE 1 to rewrite docs/COVERAGE.md,
N the number of the suite's last TAP line.  Prints TAP lines numbered on
from N and writes "N FAILED" to TMP/count.  It checks that each case of
tests/catalogue/cases/RULE/ gives RULE with a line and a column (and a
JSON Pointer for a JSON Feed), that each of clean/RULE/ does not, that
tests/coverage.tsv names existing rules explained with their source and a
case of one of them, that every rule of validate/rules/rules_catalogue.c
has a case, and that docs/COVERAGE.md is the table rendered."""
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

# what still differs from the W3C validator, and why (tests/disagreements.tsv)
dis = [l.rstrip('\n').split('\t') for l in open(top + '/tests/disagreements.tsv')][1:]
out += ['', '## Where feedcheck and the W3C validator still disagree', '',
        'Each class of input on which feedcheck deliberately gives another verdict or',
        "finding than the W3C validator (tests/disagreements.tsv; the tables' notes D1 to D13",
        'above are the smaller ones, from ../shared/docs/RULES-GAPS.md), and the',
        'specification text behind its choice.', '',
        '| input | W3C validator | feedcheck | why |', '|---|---|---|---|']
for row in dis:
    tap(len(row) == 4, 'disagreements.tsv: %s: four columns' % row[0])
    out.append('| %s |' % ' | '.join(c.replace('|', '\\|') for c in row[:4]))

# the platform rules and their sources (--list-rules --format json)
plat = [r for r in json.load(open(tmp + '/rules.json')) if r.get('sources')]
out += ['', '## Platform rules and their sources', '',
        'Each Apple Podcasts, Spotify and Podcast Index rule, the documents it follows',
        'and the day their text was last checked (`feedcheck --explain RULE` and',
        '`--list-rules --format json` say the same).  Google Podcasts, whose RSS',
        'guidelines the `googleplay:` tags follow, closed in 2024 (its listeners were',
        'moved to YouTube Music; secondary sources only): feedcheck checks those',
        'tags\' syntax and has no Google profile.', '',
        '| rule | severity | platform | source | checked | note |', '|---|---|---|---|---|---|']
for r in plat:
    for s in r['sources']:
        out.append('| `%s` | %s | %s | <%s> | %s | %s |' % (r['id'], r['severity'],
                   s['platform'], s['url'], s['checked'], s['note'].replace('|', '\\|')))
tap(len(plat) > 0, 'the platform rules have sources (%d rules)' % len(plat))
text = '\n'.join(out) + '\n'
doc = top + '/docs/COVERAGE.md'
if update == '1':
    open(doc, 'w').write(text)
cur = open(doc).read() if os.path.exists(doc) else ''
tap(cur == text, 'docs/COVERAGE.md is tests/coverage.tsv rendered (UPDATE=1 rewrites it)')
open(tmp + '/count', 'w').write('%d %d\n' % (n, failed))
