// Safety in real Chromium: names, labels, annotations and messages carrying XSS payloads are shown as text and
// run nothing; the CSP with a nonce blocks inline script and eval; the webview never creates markup from data.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { poison, POISONED_YAML, PAYLOADS } from './fixtures/poison';
import { shopSnapshot } from './fixtures/shop-snapshot';
import { launchChromium, openWebview, repoRoot, simulateTexts, snapshotMessage, stopServer, type WebviewPage } from './harness';

describe('webview security', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async () => { browser = await launchChromium(); });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  async function visitEverything(): Promise<void> {
    for (const v of ['graph', 'nodes', 'services', 'events']) {
      await wp.page.click(`#kp-tab-${v}`);
      const items = await wp.page.$$(`#kp-panel-${v} [data-key]`);
      for (const it of items.slice(0, 12)) {
        await it.hover().catch(() => undefined);
        await it.click().catch(() => undefined);
      }
    }
  }

  async function assertInert(): Promise<void> {
    const r = await wp.page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      imgs: document.querySelectorAll('#app img, #app script, #app iframe, #app object').length,
      handlers: Array.from(document.querySelectorAll('#app *')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length,
      hrefs: Array.from(document.querySelectorAll('#app [href], #app [src]')).length,
    }));
    assert.deepEqual(r, { xss: undefined, imgs: 0, handlers: 0, hrefs: 0 });
  }

  it('renders payloads in a snapshot as text in every view and executes nothing', async () => {
    wp = await openWebview(browser);
    const snap = poison(shopSnapshot());
    await wp.send(snapshotMessage(snap, { scopeLabel: `scope${PAYLOADS[0]}` }));
    await visitEverything();
    await assertInert();
    const text = await wp.page.evaluate(() => document.getElementById('app')!.textContent ?? '');
    assert.ok(text.includes('<img src=x onerror=window.__xss=1>'), 'payload shown literally');
    assert.ok(text.includes('<script>window.__xss=1</script>'), 'payload shown literally');
    // the details pane of a pod (labels, owner, message, explanation table)
    await wp.page.click('#kp-tab-nodes');
    await wp.page.click('.kp-pending');
    await assertInert();
    assert.match(await wp.page.$eval('.kp-details', (d) => d.textContent ?? ''), /onerror=window\.__xss=1/);
    // what-if marks: node and pod names of the baseline go into tags, titles and aria-labels as text
    const baseline = snap.pods.map((p) => ({ namespace: p.namespace, name: p.name, nodeName: p.nodeName ?? `was${PAYLOADS[0]}`, owner: p.owner }));
    baseline.push({ namespace: 'shop', name: `gone${PAYLOADS[1]}`, nodeName: `n${PAYLOADS[1]}`, owner: null });
    await wp.send(snapshotMessage(snap, { whatIfs: [{ kind: 'cordon', node: `n${PAYLOADS[0]}` }], baseline }));
    await wp.page.click('#kp-tab-nodes');
    await wp.page.click('.kp-pending');
    await assertInert();
    assert.ok((await wp.page.$eval('.kp-pending-change', (e) => e.textContent ?? '')).includes(PAYLOADS[0]));
  });

  it('renders payloads coming through the real parser and simulator as text', async function () {
    const snap = simulateTexts([{ path: 'evil.yaml', text: POISONED_YAML }]);
    if (!snap) this.skip();
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(snap!));
    await visitEverything();
    await assertInert();
  });

  it('the CSP blocks inline script; the bundle needs no eval and writes no HTML from strings', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    const r = await wp.page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      await new Promise((res) => setTimeout(res, 100));
      return { inline: (window as unknown as { __inline?: number }).__inline, violations: (window as unknown as { __violations: string[] }).__violations };
    });
    assert.equal(r.inline, undefined);
    assert.ok(r.violations.some((v) => v.startsWith('script-src')), r.violations.join(', '));
    // nothing the webview itself did violated the policy before the probes
    assert.equal(r.violations.filter((v) => !/inline|eval/.test(v)).length, 0, r.violations.join(', '));
    // (page.evaluate runs through DevTools, which the eval policy does not cover, so the bundle is checked instead)
    const bundle = fs.readFileSync(path.join(repoRoot, 'dist', 'webview.js'), 'utf8');
    assert.doesNotMatch(bundle, /\beval\(|new Function\(/);
    // our own sources never build markup from strings (d3's unused selection.html() is in the bundle, so the
    // sources are what is checked for that)
    const dir = path.join(repoRoot, 'webview');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 10);
    for (const f of files) {
      assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.html\(/, f);
    }
  });
});
