// Two Services asking for the same nodePort (per protocol), or a nodePort outside the default range
// 30000-32767: the API server rejects the second ("provided port is already allocated"). Found from the
// manifests directly, plus any NodePort problem the simulation reports in snapshot.warnings.
import type { Rule, RuleFinding } from './rule';
import type { Manifest } from '../../manifests/types';
import { indexOf, asArray, isRecord, get, namespaceOf, nameOf } from './resources';

const MIN = 30000;
const MAX = 32767;

export const nodeportConflict: Rule = {
  id: 'nodeport-conflict',
  defaultSeverity: 'error',
  description: 'Two Services request the same nodePort, or a nodePort is outside 30000-32767.',
  docsAnchor: 'nodeport-conflict',
  category: 'simulation',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    const taken = new Map<string, { svc: Manifest; i: number }>();
    const reported = new Set<string>();
    for (const svc of idx.ofKind('Service')) {
      const type = get(svc.object, ['spec', 'type']);
      if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
      asArray(get(svc.object, ['spec', 'ports'])).forEach((p, i) => {
        if (!isRecord(p) || typeof p.nodePort !== 'number') return;
        const path = ['spec', 'ports', i, 'nodePort'];
        if (p.nodePort < MIN || p.nodePort > MAX) {
          out.push({ manifest: svc, path, message: `nodePort ${p.nodePort} is outside the NodePort range ${MIN}-${MAX}` });
          return;
        }
        const key = `${p.nodePort}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`;
        const first = taken.get(key);
        if (!first) { taken.set(key, { svc, i }); return; }
        if (first.svc === svc && first.i === i) return;
        reported.add(`${namespaceOf(svc.object)}/${nameOf(svc.object)}`);
        out.push({ manifest: svc, path, message: `nodePort ${p.nodePort} is already used by Service ${namespaceOf(first.svc.object)}/${nameOf(first.svc.object)}: the API server rejects this Service` });
      });
    }
    for (const w of ctx.snapshot?.warnings ?? []) {
      if (!/node ?port/i.test(w.message) || !w.object || w.object.kind !== 'Service') continue;
      const ns = w.object.namespace ?? 'default';
      if (reported.has(`${ns}/${w.object.name}`)) continue;
      const svc = idx.find('Service', ns, w.object.name);
      if (!svc) continue;
      if (out.some((f) => f.manifest === svc)) continue;
      out.push({ manifest: svc, path: ['spec', 'ports'], message: w.message });
    }
    return out;
  },
};
