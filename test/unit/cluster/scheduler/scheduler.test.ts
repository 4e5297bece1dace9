import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import { filteredNodeCount, firstFiltered, numFeasibleNodesToFind, scoredNodeCount, topScores } from '../../../../src/cluster/scheduler/scheduler';

describe('scheduler: one cycle', () => {
  it('binds a pod and records scores for every feasible node', () => {
    const s = cluster([node('a'), node('b', { cpu: '8' })]);
    const out = scheduler().scheduleOne(pod('p', { cpu: '1', memory: '1Gi' }), s);
    assert.equal(out.nodeName, 'b');
    assert.equal(out.message, null);
    assert.deepEqual(Object.keys(out.scheduling.scores).sort(), ['a', 'b']);
    assert.equal(s.node('b')?.pods.length, 1);
  });

  it('the issue example message: taint + Insufficient cpu with DRA and preemption suffix', () => {
    const s = cluster([
      node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      node('w1'), node('w2'), node('w3'),
    ], ['w1', 'w2', 'w3'].map((w) => pod(`busy-${w}`, { cpu: '3', nodeName: w })));
    const out = scheduler().scheduleOne(pod('big', { cpu: '2' }), s);
    assert.equal(out.nodeName, null);
    assert.equal(out.message, '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');
  });

  it('a request larger than a whole node is unresolvable: preemption is not helpful anywhere', () => {
    const s = cluster([node('w1', { cpu: '1' }), node('w2', { cpu: '1' })]);
    const out = scheduler().scheduleOne(pod('big', { cpu: '2' }), s);
    assert.equal(out.message, '0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  it('numFeasibleNodesToFind follows the adaptive percentage', () => {
    assert.equal(numFeasibleNodesToFind(null, 99), 99);
    assert.equal(numFeasibleNodesToFind(null, 500), 230);
    assert.equal(numFeasibleNodesToFind(null, 1000), 420);
    assert.equal(numFeasibleNodesToFind(null, 5000), 500);
    assert.equal(numFeasibleNodesToFind(null, 6000), 300);
    assert.equal(numFeasibleNodesToFind(null, 150), 100);
    assert.equal(numFeasibleNodesToFind(100, 5000), 5000);
  });
});

describe('scheduler: node selection', () => {
  it('a single feasible node is chosen without scoring', () => {
    const s = cluster([node('a'), node('b', { taints: [{ key: 'x', effect: 'NoSchedule' }] })]);
    const out = scheduler().scheduleOne(pod('p'), s);
    assert.equal(out.nodeName, 'a');
    assert.deepEqual(out.scheduling.scores, {});
    assert.equal(out.scheduling.selected, 'a');
  });

  it('total = Σ weight × normalized score; the highest total wins', () => {
    const s = cluster([node('a'), node('b', { cpu: '8' })]);
    const out = scheduler().scheduleOne(pod('p', { cpu: '1' }), s);
    for (const n of ['a', 'b']) {
      const sc = out.scheduling.scores[n];
      const sum = Object.entries(sc.plugins).reduce((t, [name, v]) => t + v * (out.scheduling.weights?.[name] ?? 0), 0);
      assert.equal(sc.total, sum);
    }
    assert.ok(out.scheduling.scores.b.total > out.scheduling.scores.a.total);
  });

  it('ties are broken by the seeded generator: deterministic per seed, varying across seeds', () => {
    const pick = (seed: number) => scheduler(undefined, seed).scheduleOne(pod('p'), cluster(['a', 'b', 'c', 'd'].map((n) => node(n)))).nodeName;
    assert.equal(pick(7), pick(7));
    const seen = new Set(Array.from({ length: 30 }, (_, i) => pick(i)));
    assert.ok(seen.size >= 3, `ties spread over nodes, saw ${[...seen]}`);
  });

  it('with more than 100 nodes only numFeasibleNodesToFind are evaluated, starting at the rotating index', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => node(`n${String(i).padStart(3, '0')}`));
    const s = cluster(nodes);
    const sch = scheduler();
    const first = sch.scheduleOne(pod('p1'), s);
    // 150 nodes: 50 − 150/125 = 49% -> 73, below the minimum of 100
    assert.equal(Object.keys(first.scheduling.scores).length, 100);
    assert.ok('n000' in first.scheduling.scores && !('n100' in first.scheduling.scores));
    assert.equal(sch.nextStartNodeIndex, 100);
    const second = sch.scheduleOne(pod('p2'), s);
    assert.ok('n100' in second.scheduling.scores && 'n049' in second.scheduling.scores && !('n050' in second.scheduling.scores));
    assert.equal(sch.nextStartNodeIndex, 50);
  });

  it('filtered nodes count towards the rotation; nodes past the k-th feasible are neither feasible nor failed', () => {
    const nodes = Array.from({ length: 120 }, (_, i) => node(`n${String(i).padStart(3, '0')}`, i < 10 ? { taints: [{ key: 'x', effect: 'NoSchedule' }] } : {}));
    const sch = scheduler();
    const out = sch.scheduleOne(pod('p'), cluster(nodes));
    assert.equal(Object.keys(out.scheduling.filtered).length, 10);
    assert.equal(Object.keys(out.scheduling.scores).length, 100);
    assert.equal(sch.nextStartNodeIndex, 110);
  });

  // findNodesThatFitPod: the walk starts at nextStartNodeIndex modulo the walked list, and the index
  // moves by the processed nodes modulo ALL nodes, also when PreFilter narrowed the list
  const onNodes = (names: string[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {
    nodeSelectorTerms: names.map((n) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] })),
  } } } });
  const named = (count: number, opts: (i: number) => Parameters<typeof node>[1] = () => ({})) =>
    Array.from({ length: count }, (_, i) => node(`n${String(i).padStart(3, '0')}`, opts(i)));
  for (const batch of [true, false]) {
    it(`a PreFilter subset is walked whole from the index modulo its size; the index moves modulo all nodes (${batch ? 'batched' : 'per-node'} filters)`, () => {
      const s = cluster(named(150));
      const sch = scheduler();
      sch.batch = batch;
      sch.scheduleOne(pod('p1'), s);
      assert.equal(sch.nextStartNodeIndex, 100);
      const subset = named(60).map((n) => n.metadata!.name as string);
      const out = sch.scheduleOne(pod('p2', { spec: onNodes(subset) }), s);
      // 60 nodes: all of them are feasible nodes to find, walked from 100 % 60 = 40
      assert.deepEqual(Object.keys(out.scheduling.scores).sort(), subset);
      assert.equal(sch.nextStartNodeIndex, (100 + 60) % 150);
      // a DaemonSet pod (one node) moves it by one
      sch.scheduleOne(pod('ds', { spec: onNodes(['n149']) }), s);
      assert.equal(sch.nextStartNodeIndex, 11);
    });
  }

  it('a pod placed on its nominated node leaves the index alone; a rejected nominated node the walk did not reach still counts', () => {
    const s = cluster(named(150, (i) => (i === 60 ? { cpu: '1' } : {})));
    const sch = scheduler();
    sch.scheduleOne(pod('p1'), s);
    assert.equal(sch.nextStartNodeIndex, 100);
    const fits = pod('fits');
    s.nominate(fits, 'n050');
    assert.equal(sch.scheduleOne(fits, s).nodeName, 'n050');
    assert.equal(sch.nextStartNodeIndex, 100);
    // n060 (1 cpu) cannot hold 2 cpu: the walk from 100 finds 100 feasible nodes (n100..n149, n000..n049)
    // and stops before n060, which NodeToStatus holds from the nominated attempt: 100 + 1 processed
    const big = pod('big', { cpu: '2' });
    s.nominate(big, 'n060');
    const out = sch.scheduleOne(big, s);
    assert.notEqual(out.nodeName, 'n060');
    assert.equal(Object.keys(out.scheduling.scores).length, 100);
    assert.equal(sch.nextStartNodeIndex, (100 + 101) % 150);
  });

  it('zones are interleaved in the node order (legacy failure-domain labels first)', () => {
    const s = cluster([
      node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }), node('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }), node('x', { labels: { 'topology.kubernetes.io/zone': 'b', 'failure-domain.beta.kubernetes.io/zone': 'c' } }),
      node('none'),
    ]);
    assert.deepEqual(s.nodes().map((n) => n.name), ['a1', 'b1', 'x', 'none', 'a2']);
  });

  it('pods placed earlier are seen by later cycles (no over-commit)', () => {
    const s = cluster([node('a', { cpu: '1' })]);
    const sch = scheduler();
    assert.equal(sch.scheduleOne(pod('p1', { cpu: '600m' }), s).nodeName, 'a');
    assert.equal(sch.scheduleOne(pod('p2', { cpu: '600m' }), s).nodeName, null);
    assert.equal(s.node('a')!.requested.cpu, 600);
  });

  it('sortQueue: higher priority first, then arrival order', () => {
    const s = cluster([node('a')]);
    s.addPriorityClass({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'hi' }, value: 50 });
    const pods = [pod('a1'), pod('b', { spec: { priorityClassName: 'hi' } }), pod('a2'), pod('c', { priority: 60 })];
    assert.deepEqual(scheduler().sortQueue(pods, s).map((p) => p.metadata?.name), ['c', 'b', 'a1', 'a2']);
  });
});

