// `kube-preview simulate` text output: what the simulated cluster made of the manifests, readable in a
// terminal. Sections: nodes (requested / allocatable cpu, memory, pods), the pods grouped under their node, pending
// pods with their FailedScheduling messages, Services with their endpoints, Ingress routes, workloads,
// rolling-update steps, preemptions and simulation warnings. Colour only when the caller asks for it.
import type { ClusterSnapshot, SnapshotNode, SnapshotPod, SnapshotService, SnapshotWorkload } from '../cluster/snapshot';
import { formatResource } from '../core/quantity';
import { COLOUR, PLAIN, renderTable, type Style } from './table';

export interface SimulateTextOptions { color?: boolean }

const key = (ns: string | null, name: string) => (ns ? `${ns}/${name}` : name);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function usage(node: SnapshotNode, resource: string, style: Style): string {
  const alloc = node.allocatable[resource] ?? 0;
  const req = node.requested[resource] ?? 0;
  const pct = alloc > 0 ? Math.round((req * 100) / alloc) : req > 0 ? 100 : 0;
  const text = `${formatResource(resource, req)}/${formatResource(resource, alloc)} (${pct}%)`;
  return pct >= 90 ? style.red(text) : pct >= 70 ? style.yellow(text) : text;
}

function podCount(node: SnapshotNode, style: Style): string {
  const alloc = node.allocatable.pods ?? 0;
  const n = node.pods.length;
  const text = `${n}/${alloc}`;
  return alloc > 0 && n >= alloc ? style.red(text) : text;
}

function nodeNotes(node: SnapshotNode, style: Style): string {
  const flags: string[] = [];
  if (node.unschedulable) flags.push(style.yellow('cordoned'));
  for (const t of node.taints) flags.push(`${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`);
  return flags.join(', ');
}

function nodesSection(s: ClusterSnapshot, style: Style): string[] {
  const rows = s.nodes.map((n) => [n.name, n.zone ?? '-', usage(n, 'cpu', style), usage(n, 'memory', style), podCount(n, style), nodeNotes(n, style)]);
  return [
    style.bold(`Nodes (${s.nodes.length}, from ${s.clusterSource})`),
    ...renderTable(['NAME', 'ZONE', 'CPU REQ/ALLOC', 'MEMORY REQ/ALLOC', 'PODS', 'TAINTS'], rows, style),
  ];
}

function podStatus(p: SnapshotPod, style: Style): string {
  if (p.preemptedBy) return style.red(`Preempted by ${p.preemptedBy}`);
  if (p.phase === 'Pending') return style.red('Pending');
  if (p.phase === 'Running' && !p.ready) return style.yellow('Running (not ready)');
  return p.phase === 'Running' ? style.green('Running') : p.phase;
}

function podsSection(s: ClusterSnapshot, style: Style): string[] {
  if (s.pods.length === 0) {
    // workloads may exist and still make no pod (replicas 0, paused, refused by admission): the table says why
    return [style.bold('Pods (0)'), s.workloads.length === 0 ? '  no pods: the inputs contain no workloads' : '  no pods: no workload made one (see Workloads and Warnings)'];
  }
  // Grouped under their node, nodes in the order of the nodes table, then the pods on no node; by name
  // within a group (a workload's replicas on one node sit together). The node is named on its first row.
  const order = new Map(s.nodes.map((n, i) => [n.name, i]));
  const rank = (p: SnapshotPod) => (p.nodeName ? order.get(p.nodeName) ?? s.nodes.length : s.nodes.length + 1);
  const pods = [...s.pods].sort((a, b) => rank(a) - rank(b) || compare(a.nodeName ?? '', b.nodeName ?? '') || compare(key(a.namespace, a.name), key(b.namespace, b.name)));
  const rows = pods.map((p, i) => [
    i > 0 && pods[i - 1].nodeName === p.nodeName ? '' : p.nodeName ?? '-',
    key(p.namespace, p.name), p.podIP ?? '-', podStatus(p, style),
  ]);
  return [style.bold(`Pods (${s.pods.length}) by node`), ...renderTable(['NODE', 'POD', 'IP', 'STATUS'], rows, style)];
}

