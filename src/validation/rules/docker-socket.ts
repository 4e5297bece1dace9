// Mounting the container runtime's socket gives the pod control of every container on the node.
import type { Rule, RuleFinding } from './rule';
import { indexOf, asArray, get } from './resources';

const SOCKETS = /(^|\/)(docker\.sock|containerd\.sock|crio\.sock|cri-dockerd\.sock)$/;

export const dockerSocket: Rule = {
  id: 'docker-socket',
  defaultSeverity: 'warning',
  description: 'Pod mounts the container runtime socket (docker.sock, containerd.sock, crio.sock).',
  docsAnchor: 'docker-socket',
  category: 'security',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      asArray(t.spec.volumes).forEach((v, i) => {
        const p = get(v, ['hostPath', 'path']);
        if (typeof p !== 'string' || !SOCKETS.test(p.replace(/\/+$/, ''))) return;
        out.push({ manifest: t.manifest, path: [...t.specPath, 'volumes', i, 'hostPath', 'path'], message: `volume "${String(get(v, ['name']) ?? i)}" mounts the container runtime socket ${p}: the pod controls every container on the node` });
      });
    }
    return out;
  },
};
