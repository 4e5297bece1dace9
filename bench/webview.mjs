// Webview benchmark: in headless Chromium (the real dist/webview.js), the time from receiving a snapshot
// message to the first complete render (handler + layout + the next painted frame), and the time to apply an
// update (a second snapshot with a node cordoned and a few pods moved), per view, for 200, 2,000 and 10,000 pods.
// Snapshots come from the real simulator (simulateObjects) when it is built, else from the test generator.
// Usage: node scripts/build.mjs && node bench/webview.mjs [--sizes 200,2000,10000] [--generator] [--simulate-all]
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const harnessPath = join(root, 'out/test/webview/harness.js');
if (!existsSync(harnessPath) || !existsSync(join(root, 'dist/webview.js'))) {
  console.error('build first: node scripts/build.mjs');
  process.exit(2);
}
const harness = require(harnessPath);
const { generateSnapshot } = require(join(root, 'out/test/webview/fixtures/generate.js'));

const argv = process.argv.slice(2);
const sizesArg = argv.includes('--sizes') ? argv[argv.indexOf('--sizes') + 1] : '200,2000,10000';
const sizes = sizesArg.split(',').map(Number);
const forceGenerator = argv.includes('--generator');
const NODES_FOR = { 200: 50, 2000: 500, 10000: 1000 };

/** Objects for the real simulator: Nodes over three zones and Deployments of 20 replicas with a Service each. */
function objectsFor(pods, nodes, variant) {
  const objs = [];
  for (let i = 0; i < nodes; i++) {
    objs.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}` } },
      spec: variant === 1 && i === 0 ? { unschedulable: true } : {}, status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } });
  }
  for (let d = 0; d * 20 < pods; d++) {
    const name = `app-${d}`;
    const replicas = Math.min(20, pods - d * 20) + (variant === 1 && d === 0 ? 2 : 0);
    objs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: `team-${d % 5}` }, spec: { replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'example/app:1', resources: { requests: { cpu: '100m', memory: '128Mi' } }, ports: [{ containerPort: 8080 }] }] } } } });
    objs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: `team-${d % 5}` }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } });
  }
  return objs;
}

function snapshotsFor(pods) {
  const nodes = NODES_FOR[pods] ?? Math.ceil(pods / 4);
  // The simulator at 10,000 pods x 1,000 nodes can need more memory than this process has while Chromium runs
  // beside it; past 2,000 pods the generator is used unless --simulate-all is given.
  if (!forceGenerator && (pods <= 2000 || argv.includes('--simulate-all'))) {
    try {
      const { simulateObjects } = require(join(root, 'out/src/cluster/simulate.js'));
      const t0 = performance.now();
      const a = simulateObjects(objectsFor(pods, nodes, 0), { seed: 1 });
      const simMs = performance.now() - t0;
      const b = simulateObjects(objectsFor(pods, nodes, 1), { seed: 1 });
      return { a, b, nodes, source: `simulateObjects (${simMs.toFixed(0)} ms to simulate)` };
    } catch (err) {
      if (!String(err?.message).includes('Cannot find module')) console.error(`simulateObjects failed (${err?.message}); using the generator`);
    }
  }
  return { a: generateSnapshot(pods, nodes, 0), b: generateSnapshot(pods, nodes, 1), nodes, source: 'generator' };
}

async function timeMessage(page, which) {
  return page.evaluate(async (i) => {
    const m = window.__benchMsgs[i];
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: m })); // validation + state + DOM work, synchronous
    void document.body.offsetHeight; // force style + layout of what the handler built
    const sync = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // and the frame that paints it
    return { sync, painted: performance.now() - t0 };
  }, which);
}

async function timeClick(page, selector) {
  return page.evaluate(async (sel) => {
    const t0 = performance.now();
    document.querySelector(sel).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    void document.body.offsetHeight;
    const sync = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { sync, painted: performance.now() - t0 };
  }, selector);
}

const median = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (r, k) => (r ? `${median(r, 'sync').toFixed(1)} / ${median(r, 'painted').toFixed(1)}` : '-').padStart(18);
const browser = await harness.launchChromium();
const rows = [];
try {
  for (const pods of sizes) {
    const { a, b, nodes, source } = snapshotsFor(pods);
    const msgA = harness.snapshotMessage(a);
    const msgB = harness.snapshotMessage(b, { whatIfs: [{ kind: 'cordon', node: 'node-0' }] });
    for (const view of ['graph', 'nodes', 'services', 'events']) {
      // One page per view (the machine is shared, page start-up is slow): the first snapshot, then three updates
      // alternating between the two snapshots. The messages are handed to the page before the clock starts.
      const wp = await harness.openWebview(browser, { initialState: { view, selected: null } });
      await wp.page.evaluate(([a, b]) => { window.__benchMsgs = [a, b]; }, [msgA, msgB]);
      const first = [await timeMessage(wp.page, 0)];
      const update = [await timeMessage(wp.page, 1), await timeMessage(wp.page, 0), await timeMessage(wp.page, 1)];
      await wp.close();
      rows.push({ pods, nodes, view, first, update, source });
    }
    // switching tabs with a snapshot loaded (views are drawn when shown)
    const wp = await harness.openWebview(browser);
    await wp.page.evaluate(([a, b]) => { window.__benchMsgs = [a, b]; }, [msgA, msgB]);
    await timeMessage(wp.page, 0);
    const sw = await timeClick(wp.page, '#kp-tab-nodes');
    rows.push({ pods, nodes, view: 'graph→nodes tab switch', first: [sw], update: null, source });
    await wp.close();
    console.error(`${pods} pods done (${source})`);
  }
} finally {
  await browser.close();
  await harness.stopServer();
}

console.log(`\nwebview render times in ms, "sync / painted" (handler+layout / until the next painted frame), first render: one sample; update: median of 3`);
console.log(`load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('pods    nodes  view                              first render             update');
for (const r of rows) {
  console.log(`${String(r.pods).padEnd(7)} ${String(r.nodes).padEnd(6)} ${r.view.padEnd(27)} ${fmt(r.first)} ${fmt(r.update)}`);
}
console.log(`snapshots: ${[...new Set(rows.map((r) => r.source))].join('; ')}`);
