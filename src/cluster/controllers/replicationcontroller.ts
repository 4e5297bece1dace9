// ReplicationController: the ReplicaSet's predecessor. Its selector is a plain label map, defaulted by
// the API server to the template's labels when omitted; pods are named <rc>-<5 chars>.
import type { K8sObject, PodTemplateSpec } from '../k8s';
import { namespaceOf, nameOf } from '../k8s';
import type { SourceRef } from '../snapshot';
import { type ControllerContext, type ControllerOutput, desiredReplicas, emptyWorkload } from './common';
import { replicaSetPods, selectorProblem } from './replicaset';

export interface ReplicationController extends K8sObject {
  spec?: { replicas?: number; selector?: Record<string, string> | null; template?: PodTemplateSpec; [key: string]: unknown };
}

export function runReplicationController(rc: ReplicationController, source: SourceRef, ctx: ControllerContext): ControllerOutput {
  const ns = namespaceOf(rc);
  const name = nameOf(rc);
  const workload = emptyWorkload('ReplicationController', rc, ns, source);
  const replicas = desiredReplicas(rc.spec, ctx);
  workload.desired = replicas;
  const out: ControllerOutput = { intents: [], replicaSets: [], workload, events: [], warnings: [] };
  const template = rc.spec?.template;
  // API defaulting (SetDefaults_ReplicationController): empty selector := template labels.
  const selectorMap = rc.spec?.selector && Object.keys(rc.spec.selector).length > 0 ? rc.spec.selector : template?.metadata?.labels ?? null;
  const problem = selectorProblem('ReplicationController', selectorMap ? { matchLabels: selectorMap } : null, template);
  if (problem) { out.warnings.push(`ReplicationController ${ns}/${name}: ${problem}`); return out; }
  out.intents = replicaSetPods(rc, 'ReplicationController', replicas, { kind: 'ReplicationController', name }, source, ctx);
  out.controllers = [{ ...rc, spec: { ...(rc.spec ?? {}), selector: { ...selectorMap } } }];
  return out;
}