describe('scheduler: bounded explanations', () => {
  it('topScores returns the k best nodes (total, then name) without the full object; scoredNodeCount counts them', () => {
    const s = cluster([node('a'), node('b', { cpu: '8' }), node('c', { cpu: '16' }), node('d')]);
    const out = scheduler().scheduleOne(pod('p', { cpu: '1' }), s);
    assert.equal(scoredNodeCount(out.scheduling), 4);
    const top = topScores(out.scheduling, 1, 'a');
    assert.deepEqual(Object.keys(top).sort(), ['a', 'c']);
    assert.deepEqual(top.c, out.scheduling.scores.c);
  });
});

describe('scheduler: bounded filtered explanations', () => {
  it('filteredNodeCount / firstFiltered read the cycle statuses in evaluation order', () => {
    const nodes = ['a', 'b', 'c'].map((n) => node(n, { taints: [{ key: 'x', effect: 'NoSchedule' }] }));
    const out = scheduler().scheduleOne(pod('p'), cluster([...nodes, node('ok')]));
    assert.equal(filteredNodeCount(out.scheduling), 3);
    const first = firstFiltered(out.scheduling, 2);
    assert.deepEqual(Object.keys(first.filtered), ['a', 'b']);
    assert.deepEqual(first.filteredBy, { a: 'TaintToleration', b: 'TaintToleration' });
    assert.deepEqual(out.scheduling.filtered.c, ["node(s) had untolerated taint(s)"]);
  });
});
