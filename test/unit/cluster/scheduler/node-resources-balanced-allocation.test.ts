import assert from 'node:assert/strict';
import { cluster, cycle, node, pod } from './helpers';
import { NodeResourcesBalancedAllocation } from '../../../../src/cluster/scheduler/plugins/node-resources-balanced-allocation';
import { balancedAllocationArgs } from '../../../../src/cluster/scheduler/args';

const plugin = (cfg: object = {}) => new NodeResourcesBalancedAllocation(balancedAllocationArgs(cfg, () => undefined));

describe('NodeResourcesBalancedAllocation', () => {
  it('two resources: trunc((1 − |f_cpu − f_mem|/2)·100) over actual requests', () => {
    const s = cluster([node('n')], [pod('old', { nodeName: 'n', cpu: '1', memory: '2Gi' })]);
    const cs = cycle(s, pod('p', { cpu: '1', memory: '1Gi' }));
    const b = plugin();
    assert.equal(b.preScore(cs).code, 'Success');
    // f_cpu = 2000/4000 = 0.5, f_mem = 3Gi/16Gi = 0.1875, std = 0.15625 -> 84
    assert.equal(b.score(cs, s.node('n')!), 84);
  });

  it('three resources: population standard deviation', () => {
    const s = cluster([node('n', { extra: { 'ephemeral-storage': '100Gi' } })], [pod('old', { nodeName: 'n', cpu: '1', memory: '2Gi' })]);
    const p = pod('p', { spec: { containers: [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '10Gi' } } }] } });
    const cs = cycle(s, p);
    const b = plugin({ resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'ephemeral-storage', weight: 1 }] });
    b.preScore(cs);
    // fractions 0.5, 0.1875, 0.1; mean 0.2625; var = (0.05640625 + 0.005625 + 0.02640625)/3; std = 0.171695 -> 82
    assert.equal(b.score(cs, s.node('n')!), 82);
  });

  it('fractions are capped at 1', () => {
    const s = cluster([node('n', { cpu: '1', memory: '1Gi' })], [pod('old', { nodeName: 'n', cpu: '3' })]);
    const cs = cycle(s, pod('p', { cpu: '1', memory: '512Mi' }));
    const b = plugin();
    b.preScore(cs);
    // f_cpu = min(4, 1) = 1, f_mem = 0.5 -> std 0.25 -> 75
    assert.equal(b.score(cs, s.node('n')!), 75);
  });

  it('PreScore skips best-effort pods (no request for any configured resource)', () => {
    const s = cluster([node('n')]);
    assert.equal(plugin().preScore(cycle(s, pod('p'))).code, 'Skip');
  });
});
