import assert from 'node:assert/strict';
import { cluster, cycle, node, pod, scheduler } from './helpers';
import { PodTopologySpread, ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from '../../../../src/cluster/scheduler/plugins/pod-topology-spread';
import { podTopologySpreadArgs } from '../../../../src/cluster/scheduler/args';
import type { TopologySpreadConstraint } from '../../../../src/cluster/k8s';
import type { ClusterState } from '../../../../src/cluster/scheduler/cluster-state';
import { podInfoOf } from '../../../../src/cluster/scheduler/pod-info';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const pts = () => new PodTopologySpread(podTopologySpreadArgs({}, () => undefined));
const web = (name: string, nodeName?: string, extra: Record<string, string> = {}) => pod(name, { nodeName, labels: { app: 'web', ...extra } });
const spread = (c: TopologySpreadConstraint[], labels: Record<string, string> = { app: 'web' }, spec = {}) => pod('in', { labels, spec: { topologySpreadConstraints: c, ...spec } });
const sel = { matchLabels: { app: 'web' } };

/** n1, n2 in zone a; n3 in zone b; web pods: n1 ×2, n2 ×1 */
function threeNodes(): ClusterState {
  return cluster(
    [node('n1', { labels: { [ZONE]: 'a' } }), node('n2', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } })],
    [web('w1', 'n1'), web('w2', 'n1'), web('w3', 'n2')],
  );
}

function filterAll(s: ClusterState, p: ReturnType<typeof pod>): Record<string, string> {
  const pl = pts();
  const cs = cycle(s, p);
  const pre = pl.preFilter(cs, s.nodes());
  if (pre.status.code === 'Skip') return { skipped: 'Skip' };
  return Object.fromEntries(s.nodes().map((n) => {
    const st = pl.filter(cs, n);
    return [n.name, st.code === 'Success' ? 'ok' : `${st.code}: ${st.reasons.join()}`];
  }));
}

