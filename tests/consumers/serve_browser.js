// tests/consumers/serve_browser.js BASE OUTDIR VALID.xml SCRIPT.xml
// INVALID.xml FEEDURL - use feedcheck --serve's page at BASE as a person
// would, in headless Chromium (Debian's, through playwright-core): paste
// a feed into the form, paste one full of <script>, upload a file, give
// a URL; and say, as JSON on standard output, what the browser saw:
// console and page errors (a style the policy refused is one), dialogs,
// the Content-Security-Policy header, the width at a phone's size, and
// each report's title, verdict and scripts.  Screenshots go to OUTDIR.
// tests/serve.sh judges it.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));

(async () => {
  const [base, outdir, valid, script, invalid, feedUrl] = process.argv.slice(2);
  const seen = { base, console_errors: [], page_errors: [], dialogs: [] };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('console', (m) => { if (m.type() === 'error') seen.console_errors.push(m.text()); });
    page.on('pageerror', (e) => seen.page_errors.push(String(e)));
    page.on('dialog', async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
    const report = async () => page.evaluate(() => ({
      title: document.title,
      url: location.href,
      verdict: (document.querySelector('.verdict') || {}).textContent || '',
      heading: (document.querySelector('section h2') || {}).textContent || '',
      scripts: document.querySelectorAll('script').length,
      pwned: document.title === 'pwned' || !!window.pwned,
    }));
    const form = async () => {
      const r = await page.goto(base + '/', { waitUntil: 'load' });
      return r;
    };

    // the page at a phone's width
    const r = await form();
    seen.csp = r.headers()['content-security-policy'] || '';
    seen.phone_overflow = await page.evaluate(() =>
      document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: path.join(outdir, 'form-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1000, height: 800 });

    // a feed pasted
    await page.fill('#doc', fs.readFileSync(valid, 'utf8'));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[method=post] button[type=submit]')]);
    seen.pasted = await report();
    await page.screenshot({ path: path.join(outdir, 'report-pasted.png') });

    // a feed full of <script>, pasted
    await form();
    await page.fill('#doc', fs.readFileSync(script, 'utf8'));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[method=post] button[type=submit]')]);
    await page.waitForTimeout(300);
    seen.script = await report();

    // a file uploaded
    await form();
    await page.setInputFiles('#file', invalid);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[method=post] button[type=submit]')]);
    seen.uploaded = await report();
    await page.screenshot({ path: path.join(outdir, 'report-uploaded.png') });

    // a URL
    await form();
    await page.fill('#url', feedUrl);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[method=get] button[type=submit]')]);
    seen.fetched = await report();
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(seen) + '\n');
})().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
