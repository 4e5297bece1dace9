// A score plugin may declare its normalized score the same on every node (ScorePlugin.uniformScore):
// TaintToleration when no node has a PreferNoSchedule taint, ImageLocality when no node lists images.
// The batch path then fills the column instead of scoring each node; the explanation and the choice
// must be exactly those of the per-node path, and a single tainted node or node with images must
// bring back per-node scoring.
import assert from 'node:assert/strict';
import type { Node } from '../../../../src/cluster/k8s';
import type { Scheduler } from '../../../../src/cluster/scheduler/scheduler';
import { cluster, node, pod, scheduler } from './helpers';

const ZONE = 'topology.kubernetes.io/zone';

function nodes(extra: (i: number) => Partial<Parameters<typeof node>[1]>): Node[] {
  return Array.from({ length: 12 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, {
    cpu: String(2 + (i % 3)), labels: { [ZONE]: `z${i % 3}` },
    taints: i % 5 === 4 ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : undefined,
    ...extra(i),
  }));
}

/** Ten pods scheduled in order; every outcome as JSON (node, scores with totals, rejected nodes). */
function run(ns: Node[], batch: boolean): { s: Scheduler; outcomes: ReturnType<Scheduler['scheduleOne']>[]; json: string[] } {
  const state = cluster(ns);
  const s = scheduler();
  s.batch = batch;
  const outcomes = Array.from({ length: 10 }, (_, i) => s.scheduleOne(pod(`p${i}`, {
    cpu: `${300 + (i % 4) * 200}m`, labels: { app: `a${i % 2}` },
    spec: { containers: [{ name: 'c', image: 'big/image:1', resources: { requests: { cpu: `${300 + (i % 4) * 200}m` } } }] },
  }), state));
  return { s, outcomes, json: outcomes.map((o) => JSON.stringify([o.nodeName, o.scheduling.scores, o.scheduling.filtered])) };
}

describe('uniform score columns', () => {
  it('no PreferNoSchedule taint and no node images: TaintToleration 100 and ImageLocality 0 everywhere, as scored node by node', () => {
    const ns = nodes(() => ({}));
    const batch = run(ns, true);
    assert.deepEqual(batch.json, run(ns, false).json);
    for (const o of batch.outcomes) {
      const rows = Object.values(o.scheduling.scores);
      assert.ok(rows.length > 1, 'several nodes scored');
      for (const r of rows) {
        assert.equal(r.plugins.TaintToleration, 100);
        assert.equal(r.plugins.ImageLocality, 0);
      }
    }
  });

  it('one PreferNoSchedule taint and one node with the image: scored node by node again', () => {
    const ns = nodes((i) => (i === 1
      ? { taints: [{ key: 'soft', value: 'y', effect: 'PreferNoSchedule' }] }
      : i === 2 ? { images: [{ names: ['big/image:1'], sizeBytes: 800 * 1024 * 1024 }] } : {}));
    const batch = run(ns, true);
    assert.deepEqual(batch.json, run(ns, false).json);
    const first = batch.outcomes[0].scheduling.scores;
    assert.equal(first.n01?.plugins.TaintToleration, 0, 'the tainted node is not tolerated');
    assert.equal(first.n00?.plugins.TaintToleration, 100);
    assert.ok((first.n02?.plugins.ImageLocality ?? 0) > 0, 'the node with the image scores it');
    assert.equal(first.n00?.plugins.ImageLocality, 0);
  });
});
