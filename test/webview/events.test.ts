// The Events view as a timeline with one lane per control-plane component, over a real simulated snapshot:
// each row's dot sits in the lane of the component that acted, and a new snapshot replaces every row.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, openWebview, screenshot, simulateTexts, snapshotMessage, stopServer, type WebviewPage } from './harness';

const app = (replicas: number, cpu: string): { path: string; text: string }[] => [{ path: 'shop.yaml', text: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: "nginx:1.27", ports: [{containerPort: 80}], resources: {requests: {cpu: "${cpu}"}}}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
` }];

const EXPECTED_LANE: Record<string, string> = {
  apiserver: 'apiserver', 'deployment-controller': 'controllers', 'replicaset-controller': 'controllers',
  'default-scheduler': 'scheduler', 'endpointslice-controller': 'endpoints', kubelet: 'kubelet',
};

describe('webview events timeline', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async function () {
    if (!simulateTexts(app(2, '100m'))) this.skip();
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  const rows = () => wp.page.$$eval('.kp-event', (rs) => rs.map((r) => ({
    seq: r.querySelector('.kp-ev-seq')?.textContent ?? '',
    source: r.querySelector('.kp-ev-source')?.textContent ?? '',
    reason: r.querySelector('.kp-ev-reason')?.textContent ?? '',
    dot: r.querySelector('circle.kp-lane-dot')?.getAttribute('class') ?? '',
  })));

  it('puts each event in the lane of the component that acted, in sequence order', async () => {
    // 3 replicas of 3 cpu on 4-cpu workers... and one more that cannot fit: a FailedScheduling warning too
    const snap = simulateTexts(app(4, '3'))!;
    wp = await openWebview(browser, { width: 1300, height: 900 });
    await wp.send(snapshotMessage(snap));
    await wp.page.click('#kp-tab-events');
    const drawn = await rows();
    assert.equal(drawn.length, snap.events.length);
    assert.deepEqual(drawn.map((r) => r.seq), snap.events.map((e) => String(e.seq)));
    const sources = new Set(drawn.map((r) => r.source));
    for (const s of ['apiserver', 'deployment-controller', 'replicaset-controller', 'default-scheduler', 'endpointslice-controller']) assert.ok(sources.has(s), `an event by ${s}`);
    for (const r of drawn) {
      const lane = EXPECTED_LANE[r.source] ?? 'controllers';
      assert.ok(r.dot.split(' ').includes(`lane-${lane}`), `${r.source} ${r.reason}: ${r.dot}`);
    }
    const failed = drawn.filter((r) => r.reason === 'FailedScheduling');
    assert.ok(failed.length > 0 && failed.every((r) => r.dot.includes('warning')));
    await screenshot(wp, 'events-lanes-light');
  });

  it('a new snapshot replaces the rows (events are numbered from 1 again)', async () => {
    wp = await openWebview(browser, { width: 1300, height: 900 });
    await wp.send(snapshotMessage(simulateTexts(app(4, '3'))!));
    await wp.page.click('#kp-tab-events');
    const next = simulateTexts(app(1, '100m'))!;
    await wp.send(snapshotMessage(next));
    const drawn = await rows();
    assert.deepEqual(drawn.map((r) => `${r.seq} ${r.reason}`), next.events.map((e) => `${e.seq} ${e.reason}`));
  });
});
