// Property test with a seeded generator: random nodes (sizes, taints, labels, cordons) and Deployments
// (requests, nodeSelectors, tolerations) never over-commit a node, never place a pod on a node a filter
// would reject, and never leave a pod Pending while some node would accept it. Checked independently of
// the scheduler's own code, with plain arithmetic over the final snapshot.
import assert from 'node:assert/strict';
import { simulateObjects } from '../../../src/cluster/simulate';
import { Rng } from '../../../src/cluster/rng';
import type { KubeObject } from '../../../src/manifests/types';
import type { ClusterSnapshot, SnapshotNode, SnapshotPod } from '../../../src/cluster/snapshot';
import { overCommitted } from './helpers';

interface Spec { selector: Record<string, string>; tolerates: string[] }

function generate(seed: number): { objects: KubeObject[]; specs: Map<string, Spec> } {
  const r = new Rng(seed);
  const objects: KubeObject[] = [];
  const nodeCount = 1 + r.int(6);
  for (let i = 0; i < nodeCount; i++) {
    const labels: Record<string, string> = { 'kubernetes.io/hostname': `n${i}`, disk: r.int(2) ? 'ssd' : 'hdd', 'topology.kubernetes.io/zone': `z${r.int(3)}` };
    const taints = r.int(4) === 0 ? [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] : [];
    objects.push({
      apiVersion: 'v1', kind: 'Node', metadata: { name: `n${i}`, labels },
      spec: { taints, unschedulable: r.int(6) === 0 },
      status: { allocatable: { cpu: String(1 + r.int(4)), memory: `${1 + r.int(8)}Gi`, pods: String(3 + r.int(8)) } },
    });
  }
  const specs = new Map<string, Spec>();
  const deployments = 1 + r.int(5);
  for (let d = 0; d < deployments; d++) {
    const selector: Record<string, string> = r.int(3) === 0 ? { disk: 'ssd' } : {};
    const tolerates = r.int(3) === 0 ? ['dedicated'] : [];
    specs.set(`d${d}`, { selector, tolerates });
    objects.push({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d${d}` },
      spec: {
        replicas: r.int(8),
        selector: { matchLabels: { app: `d${d}` } },
        template: {
          metadata: { labels: { app: `d${d}` } },
          spec: {
            nodeSelector: selector,
            tolerations: tolerates.map((key) => ({ key, operator: 'Exists', effect: 'NoSchedule' })),
            containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: `${100 * (1 + r.int(15))}m`, memory: `${64 * (1 + r.int(32))}Mi` } } }],
          },
        },
      },
    });
  }
  return { objects, specs };
}

/** Would `node` (with its final load) accept `pod`? Filters re-stated from the reference §3. */
function accepts(node: SnapshotNode, pod: SnapshotPod, spec: Spec, extraLoad: boolean): boolean {
  if (node.unschedulable) return false;
  for (const t of node.taints) if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !spec.tolerates.includes(t.key)) return false;
  for (const [k, v] of Object.entries(spec.selector)) if (node.labels[k] !== v) return false;
  const add = extraLoad ? 1 : 0;
  if ((node.requested.pods ?? 0) + add > (node.allocatable.pods ?? 0)) return false;
  for (const res of ['cpu', 'memory']) {
    if ((pod.requests[res] ?? 0) > 0 && (node.requested[res] ?? 0) + (extraLoad ? pod.requests[res] : 0) > (node.allocatable[res] ?? 0)) return false;
  }
  return true;
}

describe('cluster/simulate properties (seeded random clusters)', function () {
  this.timeout(120000);
  it('never over-commits, never places where a filter fails, never leaves a placeable pod Pending', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { objects, specs } = generate(seed);
      const s: ClusterSnapshot = simulateObjects(objects, { seed });
      assert.deepEqual(overCommitted(s), [], `seed ${seed}`);
      for (const p of s.pods) {
        const spec = specs.get(p.workload!.name)!;
        if (p.phase === 'Running') {
          const node = s.nodes.find((n) => n.name === p.nodeName)!;
          assert.ok(accepts(node, p, spec, false), `seed ${seed}: ${p.name} placed on ${p.nodeName} against a filter`);
        } else {
          assert.equal(p.phase, 'Pending', `seed ${seed}: ${p.name}`);
          const fits = s.nodes.filter((n) => accepts(n, p, spec, true)).map((n) => n.name);
          assert.deepEqual(fits, [], `seed ${seed}: ${p.name} pending though ${fits.join(',')} would take it (${p.message})`);
          assert.match(p.message!, /^0\/\d+ nodes are available/);
        }
      }
    }
  });
});
