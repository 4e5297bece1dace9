// DefaultBinder (Bind): upstream POSTs a Binding; here the pod is counted on the node in ClusterState.
import type { Pod } from '../../k8s';
import type { ClusterState } from '../cluster-state';
import {
  type BindPlugin, Status, SUCCESS as SUCCESS_,
} from '../framework';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SUCCESS = SUCCESS_;

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
