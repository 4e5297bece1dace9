// A Service whose selector matches no Pod or pod template in its namespace routes to nothing.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, assumedExternal } from './resources';
import { serviceSelector, templatesSelectedByService, labelsText } from './selection';

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
      out.push({
        manifest: svc, path: ['spec', 'selector'],
        message: `Service selects no pods: no Pod or pod template in namespace "${ns}" has labels ${labelsText(sel)}`,
      });
    }
    return out;
  },
};
