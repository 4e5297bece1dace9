// A PodDisruptionBudget whose selector matches no pod template in its namespace protects nothing.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, get, assumedExternal } from './resources';
import { labelSelector, templatesSelectedBy } from './selection';
import { formatSelector } from '../../core/labels';

export const pdbSelectsNothing: Rule = {
  id: 'pdb-selects-nothing',
  defaultSeverity: 'warning',
  description: 'PodDisruptionBudget selector matches no pods in its namespace.',
  docsAnchor: 'pdb-selects-nothing',
  category: 'cross-resource',
  check(ctx) {
    if (assumedExternal(ctx, 'Pod')) return [];
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const pdb of idx.ofKind('PodDisruptionBudget')) {
      const ns = namespaceOf(pdb.object);
      const sel = labelSelector(get(pdb.object, ['spec', 'selector']));
      if (templatesSelectedBy(idx, ns, sel).length > 0) continue;
      out.push({
        manifest: pdb, path: sel ? ['spec', 'selector'] : ['spec'],
        message: sel ? `selector ${formatSelector(sel)} matches no pods in namespace "${ns}"` : 'PodDisruptionBudget has no selector: it selects no pods',
      });
    }
    return out;
  },
};
