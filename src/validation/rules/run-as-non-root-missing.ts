// A container that may run as root: neither runAsNonRoot: true nor a non-zero runAsUser, in its own
// securityContext or inherited from the pod's (the container's setting wins, as the kubelet reads it);
// also a container that runs as runAsGroup 0.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, get } from './resources';

export const runAsNonRootMissing: Rule = {
  id: 'run-as-non-root-missing',
  defaultSeverity: 'warning',
  description: 'Container may run as root (no runAsNonRoot: true and no non-zero runAsUser), or runs in the root group.',
  docsAnchor: 'run-as-non-root-missing',
  category: 'security',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      const pod = get(t.spec, ['securityContext']);
      for (const c of containersOf(t, true)) {
        const own = get(c.container, ['securityContext']);
        const nonRoot = get(own, ['runAsNonRoot']) ?? get(pod, ['runAsNonRoot']);
        const user = get(own, ['runAsUser']) ?? get(pod, ['runAsUser']);
        const group = get(own, ['runAsGroup']) ?? get(pod, ['runAsGroup']);
        if (nonRoot === true || (typeof user === 'number' && user > 0)) {
          // a non-root user in the root group still owns every root-group-writable file
          if (group === 0) {
            out.push({ manifest: t.manifest, path: get(own, ['runAsGroup']) === 0 ? [...c.path, 'securityContext', 'runAsGroup'] : [...t.specPath, 'securityContext', 'runAsGroup'], message: `container "${c.name}" is set to runAsGroup 0 (the root group)` });
          }
          continue;
        }
        const explicitRoot = nonRoot === false || user === 0;
        out.push({
          manifest: t.manifest,
          path: user === 0 ? (get(own, ['runAsUser']) === 0 ? [...c.path, 'securityContext', 'runAsUser'] : [...t.specPath, 'securityContext', 'runAsUser']) : [...c.path, 'name'],
          message: explicitRoot ? `container "${c.name}" is set to run as root` : `container "${c.name}" is not set to runAsNonRoot (and has no non-zero runAsUser)`,
        });
      }
    }
    return out;
  },
};
