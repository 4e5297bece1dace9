// Seeded property test: the scheduler's batch paths (filterBatch over chunks of nodes, scoreAll, the
// dense per-node tables behind them) give exactly what the plain per-node path gives (one filter()
// and one score() call per node) — same placements, scores, rejected nodes and reasons, messages,
// preemptions and rotating start index — on random clusters of up to a few hundred nodes (so the
// adaptive percentageOfNodesToScore and the rotating start index are in play, over all nodes and over
// PreFilter subsets), with every filter and
// score plugin of the default profile doing some work.
import assert from 'node:assert/strict';
import { Rng } from '../../../../src/cluster/rng';
import type { Node, Pod, PodSpec, Taint, Toleration } from '../../../../src/cluster/k8s';
import { ClusterState } from '../../../../src/cluster/scheduler/cluster-state';
import { defaultProfile } from '../../../../src/cluster/scheduler/profile';
import { Scheduler, type ScheduleOutcome } from '../../../../src/cluster/scheduler/scheduler';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const APPS = ['web', 'api', 'db', 'cache'];

function genNodes(r: Rng): Node[] {
  const n = [5, 40, 110, 150][r.int(4)] + r.int(20);
  const zones = 1 + r.int(4);
  return Array.from({ length: n }, (_, i) => {
    const name = `n${String(i).padStart(3, '0')}`;
    const taints: Taint[] = [];
    if (r.int(8) === 0) taints.push({ key: 'dedicated', value: 'x', effect: r.int(2) ? 'NoSchedule' : 'NoExecute' });
    if (r.int(6) === 0) taints.push({ key: 'soft', value: 'y', effect: 'PreferNoSchedule' });
    const labels: Record<string, string> = { [HOST]: name, disk: r.int(2) ? 'ssd' : 'hdd' };
    if (r.int(10) !== 0) labels[ZONE] = `z${r.int(zones)}`;
    const images = r.int(4) === 0 ? [{ names: [`img-${r.int(3)}:1`], sizeBytes: (50 + r.int(800)) * 1024 * 1024 }] : undefined;
    return {
      apiVersion: 'v1', kind: 'Node', metadata: { name, labels },
      spec: { taints, unschedulable: r.int(25) === 0 },
      status: { allocatable: { cpu: `${1 + r.int(8)}`, memory: `${2 + r.int(14)}Gi`, pods: String(2 + r.int(12)) }, images },
    };
  });
}

function genSpec(r: Rng, app: string): PodSpec {
  const spec: PodSpec = {
    containers: [{ name: 'c', image: `img-${r.int(4)}:1`, resources: r.int(10) === 0 ? {} : { requests: { cpu: `${100 * (1 + r.int(20))}m`, memory: `${128 * (1 + r.int(12))}Mi` } } }],
  };
  if (r.int(6) === 0) spec.nodeSelector = { disk: 'ssd' };
  if (r.int(3) === 0) spec.tolerations = [{ key: 'dedicated', operator: 'Exists' } as Toleration];
  if (r.int(5) === 0) spec.tolerations = [...(spec.tolerations ?? []), { key: 'soft', operator: 'Exists', effect: 'PreferNoSchedule' } as Toleration];
  if (r.int(8) === 0) (spec.containers ?? [])[0].ports = [{ containerPort: 80, hostPort: 8080 }];
  switch (r.int(7)) {
    case 0:
      spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: r.int(3) ? HOST : ZONE, labelSelector: { matchLabels: { app } } }] } };
      break;
    case 1:
      spec.topologySpreadConstraints = [{ maxSkew: 1 + r.int(2), topologyKey: r.int(2) ? ZONE : HOST, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } }, ...(r.int(3) === 0 ? { minDomains: 3 } : {}) }];
      if (r.int(2)) spec.topologySpreadConstraints.push({ maxSkew: 2, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app } } });
      break;
    case 2:
      spec.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 + r.int(100), podAffinityTerm: { topologyKey: ZONE, labelSelector: { matchLabels: { app: APPS[r.int(APPS.length)] } } } }] } };
      break;
    case 3:
      spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 + r.int(50), preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } };
      break;
    case 4:
      spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: { app } } }] } };
      break;
    case 5:
      spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: HOST, labelSelector: { matchLabels: { app } } } }] } };
      break;
    default:
      break;
  }
  if (r.int(6) === 0) {
    // required matchFields on node names (as the DaemonSet controller writes): PreFilter narrows the
    // walk to a subset, which starts at the rotating index modulo the subset's size
    const names = Array.from({ length: 1 + r.int(120) }, () => `n${String(r.int(170)).padStart(3, '0')}`);
    spec.affinity = { ...(spec.affinity ?? {}), nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: names.map((n) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] })),
    } } };
  }
  return spec;
}

