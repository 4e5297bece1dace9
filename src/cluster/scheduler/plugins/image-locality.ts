// ImageLocality (Score w1): favours nodes that already have the pod's images, scaled by how widely each
// image is spread over the cluster. No NormalizeScore.
import {
  arr as arr_,
} from '../../k8s';
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, MAX_NODE_SCORE as MAX_NODE_SCORE_, type ScoreList, type ScorePlugin, type StateData,
} from '../framework';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;
const MAX_NODE_SCORE = MAX_NODE_SCORE_;

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

const KEY = 'Score' + Name;

/** the pod's normalized image names, computed once per cycle */
class ImagesState implements StateData {
  constructor(readonly names: (string | null)[]) {}
  clone(): StateData { return this; }
}

export class ImageLocality implements ScorePlugin {
  readonly name = Name;

  private images(cs: CycleState): (string | null)[] {
    let st0 = cs.read<ImagesState>(KEY);
    if (!st0) {
      const spec = cs.pod.pod.spec ?? {};
      const containers = [...arr(spec.initContainers), ...arr(spec.containers)];
      st0 = new ImagesState(containers.map((c) => (typeof c?.image === 'string' ? normalizedImageName(c.image) : null)));
      cs.write(KEY, st0);
    }
    return st0.names;
  }

  score(cs: CycleState, node: NodeInfo): number {
    return this.scoreWith(cs, this.images(cs), node);
  }

  scoreAll(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList, index?: Int32Array): void {
    const names = this.images(cs);
    // the score of a node without images, the same for all of them
    const none = calculatePriority(0, names.length);
    if (index !== undefined) {
      // flag 4: the node lists images (the others score `none` without being read)
      const flags = cs.cluster.nodeTable().flags;
      for (let i = 0; i < nodes.length; i++) scores[i] = (flags[index[i]] & 4) === 0 ? none : this.scoreWith(cs, names, nodes[i]);
      return;
    }
    for (let i = 0; i < nodes.length; i++) scores[i] = nodes[i].images.size === 0 ? none : this.scoreWith(cs, names, nodes[i]);
  }

  uniformScore(cs: CycleState): number | null {
    // no node lists images: every node scores as one without the pod's images
    if (cs.cluster.imageCount() !== 0) return null;
    const spec = cs.pod.pod.spec ?? {};
    return calculatePriority(0, arr(spec.initContainers).length + arr(spec.containers).length);
  }

  private scoreWith(cs: CycleState, names: (string | null)[], node: NodeInfo): number {
    if (node.images.size === 0) return calculatePriority(0, names.length);
    const total = cs.cluster.nodesInInsertionOrder().length;
    let sum = 0;
    for (const name of names) {
      if (name === null || !node.images.has(name)) continue;
      const st = cs.cluster.imageState(name);
      if (!st || total === 0) continue;
      sum += Math.trunc(st.size * (st.numNodes / total));
    }
    return calculatePriority(sum, names.length);
  }
}

export function create(): ImageLocality {
  return new ImageLocality();
}
