// A Service that selects pods of the set, but none of them is a ready endpoint in the simulation
// (they stay Pending, or the target port cannot be resolved). Services that select nothing are
// service-selects-nothing's.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, nameOf } from './resources';
import { templatesSelectedByService } from './selection';

export const serviceNoReadyEndpoints: Rule = {
  id: 'service-no-ready-endpoints',
  defaultSeverity: 'warning',
  description: 'In the simulation, a Service that selects pods has no ready endpoints.',
  docsAnchor: 'service-no-ready-endpoints',
  category: 'simulation',
  needsSnapshot: true,
  check(ctx) {
    const snap = ctx.snapshot;
    if (!snap) return [];
    const idx = indexOf(ctx);
    const ready = new Set<string>();
    for (const s of snap.endpointSlices) {
      if (s.endpoints.some((e) => e.conditions.ready)) ready.add(`${s.namespace}/${s.service}`);
    }
    const out: RuleFinding[] = [];
    for (const svc of idx.ofKind('Service')) {
      if (templatesSelectedByService(idx, svc).length === 0) continue;
      const ns = namespaceOf(svc.object);
      const name = nameOf(svc.object);
      if (ready.has(`${ns}/${name}`)) continue;
      const snapSvc = snap.services.find((s) => s.namespace === ns && s.name === name);
      if (!snapSvc) continue; // the simulation did not model it
      const pods = snap.pods.filter((p) => p.namespace === ns && snapSvc.selector && Object.entries(snapSvc.selector).every(([k, v]) => p.labels[k] === v));
      const pending = pods.filter((p) => p.nodeName === null).length;
      const why = snapSvc.problems.length ? snapSvc.problems.join('; ') : pods.length === 0 ? 'no pods were created' : pending > 0 ? `${pending} of ${pods.length} selected pods are Pending` : 'no selected pod is ready';
      out.push({ manifest: svc, path: ['spec', 'selector'], message: `Service has no ready endpoints in the simulation: ${why}` });
    }
    return out;
  },
};