/** Pods in groups of replicas with the same spec (as controllers make them), some with a priority. */
function genPods(r: Rng, count: number): Pod[] {
  const out: Pod[] = [];
  for (let g = 0; out.length < count; g++) {
    const app = APPS[r.int(APPS.length)];
    const spec = genSpec(r, app);
    const priority = r.int(3) === 0 ? 1000 : 0;
    const replicas = 1 + r.int(12);
    for (let k = 0; k < replicas && out.length < count; k++) {
      out.push({
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: `g${g}-${k}`, namespace: 'default', labels: { app, group: `g${g}` } },
        spec: { ...JSON.parse(JSON.stringify(spec)) as PodSpec, priority },
      });
    }
  }
  return out;
}

/** Everything a cycle decides, with the full explanation (every scored and rejected node). */
function outcomeText(o: ScheduleOutcome, s: Scheduler): string {
  return JSON.stringify({
    node: o.nodeName, message: o.message, skipped: o.skipped ?? null, nominated: o.nominatedNodeName ?? null,
    preemption: o.preemption ? { node: o.preemption.node, victims: o.preemption.victims.map((v) => v.metadata?.name) } : null,
    selected: o.scheduling.selected, scores: o.scheduling.scores, filtered: o.scheduling.filtered, filteredBy: o.scheduling.filteredBy,
    next: s.nextStartNodeIndex,
  });
}

function run(seed: number, batch: boolean): string[] {
  const r = new Rng(seed);
  const nodes = genNodes(r);
  const pods = genPods(r, 30 + r.int(nodes.length * 2));
  const state = new ClusterState();
  for (const n of nodes) state.addNode(n);
  // a few low-priority pods already running (preemption victims)
  for (let i = 0; i < nodes.length; i += 1 + r.int(3)) {
    state.assume({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `running-${i}`, namespace: 'default', labels: { app: APPS[r.int(APPS.length)] } },
      spec: { nodeName: nodes[i].metadata?.name, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: `${500 * (1 + r.int(3))}m` } } }] },
    }, nodes[i].metadata?.name as string);
  }
  const sched = new Scheduler(defaultProfile(), new Rng(seed + 1));
  sched.batch = batch;
  const out: string[] = [];
  for (const p of pods) out.push(outcomeText(sched.scheduleOne(p, state), sched));
  // a second pass over the pods still pending (nominated pods now exist: the per-node path with nominated pods)
  for (const p of pods) if (!state.nodeOfPod(`default/${p.metadata?.name}`)) out.push(outcomeText(sched.scheduleOne(p, state), sched));
  return out;
}

const SEEDS = 16;
const batchedRuns = new Map<number, string[]>();

describe('scheduler: batch paths = plain per-node path (seeded property)', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`seed ${seed}: same outcome for every pod`, () => {
      const batched = run(seed, true);
      batchedRuns.set(seed, batched);
      const plain = run(seed, false);
      assert.equal(batched.length, plain.length);
      for (let i = 0; i < plain.length; i++) assert.equal(batched[i], plain[i], `pod #${i} differs`);
      // the scenario is not degenerate: pods were placed, rejected nodes recorded, scores compared
      assert.ok(plain.some((t) => JSON.parse(t).node !== null));
    });
  }

  it('the generated clusters exercise pending pods, preemption and several scored nodes', () => {
    let pending = 0;
    let preempted = 0;
    let scored = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      for (const t of batchedRuns.get(seed) ?? run(seed, true)) {
        const o = JSON.parse(t) as { node: string | null; preemption: unknown; scores: Record<string, unknown> };
        if (o.node === null) pending++;
        if (o.preemption) preempted++;
        if (Object.keys(o.scores).length > 1) scored++;
      }
    }
    assert.ok(pending > 0 && preempted > 0 && scored > 0, `pending ${pending}, preempted ${preempted}, scored ${scored}`);
  });
});
