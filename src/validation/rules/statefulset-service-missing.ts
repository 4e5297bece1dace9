// A StatefulSet's serviceName should name a headless Service that selects its pods: it gives the pods
// their stable DNS names (pod-0.svc.ns.svc.cluster.local).
import type { Rule, RuleFinding } from './rule';
import { indexOf, namespaceOf, get, assumedExternal } from './resources';
import { templatesSelectedByService } from './selection';


export const statefulsetServiceMissing: Rule = {
  id: 'statefulset-service-missing',
  defaultSeverity: 'warning',
  description: 'StatefulSet serviceName names no headless Service selecting its pods.',
  docsAnchor: 'statefulset-service-missing',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const sts of idx.ofKind('StatefulSet')) {
      const name = get(sts.object, ['spec', 'serviceName']);
      if (typeof name !== 'string' || name === '') continue;
      const ns = namespaceOf(sts.object);
      const svc = idx.find('Service', ns, name);
      const path = ['spec', 'serviceName'];
      if (!svc) {
        if (!assumedExternal(ctx, 'Service')) out.push({ manifest: sts, path, message: `serviceName "${name}" names no Service in namespace "${ns}": pods get no stable DNS names` });
        continue;
      }
      if (get(svc.object, ['spec', 'clusterIP']) !== 'None') {
        out.push({ manifest: sts, path, message: `Service "${name}" is not headless (clusterIP: None): pods get no per-pod DNS records` });
        continue;
      }
      const t = idx.templateOf(sts);
      if (t && !templatesSelectedByService(idx, svc).includes(t)) {
        out.push({ manifest: sts, path, message: `headless Service "${name}" does not select this StatefulSet's pods` });
      }
    }
    return out;
  },
};
