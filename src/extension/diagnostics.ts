// Publishes lint findings as VS Code diagnostics (source `kube-preview`, the rule id as code linking to
// its documentation) for the open YAML documents of a resource set. Findings are kept per document so the
// code-action provider can find the Finding (and its fixes) behind a diagnostic.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../validation/finding';
import type { Range } from '../manifests/types';
import { isYamlDocument, pathOf, type ResourceSet, type ResourceSets } from './workspace-set';
import { lazy } from './lazy';

export const DIAGNOSTIC_SOURCE = 'kube-preview';
export const DOCS_URL = 'https://github.com/kube-preview/kube-preview/blob/main/docs/rules.md';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error
    : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

const anchors = new Map<string, string>();
/** The docs anchor of a rule: its declared docsAnchor, else GitHub's slug of the id heading. */
export function docsAnchor(ruleId: string): string {
  let a = anchors.get(ruleId);
  if (a === undefined) {
    let declared: string | undefined;
    try { declared = lazy.rules().ruleById(ruleId)?.docsAnchor; } catch { declared = undefined; }
    a = declared ?? ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
    anchors.set(ruleId, a);
  }
  return a;
}

/** Key that ties a published diagnostic back to its finding (ranges are compared as published). */
export function findingKey(range: vscode.Range, code: string, message: string): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${code}|${message}`;
}

function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** uri -> signature of what was last published (skips re-publishing identical results) */
  private readonly published = new Map<string, string>();
  private readonly findingsByUri = new Map<string, Map<string, Finding>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly sets: ResourceSets) {
    this.disposables.push(
      sets.onDidLint((set) => this.publishSet(set)),
      // an opened file's own findings, published before its folder is completely read
      sets.onDidLintOpenDocuments(({ paths }) => this.publishPaths(paths)),
      vscode.workspace.onDidCloseTextDocument((d) => { this.closedTabs.delete(d.uri.toString()); this.clear(d.uri); }),
      vscode.workspace.onDidOpenTextDocument((d) => this.publishDocument(d)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsChanged(e)),
    );
  }

  /**
   * VS Code keeps a closed editor's TextDocument alive for a while (onDidCloseTextDocument comes late or not
   * at all), so closing the last tab of a document is what clears its diagnostics; reopening it shows them.
   */
  private readonly closedTabs = new Set<string>();

  private tabsChanged(e: vscode.TabChangeEvent): void {
    const shown = new Set<string>();
    for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) for (const u of tabUris(tab)) shown.add(u.toString());
    for (const tab of e.closed) {
      for (const uri of tabUris(tab)) {
        const key = uri.toString();
        if (shown.has(key) || !this.published.has(key)) continue;
        this.closedTabs.add(key);
        this.clear(uri);
      }
    }
    for (const tab of [...e.opened, ...e.changed]) {
      for (const uri of tabUris(tab)) {
        if (!this.closedTabs.delete(uri.toString())) continue;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc) this.publishDocument(doc);
      }
    }
  }

  /** The finding behind a diagnostic this publisher produced, if the document has not changed since. */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Finding | undefined {
    const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
    return this.findingsByUri.get(uri.toString())?.get(findingKey(diagnostic.range, code, diagnostic.message));
  }

  publishSet(set: ResourceSet): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (!isYamlDocument(doc)) continue;
      const owner = this.sets.setFor(doc.uri, false);
      if (owner === set || (owner === undefined && this.published.has(doc.uri.toString()))) this.publishDocument(doc);
    }
  }

  private publishPaths(paths: string[]): void {
    const wanted = new Set(paths);
    for (const doc of vscode.workspace.textDocuments) if (wanted.has(pathOf(doc.uri))) this.publishDocument(doc);
  }

  publishDocument(doc: vscode.TextDocument): void {
    if (!isYamlDocument(doc) || this.closedTabs.has(doc.uri.toString())) return;
    const set = this.sets.setFor(doc.uri, false);
    const enabled = set?.settings.validationEnabled ?? false;
    const findings = set && enabled ? set.findings(pathOf(doc.uri)) : [];
    const key = doc.uri.toString();
    const signature = JSON.stringify(findings.map((f) => [f.ruleId, f.severity, f.message, f.range]));
    if (this.published.get(key) === signature) return;
    this.published.set(key, signature);
    const byKey = new Map<string, Finding>();
    const diagnostics = findings.map((f) => {
      const range = toRange(f.range);
      const d = new vscode.Diagnostic(range, f.message, toSeverity(f.severity));
      d.source = DIAGNOSTIC_SOURCE;
      d.code = { value: f.ruleId, target: vscode.Uri.parse(`${DOCS_URL}#${docsAnchor(f.ruleId)}`) };
      if (f.ruleId === 'api/deprecated-version') d.tags = [vscode.DiagnosticTag.Deprecated];
      byKey.set(findingKey(range, f.ruleId, f.message), f);
      return d;
    });
    this.findingsByUri.set(key, byKey);
    this.collection.set(doc.uri, diagnostics);
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.published.delete(key);
    this.findingsByUri.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
