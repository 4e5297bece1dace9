// A resource request above its limit: the API server rejects the pod ("must be less than or equal to
// cpu limit").
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, get, isRecord } from './resources';
import { tryParseQuantity } from '../../core/quantity';

export const requestsExceedLimits: Rule = {
  id: 'requests-exceed-limits',
  defaultSeverity: 'error',
  description: 'Container requests more of a resource than its limit allows (the API server rejects it).',
  docsAnchor: 'requests-exceed-limits',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, true)) {
        const req = get(c.container, ['resources', 'requests']);
        const lim = get(c.container, ['resources', 'limits']);
        if (!isRecord(req) || !isRecord(lim)) continue;
        for (const [name, r] of Object.entries(req)) {
          const rv = tryParseQuantity(r);
          const lv = tryParseQuantity(lim[name]);
          if (rv === undefined || lv === undefined || rv <= lv) continue;
          out.push({
            manifest: t.manifest, path: [...c.path, 'resources', 'requests', name],
            message: `container "${c.name}" requests ${String(r)} ${name}, more than its limit ${String(lim[name])}: the API server rejects this`,
          });
        }
      }
    }
    return out;
  },
};
