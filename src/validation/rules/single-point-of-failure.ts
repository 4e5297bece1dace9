// A workload with several replicas that all land on one node (or, in a multi-zone cluster, one zone):
// losing that node or zone takes the whole workload down.
import type { Rule, RuleFinding } from './rule';
import type { TextEditFix } from '../finding';
import type { Manifest } from '../../manifests/types';
import { get, indexOf } from './resources';
import { manifestFor, podsOfWorkload } from './snapshot-lookup';
import { appendItem, fix } from './edits';

/** Quick fix: spread the pods over `topologyKey` (ScheduleAnyway, so it never blocks scheduling). */
function spreadFix(ctx: Parameters<Rule['check']>[0], m: Manifest, topologyKey: string): () => TextEditFix[] {
  const text = ctx.texts?.(m.source.path);
  return () => {
    const t = indexOf(ctx).templateOf(m);
    if (text === undefined || !t || Object.keys(t.labels).length === 0) return [];
    const constraint = { maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: t.labels } };
    const f = fix(`Spread the pods over ${topologyKey} (topologySpreadConstraints)`, appendItem(text, m, [...t.specPath, 'topologySpreadConstraints'], constraint), true);
    return f ? [f] : [];
  };
}

export const singlePointOfFailure: Rule = {
  id: 'single-point-of-failure',
  defaultSeverity: 'info',
  description: 'In the simulation, all replicas of a workload run on one node or in one zone.',
  docsAnchor: 'single-point-of-failure',
  category: 'simulation',
  needsSnapshot: true,
  check(ctx) {
    const snap = ctx.snapshot;
    if (!snap) return [];
    const zones = new Map(snap.nodes.map((n) => [n.name, n.zone]));
    const clusterZones = new Set(snap.nodes.filter((n) => !n.unschedulable).map((n) => n.zone).filter((z) => z !== null));
    const schedulable = snap.nodes.filter((n) => !n.unschedulable).length;
    const out: RuleFinding[] = [];
    for (const w of snap.workloads) {
      if (w.kind === 'DaemonSet' || w.desired < 2) continue;
      const pods = podsOfWorkload(ctx, w.kind, w.namespace, w.name).filter((p) => p.nodeName !== null);
      if (pods.length < 2) continue;
      const m = manifestFor(ctx, w.kind, w.namespace, w.name);
      if (!m) continue;
      const nodes = new Set(pods.map((p) => p.nodeName));
      const path = get(m.object, ['spec', 'replicas']) !== undefined ? ['spec', 'replicas'] : ['metadata', 'name'];
      if (nodes.size === 1 && schedulable > 1) {
        out.push({ manifest: m, path, message: `all ${pods.length} running replicas are on node ${[...nodes][0]}: losing it takes ${w.kind} ${w.name} down (consider topologySpreadConstraints or pod anti-affinity)`, fixes: spreadFix(ctx, m, 'kubernetes.io/hostname') });
        continue;
      }
      const podZones = new Set(pods.map((p) => zones.get(p.nodeName ?? '') ?? null));
      if (clusterZones.size > 1 && podZones.size === 1 && !podZones.has(null)) {
        out.push({ manifest: m, path, message: `all ${pods.length} running replicas are in zone ${[...podZones][0]}: a zone outage takes ${w.kind} ${w.name} down`, fixes: spreadFix(ctx, m, 'topology.kubernetes.io/zone') });
      }
    }
    return out;
  },
};
