// A privileged container has every capability and all host devices: it is root on the node.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, get } from './resources';

export const privileged: Rule = {
  id: 'privileged',
  defaultSeverity: 'warning',
  description: 'Container runs privileged (root on the node, all devices and capabilities).',
  docsAnchor: 'privileged',
  category: 'security',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, true)) {
        if (get(c.container, ['securityContext', 'privileged']) !== true) continue;
        out.push({ manifest: t.manifest, path: [...c.path, 'securityContext', 'privileged'], message: `container "${c.name}" is privileged` });
      }
    }
    return out;
  },
};
