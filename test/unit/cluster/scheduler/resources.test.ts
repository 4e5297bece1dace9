import assert from 'node:assert/strict';
import { podRequests, nodeAllocatable, DEFAULT_MEMORY_REQUEST } from '../../../../src/cluster/scheduler/resources';
import type { Pod } from '../../../../src/cluster/k8s';
import { simulateObjects } from '../../../../src/cluster/simulate';

const c = (name: string, requests?: Record<string, string>, restartPolicy?: string) => ({ name, image: 'x', resources: requests ? { requests } : undefined, restartPolicy });

describe('resources: pod requests (reference §7)', () => {
  it('sums regular containers; cpu in millicores rounded up, memory in bytes', () => {
    const p: Pod = { spec: { containers: [c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '0.1', memory: '1Gi' })] } };
    assert.deepEqual(podRequests(p), { cpu: 350, memory: 64 * 2 ** 20 + 2 ** 30 });
    assert.equal(podRequests({ spec: { containers: [c('a', { cpu: '1.0001m' })] } }).cpu, 2);
  });

  it('init containers: max(Σ regular + Σ sidecars, max over init of (req + sidecars before it)) + overhead', () => {
    const p: Pod = {
      spec: {
        initContainers: [
          c('init1', { cpu: '2' }), // peak 2
          c('side', { cpu: '500m' }, 'Always'), // sidecar: runs from here on
          c('init2', { cpu: '1800m' }), // peak 1800 + 500 = 2300
        ],
        containers: [c('main', { cpu: '1' })], // 1000 + 500 sidecar = 1500
        overhead: { cpu: '100m' },
      },
    };
    assert.equal(podRequests(p).cpu, 2300 + 100);
  });

  it('in-place resize: a container with status resources counts max(spec, status requests, allocated); only the status when Infeasible', () => {
    const status = (infeasible: boolean): Pod['status'] => ({
      phase: 'Running',
      containerStatuses: [{ name: 'a', resources: { requests: { cpu: '1' } }, allocatedResources: { cpu: '1', memory: '1Gi' } }],
      initContainerStatuses: [{ name: 's', resources: { requests: { cpu: '300m' } }, allocatedResources: { cpu: '300m' } }],
      ...(infeasible ? { conditions: [{ type: 'PodResizePending', status: 'True', reason: 'Infeasible' }] } : {}),
    });
    const spec = { containers: [c('a', { cpu: '3', memory: '512Mi' }), c('b', { cpu: '100m' })], initContainers: [c('s', { cpu: '100m' }, 'Always'), c('i', { cpu: '50m' })] };
    // a: spec 3 cpu resizing up from 1 -> 3000m, memory the allocated 1Gi; b has no status; sidecar s 300m
    assert.deepEqual(podRequests({ spec, status: status(false) }), { cpu: 3000 + 100 + 300, memory: 2 ** 30 });
    // the kubelet will not apply the spec: what it runs with counts
    assert.deepEqual(podRequests({ spec, status: status(true) }), { cpu: 1000 + 100 + 300, memory: 2 ** 30 });
    // no status resources: the spec alone
    assert.deepEqual(podRequests({ spec, status: { phase: 'Running', containerStatuses: [{ name: 'a' }] } }), { cpu: 3000 + 100 + 100, memory: 512 * 2 ** 20 });
  });

  it('a running pod given with a resize in its status holds the larger size on its node', () => {
    const s = simulateObjects([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'resized' }, spec: { nodeName: 'n1', containers: [c('a', { cpu: '1' })] },
        status: { phase: 'Running', containerStatuses: [{ name: 'a', resources: { requests: { cpu: '3' } }, allocatedResources: { cpu: '3' } }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'new' }, spec: { containers: [c('a', { cpu: '2' })] } },
    ], { seed: 1 });
    assert.equal(s.pods.find((p) => p.name === 'resized')!.requests.cpu, 3000);
    assert.match(s.pods.find((p) => p.name === 'new')!.message ?? '', /^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('pod-level requests replace the container aggregate for cpu/memory (overhead still added)', () => {
    const p: Pod = { spec: { resources: { requests: { cpu: '3' } }, containers: [c('a', { cpu: '1', memory: '1Gi' })], overhead: { cpu: '50m' } } };
    assert.deepEqual(podRequests(p), { cpu: 3050, memory: 2 ** 30 });
  });

  it('non-zero variant: 100m/200Mi per container missing the key; explicit 0 stays 0; no containers, nothing', () => {
    const p: Pod = { spec: { containers: [c('a'), c('b', { cpu: '0' }), c('d', { memory: '1Gi' })] } };
    const nz = podRequests(p, true);
    assert.equal(nz.cpu, 100 + 0 + 100);
    assert.equal(nz.memory, 2 * DEFAULT_MEMORY_REQUEST + 2 ** 30);
    assert.deepEqual(podRequests({ spec: { containers: [] } }, true), { cpu: 0, memory: 0 });
    // actual requests ignore the defaults
    assert.equal(podRequests(p).cpu, 0);
  });

  it('extended resources count; unknown names and bad quantities are ignored', () => {
    const p: Pod = { spec: { containers: [c('a', { 'nvidia.com/gpu': '2', cpus: '4', memory: 'lots' })] } };
    assert.deepEqual(podRequests(p), { cpu: 0, memory: 0, 'nvidia.com/gpu': 2 });
  });

  it('node allocatable falls back to capacity and to 110 pods', () => {
    assert.deepEqual(nodeAllocatable({ capacity: { cpu: '2', memory: '1Ki' } }), { cpu: 2000, memory: 1024, pods: 110 });
    assert.equal(nodeAllocatable({ allocatable: { pods: '3' } }).pods, 3);
  });
});
