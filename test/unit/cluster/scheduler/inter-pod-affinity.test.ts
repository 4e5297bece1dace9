import assert from 'node:assert/strict';
import { cluster, cycle, node, pod, scheduler } from './helpers';
import {
  InterPodAffinity, ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch,
} from '../../../../src/cluster/scheduler/plugins/inter-pod-affinity';
import { interPodAffinityArgs } from '../../../../src/cluster/scheduler/args';
import type { PodAffinityTerm, Pod } from '../../../../src/cluster/k8s';
import type { ClusterState } from '../../../../src/cluster/scheduler/cluster-state';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const ipa = (cfg: object = {}) => new InterPodAffinity(interPodAffinityArgs(cfg, () => undefined));
const term = (app: string, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey, ...extra });
const nodes3 = () => [node('n1', { labels: { [ZONE]: 'a' } }), node('n2', { labels: { [ZONE]: 'a' } }), node('n3', { labels: { [ZONE]: 'b' } })];

function filterAll(s: ClusterState, p: Pod): Record<string, string> | 'Skip' {
  const pl = ipa();
  const cs = cycle(s, p);
  if (pl.preFilter(cs).status.code === 'Skip') return 'Skip';
  return Object.fromEntries(s.nodes().map((n) => {
    const st = pl.filter(cs, n);
    return [n.name, st.code === 'Success' ? 'ok' : `${st.code}: ${st.reasons.join()}`];
  }));
}

