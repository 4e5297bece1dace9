// Interaction in real Chromium: filters, pod groups, what-ifs, keyboard, persistence, highlight/focus,
// empty/error states, message validation, theme switching and export.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { generateSnapshot } from './fixtures/generate';
import { shopSnapshot } from './fixtures/shop-snapshot';
import { launchChromium, openWebview, screenshot, snapshotMessage, stopServer, type WebviewPage } from './harness';

describe('webview behaviour', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async () => { browser = await launchChromium(); });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  const keys = () => wp.page.$$eval('g.kp-gnode', (gs) => gs.map((g) => g.getAttribute('data-key') ?? ''));

  it('filters the graph by namespace, kind, label and text', async () => {
    wp = await openWebview(browser);
    const snap = shopSnapshot();
    snap.pods.push({ ...snap.pods[3], namespace: 'other', name: 'lonely', owner: null, workload: null, labels: { tier: 'x' }, references: [] });
    await wp.send(snapshotMessage(snap));
    assert.ok((await keys()).includes('Pod/other/lonely'));
    await wp.page.selectOption('select[aria-label="Filter by namespace"]', 'other');
    assert.deepEqual(await keys(), ['Pod/other/lonely']);
    await wp.page.selectOption('select[aria-label="Filter by namespace"]', '');
    await wp.page.selectOption('select[aria-label="Filter by kind"]', 'Service');
    assert.deepEqual((await keys()).sort(), ['Service/shop/cache', 'Service/shop/web']);
    await wp.page.selectOption('select[aria-label="Filter by kind"]', '');
    await wp.page.fill('input[aria-label="Filter by label"]', 'app=db');
    assert.deepEqual(await keys(), ['Pod/shop/db-0']);
    await wp.page.fill('input[aria-label="Filter by label"]', '');
    await wp.page.fill('input[aria-label="Search by name"]', 'klmno');
    assert.deepEqual(await keys(), ['Pod/shop/web-5d9c7b-klmno']);
  });

  it('collapses the pods of a big ReplicaSet into a group that expands on click, keeping other positions', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(generateSnapshot(40, 6)));
    const groups = await wp.page.$$eval('g.kp-gnode.kp-group', (gs) => gs.map((g) => g.getAttribute('data-key')));
    assert.deepEqual(groups, ['PodGroup/team-0/ReplicaSet:app-0-7f9c', 'PodGroup/team-1/ReplicaSet:app-1-7f9c']);
    assert.equal((await keys()).filter((k) => k.startsWith('Pod/')).length, 0);
    const where = (k: string) => wp.page.$eval(`g.kp-gnode[data-key="${k}"]`, (g) => g.getAttribute('transform'));
    const before = await where('Deployment/team-1/app-1');
    await wp.page.click('g.kp-gnode[data-key="PodGroup/team-0/ReplicaSet:app-0-7f9c"]');
    assert.equal((await keys()).filter((k) => k.startsWith('Pod/team-0/')).length, 20);
    assert.equal(await where('Deployment/team-1/app-1'), before);
    await screenshot(wp, 'graph-group-expanded-light');
    // a pod of the expanded group offers to collapse it again
    const podKey = (await keys()).find((k) => k.startsWith('Pod/team-0/'))!;
    await wp.page.click(`g.kp-gnode[data-key="${podKey}"]`);
    await wp.page.click('button[aria-label="Collapse the pods of app-0-7f9c"]');
    assert.equal((await keys()).filter((k) => k.startsWith('Pod/')).length, 0);
    assert.ok((await keys()).includes('PodGroup/team-0/ReplicaSet:app-0-7f9c'));
  });

  it('a large graph keeps only the boxes near the viewport in the DOM; fit and export draw them all', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(generateSnapshot(2000, 100)));
    // 100 Deployments, ReplicaSets, pod groups, Services, EndpointSlices and ConfigMaps
    const total = 600;
    const initial = await wp.page.$$eval('g.kp-gnode', (g) => g.length);
    assert.ok(initial > 0 && initial < total, `initially drawn: ${initial}`);
    await wp.page.click('button[aria-label="Fit to view"]');
    await wp.page.waitForFunction((n) => document.querySelectorAll('g.kp-gnode').length === n, total);
    await wp.page.click('button[aria-label="Fit to view"]');
    await wp.page.mouse.move(400, 400);
    await wp.page.mouse.wheel(0, -2000); // zoom in: fewer boxes again
    await wp.page.waitForFunction((n) => document.querySelectorAll('g.kp-gnode').length < n, total);
    await wp.clearPosted();
    await wp.page.click('button[aria-label="Export view as SVG"]');
    await wp.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
    const svg = (await wp.posted()).find((m) => m.type === 'export') as unknown as { data: string };
    assert.equal((svg.data.match(/<g class="kp-gnode/g) ?? []).length, total);
  });

  it('nodes view: cards far below the viewport are filled when scrolled near', async () => {
    wp = await openWebview(browser, { initialState: { view: 'nodes', selected: null } });
    const snap = generateSnapshot(600, 150);
    await wp.send(snapshotMessage(snap));
    assert.equal(await wp.page.$$eval('article.kp-card', (c) => c.length), 150);
    const lazy = await wp.page.$$eval('article.kp-card-lazy', (c) => c.length);
    assert.ok(lazy > 0 && lazy < 150, `lazy cards: ${lazy}`);
    const last = snap.nodes[snap.nodes.length - 1];
    const sel = `article.kp-card[data-key="Node//${last.name}"]`;
    await wp.page.$eval(sel, (c) => c.scrollIntoView());
    await wp.page.waitForSelector(`${sel}:not(.kp-card-lazy) .kp-chips`);
    assert.equal(await wp.page.$$eval(`${sel} .kp-chip`, (c) => c.length), last.pods.length);
  });

  it('services view: blocks far below the viewport are drawn when scrolled near', async () => {
    wp = await openWebview(browser, { initialState: { view: 'services', selected: null } });
    const snap = generateSnapshot(1200, 60);
    await wp.send(snapshotMessage(snap));
    assert.equal(await wp.page.$$eval('section.kp-svc', (c) => c.length), snap.services.length);
    const lazy = await wp.page.$$eval('section.kp-svc-lazy', (c) => c.length);
    assert.ok(lazy > 0, `lazy blocks: ${lazy}`);
    await wp.page.$eval('section.kp-svc:last-child', (c) => c.scrollIntoView());
    await wp.page.waitForSelector('section.kp-svc:last-child:not(.kp-svc-lazy) table.kp-endpoints');
    const lastSlice = snap.endpointSlices[snap.endpointSlices.length - 1];
    assert.equal(await wp.page.$$eval('section.kp-svc:last-child table.kp-endpoints tbody tr', (r) => r.length), lastSlice.endpoints.length);
  });

  it('what-if buttons post whatIf messages; active what-ifs show with a Reset', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.page.click('#kp-tab-nodes');
    await wp.clearPosted();
    await wp.page.click('button[aria-label="Cordon worker-1"]');
    await wp.page.click('button[aria-label="Take worker-2 down"]');
    await wp.page.click('button[aria-label="Add a node like worker-3"]');
    assert.deepEqual(await wp.posted(), [
      { type: 'whatIf', change: { kind: 'cordon', node: 'worker-1' } },
      { type: 'whatIf', change: { kind: 'nodeDown', node: 'worker-2' } },
      { type: 'whatIf', change: { kind: 'addNode', like: 'worker-3' } },
    ]);
    const snap = shopSnapshot();
    snap.nodes[1].unschedulable = true;
    await wp.send(snapshotMessage(snap, { whatIfs: [{ kind: 'cordon', node: 'worker-1' }] }));
    assert.match(await wp.page.$eval('.kp-whatifs', (e) => e.textContent ?? ''), /cordon worker-1/);
    assert.ok(await wp.page.$('button[aria-label="Uncordon worker-1"]'));
    assert.match(await wp.page.$eval('.kp-card[data-key="Node//worker-1"]', (e) => e.textContent ?? ''), /cordoned/);
    await wp.clearPosted();
    await wp.page.click('button[aria-label="Reset what-ifs"]');
    assert.deepEqual(await wp.posted(), [{ type: 'resetWhatIf' }]);
    // scale a workload from its details pane
    await wp.page.click('#kp-tab-graph');
    await wp.page.click('g.kp-gnode[data-key="Deployment/shop/web"]');
    await wp.page.fill('input[aria-label="Replicas for web"]', '5');
    await wp.clearPosted();
    await wp.page.click('button[aria-label="Scale web"]');
    assert.deepEqual(await wp.posted(), [{ type: 'whatIf', change: { kind: 'scale', workload: { kind: 'Deployment', namespace: 'shop', name: 'web' }, replicas: 5 } }]);
  });

  it('a long EndpointSlice shows its first rows and the rest on request', async () => {
    wp = await openWebview(browser, { initialState: { view: 'services', selected: null } });
    const snap = shopSnapshot();
    const es = snap.endpointSlices[0];
    for (let i = 0; i < 43; i++) es.endpoints.push({ ...es.endpoints[0], addresses: [`10.244.9.${i}`], targetRef: null });
    await wp.send(snapshotMessage(snap));
    assert.equal(await wp.page.$$eval('table.kp-endpoints tbody tr', (r) => r.length), 30);
    await wp.page.click('button[aria-label="Show all 45 endpoints of web-x7k2p"]');
    assert.equal(await wp.page.$$eval('table.kp-endpoints tbody tr', (r) => r.length), 45);
  });

  it('toolbar posts setCluster for preset, seed and Kubernetes version', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.clearPosted();
    await wp.page.selectOption('select[aria-label="Cluster preset"]', 'ha');
    await wp.page.fill('input[aria-label="Seed"]', '42');
    await wp.page.press('input[aria-label="Seed"]', 'Enter');
    await wp.page.selectOption('select[aria-label="Kubernetes version"]', '1.36');
    assert.deepEqual(await wp.posted(), [
      { type: 'setCluster', cluster: { preset: 'ha' } },
      { type: 'setCluster', cluster: { seed: 42 } },
      { type: 'setCluster', cluster: { kubernetesVersion: '1.36' } },
    ]);
  });

  it('keyboard: arrows move between objects, Enter selects; tabs switch with arrows', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.page.click('#kp-tab-nodes');
    await wp.page.focus('.kp-card[data-key="Node//worker-1"]');
    await wp.page.keyboard.press('ArrowDown');
    const focused = await wp.page.evaluate(() => document.activeElement?.getAttribute('data-key'));
    assert.equal(focused, 'Pod/shop/web-5d9c7b-fghij');
    await wp.page.keyboard.press('Enter');
    assert.equal(await wp.page.$eval('.kp-details-name', (e) => e.textContent), 'web-5d9c7b-fghij');
    await wp.page.focus('#kp-tab-nodes');
    await wp.page.keyboard.press('ArrowRight');
    assert.equal(await wp.page.getAttribute('#kp-tab-services', 'aria-selected'), 'true');
    const unlabeled = await wp.page.$$eval('button, [role=button], select, input', (els) => els.filter((e) => !e.getAttribute('aria-label') && !(e.textContent ?? '').trim()).length);
    assert.equal(unlabeled, 0, 'every interactive element has a name');
  });

  it('persists view, selection and filters with setState and restores them', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.page.click('#kp-tab-services');
    await wp.page.click('.kp-svc-name[data-key="Service/shop/web"]');
    await wp.page.fill('input[aria-label="Search by name"]', 'web');
    const state = await wp.page.evaluate(() => (window as unknown as { __state(): unknown }).__state());
    assert.deepEqual(state, { view: 'services', selected: { kind: 'Service', namespace: 'shop', name: 'web' }, filters: { namespace: '', kind: '', label: '', text: 'web' }, expanded: [] });
    await wp.close();
    wp = await openWebview(browser, { initialState: state });
    await wp.send(snapshotMessage(shopSnapshot()));
    assert.equal(await wp.page.getAttribute('#kp-tab-services', 'aria-selected'), 'true');
    assert.equal(await wp.page.$eval('.kp-details-name', (e) => e.textContent), 'web');
    assert.equal(await wp.page.inputValue('input[aria-label="Search by name"]'), 'web');
  });

  it('highlight marks the objects of the document under the cursor; focus selects and switches view', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.send({ type: 'highlight', objects: [{ kind: 'Deployment', namespace: 'shop', name: 'web' }, { kind: 'Service', namespace: 'shop', name: 'web' }] });
    assert.deepEqual((await wp.page.$$eval('g.kp-gnode.highlighted', (gs) => gs.map((g) => g.getAttribute('data-key')))).sort(), ['Deployment/shop/web', 'Service/shop/web']);
    await wp.send({ type: 'focus', object: { kind: 'Node', namespace: null, name: 'worker-3' }, view: 'nodes' });
    assert.equal(await wp.page.getAttribute('#kp-tab-nodes', 'aria-selected'), 'true');
    assert.ok(await wp.page.$('.kp-card.selected[data-key="Node//worker-3"]'));
  });

  it('shows the empty state and the error state', async () => {
    wp = await openWebview(browser);
    await wp.send({ type: 'empty', scopeLabel: 'notes.yaml', reason: 'The file has no Kubernetes objects.' });
    assert.equal(await wp.page.$eval('.kp-message h2', (e) => e.textContent), 'No Kubernetes objects in this file');
    assert.equal(await wp.page.$$eval('.kp-view:not([hidden])', (v) => v.length), 0);
    await wp.send({ type: 'error', message: 'simulation crashed: boom' });
    assert.match(await wp.page.$eval('.kp-banner', (e) => e.textContent ?? ''), /boom/);
    // an error after a snapshot keeps the last picture, with the banner
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.send({ type: 'error', message: 'second failure' });
    assert.ok(await wp.page.$('#kp-panel-graph:not([hidden]) g.kp-gnode'));
    assert.match(await wp.page.$eval('.kp-banner', (e) => e.textContent ?? ''), /second failure/);
  });

  it('ignores malformed and unknown messages with a console warning', async () => {
    wp = await openWebview(browser);
    const warnings: string[] = [];
    wp.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await wp.send(snapshotMessage(shopSnapshot()));
    const bad: unknown[] = [
      'snapshot', null, 42, { type: 'nope' }, { type: 'snapshot' },
      { ...snapshotMessage(shopSnapshot()), snapshot: { ...shopSnapshot(), pods: [{ name: 'x' }] } },
      { ...snapshotMessage(shopSnapshot()), snapshot: { ...shopSnapshot(), version: 2 } },
      { type: 'highlight', objects: [{ kind: 'Pod' }] },
      { type: 'focus', object: { kind: 'Pod', namespace: null, name: 'x' }, view: 'bogus' },
      { type: 'exportRequest', format: 'gif' },
      { type: 'error', message: { toString: 'x' } },
    ];
    for (const m of bad) await wp.send(m, false);
    assert.equal(warnings.filter((w) => /ignored a message/.test(w)).length, bad.length, warnings.join('\n'));
    assert.equal(await wp.page.$$eval('g.kp-gnode', (g) => g.length) > 10, true, 'the last good snapshot still shows');
    assert.equal(await wp.page.$('.kp-banner:not([hidden])'), null);
  });

  it('theme classes and variables change the computed colours (light, dark, high contrast)', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    const colours = () => wp.page.evaluate(() => {
      const root = getComputedStyle(document.querySelector('.kp-root')!);
      const box = getComputedStyle(document.querySelector('g.kp-gnode .kp-gbox')!);
      const stripe = getComputedStyle(document.querySelector('g.kp-gnode.status-pending .kp-gstripe')!);
      return { bg: root.backgroundColor, fg: root.color, box: box.fill, pending: stripe.fill };
    });
    const light = await colours();
    await screenshot(wp, 'graph-light');
    await wp.setTheme('dark');
    const dark = await colours();
    await screenshot(wp, 'graph-dark');
    await wp.setTheme('hc');
    const hc = await colours();
    await screenshot(wp, 'graph-hc');
    assert.equal(light.bg, 'rgb(255, 255, 255)');
    assert.equal(dark.bg, 'rgb(31, 31, 31)');
    assert.equal(hc.bg, 'rgb(0, 0, 0)');
    assert.equal(dark.fg, 'rgb(204, 204, 204)');
    assert.notEqual(light.pending, dark.pending);
    assert.notEqual(light.box, dark.box);
    // every other view, dark
    await wp.setTheme('dark');
    for (const v of ['nodes', 'services', 'events']) {
      await wp.page.click(`#kp-tab-${v}`);
      await screenshot(wp, `${v}-dark`);
    }
    await wp.page.click('#kp-tab-nodes');
    await wp.page.click('.kp-chip[data-key="Pod/shop/db-0"]');
    await screenshot(wp, 'explain-dark');
  });

  it('exports the graph as SVG and an HTML view as PNG', async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
    await wp.clearPosted();
    await wp.page.click('button[aria-label="Export view as SVG"]');
    await wp.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
    const svg = (await wp.posted()).find((m) => m.type === 'export') as unknown as { format: string; data: string };
    assert.equal(svg.format, 'svg');
    assert.match(svg.data, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg.data, /web-5d9c7b-klmno/);
    assert.match(svg.data, /fill: ?rgb\(/, 'colours are inlined');
    await wp.page.click('#kp-tab-nodes');
    await wp.clearPosted();
    await wp.send({ type: 'exportRequest', format: 'png' }, false);
    await wp.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'), undefined, { timeout: 20000 });
    const png = (await wp.posted()).find((m) => m.type === 'export') as unknown as { format: string; data: string };
    assert.equal(png.format, 'png');
    assert.match(png.data, /^data:image\/png;base64,/);
    assert.ok(png.data.length > 2000, `png of ${png.data.length} chars`);
  });
});
