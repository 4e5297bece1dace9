// End-to-end: a user opens a folder of manifests in a real VS Code (code-server) with Kube Preview loaded from
// source, sees a lint error in the Problems panel, opens the preview from the command palette, reads the graph,
// the nodes view (a pending pod and why) and the services view, clicks a pod to jump to its manifest, and
// applies a quick fix from the lightbulb. Screenshots go to test-results/e2e/.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  repoRoot, makeRunDir, startCodeServer, launchBrowser, workbenchUrl, copyWorkspace, verbose,
} from '../vscode/code-server.mjs';
import {
  openWorkbench, screenshot, quickOpen, activeTab, runCommand, clearHover, openProblems, webview, activeEditorText, cursorPosition, eventually,
} from './workbench.mjs';

/** A figure of the preview's summary line ("4 pods scheduled"…). */
async function stat(view, name) {
  return (await view.locator(`.kp-summary [data-stat="${name}"] .kp-stat-value`).innerText()).trim();
}

describe('Kube Preview in the VS Code UI', function () {
  this.timeout(120_000);
  /** @type {import('playwright-core').Page} */
  let page;
  let server;
  let browser;
  let previewOpen = false;

  before(async function () {
    this.timeout(180_000);
    if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: run `node scripts/build.mjs`');
    const runDir = makeRunDir('kpe-');
    // A copy: the quick fix edits a file, the repository must stay untouched.
    const workspace = copyWorkspace(join(repoRoot, 'test', 'e2e', 'workspace'), runDir);
    server = await startCodeServer(runDir);
    browser = await launchBrowser();
    page = await openWorkbench(browser, workbenchUrl(server.port, { folder: workspace, extensionDevelopmentPath: repoRoot }));
    if (verbose) page.on('console', (m) => console.log(`  [page ${m.type()}] ${m.text()}`));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = `FAILED-${this.currentTest.title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`;
      await screenshot(page, name).then((f) => console.log(`      screenshot: ${f}`), () => undefined);
      // Close whatever the failure left open (an error dialog, a quick pick) so the next step starts clean.
      for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => undefined);
    }
  });

  it('shows a schema error of an opened manifest in the Problems panel, and a CodeLens', async () => {
    await quickOpen(page, 'checkout.yaml');
    const rows = await openProblems(page);
    const row = rows.filter({ hasText: 'replicass' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    const text = await row.innerText();
    assert.match(text, /replicass/);
    assert.match(text, /replicas\b/, 'the message suggests the right field name');
    // Above the Deployment, a CodeLens says where its one replica (the typo leaves the default) was scheduled.
    const lens = page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'scheduled' }).first();
    await lens.waitFor({ state: 'visible' });
    assert.match(await lens.innerText(), /1\/1 scheduled · worker-\d/);
    await screenshot(page, '01-problems');
  });

  it('opens "Kube Preview: Open Preview to the Side" from the command palette and draws the graph', async () => {
    // Room for the preview: hide the side bar (Ctrl+B) and the panel (Ctrl+J), as one would on a laptop.
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+J');
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
    await runCommand(page, 'Kube Preview: Open Preview to the Side');
    const view = webview(page);
    // Deployments, ReplicaSets, pods and Services of the whole shop/ folder are drawn as graph nodes.
    await view.locator('.kp-graph .kp-gnode').first().waitFor({ state: 'visible', timeout: 60_000 });
    previewOpen = true;
    // SVG elements have no innerText: read their text content.
    const labels = await view.locator('.kp-graph .kp-gnode').allTextContents();
    const all = labels.join('\n');
    for (const name of ['frontend', 'analytics', 'checkout']) assert.ok(all.includes(name), `graph shows ${name}: ${all}`);
    // frontend's 3 replicas and checkout's 1 (its "replicass" typo leaves the default) run; analytics' 2 cannot.
    assert.equal(await stat(view, 'pods scheduled'), '4');
    assert.equal(await stat(view, 'pending'), '2');
    await screenshot(page, '02-graph');

    // The graph with the whole window: maximize the preview's editor group, fit, and back.
    // A click on the preview's tab makes its editor group the active one (a click inside a webview does not).
    await page.locator('.tabs-container .tab', { hasText: 'Preview shop/' }).click();
    await page.locator('.editor-group-container.active .tab.active', { hasText: 'Preview shop/' }).waitFor();
    // the mouse rests on the tab just clicked: its tooltip would cover the preview's own tabs
    await clearHover(page);
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await page.locator('.editor-group-container', { hasText: 'checkout.yaml' }).waitFor({ state: 'hidden' });
    await view.locator('.kp-graph button', { hasText: 'Fit' }).click();
    await screenshot(page, '02-graph-maximized');
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await page.locator('.editor-group-container', { hasText: 'checkout.yaml' }).waitFor({ state: 'visible' });
  });

  it('shows the pending pods and the scheduler\'s reason in the nodes view', async () => {
    assert.ok(previewOpen, 'the preview did not open');
    const view = webview(page);
    await clearHover(page);
    await view.locator('button.kp-tab[data-view="nodes"]').click();
    const pending = view.locator('.kp-pending-lane li.kp-pending');
    await pending.first().waitFor({ state: 'visible' });
    const first = await pending.first().innerText();
    assert.match(first, /shop\/analytics-/);
    // The FailedScheduling message: the workers have 4 CPUs, the pod asks for 6.
    assert.match(first, /0\/4 nodes are available/);
    assert.match(first, /Insufficient cpu/);
    assert.ok(await view.locator('.kp-zones article.kp-card').count() >= 4, 'the four nodes of the default cluster are drawn');
    // The icons are the real codicon font, loaded by the panel's CSP from the extension's dist/codicons/.
    const icon = await view.locator('article.kp-card .kp-card-head .codicon-server').first().evaluate(async (el) => {
      await document.fonts.ready;
      return { hidden: el.getAttribute('aria-hidden'), faces: [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'codicon').map((f) => f.status) };
    });
    assert.deepEqual(icon, { hidden: 'true', faces: ['loaded'] });
    await screenshot(page, '03-nodes');
  });

  it('lists the Services and their endpoints in the services view', async () => {
    assert.ok(previewOpen, 'the preview did not open');
    const view = webview(page);
    await view.locator('button.kp-tab[data-view="services"]').click();
    const services = view.locator('.kp-services');
    await services.waitFor({ state: 'visible' });
    const text = await eventually(async () => {
      const t = await services.innerText();
      return /frontend/.test(t) && /checkout/.test(t) ? t : null;
    }, 'frontend and checkout in the services view');
    assert.match(text, /10\.\d+\.\d+\.\d+/, 'a ClusterIP from the service CIDR is shown');
    // frontend's three pods are Running and ready: three endpoint rows.
    assert.ok(await view.locator('table.kp-endpoints tr.kp-endpoint').count() >= 3, 'endpoint rows are listed');
    await screenshot(page, '04-services');
  });

  it('jumps to the manifest of a pod clicked in the preview', async () => {
    assert.ok(previewOpen, 'the preview did not open');
    const view = webview(page);
    await view.locator('button.kp-tab[data-view="nodes"]').click();
    // The active editor is checkout.yaml; the analytics pod comes from analytics.yaml's Deployment template.
    await view.locator('.kp-pending-lane li.kp-pending').first().click();
    await activeTab(page, 'analytics.yaml').waitFor({ state: 'visible', timeout: 30_000 });
    const pos = await cursorPosition(page);
    assert.ok(pos, 'the status bar shows the cursor position');
    // analytics.yaml holds one Deployment at lines 3-22: the cursor lands inside it.
    assert.ok(pos.line >= 3 && pos.line <= 22, `cursor at line ${pos.line}`);
    await screenshot(page, '05-jump-to-manifest');
  });

  it('applies a quick fix from the lightbulb (Ctrl+.)', async () => {
    await quickOpen(page, 'checkout.yaml');
    const rows = await openProblems(page);
    const row = rows.filter({ hasText: 'replicass' }).first();
    await row.waitFor({ state: 'visible' });
    // Clicking the problem selects its range in the editor, as a user would do before asking for fixes.
    // Near its left end: further right the row holds the rule id, a link to the rule's docs.
    await row.click({ position: { x: 90, y: 10 } });
    await activeTab(page, 'checkout.yaml').waitFor();
    // Then a click on the misspelled key itself: the editor has the focus and the cursor sits in the range.
    await page.locator('.editor-group-container.active .view-line span span', { hasText: /^replicass$/ }).first().click();
    await eventually(async () => (await cursorPosition(page))?.line === 9, 'the cursor on line 9');
    await page.locator('.editor-group-container.active .lightBulbWidget').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Control+Period');
    const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: 'replicas' }).first();
    await fix.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await fix.innerText(), /Rename "replicass" to "replicas"/);
    await screenshot(page, '06-quick-fix-menu');
    await fix.click();
    const text = await eventually(async () => {
      const t = await activeEditorText(page);
      return /^\s*replicas: 2$/m.test(t) ? t : null;
    }, 'the field renamed to replicas');
    assert.doesNotMatch(text, /replicass/);
    // The preview follows the edit: checkout now asks for 2 replicas, and both fit.
    await eventually(async () => (await stat(webview(page), 'pods scheduled')) === '5', 'the preview to show 5 scheduled pods');
    // The diagnostic goes away once the document is re-linted.
    await eventually(async () => (await rows.filter({ hasText: 'replicass' }).count()) === 0, 'the problem to disappear');
    await screenshot(page, '07-quick-fix-applied');
  });
});
