// Toleration semantics (upstream v1helper.TolerationsTolerateTaint / Toleration.ToleratesTaint, v1.34:
// no Gt/Lt operators yet).
import type { Taint, Toleration } from '../../k8s';
import { arr as arr_ } from '../../k8s';

// Local binding of a hot imported value: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;

/** Does one toleration tolerate one taint? */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (!tol || typeof tol !== 'object') return false;
  const effect = tol.effect ?? '';
  if (effect !== '' && effect !== (taint.effect ?? '')) return false;
  const key = tol.key ?? '';
  if (key !== '' && key !== (taint.key ?? '')) return false;
  switch (tol.operator ?? '') {
    case 'Exists':
      return true;
    case '':
    case 'Equal':
      return (tol.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tols: readonly Toleration[], taint: Taint): boolean {
  for (const t of tols) if (toleratesTaint(t, taint)) return true;
  return false;
}

/**
 * The first taint (in node order) whose effect passes `inclusion` and that no toleration tolerates
 * (upstream FindMatchingUntoleratedTaint).
 */
export function findUntoleratedTaint(taints: readonly Taint[], tols: readonly Toleration[] | null | undefined, inclusion: (t: Taint) => boolean): Taint | null {
  const list = arr(tols as Toleration[] | null | undefined);
  for (const t of taints) {
    if (!inclusion(t)) continue;
    if (!tolerationsTolerateTaint(list, t)) return t;
  }
  return null;
}

export const isNoScheduleOrNoExecute = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
