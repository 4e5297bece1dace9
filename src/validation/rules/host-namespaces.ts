// hostNetwork / hostPID / hostIPC share the node's namespaces with the pod.
import type { Rule, RuleFinding } from './rule';
import { indexOf } from './resources';

const FIELDS: [string, string][] = [['hostNetwork', 'network'], ['hostPID', 'process'], ['hostIPC', 'IPC']];

export const hostNamespaces: Rule = {
  id: 'host-namespaces',
  defaultSeverity: 'warning',
  description: "Pod shares the host's network, PID or IPC namespace.",
  docsAnchor: 'host-namespaces',
  category: 'security',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const [field, what] of FIELDS) {
        if (t.spec[field] !== true) continue;
        out.push({ manifest: t.manifest, path: [...t.specPath, field], message: `pod shares the host's ${what} namespace (${field}: true)` });
      }
    }
    return out;
  },
};
