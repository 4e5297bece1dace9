import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import { NodeToStatus, unschedulable, unresolvable } from '../../../../src/cluster/scheduler/framework';
import { fitErrorMessage, reasonHistogram, truncateMessage } from '../../../../src/cluster/scheduler/messages';
import { ClusterState } from '../../../../src/cluster/scheduler/cluster-state';

describe('FailedScheduling messages', () => {
  it('histogram strings sort lexicographically: "10 ..." before "2 ...", digits < uppercase < lowercase', () => {
    const st = new NodeToStatus();
    for (let i = 0; i < 10; i++) st.set(`full-${i}`, unschedulable('Insufficient cpu'));
    st.set('t1', unresolvable("node(s) had untolerated taint(s)"));
    st.set('t2', unresolvable("node(s) had untolerated taint(s)"));
    st.set('m', unschedulable('Insufficient memory', 'Insufficient cpu'));
    assert.deepEqual(reasonHistogram(st, 13), ['1 Insufficient memory', '11 Insufficient cpu', "2 node(s) had untolerated taint(s)"]);
  });

  it('nodes absent from the map contribute the absent status, counted N − explicit', () => {
    const st = new NodeToStatus();
    st.set('a', unschedulable('Insufficient cpu'));
    st.absent = unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    assert.equal(fitErrorMessage({ numAllNodes: 5, statuses: st }), "0/5 nodes are available: 1 Insufficient cpu, 4 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('a PreFilter message replaces the histogram; the PostFilter message follows without an extra period', () => {
    const st = new NodeToStatus();
    st.absent = unresolvable('pod has unbound immediate PersistentVolumeClaims');
    assert.equal(
      fitErrorMessage({ numAllNodes: 3, statuses: st, preFilterMsg: 'pod has unbound immediate PersistentVolumeClaims', postFilterMsg: 'no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' }),
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('end to end: 10 full nodes and 2 tainted ones', () => {
    const nodes = [...Array.from({ length: 10 }, (_, i) => node(`w${i}`, { cpu: '1' })), node('t1', { taints: [{ key: 'x', effect: 'NoSchedule' }] }), node('t2', { taints: [{ key: 'x', effect: 'NoExecute' }] })];
    const s = cluster(nodes, Array.from({ length: 10 }, (_, i) => pod(`busy${i}`, { nodeName: `w${i}`, cpu: '800m' })));
    const out = scheduler().scheduleOne(pod('p', { cpu: '500m' }), s);
    assert.equal(out.message, '0/12 nodes are available: 10 Insufficient cpu, 2 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/12 nodes are available: 10 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
    assert.deepEqual(out.scheduling.filtered.w0, ['Insufficient cpu']);
    assert.equal(out.scheduling.filteredBy?.t1, 'TaintToleration');
  });

  it('a node with two insufficient resources contributes both reasons', () => {
    const s = cluster([node('a', { cpu: '1', memory: '1Gi' })], [pod('old', { nodeName: 'a', cpu: '1', memory: '1Gi' })]);
    const out = scheduler().scheduleOne(pod('p', { cpu: '100m', memory: '10Mi' }), s);
    assert.ok(out.message?.startsWith('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. '));
  });

  it('no nodes at all', () => {
    assert.equal(scheduler().scheduleOne(pod('p'), new ClusterState()).message, 'no nodes available to schedule pods');
  });

  it('scheduling gates: the pod is not tried', () => {
    const out = scheduler().scheduleOne(pod('p', { spec: { schedulingGates: [{ name: 'a' }, { name: 'b' }] } }), cluster([node('n')]));
    assert.equal(out.message, 'waiting for scheduling gates: [a b]');
    assert.equal(out.nodeName, null);
    assert.equal(out.skipped, 'gated');
  });

  it('messages are truncated to 1024 characters (1020 + " ...")', () => {
    const long = 'x'.repeat(2000);
    const t = truncateMessage(long);
    assert.equal(t.length, 1024);
    assert.ok(t.endsWith('x ...'));
    assert.equal(truncateMessage('short'), 'short');
    // a real message that long: many distinct extended resources
    const extra: Record<string, number> = {};
    const req: Record<string, string> = {};
    for (let i = 0; i < 60; i++) { req[`example.com/resource-with-a-long-name-${String(i).padStart(2, '0')}`] = '1'; }
    const s = cluster([node('n', { extra })]);
    const out = scheduler().scheduleOne(pod('p', { spec: { containers: [{ name: 'c', resources: { requests: req } }] } }), s);
    assert.equal(out.message?.length, 1024);
    assert.ok(out.message?.endsWith(' ...'));
  });
});
