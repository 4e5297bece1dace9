// ImageLocality (Score w1): favours nodes that already have the pod's images, scaled by how widely each
// image is spread over the cluster. No NormalizeScore.
import { arr } from '../../k8s';
import type { NodeInfo } from '../cluster-state';
import { type CycleState, MAX_NODE_SCORE, type ScorePlugin } from '../framework';

export const Name = 'ImageLocality';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** Append ":latest" when the name has no tag (the last ':' is not after the last '/'). */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  // with no containers maxThreshold is 0 and s = MIN_THRESHOLD: 0 / negative = 0
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD)) || 0;
}

export class ImageLocality implements ScorePlugin {
  readonly name = Name;

  score(cs: CycleState, node: NodeInfo): number {
    const spec = cs.pod.pod.spec ?? {};
    const containers = [...arr(spec.initContainers), ...arr(spec.containers)];
    const total = cs.cluster.nodesInInsertionOrder().length;
    let sum = 0;
    for (const c of containers) {
      if (typeof c?.image !== 'string') continue;
      const name = normalizedImageName(c.image);
      if (!node.images.has(name)) continue;
      const st = cs.cluster.imageState(name);
      if (!st || total === 0) continue;
      sum += Math.trunc(st.size * (st.numNodes / total));
    }
    return calculatePriority(sum, containers.length);
  }
}

export function create(): ImageLocality {
  return new ImageLocality();
}
