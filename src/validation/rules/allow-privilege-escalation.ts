// allowPrivilegeEscalation: true lets a process gain more privileges than its parent (setuid binaries).
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, get } from './resources';

export const allowPrivilegeEscalation: Rule = {
  id: 'allow-privilege-escalation',
  defaultSeverity: 'warning',
  description: 'Container sets allowPrivilegeEscalation: true.',
  docsAnchor: 'allow-privilege-escalation',
  category: 'security',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, true)) {
        if (get(c.container, ['securityContext', 'allowPrivilegeEscalation']) !== true) continue;
        out.push({ manifest: t.manifest, path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'], message: `container "${c.name}" allows privilege escalation` });
      }
    }
    return out;
  },
};
