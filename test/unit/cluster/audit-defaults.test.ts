// Audit (issue 3): API-server defaulting that changes what the scheduler sees.
// Upstream pkg/apis/core/v1/defaults.go: SetDefaults_Pod requests every resource that has a limit but no
// request at its limit (containers and init containers); SetDefaults_PodSpec, with hostNetwork, makes every
// container port a host port of the same number.
import assert from 'node:assert/strict';
import { simulate } from '../../../src/cluster/simulate';
import type { ClusterSnapshot } from '../../../src/cluster/snapshot';
import { podRequests } from '../../../src/cluster/scheduler/resources';
import type { Pod } from '../../../src/cluster/k8s';
import { manifests, overCommitted } from './helpers';

const pod = (s: ClusterSnapshot, name: string) => s.pods.find((p) => p.name === name)!;

describe('audit: API-server defaulting seen by the scheduler', () => {
  it('requests default to limits per resource (containers and init containers); explicit requests win', () => {
    const p: Pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: {
        initContainers: [{ name: 'i', image: 'x', resources: { limits: { cpu: '2', memory: '1Gi' } } }],
        containers: [
          { name: 'a', image: 'x', resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m' } } },
          { name: 'b', image: 'x', resources: { limits: { 'nvidia.com/gpu': '1' } } },
        ],
      },
    };
    const r = podRequests(p);
    // regular: cpu 100m (explicit) + 0, memory 256Mi (from the limit); init: cpu 2, memory 1Gi -> max wins
    assert.equal(r.cpu, 2000);
    assert.equal(r.memory, 1024 * 1024 * 1024);
    assert.equal(r['nvidia.com/gpu'], 1);
    // the non-zero scoring variant sees the defaulted keys as present: no 100m/200Mi added for them
    const nz = podRequests({ ...p, spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '300m' } } }] } }, true);
    assert.equal(nz.cpu, 300);
    assert.equal(nz.memory, 200 * 1024 * 1024);
  });

  it('a limits-only pod is accounted at its limits, and an extended-resource limit the nodes lack keeps it Pending', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: lim}
spec:
  containers: [{name: c, image: busybox, resources: {limits: {cpu: "3", memory: 2Gi}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: gpu}
spec:
  containers: [{name: c, image: busybox, resources: {limits: {nvidia.com/gpu: 1}}}]
`), { seed: 1 });
    const lim = pod(s, 'lim');
    assert.equal(lim.phase, 'Running');
    assert.equal(lim.requests.cpu, 3000);
    assert.equal(s.nodes.find((n) => n.name === lim.nodeName)!.requested.cpu, 3000);
    const gpu = pod(s, 'gpu');
    assert.equal(gpu.phase, 'Pending');
    // The whole allocatable (0) is smaller than the request: UnschedulableAndUnresolvable, so preemption
    // cannot help on any node.
    assert.equal(gpu.message,
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient nvidia.com/gpu. ' +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
    assert.deepEqual(overCommitted(s), []);
  });

  it('two limits-only pods of 3 cpu cannot share a 4-cpu worker', () => {
    const two = [1, 2, 3, 4].map((i) => `
apiVersion: v1
kind: Pod
metadata: {name: p${i}}
spec:
  containers: [{name: c, image: busybox, resources: {limits: {cpu: "3"}}}]`).join('\n---');
    const s = simulate(manifests(two), { seed: 3 });
    const running = s.pods.filter((p) => p.phase === 'Running');
    assert.equal(running.length, 3);
    assert.equal(new Set(running.map((p) => p.nodeName)).size, 3);
    const pending = s.pods.find((p) => p.phase === 'Pending')!;
    assert.match(pending.message!, /^0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 3 Insufficient cpu\. /);
    assert.deepEqual(overCommitted(s), []);
  });

  it('hostNetwork: container ports are host ports, so two such pods never share a node', () => {
    const hn = (name: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  hostNetwork: true
  nodeSelector: {kubernetes.io/hostname: worker-1}
  containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]`;
    const s = simulate(manifests(`${hn('a')}\n---${hn('b')}`), { seed: 1 });
    assert.equal(pod(s, 'a').nodeName, 'worker-1');
    const b = pod(s, 'b');
    assert.equal(b.phase, 'Pending');
    assert.equal(b.message,
      "0/4 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) had untolerated taint(s), " +
      "2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/4 nodes are available: " +
      '1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.');
    // without hostNetwork the same ports are not host ports
    const plain = simulate(manifests(`${hn('a')}\n---${hn('b')}`.replace(/hostNetwork: true/g, 'hostNetwork: false')), { seed: 1 });
    assert.equal(pod(plain, 'b').nodeName, 'worker-1');
  });
});
