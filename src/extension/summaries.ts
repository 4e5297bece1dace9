// Short, human summaries of simulation results (CodeLens titles, hovers, status bar). No vscode import.
import type { ClusterSnapshot, SnapshotService, SnapshotWorkload } from '../cluster/snapshot';

/**
 * The dominant reason of a FailedScheduling message, e.g. "Insufficient cpu" from
 * "0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu. preemption: …".
 * Upstream sorts the reasons by text and prefixes each with its node count; the biggest count wins here.
 */
export function dominantReason(message: string | null): string {
  if (!message) return 'unschedulable';
  // the reasons end at the first sentence end: upstream appends PostFilter notes after it
  // ("… 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: …")
  const m = /nodes are available: (.*?)(?:\.\s|\.$|$)/s.exec(message);
  if (!m) return message.length > 80 ? message.slice(0, 77) + '…' : message;
  let best = '';
  let bestCount = -1;
  // reasons may contain ", " inside braces (taints): split only at top level
  let depth = 0, start = 0;
  const parts: string[] = [];
  const text = m[1];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0 && text[i + 1] === ' ') { parts.push(text.slice(start, i)); start = i + 2; }
  }
  parts.push(text.slice(start));
  for (const part of parts) {
    const pm = /^(\d+)\s+(.*)$/.exec(part.trim());
    const count = pm ? Number(pm[1]) : 0;
    const reason = (pm ? pm[2] : part.trim()).replace(/^node\(s\) /, '');
    if (count > bestCount) { best = reason; bestCount = count; }
  }
  return best || 'unschedulable';
}

function listNodes(nodes: string[], max = 3): string {
  return nodes.length <= max ? nodes.join(', ') : `${nodes.slice(0, max).join(', ')} +${nodes.length - max}`;
}

export function workloadSummary(snapshot: ClusterSnapshot, w: SnapshotWorkload): string {
  const pods = snapshot.pods.filter((p) => w.pods.includes(`${p.namespace}/${p.name}`));
  // a CronJob has no pods until its schedule fires: say when its next Job comes (or that it is suspended)
  if (w.kind === 'CronJob') return w.nextJob ? `next Job ${w.nextJob.name} at ${w.nextJob.scheduledTime} (simulated clock)` : 'suspended or never scheduled: no Job';
  if (w.desired === 0) return 'scaled to 0';
  if (w.pending > 0) {
    const pending = pods.find((p) => p.nodeName === null);
    return `${w.pending} of ${w.desired} pending — ${dominantReason(pending?.message ?? null)}`;
  }
  const nodes = [...new Set(pods.map((p) => p.nodeName).filter((n): n is string => !!n))].sort();
  return `${w.scheduled}/${w.desired} scheduled${nodes.length ? ' · ' + listNodes(nodes) : ''}`;
}

export function serviceEndpoints(snapshot: ClusterSnapshot, s: SnapshotService): { ready: number; total: number; addresses: string[] } {
  let ready = 0, total = 0;
  const addresses: string[] = [];
  for (const slice of snapshot.endpointSlices) {
    if (slice.namespace !== s.namespace || slice.service !== s.name) continue;
    for (const e of slice.endpoints) {
      total++;
      if (e.conditions.ready) ready++;
      for (const a of e.addresses) {
        for (const p of slice.ports.length ? slice.ports : [{ port: 0, name: null }]) {
          addresses.push(`${a}${p.port ? ':' + p.port : ''}${e.targetRef ? ` (${e.targetRef.name}${e.nodeName ? ' on ' + e.nodeName : ''})` : ''}${e.conditions.ready ? '' : ' — not ready'}`);
        }
      }
    }
  }
  return { ready, total, addresses };
}

export function serviceSummary(snapshot: ClusterSnapshot, s: SnapshotService): string {
  if (s.type === 'ExternalName') return `ExternalName → ${s.externalName ?? '?'}`;
  if (!s.selector) return 'no selector (endpoints managed outside Kubernetes)';
  const { ready, total } = serviceEndpoints(snapshot, s);
  if (total === 0) return s.problems.length ? `no endpoints — ${s.problems[0]}` : 'no endpoints';
  if (ready === total) return `${ready} ready endpoint${ready === 1 ? '' : 's'}`;
  return `${ready} of ${total} endpoints ready`;
}
