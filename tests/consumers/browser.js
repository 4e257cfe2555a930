// tests/consumers/browser.js REPORT.html OUTDIR - open feedcheck's HTML
// report in headless Chromium (Debian's, through playwright-core) and say,
// as JSON on standard output, what a reader's browser saw: console
// errors, page errors, dialogs, requests other than the page itself,
// scripts in the document, the title, the index rows and the text; and
// save screenshots in OUTDIR.  tests/browser.sh judges it.
'use strict';
const path = require('path');
const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));

(async () => {
  const [report, outdir] = process.argv.slice(2);
  const seen = { console_errors: [], page_errors: [], dialogs: [], requests: [] };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    const url = 'file://' + path.resolve(report);
    page.on('console', (m) => { if (m.type() === 'error') seen.console_errors.push(m.text()); });
    page.on('pageerror', (e) => seen.page_errors.push(String(e)));
    page.on('dialog', async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
    // offline: nothing but the report itself may be loaded
    await page.route('**/*', (r) => {
      if (r.request().url() !== url) {
        seen.requests.push(r.request().url());
        return r.abort();
      }
      return r.continue();
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    Object.assign(seen, await page.evaluate(() => ({
      title: document.title,
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].filter((e) =>
        [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || '',
      index: [...document.querySelectorAll('table.index tr')].slice(1).map((tr) =>
        [...tr.children].map((td) => td.textContent)),
      sections: document.querySelectorAll('section').length,
      text: document.body.innerText,
      marks: [...document.querySelectorAll('mark')].map((m) => m.textContent),
      pwned: document.title === 'pwned' || !!window.pwned,
    })));
    await page.screenshot({ path: path.join(outdir, 'report-top.png') });
    await page.screenshot({ path: path.join(outdir, 'report-full.png'), fullPage: true });
    const zh = page.locator('section', { hasText: '江州' }).first();
    if (await zh.count()) await zh.screenshot({ path: path.join(outdir, 'report-chinese.png') });
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(seen) + '\n');
})().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
