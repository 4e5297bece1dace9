// The scheduler cache's derived tables stay in sync with the pods and nodes they summarize:
// topology domain ids (ClusterState.topologyDomains) and pod counters updated through the label index
// (only the counters a pod can match are visited on assume/remove), checked against brute-force counts
// after seeded random binds and evictions; PodTopologySpread's per-template constraint cache follows
// Services added later.
import assert from 'node:assert/strict';
import { Rng } from '../../../../src/cluster/rng';
import type { LabelSelector } from '../../../../src/core/labels';
import { selectorMatches } from '../../../../src/core/labels';
import type { Pod } from '../../../../src/cluster/k8s';
import { ClusterState, requiredLabel } from '../../../../src/cluster/scheduler/cluster-state';
import { PodTopologySpread } from '../../../../src/cluster/scheduler/plugins/pod-topology-spread';
import { podTopologySpreadArgs } from '../../../../src/cluster/scheduler/args';
import { cycle, node, pod } from './helpers';

const ZONE = 'topology.kubernetes.io/zone';

describe('ClusterState.topologyDomains', () => {
  it('numbers the values of a key in node order; nodes without the key get -1', () => {
    const s = new ClusterState();
    s.addNode(node('a', { labels: { [ZONE]: 'z2' } }));
    s.addNode(node('b'));
    s.addNode(node('c', { labels: { [ZONE]: 'z1' } }));
    s.addNode(node('d', { labels: { [ZONE]: 'z2' } }));
    s.addNode(node('e', { labels: { [ZONE]: '' } }));
    const t = s.topologyDomains(ZONE);
    assert.deepEqual([...t.ids], [0, -1, 1, 0, 2]);
    assert.deepEqual(t.values, ['z2', 'z1', '']);
    assert.equal(t.index.get('z1'), 1);
    // the table follows nodes added later
    s.addNode(node('f', { labels: { [ZONE]: 'z3' } }));
    const t2 = s.topologyDomains(ZONE);
    assert.deepEqual([...t2.ids], [0, -1, 1, 0, 2, 3]);
    assert.equal(t2.values[3], 'z3');
    // every node's id names its own label value
    for (const n of s.nodesInInsertionOrder()) {
      const id = t2.ids[n.index];
      assert.equal(id < 0 ? undefined : t2.values[id], Object.prototype.hasOwnProperty.call(n.labels, ZONE) ? n.labels[ZONE] : undefined);
    }
  });
});

describe('requiredLabel (the counter index key)', () => {
  it('is a matchLabels entry, else a single-value In requirement, else none', () => {
    assert.equal(requiredLabel({ matchLabels: { app: 'web', tier: 'x' } }), 'app\0web');
    assert.equal(requiredLabel({ matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] }), 'app\0db');
    assert.equal(requiredLabel({ matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }), null);
    assert.equal(requiredLabel({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }), null);
    assert.equal(requiredLabel({}), null);
    assert.equal(requiredLabel(null), null);
  });

  it('every pod a selector matches has that label', () => {
    const r = new Rng(7);
    const sels: LabelSelector[] = [
      { matchLabels: { app: 'a' } },
      { matchLabels: { app: 'b', tier: 't1' } },
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['t2'] }] },
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }, { key: 'tier', operator: 'NotIn', values: ['t1'] }] },
    ];
    for (let i = 0; i < 500; i++) {
      const labels: Record<string, string> = {};
      if (r.int(4)) labels.app = ['a', 'b', 'c'][r.int(3)];
      if (r.int(3)) labels.tier = ['t1', 't2'][r.int(2)];
      for (const sel of sels) {
        if (!selectorMatches(sel, labels)) continue;
        const [k, v] = (requiredLabel(sel) as string).split('\0');
        assert.equal(labels[k], v);
      }
    }
  });
});

describe('pod counters through the label index', () => {
  it('equal brute-force counts per node and per domain after random binds and evictions', () => {
    const r = new Rng(11);
    const s = new ClusterState();
    for (let i = 0; i < 12; i++) s.addNode(node(`n${i}`, { cpu: '64', pods: 500, labels: { [ZONE]: `z${i % 3}` } }));
    const selectors: (LabelSelector | null)[] = [
      { matchLabels: { app: 'a' } },
      { matchLabels: { app: 'b', tier: 't1' } },
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['t2'] }] },
      { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] },
      {},
      null,
    ];
    // some counters exist before the pods, some are created midway
    const counters = selectors.slice(0, 4).map((sel) => ({ sel, excl: true, c: s.counter(new Set(['default']), sel, true) }));
    const placed: Pod[] = [];
    const check = () => {
      for (const { sel, excl, c } of counters) {
        let total = 0;
        const perZone = new Map<string, number>();
        for (const n of s.nodesInInsertionOrder()) {
          const want = n.pods.filter((p) => p.namespace === 'default' && !(excl && p.terminating) && selectorMatches(sel, p.labels)).length;
          assert.equal(c.count(n), want, `${JSON.stringify(sel)} on ${n.name}`);
          total += want;
          perZone.set(n.labels[ZONE], (perZone.get(n.labels[ZONE]) ?? 0) + want);
        }
        assert.equal(c.total, total);
        assert.deepEqual([...c.domains(ZONE)].sort(), [...perZone].sort());
      }
    };
    for (let step = 0; step < 400; step++) {
      if (step === 150) for (const sel of selectors.slice(4)) counters.push({ sel, excl: true, c: s.counter(new Set(['default']), sel, true) });
      if (placed.length > 0 && r.int(3) === 0) {
        const victim = placed.splice(r.int(placed.length), 1)[0];
        assert.ok(s.removePod(victim));
      } else {
        const labels: Record<string, string> = {};
        if (r.int(4)) labels.app = ['a', 'b', 'c'][r.int(3)];
        if (r.int(3)) labels.tier = ['t1', 't2'][r.int(2)];
        const p = pod(`p${step}`, { labels, namespace: r.int(6) === 0 ? 'other' : 'default', nodeName: `n${r.int(12)}` });
        if (r.int(10) === 0) (p.metadata as Record<string, unknown>).deletionTimestamp = '2026-01-01T00:00:00Z';
        if (s.assume(p, p.spec?.nodeName as string)) placed.push(p);
      }
      if (step % 20 === 0) check();
    }
    check();
    assert.ok(counters.some(({ c }) => c.total > 0));
  });
});

