import assert from 'node:assert/strict';
import { Framework } from '../../../../src/cluster/scheduler/scheduler';
import { defaultProfile, mergePluginSet, profileFromConfig, type Profile } from '../../../../src/cluster/scheduler/profile';
import { Rng } from '../../../../src/cluster/rng';
import { cluster, node, pod, scheduler } from './helpers';

const names = (list: { name: string }[]) => list.map((p) => p.name);
const fw = (p: Profile) => new Framework(p, new Rng(1), () => undefined);
const cfg = (profile: object, extra: object = {}) => ({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', ...extra, profiles: [profile] });

describe('profile', () => {
  it('the default v1.34 profile expands to upstream\'s per-extension-point lists (reference §1 table)', () => {
    const f = fw(defaultProfile());
    assert.deepEqual(names(f.preEnqueue), ['SchedulingGates', 'DynamicResources', 'DefaultPreemption']);
    assert.equal(f.queueSort?.name, 'PrioritySort');
    assert.deepEqual(names(f.preFilter), ['NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DynamicResources']);
    assert.deepEqual(names(f.filter), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DynamicResources']);
    assert.deepEqual(names(f.postFilter), ['DynamicResources', 'DefaultPreemption']);
    assert.deepEqual(names(f.preScore), ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation']);
    assert.deepEqual(names(f.score), ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
    assert.deepEqual(f.weights, { TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, VolumeBinding: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 });
    assert.deepEqual(names(f.reserve), ['VolumeBinding', 'DynamicResources']);
    assert.deepEqual(names(f.bind), ['DefaultBinder']);
  });

  it('mergePluginSet: disabled names drop defaults, enabled defaults are replaced in place, others appended', () => {
    const merged = mergePluginSet(
      { enabled: [{ name: 'A' }, { name: 'B', weight: 1 }, { name: 'C' }], disabled: [] },
      { enabled: [{ name: 'D' }, { name: 'B', weight: 5 }], disabled: [{ name: 'C' }] },
    );
    assert.deepEqual(merged.enabled, [{ name: 'A' }, { name: 'B', weight: 5 }, { name: 'D' }]);
    assert.deepEqual(mergePluginSet({ enabled: [{ name: 'A' }], disabled: [] }, { enabled: [{ name: 'X' }], disabled: [{ name: '*' }] }).enabled, [{ name: 'X' }]);
  });

  it('disabled: [{name: "*"}] at a point keeps only that point\'s explicit plugins', () => {
    const { profile, warnings } = profileFromConfig(cfg({ plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit', weight: 5 }] } } }));
    assert.deepEqual(warnings, []);
    const f = fw(profile);
    assert.deepEqual(names(f.score), ['NodeResourcesFit']);
    assert.deepEqual(f.weights, { NodeResourcesFit: 5 });
    assert.equal(names(f.filter).length, 13, 'other points untouched');
  });

  it('disabling one plugin at one point; multiPoint disable removes it everywhere', () => {
    const f = fw(profileFromConfig(cfg({ plugins: { filter: { disabled: [{ name: 'TaintToleration' }] } } })).profile);
    assert.ok(!names(f.filter).includes('TaintToleration'));
    assert.ok(names(f.score).includes('TaintToleration'));
    const g = fw(profileFromConfig(cfg({ plugins: { multiPoint: { disabled: [{ name: 'NodeResourcesBalancedAllocation' }] } } })).profile);
    assert.ok(!names(g.preScore).includes('NodeResourcesBalancedAllocation'));
    assert.ok(!names(g.score).includes('NodeResourcesBalancedAllocation'));
  });

  it('a Score entry for a MultiPoint plugin overrides its weight and moves it first', () => {
    const f = fw(profileFromConfig(cfg({ plugins: { score: { enabled: [{ name: 'ImageLocality', weight: 10 }] } } })).profile);
    assert.equal(names(f.score)[0], 'ImageLocality');
    assert.equal(f.weights.ImageLocality, 10);
    const g = fw(profileFromConfig(cfg({ plugins: { multiPoint: { enabled: [{ name: 'ImageLocality', weight: 7 }] } } })).profile);
    assert.equal(g.weights.ImageLocality, 7);
    assert.equal(names(g.score).at(-1), 'ImageLocality', 'replaced in place keeps the default order');
  });

  it('unknown plugins and bad args produce warnings, not crashes', () => {
    const r = profileFromConfig(cfg({ plugins: { filter: { enabled: [{ name: 'NoSuchPlugin' }] }, bogusPoint: {} }, pluginConfig: [{ name: 'InterPodAffinity', args: { hardPodAffinityWeight: 500 } }, { name: 'Nope', args: {} }] }, { percentageOfNodesToScore: 140 }));
    assert.equal(r.warnings.length, 5);
    assert.ok(r.warnings.some((w) => w.includes('NoSuchPlugin')));
  });

  it('config upstream refuses is warned about: no QueueSort or Bind plugin, BalancedAllocation weights, both preemption minimums zero', () => {
    const { profile, warnings } = profileFromConfig(cfg({
      plugins: { queueSort: { disabled: [{ name: '*' }] }, bind: { disabled: [{ name: '*' }] } },
      pluginConfig: [
        { name: 'NodeResourcesBalancedAllocation', args: { resources: [{ name: 'cpu', weight: 2 }, { name: 'cpu', weight: 1 }] } },
        { name: 'DefaultPreemption', args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 } },
      ],
    }));
    assert.deepEqual(warnings.map((w) => w.replace(/^[^:]*pluginConfig \S+: /, '')), [
      'NodeResourcesBalancedAllocationArgs: resources[0].weight: Invalid value: 2: must be 1',
      'NodeResourcesBalancedAllocationArgs: resources[1].name: Duplicate value: "cpu"',
      'DefaultPreemptionArgs: minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be zero',
    ]);
    const built: string[] = [];
    new Framework(profile, new Rng(1), (m) => built.push(m));
    assert.deepEqual(built, [
      'no queue sort plugin is enabled (the scheduler would not start; pods are taken in arrival order)',
      'at least one bind plugin is needed (the scheduler would not start; pods are bound as DefaultBinder would)',
    ]);
  });

  it('pluginConfig args and percentageOfNodesToScore (global and per profile)', () => {
    const r = profileFromConfig(cfg({ schedulerName: 'custom', percentageOfNodesToScore: 30, pluginConfig: [
      { name: 'InterPodAffinity', args: { hardPodAffinityWeight: 7 } },
      { name: 'PodTopologySpread', args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }] } },
      { name: 'NodeResourcesBalancedAllocation', args: { resources: [{ name: 'cpu', weight: 1 }] } },
    ] }, { percentageOfNodesToScore: 60 }));
    assert.equal(r.profile.schedulerName, 'custom');
    assert.equal(r.profile.percentageOfNodesToScore, 30);
    assert.equal(r.profile.globalPercentageOfNodesToScore, 60);
    assert.deepEqual(r.profile.pluginConfig.InterPodAffinity, { hardPodAffinityWeight: 7, ignorePreferredTermsOfExistingPods: false });
    assert.equal((r.profile.pluginConfig.PodTopologySpread as { defaultingType: string }).defaultingType, 'List');
    assert.deepEqual(r.profile.pluginConfig.NodeResourcesBalancedAllocation, { resources: [{ name: 'cpu', weight: 1 }] });
    assert.equal(fw(r.profile).percentageOfNodesToScore, 30);
  });

  it('pods naming a scheduler no profile has are not scheduled', () => {
    const out = scheduler().scheduleOne(pod('p', { spec: { schedulerName: 'other' } }), cluster([node('a')]));
    assert.equal(out.skipped, 'no-profile');
    assert.equal(out.nodeName, null);
  });

  it('a profile with every score plugin disabled stops at the first feasible node', () => {
    const { profile } = profileFromConfig(cfg({ plugins: { score: { disabled: [{ name: '*' }] }, preScore: { disabled: [{ name: '*' }] } } }));
    const out = scheduler(profile).scheduleOne(pod('p'), cluster([node('a'), node('b'), node('c')]));
    assert.equal(out.nodeName, 'a');
    assert.deepEqual(out.scheduling.scores, {});
  });
});

describe('profile args reach the plugins', () => {
  const nodes = () => cluster(Array.from({ length: 120 }, (_, i) => node(`n${String(i).padStart(3, '0')}`, { labels: i % 2 ? { pool: 'gold' } : {} })));

  it('percentageOfNodesToScore: the profile value wins over the global one', () => {
    const r = profileFromConfig(cfg({ percentageOfNodesToScore: 100 }, { percentageOfNodesToScore: 10 }));
    assert.equal(Object.keys(scheduler(r.profile).scheduleOne(pod('p'), nodes()).scheduling.scores).length, 120);
    const g = profileFromConfig(cfg({}, { percentageOfNodesToScore: 90 }));
    // 120 × 90% = 108
    assert.equal(Object.keys(scheduler(g.profile).scheduleOne(pod('p'), nodes()).scheduling.scores).length, 108);
  });

  it('NodeAffinityArgs.addedAffinity: required filters with its own reason, preferred scores every pod', () => {
    const r = profileFromConfig(cfg({ pluginConfig: [{ name: 'NodeAffinity', args: { addedAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, preference: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['gold'] }] } }],
    } } }] }));
    const out = scheduler(r.profile).scheduleOne(pod('p'), cluster([node('a', { labels: { pool: 'gold' } }), node('b')]));
    assert.equal(out.scheduling.scores.a.plugins.NodeAffinity, 100);
    assert.equal(out.scheduling.scores.b.plugins.NodeAffinity, 0);
    assert.equal(out.nodeName, 'a');
    const req = profileFromConfig(cfg({ pluginConfig: [{ name: 'NodeAffinity', args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'Exists' }] }] } } } }] }));
    const o2 = scheduler(req.profile).scheduleOne(pod('q'), cluster([node('a', { labels: { pool: 'gold' } }), node('b')]));
    assert.deepEqual(o2.scheduling.filtered.b, ["node(s) didn't match scheduler-enforced node affinity"]);
  });

  it('InterPodAffinityArgs.ignorePreferredTermsOfExistingPods skips scoring for pods without preferences', () => {
    const fan = pod('fan', { nodeName: 'a', labels: { app: 'fan' }, spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } } }] } } } });
    const plain = scheduler().scheduleOne(pod('p', { labels: { app: 'x' } }), cluster([node('a'), node('b')], [fan]));
    assert.equal(plain.scheduling.scores.a.plugins.InterPodAffinity, 100);
    const r = profileFromConfig(cfg({ pluginConfig: [{ name: 'InterPodAffinity', args: { ignorePreferredTermsOfExistingPods: true } }] }));
    const ign = scheduler(r.profile).scheduleOne(pod('p', { labels: { app: 'x' } }), cluster([node('a'), node('b')], [fan]));
    assert.ok(!('InterPodAffinity' in ign.scheduling.scores.a.plugins));
  });
});
