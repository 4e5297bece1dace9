// Shared helpers of the extension-host suites: the real VS Code API only (no mocks). Not a *.test.js file,
// so the runner does not load it as a suite.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KubePreviewApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'kube-preview.kube-preview';
export const SOURCE = 'kube-preview';

export async function extensionApi(): Promise<KubePreviewApi> {
  const ext = vscode.extensions.getExtension<KubePreviewApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the harness must open test/fixtures/workspace as the workspace folder');
  return f;
}

export function fixture(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, rel);
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  return vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The extension's diagnostics of a document. */
export function kubeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/** Polls until `check` passes on the document's diagnostics (lint is debounced and asynchronous). */
export async function waitForDiagnostics(
  uri: vscode.Uri, check: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  const api = await extensionApi();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await api.whenIdle();
    const ds = kubeDiagnostics(uri);
    if (check(ds)) return ds;
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; have:\n${describeDiagnostics(ds)}`);
    }
    await sleep(100);
  }
}

export async function waitFor<T>(get: () => T | undefined | null | false, what: string, timeoutMs = 30_000): Promise<T> {
  const api = await extensionApi();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await api.whenIdle();
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export function describeDiagnostics(ds: vscode.Diagnostic[]): string {
  return ds.map((d) => `  ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${codeOf(d)} ${d.message}`).join('\n') || '  (none)';
}

export function withCode(ds: vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return ds.filter((d) => codeOf(d) === code);
}

/** Sets a kubePreview.* setting at the user level (the workspace folder stays untouched). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kubePreview').update(key, value, vscode.ConfigurationTarget.Global);
  await (await extensionApi()).whenIdle();
}

export async function resetSettings(...keys: string[]): Promise<void> {
  for (const k of keys) await vscode.workspace.getConfiguration('kubePreview').update(k, undefined, vscode.ConfigurationTarget.Global);
  await (await extensionApi()).whenIdle();
}

/** Reverts every dirty fixture document (so closing prompts nothing) and closes all editors. */
/** VS Code's own user settings file (…/User/settings.json), which a Global configuration update edits and saves. */
function isUserSettings(uri: vscode.Uri): boolean {
  return /[\\/]User[\\/]settings\.json$/.test(uri.fsPath);
}

export async function revertAndCloseAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    // the workbench saves its settings file itself: reverting it would undo a test's setting, and showing
    // it races the workbench's own editor ("another editor opened in the meantime")
    if (!doc.isDirty || doc.uri.scheme !== 'file' || isUserSettings(doc.uri)) continue;
    await vscode.window.showTextDocument(doc, { preview: false });
    // by resource: a webview that takes focus meanwhile (the preview opening to the side) would otherwise
    // be the revert's target, and closing the still-dirty editor then saves it
    await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await (await extensionApi()).whenIdle();
}

/** Position of the first occurrence of `needle` in the document (after `from` lines). */
export function positionOf(doc: vscode.TextDocument, needle: string, from = 0, offset = 0): vscode.Position {
  for (let line = from; line < doc.lineCount; line++) {
    const i = doc.lineAt(line).text.indexOf(needle);
    if (i >= 0) return new vscode.Position(line, i + offset);
  }
  assert.fail(`"${needle}" not found in ${doc.uri.path}`);
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && 'edit' in a && a.edit !== undefined);
}

export async function undo(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  await vscode.commands.executeCommand('undo');
}

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return (lenses ?? []).filter((l) => l.command?.command === 'kubePreview.showInPreview');
}