describe('InterPodAffinity', () => {
  describe('Filter', () => {
    it('required affinity: the node\'s domain must hold a pod matching all terms (UnschedulableAndUnresolvable)', () => {
      const s = cluster(nodes3(), [pod('db', { nodeName: 'n1', labels: { app: 'db' } })]);
      const p = pod('web', { labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE)] } } } });
      assert.deepEqual(filterAll(s, p), { n1: 'ok', n3: `UnschedulableAndUnresolvable: ${ErrReasonAffinityRulesNotMatch}`, n2: 'ok' });
    });

    it('first pod of a self-affine group may go anywhere with the key', () => {
      const s = cluster([...nodes3(), node('bare')]);
      const p = pod('web', { labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', ZONE)] } } } });
      const r = filterAll(s, p) as Record<string, string>;
      assert.equal(r.n1, 'ok');
      assert.equal(r.n3, 'ok');
      assert.equal(r.bare, `UnschedulableAndUnresolvable: ${ErrReasonAffinityRulesNotMatch}`);
    });

    it('required anti-affinity: Unschedulable where the domain holds a matching pod', () => {
      const s = cluster(nodes3(), [pod('w0', { nodeName: 'n1', labels: { app: 'web' } })]);
      const p = pod('web', { labels: { app: 'web' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', ZONE)] } } } });
      assert.deepEqual(filterAll(s, p), { n1: `Unschedulable: ${ErrReasonAntiAffinityRulesNotMatch}`, n3: 'ok', n2: `Unschedulable: ${ErrReasonAntiAffinityRulesNotMatch}` });
    });

    it('existing pods\' anti-affinity is symmetric', () => {
      const guard = pod('guard', { nodeName: 'n3', labels: { app: 'guard' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', HOST)] } } } });
      const s = cluster(nodes3(), [guard]);
      const r = filterAll(s, pod('web', { labels: { app: 'web' } })) as Record<string, string>;
      assert.equal(r.n3, `Unschedulable: ${ErrReasonExistingAntiAffinityRulesNotMatch}`);
      assert.equal(r.n1, 'ok');
      assert.equal(filterAll(s, pod('api', { labels: { app: 'api' } })), 'Skip');
    });

    it('namespaces: the owner\'s namespace by default; namespaceSelector resolved through Namespace labels; {} means all', () => {
      const s = cluster(nodes3(), [pod('db', { nodeName: 'n1', namespace: 'data', labels: { app: 'db' } })]);
      s.addNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'data', labels: { team: 'storage' } } });
      const mk = (t: PodAffinityTerm) => pod('web', { labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [t] } } } });
      // own namespace (default): no db pod there, and web doesn't match app=db -> nowhere
      assert.equal((filterAll(s, mk(term('db', ZONE))) as Record<string, string>).n1, `UnschedulableAndUnresolvable: ${ErrReasonAffinityRulesNotMatch}`);
      assert.equal((filterAll(s, mk(term('db', ZONE, { namespaceSelector: { matchLabels: { team: 'storage' } } }))) as Record<string, string>).n1, 'ok');
      assert.equal((filterAll(s, mk(term('db', ZONE, { namespaceSelector: {} }))) as Record<string, string>).n2, 'ok');
      assert.equal((filterAll(s, mk(term('db', ZONE, { namespaces: ['data'] }))) as Record<string, string>).n3, `UnschedulableAndUnresolvable: ${ErrReasonAffinityRulesNotMatch}`);
    });
  });

  describe('Score', () => {
    it('preferred affinity (+w) and anti-affinity (−w) per topology pair, min–max normalized', () => {
      const s = cluster(nodes3(), [pod('db', { nodeName: 'n1', labels: { app: 'db' } }), pod('w', { nodeName: 'n2', labels: { app: 'web' } })]);
      const p = pod('in', { labels: { app: 'api' }, spec: { affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('db', ZONE) }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('web', HOST) }] },
      } } });
      const out = scheduler().scheduleOne(p, s);
      // raw: n1 = 10 (zone a), n2 = 10 − 5, n3 = 0 -> min 0, max 10
      assert.deepEqual([out.scheduling.scores.n1.plugins.InterPodAffinity, out.scheduling.scores.n2.plugins.InterPodAffinity, out.scheduling.scores.n3.plugins.InterPodAffinity], [100, 50, 0]);
    });

    it('existing pods\' required affinity adds hardPodAffinityWeight; negative raws normalize', () => {
      const fan = pod('fan', { nodeName: 'n3', labels: { app: 'fan' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('api', HOST)] } } } });
      const s = cluster(nodes3(), [pod('db', { nodeName: 'n1', labels: { app: 'db' } }), pod('w', { nodeName: 'n2', labels: { app: 'web' } }), fan]);
      const p = pod('in', { labels: { app: 'api' }, spec: { affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('db', ZONE) }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('web', HOST) }] },
      } } });
      const out = scheduler().scheduleOne(p, s);
      // raw: n1 10, n2 5, n3 1 -> min 1, diff 9: 100, trunc(400/9) = 44, 0
      assert.deepEqual([out.scheduling.scores.n1.plugins.InterPodAffinity, out.scheduling.scores.n2.plugins.InterPodAffinity, out.scheduling.scores.n3.plugins.InterPodAffinity], [100, 44, 0]);
      const heavy = scheduler().scheduleOne(p, cluster(nodes3(), [fan]));
      // only the fan's hard term: n3 raw 1, others 0
      assert.equal(heavy.scheduling.scores.n3.plugins.InterPodAffinity, 100);
      const pl = ipa({ hardPodAffinityWeight: 0 });
      const s2 = cluster(nodes3(), [fan]);
      assert.equal(pl.preScore(cycle(s2, pod('x', { labels: { app: 'api' } })), s2.nodes()).code, 'Skip');
    });

    it('only anti-affinity: negative raws map to [0, 100]', () => {
      const s = cluster(nodes3(), [pod('w', { nodeName: 'n2', labels: { app: 'web' } })]);
      const p = pod('in', { labels: { app: 'api' }, spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('web', HOST) }] } } } });
      const out = scheduler().scheduleOne(p, s);
      assert.deepEqual([out.scheduling.scores.n1.plugins.InterPodAffinity, out.scheduling.scores.n2.plugins.InterPodAffinity, out.scheduling.scores.n3.plugins.InterPodAffinity], [100, 0, 100]);
    });

    it('PreScore skips when nothing matches anywhere', () => {
      const out = scheduler().scheduleOne(pod('in'), cluster(nodes3()));
      assert.ok(!('InterPodAffinity' in out.scheduling.scores.n1.plugins));
    });
  });
});
