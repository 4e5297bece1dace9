// The "previous version" of the manifests for the rolling-update preview: the text at git HEAD when the
// built-in git extension knows the file, else the last saved text of a document with unsaved changes.
import * as vscode from 'vscode';

/** The slice of the built-in git extension's API (extensions/git/src/api/git.d.ts) used here. */
interface GitRepository {
  rootUri: vscode.Uri;
  state: { onDidChange: vscode.Event<void> };
  show(ref: string, path: string): Promise<string>;
}
interface GitApi { getRepository(uri: vscode.Uri): GitRepository | null }
interface GitExtension { getAPI(version: 1): GitApi }

export class PreviousVersions implements vscode.Disposable {
  private git: GitApi | null | undefined;
  private readonly headTexts = new Map<string, string | null>();
  private readonly watched = new Set<GitRepository>();
  private readonly disposables: vscode.Disposable[] = [];

  /** The git API once the built-in extension runs; null until then (asked again next time), or without it. */
  private gitApi(): GitApi | null {
    if (this.git !== undefined) return this.git;
    try {
      const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
      if (!ext || !vscode.workspace.getConfiguration('git').get<boolean>('enabled', true)) return null;
      // only when it is already running: activating git just for this would slow the preview down; a
      // panel restored at start-up asks before git has started, so inactive is not remembered
      if (!ext.isActive) return null;
      this.git = ext.exports.getAPI(1);
    } catch {
      return null;
    }
    return this.git;
  }

  private async headText(uri: vscode.Uri): Promise<string | null> {
    const key = uri.toString();
    if (this.headTexts.has(key)) return this.headTexts.get(key) ?? null;
    let text: string | null = null;
    const repo = uri.scheme === 'file' ? this.gitApi()?.getRepository(uri) ?? null : null;
    // no repository (yet: git discovers them after it starts): not remembered, asked again next time
    if (!repo) return null;
    if (!this.watched.has(repo)) {
      this.watched.add(repo);
      this.disposables.push(repo.state.onDidChange(() => this.headTexts.clear())); // commits, checkouts
    }
    try { text = await repo.show('HEAD', uri.fsPath); } catch { text = null; } // untracked or new file
    this.headTexts.set(key, text);
    return text;
  }

  /** Previous text of a file in the preview, or null when it has none different from the current one. */
  async previousText(uri: vscode.Uri, current: string): Promise<string | null> {
    const head = await this.headText(uri);
    if (head !== null) return head === current ? null : head;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc?.isDirty || uri.scheme !== 'file') return null;
    try {
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return saved === current ? null : saved;
    } catch {
      return null;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
