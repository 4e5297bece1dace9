// Built-in clusters used when the user gives no Node objects (DESIGN.md "The default cluster").
// They mirror the shapes people meet: an all-in-one node (minikube/kind), kubeadm's one tainted control
// plane plus workers, and an HA control plane spread across zones. Pod CIDRs follow kubeadm + flannel's
// 10.244.0.0/16 carved into one /24 per node, in node order.
import type { KubeObject } from '../manifests/types';

export const PRESETS = ['single-node', 'default', 'ha'] as const;
export type PresetName = (typeof PRESETS)[number];
export const DEFAULT_PRESET: PresetName = 'default';

export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

interface NodeShape { name: string; zone: string | null; controlPlane: boolean; tainted: boolean; cpu: string; memory: string }

function node(shape: NodeShape, index: number): KubeObject {
  // what the kubelet labels a node with when it registers (initialNode), the deprecated beta labels too
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': shape.name,
    'kubernetes.io/os': 'linux',
  };
  if (shape.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    // kubeadm also labels control planes so that load balancers leave them out.
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  if (shape.zone) labels['topology.kubernetes.io/zone'] = shape.zone;
  const resources = { cpu: shape.cpu, memory: shape.memory, pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: shape.name, labels },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(shape.tainted ? { taints: [{ ...CONTROL_PLANE_TAINT }] } : {}),
    },
    status: { capacity: { ...resources }, allocatable: { ...resources } },
  };
}

const ZONES = ['zone-a', 'zone-b', 'zone-c'];

function shapes(name: PresetName): NodeShape[] {
  const worker = (i: number, zone: string): NodeShape => ({ name: `worker-${i}`, zone, controlPlane: false, tainted: false, cpu: '4', memory: '16Gi' });
  switch (name) {
    case 'single-node':
      // All-in-one like minikube/kind: the control plane runs workloads, so it carries no taint.
      return [{ name: 'control-plane', zone: null, controlPlane: true, tainted: false, cpu: '8', memory: '32Gi' }];
    case 'default':
      return [
        { name: 'control-plane', zone: 'zone-a', controlPlane: true, tainted: true, cpu: '4', memory: '16Gi' },
        ...ZONES.map((z, i) => worker(i + 1, z)),
      ];
    case 'ha':
      return [
        ...ZONES.map((z, i): NodeShape => ({ name: `control-plane-${i + 1}`, zone: z, controlPlane: true, tainted: true, cpu: '4', memory: '16Gi' })),
        ...[0, 1, 2, 3, 4, 5].map((i) => worker(i + 1, ZONES[i % 3])),
      ];
  }
}

export function isPreset(name: string): name is PresetName {
  return (PRESETS as readonly string[]).includes(name);
}

/** The Node objects of preset `name`; throws on an unknown name (callers list PRESETS in the error). */
export function presetNodes(name: string): KubeObject[] {
  if (!isPreset(name)) throw new Error(`unknown cluster preset "${name}" (expected one of ${PRESETS.join(', ')})`);
  return shapes(name).map(node);
}
