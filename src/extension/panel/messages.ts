// Validation of every message the preview webview posts to the host. The webview is treated as untrusted
// (it renders manifest text): anything that is not exactly a WebviewToHost shape, with bounded sizes and
// sane numbers, is dropped before the host acts on it. No vscode import, so unit tests run it directly.
import type { ObjectKey, WebviewToHost, WhatIf, ViewName, ClusterChoice } from '../../protocol';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_NAME = 253;
const VIEWS: ViewName[] = ['graph', 'nodes', 'services', 'events'];
/** exported images are written to disk as given: bound them (a 4k PNG data URL is far below this) */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;

function objectKey(v: unknown): ObjectKey | null {
  if (!isObj(v) || !isName(v.kind) || !isName(v.name)) return null;
  if (v.namespace !== null && v.namespace !== undefined && !isName(v.namespace)) return null;
  return { kind: v.kind, namespace: (v.namespace as string | null | undefined) ?? null, name: v.name };
}

function whatIf(v: unknown): WhatIf | null {
  if (!isObj(v)) return null;
  switch (v.kind) {
    case 'cordon': case 'uncordon': case 'nodeDown':
      return isName(v.node) ? { kind: v.kind, node: v.node } : null;
    case 'addNode':
      return isName(v.like) ? { kind: 'addNode', like: v.like } : null;
    case 'scale': {
      const w = v.workload;
      if (!isObj(w) || !isName(w.kind) || !isName(w.namespace) || !isName(w.name)) return null;
      const r = v.replicas;
      // a what-if, not a load test: replicas beyond 1000 would only make the simulation slow
      if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > 1000) return null;
      return { kind: 'scale', workload: { kind: w.kind, namespace: w.namespace, name: w.name }, replicas: r };
    }
    default:
      return null;
  }
}

function clusterPatch(v: unknown): Partial<ClusterChoice> | null {
  if (!isObj(v)) return null;
  const out: Partial<ClusterChoice> = {};
  for (const k of Object.keys(v)) if (!['preset', 'clusterFile', 'seed', 'kubernetesVersion'].includes(k)) return null;
  if (v.preset !== undefined) { if (!isName(v.preset)) return null; out.preset = v.preset; }
  if (v.clusterFile !== undefined) {
    if (v.clusterFile !== null && (typeof v.clusterFile !== 'string' || v.clusterFile.length > 4096 || v.clusterFile.includes('\0'))) return null;
    out.clusterFile = v.clusterFile === '' ? null : (v.clusterFile as string | null);
  }
  if (v.seed !== undefined) {
    if (typeof v.seed !== 'number' || !Number.isInteger(v.seed) || v.seed < 0 || v.seed > 2 ** 32) return null;
    out.seed = v.seed;
  }
  if (v.kubernetesVersion !== undefined) { if (!isName(v.kubernetesVersion)) return null; out.kubernetesVersion = v.kubernetesVersion; }
  return out;
}

/** The message as a WebviewToHost value (a fresh copy holding only known fields), or null if malformed. */
export function parseWebviewMessage(msg: unknown): WebviewToHost | null {
  if (!isObj(msg) || typeof msg.type !== 'string') return null;
  switch (msg.type) {
    case 'ready': return { type: 'ready' };
    case 'resetWhatIf': return { type: 'resetWhatIf' };
    case 'reveal': {
      const object = objectKey(msg.object);
      return object ? { type: 'reveal', object } : null;
    }
    case 'whatIf': {
      const change = whatIf(msg.change);
      return change ? { type: 'whatIf', change } : null;
    }
    case 'setCluster': {
      const cluster = clusterPatch(msg.cluster);
      return cluster ? { type: 'setCluster', cluster } : null;
    }
    case 'viewState': {
      const s = msg.state;
      if (!isObj(s) || typeof s.view !== 'string' || !(VIEWS as string[]).includes(s.view)) return null;
      const selected = s.selected === null || s.selected === undefined ? null : objectKey(s.selected);
      if (s.selected && !selected) return null;
      return { type: 'viewState', state: { view: s.view as ViewName, selected } };
    }
    case 'export': {
      if (msg.format !== 'svg' && msg.format !== 'png') return null;
      if (typeof msg.data !== 'string' || msg.data.length === 0 || msg.data.length > MAX_EXPORT_BYTES) return null;
      if (msg.format === 'png' && !/^data:image\/png;base64,[A-Za-z0-9+/=\s]+$/.test(msg.data)) return null;
      if (msg.format === 'svg' && !/<svg[\s>]/.test(msg.data.slice(0, 4096))) return null;
      return { type: 'export', format: msg.format, data: msg.data };
    }
    default:
      return null;
  }
}

/** Bytes to write for an export message: the SVG text, or the PNG decoded from its data URL. */
export function exportBytes(msg: { format: 'svg' | 'png'; data: string }): Uint8Array {
  if (msg.format === 'svg') return new TextEncoder().encode(msg.data);
  return Uint8Array.from(Buffer.from(msg.data.slice(msg.data.indexOf(',') + 1), 'base64'));
}
