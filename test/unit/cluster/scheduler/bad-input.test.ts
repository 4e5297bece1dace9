import assert from 'node:assert/strict';
import type { Pod } from '../../../../src/cluster/k8s';
import { cluster, node, scheduler } from './helpers';

// Objects come straight from YAML: any field may hold anything. The scheduler must not throw.
const weird: unknown[] = [null, 'x', 42, true, [], {}, [1, 'a', null], { a: 1 }];

describe('scheduler: malformed pods never crash it', () => {
  it('garbage in every field the plugins read', () => {
    const s = cluster([node('a', { labels: { 'topology.kubernetes.io/zone': 'z' } }), node('b')]);
    const sch = scheduler();
    let i = 0;
    for (const w of weird) {
      const specs: Record<string, unknown>[] = [
        { containers: w },
        { containers: [{ name: 'c', resources: w }] },
        { containers: [{ name: 'c', resources: { requests: w } }] },
        { containers: [{ name: 'c', ports: w }] },
        { tolerations: w },
        { nodeSelector: w },
        { affinity: w },
        { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: w } } } },
        { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: w } } },
        { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: w } } },
        { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: w, matchLabels: w } }] } } },
        { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: w, podAffinityTerm: { topologyKey: w, labelSelector: w, namespaceSelector: w, namespaces: w } }] } } },
        { topologySpreadConstraints: w },
        { topologySpreadConstraints: [{ maxSkew: w, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: w }, minDomains: w, matchLabelKeys: w }] },
        { volumes: w },
        { volumes: [{ name: 'v', persistentVolumeClaim: w }] },
        { schedulingGates: w },
        { initContainers: w, overhead: w },
        { priorityClassName: w, preemptionPolicy: w, schedulerName: w },
      ];
      for (const spec of specs) {
        const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i++}`, namespace: 'default', labels: { app: 'x' } }, spec } as unknown as Pod;
        assert.doesNotThrow(() => sch.scheduleOne(pod, s), JSON.stringify(spec));
      }
    }
  });
});

describe('scheduler: malformed cluster objects never crash it', () => {
  it('nodes, controllers, services and PDBs with odd fields', () => {
    const s = cluster([]);
    for (const w of weird) {
      s.addNode({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n-${JSON.stringify(w)}`, labels: { 'kubernetes.io/hostname': 'h' } }, spec: { taints: w, unschedulable: w } as never, status: { allocatable: w, images: w } as never });
      s.addController({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default' }, spec: { selector: w } });
      s.addService({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'default' }, spec: { selector: w } as never });
      s.addPodDisruptionBudget({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb', namespace: 'default' }, spec: { selector: w, minAvailable: w } as never });
    }
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { app: 'x' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }] }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }], priority: 10 } } as Pod;
    assert.doesNotThrow(() => scheduler().scheduleOne(p, s));
  });
});
