import assert from 'node:assert/strict';
import { PRESETS, presetNodes } from '../../../src/cluster/presets';
import { simulateObjects } from '../../../src/cluster/simulate';

type N = { metadata: { name: string; labels: Record<string, string> }; spec: { podCIDR: string; taints?: { key: string; effect: string }[] }; status: { allocatable: Record<string, string> } };

describe('cluster/presets', () => {
  it('lists the three presets', () => {
    assert.deepEqual([...PRESETS], ['single-node', 'default', 'ha']);
  });
  it('default: tainted control plane + worker-1..3 in zone-a..c with cpu 4 / 16Gi / 110 pods', () => {
    const nodes = presetNodes('default') as unknown as N[];
    assert.deepEqual(nodes.map((n) => n.metadata.name), ['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    const cp = nodes[0];
    assert.deepEqual(cp.spec.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    assert.equal(cp.metadata.labels['node-role.kubernetes.io/control-plane'], '');
    for (const [i, w] of nodes.slice(1).entries()) {
      assert.equal(w.metadata.labels['topology.kubernetes.io/zone'], ['zone-a', 'zone-b', 'zone-c'][i]);
      assert.equal(w.metadata.labels['kubernetes.io/hostname'], w.metadata.name);
      assert.equal(w.metadata.labels['kubernetes.io/os'], 'linux');
      assert.equal(w.metadata.labels['kubernetes.io/arch'], 'amd64');
      assert.equal(w.status.allocatable.cpu, '4');
      assert.equal(w.status.allocatable.memory, '16Gi');
      assert.equal(w.status.allocatable.pods, '110');
      assert.equal(w.spec.taints, undefined);
    }
    assert.deepEqual(nodes.map((n) => n.spec.podCIDR), ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24', '10.244.3.0/24']);
  });
  it('single-node is one untainted node; ha has three tainted control planes across zones', () => {
    const single = presetNodes('single-node') as unknown as N[];
    assert.equal(single.length, 1);
    assert.equal(single[0].spec.taints, undefined);
    const ha = presetNodes('ha') as unknown as N[];
    const cps = ha.filter((n) => 'node-role.kubernetes.io/control-plane' in n.metadata.labels);
    assert.equal(cps.length, 3);
    assert.deepEqual(cps.map((n) => n.metadata.labels['topology.kubernetes.io/zone']), ['zone-a', 'zone-b', 'zone-c']);
    assert.ok(cps.every((n) => n.spec.taints?.length === 1));
    const workers = ha.filter((n) => !cps.includes(n));
    assert.ok(workers.length >= 3);
    assert.equal(new Set(workers.map((n) => n.metadata.labels['topology.kubernetes.io/zone'])).size, 3);
    assert.equal(new Set(ha.map((n) => n.spec.podCIDR)).size, ha.length);
  });
  it('nodes carry the labels a kubelet registers, the deprecated beta os/arch labels too', () => {
    for (const name of PRESETS) {
      for (const n of presetNodes(name)) {
        const labels = (n.metadata as { labels: Record<string, string> }).labels;
        assert.equal(labels['beta.kubernetes.io/os'], 'linux');
        assert.equal(labels['beta.kubernetes.io/arch'], 'amd64');
        assert.equal(labels['kubernetes.io/os'], 'linux');
      }
    }
    // an old manifest selecting the beta label runs, as on a real cluster
    const snap = simulateObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'old' }, spec: { nodeSelector: { 'beta.kubernetes.io/os': 'linux' }, containers: [{ name: 'c', image: 'x' }] } }], { seed: 1, preset: 'single-node' });
    assert.equal(snap.pods[0].phase, 'Running');
  });

  it('unknown preset throws with the list', () => {
    assert.throws(() => presetNodes('huge'), /unknown cluster preset "huge".*single-node, default, ha/);
  });
  it('returns fresh objects each call', () => {
    const a = presetNodes('default'); const b = presetNodes('default');
    (a[0].metadata as { name: string }).name = 'x';
    assert.equal(b[0].metadata?.name, 'control-plane');
  });
});
