// Quick fixes: each TextEditFix a finding carries becomes a WorkspaceEdit (so the user can undo it), plus
// "disable for this line" for findings that carry no such fix (parser and schema findings), which inserts `# kube-preview-disable-next-line RULE`.
import * as vscode from 'vscode';
import type { Finding, TextEditFix } from '../validation/finding';
import { DIAGNOSTIC_SOURCE, toRange, type DiagnosticsPublisher } from './diagnostics';
import { pathOf, type ResourceSets } from './workspace-set';

export const SUPPRESS_COMMENT = 'kube-preview-disable-next-line';

/** Every finding can be suppressed by a comment (the engine filters parser and schema findings too),
 *  except broken YAML, which a comment cannot make readable. */
function suppressible(ruleId: string): boolean {
  return !ruleId.startsWith('yaml/') && !ruleId.startsWith('internal/');
}

export class KubeCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly sets: ResourceSets, private readonly diagnostics: DiagnosticsPublisher) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const set = this.sets.setFor(doc.uri, false);
    if (!set) return [];
    // fixes carry absolute positions: only offer them while the text is the one that was linted
    if (set.lintedVersion(pathOf(doc.uri)) !== doc.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = this.diagnostics.findingFor(doc.uri, diagnostic);
      if (!finding) continue;
      for (const fix of finding.fixes ?? []) actions.push(this.fixAction(fix, diagnostic, set.uriOf.bind(set)));
      const hasSuppress = (finding.fixes ?? []).some((f) => f.edits.some((e) => e.newText.includes(SUPPRESS_COMMENT)));
      if (!hasSuppress && suppressible(finding.ruleId)) actions.push(this.suppressAction(doc, finding, diagnostic));
    }
    // preferred fixes first, suppressions last
    return actions.sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false));
  }

  private fixAction(fix: TextEditFix, diagnostic: vscode.Diagnostic, uriOf: (p: string) => vscode.Uri | undefined): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) {
      const uri = uriOf(e.path) ?? (e.path.includes(':') && !/^[A-Za-z]:[\\/]/.test(e.path) ? vscode.Uri.parse(e.path) : vscode.Uri.file(e.path));
      edit.replace(uri, toRange(e.range), e.newText);
    }
    action.edit = edit;
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred === true;
    return action;
  }

  private suppressAction(doc: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const line = doc.lineAt(Math.min(finding.range.start.line, doc.lineCount - 1));
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    const action = new vscode.CodeAction(`Disable ${finding.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(line.lineNumber, 0), `${indent}# ${SUPPRESS_COMMENT} ${finding.ruleId}\n`);
    action.edit = edit;
    action.diagnostics = [diagnostic];
    return action;
  }
}
