// Replicas the simulated scheduler could not place, with its FailedScheduling message, on the
// workload's `replicas` (or its pod template). Quick fix: tolerate the taint that kept the pod off nodes.
import type { Rule, RuleFinding } from './rule';
import type { TextEditFix } from '../finding';
import type { SnapshotPod, Taint } from '../../cluster/snapshot';
import type { Manifest, ObjectPath } from '../../manifests/types';
import { indexOf, get } from './resources';
import { manifestFor, podsOfWorkload } from './snapshot-lookup';
import { appendItem, fix } from './edits';

/** Taints (NoSchedule/NoExecute) of the nodes whose filter reasons say a taint was not tolerated. */
function blockingTaints(ctx: Parameters<Rule['check']>[0], pod: SnapshotPod): Taint[] {
  const snap = ctx.snapshot;
  if (!snap || !pod.scheduling) return [];
  const out = new Map<string, Taint>();
  for (const [node, reasons] of Object.entries(pod.scheduling.filtered)) {
    if (!reasons.some((r) => /taint/i.test(r))) continue;
    const n = snap.nodes.find((x) => x.name === node);
    for (const t of n?.taints ?? []) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
      out.set(`${t.key}=${t.value ?? ''}:${t.effect}`, t);
    }
  }
  return [...out.values()];
}

function tolerationFixes(ctx: Parameters<Rule['check']>[0], text: string | undefined, m: Manifest, specPath: ObjectPath, pod: SnapshotPod): TextEditFix[] {
  if (text === undefined) return [];
  const fixes: TextEditFix[] = [];
  for (const t of blockingTaints(ctx, pod).slice(0, 3)) {
    const tol: Record<string, unknown> = t.value ? { key: t.key, operator: 'Equal', value: t.value, effect: t.effect } : { key: t.key, operator: 'Exists', effect: t.effect };
    const f = fix(`Add a toleration for taint ${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`, appendItem(text, m, [...specPath, 'tolerations'], tol));
    if (f) fixes.push(f);
  }
  return fixes;
}

export const unschedulableReplicas: Rule = {
  id: 'unschedulable-replicas',
  defaultSeverity: 'warning',
  description: 'Simulated scheduling leaves replicas Pending (with the scheduler\'s FailedScheduling message).',
  docsAnchor: 'unschedulable-replicas',
  category: 'simulation',
  needsSnapshot: true,
  check(ctx) {
    const snap = ctx.snapshot;
    if (!snap) return [];
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const w of snap.workloads) {
      if (w.pending <= 0) continue;
      const m = manifestFor(ctx, w.kind, w.namespace, w.name);
      const t = m && idx.templateOf(m);
      if (!m || !t) continue;
      const pending = podsOfWorkload(ctx, w.kind, w.namespace, w.name).filter((p) => p.nodeName === null && p.phase === 'Pending');
      const first = pending.find((p) => p.message) ?? pending[0];
      const why = first?.message ?? 'no node fits';
      const path: ObjectPath = get(m.object, ['spec', 'replicas']) !== undefined ? ['spec', 'replicas'] : t.templatePath.length ? [...t.templatePath.slice(0, -1), 'template'] : ['spec'];
      out.push({
        manifest: m, path, part: path[path.length - 1] === 'template' ? 'key' : 'value',
        message: `${w.pending} of ${w.desired} replica${w.desired === 1 ? '' : 's'} cannot be scheduled: ${why}`,
        // the text is taken now, the edits computed when the fixes are asked for
        fixes: ((text) => () => (first ? tolerationFixes(ctx, text, m, t.specPath, first) : []))(ctx.texts?.(m.source.path)),
        data: { pending: w.pending, desired: w.desired, message: why },
      });
    }
    // bare Pods (no workload) that stay Pending
    for (const p of snap.pods) {
      if (p.owner || p.workload || p.nodeName !== null || !p.scheduling) continue;
      const m = manifestFor(ctx, 'Pod', p.namespace, p.name);
      const t = m && idx.templateOf(m);
      if (!m || !t) continue;
      out.push({
        manifest: m, path: ['spec'], part: 'key',
        message: `pod cannot be scheduled: ${p.message ?? 'no node fits'}`,
        fixes: ((text) => () => tolerationFixes(ctx, text, m, t.specPath, p))(ctx.texts?.(m.source.path)),
        data: { message: p.message },
      });
    }
    return out;
  },
};
