import assert from 'node:assert/strict';
import { cluster, cycle, node, pod, scheduler } from './helpers';
import { TaintToleration, ErrReasonUntoleratedTaints } from '../../../../src/cluster/scheduler/plugins/taint-toleration';
import { toleratesTaint } from '../../../../src/cluster/scheduler/helpers/taints';

describe('TaintToleration', () => {
  it('toleration matching: effect, key, Exists/Equal, empty key with Exists', () => {
    const t = { key: 'k', value: 'v', effect: 'NoSchedule' };
    assert.ok(toleratesTaint({ key: 'k', operator: 'Equal', value: 'v' }, t));
    assert.ok(toleratesTaint({ key: 'k', value: 'v', effect: 'NoSchedule' }, t));
    assert.ok(!toleratesTaint({ key: 'k', value: 'w' }, t));
    assert.ok(!toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, t));
    assert.ok(toleratesTaint({ operator: 'Exists' }, t));
    assert.ok(!toleratesTaint({ key: 'k', operator: 'Gt', value: '1' }, t));
  });

  it('Filter: untolerated NoSchedule/NoExecute taints are UnschedulableAndUnresolvable; PreferNoSchedule ignored', () => {
    const s = cluster([
      node('a', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }),
      node('b', { taints: [{ key: 'x', value: '1', effect: 'NoExecute' }] }),
    ]);
    const tt = new TaintToleration();
    const cs = cycle(s, pod('p'));
    assert.equal(tt.filter(cs, s.node('a')!).code, 'Success');
    const st = tt.filter(cs, s.node('b')!);
    assert.equal(st.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(st.reasons, [ErrReasonUntoleratedTaints]);
    assert.equal(tt.filter(cycle(s, pod('q', { tolerations: [{ key: 'x', operator: 'Exists' }] })), s.node('b')!).code, 'Success');
  });

  it('Score: counts untolerated PreferNoSchedule taints, normalized reversed (fewest -> 100)', () => {
    const pref = (k: string) => ({ key: k, effect: 'PreferNoSchedule' });
    const s = cluster([node('a', { taints: [pref('x'), pref('y')] }), node('b', { taints: [pref('x')] }), node('c')]);
    const out = scheduler().scheduleOne(pod('p', { tolerations: [{ key: 'z', operator: 'Exists', effect: 'NoSchedule' }] }), s);
    // raw 2, 1, 0 -> 100 − 100·raw/2
    assert.equal(out.scheduling.scores.a.plugins.TaintToleration, 0);
    assert.equal(out.scheduling.scores.b.plugins.TaintToleration, 50);
    assert.equal(out.scheduling.scores.c.plugins.TaintToleration, 100);
    assert.equal(out.scheduling.weights?.TaintToleration, 3);
    // tolerations with effect NoSchedule do not count for PreferNoSchedule; an empty-effect one does
    const s2 = cluster([node('a', { taints: [pref('x')] }), node('b')]);
    const out2 = scheduler().scheduleOne(pod('q', { tolerations: [{ key: 'x', operator: 'Exists' }] }), s2);
    assert.equal(out2.scheduling.scores.a.plugins.TaintToleration, 100);
  });
});
