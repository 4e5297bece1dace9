// A PodDisruptionBudget that can never allow an eviction: maxUnavailable 0, or minAvailable at least the
// number of replicas of the workloads it selects (for autoscaled workloads, their minimum scale). Node
// drains then block forever (or, at minimum scale, until the autoscaler scales up).
import type { Rule, RuleFinding } from './rule';
import type { Manifest } from '../../manifests/types';
import { indexOf, namespaceOf, get, nameOf, isRecord, stringMap, REPLICATED_KINDS, type ResourceIndex } from './resources';
import { labelSelector, templatesSelectedBy } from './selection';
import { formatSelector } from '../../core/labels';

/**
 * An IntOrString as the disruption controller reads minAvailable: percentages of the expected pod count,
 * rounded up (GetScaledValueFromIntOrPercent with roundUp=true in pkg/controller/disruption).
 */
function scaled(v: unknown, total: number): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v);
    if (m) return Math.ceil((Number(m[1]) * total) / 100);
    if (/^[0-9]+$/.test(v)) return Number(v);
  }
  return null;
}

interface Scaling { autoscalers: Map<string, { replicas: number; by: string }>; templateless: Manifest[] }
const scalingCache = new WeakMap<ResourceIndex, Scaling>();

/** Per index: the minimum scale autoscalers set, by "Kind/ns/name", and the replicated workloads without a template. */
function scaling(idx: ResourceIndex): Scaling {
  let s = scalingCache.get(idx);
  if (s) return s;
  s = { autoscalers: new Map(), templateless: [] };
  for (const so of idx.ofKind('ScaledObject')) {
    const min = get(so.object, ['spec', 'minReplicaCount']);
    const key = `${String(get(so.object, ['spec', 'scaleTargetRef', 'kind']) ?? 'Deployment')}/${namespaceOf(so.object)}/${String(get(so.object, ['spec', 'scaleTargetRef', 'name']))}`;
    s.autoscalers.set(key, { replicas: typeof min === 'number' ? min : 0, by: `ScaledObject ${nameOf(so.object)}` });
  }
  // an HPA wins over a ScaledObject (KEDA itself manages an HPA for the target)
  for (const hpa of idx.ofKind('HorizontalPodAutoscaler')) {
    const min = get(hpa.object, ['spec', 'minReplicas']);
    const key = `${String(get(hpa.object, ['spec', 'scaleTargetRef', 'kind']))}/${namespaceOf(hpa.object)}/${String(get(hpa.object, ['spec', 'scaleTargetRef', 'name']))}`;
    s.autoscalers.set(key, { replicas: typeof min === 'number' ? min : 1, by: `HorizontalPodAutoscaler ${nameOf(hpa.object)}` });
  }
  for (const kind of REPLICATED_KINDS) for (const w of idx.ofKind(kind)) if (!idx.templateOf(w)) s.templateless.push(w);
  scalingCache.set(idx, s);
  return s;
}

/** The lowest replica count a workload may run at: an HPA's minReplicas (default 1), a KEDA ScaledObject's minReplicaCount (default 0), else spec.replicas (default 1). */
function minimumReplicas(idx: ResourceIndex, w: Manifest): { replicas: number; by: string | null } {
  const auto = scaling(idx).autoscalers.get(`${w.object.kind}/${namespaceOf(w.object)}/${nameOf(w.object)}`);
  if (auto) return auto;
  const r = get(w.object, ['spec', 'replicas']);
  return { replicas: typeof r === 'number' ? r : 1, by: null };
}

export const pdbNeverDisrupts: Rule = {
  id: 'pdb-never-disrupts',
  defaultSeverity: 'warning',
  description: 'PodDisruptionBudget can never allow a disruption (maxUnavailable 0, or minAvailable >= replicas): node drains hang.',
  docsAnchor: 'pdb-never-disrupts',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const pdb of idx.ofKind('PodDisruptionBudget')) {
      const spec = pdb.object.spec;
      const maxU = get(spec, ['maxUnavailable']);
      if (maxU === 0 || maxU === '0' || maxU === '0%') {
        out.push({ manifest: pdb, path: ['spec', 'maxUnavailable'], message: 'maxUnavailable is 0: no pod may ever be evicted, so node drains never finish' });
        continue;
      }
      const minA = get(spec, ['minAvailable']);
      if (minA === undefined || minA === null) continue;
      if (minA === '100%') {
        out.push({ manifest: pdb, path: ['spec', 'minAvailable'], message: 'minAvailable is 100%: no pod may ever be evicted, so node drains never finish' });
        continue;
      }
      const ns = namespaceOf(pdb.object);
      const sel = labelSelector(get(spec, ['selector']));
      if (!sel) continue;
      // workloads whose pods the budget covers: by template labels, or (template missing) by an identical selector
      const workloads = new Set<Manifest>(templatesSelectedBy(idx, ns, sel).filter((t) => REPLICATED_KINDS.has(t.kind)).map((t) => t.manifest));
      const wanted = formatSelector(sel);
      for (const w of scaling(idx).templateless) {
        if (namespaceOf(w.object) !== ns) continue;
        const ws = get(w.object, ['spec', 'selector']);
        const kind = w.object.kind;
        const wsel = kind === 'ReplicationController' || kind === 'DeploymentConfig' ? { matchLabels: stringMap(ws) } : labelSelector(ws);
        if (wsel && isRecord(ws) && formatSelector(wsel) === wanted) workloads.add(w);
      }
      for (const w of workloads) {
        const { replicas, by } = minimumReplicas(idx, w);
        const need = scaled(minA, replicas);
        if (need === null || need < replicas) continue;
        out.push({
          manifest: pdb, path: ['spec', 'minAvailable'],
          message: `minAvailable ${JSON.stringify(minA)} needs ${need} available pod${need === 1 ? '' : 's'} but ${w.object.kind} ${nameOf(w.object)} runs ${replicas} replica${replicas === 1 ? '' : 's'}${by ? ` at its minimum scale (${by})` : ''}: no pod can ever be evicted`,
        });
      }
    }
    return out;
  },
};
