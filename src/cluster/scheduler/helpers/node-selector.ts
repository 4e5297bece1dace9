// Node selector semantics (upstream component-helpers nodeaffinity): terms ORed, requirements ANDed;
// an empty term is dropped; a term that fails to parse never matches; no terms left -> matches nothing.
// Operators In/NotIn/Exists/DoesNotExist/Gt/Lt on labels, matchFields only metadata.name In/NotIn with
// exactly one value.
import { labelKeyError, labelValueError, type Labels } from '../../../core/labels';
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../k8s';
import { arr } from '../../k8s';

export interface NodeLike { name: string; labels: Labels }

type Matcher = (n: NodeLike) => boolean;

const INT64 = /^[+-]?[0-9]+$/;

function parseInt64(s: string): bigint | null {
  if (!INT64.test(s)) return null;
  try {
    const v = BigInt(s);
    if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
    return v;
  } catch {
    return null;
  }
}

/** One label requirement -> matcher, or null when it does not parse (labels.NewRequirement rules). */
function labelRequirement(r: NodeSelectorRequirement): Matcher | null {
  if (!r || typeof r !== 'object' || typeof r.key !== 'string' || labelKeyError(r.key) !== null) return null;
  const key = r.key;
  const values = arr(r.values).map((v) => String(v));
  const has = (n: NodeLike) => Object.prototype.hasOwnProperty.call(n.labels, key);
  switch (r.operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0 || values.some((v) => labelValueError(v) !== null)) return null;
      const set = new Set(values);
      return r.operator === 'In' ? (n) => has(n) && set.has(n.labels[key]) : (n) => !has(n) || !set.has(n.labels[key]);
    }
    case 'Exists':
      return values.length === 0 ? has : null;
    case 'DoesNotExist':
      return values.length === 0 ? (n) => !has(n) : null;
    case 'Gt':
    case 'Lt': {
      // NewRequirement: one integer value, which must also be a valid label value ("-5" and "+1" are not)
      if (values.length !== 1 || labelValueError(values[0]) !== null) return null;
      const want = parseInt64(values[0]);
      if (want === null) return null;
      const gt = r.operator === 'Gt';
      return (n) => {
        if (!has(n)) return false;
        const v = parseInt64(n.labels[key]);
        if (v === null) return false;
        return gt ? v > want : v < want;
      };
    }
    default:
      return null;
  }
}

function fieldRequirement(r: NodeSelectorRequirement): Matcher | null {
  if (!r || typeof r !== 'object' || r.key !== 'metadata.name') return null;
  const values = arr(r.values).map((v) => String(v));
  if (values.length !== 1) return null;
  if (r.operator === 'In') return (n) => n.name === values[0];
  if (r.operator === 'NotIn') return (n) => n.name !== values[0];
  return null;
}

export function termIsEmpty(t: NodeSelectorTerm | null | undefined): boolean {
  return !t || (arr(t.matchExpressions).length === 0 && arr(t.matchFields).length === 0);
}

/** A term -> matcher (null when it does not parse). */
export function compileTerm(t: NodeSelectorTerm): Matcher | null {
  const parts: Matcher[] = [];
  for (const r of arr(t.matchExpressions)) {
    const m = labelRequirement(r);
    if (!m) return null;
    parts.push(m);
  }
  for (const r of arr(t.matchFields)) {
    const m = fieldRequirement(r);
    if (!m) return null;
    parts.push(m);
  }
  return (n) => parts.every((p) => p(n));
}

/** A required NodeSelector -> matcher (LazyErrorNodeSelector semantics). */
export function compileNodeSelector(sel: NodeSelector | null | undefined): Matcher {
  const terms: Matcher[] = [];
  for (const t of arr(sel?.nodeSelectorTerms)) {
    if (termIsEmpty(t)) continue;
    const m = compileTerm(t);
    if (m) terms.push(m);
  }
  return (n) => terms.some((m) => m(n));
}

export interface CompiledPreferred { weight: number; match: Matcher }

/** Preferred terms with weight 0 or an empty preference are dropped (upstream NewPreferredSchedulingTerms). */
export function compilePreferred(terms: PreferredSchedulingTerm[] | null | undefined): CompiledPreferred[] {
  const out: CompiledPreferred[] = [];
  for (const t of arr(terms)) {
    if (!t || typeof t !== 'object') continue;
    const w = typeof t.weight === 'number' ? t.weight : 0;
    if (w === 0 || termIsEmpty(t.preference)) continue;
    const m = compileTerm(t.preference as NodeSelectorTerm);
    // a preference that does not parse never matches
    out.push({ weight: w, match: m ?? (() => false) });
  }
  return out;
}

export function preferredScore(terms: readonly CompiledPreferred[], n: NodeLike): number {
  let s = 0;
  for (const t of terms) if (t.match(n)) s += t.weight;
  return s;
}

/**
 * The pod's required node affinity: spec.nodeSelector AND requiredDuringScheduling...
 * (upstream nodeaffinity.GetRequiredNodeAffinity).
 */
export class RequiredNodeAffinity {
  private readonly selectorEntries: [string, string][] | null;
  private readonly nodeSelector: Matcher | null;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    this.selectorEntries = ns && typeof ns === 'object' ? Object.entries(ns).map(([k, v]) => [k, String(v)]) : null;
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.nodeSelector = req ? compileNodeSelector(req) : null;
  }

  /** True when the pod constrains nodes at all. */
  get constrains(): boolean {
    return (this.selectorEntries !== null && this.selectorEntries.length > 0) || this.nodeSelector !== null;
  }

  /** The nodeSelector entries when they are the whole requirement (no required node affinity), else null. */
  get selectorOnly(): readonly (readonly [string, string])[] | null {
    return this.nodeSelector === null ? this.selectorEntries ?? [] : null;
  }

  match(n: NodeLike): boolean {
    if (this.selectorEntries) {
      for (const [k, v] of this.selectorEntries) if (n.labels[k] !== v) return false;
    }
    return this.nodeSelector ? this.nodeSelector(n) : true;
  }
}

const requiredCache = new WeakMap<Pod, RequiredNodeAffinity>();

export function requiredNodeAffinityOf(pod: Pod): RequiredNodeAffinity {
  let r = requiredCache.get(pod);
  if (!r) {
    r = new RequiredNodeAffinity(pod);
    requiredCache.set(pod, r);
  }
  return r;
}
