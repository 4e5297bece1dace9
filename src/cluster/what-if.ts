// What-if changes from the preview panel (never written to the files): cordon/uncordon a node, take a node
// down, add a node like an existing one, or scale a workload. This module turns one what-if into the node
// list after it (plus the scale and the nodes lost); simulate() applies the what-ifs one by one, in order,
// as events on the cluster the files converged to (phase 2): running pods keep their nodes, a cordon evicts
// nothing, a lost node's pods are deleted and their controllers replace them elsewhere, an added node takes
// only Pending pods, a scale-up adds pods around the running ones and a scale-down deletes in the
// ReplicaSet controller's order (StatefulSets: highest ordinal first).
import type { WhatIf } from '../protocol';
import type { Node } from './k8s';
import type { SnapshotNode, SourceRef } from './snapshot';
import { clone } from './controllers/common';

export interface WhatIfNodes { object: Node; source: SourceRef; origin: SnapshotNode['origin'] }

export interface WhatIfResult {
  nodes: WhatIfNodes[];
  /** "Kind/ns/name" -> replicas */
  scale: Map<string, number>;
  /** nodes taken down: pods bound to them are dropped */
  downNodes: Set<string>;
  notes: { message: string; node: string | null }[];
  warnings: string[];
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function applyWhatIfs(nodesIn: WhatIfNodes[], whatIfs: WhatIf[] | undefined): WhatIfResult {
  let nodes = nodesIn.map((n) => ({ ...n, object: clone(n.object) }));
  const res: WhatIfResult = { nodes, scale: new Map(), downNodes: new Set(), notes: [], warnings: [] };
  const find = (name: string) => nodes.find((n) => n.object.metadata?.name === name);
  for (const w of whatIfs ?? []) {
    if (!w || typeof w !== 'object') continue;
    switch (w.kind) {
      case 'cordon':
      case 'uncordon': {
        const n = find(w.node);
        if (!n) { res.warnings.push(`what-if ${w.kind}: no node "${w.node}"`); break; }
        n.object.spec = { ...(n.object.spec ?? {}), unschedulable: w.kind === 'cordon' };
        res.notes.push({ message: `what-if: node ${w.node} ${w.kind === 'cordon' ? 'cordoned' : 'uncordoned'}`, node: w.node });
        break;
      }
      case 'nodeDown': {
        const n = find(w.node);
        if (!n) { res.warnings.push(`what-if nodeDown: no node "${w.node}"`); break; }
        nodes = nodes.filter((x) => x !== n);
        res.downNodes.add(w.node);
        res.notes.push({ message: `what-if: node ${w.node} is down and removed from the cluster`, node: w.node });
        break;
      }
      case 'addNode': {
        const like = find(w.like);
        if (!like) { res.warnings.push(`what-if addNode: no node "${w.like}" to copy`); break; }
        let i = 1;
        while (find(`${w.like}-copy-${i}`)) i++;
        const name = `${w.like}-copy-${i}`;
        const copy = clone(like.object);
        copy.metadata = { ...(copy.metadata ?? {}), name };
        delete copy.metadata.uid;
        const labels = { ...(copy.metadata.labels ?? {}) };
        if ('kubernetes.io/hostname' in labels) labels['kubernetes.io/hostname'] = name;
        copy.metadata.labels = labels;
        // a new node gets its own pod CIDR (assigned later); it starts empty and schedulable
        copy.spec = { ...(copy.spec ?? {}) };
        delete copy.spec.podCIDR;
        delete copy.spec.podCIDRs;
        delete copy.spec.unschedulable;
        nodes.push({ object: copy, source: null, origin: 'what-if' });
        res.notes.push({ message: `what-if: node ${name} added like ${w.like}`, node: name });
        break;
      }
      case 'scale': {
        const r = Math.floor(Number(w.replicas));
        if (!w.workload || !Number.isFinite(r) || r < 0) { res.warnings.push('what-if scale: bad workload or replicas'); break; }
        res.scale.set(workloadKey(w.workload.kind, w.workload.namespace || 'default', w.workload.name), r);
        res.notes.push({ message: `what-if: ${w.workload.kind} ${w.workload.namespace || 'default'}/${w.workload.name} scaled to ${r}`, node: null });
        break;
      }
      default:
        res.warnings.push(`unknown what-if ${(w as { kind?: unknown }).kind}`);
    }
  }
  res.nodes = nodes;
  return res;
}
