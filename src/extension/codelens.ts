// CodeLens above workloads ("3/3 scheduled · worker-1, …" / "1 of 3 pending — Insufficient cpu"), bare Pods
// and Services ("2 ready endpoints" / "no endpoints"), read from the resource set's ClusterSnapshot.
// Clicking one opens the preview focused on that object.
import * as vscode from 'vscode';
import type { ObjectKey } from '../protocol';
import { pathOf, type ResourceSets } from './workspace-set';
import { dominantReason, serviceSummary, workloadSummary } from './summaries';

export const SHOW_IN_PREVIEW = 'kubePreview.showInPreview';

export class KubeCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly sets: ResourceSets) {
    this.sub = sets.onDidLint(() => this.changed.fire());
  }

  /** duration of the last provideCodeLenses call */
  lastMs = 0;

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const started = performance.now();
    try {
      return this.lenses(doc);
    } finally {
      this.lastMs = performance.now() - started;
    }
  }

  private lenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const set = this.sets.setFor(doc.uri, false);
    const snapshot = set?.snapshot();
    if (!set || !snapshot || !set.settings.simulationEnabled) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const m of set.manifestsOf(pathOf(doc.uri))) {
      const kind = m.object.kind;
      const name = m.object.metadata?.name;
      if (typeof name !== 'string') continue;
      const namespace = typeof m.object.metadata?.namespace === 'string' ? m.object.metadata.namespace : 'default';
      // above the object's first line of YAML, not above the comments that open its document
      const line = Math.min(m.rangeOf(['apiVersion'], 'key').start.line, m.rangeOf(['kind'], 'key').start.line);
      if (line >= doc.lineCount) continue;
      const at = new vscode.Range(line, 0, line, 0);
      const key: ObjectKey = { kind, namespace, name };
      let title: string | null = null;
      const workload = snapshot.workloads.find((w) => w.kind === kind && w.namespace === namespace && w.name === name);
      if (workload) title = workloadSummary(snapshot, workload);
      else if (kind === 'Service') {
        const svc = snapshot.services.find((s) => s.namespace === namespace && s.name === name);
        if (svc) title = serviceSummary(snapshot, svc);
      } else if (kind === 'Pod') {
        const pod = snapshot.pods.find((p) => p.namespace === namespace && p.name === name);
        if (pod) title = pod.nodeName ? `scheduled on ${pod.nodeName}` : `pending — ${dominantReason(pod.message)}`;
      }
      if (title) lenses.push(new vscode.CodeLens(at, { title, command: SHOW_IN_PREVIEW, arguments: [key, doc.uri], tooltip: 'Show in Kube Preview' }));
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
