// Splits the simulation's inputs into what each part of the cluster reads: nodes (from the inputs, else
// the cluster file, else a preset), the scheduler configuration, cluster-scoped policy objects
// (PriorityClasses, Namespaces, storage, PDBs), workloads in creation order, Services, Ingresses, HPAs,
// and everything else (kept for the views with its source).
import type { KubeObject } from '../manifests/types';
import type { K8sObject, Node } from './k8s';
import type { SnapshotNode, SourceRef } from './snapshot';
import { DEFAULT_PRESET, presetNodes, isPreset, PRESETS } from './presets';

export interface Sourced<T extends K8sObject = K8sObject> { object: T; source: SourceRef; origin: 'input' | 'cluster-file' }

export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'] as const;
/** Objects handed to the scheduler's ClusterState as they are. */
const SCHEDULER_KINDS = new Set(['Namespace', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'PodDisruptionBudget']);

export interface ClusterInput {
  nodes: { object: Node; source: SourceRef; origin: SnapshotNode['origin'] }[];
  clusterSource: string;
  schedulerConfig: Sourced | null;
  /** PriorityClasses, Namespaces, PVs, StorageClasses, PVCs, PDBs (cluster file first, then inputs) */
  policy: Sourced[];
  workloads: Sourced[];
  services: Sourced[];
  ingresses: Sourced[];
  hpas: Sourced[];
  /** everything else (ConfigMaps, Secrets, CRs...) */
  others: Sourced[];
  warnings: string[];
}

function isKube(o: unknown): o is K8sObject {
  return !!o && typeof o === 'object' && !Array.isArray(o) && typeof (o as K8sObject).kind === 'string';
}

/** Does a workload lack what the API server requires of it (selector, template, containers)? */
function incompleteWorkload(o: K8sObject): boolean {
  const spec = o.spec as Record<string, unknown> | undefined;
  const has = (k: string) => !!spec && typeof spec[k] === 'object' && spec[k] !== null;
  switch (o.kind) {
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': return !has('selector') || !has('template');
    case 'ReplicationController': case 'Job': return !has('template');
    case 'CronJob': return !has('jobTemplate');
    case 'Pod': return !spec || !Array.isArray(spec.containers) || spec.containers.length === 0;
    default: return false;
  }
}

function isSchedulerConfig(o: K8sObject): boolean {
  return o.kind === 'KubeSchedulerConfiguration' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('kubescheduler.config.k8s.io/');
}

