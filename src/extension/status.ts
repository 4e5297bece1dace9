// A status bar entry for the active YAML file's resource set: how many pods the simulated cluster runs and
// how many stay Pending; clicking it opens the preview beside the editor.
import * as vscode from 'vscode';
import { isYamlDocument, type ResourceSets } from './workspace-set';

export class KubeStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubePreview.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly sets: ResourceSets) {
    this.item.name = 'Kube Preview';
    this.item.command = 'kubePreview.openPreviewToSide';
    this.disposables.push(
      sets.onDidLint(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
  }

  /** The text shown, or null when hidden (for tests). */
  text(): string | null {
    return this.shown ? this.item.text : null;
  }

  private shown = false;

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const set = doc && isYamlDocument(doc) ? this.sets.setFor(doc.uri, false) : undefined;
    const snap = set?.snapshot();
    if (!snap || !set?.settings.simulationEnabled || snap.pods.length === 0) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const pending = snap.pods.filter((p) => p.nodeName === null).length;
    this.item.text = `$(server-process) ${snap.pods.length} pod${snap.pods.length === 1 ? '' : 's'}${pending ? ` · $(warning) ${pending} pending` : ''}`;
    this.item.tooltip = `Kube Preview: ${snap.pods.length - pending} of ${snap.pods.length} pods scheduled on ${snap.nodes.length} simulated node${snap.nodes.length === 1 ? '' : 's'} (${snap.clusterSource}). Click to open the preview.`;
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}
