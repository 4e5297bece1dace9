// A probe (liveness, readiness, startup) whose port the container does not declare. A named port that
// does not exist makes the probe fail; an undeclared number works only if the process listens there.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, asArray, isRecord } from './resources';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS: [string, string][] = [['httpGet', 'HTTPGet'], ['tcpSocket', 'TCPSocket'], ['grpc', 'GRPC']];

export const probePortNotExposed: Rule = {
  id: 'probe-port-not-exposed',
  defaultSeverity: 'warning',
  description: 'Probe targets a port the container does not expose.',
  docsAnchor: 'probe-port-not-exposed',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, true)) {
        // probes connect over TCP (HTTP and gRPC too): only TCP container ports count
        const tcp = asArray(c.container.ports).filter(isRecord).filter((p) => (p.protocol ?? 'TCP') === 'TCP');
        for (const probe of PROBES) {
          const pr = c.container[probe];
          if (!isRecord(pr)) continue;
          for (const [handler, label] of HANDLERS) {
            const h = pr[handler];
            if (!isRecord(h) || h.port === undefined || h.port === null) continue;
            const port = h.port;
            const named = typeof port === 'string' && !/^[0-9]+$/.test(port);
            const ok = named ? tcp.some((p) => p.name === port) : tcp.some((p) => p.containerPort === Number(port));
            if (ok) continue;
            out.push({
              manifest: t.manifest, path: [...c.path, probe, handler, 'port'],
              message: `${probe} ${label} port ${String(port)} is not a ${named ? 'named ' : ''}TCP port of container "${c.name}"${named ? ': the probe always fails' : ''}`,
            });
          }
        }
      }
    }
    return out;
  },
};
