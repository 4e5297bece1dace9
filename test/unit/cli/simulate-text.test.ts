import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifests } from '../../../src/manifests/parse';
import { simulate } from '../../../src/cluster/simulate';
import { renderSimulateText } from '../../../src/cli/simulate-text';
import { renderTable, PLAIN, COLOUR, visibleWidth } from '../../../src/cli/table';

const repoRoot = path.resolve(__dirname, '../../../..');

function shopSnapshot() {
  const text = fs.readFileSync(path.join(repoRoot, 'examples', 'shop.yaml'), 'utf8');
  return simulate(parseManifests('examples/shop.yaml', text).manifests, { seed: 1 });
}

/** Lines of the section that starts with `title` (up to the next blank line). */
function section(text: string, title: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => title.test(l));
  assert.ok(start >= 0, `section ${title}`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('cli/simulate-text', () => {
  it('renders nodes, pods, pending pods with messages, services with endpoints, workloads', () => {
    const snap = shopSnapshot();
    const text = renderSimulateText(snap);
    const nodes = section(text, /^Nodes \(/);
    assert.equal(nodes.length, 2 + snap.nodes.length);
    // columns line up: every row starts its ZONE column where the header does
    const zoneCol = nodes[1].indexOf('ZONE');
    for (const row of nodes.slice(2)) assert.notEqual(row[zoneCol - 1], undefined);
    for (const n of snap.nodes) {
      const row = nodes.find((l) => l.startsWith(n.name + ' '))!;
      assert.ok(row, n.name);
      assert.equal(row.slice(zoneCol).split(/\s{2,}/)[0], n.zone ?? '-');
      assert.match(row, new RegExp(`\\b${n.pods.length}/${n.allocatable.pods}(\\s|$)`));
      for (const t of n.taints) assert.ok(row.includes(`${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`), 'taints listed');
    }
    const pending = snap.pods.filter((p) => !p.nodeName);
    assert.ok(pending.length > 0);
    const pendingLines = section(text, /^Pending pods/);
    for (const p of pending) {
      const at = pendingLines.indexOf(`  ${p.namespace}/${p.name}`);
      assert.ok(at > 0, p.name);
      // the pod's message follows its group of pods
      const msg = pendingLines.slice(at).find((l) => l.startsWith('    '));
      assert.equal(msg, `    ${p.message}`);
    }
    const services = section(text, /^Services \(/);
    for (const s of snap.services) assert.ok(services.some((l) => l.startsWith(`${s.namespace}/${s.name} `)), s.name);
    const frontendIps = snap.pods.filter((p) => p.labels.app === 'frontend' && p.podIP).map((p) => p.podIP!);
    const frontendRow = services.find((l) => l.startsWith('shop/frontend '))!;
    for (const ip of frontendIps) assert.ok(frontendRow.includes(ip), `endpoint ${ip}`);
    const workloads = section(text, /^Workloads \(/);
    for (const w of snap.workloads) assert.ok(workloads.some((l) => l.includes(`${w.namespace}/${w.name}`)));
    assert.ok(!text.includes('\x1b['));
  });

  it('lists the pods under their node, in the nodes table\'s order, pods on no node last', () => {
    const snap = shopSnapshot();
    const rows = section(renderSimulateText(snap), /^Pods \(/).slice(2);
    assert.equal(rows.length, snap.pods.length);
    // the NODE cell is filled on a group's first row only: carry it down to read each row's node
    let current = '';
    const seen: string[] = [];
    for (const row of rows) {
      const [nodeCell, podCell] = row.split(/\s{2,}/).filter((c, i) => i > 0 || c !== '');
      const named = !row.startsWith(' ');
      if (named) {
        current = nodeCell;
        assert.ok(!seen.includes(current), `${current} appears as one group`);
        seen.push(current);
      }
      const pod = snap.pods.find((p) => `${p.namespace}/${p.name}` === (named ? podCell : nodeCell))!;
      assert.ok(pod, row);
      assert.equal(pod.nodeName ?? '-', current, row);
    }
    const nodeOrder = snap.nodes.map((n) => n.name);
    const groups = seen.filter((n) => n !== '-');
    assert.deepEqual(groups, nodeOrder.filter((n) => groups.includes(n)));
    assert.equal(seen[seen.length - 1], '-');
    assert.ok(groups.length >= 2);
  });

  it('colours only when asked, without changing the visible text', () => {
    const snap = shopSnapshot();
    const plain = renderSimulateText(snap);
    const coloured = renderSimulateText(snap, { color: true });
    assert.ok(coloured.includes('\x1b['));
    // eslint-disable-next-line no-control-regex
    assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), plain);
  });

  it('aligns tables by visible width, ignoring colour codes and counting wide characters once', () => {
    const rows = [[COLOUR.red('a'), 'xyz'], ['ééé', 'b']];
    const lines = renderTable(['H1', 'H2'], rows, PLAIN);
    assert.deepEqual(lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')), ['H1   H2', 'a    xyz', 'ééé  b']); // eslint-disable-line no-control-regex
    assert.equal(visibleWidth(COLOUR.bold('abc')), 3);
  });

  it('EXTERNAL-IP as kubectl shows it, the Ingress class, and an HPA that leaves a target at zero alone', () => {
    const text = renderSimulateText(simulate(parseManifests('x.yaml', `
apiVersion: v1
kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, selector: {app: a}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: db.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: plain}
spec: {selector: {app: a}, externalIPs: [203.0.113.7], ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: plain, port: {number: 80}}}}]}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: idle}
spec:
  replicas: 0
  selector: {matchLabels: {app: idle}}
  template: {metadata: {labels: {app: idle}}, spec: {containers: [{name: c, image: x}]}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: idle}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: idle}, minReplicas: 2, maxReplicas: 5}
`).manifests, { seed: 1 }));
    const services = section(text, /^Services \(/);
    assert.match(services[1], /^SERVICE\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORTS\s+ENDPOINTS$/);
    assert.match(services.find((l) => l.startsWith('default/lb '))!, /LoadBalancer\s+\S+\s+192\.0\.2\.1\s/);
    assert.match(services.find((l) => l.startsWith('default/ext '))!, /ExternalName\s+-\s+db\.example\.com\s/);
    assert.match(services.find((l) => l.startsWith('default/plain '))!, /ClusterIP\s+\S+\s+203\.0\.113\.7\s/);
    assert.match(section(text, /^Ingress routes/)[2], /^default\/web\s+nginx\s+\*\/\s+plain:80/);
    assert.match(section(text, /^Workloads/).find((l) => l.includes('default/idle'))!, /HPA idle: scaling is disabled since the replica count of the target is zero/);
  });

  it('no pods because the workloads made none: the Pods section points at the workloads table', () => {
    const text = renderSimulateText(simulate(parseManifests('x.yaml', `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  paused: true
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: x}]}}
`).manifests, { seed: 1 }));
    assert.match(text, /no pods: no workload made one \(see Workloads and Warnings\)/);
    assert.doesNotMatch(text, /the inputs contain no workloads/);
  });

  it('an empty cluster input still renders', () => {
    const snap = simulate([], {});
    const text = renderSimulateText(snap);
    assert.match(text, /^Nodes \(4, from default\)/m);
    assert.match(text, /no pods/);
  });
});
