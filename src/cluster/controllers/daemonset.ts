// DaemonSet controller: decides per node whether a daemon pod should run there (nodeShouldRunDaemonPod:
// the template's nodeName, nodeSelector and required node affinity, and the node's NoSchedule/NoExecute
// taints against the template's tolerations plus the ones the controller adds), then creates one pod per
// eligible node and lets the default scheduler bind it: the pod's required node affinity is replaced by a
// single term `matchFields metadata.name In [<node>]` (ReplaceDaemonSetPodNodeNameNodeAffinity).
import type { K8sObject, Node, NodeSelectorRequirement, NodeSelectorTerm, PodTemplateSpec, Taint, Toleration } from '../k8s';
import { arr, labelsOf, namespaceOf, nameOf } from '../k8s';
import type { LabelSelector } from '../../core/labels';
import type { SourceRef } from '../snapshot';
import {
  type ControllerContext, type ControllerOutput, computeHash, emptyWorkload, ensureUid, ownerReference, podFromTemplate, podsPrefix,
} from './common';
import { selectorProblem } from './replicaset';
import { CONTROLLER_REVISION_HASH } from './statefulset';

export interface DaemonSet extends K8sObject {
  spec?: { selector?: LabelSelector | null; template?: PodTemplateSpec; [key: string]: unknown };
  status?: { collisionCount?: number; [key: string]: unknown };
}

/** Tolerations util.AddOrUpdateDaemonPodTolerations adds (operator Exists, no tolerationSeconds). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** AddOrUpdateTolerationInPodSpec: add each of `extra` unless one with the same key, operator, value and
 *  effect (Toleration.MatchToleration) is already there. */
function mergeTolerations(existing: Toleration[], extra: Toleration[]): Toleration[] {
  const out = [...existing];
  for (const e of extra) {
    const same = out.some((t) => (t?.key ?? '') === (e.key ?? '') && (t?.operator ?? '') === (e.operator ?? '') && (t?.value ?? '') === (e.value ?? '') && (t?.effect ?? '') === (e.effect ?? ''));
    if (!same) out.push(e);
  }
  return out;
}

/** v1 Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal' || op === '') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

function requirementMatchesNode(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const key = r.key ?? '';
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  const values = arr(r.values).map(String);
  switch (r.operator) {
    case 'In': return has && values.includes(labels[key]);
    case 'NotIn': return !has || !values.includes(labels[key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': case 'Lt': {
      if (!has || values.length !== 1 || !/^-?[0-9]+$/.test(labels[key]) || !/^-?[0-9]+$/.test(values[0])) return false;
      const a = Number(labels[key]); const b = Number(values[0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default: return false;
  }
}

/** A NodeSelectorTerm against a node (expressions on labels, fields on metadata.name); empty terms never match. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = arr(term?.matchExpressions);
  const fields = arr(term?.matchFields);
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = labelsOf(node);
  if (!exprs.every((r) => requirementMatchesNode(r, labels))) return false;
  return fields.every((r) => r.key === 'metadata.name' && requirementMatchesNode({ ...r, key: 'metadata.name' }, { 'metadata.name': nameOf(node) }));
}

/** Why a daemon pod should not run on `node`, or null when it should (nodeShouldRunDaemonPod). */
export function daemonNodeMismatch(template: PodTemplateSpec | undefined, node: Node): string | null {
  const spec = template?.spec ?? {};
  if (typeof spec.nodeName === 'string' && spec.nodeName !== '' && spec.nodeName !== nameOf(node)) return 'nodeName';
  const labels = labelsOf(node);
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== String(v)) return 'nodeSelector';
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (Array.isArray(terms) && !terms.some((t) => nodeSelectorTermMatches(t, node))) return 'nodeAffinity';
  const tolerations = mergeTolerations(arr(spec.tolerations), daemonTolerations(spec.hostNetwork === true));
  for (const taint of arr(node.spec?.taints)) {
    if (taint?.effect !== 'NoSchedule' && taint?.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return 'taint';
  }
  return null;
}

export function runDaemonSet(ds: DaemonSet, nodes: Node[], source: SourceRef, ctx: ControllerContext): ControllerOutput {
  const ns = namespaceOf(ds);
  const name = nameOf(ds);
  const workload = emptyWorkload('DaemonSet', ds, ns, source);
  const out: ControllerOutput = { intents: [], replicaSets: [], workload, events: [], warnings: [] };
  const problem = selectorProblem('DaemonSet', ds.spec?.selector, ds.spec?.template);
  if (problem) { out.warnings.push(`DaemonSet ${ns}/${name}: ${problem}`); return out; }
  ensureUid(ds, ctx);
  const ref = ownerReference('DaemonSet', 'apps/v1', ds);
  const hash = computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount);
  const eligible = nodes.filter((n) => daemonNodeMismatch(ds.spec?.template, n) === null);
  workload.desired = eligible.length;
  const count = ctx.budget.take(eligible.length, `DaemonSet ${ns}/${name}`);
  for (const node of eligible.slice(0, count)) {
    const podName = ctx.names.generate(ns, podsPrefix(name));
    const pod = podFromTemplate(ds.spec?.template, ns, podName, ref, ctx.uid());
    pod.metadata!.labels = { ...(pod.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH]: hash, 'pod-template-generation': '1' };
    const spec = pod.spec!;
    spec.tolerations = mergeTolerations(arr(spec.tolerations), daemonTolerations(spec.hostNetwork === true));
    const affinity = { ...(spec.affinity ?? {}) };
    affinity.nodeAffinity = {
      ...(affinity.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nameOf(node)] }] }],
      },
    };
    spec.affinity = affinity;
    out.intents.push({
      pod, owner: { kind: 'DaemonSet', name }, workload: { kind: 'DaemonSet', name }, source,
      reporter: 'daemonset-controller', createMessage: `Created pod: ${podName}`,
    });
  }
  return out;
}
