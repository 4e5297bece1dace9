// Real snapshots: the real parser (src/manifests) and simulator (src/cluster) over manifests of
// ../shared/corpus, drawn by the real bundle in Chromium. The expected counts are read from the snapshot the
// simulator produced, so these tests check that every fact of the snapshot reaches the screen.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ClusterSnapshot } from '../../src/cluster/snapshot';
import { corpusFiles, launchChromium, openWebview, realEngine, screenshot, simulateTexts, snapshotMessage, stopServer, type WebviewPage } from './harness';

const BOUTIQUE = 'microservices-demo/release/kubernetes-manifests.yaml';
const VOTING = ['db-deployment.yaml', 'db-service.yaml', 'redis-deployment.yaml', 'redis-service.yaml', 'result-deployment.yaml', 'result-service.yaml',
  'vote-deployment.yaml', 'vote-service.yaml', 'worker-deployment.yaml'].map((f) => `example-voting-app/k8s-specifications/${f}`);

describe('webview over real simulated corpus snapshots', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async function () {
    if (!realEngine()) this.skip();
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  async function show(snap: ClusterSnapshot): Promise<void> {
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(snap, { scopeLabel: 'corpus' }));
  }

  it('Online Boutique: node cards, pod chips, endpoint rows and a scheduling explanation', async () => {
    const snap = simulateTexts(corpusFiles(BOUTIQUE))!;
    assert.ok(snap.pods.length >= 10);
    await show(snap);
    // graph: every workload and Service is drawn
    const keys = await wp.page.$$eval('g.kp-gnode', (gs) => gs.map((g) => g.getAttribute('data-key')));
    for (const w of snap.workloads) assert.ok(keys.includes(`${w.kind}/${w.namespace}/${w.name}`), `${w.kind} ${w.name}`);
    for (const s of snap.services) assert.ok(keys.includes(`Service/${s.namespace}/${s.name}`), `Service ${s.name}`);
    await screenshot(wp, 'corpus-boutique-graph-light');
    // nodes
    await wp.page.click('#kp-tab-nodes');
    assert.equal(await wp.page.$$eval('article.kp-card', (c) => c.length), snap.nodes.length);
    assert.equal(await wp.page.$$eval('.kp-card .kp-chip', (c) => c.length), snap.pods.filter((p) => p.nodeName).length);
    for (const n of snap.nodes) {
      assert.equal(await wp.page.$$eval(`.kp-card[data-key="Node//${n.name}"] .kp-chip`, (c) => c.length), n.pods.length, n.name);
    }
    await screenshot(wp, 'corpus-boutique-nodes-light');
    // explanation of the first scheduled pod
    const pod = snap.pods.find((p) => p.scheduling && p.nodeName)!;
    await wp.page.click(`.kp-chip[data-key="Pod/${pod.namespace}/${pod.name}"]`);
    const rows = await wp.page.$$eval('.kp-explain-table tbody tr', (trs) => trs.map((t) => ({ node: t.getAttribute('data-node'), winner: t.classList.contains('winner') })));
    assert.equal(rows.length, Object.keys(pod.scheduling!.scores).length + Object.keys(pod.scheduling!.filtered).length);
    assert.deepEqual(rows.filter((r) => r.winner).map((r) => r.node), [pod.nodeName]);
    await screenshot(wp, 'corpus-boutique-explain-light');
    // services: one endpoint row per endpoint of the snapshot
    await wp.page.click('#kp-tab-services');
    const endpoints = snap.endpointSlices.reduce((s, es) => s + es.endpoints.length, 0);
    assert.equal(await wp.page.$$eval('table.kp-endpoints tbody tr', (r) => r.length), endpoints);
    assert.equal(await wp.page.$$eval('section.kp-svc', (s) => s.length), snap.services.length);
    await screenshot(wp, 'corpus-boutique-services-light');
    // clicking a pod reveals the Deployment document it came from
    await wp.page.click('#kp-tab-events');
    await wp.page.fill('.kp-events input[type=search]', `Pod/${pod.namespace}/${pod.name}`);
    await wp.clearPosted();
    await wp.page.click('.kp-event');
    const reveal = (await wp.posted()).find((m) => m.type === 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', object: { kind: 'Pod', namespace: pod.namespace, name: pod.name } });
  });

  it('Online Boutique with every worker cordoned, then frontend scaled up (what-ifs): a Pending lane with the scheduler messages', async () => {
    // cordoning evicts nothing: the pods that run stay, the new replicas find no schedulable node
    const whatIfs = [{ kind: 'cordon', node: 'worker-1' }, { kind: 'cordon', node: 'worker-2' }, { kind: 'cordon', node: 'worker-3' },
      { kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'frontend' }, replicas: 3 }];
    const snap = simulateTexts(corpusFiles(BOUTIQUE), { whatIfs })!;
    const pending = snap.pods.filter((p) => p.phase === 'Pending' && !p.nodeName);
    assert.ok(pending.length > 0);
    wp = await openWebview(browser, { initialState: { view: 'nodes', selected: null } });
    await wp.send(snapshotMessage(snap, { whatIfs: whatIfs as never }));
    const lane = await wp.page.$$eval('.kp-pending', (ps) => ps.map((p) => ({ key: p.getAttribute('data-key'), msg: p.querySelector('.kp-pending-msg')?.textContent })));
    assert.equal(lane.length, pending.length);
    for (const p of pending) assert.ok(lane.some((l) => l.key === `Pod/${p.namespace}/${p.name}` && l.msg === p.message), p.name);
    assert.equal(await wp.page.$$eval('.kp-card .kp-badge-warn', (b) => b.length), 3, 'three cordoned cards');
    assert.match(await wp.page.$eval('.kp-whatifs', (e) => e.textContent ?? ''), /cordon worker-1.*cordon worker-2.*cordon worker-3/);
    assert.equal(pending.length, 2, 'the two extra frontend replicas');
    await screenshot(wp, 'corpus-boutique-pending-light');
    await wp.setTheme('dark');
    await screenshot(wp, 'corpus-boutique-pending-dark');
    // the explanation of a pending pod lists every node as rejected
    await wp.page.click('.kp-pending');
    const filtered = await wp.page.$$eval('.kp-explain-table tbody tr.filtered', (r) => r.length);
    assert.equal(filtered, snap.nodes.length);
  });

  it('large cluster: a replica shows its selected node and links to the full table its controller keeps', async () => {
    const eng = realEngine()!;
    // 40 nodes: more feasible nodes than an explanation lists, so only the first replicas keep a full table
    const nodes = Array.from({ length: 40 }, (_, i) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${String(i).padStart(2, '0')}`, labels: { 'kubernetes.io/hostname': `node-${String(i).padStart(2, '0')}` } },
      status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
    }));
    const web = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } } },
    };
    const snap = eng.simulateObjects!([...nodes, web], { seed: 1 });
    const replica = snap.pods.find((p) => p.scheduling?.groupExplanation)!;
    assert.ok(replica, 'some replica refers to another one');
    const ref = replica.scheduling!.groupExplanation!;
    const full = snap.pods.find((p) => `${p.namespace}/${p.name}` === ref)!;
    await show(snap);
    await wp.page.click('#kp-tab-nodes');
    await wp.page.click(`.kp-chip[data-key="Pod/${replica.namespace}/${replica.name}"]`);
    const rows = await wp.page.$$eval('.kp-explain-table tbody tr', (trs) => trs.map((t) => ({ node: t.getAttribute('data-node'), winner: t.classList.contains('winner') })));
    assert.deepEqual(rows, [{ node: replica.nodeName, winner: true }]);
    const note = await wp.page.$eval('.kp-explain-note', (e) => e.textContent ?? '');
    assert.match(note, new RegExp(`${replica.scheduling!.omitted!.scores} other scored nodes.*${full.name}`));
    await wp.page.click('.kp-explain-note .kp-link');
    assert.equal(await wp.page.$eval('.kp-details-name', (e) => e.textContent), full.name);
    const fullRows = await wp.page.$$eval('.kp-explain-table tbody tr', (r) => r.length);
    assert.equal(fullRows, Object.keys(full.scheduling!.scores).length + Object.keys(full.scheduling!.filtered).length);
    assert.ok(fullRows > 1);
    assert.match(await wp.page.$eval('.kp-explain-note', (e) => e.textContent ?? ''), /^Not listed: \d+ other scored nodes\.$/);
  });

  it('voting app: services view and graph in dark theme', async () => {
    const snap = simulateTexts(corpusFiles(...VOTING))!;
    await show(snap);
    await wp.setTheme('dark');
    await screenshot(wp, 'corpus-voting-graph-dark');
    await wp.page.click('#kp-tab-services');
    const endpoints = snap.endpointSlices.reduce((s, es) => s + es.endpoints.length, 0);
    assert.equal(await wp.page.$$eval('table.kp-endpoints tbody tr', (r) => r.length), endpoints);
    assert.equal(await wp.page.$$eval('section.kp-svc.has-problems', (s) => s.length), snap.services.filter((s) => s.problems.length).length);
    await screenshot(wp, 'corpus-voting-services-dark');
  });
});
