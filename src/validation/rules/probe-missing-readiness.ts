// A pod behind a Service with no readiness probe on any container: traffic reaches it before it can serve.
// Only reported when a Service of the set selects the pod (readiness gates nothing otherwise).
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, asArray, isRecord } from './resources';
import { servicesSelecting } from './selection';
import { addEntries, fix } from './edits';
import type { TextEditFix } from '../finding';

/** A readiness probe skeleton: tcpSocket on the first declared port, else httpGet /healthz:8080. */
export function readinessSkeleton(container: Record<string, unknown>): Record<string, unknown> {
  const port = asArray(container.ports).find((p) => isRecord(p) && typeof p.containerPort === 'number' && (p.protocol ?? 'TCP') === 'TCP') as Record<string, unknown> | undefined;
  const probe = port ? { tcpSocket: { port: port.containerPort } } : { httpGet: { path: '/healthz', port: 8080 } };
  return { ...probe, initialDelaySeconds: 5, periodSeconds: 10 };
}

export const probeMissingReadiness: Rule = {
  id: 'probe-missing-readiness',
  defaultSeverity: 'warning',
  description: 'Pod selected by a Service has no container with a readiness probe.',
  docsAnchor: 'probe-missing-readiness',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      const services = servicesSelecting(idx, t);
      if (services.length === 0) continue;
      // a pod is Ready when all its containers are; a container without a probe counts as ready once
      // started, so one probed container (the one serving) is enough: sidecars need none
      const containers = containersOf(t, false);
      if (containers.length === 0 || containers.some((c) => isRecord(c.container.readinessProbe))) continue;
      const c = containers[0];
      const text = ctx.texts?.(t.manifest.source.path);
      const fixes = (): TextEditFix[] => {
        const f = text === undefined ? null : fix('Add a readiness probe', addEntries(text, t.manifest, c.path, { readinessProbe: readinessSkeleton(c.container) }), true);
        return f ? [f] : [];
      };
      const names = services.map((s) => String(s.object.metadata?.name ?? ''));
      const svcNames = names.length === 1 ? `Service ${names[0]} sends` : `Services ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} send`;
      const which = containers.length === 1 ? `container "${c.name}" has` : `no container of this pod (${containers.map((x) => x.name).join(', ')}) has`;
      out.push({ manifest: t.manifest, path: [...c.path, 'name'], message: `${which} no readiness probe but ${svcNames} it traffic`, fixes });
    }
    return out;
  },
};
