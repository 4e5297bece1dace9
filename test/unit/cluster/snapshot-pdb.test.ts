// snapshot.objects[].selectsPods of a PodDisruptionBudget: the pods its whole selector matches, with
// policy/v1's meaning of an empty selector (every pod of the namespace) and a missing one (none).
import * as assert from 'node:assert/strict';
import { simulateObjects } from '../../../src/cluster/simulate';

const deployment = (name: string, ns: string, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns },
  spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
});
const pdb = (name: string, ns: string, selector: unknown) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: ns }, spec: { minAvailable: 1, ...(selector === undefined ? {} : { selector }) },
});

describe('snapshot: PodDisruptionBudget selectsPods', () => {
  const workloads = [deployment('web', 'shop', { app: 'web', tier: 'front' }), deployment('db', 'shop', { app: 'db' }), deployment('other', 'else', { app: 'web' })];

  function selected(p: ReturnType<typeof pdb>): string[] {
    const snap = simulateObjects([...workloads, p], { seed: 1 });
    const o = snap.objects.find((x) => x.kind === 'PodDisruptionBudget')!;
    return o.selectsPods!.map((ref) => ref.replace(/-[a-z0-9]+-[a-z0-9]+$/, '-*')).sort();
  }

  it('matchExpressions count, in the PDB\'s namespace only', () => {
    assert.deepEqual(selected(pdb('p', 'shop', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] })),
      ['shop/db-*', 'shop/db-*', 'shop/web-*', 'shop/web-*']);
    assert.deepEqual(selected(pdb('p', 'shop', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })), []);
  });

  it('an empty selector selects every pod of the namespace; a missing one none', () => {
    assert.equal(selected(pdb('p', 'shop', {})).length, 4);
    assert.deepEqual(selected(pdb('p', 'shop', undefined)), []);
  });

  it('a malformed selector selects nothing and breaks nothing', () => {
    for (const bad of [{ matchExpressions: 5 }, { matchExpressions: [{ key: 'app', operator: 'In', values: 'web' }] }, { matchLabels: ['x'] }, 'app=web', [1]]) {
      assert.deepEqual(selected(pdb('p', 'shop', bad)), [], JSON.stringify(bad));
    }
  });
});
