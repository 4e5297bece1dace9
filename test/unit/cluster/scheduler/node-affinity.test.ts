import assert from 'node:assert/strict';
import { cluster, cycle, node, pod, scheduler } from './helpers';
import { NodeAffinity, ErrReasonPod, ErrReasonEnforced, ErrReasonConflict } from '../../../../src/cluster/scheduler/plugins/node-affinity';
import { compileNodeSelector } from '../../../../src/cluster/scheduler/helpers/node-selector';
import type { NodeSelectorTerm } from '../../../../src/cluster/k8s';

const required = (...terms: NodeSelectorTerm[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
const n = (labels: Record<string, string>, name = 'n') => ({ name, labels });

describe('NodeAffinity', () => {
  describe('node selector semantics', () => {
    it('terms are ORed, expressions ANDed; In/NotIn/Exists/DoesNotExist', () => {
      const m = compileNodeSelector({ nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'gpu', operator: 'DoesNotExist' }] },
        { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      ] });
      assert.ok(m(n({ zone: 'a' })));
      assert.ok(!m(n({ zone: 'a', gpu: '1' })));
      assert.ok(m(n({ tier: 'x', gpu: '1' })));
      assert.ok(!m(n({ zone: 'c' })));
      const notIn = compileNodeSelector({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }] });
      assert.ok(notIn(n({})), 'NotIn matches a node without the key');
    });

    it('Gt/Lt parse base-10 int64 ("0206" is 206), strictly', () => {
      const gt = compileNodeSelector({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Gt', values: ['200'] }] }] });
      assert.ok(gt(n({ v: '0206' })));
      assert.ok(!gt(n({ v: '200' })));
      assert.ok(!gt(n({ v: 'abc' })));
      const lt = compileNodeSelector({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Lt', values: ['1', '2'] }] }] });
      assert.ok(!lt(n({ v: '0' })), 'Lt with two values does not parse');
      // the value must also be a label value: a sign in front is not, so the term never matches
      for (const v of ['-5', '+1']) {
        const signed = compileNodeSelector({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Gt', values: [v] }] }] });
        assert.ok(!signed(n({ v: '10' })), `Gt ${v}`);
      }
    });

    it('empty terms are dropped and nothing left matches nothing; an invalid value spoils its term', () => {
      assert.ok(!compileNodeSelector({ nodeSelectorTerms: [{}] })(n({})));
      assert.ok(!compileNodeSelector({ nodeSelectorTerms: [] })(n({})));
      const bad = compileNodeSelector({ nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['not valid!'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
      ] });
      assert.ok(bad(n({ zone: 'b' })));
      assert.ok(!bad(n({ zone: 'not valid!' })));
    });

    it('matchFields: metadata.name In/NotIn with exactly one value', () => {
      const m = compileNodeSelector({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] });
      assert.ok(m(n({}, 'n1')));
      assert.ok(!m(n({}, 'n2')));
      const two = compileNodeSelector({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1', 'n2'] }] }] });
      assert.ok(!two(n({}, 'n1')));
    });
  });

  describe('PreFilter and Filter', () => {
    it('skips pods with no nodeSelector, no required affinity and no addedAffinity', () => {
      const s = cluster([node('a')]);
      assert.equal(new NodeAffinity({}).preFilter(cycle(s, pod('p'))).status.code, 'Skip');
    });

    it('nodeSelector and required affinity are ANDed; failure is UnschedulableAndUnresolvable', () => {
      const s = cluster([node('a', { labels: { disk: 'ssd', zone: 'x' } }), node('b', { labels: { disk: 'hdd', zone: 'x' } })]);
      const p = pod('p', { spec: { nodeSelector: { disk: 'ssd' }, ...required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }) } });
      const na = new NodeAffinity({});
      const cs = cycle(s, p);
      assert.equal(na.preFilter(cs).status.code, 'Success');
      assert.equal(na.filter(cs, s.node('a')!).code, 'Success');
      const st = na.filter(cs, s.node('b')!);
      assert.equal(st.code, 'UnschedulableAndUnresolvable');
      assert.deepEqual(st.reasons, [ErrReasonPod]);
    });

    it('addedAffinity is enforced first with its own reason', () => {
      const s = cluster([node('a', { labels: { pool: 'x' } }), node('b')]);
      const na = new NodeAffinity({ addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'Exists' }] }] } } });
      const cs = cycle(s, pod('p'));
      assert.equal(na.preFilter(cs).status.code, 'Success');
      assert.deepEqual(na.filter(cs, s.node('b')!).reasons, [ErrReasonEnforced]);
    });

    it('matchFields name sets become a PreFilterResult; conflicting sets are rejected', () => {
      const s = cluster([node('a'), node('b'), node('c')]);
      const ds = pod('ds', { spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }) });
      const r = new NodeAffinity({}).preFilter(cycle(s, ds));
      assert.deepEqual([...(r.result ?? [])], ['b']);
      const conflict = pod('c', { spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }) });
      assert.deepEqual(new NodeAffinity({}).preFilter(cycle(s, conflict)).status.reasons, [ErrReasonConflict]);
    });

    it('scheduler: nodes outside the PreFilterResult count as "didn\'t satisfy plugin(s) [NodeAffinity]"', () => {
      const s = cluster([node('a'), node('b', { cpu: '0' }), node('c')]);
      const ds = pod('ds', { cpu: '1', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }) });
      const out = scheduler().scheduleOne(ds, s);
      assert.equal(out.message, "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
      const none = pod('none', { spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['zz'] }] }) });
      assert.equal(scheduler().scheduleOne(none, s).nodeName, 'a');
    });
  });

  describe('Score', () => {
    it('sums matching preferred weights, normalized by the max (int division); Skip without preferences', () => {
      const s = cluster([node('x', { labels: { zone: 'a', disk: 'ssd' } }), node('y', { labels: { zone: 'a' } }), node('z')]);
      const p = pod('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
        { weight: 5, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
      ] } } } });
      const out = scheduler().scheduleOne(p, s);
      assert.equal(out.scheduling.scores.x.plugins.NodeAffinity, 100);
      assert.equal(out.scheduling.scores.y.plugins.NodeAffinity, 28); // 100·2/7
      assert.equal(out.scheduling.scores.z.plugins.NodeAffinity, 0);
      assert.equal(out.scheduling.weights?.NodeAffinity, 2);
      const plain = scheduler().scheduleOne(pod('q'), cluster([node('x'), node('y')]));
      assert.ok(!('NodeAffinity' in plain.scheduling.scores.x.plugins), 'PreScore Skip: plugin absent');
    });
  });
});
