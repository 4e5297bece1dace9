// Seeded property test: random clusters and pods scheduled one by one.
//  1. no node is ever over-committed (cpu, memory, pod count);
//  2. a placed pod satisfies, checked by independent code here, its taints/tolerations, nodeSelector,
//     hostname anti-affinity and zone spread constraint, as the cluster stood before it was placed;
//  3. a pod left pending had no node passing every filter (re-run with a fresh framework over all nodes;
//     clusters stay under 100 nodes so the scheduler itself evaluates every node).
import assert from 'node:assert/strict';
import { Rng } from '../../../../src/cluster/rng';
import type { Node, Pod, Taint, Toleration } from '../../../../src/cluster/k8s';
import { ClusterState } from '../../../../src/cluster/scheduler/cluster-state';
import { CycleState } from '../../../../src/cluster/scheduler/framework';
import { podInfoOf } from '../../../../src/cluster/scheduler/pod-info';
import { defaultProfile } from '../../../../src/cluster/scheduler/profile';
import { Framework, Scheduler } from '../../../../src/cluster/scheduler/scheduler';
import { podRequests } from '../../../../src/cluster/scheduler/resources';

const ZONE = 'topology.kubernetes.io/zone';
const APPS = ['web', 'api', 'db'];

function genCluster(r: Rng): Node[] {
  const zones = 1 + r.int(3);
  const n = 3 + r.int(10);
  return Array.from({ length: n }, (_, i) => {
    const name = `n${i}`;
    const taints: Taint[] = r.int(5) === 0 ? [{ key: 'dedicated', value: 'x', effect: r.int(2) ? 'NoSchedule' : 'NoExecute' }] : [];
    const labels: Record<string, string> = { 'kubernetes.io/hostname': name, disk: r.int(2) ? 'ssd' : 'hdd' };
    if (r.int(8) !== 0) labels[ZONE] = `z${r.int(zones)}`;
    return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints }, status: { allocatable: { cpu: `${1 + r.int(4)}`, memory: `${2 + r.int(6)}Gi`, pods: String(3 + r.int(8)) } } };
  });
}

function genPod(r: Rng, i: number): Pod {
  const app = APPS[r.int(APPS.length)];
  const spec: NonNullable<Pod['spec']> = {
    containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: `${100 * (1 + r.int(15))}m`, memory: `${128 * (1 + r.int(8))}Mi` } } }],
  };
  if (r.int(5) === 0) spec.nodeSelector = { disk: 'ssd' };
  if (r.int(3) === 0) spec.tolerations = [{ key: 'dedicated', operator: 'Exists' } as Toleration];
  const k = r.int(5);
  if (k === 0) spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } }] } };
  if (k === 1) spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } } }];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default', labels: { app } }, spec };
}

const tolerated = (t: Taint, tols: Toleration[] = []) => tols.some((x) => (x.operator === 'Exists' && (!x.key || x.key === t.key)) || (x.key === t.key && x.value === t.value));

/** Independent check that `pod` may go to `node` given the placed pods (before it lands). */
function independentlyFits(pod: Pod, node: Node, nodes: Node[], placed: Map<string, Pod[]>): string | null {
  const name = node.metadata!.name!;
  const labels = node.metadata!.labels!;
  for (const t of node.spec?.taints ?? []) if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(t, pod.spec?.tolerations ?? [])) return 'taint';
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return 'nodeSelector';
  const app = pod.metadata!.labels!.app;
  const here = placed.get(name) ?? [];
  const anti = pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0];
  if (anti && here.some((p) => p.metadata!.labels!.app === app)) return 'anti-affinity';
  // symmetric: existing pods' anti-affinity against this pod
  for (const p of here) {
    const t = p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0];
    if (t && t.labelSelector?.matchLabels?.app === app) return 'existing anti-affinity';
  }
  const tsc = pod.spec?.topologySpreadConstraints?.[0];
  if (tsc) {
    if (!(ZONE in labels)) return 'spread label';
    const counts = new Map<string, number>();
    for (const n of nodes) {
      const nl = n.metadata!.labels!;
      if (!(ZONE in nl)) continue;
      if (Object.entries(pod.spec?.nodeSelector ?? {}).some(([k, v]) => nl[k] !== v)) continue;
      const c = (placed.get(n.metadata!.name!) ?? []).filter((p) => p.metadata!.labels!.app === app).length;
      counts.set(nl[ZONE], (counts.get(nl[ZONE]) ?? 0) + c);
    }
    const min = Math.min(...counts.values());
    if ((counts.get(labels[ZONE]) ?? 0) + 1 - min > 1) return 'spread skew';
  }
  return null;
}

