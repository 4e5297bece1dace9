// A NetworkPolicy whose podSelector matches no pod template in its namespace has no effect.
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, get, assumedExternal } from './resources';
import { labelSelector, templatesSelectedBy } from './selection';
import { formatSelector, isEmptySelector } from '../../core/labels';

export const networkpolicySelectsNothing: Rule = {
  id: 'networkpolicy-selects-nothing',
  defaultSeverity: 'warning',
  description: 'NetworkPolicy podSelector matches no pods in its namespace.',
  docsAnchor: 'networkpolicy-selects-nothing',
  category: 'cross-resource',
  check(ctx) {
    if (assumedExternal(ctx, 'Pod')) return [];
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const np of idx.ofKind('NetworkPolicy')) {
      const sel = labelSelector(get(np.object, ['spec', 'podSelector']));
      // an empty podSelector selects every pod in the namespace, including ones not in the set
      if (!sel || isEmptySelector(sel)) continue;
      const ns = namespaceOf(np.object);
      if (templatesSelectedBy(idx, ns, sel).length > 0) continue;
      out.push({ manifest: np, path: ['spec', 'podSelector'], message: `podSelector ${formatSelector(sel)} matches no pods in namespace "${ns}": the policy has no effect` });
    }
    return out;
  },
};
