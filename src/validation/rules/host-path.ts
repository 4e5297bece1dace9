// hostPath volumes expose the node's filesystem to the pod (and tie the pod to one node's data).
import type { Rule, RuleFinding } from './rule';
import { indexOf, asArray, get } from './resources';

export const hostPath: Rule = {
  id: 'host-path',
  defaultSeverity: 'warning',
  description: "Pod mounts a hostPath volume (the node's filesystem).",
  docsAnchor: 'host-path',
  category: 'security',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      asArray(t.spec.volumes).forEach((v, i) => {
        const p = get(v, ['hostPath', 'path']);
        if (p === undefined) return;
        out.push({ manifest: t.manifest, path: [...t.specPath, 'volumes', i, 'hostPath', 'path'], message: `volume "${String(get(v, ['name']) ?? i)}" mounts host path ${String(p)}` });
      });
    }
    return out;
  },
};
