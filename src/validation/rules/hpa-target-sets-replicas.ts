// A workload scaled by a HorizontalPodAutoscaler that also sets spec.replicas: every `kubectl apply`
// resets the replica count the autoscaler chose.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, get } from './resources';
import { fix, removeEntry } from './edits';

export const hpaTargetSetsReplicas: Rule = {
  id: 'hpa-target-sets-replicas',
  defaultSeverity: 'warning',
  description: 'Workload scaled by a HorizontalPodAutoscaler also sets spec.replicas (each apply resets the scale).',
  docsAnchor: 'hpa-target-sets-replicas',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const hpa of idx.ofKind('HorizontalPodAutoscaler')) {
      const kind = get(hpa.object, ['spec', 'scaleTargetRef', 'kind']);
      const name = get(hpa.object, ['spec', 'scaleTargetRef', 'name']);
      if (typeof kind !== 'string' || typeof name !== 'string') continue;
      const target = idx.find(kind, namespaceOf(hpa.object), name);
      if (!target) continue;
      const replicas = get(target.object, ['spec', 'replicas']);
      if (replicas === undefined || replicas === null) continue;
      const text = ctx.texts?.(target.source.path);
      out.push({
        manifest: target, path: ['spec', 'replicas'],
        fixes: () => {
          const f = text === undefined ? null : fix('Remove spec.replicas (the autoscaler sets it)', removeEntry(text, target, ['spec', 'replicas']), true);
          return f ? [f] : [];
        },
        message: `replicas is managed by HorizontalPodAutoscaler "${String(hpa.object.metadata?.name ?? '')}"; setting it here resets the autoscaled count on every apply`,
      });
    }
    return out;
  },
};