function pendingSection(s: ClusterSnapshot, style: Style): string[] {
  const pending = s.pods.filter((p) => p.phase === 'Pending' && !p.nodeName);
  if (pending.length === 0) return [];
  // Replicas of one workload usually fail for the same reason: one message per group of pods.
  const byMessage = new Map<string, string[]>();
  for (const p of pending) {
    const msg = p.message ?? 'not scheduled';
    const list = byMessage.get(msg);
    if (list) list.push(key(p.namespace, p.name));
    else byMessage.set(msg, [key(p.namespace, p.name)]);
  }
  const out = [style.bold(style.red(`Pending pods (${pending.length})`))];
  for (const [msg, pods] of byMessage) {
    for (const p of pods.sort(compare)) out.push(`  ${p}`);
    out.push(`    ${style.yellow(msg)}`);
  }
  return out;
}

function servicePorts(svc: SnapshotService): string {
  if (!svc.ports.length) return '-';
  return svc.ports
    .map((p) => `${p.port}${p.nodePort ? ':' + p.nodePort : ''}/${p.protocol}${String(p.targetPort) !== String(p.port) ? '→' + p.targetPort : ''}`)
    .join(', ');
}

function serviceEndpoints(s: ClusterSnapshot, svc: SnapshotService, style: Style): string {
  if (svc.type === 'ExternalName') return svc.externalName ? `→ ${svc.externalName}` : '-';
  const addrs: string[] = [];
  for (const slice of s.endpointSlices) {
    if (slice.namespace !== svc.namespace || slice.service !== svc.name) continue;
    const ports = slice.ports.map((p) => p.port).filter((p) => p !== null && p !== undefined);
    const portText = ports.length === 1 ? `:${ports[0]}` : ports.length > 1 ? `:{${ports.join(',')}}` : '';
    for (const e of slice.endpoints) {
      for (const a of e.addresses) {
        const text = `${a}${portText}`;
        addrs.push(e.conditions.ready ? text : style.yellow(`${text} (not ready)`));
      }
    }
  }
  if (addrs.length) return addrs.join(', ');
  const why = svc.problems.length ? svc.problems.join('; ') : svc.selector ? 'no endpoints' : 'no selector (endpoints managed elsewhere)';
  return svc.selector ? style.red(`<none>: ${why}`) : style.dim(why);
}

/** kubectl's EXTERNAL-IP column: the load balancer address and spec.externalIPs, or the ExternalName. */
function externalAddress(svc: ClusterSnapshot['services'][number]): string {
  if (svc.type === 'ExternalName') return svc.externalName ?? '-';
  const all = [...(svc.loadBalancerIP ? [svc.loadBalancerIP] : []), ...svc.externalIPs];
  if (all.length > 0) return all.join(',');
  return svc.type === 'LoadBalancer' ? '<pending>' : '-';
}

