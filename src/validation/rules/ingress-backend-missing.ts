// An Ingress backend naming a Service that is not in the set, or a port the Service does not have.
import type { Rule, RuleFinding } from './rule';
import type { Manifest, ObjectPath } from '../../manifests/types';
import { indexOf, namespaceOf, asArray, isRecord, get, assumedExternal } from './resources';

/** service null: a v1 backend with neither service nor resource (e.g. v1beta1 fields under networking.k8s.io/v1) */
interface Backend { service: string | null; port: number | string | null; path: ObjectPath; portPath: ObjectPath }

/** Every Service backend of an Ingress (networking.k8s.io/v1 and the older serviceName/servicePort form). */
export function ingressBackends(ing: Manifest): Backend[] {
  const out: Backend[] = [];
  // networking.k8s.io/v1 reads only backend.service; serviceName/servicePort are the v1beta1 shape
  const v1 = ing.object.apiVersion === 'networking.k8s.io/v1';
  const add = (b: unknown, path: ObjectPath) => {
    if (!isRecord(b)) return;
    if (v1 && !isRecord(b.service) && !isRecord(b.resource)) {
      out.push({ service: null, port: null, path, portPath: path });
      return;
    }
    if (isRecord(b.service)) {
      const svc = b.service;
      if (typeof svc.name !== 'string') return;
      const port = isRecord(svc.port) ? (typeof svc.port.number === 'number' ? svc.port.number : typeof svc.port.name === 'string' ? svc.port.name : null) : null;
      const portKey = isRecord(svc.port) && typeof svc.port.number === 'number' ? 'number' : 'name';
      out.push({ service: svc.name, port, path: [...path, 'service', 'name'], portPath: [...path, 'service', 'port', portKey] });
    } else if (!v1 && typeof b.serviceName === 'string') {
      const p = b.servicePort;
      out.push({ service: b.serviceName, port: typeof p === 'number' || typeof p === 'string' ? p : null, path: [...path, 'serviceName'], portPath: [...path, 'servicePort'] });
    }
  };
  const spec = ing.object.spec;
  add(get(spec, ['defaultBackend']), ['spec', 'defaultBackend']);
  add(get(spec, ['backend']), ['spec', 'backend']);
  asArray(get(spec, ['rules'])).forEach((r, i) => {
    asArray(get(r, ['http', 'paths'])).forEach((p, j) => add(get(p, ['backend']), ['spec', 'rules', i, 'http', 'paths', j, 'backend']));
  });
  return out;
}

export const ingressBackendMissing: Rule = {
  id: 'ingress-backend-missing',
  defaultSeverity: 'warning',
  description: 'Ingress backend names a Service that is not defined, or a port that Service does not expose.',
  docsAnchor: 'ingress-backend-missing',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const ing of idx.ofKind('Ingress')) {
      const ns = namespaceOf(ing.object);
      for (const b of ingressBackends(ing)) {
        if (b.service === null) {
          out.push({ manifest: ing, path: b.path, message: 'backend names no Service: networking.k8s.io/v1 needs backend.service.name and backend.service.port (serviceName/servicePort are v1beta1 fields)' });
          continue;
        }
        const svc = idx.find('Service', ns, b.service);
        if (!svc) {
          if (!assumedExternal(ctx, 'Service')) out.push({ manifest: ing, path: b.path, message: `backend Service "${b.service}" is not defined in namespace "${ns}"` });
          continue;
        }
        if (b.port === null) continue;
        const ports = asArray(get(svc.object, ['spec', 'ports'])).filter(isRecord);
        const found = typeof b.port === 'number' || /^[0-9]+$/.test(String(b.port))
          ? ports.some((p) => p.port === Number(b.port))
          : ports.some((p) => p.name === b.port);
        if (!found) {
          const have = ports.map((p) => (typeof p.name === 'string' ? `${p.name}/${String(p.port)}` : String(p.port)));
          out.push({ manifest: ing, path: b.portPath, message: `Service "${b.service}" has no port ${JSON.stringify(b.port)} (ports: ${have.join(', ') || 'none'})` });
        }
      }
    }
    return out;
  },
};
