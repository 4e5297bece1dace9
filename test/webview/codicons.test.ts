// The webview's icons are the real codicon font (@vscode/codicons, copied to dist/codicons/ by the build): in
// real Chromium, under the panel's own Content-Security-Policy (harness.ts) and under the standalone page's,
// the font loads, each icon is a hidden-from-readers codicon span where the views put it, nothing is blocked,
// and exports leave the icons out (their font cannot load inside an image).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inlineCodiconCss, renderStandaloneHtml } from '../../src/cli/html';
import { shopSnapshot } from './fixtures/shop-snapshot';
import { launchChromium, openWebview, repoRoot, resultsDir, snapshotMessage, stopServer, type WebviewPage } from './harness';

/** The status of every FontFace of the codicon family, once the page's font loads have settled. */
async function codiconFaces(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'codicon').map((f) => f.status);
  });
}

/** Width of a glyph drawn in the codicon font versus the same code point in a fallback font: a loaded icon
 *  font gives the glyph its own advance (16px at 16px size), a missing one gives the fallback's. */
async function glyphDrawn(page: Page, selector: string): Promise<{ family: string; content: string; width: number }> {
  return page.$eval(selector, (el) => {
    const before = getComputedStyle(el, '::before');
    const box = el.getBoundingClientRect();
    return { family: before.fontFamily, content: before.content, width: box.width };
  });
}

describe('codicons in the webview', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async () => { browser = await launchChromium(); });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

  it('the font loads under the panel CSP and every view shows aria-hidden codicons, nothing blocked', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    // graph: the Fit button and the two export buttons
    assert.ok(await wp.page.$('button[aria-label="Fit to view"] > span.codicon.codicon-screen-full[aria-hidden="true"]'));
    assert.equal(await wp.page.$$eval('button[aria-label^="Export view as"] > span.codicon.codicon-export[aria-hidden="true"]', (s) => s.length), 2);
    await wp.page.click('#kp-tab-nodes');
    // nodes: one server icon per node card, a warning before the Pending lane's title
    assert.equal(await wp.page.$$eval('article.kp-card .kp-card-head > span.codicon.codicon-server[aria-hidden="true"]', (s) => s.length), 4);
    assert.ok(await wp.page.$('.kp-pending-lane .kp-section-title > span.codicon.codicon-warning[aria-hidden="true"]'));
    assert.ok(await wp.page.$$eval('button[aria-label^="Add a node like"] > span.codicon-add', (s) => s.length) >= 1);
    // no hand-drawn icon is left, and every codicon is hidden from screen readers
    assert.equal(await wp.page.$$eval('svg.kp-icon', (s) => s.length), 0);
    assert.equal(await wp.page.$$eval('.codicon:not([aria-hidden="true"])', (s) => s.length), 0);

    assert.deepEqual(await codiconFaces(wp.page), ['loaded']);
    const g = await glyphDrawn(wp.page, 'article.kp-card .codicon-server');
    assert.match(g.family, /codicon/);
    assert.notEqual(g.content, 'none', 'codicon.css gives the glyph its code point');
    // the panel draws its icons at 14px (webview/styles.css); the glyph's advance in the codicon font is 1em
    assert.equal(Math.round(g.width), 14);
    assert.deepEqual(await violations(wp.page), []);
  });

  it('icons take the theme foreground colour', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.page.click('#kp-tab-nodes');
    for (const theme of ['light', 'dark'] as const) {
      await wp.setTheme(theme);
      const [icon, name] = await wp.page.$eval('article.kp-card .kp-card-head', (head) =>
        [getComputedStyle(head.querySelector('.codicon')!).color, getComputedStyle(head.querySelector('.kp-card-name')!).color]);
      assert.equal(icon, name, `${theme}: the icon is drawn in the text colour`);
    }
  });

  it('an HTML view exported as SVG carries neither the icons nor the font rules', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.page.click('#kp-tab-nodes');
    await wp.clearPosted();
    await wp.send({ type: 'exportRequest', format: 'svg' }, false);
    await wp.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'), undefined, { timeout: 20000 });
    const out = (await wp.posted()).find((m) => m.type === 'export') as unknown as { format: string; data: string };
    assert.equal(out.format, 'svg');
    assert.match(out.data, /kp-card/, 'the nodes view was exported');
    assert.doesNotMatch(out.data, /codicon/);
  });

  it('the standalone --html page inlines the font as data: (font-src data: only there) and shows the icons offline', async () => {
    const dist = path.join(repoRoot, 'dist');
    const codicons = { css: fs.readFileSync(path.join(dist, 'codicons', 'codicon.css'), 'utf8'), font: fs.readFileSync(path.join(dist, 'codicons', 'codicon.ttf')) };
    const inlined = inlineCodiconCss(codicons.css, codicons.font);
    assert.doesNotMatch(inlined, /codicon\.ttf/, 'no reference to a file next to the page is left');
    assert.match(inlined, /url\("data:font\/ttf;base64,[A-Za-z0-9+/=]+"\)/);
    const html = renderStandaloneHtml(shopSnapshot(), fs.readFileSync(path.join(dist, 'webview.js'), 'utf8'),
      fs.readFileSync(path.join(dist, 'webview.css'), 'utf8'), { theme: 'dark', codicons });
    assert.match(html, /content="[^"]*; font-src data:; /);
    assert.doesNotMatch(renderStandaloneHtml(shopSnapshot(), '', '', {}), /font-src/, 'without the font the policy does not allow one');

    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, 'standalone-codicons.html');
    fs.writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const blocked: string[] = [];
      page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) blocked.push(m.text()); });
      page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) blocked.push(`network: ${r.url()}`); });
      await page.goto(`file://${file}`);
      await page.waitForSelector('g.kp-gnode');
      await page.click('#kp-tab-nodes');
      assert.equal(await page.$$eval('article.kp-card .codicon-server[aria-hidden="true"]', (s) => s.length), 4);
      assert.deepEqual(await codiconFaces(page), ['loaded']);
      assert.equal(Math.round((await glyphDrawn(page, 'article.kp-card .codicon-server')).width), 14);
      await page.screenshot({ path: path.join(resultsDir, 'standalone-codicons-dark.png') });
      assert.deepEqual(blocked, []);
    } finally {
      await page.close();
    }
  });
});
