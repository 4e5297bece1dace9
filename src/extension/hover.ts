// Hover: the field's type and path from the schema of the selected Kubernetes version; over a selector the
// objects it matches; over a Service's targetPort the endpoints it resolves to; over a node name or a taint
// what lands there and what it keeps away (from the simulation's filter results).
import * as vscode from 'vscode';
import type { ClusterSnapshot, SnapshotPod } from '../cluster/snapshot';
import type { Manifest, ObjectPath } from '../manifests/types';
import { mapSelectorMatches, selectorMatches, formatSelector, type LabelSelector } from '../core/labels';
import { pathOf, schemaLoader, type ResourceSets, type ResourceSet } from './workspace-set';
import { manifestAt, pathAt, formatPath } from './object-path';
import { serviceEndpoints } from './summaries';
import { lazy } from './lazy';

const MAX_ROWS = 12;

function get(obj: unknown, path: ObjectPath): unknown {
  let v = obj;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** Escapes what markdown would interpret inside a line (names and labels are user text). */
function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

function rows(lines: string[]): string {
  const shown = lines.slice(0, MAX_ROWS).map((l) => `- ${l}`);
  if (lines.length > MAX_ROWS) shown.push(`- … and ${lines.length - MAX_ROWS} more`);
  return shown.join('\n');
}

function podLine(p: SnapshotPod): string {
  return `${md(p.name)} — ${p.nodeName ? `on ${md(p.nodeName)}` : 'Pending'}`;
}

export class KubeHover implements vscode.HoverProvider {
  constructor(private readonly sets: ResourceSets, private readonly extensionPath: string) {}

  /** duration of the last provideHover call */
  lastMs = 0;

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const started = performance.now();
    try {
      return this.hover(doc, position);
    } finally {
      this.lastMs = performance.now() - started;
    }
  }

  /** The manifests of a document and the set whose simulation explains them (a cluster file is not in any set). */
  private manifestsOf(doc: vscode.TextDocument): { set: ResourceSet; manifests: Manifest[] } | undefined {
    const set = this.sets.setFor(doc.uri, false);
    if (set) {
      // positions are only meaningful against the text that was parsed
      if (set.lintedVersion(pathOf(doc.uri)) !== doc.version) this.sets.lintNow(set);
      return { set, manifests: set.manifestsOf(pathOf(doc.uri)) };
    }
    const owner = this.sets.all().find((s) => s.clusterFileUri()?.toString() === doc.uri.toString());
    if (!owner) return undefined;
    let cached = this.clusterDocs.get(doc.uri.toString());
    if (!cached || cached.version !== doc.version) {
      cached = { version: doc.version, manifests: lazy.parse().parseManifests(pathOf(doc.uri), doc.getText()).manifests };
      this.clusterDocs.set(doc.uri.toString(), cached);
    }
    return { set: owner, manifests: cached.manifests };
  }

  private readonly clusterDocs = new Map<string, { version: number; manifests: Manifest[] }>();

  private hover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = this.manifestsOf(doc);
    if (!found) return undefined;
    const { set } = found;
    const manifest = manifestAt(found.manifests, position);
    if (!manifest) return undefined;
    const { path, onKey } = pathAt(manifest, position);
    if (!path.length) return undefined;
    const parts: string[] = [];
    const field = this.describeField(set, manifest, path);
    if (field) parts.push(field);
    const snapshot = set.snapshot();
    if (snapshot) {
      const extra = this.selectorInfo(snapshot, manifest, path)
        ?? this.targetPortInfo(snapshot, manifest, path)
        ?? this.nodeInfo(snapshot, manifest, path)
        ?? this.taintInfo(snapshot, manifest, path);
      if (extra) parts.push(extra);
    }
    if (!parts.length) return undefined;
    const range = manifest.rangeOf(path, onKey ? 'key' : 'value');
    const markdown = new vscode.MarkdownString(parts.join('\n\n---\n\n'));
    return new vscode.Hover(markdown, new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character));
  }

  private describeField(set: ResourceSet, m: Manifest, path: ObjectPath): string | null {
    if (!set.settings.schemaEnabled) return null;
    const { apiVersion, kind } = m.object;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return null;
    try {
      const info = lazy.fieldInfo().describeField(set.settings.kubernetesVersion, apiVersion, kind, path, schemaLoader(this.extensionPath));
      if (!info) return null;
      const last = [...path].reverse().find((s) => typeof s === 'string') ?? kind;
      let text = `**${md(String(last))}**: \`${info.type}\`${info.required ? ' · required' : ''}\n\n\`${info.path || formatPath(path)}\` in ${md(apiVersion)} ${md(kind)} (Kubernetes ${set.settings.kubernetesVersion})`;
      if (info.enum?.length) text += `\n\nOne of: ${info.enum.map((e: string) => `\`${e}\``).join(', ')}`;
      return text;
    } catch {
      return null; // the schema layer failing must not break hovering
    }
  }

  /** spec.selector (workloads, Services, PDBs), spec.podSelector (NetworkPolicy), nodeSelector. */
  private selectorInfo(snapshot: ClusterSnapshot, m: Manifest, path: ObjectPath): string | null {
    const ns = m.object.metadata?.namespace ?? 'default';
    const nodeSel = path.indexOf('nodeSelector');
    if (nodeSel >= 0) {
      const sel = get(m.object, path.slice(0, nodeSel + 1));
      if (!sel || typeof sel !== 'object') return null;
      const nodes = snapshot.nodes.filter((n) => mapSelectorMatches(sel as Record<string, string>, n.labels));
      return `**nodeSelector** \`${md(formatSelector(sel as Record<string, string>))}\` matches ${nodes.length ? `${nodes.length} node${nodes.length === 1 ? '' : 's'}:\n\n${rows(nodes.map((n) => md(n.name)))}` : 'no node of the simulated cluster'}`;
    }
    const idx = path.findIndex((s, i) => (s === 'selector' && path[i - 1] === 'spec') || (s === 'podSelector' && path[i - 1] === 'spec'));
    if (idx < 0) return null;
    const sel = get(m.object, path.slice(0, idx + 1));
    if (!sel || typeof sel !== 'object') return null;
    const isService = m.object.kind === 'Service';
    // a selector of the wrong shape (the schema reports it) matches nothing; reading it as one would throw
    if (!isService && malformedSelector(sel)) return '**Selector** is malformed (matchLabels must be a map, matchExpressions a list of {key, operator, values}): it matches nothing, and the API server rejects it';
    if (isService && (Array.isArray(sel) || Object.values(sel).some((v) => v !== null && typeof v === 'object'))) return '**Selector** is malformed (a Service selector is a map of label values): it matches nothing, and the API server rejects it';
    const matches = snapshot.pods.filter((p) => p.namespace === ns && (isService
      ? mapSelectorMatches(sel as Record<string, string>, p.labels)
      : selectorMatches(sel as LabelSelector, p.labels)));
    const label = isService ? formatSelector(sel as Record<string, string>) : formatSelector(sel as LabelSelector);
    if (!matches.length) return `**Selector** \`${md(label) || '(empty)'}\` matches no pod in namespace ${md(ns)}`;
    return `**Selector** \`${md(label) || '(empty)'}\` matches ${matches.length} pod${matches.length === 1 ? '' : 's'}:\n\n${rows(matches.map(podLine))}`;
  }

  private targetPortInfo(snapshot: ClusterSnapshot, m: Manifest, path: ObjectPath): string | null {
    if (m.object.kind !== 'Service' || path[0] !== 'spec' || path[1] !== 'ports' || typeof path[2] !== 'number') return null;
    if (path[3] !== 'targetPort' && path[3] !== 'port') return null;
    const ns = m.object.metadata?.namespace ?? 'default';
    const svc = snapshot.services.find((s) => s.namespace === ns && s.name === m.object.metadata?.name);
    const port = svc?.ports[path[2]];
    if (!svc || !port) return null;
    const lines: string[] = [];
    for (const slice of snapshot.endpointSlices) {
      if (slice.namespace !== ns || slice.service !== svc.name) continue;
      const sp = slice.ports.find((p) => p.name === port.name) ?? (slice.ports.length === 1 ? slice.ports[0] : undefined);
      for (const e of slice.endpoints) {
        for (const a of e.addresses) {
          lines.push(`${md(a)}:${sp?.port ?? '?'}${e.targetRef ? ` → ${md(e.targetRef.name)}` : ''}${e.nodeName ? ` on ${md(e.nodeName)}` : ''}${e.conditions.ready ? '' : ' (not ready)'}`);
        }
      }
    }
    const head = `**targetPort** ${md(String(port.targetPort))} of port ${port.port}${port.name ? ` (${md(port.name)})` : ''}`;
    if (!lines.length) {
      const { total } = serviceEndpoints(snapshot, svc);
      const why = svc.problems[0] ?? (total ? 'the target port resolves on no selected pod' : 'no pod is selected');
      return `${head} resolves to no endpoint — ${md(why)}`;
    }
    return `${head} resolves to ${lines.length} endpoint${lines.length === 1 ? '' : 's'}:\n\n${rows(lines)}`;
  }

  private nodeInfo(snapshot: ClusterSnapshot, m: Manifest, path: ObjectPath): string | null {
    let nodeName: unknown;
    if (m.object.kind === 'Node' && path.length === 2 && path[0] === 'metadata' && path[1] === 'name') nodeName = m.object.metadata?.name;
    else if (path[path.length - 1] === 'nodeName') nodeName = get(m.object, path);
    if (typeof nodeName !== 'string') return null;
    const node = snapshot.nodes.find((n) => n.name === nodeName);
    if (!node) return `**Node** ${md(nodeName)} is not in the simulated cluster (${md(snapshot.clusterSource)})`;
    const blocked = snapshot.pods.filter((p) => p.scheduling?.filtered[node.name]);
    let text = `**Node** ${md(node.name)}: ${node.pods.length} pod${node.pods.length === 1 ? '' : 's'}${node.unschedulable ? ' · cordoned' : ''}`;
    if (node.pods.length) text += `\n\n${rows(node.pods.map(md))}`;
    if (blocked.length) {
      text += `\n\nRejects ${blocked.length} pod${blocked.length === 1 ? '' : 's'}:\n\n${rows(blocked.map((p) => `${md(p.name)}: ${md((p.scheduling?.filtered[node.name] ?? []).join('; '))}`))}`;
    }
    return text;
  }

  private taintInfo(snapshot: ClusterSnapshot, m: Manifest, path: ObjectPath): string | null {
    if (m.object.kind !== 'Node' || path[0] !== 'spec' || path[1] !== 'taints' || typeof path[2] !== 'number') return null;
    const taint = get(m.object, path.slice(0, 3)) as { key?: unknown; value?: unknown; effect?: unknown } | undefined;
    const nodeName = m.object.metadata?.name;
    if (!taint || typeof taint.key !== 'string' || typeof nodeName !== 'string') return null;
    const label = `${taint.key}${typeof taint.value === 'string' && taint.value ? '=' + taint.value : ''}:${String(taint.effect ?? '')}`;
    if (taint.effect === 'PreferNoSchedule') return `**Taint** \`${md(label)}\` only lowers ${md(nodeName)}'s score for pods that do not tolerate it`;
    // v1.34's TaintToleration reason ("node(s) had untolerated taint(s)") does not name the taint: with one
    // hard taint on the node it is this one, with several it is one of them
    const node = snapshot.nodes.find((n) => n.name === nodeName);
    const hardTaints = (node?.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').length;
    const blocked = snapshot.pods.filter((p) => {
      const s = p.scheduling;
      if (!s?.filtered[nodeName]) return false;
      return s.filteredBy?.[nodeName] === 'TaintToleration' || s.filtered[nodeName].some((r) => r.includes('taint'));
    });
    if (!blocked.length) return `**Taint** \`${md(label)}\` keeps no simulated pod off ${md(nodeName)}`;
    const by = hardTaints > 1 ? ` (together with its other taints)` : '';
    return `**Taint** \`${md(label)}\` keeps ${blocked.length} pod${blocked.length === 1 ? '' : 's'} off ${md(nodeName)}${by}:\n\n${rows(blocked.map(podLine))}`;
  }

}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Not a metav1.LabelSelector: a non-map, matchLabels not a map, matchExpressions not a list of {key, values?: list}. */
function malformedSelector(sel: unknown): boolean {
  if (!isMap(sel)) return true;
  if (sel.matchLabels != null && !isMap(sel.matchLabels)) return true;
  if (sel.matchExpressions == null) return false;
  if (!Array.isArray(sel.matchExpressions)) return true;
  return sel.matchExpressions.some((e) => !isMap(e) || typeof e.key !== 'string' || (e.values != null && !Array.isArray(e.values)));
}