function servicesSection(s: ClusterSnapshot, style: Style): string[] {
  if (s.services.length === 0) return [];
  const rows = s.services.map((svc) => [
    key(svc.namespace, svc.name),
    svc.type,
    svc.headless ? 'None' : svc.clusterIP ?? '-',
    externalAddress(svc),
    servicePorts(svc),
    serviceEndpoints(s, svc, style),
  ]);
  return [style.bold(`Services (${s.services.length})`), ...renderTable(['SERVICE', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORTS', 'ENDPOINTS'], rows, style)];
}

function ingressSection(s: ClusterSnapshot, style: Style): string[] {
  if (s.ingressRoutes.length === 0) return [];
  const rows = s.ingressRoutes.map((r) => [
    key(r.namespace, r.ingress),
    r.ingressClass ?? '-',
    `${r.host ?? '*'}${r.path ?? ''}`,
    r.service ? `${r.service}:${r.port ?? '-'}${r.resolvedPort !== null && String(r.resolvedPort) !== String(r.port) ? ` (${r.resolvedPort})` : ''}` : '-',
    r.problem ? style.red(r.problem) : style.green('ok'),
  ]);
  return [style.bold(`Ingress routes (${s.ingressRoutes.length})`), ...renderTable(['INGRESS', 'CLASS', 'HOST/PATH', 'BACKEND', 'STATUS'], rows, style)];
}

function workloadNote(w: SnapshotWorkload): string {
  const notes: string[] = [];
  // an HPA leaves a target scaled to zero alone (its ScalingActive condition: ScalingDisabled)
  if (w.hpa) notes.push(w.hpa.specReplicas === 0 ? `HPA ${w.hpa.name}: scaling is disabled since the replica count of the target is zero` : `HPA ${w.hpa.name}: ${w.hpa.minReplicas}-${w.hpa.maxReplicas} replicas`);
  if (w.nextJob) notes.push(`next Job ${w.nextJob.name} at ${w.nextJob.scheduledTime}`);
  if (w.message) notes.push(w.message);
  return notes.join('; ');
}

function workloadsSection(s: ClusterSnapshot, style: Style): string[] {
  if (s.workloads.length === 0) return [];
  const rows = s.workloads.map((w) => [
    w.kind,
    key(w.namespace, w.name),
    String(w.desired),
    w.scheduled === w.desired ? style.green(String(w.scheduled)) : String(w.scheduled),
    w.pending > 0 ? style.red(String(w.pending)) : '0',
    workloadNote(w),
  ]);
  return [style.bold(`Workloads (${s.workloads.length})`), ...renderTable(['KIND', 'NAME', 'DESIRED', 'SCHEDULED', 'PENDING', 'NOTE'], rows, style, new Set([2, 3, 4]))];
}

function rolloutsSection(s: ClusterSnapshot, style: Style): string[] {
  const out: string[] = [];
  for (const r of s.rollouts) {
    out.push(style.bold(`Rollout of Deployment ${key(r.namespace, r.deployment)}`) +
      ` (${r.strategy}${r.strategy === 'RollingUpdate' ? `, maxSurge ${r.maxSurge}, maxUnavailable ${r.maxUnavailable}` : ''}): ${r.oldReplicaSet} → ${r.newReplicaSet}`);
    const rows = r.steps.map((st) => [String(st.step), st.action, String(st.oldReplicas), String(st.newReplicas), String(st.available)]);
    out.push(...renderTable(['STEP', 'ACTION', 'OLD', 'NEW', 'AVAILABLE'], rows, style, new Set([0, 2, 3, 4])).map((l) => '  ' + l));
    out.push(r.stuck ? '  ' + style.red(`stuck: ${r.stuck}`) : '  ' + style.green('completes'));
  }
  return out;
}

function preemptionsSection(s: ClusterSnapshot, style: Style): string[] {
  if (s.preemptions.length === 0) return [];
  return [
    style.bold(`Preemptions (${s.preemptions.length})`),
    ...s.preemptions.map((p) => `  ${p.preemptor} preempted ${p.victims.join(', ')} on ${p.node}`),
  ];
}

function warningsSection(s: ClusterSnapshot, style: Style): string[] {
  if (s.warnings.length === 0) return [];
  return [
    style.bold(style.yellow(`Warnings (${s.warnings.length})`)),
    ...s.warnings.map((w) => {
      const who = w.object ? `${w.object.kind} ${key(w.object.namespace, w.object.name)}` : '';
      // Some messages already start with the object they concern.
      return `  ${who && !w.message.startsWith(who) ? who + ': ' : ''}${w.message}`;
    }),
  ];
}

export function renderSimulateText(s: ClusterSnapshot, opts: SimulateTextOptions = {}): string {
  const style = opts.color ? COLOUR : PLAIN;
  const pending = s.pods.filter((p) => p.phase === 'Pending' && !p.nodeName).length;
  // preempted victims and pods the kubelet rejected are Failed: neither scheduled nor pending
  const failed = s.pods.filter((p) => p.phase === 'Failed').length;
  const summary = `${s.pods.length - pending - failed}/${s.pods.length} pods scheduled on ${s.nodes.length} nodes` +
    (pending ? `, ${pending} pending` : '') + (failed ? `, ${failed} failed` : '') + ` (seed ${s.seed}, Kubernetes ${s.kubernetesVersion})`;
  const sections = [
    nodesSection(s, style),
    podsSection(s, style),
    pendingSection(s, style),
    servicesSection(s, style),
    ingressSection(s, style),
    workloadsSection(s, style),
    rolloutsSection(s, style),
    preemptionsSection(s, style),
    warningsSection(s, style),
  ].filter((lines) => lines.length > 0);
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n\n' + (pending ? style.yellow(summary) : style.green(summary)) + '\n';
}
