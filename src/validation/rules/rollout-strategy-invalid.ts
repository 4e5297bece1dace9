// Update strategies with which a rollout could never make progress, or that are malformed: the API server
// rejects them. Facts from upstream pkg/apis/apps/validation (ValidateDeploymentStrategy,
// ValidateRollingUpdateDeployment, ValidateRollingUpdateDaemonSet, ValidatePositiveIntOrPercent,
// IsNotMoreThan100Percent, ValidateDeploymentSpec's progressDeadlineSeconds check), judged after the apps/v1
// defaults of pkg/apis/apps/v1/defaults.go: a Deployment's maxUnavailable and maxSurge default to 25% and
// progressDeadlineSeconds to 600; a DaemonSet's maxUnavailable to 1 and maxSurge to 0. Upstream compares
// the written value (25% counts as 25, not as 25% of the replicas), so "1%" is never zero here even when it
// rounds to no pod: the controller then allows one unavailable pod.
import type { Rule, RuleFinding } from './rule';
import type { Manifest, ObjectPath } from '../../manifests/types';
import { get, isRecord } from './resources';
import { fix, removeEntry } from './edits';

/** `why` is null for values of the wrong type, which the schema check already reports. */
type IntOrPercent = { ok: true; value: number; percent: boolean } | { ok: false; why: string | null };

/** An IntOrString as upstream validates it: a non-negative integer, or digits followed by '%'. */
function intOrPercent(v: unknown): IntOrPercent {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { ok: false, why: null };
    if (v < 0) return { ok: false, why: 'must be greater than or equal to 0' };
    return { ok: true, value: v, percent: false };
  }
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v);
    if (m) return { ok: true, value: Number(m[1]), percent: true };
    return { ok: false, why: `"${v}" is not a valid percentage: write digits followed by % (25%) or a plain integer` };
  }
  return { ok: false, why: null };
}

interface Checked { path: ObjectPath; written: boolean; value: number | null }

/** Validates one maxSurge/maxUnavailable field (defaulted when absent), reporting a malformed value. */
function field(m: Manifest, base: ObjectPath, name: string, dflt: number, kind: string, out: RuleFinding[]): Checked {
  const path = [...base, name];
  const raw = get(m.object, path);
  if (raw === undefined || raw === null) return { path, written: false, value: dflt };
  const v = intOrPercent(raw);
  if (!v.ok) {
    if (v.why !== null) out.push({ manifest: m, path, part: 'value', message: `${name} ${v.why}: the API server rejects this ${kind}` });
    return { path, written: true, value: null };
  }
  if (v.percent && v.value > 100) {
    out.push({ manifest: m, path, part: 'value', message: `${name} must not be greater than 100%: the API server rejects this ${kind}` });
  }
  return { path, written: true, value: v.value };
}

function checkDeployment(m: Manifest, text: string | undefined, out: RuleFinding[]): void {
  const strategy = get(m.object, ['spec', 'strategy']);
  const type = isRecord(strategy) && typeof strategy.type === 'string' ? strategy.type : 'RollingUpdate';
  const rolling = isRecord(strategy) ? strategy.rollingUpdate : undefined;
  if (type === 'Recreate' && rolling !== undefined && rolling !== null) {
    const path = ['spec', 'strategy', 'rollingUpdate'];
    out.push({
      manifest: m, path, part: 'key',
      message: 'rollingUpdate may not be specified when the strategy type is Recreate: the API server rejects this Deployment',
      fixes: () => {
        const f = text === undefined ? null : fix('Remove spec.strategy.rollingUpdate', removeEntry(text, m, path), true);
        return f ? [f] : [];
      },
    });
  }
  if (type === 'RollingUpdate' && (rolling === undefined || rolling === null || isRecord(rolling))) {
    const base = ['spec', 'strategy', 'rollingUpdate'];
    const unavailable = field(m, base, 'maxUnavailable', 25, 'Deployment', out);
    const surge = field(m, base, 'maxSurge', 25, 'Deployment', out);
    if (unavailable.value === 0 && surge.value === 0) {
      out.push({
        manifest: m, path: unavailable.written ? unavailable.path : surge.path, part: 'value',
        message: 'maxUnavailable may not be 0 when maxSurge is 0: the rollout could neither start a new pod nor stop an old one, and the API server rejects this Deployment',
      });
    }
  }
  // progressDeadlineSeconds must exceed minReadySeconds, or no rollout could ever report progress in time
  const deadline = get(m.object, ['spec', 'progressDeadlineSeconds']);
  const minReady = get(m.object, ['spec', 'minReadySeconds']);
  const d = typeof deadline === 'number' ? deadline : deadline === undefined || deadline === null ? 600 : null;
  const r = typeof minReady === 'number' ? minReady : minReady === undefined || minReady === null ? 0 : null;
  if (d !== null && r !== null && d <= r) {
    const onDeadline = typeof deadline === 'number';
    out.push({
      manifest: m, path: onDeadline ? ['spec', 'progressDeadlineSeconds'] : ['spec', 'minReadySeconds'], part: 'value',
      message: `progressDeadlineSeconds (${d}${onDeadline ? '' : ', the default'}) must be greater than minReadySeconds (${r}): the API server rejects this Deployment`,
    });
  }
}

function checkDaemonSet(m: Manifest, out: RuleFinding[]): void {
  const strategy = get(m.object, ['spec', 'updateStrategy']);
  const type = isRecord(strategy) && typeof strategy.type === 'string' ? strategy.type : 'RollingUpdate';
  const rolling = isRecord(strategy) ? strategy.rollingUpdate : undefined;
  if (type !== 'RollingUpdate' || !(rolling === undefined || rolling === null || isRecord(rolling))) return;
  const base = ['spec', 'updateStrategy', 'rollingUpdate'];
  const unavailable = field(m, base, 'maxUnavailable', 1, 'DaemonSet', out);
  const surge = field(m, base, 'maxSurge', 0, 'DaemonSet', out);
  if (unavailable.value === null || surge.value === null) return;
  if (unavailable.value !== 0 && surge.value !== 0) {
    out.push({
      manifest: m, path: surge.path, part: 'value',
      message: unavailable.written
        ? 'maxSurge may not be set when maxUnavailable is non-zero: the API server rejects this DaemonSet'
        : 'maxSurge may not be set when maxUnavailable is non-zero (it defaults to 1; set maxUnavailable: 0 to surge): the API server rejects this DaemonSet',
    });
  } else if (unavailable.value === 0 && surge.value === 0) {
    out.push({
      manifest: m, path: unavailable.written ? unavailable.path : surge.path, part: 'value',
      message: 'maxUnavailable cannot be 0 when maxSurge is 0: the rollout could neither replace a pod nor surge one, and the API server rejects this DaemonSet',
    });
  }
}

export const rolloutStrategyInvalid: Rule = {
  id: 'rollout-strategy-invalid',
  defaultSeverity: 'error',
  description: 'Deployment or DaemonSet update strategy the API server rejects (e.g. maxSurge and maxUnavailable both 0: the rollout could never progress).',
  docsAnchor: 'rollout-strategy-invalid',
  category: 'best-practice',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const m of ctx.manifests) {
      // only apps/v1 is served; older group versions are reported by api/deprecated-version
      if (m.object.apiVersion !== 'apps/v1') continue;
      if (m.object.kind === 'Deployment') checkDeployment(m, ctx.texts?.(m.source.path), out);
      else if (m.object.kind === 'DaemonSet') checkDaemonSet(m, out);
    }
    return out;
  },
};
