// References from pods (and PVCs) to other objects by name, and a factory for the missing-reference
// rules. A reference marked `optional: true` is not reported (the kubelet starts the pod without it);
// the `default` ServiceAccount and the built-in system-* PriorityClasses always exist.
import type { Manifest, ObjectPath } from '../../manifests/types';
import type { Rule, RuleFinding, RuleContext } from './rule';
import { indexOf, asArray, isRecord, get, containersOf, assumedExternal, type PodTemplate } from './resources';

export interface Reference {
  kind: string; name: string; namespace: string; manifest: Manifest; path: ObjectPath; optional: boolean;
  /** for configMapKeyRef / secretKeyRef: the key read, and where */
  key?: { name: string; path: ObjectPath };
}

function ref(t: PodTemplate, kind: string, name: unknown, path: ObjectPath, optional: unknown): Reference | null {
  if (typeof name !== 'string' || name === '') return null;
  return { kind, name, namespace: t.namespace, manifest: t.manifest, path, optional: optional === true };
}

/** Every ConfigMap, Secret, PVC, ServiceAccount and PriorityClass a pod template refers to. */
export function podReferences(t: PodTemplate): Reference[] {
  const out: (Reference | null)[] = [];
  const sp = t.specPath;
  for (const c of [...containersOf(t, true), ...asArray(t.spec.ephemeralContainers).map((x, i) => ({ container: x as Record<string, unknown>, path: [...sp, 'ephemeralContainers', i] }))]) {
    if (!isRecord(c.container)) continue;
    asArray(c.container.env).forEach((e, i) => {
      const vf = get(e, ['valueFrom']);
      if (!isRecord(vf)) return;
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const kr = vf[field];
        if (!isRecord(kr)) continue;
        const base = [...c.path, 'env', i, 'valueFrom', field];
        const r = ref(t, kind, kr.name, [...base, 'name'], kr.optional);
        if (r && typeof kr.key === 'string') r.key = { name: kr.key, path: [...base, 'key'] };
        out.push(r);
      }
    });
    asArray(c.container.envFrom).forEach((e, i) => {
      if (!isRecord(e)) return;
      if (isRecord(e.configMapRef)) out.push(ref(t, 'ConfigMap', e.configMapRef.name, [...c.path, 'envFrom', i, 'configMapRef', 'name'], e.configMapRef.optional));
      if (isRecord(e.secretRef)) out.push(ref(t, 'Secret', e.secretRef.name, [...c.path, 'envFrom', i, 'secretRef', 'name'], e.secretRef.optional));
    });
  }
  asArray(t.spec.volumes).forEach((v, i) => {
    if (!isRecord(v)) return;
    const vp = [...sp, 'volumes', i];
    if (isRecord(v.configMap)) out.push(ref(t, 'ConfigMap', v.configMap.name, [...vp, 'configMap', 'name'], v.configMap.optional));
    if (isRecord(v.secret)) out.push(ref(t, 'Secret', v.secret.secretName, [...vp, 'secret', 'secretName'], v.secret.optional));
    if (isRecord(v.persistentVolumeClaim)) out.push(ref(t, 'PersistentVolumeClaim', v.persistentVolumeClaim.claimName, [...vp, 'persistentVolumeClaim', 'claimName'], false));
    asArray(get(v, ['projected', 'sources'])).forEach((s, j) => {
      if (!isRecord(s)) return;
      const pp = [...vp, 'projected', 'sources', j];
      if (isRecord(s.configMap)) out.push(ref(t, 'ConfigMap', s.configMap.name, [...pp, 'configMap', 'name'], s.configMap.optional));
      if (isRecord(s.secret)) out.push(ref(t, 'Secret', s.secret.name, [...pp, 'secret', 'name'], s.secret.optional));
    });
  });
  asArray(t.spec.imagePullSecrets).forEach((s, i) => out.push(ref(t, 'Secret', get(s, ['name']), [...sp, 'imagePullSecrets', i, 'name'], false)));
  const sa = t.spec.serviceAccountName ?? t.spec.serviceAccount;
  if (sa !== 'default') out.push(ref(t, 'ServiceAccount', sa, [...sp, t.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount'], false));
  const pc = t.spec.priorityClassName;
  if (typeof pc !== 'string' || !pc.startsWith('system-')) out.push(ref(t, 'PriorityClass', pc, [...sp, 'priorityClassName'], false));
  return out.filter((r): r is Reference => r !== null);
}

/** StorageClass references: PVCs and StatefulSet volumeClaimTemplates (an empty name means "no class"). */
export function storageClassReferences(ctx: RuleContext): Reference[] {
  const idx = indexOf(ctx);
  const out: Reference[] = [];
  for (const pvc of idx.ofKind('PersistentVolumeClaim')) {
    const sc = get(pvc.object, ['spec', 'storageClassName']);
    if (typeof sc === 'string' && sc !== '') out.push({ kind: 'StorageClass', name: sc, namespace: '', manifest: pvc, path: ['spec', 'storageClassName'], optional: false });
  }
  for (const sts of idx.ofKind('StatefulSet')) {
    asArray(get(sts.object, ['spec', 'volumeClaimTemplates'])).forEach((vct, i) => {
      const sc = get(vct, ['spec', 'storageClassName']);
      if (typeof sc === 'string' && sc !== '') out.push({ kind: 'StorageClass', name: sc, namespace: '', manifest: sts, path: ['spec', 'volumeClaimTemplates', i, 'spec', 'storageClassName'], optional: false });
    });
  }
  return out;
}

const podRefCache = new WeakMap<Manifest[], Reference[]>();

function allPodReferences(ctx: RuleContext): Reference[] {
  let refs = podRefCache.get(ctx.manifests);
  if (!refs) podRefCache.set(ctx.manifests, refs = indexOf(ctx).templates.flatMap(podReferences));
  return refs;
}

/** Names a StatefulSet's pods may claim through volumeClaimTemplates (claims the controller creates). */
function claimTemplateNames(m: Manifest): Set<string> {
  if (m.object.kind !== 'StatefulSet') return new Set();
  return new Set(asArray(get(m.object, ['spec', 'volumeClaimTemplates'])).map((v) => get(v, ['metadata', 'name'])).filter((n): n is string => typeof n === 'string'));
}

/** Keys of a ConfigMap/Secret (data, stringData, binaryData), or null when it declares none (filled elsewhere). */
function dataKeys(m: Manifest): Set<string> | null {
  const keys = new Set<string>();
  let any = false;
  for (const f of ['data', 'stringData', 'binaryData']) {
    const d = m.object[f];
    if (isRecord(d)) { any = true; for (const k of Object.keys(d)) keys.add(k); }
  }
  return any ? keys : null;
}

export function missingReferenceRule(opts: { id: string; kind: string; what: string; description: string }): Rule {
  return {
    id: opts.id,
    defaultSeverity: 'warning',
    description: opts.description,
    docsAnchor: opts.id,
    category: 'cross-resource',
    check(ctx) {
      if (assumedExternal(ctx, opts.kind)) return [];
      const idx = indexOf(ctx);
      const refs = opts.kind === 'StorageClass' ? storageClassReferences(ctx) : allPodReferences(ctx).filter((r) => r.kind === opts.kind);
      const out: RuleFinding[] = [];
      for (const r of refs) {
        if (r.optional) continue;
        const target = idx.find(r.kind, r.namespace, r.name);
        if (target) {
          // the object is in the set: a key read through configMapKeyRef/secretKeyRef must exist in it
          const keys = dataKeys(target);
          if (r.key && keys && !keys.has(r.key.name)) {
            out.push({ manifest: r.manifest, path: r.key.path, message: `${opts.what} "${r.name}" has no key "${r.key.name}" (keys: ${[...keys].join(', ') || 'none'})`, data: { kind: r.kind, name: r.name, key: r.key.name } });
          }
          continue;
        }
        if (r.kind === 'PersistentVolumeClaim' && claimTemplateNames(r.manifest).has(r.name)) continue;
        const where = r.namespace ? ` in namespace "${r.namespace}"` : '';
        out.push({ manifest: r.manifest, path: r.path, message: `${opts.what} "${r.name}" is not defined${where} (add it, or list ${opts.kind} in assumeExternal if it exists in the cluster)`, data: { kind: r.kind, name: r.name } });
      }
      return out;
    },
  };
}

