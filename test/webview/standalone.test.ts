// src/cli/html.ts: the standalone page (`simulate --html`) opened from a file in Chromium: it draws the
// inlined snapshot with the real bundle, runs under its CSP, and no manifest text can break out of the JSON.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { inlineJson, renderStandaloneHtml } from '../../src/cli/html';
import { poison } from './fixtures/poison';
import { shopSnapshot } from './fixtures/shop-snapshot';
import { launchChromium, repoRoot, resultsDir } from './harness';

describe('standalone HTML export', function () {
  let browser: Browser;
  before(async () => { browser = await launchChromium(); });
  after(async () => { await browser?.close(); });

  const js = () => fs.readFileSync(path.join(repoRoot, 'dist', 'webview.js'), 'utf8');
  const css = () => fs.readFileSync(path.join(repoRoot, 'dist', 'webview.css'), 'utf8');

  it('inlines JSON with <, >, &, U+2028 and U+2029 escaped, and parses back to the same value', () => {
    const value = { a: '</script><script>alert(1)</script>', b: 'x\u2028y\u2029z', c: '<!-- & -->' };
    const out = inlineJson(value);
    assert.doesNotMatch(out, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(out), value);
  });

  it('writes a page with a nonce CSP whose script and style carry the nonce', () => {
    const html = renderStandaloneHtml(shopSnapshot(), 'console.log("</script>")', 'a{}', { nonce: 'abc123' });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-abc123'; style-src 'nonce-abc123'; img-src data:/);
    assert.equal((html.match(/<script nonce="abc123">/g) ?? []).length, 2);
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /console\.log\("<\\\/script>"\)/, 'a </script> in the bundle is escaped');
    assert.throws(() => renderStandaloneHtml(shopSnapshot(), '', '', { nonce: 'a"b' }));
  });

  it('opens from a file and draws the snapshot read-only, payloads as text, nothing blocked', async () => {
    const snap = poison(shopSnapshot());
    const html = renderStandaloneHtml(snap, js(), css(), { theme: 'light' });
    assert.doesNotMatch(html.split('id="kp-snapshot">')[1].split('</script>')[0], /</, 'the JSON holds no "<"');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, 'standalone.html');
    fs.writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await page.waitForSelector('g.kp-gnode');
    assert.ok(await page.$$eval('g.kp-gnode', (g) => g.length) > 10);
    assert.equal(await page.$('button[aria-label^="Cordon"]'), null, 'no what-if controls in the standalone page');
    await page.click('#kp-tab-nodes');
    assert.equal(await page.$('button[aria-label^="Cordon"]'), null);
    assert.equal(await page.$$eval('article.kp-card', (c) => c.length), 4);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.ok((await page.evaluate(() => document.getElementById('app')!.textContent ?? '')).includes('<img src=x onerror=window.__xss=1>'));
    await page.click('#kp-tab-graph');
    await page.screenshot({ path: path.join(resultsDir, 'standalone-light.png') });
    assert.deepEqual(errors, []);
    assert.deepEqual(violations, []);
    await page.close();
  });
});
