// Two objects with the same kind, namespace and name: the later one silently replaces the earlier on
// apply. Namespaced objects without a namespace count as `default`.
import type { Rule, RuleFinding } from './rule';
import { indexOf } from './resources';

export const duplicateObject: Rule = {
  id: 'duplicate-object',
  defaultSeverity: 'warning',
  description: 'Two objects share the same kind, namespace and name; the later one replaces the earlier on apply.',
  docsAnchor: 'duplicate-object',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const [key, list] of idx.byKey) {
      if (list.length < 2) continue;
      const [kind, ns, name] = key.split('/');
      if (name === '' || kind === 'List') continue; // generateName objects get distinct names
      list.forEach((m, i) => {
        const others = list.filter((_, j) => j !== i).map((o) => `${o.source.path}:${o.source.range.start.line + 1}`);
        out.push({
          manifest: m, path: ['metadata', 'name'],
          message: `${kind} ${ns ? `${ns}/` : ''}${name} is defined ${list.length} times (also at ${others.join(', ')})`,
        });
      });
    }
    return out;
  },
};
