// Nodes view: selecting a workload, its ReplicaSet or one of its pods outlines every pod of that workload
// (on the node cards and in the Pending lane), so its spread over nodes and zones shows at a glance.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
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
const FILES = [{ path: 'shop.yaml', text: `${deployment('web', 5, '500m')}---\n${deployment('big', 4, '3')}` }];

describe('webview nodes view: the pods of the selected workload', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async function () {
    if (!simulateTexts(FILES)) this.skip();
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  it('outlines every pod of the selected Deployment, ReplicaSet or pod, including Pending ones', async () => {
    const snap = simulateTexts(FILES)!;
    const big = snap.pods.filter((p) => p.workload?.name === 'big');
    assert.ok(big.some((p) => !p.nodeName) && big.some((p) => p.nodeName), 'big has scheduled and Pending pods');
    wp = await openWebview(browser, { width: 1300, height: 900 });
    await wp.send(snapshotMessage(snap));
    const outlined = () => wp.page.$$eval('.kp-nodes .kp-sibling', (es) => es.map((e) => e.getAttribute('data-key') ?? '').sort());
    const keys = (name: string) => snap.pods.filter((p) => p.workload?.name === name).map((p) => `Pod/${p.namespace}/${p.name}`).sort();

    await wp.send({ type: 'focus', object: { kind: 'Deployment', namespace: 'shop', name: 'web' }, view: 'nodes' });
    assert.deepEqual(await outlined(), keys('web'));

    const rs = snap.replicaSets.find((r) => r.owner?.name === 'big')!;
    await wp.send({ type: 'focus', object: { kind: 'ReplicaSet', namespace: 'shop', name: rs.name }, view: 'nodes' });
    assert.deepEqual(await outlined(), keys('big'));

    // a click on one chip of web: all of web's pods
    await wp.page.click(`.kp-chip[data-key="${keys('web')[0]}"]`);
    assert.deepEqual(await outlined(), keys('web'));
    await screenshot(wp, 'nodes-workload-outlined-light');

    await wp.send({ type: 'focus', object: { kind: 'Node', namespace: null, name: 'worker-1' }, view: 'nodes' });
    assert.deepEqual(await outlined(), []);
  });
});
