// What a what-if changed, in real Chromium over snapshots of the real simulator: the host sends the pods of
// the run without the what-ifs (`baseline`) and the views mark what moved, what is new and what became
// Pending, compared here with an independent reading of the two snapshots.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ClusterSnapshot } from '../../src/cluster/snapshot';
import type { PodPlacement, WhatIf } from '../../src/protocol';
import { launchChromium, openWebview, screenshot, simulateTexts, snapshotMessage, stopServer, type WebviewPage } from './harness';

const deployment = (name: string, replicas: number, cpu: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: c, image: "nginx:1.27", resources: {requests: {cpu: "${cpu}"}}}]
`;
const FILES = [{ path: 'shop.yaml', text: `${deployment('web', 6, '1')}---\n${deployment('big', 2, '1500m')}` }];

const placements = (s: ClusterSnapshot): PodPlacement[] =>
  s.pods.map((p) => ({ namespace: p.namespace, name: p.name, nodeName: p.nodeName, owner: p.owner }));

/**
 * The pods whose placement differs from the baseline's, scheduled and pending: by name, else (a replacement
 * under a new name) by the node of a baseline pod of the same owner that is gone.
 */
function expected(base: ClusterSnapshot, now: ClusterSnapshot): { scheduled: string[]; pending: Map<string, string | null> } {
  const before = new Map(base.pods.map((p) => [`${p.namespace}/${p.name}`, p.nodeName]));
  const nowNames = new Set(now.pods.map((p) => `${p.namespace}/${p.name}`));
  const goneByOwner = new Map<string, (string | null)[]>();
  for (const b of base.pods) {
    if (nowNames.has(`${b.namespace}/${b.name}`) || !b.owner) continue;
    const k = `${b.namespace}/${b.owner.kind}/${b.owner.name}`;
    goneByOwner.set(k, [...(goneByOwner.get(k) ?? []), b.nodeName]);
  }
  const scheduled: string[] = [];
  const pending = new Map<string, string | null>();
  for (const p of now.pods) {
    const ref = `${p.namespace}/${p.name}`;
    let was: string | null | undefined = before.has(ref) ? before.get(ref)! : undefined;
    if (was === undefined && p.owner) was = goneByOwner.get(`${p.namespace}/${p.owner.kind}/${p.owner.name}`)?.shift();
    if (p.nodeName && was !== p.nodeName) scheduled.push(`Pod/${ref}`);
    if (!p.nodeName && was !== null) pending.set(`Pod/${ref}`, was ?? null);
  }
  return { scheduled: scheduled.sort(), pending };
}

describe('webview: what a what-if changed', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async function () {
    if (!simulateTexts(FILES)) this.skip();
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  async function show(whatIfs: WhatIf[]): Promise<{ base: ClusterSnapshot; now: ClusterSnapshot }> {
    const base = simulateTexts(FILES)!;
    const now = simulateTexts(FILES, { whatIfs })!;
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(now, { whatIfs, baseline: placements(base) }));
    await wp.page.click('#kp-tab-nodes');
    return { base, now };
  }

  it('a node taken down: chips of moved and replacement pods are marked, the Pending lane says where each ran', async () => {
    const { base, now } = await show([{ kind: 'nodeDown', node: 'worker-1' }]);
    // the node's pods are deleted and replaced under new names; every other pod keeps its name and node
    const lost = base.pods.filter((p) => p.nodeName === 'worker-1');
    assert.ok(lost.length > 0);
    for (const p of lost) assert.ok(!now.pods.some((q) => q.name === p.name), p.name);
    for (const p of base.pods) if (p.nodeName !== 'worker-1') assert.equal(now.pods.find((q) => q.name === p.name)?.nodeName, p.nodeName, p.name);
    const want = expected(base, now);
    assert.ok(want.scheduled.length > 0 && want.pending.size > 0, 'the scenario moves pods and leaves some Pending');
    const marked = await wp.page.$$eval('.kp-chip.kp-changed', (es) => es.map((e) => e.getAttribute('data-key') ?? '').sort());
    assert.deepEqual(marked, want.scheduled);
    const lane = await wp.page.$$eval('.kp-pending', (es) => es.map((e) => ({ key: e.getAttribute('data-key'), tag: e.querySelector('.kp-pending-change')?.textContent ?? null })));
    assert.equal(lane.length, want.pending.size);
    for (const row of lane) {
      const was = want.pending.get(row.key ?? '');
      assert.equal(row.tag, was ? `was on ${was}` : 'new', `${row.key}`);
    }
    const summary = await wp.page.$eval('[data-stat="what-if changes"]', (e) => e.textContent ?? '');
    assert.match(summary, new RegExp(`${want.pending.size} became Pending`));
    // the details pane of a changed pod says what happened to it
    await wp.page.click(`.kp-chip.kp-changed[data-key="${want.scheduled[0]}"]`);
    const text = await wp.page.$eval('.kp-details-whatif', (e) => e.textContent ?? '');
    const pod = now.pods.find((p) => `Pod/${p.namespace}/${p.name}` === want.scheduled[0])!;
    assert.ok(text.includes(`to ${pod.nodeName}`) || text.includes(`now on ${pod.nodeName}`), text);
    await screenshot(wp, 'what-if-node-down-light');
    // the graph marks the same pods, with what happened in the box's tooltip
    await wp.page.click('#kp-tab-graph');
    const boxes = await wp.page.$$eval('g.kp-gnode.kp-changed', (gs) => gs.map((g) => ({ key: g.getAttribute('data-key') ?? '', title: g.querySelector('title')?.textContent ?? '' })));
    assert.deepEqual(boxes.map((b) => b.key).sort(), [...want.scheduled, ...want.pending.keys()].sort());
    for (const b of boxes) assert.match(b.title, /what-if|Pending|replaces/);
    assert.equal(await wp.page.$eval('.kp-legend-changed', (e) => (e as HTMLElement).hidden), false, 'the legend explains the outline');
  });

  it('scaling up: the extra replicas are new; the pods that ran keep name and node and are not reported', async () => {
    const { base, now } = await show([{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'shop', name: 'web' }, replicas: 8 }]);
    const marked = await wp.page.$$eval('.kp-chip.kp-changed, .kp-pending', (es) => es.map((e) => ({ key: e.getAttribute('data-key') ?? '', title: e.getAttribute('title') ?? e.getAttribute('aria-label') ?? '' })));
    const webNow = now.pods.filter((p) => p.owner?.name.startsWith('web-'));
    const webBase = base.pods.filter((p) => p.owner?.name.startsWith('web-'));
    assert.equal(webNow.length - webBase.length, 2);
    // the web pods that were there keep name and node; the two extra ones are new
    const extra = webNow.filter((p) => !webBase.some((b) => b.name === p.name && b.nodeName === p.nodeName));
    assert.equal(extra.length, 2);
    const webMarked = marked.filter((m) => m.key.includes('/web-'));
    assert.deepEqual(webMarked.map((m) => m.key).sort(), extra.map((p) => `Pod/${p.namespace}/${p.name}`).sort());
    for (const m of webMarked) assert.match(m.title, /new with the what-if/);
    // the scale-up is applied to the running cluster: big's pods are the same pods on the same nodes
    const bigPlaces = (s: ClusterSnapshot) => s.pods.filter((p) => p.owner?.name.startsWith('big-')).map((p) => `${p.name}@${p.nodeName ?? ''}`).sort();
    assert.deepEqual(bigPlaces(now), bigPlaces(base));
    assert.deepEqual(marked.filter((m) => m.key.includes('/big-')), []);
    assert.match(await wp.page.$eval('[data-stat="what-if changes"]', (e) => e.textContent ?? ''), /(^| )2 new/);
  });

  it('adding a node schedules Pending pods: "now scheduled", not "new"', async () => {
    const crowded = [{ path: 'shop.yaml', text: `${FILES[0].text}---\n${deployment('extra', 3, '1500m')}` }];
    const base = simulateTexts(crowded)!;
    const whatIfs: WhatIf[] = [{ kind: 'addNode', like: 'worker-1' }];
    const now = simulateTexts(crowded, { whatIfs })!;
    const was = new Map(base.pods.map((p) => [p.name, p.nodeName]));
    const nowScheduled = now.pods.filter((p) => p.nodeName && was.has(p.name) && was.get(p.name) === null);
    assert.ok(nowScheduled.length > 0, 'the extra node takes some Pending pods');
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(now, { whatIfs, baseline: placements(base) }));
    await wp.page.click('#kp-tab-nodes');
    assert.match(await wp.page.$eval('[data-stat="what-if changes"]', (e) => e.textContent ?? ''), new RegExp(`${nowScheduled.length} now scheduled`));
    for (const p of nowScheduled) {
      const title = await wp.page.$eval(`.kp-chip[data-key="Pod/${p.namespace}/${p.name}"]`, (e) => e.getAttribute('title') ?? '');
      assert.match(title, /Pending without it/);
    }
  });

  it('without a baseline, or without what-ifs, nothing is marked', async () => {
    const now = simulateTexts(FILES, { whatIfs: [{ kind: 'cordon', node: 'worker-1' }] })!;
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(now, { whatIfs: [{ kind: 'cordon', node: 'worker-1' }] }));
    await wp.page.click('#kp-tab-nodes');
    assert.equal(await wp.page.$$eval('.kp-chip.kp-changed, .kp-pending-change, [data-stat="what-if changes"]', (es) => es.length), 0);
    const base = simulateTexts(FILES)!;
    await wp.send(snapshotMessage(base, { whatIfs: [], baseline: placements(now) }));
    assert.equal(await wp.page.$$eval('.kp-chip.kp-changed, .kp-pending-change, [data-stat="what-if changes"]', (es) => es.length), 0);
    await wp.page.click('#kp-tab-graph');
    assert.equal(await wp.page.$$eval('g.kp-gnode.kp-changed', (es) => es.length), 0);
    assert.equal(await wp.page.$eval('.kp-legend-changed', (e) => (e as HTMLElement).hidden), true);
  });

  it('a malformed baseline is refused like any malformed message', async () => {
    const now = simulateTexts(FILES)!;
    wp = await openWebview(browser);
    await wp.send(snapshotMessage(now));
    const before = await wp.page.evaluate(() => document.documentElement.getAttribute('data-kp-renders'));
    await wp.send({ ...snapshotMessage(now, { whatIfs: [{ kind: 'cordon', node: 'worker-1' }] }), baseline: [{ namespace: 'shop', name: 7, nodeName: null, owner: null }] }, false);
    assert.equal(await wp.page.evaluate(() => document.documentElement.getAttribute('data-kp-renders')), before);
  });
});
