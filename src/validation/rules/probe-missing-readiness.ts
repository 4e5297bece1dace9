// A container without a readiness probe behind a Service: traffic reaches it before it can serve.
// Only reported when a Service of the set selects the pod (readiness gates nothing otherwise).
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, asArray, isRecord } from './resources';
import { servicesSelecting } from './selection';
import { addEntries, fix } from './edits';

/** A readiness probe skeleton: tcpSocket on the first declared port, else httpGet /healthz:8080. */
export function readinessSkeleton(container: Record<string, unknown>): Record<string, unknown> {
  const port = asArray(container.ports).find((p) => isRecord(p) && typeof p.containerPort === 'number' && (p.protocol ?? 'TCP') === 'TCP') as Record<string, unknown> | undefined;
  const probe = port ? { tcpSocket: { port: port.containerPort } } : { httpGet: { path: '/healthz', port: 8080 } };
  return { ...probe, initialDelaySeconds: 5, periodSeconds: 10 };
}

export const probeMissingReadiness: Rule = {
  id: 'probe-missing-readiness',
  defaultSeverity: 'warning',
  description: 'Container selected by a Service has no readiness probe.',
  docsAnchor: 'probe-missing-readiness',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      const services = servicesSelecting(idx, t);
      if (services.length === 0) continue;
      const text = ctx.texts?.(t.manifest.source.path);
      for (const c of containersOf(t, false)) {
        if (isRecord(c.container.readinessProbe)) continue;
        const fixes = [];
        if (text !== undefined) {
          const f = fix('Add a readiness probe', addEntries(text, t.manifest, c.path, { readinessProbe: readinessSkeleton(c.container) }), true);
          if (f) fixes.push(f);
        }
        const svcNames = services.map((s) => String(s.object.metadata?.name ?? '')).join(', ');
        out.push({ manifest: t.manifest, path: [...c.path, 'name'], message: `container "${c.name}" has no readiness probe but Service ${svcNames} sends it traffic`, fixes });
      }
    }
    return out;
  },
};
