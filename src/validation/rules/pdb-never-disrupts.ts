// A PodDisruptionBudget that can never allow an eviction: maxUnavailable 0, or minAvailable at least the
// number of replicas of the workloads it selects. Node drains then block forever.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, get } from './resources';
import { labelSelector, templatesSelectedBy } from './selection';

/** An IntOrString as the disruption controller reads it: percentages scale with `total`, rounding up. */
function scaled(v: unknown, total: number): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v);
    if (m) return Math.ceil((Number(m[1]) * total) / 100);
    if (/^[0-9]+$/.test(v)) return Number(v);
  }
  return null;
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
      const ns = namespaceOf(pdb.object);
      const templates = templatesSelectedBy(idx, ns, labelSelector(get(spec, ['selector'])));
      // only controllers with a replica count; bare Pods and DaemonSets count one each here
      if (templates.length === 0) continue;
      const total = templates.reduce((n, t) => n + (t.replicas ?? 1), 0);
      const need = scaled(minA, total);
      if (need === null || need < total) continue;
      out.push({
        manifest: pdb, path: ['spec', 'minAvailable'],
        message: `minAvailable ${JSON.stringify(minA)} requires ${need} available pods but the selected workloads (${templates.map((t) => `${t.kind} ${t.name}`).join(', ')}) have ${total} replica${total === 1 ? '' : 's'}: no pod can ever be evicted`,
      });
    }
    return out;
  },
};
