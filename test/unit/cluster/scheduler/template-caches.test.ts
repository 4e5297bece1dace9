// What the scheduler remembers across pods of one template must stay exact when the next pod differs
// in just one field of its template key: static filter verdicts (tolerations, nodeSelector, nodeName,
// schedulerName), PodTopologySpread's included nodes (inclusion policies); also pod counters built
// after pods are placed (only pods with the selector's required label are visited) and the buffers
// reused from cycle to cycle.
import assert from 'node:assert/strict';
import { ClusterState } from '../../../../src/cluster/scheduler/cluster-state';
import { podInfoOf } from '../../../../src/cluster/scheduler/pod-info';
import { profileFromConfig } from '../../../../src/cluster/scheduler/profile';
import { filteredNodeCount, firstFiltered, scoredNodeCount, Scheduler, topScores } from '../../../../src/cluster/scheduler/scheduler';
import { Rng } from '../../../../src/cluster/rng';
import { cluster, node, pod, scheduler } from './helpers';

const ZONE = 'topology.kubernetes.io/zone';
const dedicated = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' as const };

describe('scheduler caches across pods of one template', () => {
  it('static filter verdicts follow each pod\'s tolerations, nodeSelector and nodeName', () => {
    const state = cluster([
      node('a', { labels: { disk: 'ssd' } }),
      node('b', { labels: { disk: 'hdd' }, taints: [dedicated] }),
      node('c', { labels: { disk: 'ssd' }, taints: [dedicated] }),
      node('d', { unschedulable: true, labels: { disk: 'ssd' } }),
    ]);
    const s = scheduler();
    const tolerating = [{ key: 'dedicated', operator: 'Exists' as const }];
    const plain1 = s.scheduleOne(pod('p1'), state);
    assert.deepEqual(Object.keys(plain1.scheduling.filtered).sort(), ['b', 'c', 'd']);
    assert.equal(plain1.nodeName, 'a');
    // same nodes, now tolerated: b and c pass although the verdicts for p1's key said no
    const tol = s.scheduleOne(pod('p2', { tolerations: tolerating, spec: { nodeSelector: { disk: 'hdd' } } }), state);
    assert.equal(tol.nodeName, 'b');
    assert.deepEqual(tol.scheduling.filteredBy, { a: 'NodeAffinity', c: 'NodeAffinity', d: 'NodeUnschedulable' });
    // back to p1's key: the remembered verdicts, the same reasons as the first time
    const plain2 = s.scheduleOne(pod('p3'), state);
    assert.deepEqual(plain2.scheduling.filteredBy, plain1.scheduling.filteredBy);
    assert.deepEqual(plain2.scheduling.filtered.b, ['node(s) had untolerated taint(s)']);
    // only the tolerations differ from p1's: b and c pass
    const tolOnly = s.scheduleOne(pod('p3b', { tolerations: tolerating }), state);
    assert.deepEqual(tolOnly.scheduling.filteredBy, { d: 'NodeUnschedulable' });
    // nodeName is part of the key: a pod for d (cordoned) fails there, one for c (tolerated) lands
    const toD = s.scheduleOne(pod('p4', { spec: { nodeName: 'd' } }), state);
    assert.equal(toD.nodeName, null);
    const toC = s.scheduleOne(pod('p5', { tolerations: tolerating, spec: { nodeName: 'c' } }), state);
    assert.equal(toC.nodeName, 'c');
    // a cordon-tolerating pod may use d
    const cordonOk = s.scheduleOne(pod('p6', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], spec: { nodeSelector: { disk: 'ssd' } } }), state);
    assert.ok(cordonOk.nodeName === 'a' || cordonOk.nodeName === 'd', String(cordonOk.nodeName));
    assert.deepEqual(Object.keys(cordonOk.scheduling.filtered).sort(), ['b', 'c']);
  });

  it('static verdicts are shared by pods that place alike, whatever their labels, and kept apart by required node affinity', () => {
    const state = cluster([
      node('a', { labels: { disk: 'ssd', pool: 'x' } }),
      node('b', { labels: { disk: 'hdd', pool: 'x' } }),
      node('c', { labels: { disk: 'ssd', pool: 'x' } }),
    ]);
    const s = scheduler();
    const inPool = { nodeSelector: { pool: 'x' } };
    const first = s.scheduleOne(pod('p1', { labels: { app: 'one' }, spec: inPool }), state);
    assert.deepEqual(first.scheduling.filtered, {});
    // another template (labels, namespace) placing alike reads the same verdicts: every node passes
    const alike = s.scheduleOne(pod('p2', { namespace: 'other', labels: { app: 'two' }, spec: inPool }), state);
    assert.deepEqual(alike.scheduling.filtered, {});
    // the same nodeSelector plus a required node affinity is another placement
    const hdd = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In' as const, values: ['hdd'] }] }] } };
    const pinned = s.scheduleOne(pod('p3', { labels: { app: 'one' }, spec: { ...inPool, affinity: { nodeAffinity: hdd } } }), state);
    assert.equal(pinned.nodeName, 'b');
    assert.deepEqual(pinned.scheduling.filteredBy, { a: 'NodeAffinity', c: 'NodeAffinity' });
  });

  it('an explanation read after later cycles still lists its own rejected nodes (scratch buffers are reused)', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, { labels: { disk: i % 2 ? 'ssd' : 'hdd' }, taints: i % 5 === 0 ? [dedicated] : undefined }));
    const state = cluster(nodes);
    const s = scheduler();
    const first = s.scheduleOne(pod('p1', { spec: { nodeSelector: { disk: 'ssd' } } }), state);
    const later = [2, 3, 4].map((i) => s.scheduleOne(pod(`p${i}`, { spec: { nodeSelector: { disk: 'hdd' } } }), state));
    const expected = nodes.map((n) => n.metadata?.name as string).filter((_, i) => i % 2 === 0 || i % 5 === 0).sort();
    assert.deepEqual(Object.keys(first.scheduling.filtered).sort(), expected);
    assert.equal(first.scheduling.filteredBy?.n01, undefined);
    assert.equal(first.scheduling.filteredBy?.n05, 'TaintToleration');
    assert.equal(first.scheduling.filteredBy?.n02, 'NodeAffinity');
    for (const o of later) assert.ok(Object.keys(o.scheduling.filtered).length >= 20);
    // a discarded explanation gives its buffers back without copying; the others stay readable
    s.discardExplanation(later[2].scheduling);
    s.scheduleOne(pod('p5'), state);
    assert.equal(later[1].scheduling.filteredBy?.n01, 'NodeAffinity');
    assert.deepEqual(Object.keys(first.scheduling.filtered).sort(), expected);
  });

  it('discarding explanations (their buffers reused) changes no later outcome', () => {
    const run = (discard: boolean) => {
      const nodes = Array.from({ length: 30 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, { cpu: String(2 + (i % 3)), labels: { [ZONE]: `z${i % 3}`, disk: i % 2 ? 'ssd' : 'hdd' } }));
      const state = cluster(nodes);
      const s = scheduler();
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        const o = s.scheduleOne(pod(`p${i}`, { cpu: `${200 + (i % 4) * 300}m`, labels: { app: `a${i % 3}` }, spec: i % 5 === 0 ? { nodeSelector: { disk: 'ssd' } } : {} }), state);
        out.push(JSON.stringify([o.nodeName, o.scheduling.scores, o.scheduling.filtered]));
        if (discard) s.discardExplanation(o.scheduling);
      }
      return out;
    };
    const kept = run(false);
    const discarded = run(true);
    assert.deepEqual(discarded, kept);
    assert.ok(kept.some((t) => Object.keys(JSON.parse(t)[1]).length > 10));
    // an explanation discarded before it was read reads as empty afterwards, not as a later cycle's
    const state = cluster(Array.from({ length: 30 }, (_, i) => node(`m${i}`, { labels: { disk: i % 2 ? 'ssd' : 'hdd' } })));
    const s = scheduler();
    const first = s.scheduleOne(pod('q1', { spec: { nodeSelector: { disk: 'ssd' } } }), state);
    s.discardExplanation(first.scheduling);
    s.scheduleOne(pod('q2', { spec: { nodeSelector: { disk: 'ssd' } } }), state);
    assert.deepEqual([first.scheduling.scores, first.scheduling.filtered, first.nodeName !== null], [{}, {}, true]);
  });

  it('deferred explanation views: read through the helpers at once, as properties once finished', () => {
    const nodes = () => cluster(Array.from({ length: 30 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, { labels: { disk: i % 3 ? 'ssd' : 'hdd' } })));
    const plain = scheduler();
    const deferred = scheduler();
    deferred.deferViews = true;
    const a = nodes();
    const b = nodes();
    for (let i = 0; i < 6; i++) {
      const p = () => pod(`p${i}`, { cpu: '100m', spec: { nodeSelector: { disk: 'ssd' } } });
      const want = plain.scheduleOne(p(), a);
      const got = deferred.scheduleOne(p(), b);
      assert.equal(got.nodeName, want.nodeName);
      // the helpers see the columns and the record before any property is installed
      assert.equal(scoredNodeCount(got.scheduling), 20);
      assert.equal(filteredNodeCount(got.scheduling), 10);
      assert.deepEqual(topScores(got.scheduling, 3, got.nodeName), topScores(want.scheduling, 3, want.nodeName));
      assert.deepEqual([got.scheduling.scores, got.scheduling.filtered], [{}, {}]);
      if (i % 2 === 0) {
        deferred.finishExplanation(got.scheduling);
        assert.equal(JSON.stringify(got.scheduling), JSON.stringify(want.scheduling));
      } else {
        deferred.discardExplanation(got.scheduling);
        deferred.finishExplanation(got.scheduling);
        assert.deepEqual([got.scheduling.scores, got.scheduling.filtered], [{}, {}]);
      }
    }
  });

  it('a record limit keeps the first rejected nodes of scheduled pods and every one of pods that fit nowhere', () => {
    // 160 nodes (the walk examines 100+ per pod and rotates): most tainted, some cordoned, 12 open ones
    const nodes = () => cluster(Array.from({ length: 160 }, (_, i) => node(`n${String(i).padStart(3, '0')}`, {
      cpu: '2', labels: { disk: i % 4 === 0 ? 'hdd' : 'ssd' }, unschedulable: i % 9 === 0, taints: i % 13 === 0 ? undefined : [dedicated],
    })));
    const full = scheduler();
    const capped = scheduler();
    capped.recordLimit = 20;
    const a = nodes();
    const b = nodes();
    const hdd = { nodeSelector: { disk: 'hdd' } };
    const specs: [Record<string, unknown>, string][] = [[{}, '600m'], [hdd, '600m'], [{ nodeSelector: { disk: 'none' } }, '600m'], [{}, '600m'], [hdd, '600m'], [{}, '3'], [{ nodeSelector: { disk: 'ssd' } }, '600m'], [{}, '600m']];
    let failures = 0;
    specs.forEach(([spec, cpu], i) => {
      const p = () => pod(`p${i}`, { cpu, spec });
      const want = full.scheduleOne(p(), a);
      const got = capped.scheduleOne(p(), b);
      assert.equal(got.nodeName, want.nodeName, `p${i}`);
      assert.equal(got.message, want.message);
      assert.equal(filteredNodeCount(got.scheduling), filteredNodeCount(want.scheduling));
      assert.ok(filteredNodeCount(want.scheduling) > 20, 'more rejected nodes than the limit');
      assert.deepEqual(firstFiltered(got.scheduling, 20), firstFiltered(want.scheduling, 20));
      assert.deepEqual(got.scheduling.scores, want.scheduling.scores);
      assert.equal(capped.nextStartNodeIndex, full.nextStartNodeIndex);
      if (got.nodeName === null) {
        // the pod fits nowhere: its explanation lists every rejected node, as without a limit
        failures++;
        assert.deepEqual(got.scheduling.filtered, want.scheduling.filtered);
        assert.deepEqual(got.scheduling.filteredBy, want.scheduling.filteredBy);
      } else {
        assert.equal(Object.keys(got.scheduling.filtered).length, 20);
      }
    });
    assert.ok(failures >= 2, `${failures} pods failed`);
  });

  it('a record limit does not apply to a pod with a nominated node (its record turns keyed)', () => {
    // six nodes; the pod may only go to n1 or n2 (matchFields: the other four are PreFilter-excluded),
    // is nominated to n1, which is too small, and fits n2
    const state = cluster(['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((n) => node(n, { cpu: n === 'n1' ? '1' : '4' })));
    const s = scheduler();
    s.recordLimit = 2;
    const term = (n: string) => ({ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [n] }] });
    const byName = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('n1'), term('n2')] } };
    const p = pod('p', { cpu: '2', spec: { affinity: { nodeAffinity: byName } } });
    state.nominate(p, 'n1');
    const out = s.scheduleOne(p, state);
    assert.equal(out.nodeName, 'n2');
    assert.deepEqual(Object.keys(out.scheduling.filtered).sort(), ['n1', 'n3', 'n4', 'n5', 'n6']);
    assert.equal(out.scheduling.filteredBy?.n1, 'NodeResourcesFit');
  });

  it('pods of two profiles never share verdicts, even with equal specs but for schedulerName', () => {
    // profile "pinned" enforces addedAffinity pool=gold; the default profile does not
    const cfg = profileFromConfig({
      apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration',
      profiles: [{ schedulerName: 'default-scheduler' }, { schedulerName: 'pinned', pluginConfig: [{ name: 'NodeAffinity', args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['gold'] }] }] } } } }] }],
    });
    const s = new Scheduler(cfg.profiles, new Rng(1));
    const state = cluster([node('a', { labels: { pool: 'gold', disk: 'ssd' } }), node('b', { labels: { disk: 'ssd' } })]);
    const spec = { nodeSelector: { disk: 'ssd' } };
    const first = s.scheduleOne(pod('p1', { spec }), state);
    assert.deepEqual(first.scheduling.filtered, {});
    const pinned = s.scheduleOne(pod('p2', { spec: { ...spec, schedulerName: 'pinned' } }), state);
    assert.equal(pinned.nodeName, 'a');
    assert.deepEqual(pinned.scheduling.filteredBy, { b: 'NodeAffinity' });
    assert.deepEqual(s.scheduleOne(pod('p3', { spec }), state).scheduling.filtered, {});
  });

  it('verdicts are per cluster state: a node added later is evaluated', () => {
    const state = cluster([node('a', { taints: [dedicated] })]);
    const s = scheduler();
    assert.equal(s.scheduleOne(pod('p1'), state).nodeName, null);
    state.addNode(node('b'));
    assert.equal(s.scheduleOne(pod('p2'), state).nodeName, 'b');
    const other = cluster([node('a')]);
    assert.equal(s.scheduleOne(pod('p3'), other).nodeName, 'a');
  });

  it('PodTopologySpread counts only the nodes each pod\'s inclusion policy keeps, even with equal labels and constraints', () => {
    // ssd nodes in zones a and c, an hdd node in zone b; one matching pod runs in zone a
    const state = cluster([
      node('a1', { labels: { [ZONE]: 'a', disk: 'ssd' } }),
      node('b1', { labels: { [ZONE]: 'b', disk: 'hdd' } }),
      node('c1', { labels: { [ZONE]: 'c', disk: 'ssd' } }),
    ], [pod('old', { labels: { app: 'w' }, nodeName: 'a1' })]);
    const constraint = { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'w' } } };
    const spread = (name: string, disk?: string) => pod(name, { labels: { app: 'w' }, spec: { ...(disk ? { nodeSelector: { disk } } : {}), topologySpreadConstraints: [constraint] } });
    const s = scheduler();
    // Honor (the default nodeAffinityPolicy): an hdd-only pod counts zone b alone (0): it fits on b1
    assert.equal(s.scheduleOne(spread('hdd', 'hdd'), state).nodeName, 'b1');
    // same labels and constraints, ssd only: zones a (1) and c (0) count, zone b not; a1 is skewed out
    const ssd = s.scheduleOne(spread('ssd', 'ssd'), state);
    assert.equal(ssd.nodeName, 'c1');
    assert.deepEqual(ssd.scheduling.filteredBy, { a1: 'PodTopologySpread', b1: 'NodeAffinity' });
    // no nodeSelector: every zone counts (1 each now): every node fits; then zone b has 2 and is skewed out
    const any = s.scheduleOne(spread('any'), state);
    assert.deepEqual([any.scheduling.filteredBy, any.nodeName !== null], [{}, true]);
    const full = any.nodeName === 'b1' ? 'b1' : any.nodeName === 'a1' ? 'a1' : 'c1';
    assert.deepEqual(s.scheduleOne(spread('any2'), state).scheduling.filteredBy, { [full]: 'PodTopologySpread' });
  });

  it('a pod counter made after pods are placed counts them, and follows removals', () => {
    const state = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('n2', { labels: { [ZONE]: 'b' } })]);
    const placed = [
      pod('w1', { labels: { app: 'w', tier: 'x' } }), pod('w2', { labels: { app: 'w' } }), pod('v1', { labels: { app: 'v' } }),
      pod('w3', { namespace: 'other', labels: { app: 'w' } }),
    ];
    state.assume(placed[0], 'n1');
    state.assume(placed[1], 'n2');
    state.assume(placed[2], 'n2');
    state.assume(placed[3], 'n1');
    const c = state.counter(new Set(['default']), { matchLabels: { app: 'w' } }, true);
    assert.deepEqual([c.perNode[0], c.perNode[1], c.total], [1, 1, 2]);
    assert.deepEqual([...c.positiveDomains(ZONE)].sort(), [['a', 1], ['b', 1]]);
    // an expression selector needing two labels: indexed by the first, the rest checked per pod
    const both = state.counter(null, { matchLabels: { app: 'w' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, false);
    assert.equal(both.total, 1);
    state.removePod(placed[0]);
    assert.deepEqual([c.perNode[0], c.total, both.total], [0, 1, 0]);
    assert.deepEqual([...c.positiveDomains(ZONE)], [['b', 1]]);
    // a counter made after the removal does not see the removed pod
    const late = state.counter(null, { matchLabels: { app: 'w' } }, false);
    assert.deepEqual([late.perNode[0], late.perNode[1], late.total], [1, 1, 2]);
    assert.equal(podInfoOf(placed[3]).namespace, 'other');
    assert.ok(new ClusterState().counter(null, { matchLabels: { app: 'w' } }, false).total === 0);
  });
});
