// "Keeping positions stable so the picture does not jump": an update of the snapshot (the user types, a
// what-if re-runs the simulation) keeps every object that is still there in its column and in the same
// order within it, and keeps the user's pan and zoom. Real Chromium, real simulator snapshots.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, openWebview, simulateTexts, snapshotMessage, stopServer, type WebviewPage } from './harness';

const deployment = (name: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: c, image: "nginx:1.27", ports: [{containerPort: 8080}], resources: {requests: {cpu: 100m}}}]
`;
const service = (name: string): string => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 8080}]
`;
const text = (...docs: string[]): { path: string; text: string }[] => [{ path: 'shop.yaml', text: docs.join('---\n') }];

type Boxes = Map<string, { x: number; y: number }>;

describe('webview: the graph does not jump on updates', function () {
  let browser: Browser;
  let wp: WebviewPage;
  before(async function () {
    if (!simulateTexts(text(deployment('web', 2)))) this.skip();
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); await stopServer(); });
  afterEach(async () => { await wp?.close(); });

  const boxes = async (): Promise<Boxes> => new Map(await wp.page.$$eval('g.kp-gnode', (gs) => gs.map((g) => {
    const m = /translate\(([-\d.]+),\s*([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '');
    return [g.getAttribute('data-key') ?? '', { x: Number(m?.[1]), y: Number(m?.[2]) }] as [string, { x: number; y: number }];
  })));
  const viewport = (): Promise<string | null> => wp.page.$eval('g.kp-viewport', (g) => g.getAttribute('transform'));

  /** Objects present before and after keep their column, and their order within the column. */
  function assertStable(before: Boxes, after: Boxes, what: string): void {
    const common = [...before.keys()].filter((k) => after.has(k));
    assert.ok(common.length >= 6, `${what}: enough objects in common (${common.length})`);
    for (const k of common) assert.equal(after.get(k)!.x, before.get(k)!.x, `${what}: ${k} stays in its column`);
    const columns = new Set(common.map((k) => before.get(k)!.x));
    for (const x of columns) {
      const inColumn = common.filter((k) => before.get(k)!.x === x);
      const order = (b: Boxes) => inColumn.slice().sort((a, c) => b.get(a)!.y - b.get(c)!.y);
      assert.deepEqual(order(after), order(before), `${what}: order in column x=${x}`);
    }
  }

  it('an edit that adds objects, and a what-if that adds a pod, keep the others in place and the pan/zoom', async () => {
    wp = await openWebview(browser, { width: 1200, height: 800 });
    const first = simulateTexts(text(deployment('web', 3), service('web'), deployment('api', 2), service('api')))!;
    await wp.send(snapshotMessage(first));
    const b1 = await boxes();
    const fitted = await viewport();
    // the user zooms in on the picture (the wheel, over the canvas)
    const svgBox = (await wp.page.$('svg.kp-graph-svg'))!;
    const r = (await svgBox.boundingBox())!;
    await wp.page.mouse.move(r.x + r.width / 3, r.y + r.height / 3);
    await wp.page.mouse.wheel(0, -400);
    await wp.page.waitForFunction((before) => document.querySelector('g.kp-viewport')?.getAttribute('transform') !== before, fitted);
    const panned = await viewport();
    assert.notEqual(panned, fitted, 'the wheel zoomed the picture');

    // the user types: a new Deployment and Service appear in the same file
    const second = simulateTexts(text(deployment('web', 3), service('web'), deployment('api', 2), service('api'), deployment('cache', 1), service('cache')))!;
    await wp.send(snapshotMessage(second));
    const b2 = await boxes();
    assert.ok([...b2.keys()].some((k) => k.includes('cache')), 'the new objects are drawn');
    assertStable(b1, b2, 'edit');
    assert.equal(await viewport(), panned, 'zoom kept across the update');

    // a what-if scales web up: one more pod
    const whatIfs = [{ kind: 'scale' as const, workload: { kind: 'Deployment', namespace: 'shop', name: 'web' }, replicas: 4 }];
    const third = simulateTexts(text(deployment('web', 3), service('web'), deployment('api', 2), service('api'), deployment('cache', 1), service('cache')), { whatIfs })!;
    await wp.send(snapshotMessage(third, { whatIfs }));
    const b3 = await boxes();
    assert.equal([...b3.keys()].filter((k) => k.startsWith('Pod/shop/web-')).length, 4);
    assertStable(b2, b3, 'what-if');
    assert.equal(await viewport(), panned);
  });
});
