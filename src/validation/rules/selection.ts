// Who selects whom, answered through the ResourceIndex: Services -> pod templates, LabelSelectors ->
// pod templates, and the reverse (which Services select a template), memoized per index.
import type { Manifest } from '../../manifests/types';
import { selectorMatches, mapSelectorMatches, type LabelSelector } from '../../core/labels';
import { type ResourceIndex, type PodTemplate, get, isRecord, namespaceOf, stringMap } from './resources';

/** A Service's selector, or null when it has none (selector-less Services get manual endpoints). */
export function serviceSelector(svc: Manifest): Record<string, string> | null {
  const o = svc.object;
  if (get(o, ['spec', 'type']) === 'ExternalName') return null;
  const sel = stringMap(get(o, ['spec', 'selector']));
  return Object.keys(sel).length === 0 ? null : sel;
}

const selectedByService = new WeakMap<ResourceIndex, Map<Manifest, PodTemplate[]>>();

/** Templates a Service selects (memoized per index: four rules ask). */
export function templatesSelectedByService(idx: ResourceIndex, svc: Manifest): PodTemplate[] {
  let memo = selectedByService.get(idx);
  if (!memo) selectedByService.set(idx, memo = new Map());
  let hit = memo.get(svc);
  if (!hit) {
    const sel = serviceSelector(svc);
    hit = sel ? idx.templatesMatching(namespaceOf(svc.object), sel, (labels) => mapSelectorMatches(sel, labels)) : [];
    memo.set(svc, hit);
  }
  return hit;
}

/** A metav1.LabelSelector read from YAML, with matchLabels values as strings. */
export function labelSelector(v: unknown): LabelSelector | null {
  if (!isRecord(v)) return null;
  const exprs = Array.isArray(v.matchExpressions) ? v.matchExpressions.filter(isRecord).map((e) => ({
    key: String(e.key ?? ''), operator: String(e.operator ?? ''), values: Array.isArray(e.values) ? e.values.map(String) : undefined,
  })) : [];
  return { matchLabels: stringMap(v.matchLabels), matchExpressions: exprs };
}

/** Templates in `namespace` matched by a LabelSelector (empty selector = every template). */
export function templatesSelectedBy(idx: ResourceIndex, namespace: string, sel: LabelSelector | null): PodTemplate[] {
  if (!sel) return [];
  return idx.templatesMatching(namespace, sel.matchLabels ?? {}, (labels) => selectorMatches(sel, labels));
}

const servicesByTemplate = new WeakMap<ResourceIndex, Map<PodTemplate, Manifest[]>>();

/** Services (of the set) that select `t`. */
export function servicesSelecting(idx: ResourceIndex, t: PodTemplate): Manifest[] {
  let map = servicesByTemplate.get(idx);
  if (!map) {
    map = new Map();
    for (const svc of idx.ofKind('Service')) {
      for (const sel of templatesSelectedByService(idx, svc)) {
        const list = map.get(sel);
        if (list) list.push(svc); else map.set(sel, [svc]);
      }
    }
    servicesByTemplate.set(idx, map);
  }
  return map.get(t) ?? [];
}

export function labelsText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}
