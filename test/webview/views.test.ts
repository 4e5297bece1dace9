// The four views, the details pane and the summary, in real Chromium, over the hand-written shop snapshot
// (stable content whose facts the assertions name) — see corpus.test.ts for snapshots from the real simulator.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { shopSnapshot } from './fixtures/shop-snapshot';
import { launchChromium, openWebview, screenshot, snapshotMessage, stopServer, type WebviewPage } from './harness';

describe('webview views (shop snapshot)', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async () => { browser = await launchChromium(); });
  after(async () => { await browser?.close(); await stopServer(); });
  beforeEach(async () => {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(shopSnapshot()));
  });
  afterEach(async () => { await wp?.close(); });

  it('posts ready on load and draws the graph with relations as edges', async () => {
    const posted = await wp.posted();
    assert.equal(posted[0].type, 'ready');
    const kinds = await wp.page.$$eval('g.kp-gnode', (gs) => gs.map((g) => g.getAttribute('data-key')));
    for (const k of ['Ingress/shop/shop', 'Service/shop/web', 'EndpointSlice/shop/web-x7k2p', 'Deployment/shop/web', 'ReplicaSet/shop/web-5d9c7b',
      'Pod/shop/db-0', 'StatefulSet/shop/db', 'HorizontalPodAutoscaler/shop/web', 'PodDisruptionBudget/shop/db', 'Secret/shop/db-password',
      'PersistentVolumeClaim/shop/data-db-0', 'ConfigMap/shop/db-config']) {
      assert.ok(kinds.includes(k), `graph shows ${k}`);
    }
    // the ConfigMap db-0 refers to is not in the input: drawn as missing
    assert.ok(await wp.page.$('g.kp-gnode.status-missing[data-key="ConfigMap/shop/db-config"]'));
    assert.ok(await wp.page.$('g.kp-gnode.status-pending[data-key="Pod/shop/web-5d9c7b-klmno"]'));
    const edges = await wp.page.$$eval('path.kp-edge', (ps) => ps.length);
    assert.ok(edges >= 12, `edges: ${edges}`);
    // layered left to right: Ingress column < Service < EndpointSlice < Pod < ConfigMap
    const x = async (key: string) => wp.page.$eval(`g.kp-gnode[data-key="${key}"]`, (g) => (g as SVGGElement).transform.baseVal[0].matrix.e);
    assert.ok(await x('Ingress/shop/shop') < await x('Service/shop/web'));
    assert.ok(await x('Service/shop/web') < await x('EndpointSlice/shop/web-x7k2p'));
    assert.ok(await x('EndpointSlice/shop/web-x7k2p') < await x('Pod/shop/db-0'));
    assert.ok(await x('Pod/shop/db-0') < await x('ConfigMap/shop/db-config'));
    await screenshot(wp, 'graph-light');
  });

  it('nodes view: cards per node, pod chips, pending lane with the FailedScheduling message', async () => {
    await wp.page.click('#kp-tab-nodes');
    assert.equal(await wp.page.$$eval('article.kp-card', (c) => c.length), 4);
    assert.equal(await wp.page.$$eval('.kp-card .kp-chip', (c) => c.length), 3);
    const zones = await wp.page.$$eval('section.kp-zone h3', (hs) => hs.map((x) => x.textContent));
    assert.deepEqual(zones, ['(no zone) · 1 node', 'zone-a · 1 node', 'zone-b · 1 node', 'zone-c · 1 node']);
    const pending = await wp.page.$$eval('.kp-pending', (ps) => ps.map((p) => p.textContent ?? ''));
    assert.equal(pending.length, 1);
    assert.match(pending[0], /0\/4 nodes are available: .*3 Insufficient cpu/);
    assert.ok(await wp.page.$('.kp-card[data-key="Node//control-plane"] .kp-taint'));
    await screenshot(wp, 'nodes-light');
  });

  it('selecting a pod shows its scheduling explanation with the winner highlighted', async () => {
    await wp.page.click('#kp-tab-nodes');
    await wp.page.click('.kp-chip[data-key="Pod/shop/web-5d9c7b-abcde"]');
    const rows = await wp.page.$$eval('.kp-explain-table tbody tr', (trs) => trs.map((t) => ({ node: t.getAttribute('data-node'), cls: t.className, text: t.textContent })));
    assert.equal(rows.length, 4);
    assert.equal(rows[0].node, 'worker-2');
    assert.match(rows[0].cls, /winner/);
    assert.match(rows[0].text ?? '', /665/);
    const rejected = rows.find((r) => r.node === 'control-plane')!;
    assert.match(rejected.cls, /filtered/);
    assert.match(rejected.text ?? '', /TaintToleration: node\(s\) had untolerated taint/);
    const headers = await wp.page.$$eval('.kp-explain-table thead th', (ths) => ths.map((t) => t.getAttribute('title') ?? t.textContent));
    assert.ok(headers.includes('PodTopologySpread (weight 2)'), headers.join(','));
    await screenshot(wp, 'explain-light');
    // a pending pod: every node rejected, with its reasons
    await wp.page.click('.kp-pending[data-key="Pod/shop/web-5d9c7b-klmno"]');
    const reasons = await wp.page.$$eval('.kp-explain-table tbody tr.filtered', (trs) => trs.map((t) => t.textContent));
    assert.equal(reasons.length, 4);
    assert.ok(reasons.some((r) => /NodeResourcesFit: Insufficient cpu/.test(r ?? '')));
    assert.equal(await wp.page.$$eval('.kp-explain-table tr.winner', (t) => t.length), 0);
  });

  it('services view: endpoints rows, a Service without endpoints stands out, ingress routes lead in', async () => {
    await wp.page.click('#kp-tab-services');
    const rows = await wp.page.$$eval('section.kp-svc table.kp-endpoints tbody tr', (trs) => trs.map((t) => t.textContent));
    assert.equal(rows.length, 2);
    assert.ok(rows.some((r) => /10\.244\.1\.7:8080.*web-5d9c7b-fghij.*worker-1.*zone-a.*ready/.test(r ?? '')), rows.join('\n'));
    const problem = await wp.page.$eval('section.kp-svc.has-problems', (s) => s.textContent ?? '');
    assert.match(problem, /shop\/cache.*selector app=cache matches no pods/);
    // services with problems come first
    assert.equal(await wp.page.$eval('section.kp-svc', (s) => s.classList.contains('has-problems')), true);
    assert.match(await wp.page.$eval('.kp-route', (r) => r.textContent ?? ''), /shop\.example\.com\/ → web:http/);
    assert.match(await wp.page.$eval('section.kp-svc:not(.has-problems) .kp-svc-ports', (r) => r.textContent ?? ''), /80→8080\/TCP \(nodePort 30080\)/);
    await screenshot(wp, 'services-light');
  });

  it('events view: timeline, filter by object, click selects the object', async () => {
    await wp.page.click('#kp-tab-events');
    assert.equal(await wp.page.$$eval('.kp-event', (e) => e.length), 6);
    await wp.page.fill('.kp-events input[type=search]', 'Pod/shop/web');
    assert.equal(await wp.page.$$eval('.kp-event', (e) => e.length), 2);
    await wp.page.click('.kp-event.warning');
    assert.equal(await wp.page.$eval('.kp-details-name', (e) => e.textContent), 'web-5d9c7b-klmno');
    await wp.page.fill('.kp-events input[type=search]', '');
    await wp.page.check('#kp-events-selected');
    assert.equal(await wp.page.$$eval('.kp-event', (e) => e.length), 1);
    await screenshot(wp, 'events-light');
  });

  it('clicking an object with a source posts reveal; the details pane shows its facts', async () => {
    await wp.clearPosted();
    await wp.page.click('g.kp-gnode[data-key="Service/shop/web"]');
    const posted = await wp.posted();
    assert.deepEqual(posted.find((m) => m.type === 'reveal'), { type: 'reveal', object: { kind: 'Service', namespace: 'shop', name: 'web' } });
    assert.deepEqual(posted.find((m) => m.type === 'viewState'), { type: 'viewState', state: { view: 'graph', selected: { kind: 'Service', namespace: 'shop', name: 'web' } } });
    const details = await wp.page.$eval('.kp-details', (d) => d.textContent ?? '');
    assert.match(details, /Namespace\s*shop/);
    assert.match(details, /Source\s*shop\.yaml:21/);
    // an object the simulation made (no source) posts no reveal
    await wp.clearPosted();
    await wp.page.click('g.kp-gnode[data-key="EndpointSlice/shop/web-x7k2p"]');
    assert.equal((await wp.posted()).filter((m) => m.type === 'reveal').length, 0);
    // the Reveal button
    await wp.page.click('g.kp-gnode[data-key="Deployment/shop/web"]');
    await wp.clearPosted();
    await wp.page.click('.kp-details button[aria-label="Reveal in editor"]');
    assert.deepEqual(await wp.posted(), [{ type: 'reveal', object: { kind: 'Deployment', namespace: 'shop', name: 'web' } }]);
  });

  it('summary bar counts workloads, scheduled/pending pods and services without endpoints', async () => {
    const stat = (name: string) => wp.page.$eval(`.kp-stat[data-stat="${name}"] .kp-stat-value`, (e) => e.textContent);
    assert.equal(await stat('workloads'), '2');
    assert.equal(await stat('pods scheduled'), '3');
    assert.equal(await stat('pending'), '1');
    assert.equal(await stat('services without endpoints'), '1');
  });
});
