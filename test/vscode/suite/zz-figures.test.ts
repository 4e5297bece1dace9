// Figures, not thresholds: the extension on argo-cd's 34k-line install.yaml (../shared/corpus), measured in
// the real extension host. A one-character edit re-lints (parse of the changed document, schema, rules and
// simulation over the file); CodeLens and hover are timed through the vscode.execute*Provider commands.
// The figures go to test-results/vscode/extension-figures.json; the test asserts that each step happened.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, kubeDiagnostics, revertAndCloseAll, sleep, waitFor } from './helpers';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number): number => Math.round(x * 10) / 10;

describe('figures (large file)', () => {
  after(revertAndCloseAll);

  it('lints argo-cd install.yaml, re-lints after one-character edits, answers CodeLens and hover', async function () {
    this.timeout(240_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const corpusFile = path.resolve(ext.extensionPath, '..', 'shared', 'corpus', 'argo-cd', 'manifests', 'install.yaml');
    if (!fs.existsSync(corpusFile)) this.skip();
    // Work on a copy: the shared corpus is read-only data and this test edits the document.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-figures-')), 'install.yaml');
    fs.copyFileSync(corpusFile, file);
    const api = await extensionApi();
    const t0 = performance.now();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const first = await waitFor(() => { const s = api.lintStats(doc.uri); return s && s.lints > 0 ? s : null; }, 'the first lint', 120_000);
    const firstDiagnosticsMs = performance.now() - t0;
    const cold = first.lastLintMs;
    const coldTimings = first.timings;

    // one-character edits inside the first Deployment's replicas/labels: each lints again
    const at = doc.getText().indexOf('kind: Deployment');
    assert.ok(at > 0);
    const line = doc.positionAt(at).line;
    const edits: number[] = [];
    const editTimings: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const before = api.lintStats(doc.uri)!.lints;
      const ok = await editor.edit((e) => e.insert(new vscode.Position(line - 1, 0), i % 2 === 0 ? '#' : ''), { undoStopBefore: false, undoStopAfter: false });
      if (i % 2 === 1) await editor.edit((e) => e.delete(new vscode.Range(line - 1, 0, line - 1, 1)));
      assert.ok(ok);
      const s = await waitFor(() => { const x = api.lintStats(doc.uri)!; return x.lints > before ? x : null; }, 'a re-lint after the edit');
      edits.push(s.lastLintMs);
      editTimings.push(s.timings);
      await sleep(50);
    }

    const lensTimes: number[] = [];
    const hoverTimes: number[] = [];
    const lensProvider: number[] = [];
    const hoverProvider: number[] = [];
    let lenses = 0;
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      lensTimes.push(performance.now() - t);
      lensProvider.push(api.providerMs().codeLens);
      lenses = (l ?? []).filter((x) => x.command?.command === 'kubePreview.showInPreview').length;
      t = performance.now();
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line + 6, 4));
      hoverTimes.push(performance.now() - t);
      hoverProvider.push(api.providerMs().hover);
    }
    assert.ok(lenses > 0, 'CodeLens above the argo-cd workloads');
    assert.ok(kubeDiagnostics(doc.uri).length >= 0);

    const figures = {
      file: 'argo-cd/manifests/install.yaml',
      lines: doc.lineCount,
      activationMs: round(api.activationMs),
      openToFirstLintMs: round(firstDiagnosticsMs),
      firstLintMs: round(cold),
      firstLintEngineTimings: coldTimings,
      editRelintMs: { median: round(median(edits)), all: edits.map(round), engineTimings: editTimings },
      codeLensMs: { roundTripMedian: round(median(lensTimes)), providerMedian: round(median(lensProvider)), lenses },
      hoverMs: { roundTripMedian: round(median(hoverTimes)), providerMedian: round(median(hoverProvider)) },
    };
    const out = path.join(ext.extensionPath, 'test-results', 'vscode');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'extension-figures.json'), JSON.stringify(figures, null, 2) + '\n');
  });
});