export function splitInputs(inputs: { object: KubeObject; source: SourceRef }[], clusterObjects: KubeObject[] | undefined, preset: string | undefined): ClusterInput {
  const out: ClusterInput = {
    nodes: [], clusterSource: '', schedulerConfig: null, policy: [], workloads: [], services: [], ingresses: [], hpas: [], others: [], warnings: [],
  };
  const clusterItems: Sourced[] = (clusterObjects ?? []).filter(isKube).map((o) => ({ object: o as K8sObject, source: null, origin: 'cluster-file' as const }));
  const inputItems: Sourced[] = inputs.filter((i) => isKube(i.object)).map((i) => ({ object: i.object as K8sObject, source: i.source, origin: 'input' as const }));

  const inputNodes = inputItems.filter((i) => i.object.kind === 'Node');
  const clusterNodes = clusterItems.filter((i) => i.object.kind === 'Node');
  if (inputNodes.length > 0) {
    out.nodes = inputNodes.map((i) => ({ object: i.object as Node, source: i.source, origin: 'input' }));
    out.clusterSource = 'input';
  } else if (clusterNodes.length > 0) {
    out.nodes = clusterNodes.map((i) => ({ object: i.object as Node, source: null, origin: 'cluster-file' }));
    out.clusterSource = 'cluster-file';
  } else {
    let name = preset ?? DEFAULT_PRESET;
    if (!isPreset(name)) {
      out.warnings.push(`unknown cluster preset "${name}" (expected one of ${PRESETS.join(', ')}); using "${DEFAULT_PRESET}"`);
      name = DEFAULT_PRESET;
    }
    out.nodes = presetNodes(name).map((n) => ({ object: n as Node, source: null, origin: 'preset' }));
    out.clusterSource = name;
  }
  // Duplicate node names: the API server keeps the first.
  const seen = new Set<string>();
  out.nodes = out.nodes.filter((n) => {
    const name = n.object.metadata?.name;
    if (typeof name !== 'string' || name === '') { out.warnings.push('a Node without metadata.name was ignored'); return false; }
    if (seen.has(name)) { out.warnings.push(`duplicate Node "${name}" ignored`); return false; }
    seen.add(name);
    return true;
  });

  // A scheduler configuration among the inputs wins over the cluster file's.
  const configs = [...inputItems, ...clusterItems].filter((i) => isSchedulerConfig(i.object));
  out.schedulerConfig = configs[0] ?? null;
  if (configs.length > 1) out.warnings.push('several KubeSchedulerConfiguration objects given; the first one is used');

  // One object per kind/namespace/name, as the API server stores it: applying the inputs in order
  // (`kubectl apply -f`) leaves the last definition, in the place where the first one created it. So a
  // folder holding a base and its rendered variants does not run the same Deployment several times.
  const seenAt = new Map<string, { list: Sourced[]; index: number; count: number; label: string }>();
  for (const item of [...clusterItems, ...inputItems]) {
    const o = item.object;
    const kind = o.kind ?? '';
    if (kind === 'Node' || isSchedulerConfig(o)) continue;
    let list: Sourced[];
    if (SCHEDULER_KINDS.has(kind)) list = out.policy;
    else if ((WORKLOAD_KINDS as readonly string[]).includes(kind)) list = out.workloads; // cluster-file pods = existing load
    else if (kind === 'Service') list = out.services;
    else if (kind === 'Ingress') list = out.ingresses;
    else if (kind === 'HorizontalPodAutoscaler') list = out.hpas;
    else list = out.others;
    const name = typeof o.metadata?.name === 'string' ? o.metadata.name : '';
    if (name === '') { list.push(item); continue; }
    const ns = typeof o.metadata?.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : 'default';
    // built-in kinds moved between API groups over the years (extensions -> apps): their kind is enough
    const group = list === out.others && typeof o.apiVersion === 'string' && o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    const key = `${group}|${kind}|${ns}|${name}`;
    const prev = seenAt.get(key);
    if (prev) {
      prev.count++;
      // A workload without the fields the API server requires (a kustomize patch, typically) would be
      // rejected by `kubectl apply`: the earlier definition stays.
      if (!incompleteWorkload(o) || incompleteWorkload(prev.list[prev.index].object)) prev.list[prev.index] = item;
    } else {
      const namespaced = list !== out.policy && list !== out.others ? true : kind === 'PersistentVolumeClaim' || kind === 'PodDisruptionBudget' || !!o.metadata?.namespace;
      seenAt.set(key, { list, index: list.length, count: 1, label: `${kind} ${namespaced ? `${ns}/` : ''}${name}` });
      list.push(item);
    }
  }
  // One warning per repeated object the simulation runs; objects it only lists are summed up in one.
  const listedOnly: string[] = [];
  for (const { count, label, list, index } of seenAt.values()) {
    if (count < 2) continue;
    if (list === out.others) { listedOnly.push(label); continue; }
    const where = list[index].source?.path ? ` (in ${list[index].source!.path})` : '';
    out.warnings.push(`${label} is defined ${count} times; the last complete definition${where} is used, as \`kubectl apply\` would leave it`);
  }
  if (listedOnly.length > 0) {
    const shown = listedOnly.slice(0, 3).join(', ') + (listedOnly.length > 3 ? ', ...' : '');
    out.warnings.push(`${listedOnly.length} other object(s) are defined more than once (${shown}); the last definition of each is used`);
  }
  return out;
}