/** Nodes passing every filter, by a fresh framework (PreFilter then Filter on every node). */
const fresh = new Framework(defaultProfile(), new Rng(0), () => undefined);
function feasibleByFreshFramework(pod: Pod, state: ClusterState): string[] {
  const fw = fresh;
  const cs = new CycleState(state, podInfoOf(pod), state.priorityOf(pod));
  let allowed: Set<string> | null = null;
  for (const p of fw.preFilter) {
    const r = p.preFilter(cs, state.nodes());
    if (r.status.code === 'Skip') { cs.skipFilterPlugins.add(p.name); continue; }
    if (r.status.code !== 'Success') return [];
    if (r.result) allowed = r.result;
  }
  return state.nodes().filter((n) => (!allowed || allowed.has(n.name)) && fw.runFilterPlugins(cs, n).isSuccess()).map((n) => n.name);
}

describe('scheduler property test (seeded)', () => {
  it('never over-commits, never violates a filter, never leaves a schedulable pod pending', () => {
    let placedTotal = 0;
    let pendingTotal = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = new Rng(seed);
      const nodes = genCluster(r);
      const state = new ClusterState();
      for (const n of nodes) state.addNode(n);
      const sch = new Scheduler(defaultProfile(), new Rng(seed * 7919));
      const placed = new Map<string, Pod[]>();
      const podCount = 15 + r.int(30);
      for (let i = 0; i < podCount; i++) {
        const pod = genPod(r, i);
        const feasible = feasibleByFreshFramework(pod, state);
        const out = sch.scheduleOne(pod, state);
        const ctx = `seed ${seed} pod ${i} ${JSON.stringify(pod.spec)}`;
        if (out.nodeName) {
          placedTotal++;
          const node = nodes.find((n) => n.metadata!.name === out.nodeName)!;
          assert.equal(independentlyFits(pod, node, nodes, placed), null, ctx);
          assert.ok(feasible.includes(out.nodeName), ctx);
          placed.set(out.nodeName, [...(placed.get(out.nodeName) ?? []), pod]);
        } else {
          pendingTotal++;
          assert.deepEqual(feasible, [], `${ctx}: pending although ${feasible.join(',')} pass every filter (${out.message})`);
          assert.ok(out.message?.startsWith(`0/${nodes.length} nodes are available: `), ctx);
        }
      }
      for (const n of nodes) {
        const name = n.metadata!.name!;
        const pods = placed.get(name) ?? [];
        const alloc = state.node(name)!.allocatable;
        const sum = (k: string) => pods.reduce((t, p) => t + (podRequests(p)[k] ?? 0), 0);
        assert.ok(sum('cpu') <= alloc.cpu, `seed ${seed}: cpu over-committed on ${name}`);
        assert.ok(sum('memory') <= alloc.memory, `seed ${seed}: memory over-committed on ${name}`);
        assert.ok(pods.length <= alloc.pods, `seed ${seed}: too many pods on ${name}`);
        assert.equal(state.node(name)!.requested.cpu, sum('cpu'));
      }
    }
    // the generator must exercise both outcomes
    assert.ok(placedTotal > 300 && pendingTotal > 30, `placed ${placedTotal}, pending ${pendingTotal}`);
  });
});
