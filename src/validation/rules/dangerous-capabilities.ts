// Linux capabilities that amount to (or open a path to) root on the node.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, asArray, get } from './resources';

/** Capabilities that break container isolation (names without the CAP_ prefix). */
export const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'NET_RAW']);

export const dangerousCapabilities: Rule = {
  id: 'dangerous-capabilities',
  defaultSeverity: 'warning',
  description: 'Container adds a dangerous Linux capability (SYS_ADMIN, NET_ADMIN, ALL, ...).',
  docsAnchor: 'dangerous-capabilities',
  category: 'security',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, true)) {
        asArray(get(c.container, ['securityContext', 'capabilities', 'add'])).forEach((cap, i) => {
          const name = String(cap).toUpperCase().replace(/^CAP_/, '');
          if (!DANGEROUS.has(name)) return;
          out.push({ manifest: t.manifest, path: [...c.path, 'securityContext', 'capabilities', 'add', i], message: `container "${c.name}" adds capability ${name}` });
        });
      }
    }
    return out;
  },
};