describe('PodTopologySpread', () => {
  describe('Filter (DoNotSchedule)', () => {
    it('skew = count(domain) + selfMatch − min must not exceed maxSkew', () => {
      const r = filterAll(threeNodes(), spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel }]));
      // zone a: 3 + 1 − 0 = 4 > 1; zone b: 0 + 1 − 0 = 1
      assert.deepEqual(r, { n1: `Unschedulable: ${ErrReasonConstraintsNotMatch}`, n3: 'ok', n2: `Unschedulable: ${ErrReasonConstraintsNotMatch}` });
    });

    it('AddPod (nominated pods, preemption dry runs) matches the selector alone: a terminating pod counts', () => {
      // zone a: 3, zone b: 0 -> n3 ok; adding a terminating web pod on n3 makes b 1 + 1 − 1 = 1: still ok,
      // two of them make b 2 + 1 − 2... the minimum moves: use one zone-b node and count skew directly
      const s = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } })], [web('w1', 'n1')]);
      const pl = pts();
      const cs = cycle(s, spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel }]));
      pl.preFilter(cs, s.nodes());
      const n3 = s.node('n3')!;
      assert.equal(pl.filter(cs, n3).code, 'Success'); // b: 0 + 1 − 0 = 1
      const leaving = web('leaving');
      leaving.metadata!.deletionTimestamp = '2026-01-01T00:00:00Z';
      pl.addPod(cs, podInfoOf(leaving), n3);
      pl.addPod(cs, podInfoOf(web('other')), n3);
      // b: 2 + 1 − 1 = 2 > 1 (the terminating pod counts here, unlike in the initial count)
      assert.equal(pl.filter(cs, n3).code, 'Unschedulable');
    });

    it('a pod that does not match its own selector adds no self count', () => {
      const s = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } })], [web('w1', 'n1')]);
      const r = filterAll(s, spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel }], { app: 'other' }));
      assert.deepEqual(r, { n1: 'ok', n3: 'ok' }); // 1 + 0 − 0 = 1
    });

    it('minDomains: fewer domains than minDomains makes the global minimum 0', () => {
      const s = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } })], [web('w1', 'n1'), web('w2', 'n1'), web('w3', 'n3')]);
      const c: TopologySpreadConstraint = { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel };
      // counts a=2, b=1, min 1: b -> 1+1−1 = 1 ok
      assert.equal(filterAll(s, spread([c])).n3, 'ok');
      // minDomains 3 > 2 domains: min 0, b -> 2 > 1
      assert.equal(filterAll(s, spread([{ ...c, minDomains: 3 }])).n3, `Unschedulable: ${ErrReasonConstraintsNotMatch}`);
    });

    it('a node without the topology key is UnschedulableAndUnresolvable (missing required label)', () => {
      const s = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('bare')]);
      const r = filterAll(s, spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel }]));
      assert.equal(r.bare, `UnschedulableAndUnresolvable: ${ErrReasonNodeLabelNotMatch}`);
    });

    it('nodeAffinityPolicy Honor (default) leaves out domains of nodes the pod cannot go to; Ignore keeps them', () => {
      const s = cluster([node('n1', { labels: { [ZONE]: 'a', pool: 'x' } }), node('n3', { labels: { [ZONE]: 'b' } })], [web('w1', 'n1')]);
      const c: TopologySpreadConstraint = { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel };
      // Honor: only zone a counts (1 pod), min 1: a -> 1+1−1 = 1 ok
      assert.equal(filterAll(s, spread([c], { app: 'web' }, { nodeSelector: { pool: 'x' } })).n1, 'ok');
      // Ignore: zone b (0 pods) is a domain, min 0: a -> 2 > 1
      assert.equal(filterAll(s, spread([{ ...c, nodeAffinityPolicy: 'Ignore' }], { app: 'web' }, { nodeSelector: { pool: 'x' } })).n1, `Unschedulable: ${ErrReasonConstraintsNotMatch}`);
    });

    it('nodeTaintsPolicy Honor leaves out tainted nodes the pod does not tolerate (default Ignore keeps them)', () => {
      const s = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('t', { labels: { [ZONE]: 'b' }, taints: [{ key: 'd', effect: 'NoSchedule' }] })], [web('w1', 'n1')]);
      const c: TopologySpreadConstraint = { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel };
      assert.equal(filterAll(s, spread([c])).n1, `Unschedulable: ${ErrReasonConstraintsNotMatch}`);
      assert.equal(filterAll(s, spread([{ ...c, nodeTaintsPolicy: 'Honor' }])).n1, 'ok');
    });

    it('matchLabelKeys narrows the selector with the incoming pod\'s label values', () => {
      const s = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } })], [web('old1', 'n1', { rev: '1' }), web('old2', 'n1', { rev: '1' })]);
      const c: TopologySpreadConstraint = { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel, matchLabelKeys: ['rev'] };
      // only rev=2 pods count: none anywhere
      assert.equal(filterAll(s, spread([c], { app: 'web', rev: '2' })).n1, 'ok');
      assert.equal(filterAll(s, spread([{ ...c, matchLabelKeys: undefined }], { app: 'web', rev: '2' })).n1, `Unschedulable: ${ErrReasonConstraintsNotMatch}`);
    });

    it('terminating pods and pods of other namespaces are not counted', () => {
      const term = web('gone', 'n1');
      term.metadata!.deletionTimestamp = '2024-01-01T00:00:00Z';
      const s = cluster([node('n1', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } })], [term, pod('other', { nodeName: 'n1', namespace: 'x', labels: { app: 'web' } })]);
      assert.equal(filterAll(s, spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel }])).n1, 'ok');
    });

    it('PreFilter skips pods with only ScheduleAnyway constraints', () => {
      assert.deepEqual(filterAll(threeNodes(), spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: sel }])), { skipped: 'Skip' });
    });
  });

  describe('Score (ScheduleAnyway)', () => {
    it('zone constraint: round(count·ln(#domains+2) + maxSkew−1), normalized 100·(max+min−s)/max', () => {
      const out = scheduler().scheduleOne(spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: sel }]), threeNodes());
      // w = ln 4; a: round(3·1.386) = 4, b: 0 -> n1, n2: 100·(4+0−4)/4 = 0; n3: 100
      assert.equal(out.scheduling.scores.n1.plugins.PodTopologySpread, 0);
      assert.equal(out.scheduling.scores.n2.plugins.PodTopologySpread, 0);
      assert.equal(out.scheduling.scores.n3.plugins.PodTopologySpread, 100);
    });

    it('hostname + zone constraints', () => {
      const out = scheduler().scheduleOne(spread([
        { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: sel },
        { maxSkew: 2, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: sel },
      ]), threeNodes());
      // host w = ln 5 = 1.6094, zone w = ln 4 = 1.3863
      // n1: 2·1.6094+1 + 3·1.3863 = 8.378 -> 8; n2: 1.6094+1 + 4.1589 = 6.768 -> 7; n3: 0+1 + 0 = 1
      // min 1, max 8: n1 100·1/8 = 12, n2 100·2/8 = 25, n3 100·8/8 = 100
      assert.deepEqual([out.scheduling.scores.n1.plugins.PodTopologySpread, out.scheduling.scores.n2.plugins.PodTopologySpread, out.scheduling.scores.n3.plugins.PodTopologySpread], [12, 25, 100]);
    });

    it('with the pod\'s own constraints, feasible nodes missing a key are ignored (score 0)', () => {
      const s = threeNodes();
      s.addNode(node('bare'));
      const out = scheduler().scheduleOne(spread([{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: sel }]), s);
      assert.equal(out.scheduling.scores.bare.plugins.PodTopologySpread, 0);
      assert.equal(out.scheduling.scores.n3.plugins.PodTopologySpread, 100);
    });

    it('system defaults: hostname maxSkew 3 and zone maxSkew 5 with the controller\'s selector', () => {
      const s = threeNodes();
      s.addController({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-rs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } });
      const p = pod('web-x', { labels: { app: 'web' } });
      p.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', controller: true }];
      const out = scheduler().scheduleOne(p, s);
      // n1: 2·ln5+2 + 3·ln4+4 = 13.38 -> 13; n2: ln5+2 + 3·ln4+4 = 11.77 -> 12; n3: 2 + 4 = 6
      // min 6, max 13: n1 100·6/13 = 46; n2 100·7/13 = 53; n3 100
      assert.deepEqual([out.scheduling.scores.n1.plugins.PodTopologySpread, out.scheduling.scores.n2.plugins.PodTopologySpread, out.scheduling.scores.n3.plugins.PodTopologySpread], [46, 53, 100]);
    });

    it('system defaults: a node without the zone label adds the "" domain to the zone weight but scores no zone count', () => {
      const s = threeNodes();
      s.addNode(node('bare'));
      s.addController({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-rs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } });
      const p = pod('web-x', { labels: { app: 'web' } });
      p.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', controller: true }];
      const out = scheduler().scheduleOne(p, s);
      // zone domains a, b, "" -> w = ln 5; hostname over 4 nodes -> w = ln 6
      // n1: 3·ln5+4 + 2·ln6+2 = 14.41 -> 14; n2: 3·ln5+4 + ln6+2 = 12.62 -> 13; n3: 4 + 2 = 6; bare: 0·ln6+2 = 2
      // min 2, max 14: n1 100·2/14 = 14; n2 100·3/14 = 21; n3 100·10/14 = 71; bare 100
      const sc = out.scheduling.scores;
      assert.deepEqual(['n1', 'n2', 'n3', 'bare'].map((n) => sc[n].plugins.PodTopologySpread), [14, 21, 71, 100]);
    });

    it('system defaults: pods on a node without the zone label count in the "" domain a node labelled zone="" reads', () => {
      const s = cluster([node('n0'), node('n1', { labels: { [ZONE]: '' } }), node('n2', { labels: { [ZONE]: 'a' } })], [pod('e3', { labels: { app: 'x' }, nodeName: 'n0' })]);
      s.addService({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { app: 'x' } } });
      const out = scheduler().scheduleOne(pod('new', { labels: { app: 'x' } }), s);
      // zone domains "" and a -> w = ln 4; hostname over 3 nodes -> w = ln 5; initPreScoreState counts n0's
      // pod under node.Labels[zone] = "", which n1 reads:
      // n0: 1·ln5+2 = 3.61 -> 4 (no zone term); n1: 0·ln5+2 + 1·ln4+4 = 7.39 -> 7; n2: 2 + 0·ln4+4 = 6
      // min 4, max 7: n0 100·7/7 = 100; n1 100·4/7 = 57; n2 100·5/7 = 71
      const sc = out.scheduling.scores;
      assert.deepEqual(['n0', 'n1', 'n2'].map((n) => sc[n].plugins.PodTopologySpread), [100, 57, 71]);
    });

    it('system defaults also come from Services selecting the pod; a pod in no Service and without controller is skipped', () => {
      const s = threeNodes();
      const lone = scheduler().scheduleOne(pod('lone', { labels: { app: 'web' } }), s);
      assert.ok(!('PodTopologySpread' in lone.scheduling.scores.n1.plugins));
      s.addService({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } });
      const served = scheduler().scheduleOne(pod('served', { labels: { app: 'web' } }), s);
      assert.ok('PodTopologySpread' in served.scheduling.scores.n1.plugins);
    });

    it('defaultingType List uses the configured default constraints', () => {
      const pl = new PodTopologySpread(podTopologySpreadArgs({ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' }] }, () => undefined));
      const s = threeNodes();
      s.addService({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } });
      const cs = cycle(s, pod('p', { labels: { app: 'web' } }));
      assert.equal(pl.preFilter(cs, s.nodes()).status.code, 'Success');
      assert.equal(pl.filter(cs, s.node('n1')!).code, 'Unschedulable');
      assert.equal(pl.filter(cs, s.node('n3')!).code, 'Success');
    });
  });
});
