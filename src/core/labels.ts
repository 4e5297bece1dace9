// Label selectors (metav1.LabelSelector) and label syntax, as the API server and controllers read them.

export type Labels = Record<string, string>;

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label key, or null when it is (qualified name with optional DNS prefix). */
export function labelKeyError(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : null;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== null) {
    if (prefix.length === 0) return 'prefix part must be non-empty';
    if (prefix.length > 253) return 'prefix part must be no more than 253 characters';
    if (!DNS1123_SUBDOMAIN.test(prefix)) return 'prefix part must be a lowercase RFC 1123 subdomain';
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!NAME.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return null;
}

/** Why `value` is not a valid label value, or null when it is (empty is valid). */
export function labelValueError(value: string): string | null {
  if (value.length === 0) return null;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!NAME.test(value)) return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return null;
}

/**
 * Does `labels` match `selector`? Follows metav1.LabelSelectorAsSelector: a null/undefined selector
 * matches nothing, an empty selector ({}) matches everything; requirements are ANDed.
 */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Labels | null | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (l[k] !== String(v)) return false;
  }
  for (const r of selector.matchExpressions ?? []) {
    if (!requirementMatches(r, l)) return false;
  }
  return true;
}

export function requirementMatches(r: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const values = (r.values ?? []).map(String);
  switch (r.operator) {
    case 'In': return has && values.includes(labels[r.key]);
    case 'NotIn': return !has || !values.includes(labels[r.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false; // unknown operator: the selector is invalid and matches nothing
  }
}

/** Equality-based map selector (Service.spec.selector, ReplicationController.spec.selector). Empty map matches nothing for Services. */
export function mapSelectorMatches(selector: Labels | null | undefined, labels: Labels | null | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === String(v));
}

/** Is the selector empty (matches everything)? */
export function isEmptySelector(selector: LabelSelector | null | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** kubectl-style rendering: "app=web,tier in (a,b)". */
export function formatSelector(selector: LabelSelector | Labels | null | undefined): string {
  if (!selector) return '<none>';
  const sel = ('matchLabels' in selector || 'matchExpressions' in selector) ? selector as LabelSelector : { matchLabels: selector as Labels };
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator.toLowerCase()} (${(r.values ?? []).join(',')})`);
  }
  return parts.join(',') || '<everything>';
}
