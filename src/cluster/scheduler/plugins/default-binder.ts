// DefaultBinder (Bind): upstream POSTs a Binding; here the pod is counted on the node in ClusterState.
import type { Pod } from '../../k8s';
import type { ClusterState } from '../cluster-state';
import { type BindPlugin, Status, SUCCESS } from '../framework';

export const Name = 'DefaultBinder';

export class DefaultBinder implements BindPlugin {
  readonly name = Name;

  bind(pod: Pod, nodeName: string, cluster: ClusterState): Status {
    if (cluster.nodeOfPod(`${pod.metadata?.namespace || 'default'}/${pod.metadata?.name ?? ''}`)) return SUCCESS;
    return cluster.assume(pod, nodeName) ? SUCCESS : new Status('Error', [`node "${nodeName}" not found`]);
  }
}

export function create(): DefaultBinder {
  return new DefaultBinder();
}
