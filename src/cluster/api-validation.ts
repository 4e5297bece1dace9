// The API server's validation of a pod spec where a manifest can pass the schema and still be refused,
// for the fields that change scheduling (pkg/apis/core/validation: validateTopologySpreadConstraints).
// Errors read as the API server words them: "<path>: Invalid value: 0: must be greater than zero".
import type { PodSpec } from './k8s';
import { arr } from './k8s';

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];

/** The validation errors of the spec's topologySpreadConstraints (`path` is the spec's path). */
export function topologySpreadErrors(spec: PodSpec | undefined, path: string): string[] {
  const errors: string[] = [];
  const list = arr(spec?.topologySpreadConstraints);
  list.forEach((c, i) => {
    if (!c || typeof c !== 'object') return;
    const at = `${path}.topologySpreadConstraints[${i}]`;
    if (typeof c.maxSkew === 'number' && c.maxSkew <= 0) errors.push(`${at}.maxSkew: Invalid value: ${c.maxSkew}: must be greater than zero`);
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '') errors.push(`${at}.topologyKey: Required value: can not be empty`);
    const when = c.whenUnsatisfiable;
    if (typeof when !== 'string' || !WHEN_UNSATISFIABLE.includes(when)) {
      errors.push(`${at}.whenUnsatisfiable: Unsupported value: "${String(when ?? '')}": supported values: "DoNotSchedule", "ScheduleAnyway"`);
    }
    // ValidateSpreadConstraintNotRepeat: reported at the first of the repeated pair
    if (list.slice(i + 1).some((d) => d?.topologyKey === c.topologyKey && d?.whenUnsatisfiable === when)) {
      errors.push(`${at}.{topologyKey, whenUnsatisfiable}: Duplicate value: "{${c.topologyKey}, ${when}}"`);
    }
    const minDomains = (c as { minDomains?: unknown }).minDomains;
    if (minDomains !== undefined && minDomains !== null) {
      if (typeof minDomains === 'number' && minDomains <= 0) errors.push(`${at}.minDomains: Invalid value: ${minDomains}: must be greater than zero`);
      if (when !== 'DoNotSchedule') errors.push(`${at}.minDomains: Invalid value: ${String(minDomains)}: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(when ?? '')}`);
    }
  });
  return errors;
}

/** field.ErrorList.ToAggregate as the API server prints it after "... is invalid: ". */
export function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}