describe('PodTopologySpread: constraints cached per pod template', () => {
  const rsPod = (name: string): Pod => {
    const p = pod(name, { labels: { app: 'web', 'pod-template-hash': 'abc' } });
    (p.metadata as Record<string, unknown>).ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true }];
    return p;
  };

  it('replicas share the computed constraints; a Service added later changes the default selector', () => {
    const s = new ClusterState();
    s.addNode(node('a', { labels: { [ZONE]: 'z1' } }));
    s.addObject({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } } } });
    const plugin = new PodTopologySpread(podTopologySpreadArgs({}, () => undefined));
    const first = plugin.constraintsFor(cycle(s, rsPod('p1')), 'ScheduleAnyway');
    const second = plugin.constraintsFor(cycle(s, rsPod('p2')), 'ScheduleAnyway');
    assert.equal(second, first);
    assert.deepEqual(first[0].selector?.matchLabels, {});
    s.addObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } });
    const third = plugin.constraintsFor(cycle(s, rsPod('p3')), 'ScheduleAnyway');
    assert.notEqual(third, first);
    assert.deepEqual(third[0].selector?.matchLabels, { app: 'web' });
    // a pod with other labels does not share them
    const other = pod('q', { labels: { app: 'api' } });
    (other.metadata as Record<string, unknown>).ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true }];
    assert.notEqual(plugin.constraintsFor(cycle(s, other), 'ScheduleAnyway'), third);
  });
});

describe('ClusterState.nodeTable (the filters\' per-node columns)', () => {
  it('rows equal the live NodeInfo fields after binds, evictions and preemption dry-run copies', () => {
    const r = new Rng(3);
    const s = new ClusterState();
    for (let i = 0; i < 8; i++) {
      s.addNode(node(`n${i}`, { cpu: `${2 + i}`, memory: `${4 + i}Gi`, pods: 5 + i, unschedulable: i === 3, taints: i % 3 === 0 ? [{ key: 'k', effect: 'NoSchedule' }] : [], images: i % 2 === 0 ? [{ names: ['img:1'], sizeBytes: 1 }] : undefined }));
    }
    const placed: Pod[] = [];
    const check = () => {
      const t = s.nodeTable();
      for (const n of s.nodesInInsertionOrder()) {
        const i = n.index;
        assert.equal(t.flags[i], (n.unschedulable ? 1 : 0) | (n.taints.length > 0 ? 2 : 0) | (n.images.size > 0 ? 4 : 0), n.name);
        assert.equal(t.nonZeroCpu[i], n.nonZeroCpu);
        assert.equal(t.nonZeroMemory[i], n.nonZeroMemory);
        assert.equal(t.podCount[i], n.pods.length);
        assert.equal(t.allocPods[i], n.allocPods);
        assert.equal(t.allocCpu[i], n.allocCpu);
        assert.equal(t.allocMemory[i], n.allocMemory);
        assert.equal(t.reqCpu[i], n.reqCpu);
        assert.equal(t.reqMemory[i], n.reqMemory);
      }
      // nodes() order and its index column agree
      const idx = s.nodesIndex();
      s.nodes().forEach((n, p) => assert.equal(idx[p], n.index));
    };
    check();
    for (let step = 0; step < 200; step++) {
      if (step === 100) s.addNode(node('late', { cpu: '3' }));
      const nodes = s.nodesInInsertionOrder();
      const roll = r.int(4);
      if (roll === 0 && placed.length > 0) {
        assert.ok(s.removePod(placed.splice(r.int(placed.length), 1)[0]));
      } else if (roll === 1) {
        // a preemption dry run works on a copy: the live row must not move
        const copy = nodes[r.int(nodes.length)].clone();
        const had = [...copy.pods];
        for (const p of had) copy.removePod(p);
        if (had.length > 0) copy.addPod(had[0]);
      } else {
        const p = pod(`p${step}`, { cpu: `${100 * (1 + r.int(5))}m`, memory: `${64 * (1 + r.int(4))}Mi`, nodeName: nodes[r.int(nodes.length)].name });
        if (s.assume(p, p.spec?.nodeName as string)) placed.push(p);
      }
      check();
    }
    assert.ok(placed.length > 0);
  });
});
