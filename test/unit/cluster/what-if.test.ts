import assert from 'node:assert/strict';
import { applyWhatIfs } from '../../../src/cluster/what-if';
import { presetNodes } from '../../../src/cluster/presets';
import type { Node } from '../../../src/cluster/k8s';

const base = () => presetNodes('default').map((n) => ({ object: n as Node, source: null, origin: 'preset' as const }));

describe('cluster/what-if', () => {
  it('cordon / uncordon set spec.unschedulable on a copy', () => {
    const nodes = base();
    const r = applyWhatIfs(nodes, [{ kind: 'cordon', node: 'worker-1' }]);
    assert.equal(r.nodes[1].object.spec!.unschedulable, true);
    assert.equal(nodes[1].object.spec!.unschedulable, undefined);
    const u = applyWhatIfs(r.nodes, [{ kind: 'uncordon', node: 'worker-1' }]);
    assert.equal(u.nodes[1].object.spec!.unschedulable, false);
  });
  it('nodeDown removes the node and remembers it', () => {
    const r = applyWhatIfs(base(), [{ kind: 'nodeDown', node: 'worker-2' }]);
    assert.deepEqual(r.nodes.map((n) => n.object.metadata!.name), ['control-plane', 'worker-1', 'worker-3']);
    assert.ok(r.downNodes.has('worker-2'));
  });
  it('addNode copies a node as <like>-copy-N with its own hostname label and no pod CIDR', () => {
    const r = applyWhatIfs(base(), [{ kind: 'addNode', like: 'worker-1' }, { kind: 'addNode', like: 'worker-1' }]);
    const added = r.nodes.slice(4);
    assert.deepEqual(added.map((n) => n.object.metadata!.name), ['worker-1-copy-1', 'worker-1-copy-2']);
    assert.equal(added[0].object.metadata!.labels!['kubernetes.io/hostname'], 'worker-1-copy-1');
    assert.equal(added[0].object.metadata!.labels!['topology.kubernetes.io/zone'], 'zone-a');
    assert.equal(added[0].object.spec!.podCIDR, undefined);
    assert.equal(added[0].origin, 'what-if');
  });
  it('scale records replicas per workload; unknown nodes are warnings', () => {
    const r = applyWhatIfs(base(), [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'shop', name: 'web' }, replicas: 7 }, { kind: 'cordon', node: 'nope' }]);
    assert.equal(r.scale.get('Deployment/shop/web'), 7);
    assert.deepEqual(r.warnings, ['what-if cordon: no node "nope"']);
  });
});
