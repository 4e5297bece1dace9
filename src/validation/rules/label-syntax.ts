// Label keys and values, annotation keys, and label selectors that the API server rejects.
import type { Rule, RuleFinding } from './rule';
import type { Manifest, ObjectPath } from '../../manifests/types';
import { labelKeyError, labelValueError } from '../../core/labels';
import { indexOf, isRecord, get, asArray } from './resources';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Paths of metav1.LabelSelector fields per kind. */
function labelSelectorPaths(m: Manifest): ObjectPath[] {
  const k = m.object.kind;
  const paths: ObjectPath[] = [];
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'PodDisruptionBudget'].includes(k)) paths.push(['spec', 'selector']);
  if (k === 'NetworkPolicy') {
    paths.push(['spec', 'podSelector']);
    for (const dir of ['ingress', 'egress']) {
      asArray(get(m.object, ['spec', dir])).forEach((rule, i) => {
        asArray(get(rule, [dir === 'ingress' ? 'from' : 'to'])).forEach((peer, j) => {
          for (const s of ['podSelector', 'namespaceSelector']) if (isRecord(get(peer, [s]))) paths.push(['spec', dir, i, dir === 'ingress' ? 'from' : 'to', j, s]);
        });
      });
    }
  }
  return paths;
}

function checkLabels(m: Manifest, path: ObjectPath, out: RuleFinding[], what: string, checkValues = true): void {
  const map = get(m.object, path);
  if (!isRecord(map)) return;
  for (const [k, v] of Object.entries(map)) {
    const ke = labelKeyError(k);
    if (ke) out.push({ manifest: m, path: [...path, k], part: 'key', message: `invalid ${what} key "${k}": ${ke}` });
    if (!checkValues) continue;
    if (v !== null && typeof v === 'object') { out.push({ manifest: m, path: [...path, k], message: `${what} "${k}" must be a string` }); continue; }
    const ve = labelValueError(v === null || v === undefined ? '' : String(v));
    if (ve) out.push({ manifest: m, path: [...path, k], message: `invalid ${what} value ${JSON.stringify(String(v))} for "${k}": ${ve}` });
  }
}

function checkSelector(m: Manifest, path: ObjectPath, out: RuleFinding[]): void {
  checkLabels(m, [...path, 'matchLabels'], out, 'selector label');
  asArray(get(m.object, [...path, 'matchExpressions'])).forEach((e, i) => {
    if (!isRecord(e)) return;
    const ep = [...path, 'matchExpressions', i];
    const key = typeof e.key === 'string' ? e.key : '';
    const ke = labelKeyError(key);
    if (ke) out.push({ manifest: m, path: [...ep, 'key'], message: `invalid selector key "${key}": ${ke}` });
    const op = String(e.operator ?? '');
    const values = Array.isArray(e.values) ? e.values : [];
    if (!OPERATORS.has(op)) out.push({ manifest: m, path: [...ep, 'operator'], message: `"${op}" is not a valid selector operator (In, NotIn, Exists, DoesNotExist)` });
    else if ((op === 'In' || op === 'NotIn') && values.length === 0) out.push({ manifest: m, path: [...ep, 'operator'], message: `operator ${op} needs at least one value` });
    else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) out.push({ manifest: m, path: [...ep, 'values'], message: `operator ${op} must have no values` });
    values.forEach((v, j) => {
      const ve = labelValueError(String(v));
      if (ve) out.push({ manifest: m, path: [...ep, 'values', j], message: `invalid selector value ${JSON.stringify(String(v))}: ${ve}` });
    });
  });
}

export const labelSyntax: Rule = {
  id: 'label-syntax',
  defaultSeverity: 'error',
  description: 'Label keys/values, annotation keys or label selectors that the API server rejects.',
  docsAnchor: 'label-syntax',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const m of ctx.manifests) {
      if (!m.object || typeof m.object.kind !== 'string') continue;
      checkLabels(m, ['metadata', 'labels'], out, 'label');
      checkLabels(m, ['metadata', 'annotations'], out, 'annotation', false);
      const t = idx.templateOf(m);
      if (t && t.templatePath.length > 0) {
        checkLabels(m, [...t.templatePath, 'metadata', 'labels'], out, 'label');
        checkLabels(m, [...t.templatePath, 'metadata', 'annotations'], out, 'annotation', false);
      }
      for (const p of labelSelectorPaths(m)) checkSelector(m, p, out);
      if (m.object.kind === 'Service' || m.object.kind === 'ReplicationController') checkLabels(m, ['spec', 'selector'], out, 'selector label');
    }
    return out;
  },
};
