// What simulate() takes besides the manifests.
import type { Manifest, KubeObject } from '../manifests/types';
import type { WhatIf } from '../protocol';

export interface SimulateOptions {
  /** seeds names, IPs and tie-breaks: same inputs + seed => byte-identical snapshot */
  seed?: number;
  /** 'single-node' | 'default' | 'ha'; used when neither the inputs nor clusterObjects contain Nodes */
  preset?: string;
  /** objects of a cluster file: Nodes, KubeSchedulerConfiguration, PriorityClasses, Namespaces... */
  clusterObjects?: KubeObject[];
  /** the previous version of the inputs, for the rolling-update preview */
  previous?: Manifest[];
  /** what-if changes from the preview panel */
  whatIfs?: WhatIf[];
  kubernetesVersion?: string;
  /** the most pods the simulation creates (default MAX_SIMULATED_PODS); controllers past it get a warning */
  maxPods?: number;
}
