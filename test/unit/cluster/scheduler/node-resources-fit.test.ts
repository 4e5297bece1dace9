import assert from 'node:assert/strict';
import { cluster, cycle, node, pod, scheduler } from './helpers';
import { NodeResourcesFit, ErrReasonTooManyPods } from '../../../../src/cluster/scheduler/plugins/node-resources-fit';
import { nodeResourcesFitArgs } from '../../../../src/cluster/scheduler/args';
import { profileFromConfig } from '../../../../src/cluster/scheduler/profile';

const GI = 2 ** 30;
const fit = (cfg: object = {}) => new NodeResourcesFit(nodeResourcesFitArgs(cfg, () => undefined));

describe('NodeResourcesFit', () => {
  describe('Filter', () => {
    it('reports Too many pods first, then cpu, memory, ephemeral-storage, then scalars', () => {
      const s = cluster([node('n', { cpu: '1', memory: '1Gi', pods: 1, extra: { 'ephemeral-storage': '1Gi', 'example.com/foo': 1 } })], [pod('old', { nodeName: 'n', cpu: '500m', memory: '512Mi' })]);
      const p = pod('p', { cpu: '600m', memory: '600Mi', spec: { containers: [{ name: 'a', resources: { requests: { cpu: '600m', memory: '600Mi', 'ephemeral-storage': '2Gi', 'example.com/foo': '2' } } }] } });
      const st = fit().filter(cycle(s, p), s.node('n')!);
      assert.deepEqual(st.reasons, [ErrReasonTooManyPods, 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage', 'Insufficient example.com/foo']);
      // ephemeral-storage 2Gi > whole node 1Gi: unresolvable
      assert.equal(st.code, 'UnschedulableAndUnresolvable');
    });

    it('Unschedulable when only the free part is too small; a missing extended resource counts as 0', () => {
      const s = cluster([node('n', { cpu: '1' })], [pod('old', { nodeName: 'n', cpu: '800m' })]);
      const st = fit().filter(cycle(s, pod('p', { cpu: '300m' })), s.node('n')!);
      assert.equal(st.code, 'Unschedulable');
      assert.deepEqual(st.reasons, ['Insufficient cpu']);
      const gpu = pod('g', { spec: { containers: [{ name: 'a', resources: { requests: { 'nvidia.com/gpu': '1' } } }] } });
      const st2 = fit().filter(cycle(s, gpu), s.node('n')!);
      assert.deepEqual(st2.reasons, ['Insufficient nvidia.com/gpu']);
      assert.equal(st2.code, 'UnschedulableAndUnresolvable');
    });

    it('ignoredResources and ignoredResourceGroups skip extended resources', () => {
      const s = cluster([node('n')]);
      const p = pod('g', { spec: { containers: [{ name: 'a', resources: { requests: { 'nvidia.com/gpu': '1', 'example.com/x': '1' } } }] } });
      assert.equal(fit({ ignoredResources: ['nvidia.com/gpu'], ignoredResourceGroups: ['example.com'] }).filter(cycle(s, p), s.node('n')!).code, 'Success');
    });

    it('zero requests are never checked, only the pod count', () => {
      const s = cluster([node('n', { cpu: '0', memory: '0' })]);
      assert.equal(fit().filter(cycle(s, pod('p')), s.node('n')!).code, 'Success');
    });
  });

  describe('Score', () => {
    // node: cpu 4000m, memory 16Gi; existing pod 1 cpu / 2Gi; incoming pod: one container without
    // requests -> non-zero 100m / 200Mi.
    const setup = () => {
      const s = cluster([node('busy'), node('idle')], [pod('old', { nodeName: 'busy', cpu: '1', memory: '2Gi' })]);
      return { s, cs: cycle(s, pod('p')) };
    };

    it('LeastAllocated: ((A−R)·100/A per resource, weighted mean), int division', () => {
      const { s, cs } = setup();
      const f = fit();
      f.preScore(cs);
      // busy: cpu (4000−1100)·100/4000 = 72; memory (16Gi − 2Gi − 200Mi)·100/16Gi = 86; (72+86)/2 = 79
      assert.equal(f.score(cs, s.node('busy')!), 79);
      // idle: cpu 3900·100/4000 = 97; memory (16Gi − 200Mi)·100/16Gi = 98; (97+98)/2 = 97
      assert.equal(f.score(cs, s.node('idle')!), 97);
    });

    it('explicit zero requests get no default', () => {
      const s = cluster([node('n')]);
      const cs = cycle(s, pod('p', { cpu: '0', memory: '0' }));
      const f = fit();
      f.preScore(cs);
      assert.equal(f.score(cs, s.node('n')!), 100);
    });

    it('MostAllocated: min(R,A)·100/A', () => {
      const { s, cs } = setup();
      const f = fit({ scoringStrategy: { type: 'MostAllocated' } });
      f.preScore(cs);
      // cpu 1100·100/4000 = 27; memory (2Gi+200Mi)·100/16Gi = 13; (27+13)/2 = 20
      assert.equal(f.score(cs, s.node('busy')!), 20);
    });

    it('RequestedToCapacityRatio: shape ×10, Go math.Round of the weighted mean', () => {
      const { s, cs } = setup();
      const f = fit({ scoringStrategy: { type: 'RequestedToCapacityRatio', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }], requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] } } });
      f.preScore(cs);
      // utilization cpu 27% -> 27, memory 13% -> 13; (27·3 + 13·1)/4 = 23.5 -> 24
      assert.equal(f.score(cs, s.node('busy')!), 24);
    });

    it('is weighted 1 in the default profile and appears per node in the explanation', () => {
      const { s } = setup();
      const out = scheduler().scheduleOne(pod('p'), s);
      assert.equal(out.scheduling.weights?.NodeResourcesFit, 1);
      assert.equal(out.scheduling.scores.busy.plugins.NodeResourcesFit, 79);
      assert.equal(out.scheduling.scores.idle.plugins.NodeResourcesFit, 97);
    });

    it('scoring strategy from a KubeSchedulerConfiguration', () => {
      const { profile } = profileFromConfig({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }] }] });
      const { s } = setup();
      const out = scheduler(profile).scheduleOne(pod('p'), s);
      assert.equal(out.scheduling.scores.busy.plugins.NodeResourcesFit, 20);
      assert.equal(GI, 2 ** 30);
    });
  });
});
