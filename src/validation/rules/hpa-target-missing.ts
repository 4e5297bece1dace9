// A HorizontalPodAutoscaler whose scaleTargetRef names a workload that is not in the set.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, get, assumedExternal } from './resources';

export const hpaTargetMissing: Rule = {
  id: 'hpa-target-missing',
  defaultSeverity: 'warning',
  description: 'HorizontalPodAutoscaler scaleTargetRef names a workload that is not defined.',
  docsAnchor: 'hpa-target-missing',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const hpa of idx.ofKind('HorizontalPodAutoscaler')) {
      const kind = get(hpa.object, ['spec', 'scaleTargetRef', 'kind']);
      const name = get(hpa.object, ['spec', 'scaleTargetRef', 'name']);
      if (typeof kind !== 'string' || typeof name !== 'string') {
        out.push({ manifest: hpa, path: ['spec', 'scaleTargetRef'], message: 'scaleTargetRef has no kind and name: the autoscaler scales nothing' });
        continue;
      }
      const ns = namespaceOf(hpa.object);
      if (idx.has(kind, ns, name) || assumedExternal(ctx, kind)) continue;
      out.push({ manifest: hpa, path: ['spec', 'scaleTargetRef', 'name'], message: `scale target ${kind} "${name}" is not defined in namespace "${ns}"` });
    }
    return out;
  },
};
