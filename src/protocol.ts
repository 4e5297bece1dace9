// Messages between the extension host and the preview webview. Types only: both bundles import this file.
// The webview validates every HostToWebview message and the host validates every WebviewToHost message
// (isWebviewToHost below is shared so the two sides agree on the shape).
import type { ClusterSnapshot } from './cluster/snapshot';

// Every snapshot type, so the webview needs no import beyond this file.
export type * from './cluster/snapshot';

export type ViewName = 'graph' | 'nodes' | 'services' | 'events';

/** A what-if change applied on top of the files, never written back to them. */
export type WhatIf =
  | { kind: 'cordon'; node: string }
  | { kind: 'uncordon'; node: string }
  | { kind: 'nodeDown'; node: string }
  | { kind: 'addNode'; like: string }
  | { kind: 'scale'; workload: { kind: string; namespace: string; name: string }; replicas: number };

export interface ObjectKey { kind: string; namespace: string | null; name: string }

export interface ClusterChoice { preset: string; clusterFile: string | null; seed: number; kubernetesVersion: string }

/** Where a pod ran in the simulation of the same files without the active what-ifs (to show what moved). */
export interface PodPlacement { namespace: string; name: string; nodeName: string | null; owner: { kind: string; name: string } | null }

export type HostToWebview =
  | { type: 'snapshot'; snapshot: ClusterSnapshot; scopeLabel: string; whatIfs: WhatIf[]; cluster: ClusterChoice; presets: string[]; versions: string[]; /** true for the standalone HTML page: no what-if or cluster controls */ readOnly?: boolean; /** with what-ifs active: every pod of the run without them */ baseline?: PodPlacement[] }
  | { type: 'empty'; scopeLabel: string; reason: string }
  | { type: 'error'; message: string }
  | { type: 'highlight'; objects: ObjectKey[] }
  | { type: 'focus'; object: ObjectKey; view?: ViewName }
  | { type: 'exportRequest'; format: 'svg' | 'png' };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal'; object: ObjectKey }
  | { type: 'whatIf'; change: WhatIf }
  | { type: 'resetWhatIf' }
  | { type: 'setCluster'; cluster: Partial<ClusterChoice> }
  | { type: 'viewState'; state: { view: ViewName; selected: ObjectKey | null } }
  | { type: 'export'; format: 'svg' | 'png'; data: string };

/** Persisted by the webview (vscode.setState) and restored by the serializer. */
export interface PanelState { view: ViewName; selected: ObjectKey | null; scopeUri?: string }
