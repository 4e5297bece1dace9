// Ingress routes: every rule path and the default backend resolved to a Service and one of its ports
// (by number or by name), with the IngressClass from spec.ingressClassName or the legacy
// kubernetes.io/ingress.class annotation. A missing Service or port is kept as `problem` for lint.
// The legacy extensions/v1beta1 / networking.k8s.io/v1beta1 backend shape (serviceName/servicePort) is
// read too, so old manifests still show their routes.
import type { K8sObject, Service } from '../k8s';
import { arr, namespaceOf, nameOf } from '../k8s';
import type { SnapshotIngressRoute, SourceRef } from '../snapshot';

interface Backend {
  service?: { name?: string; port?: { number?: number; name?: string } };
  resource?: { kind?: string; name?: string };
  serviceName?: string;
  servicePort?: number | string;
}

export interface Ingress extends K8sObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: Backend;
    backend?: Backend;
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: Backend }[] } }[];
    [key: string]: unknown;
  };
}

function backendTarget(b: Backend | undefined): { service: string | null; port: number | string | null; resource: string | null } {
  if (!b || typeof b !== 'object') return { service: null, port: null, resource: null };
  if (b.service && typeof b.service === 'object') {
    const port = b.service.port?.number ?? b.service.port?.name ?? null;
    return { service: b.service.name ?? null, port, resource: null };
  }
  if (typeof b.serviceName === 'string') return { service: b.serviceName, port: b.servicePort ?? null, resource: null };
  if (b.resource) return { service: null, port: null, resource: `${b.resource.kind ?? ''}/${b.resource.name ?? ''}` };
  return { service: null, port: null, resource: null };
}

/** Resolve a backend's port against the Service: the Service port number, or a problem. */
export function resolveBackend(service: string | null, port: number | string | null, ns: string, services: Map<string, Service>): { resolvedPort: number | null; problem: string | null } {
  if (service === null) return { resolvedPort: null, problem: null };
  const svc = services.get(`${ns}/${service}`);
  if (!svc) return { resolvedPort: null, problem: `Service "${service}" not found in namespace ${ns}` };
  const ports = arr(svc.spec?.ports);
  if (port === null) return { resolvedPort: null, problem: `no port given for Service "${service}"` };
  if (typeof port === 'number') {
    return ports.some((p) => p?.port === port) ? { resolvedPort: port, problem: null } : { resolvedPort: null, problem: `Service "${service}" has no port ${port}` };
  }
  // A numeric string (legacy servicePort: "80") is read as a number, as the intstr would be in YAML.
  if (/^[0-9]+$/.test(port)) return resolveBackend(service, Number(port), ns, services);
  const byName = ports.find((p) => p?.name === port);
  return byName && typeof byName.port === 'number' ? { resolvedPort: byName.port, problem: null } : { resolvedPort: null, problem: `Service "${service}" has no port named "${port}"` };
}

/** The IngressClass marked default (ingressclass.kubernetes.io/is-default-class: "true"), if exactly one. */
export function defaultIngressClass(objects: K8sObject[]): string | null {
  const defaults = objects.filter((o) => o.kind === 'IngressClass' && o.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  return defaults.length === 1 ? nameOf(defaults[0]) : null;
}

/**
 * Routes of one Ingress. `defaultClass`: the DefaultIngressClass admission plugin gives Ingresses that
 * name no class (field or legacy annotation) the default IngressClass.
 */
export function ingressRoutes(ing: Ingress, source: SourceRef, services: Map<string, Service>, defaultClass: string | null = null): SnapshotIngressRoute[] {
  const ns = namespaceOf(ing);
  const name = nameOf(ing);
  const annotationClass = ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
  const ingressClass = typeof ing.spec?.ingressClassName === 'string' ? ing.spec.ingressClassName : typeof annotationClass === 'string' ? annotationClass : defaultClass;
  const routes: SnapshotIngressRoute[] = [];
  const add = (host: string | null, path: string | null, pathType: string | null, b: Backend | undefined) => {
    const t = backendTarget(b);
    const r = resolveBackend(t.service, t.port, ns, services);
    routes.push({
      namespace: ns, ingress: name, ingressClass, host, path, pathType,
      service: t.service, port: t.port, resolvedPort: r.resolvedPort,
      problem: t.service === null && t.resource === null ? 'backend names neither a Service nor a resource' : r.problem,
      source,
    });
  };
  for (const rule of arr(ing.spec?.rules)) {
    const host = typeof rule?.host === 'string' ? rule.host : null;
    for (const p of arr(rule?.http?.paths)) add(host, typeof p?.path === 'string' ? p.path : null, typeof p?.pathType === 'string' ? p.pathType : null, p?.backend);
  }
  const def = ing.spec?.defaultBackend ?? ing.spec?.backend;
  if (def) add(null, null, null, def);
  return routes;
}
