// A Service whose selector matches no Pod or pod template in its namespace routes to nothing.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, assumedExternal } from './resources';
import { serviceSelector, templatesSelectedByService, labelsText } from './selection';
import { mapSelectorMatches } from '../../core/labels';

export const serviceSelectsNothing: Rule = {
  id: 'service-selects-nothing',
  defaultSeverity: 'warning',
  description: 'Service selector matches no Pod or workload pod template in its namespace.',
  docsAnchor: 'service-selects-nothing',
  category: 'cross-resource',
  check(ctx) {
    // pods made by operators (custom resources) are outside the set: assumeExternal Pod silences this
    if (assumedExternal(ctx, 'Pod')) return [];
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const svc of idx.ofKind('Service')) {
      const sel = serviceSelector(svc);
      if (!sel) continue;
      if (templatesSelectedByService(idx, svc).length > 0) continue;
      const ns = namespaceOf(svc.object);
      // a common slip: the pods exist, in another namespace (or the Service lacks the namespace)
      const elsewhere = idx.templates.find((t) => t.namespace !== ns && mapSelectorMatches(sel, t.labels));
      const hint = elsewhere ? ` (${elsewhere.kind} ${elsewhere.name} in namespace "${elsewhere.namespace}" matches)` : '';
      out.push({
        manifest: svc, path: ['spec', 'selector'],
        message: `Service selects no pods: no Pod or pod template in namespace "${ns}" has labels ${labelsText(sel)}${hint}`,
        data: elsewhere ? { otherNamespace: elsewhere.namespace } : undefined,
      });
    }
    return out;
  },
};
