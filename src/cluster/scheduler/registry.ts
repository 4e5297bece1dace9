// The in-tree plugin registry: upstream plugin name -> factory and args parser (upstream
// pkg/scheduler/framework/plugins/registry.go).
import * as args from './args';
import type { FrameworkHandle, Plugin } from './framework';
import * as DefaultBinder from './plugins/default-binder';
import * as DefaultPreemption from './plugins/default-preemption';
import * as DynamicResources from './plugins/dynamic-resources';
import * as ImageLocality from './plugins/image-locality';
import * as InterPodAffinity from './plugins/inter-pod-affinity';
import * as NodeAffinity from './plugins/node-affinity';
import * as NodeName from './plugins/node-name';
import * as NodePorts from './plugins/node-ports';
import * as NodeResourcesBalancedAllocation from './plugins/node-resources-balanced-allocation';
import * as NodeResourcesFit from './plugins/node-resources-fit';
import * as NodeUnschedulable from './plugins/node-unschedulable';
import * as NodeVolumeLimits from './plugins/node-volume-limits';
import * as PodTopologySpread from './plugins/pod-topology-spread';
import * as PrioritySort from './plugins/priority-sort';
import * as SchedulingGates from './plugins/scheduling-gates';
import * as TaintToleration from './plugins/taint-toleration';
import * as VolumeBinding from './plugins/volume-binding';
import * as VolumeRestrictions from './plugins/volume-restrictions';
import * as VolumeZone from './plugins/volume-zone';

export interface PluginFactory {
  create(args: unknown, handle: FrameworkHandle): Plugin;
  /** parse user args (with upstream defaulting); absent for plugins without args */
  parseArgs?(raw: unknown, warn: (m: string) => void): unknown;
  /** upstream args kind, e.g. NodeResourcesFitArgs */
  argsKind?: string;
}

export const REGISTRY: Record<string, PluginFactory> = {
  [SchedulingGates.Name]: { create: SchedulingGates.create },
  [PrioritySort.Name]: { create: PrioritySort.create },
  [NodeUnschedulable.Name]: { create: NodeUnschedulable.create },
  [NodeName.Name]: { create: NodeName.create },
  [TaintToleration.Name]: { create: TaintToleration.create },
  [NodeAffinity.Name]: { create: NodeAffinity.create, parseArgs: (r) => args.nodeAffinityArgs(r), argsKind: 'NodeAffinityArgs' },
  [NodePorts.Name]: { create: NodePorts.create },
  [NodeResourcesFit.Name]: { create: NodeResourcesFit.create, parseArgs: args.nodeResourcesFitArgs, argsKind: 'NodeResourcesFitArgs' },
  [VolumeRestrictions.Name]: { create: VolumeRestrictions.create },
  [NodeVolumeLimits.Name]: { create: NodeVolumeLimits.create },
  [VolumeBinding.Name]: { create: VolumeBinding.create, parseArgs: (r) => args.volumeBindingArgs(r), argsKind: 'VolumeBindingArgs' },
  [VolumeZone.Name]: { create: VolumeZone.create },
  [PodTopologySpread.Name]: { create: PodTopologySpread.create, parseArgs: args.podTopologySpreadArgs, argsKind: 'PodTopologySpreadArgs' },
  [InterPodAffinity.Name]: { create: InterPodAffinity.create, parseArgs: args.interPodAffinityArgs, argsKind: 'InterPodAffinityArgs' },
  [DynamicResources.Name]: { create: DynamicResources.create },
  [DefaultPreemption.Name]: { create: DefaultPreemption.create, parseArgs: args.defaultPreemptionArgs, argsKind: 'DefaultPreemptionArgs' },
  [NodeResourcesBalancedAllocation.Name]: { create: NodeResourcesBalancedAllocation.create, parseArgs: args.balancedAllocationArgs, argsKind: 'NodeResourcesBalancedAllocationArgs' },
  [ImageLocality.Name]: { create: ImageLocality.create },
  [DefaultBinder.Name]: { create: DefaultBinder.create },
};
