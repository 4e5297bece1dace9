// Audit (issue 3): the CLI's text summary of a simulation counts preempted / rejected (Failed) pods apart.
import assert from 'node:assert/strict';
import { simulate } from '../../../src/cluster/simulate';
import { renderSimulateText } from '../../../src/cli/simulate-text';
import { manifests } from './helpers';

describe('audit: simulate text summary', () => {
  it('a preempted victim is neither scheduled nor pending', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {allocatable: {cpu: "2", memory: 4Gi, pods: "10"}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Pod
metadata: {name: low}
spec: {nodeName: n1, containers: [{name: c, image: x, resources: {requests: {cpu: "2"}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: hi}
spec: {priorityClassName: high, containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}
`), { seed: 1 });
    const text = renderSimulateText(s);
    assert.match(text, /\n1\/2 pods scheduled on 1 nodes, 1 failed \(seed 1, Kubernetes 1\.34\)\n?$/);
  });
});
