// Quick fixes through the real code-action provider command, applied with workspace.applyEdit, checked in the
// text, and undone with the editor's undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeActions, describeDiagnostics, extensionApi, kubeDiagnostics, open, revertAndCloseAll, undo, waitForDiagnostics,
  withCode,
} from './helpers';

async function applyAndUndo(editor: vscode.TextEditor, action: vscode.CodeAction, check: (text: string) => void): Promise<void> {
  const doc = editor.document;
  const original = doc.getText();
  assert.ok(action.edit, `${action.title} has no edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `applyEdit failed for ${action.title}`);
  assert.notEqual(doc.getText(), original, `${action.title} changed nothing`);
  check(doc.getText());
  await undo(editor);
  assert.equal(doc.getText(), original, `undo did not restore the text after "${action.title}"`);
}

describe('quick fixes', () => {
  before(async () => { await extensionApi(); });
  afterEach(revertAndCloseAll);

  it('renames a misspelled field (did you mean), clears the finding, and undo restores the text', async () => {
    const editor = await open('quickfix/typo.yaml');
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'schema/unknown-field').length > 0, 'unknown field protocl');
    const d = withCode(ds, 'schema/unknown-field')[0];
    const actions = await codeActions(doc.uri, d.range);
    const rename = actions.find((a) => /protocol/.test(a.title) && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    assert.ok(rename, `no rename action; got ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(rename.isPreferred, true);
    const original = doc.getText();
    assert.equal(await vscode.workspace.applyEdit(rename.edit!), true);
    assert.match(doc.lineAt(d.range.start.line).text, /^\s+protocol: TCP$/);
    await waitForDiagnostics(doc.uri, (x) => withCode(x, 'schema/unknown-field').length === 0, 'the finding gone after the fix');
    await undo(editor);
    assert.equal(doc.getText(), original);
    await waitForDiagnostics(doc.uri, (x) => withCode(x, 'schema/unknown-field').length === 1, 'the finding back after undo');
  });

  it('replaces a removed apiVersion', async () => {
    const editor = await open('broken/deprecated.yaml');
    const ds = await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'api/deprecated-version').length > 0, 'deprecated apiVersion');
    const d = withCode(ds, 'api/deprecated-version')[0];
    const fix = (await codeActions(editor.document.uri, d.range)).find((a) => /apps\/v1/.test(a.title));
    assert.ok(fix, 'no apiVersion fix');
    await applyAndUndo(editor, fix, (text) => assert.match(text.split('\n')[0], /^apiVersion: apps\/v1$/));
  });

  it('makes a workload\'s template labels and selector agree (every offered fix clears the finding)', async () => {
    const editor = await open('quickfix/selector-mismatch.yaml');
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'workload-selector-mismatch').length > 0, 'workload-selector-mismatch');
    const d = withCode(ds, 'workload-selector-mismatch')[0];
    const fixes = (await codeActions(doc.uri, d.range)).filter((a) => /label|selector/i.test(a.title) && !/^Disable /.test(a.title));
    assert.ok(fixes.length >= 1, 'no fix for workload-selector-mismatch');
    for (const fix of fixes) {
      const original = doc.getText();
      assert.equal(await vscode.workspace.applyEdit(fix.edit!), true);
      await waitForDiagnostics(doc.uri, (x) => withCode(x, 'workload-selector-mismatch').length === 0, `mismatch gone after "${fix.title}"`);
      await undo(editor);
      assert.equal(doc.getText(), original, `undo after "${fix.title}"`);
      await waitForDiagnostics(doc.uri, (x) => withCode(x, 'workload-selector-mismatch').length === 1, 'mismatch back after undo');
    }
  });

  it('disables a rule for one line with a comment the linter honours', async () => {
    const editor = await open('quickfix/selector-mismatch.yaml');
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'image-tag-latest').length > 0, 'image-tag-latest');
    const d = withCode(ds, 'image-tag-latest')[0];
    const disable = (await codeActions(doc.uri, d.range)).find((a) => a.title === 'Disable image-tag-latest for this line');
    assert.ok(disable, 'no disable action');
    const original = doc.getText();
    assert.equal(await vscode.workspace.applyEdit(disable.edit!), true);
    assert.match(doc.lineAt(d.range.start.line).text, /^\s*# kube-preview-disable-next-line image-tag-latest$/);
    await waitForDiagnostics(doc.uri, (x) => withCode(x, 'image-tag-latest').length === 0, 'image-tag-latest suppressed');
    await undo(editor);
    assert.equal(doc.getText(), original);
  });

  it('offers a schema finding a disable comment too, which the engine honours', async () => {
    const editor = await open('quickfix/typo.yaml');
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'schema/unknown-field').length > 0, 'unknown field');
    const d = withCode(ds, 'schema/unknown-field')[0];
    const disable = (await codeActions(doc.uri, d.range)).find((a) => a.title === 'Disable schema/unknown-field for this line');
    assert.ok(disable, 'no disable action for the schema finding');
    await applyAndUndo(editor, disable, (text) => assert.match(text, /# kube-preview-disable-next-line schema\/unknown-field\n\s+protocl: TCP/));
  });

  it('every action offered on the quick-fix fixtures edits the text and undoes cleanly', async () => {
    for (const rel of ['quickfix/typo.yaml', 'quickfix/selector-mismatch.yaml', 'broken/schema-errors.yaml']) {
      const editor = await open(rel);
      const doc = editor.document;
      const ds = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'findings');
      let tried = 0;
      const seen = new Set<string>();
      for (const d of ds) {
        for (const action of await codeActions(doc.uri, d.range)) {
          const key = `${d.range.start.line}:${action.title}`;
          if (seen.has(key)) continue;
          seen.add(key);
          await applyAndUndo(editor, action, () => undefined);
          tried++;
          await (await extensionApi()).whenIdle();
        }
      }
      assert.ok(tried > 0, `no action offered in ${rel}:\n${describeDiagnostics(kubeDiagnostics(doc.uri))}`);
    }
  });
});
