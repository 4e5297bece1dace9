// Builders for scheduler tests: plain Node/Pod objects as they would come from YAML.
import type { Node, Pod, PodSpec, Taint, Toleration } from '../../../../src/cluster/k8s';
import { ClusterState } from '../../../../src/cluster/scheduler/cluster-state';
import { CycleState } from '../../../../src/cluster/scheduler/framework';
import { podInfoOf } from '../../../../src/cluster/scheduler/pod-info';
import { defaultProfile, type Profile } from '../../../../src/cluster/scheduler/profile';
import { Scheduler } from '../../../../src/cluster/scheduler/scheduler';
import { Rng } from '../../../../src/cluster/rng';

export interface NodeOpts {
  cpu?: string | number;
  memory?: string | number;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, string | number>;
}

export function node(name: string, o: NodeOpts = {}): Node {
  const allocatable: Record<string, string | number> = { cpu: o.cpu ?? '4', memory: o.memory ?? '16Gi', pods: o.pods ?? 110, ...(o.extra ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable, images: o.images },
  };
}

export interface PodOpts {
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  /** containers: [] when 0 */
  containers?: number;
  nodeName?: string;
  tolerations?: Toleration[];
  spec?: Partial<PodSpec>;
  priority?: number;
}

export function pod(name: string, o: PodOpts = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu !== undefined) requests.cpu = o.cpu;
  if (o.memory !== undefined) requests.memory = o.memory;
  const n = o.containers ?? 1;
  const containers = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'nginx', resources: Object.keys(requests).length ? { requests } : undefined }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', labels: o.labels ?? {} },
    spec: { containers, nodeName: o.nodeName, tolerations: o.tolerations, priority: o.priority, ...(o.spec ?? {}) },
  };
}

export function cluster(nodes: Node[], existing: Pod[] = []): ClusterState {
  const s = new ClusterState();
  for (const n of nodes) s.addNode(n);
  for (const p of existing) s.assume(p, p.spec?.nodeName as string);
  return s;
}

export function scheduler(profile: Profile = defaultProfile(), seed = 1): Scheduler {
  return new Scheduler(profile, new Rng(seed));
}

export function cycle(state: ClusterState, p: Pod): CycleState {
  return new CycleState(state, podInfoOf(p), state.priorityOf(p));
}
