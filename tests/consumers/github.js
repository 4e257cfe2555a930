// tests/consumers/github.js REPORT.json - what @actions/core prints for
// the findings of feedcheck's --format json report (an array of sources):
// core.error, core.warning or core.notice with the rule as the title, the
// source as the file and the finding's line and column.  tests/ci.sh
// compares it with feedcheck's own --format github, byte for byte.
'use strict';
const fs = require('fs');
const path = require('path');
const core = require(path.join(__dirname, 'node_modules', '@actions', 'core'));

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const src of Array.isArray(report) ? report : [report]) {
  for (const d of src.diagnostics) {
    const props = { title: d.rule, file: src.source };
    if (d.line) props.startLine = d.line;
    if (d.line && d.column) props.startColumn = d.column;
    const msg = d.message + (d.path ? ' (at ' + d.path + ')' : '');
    if (d.severity === 'error') core.error(msg, props);
    else if (d.severity === 'warning') core.warning(msg, props);
    else core.notice(msg, props);
  }
}
