// Runs inside the extension host of a code-server where kube-preview was installed from the .vsix (see
// test/e2e/vsix.e2e.mjs): the extension under development is only an empty probe, so the Kube Preview seen
// here is the installed, production-built copy. Checks it activates and lints a manifest; writes figures
// (activation time) to KUBE_PREVIEW_SMOKE_REPORT for the outer test to print.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kube-preview.kube-preview';

interface Exports { activationMs?: number; whenIdle?: () => Promise<void> }

const report: Record<string, unknown> = {};
function saveReport(): void {
  const file = process.env.KUBE_PREVIEW_SMOKE_REPORT;
  if (file) fs.writeFileSync(file, JSON.stringify(report, null, 2));
}

async function waitFor<T>(fn: () => T | undefined, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('installed .vsix', () => {
  after(saveReport);

  it('is the copy installed into the extensions folder, not the sources', () => {
    const ext = vscode.extensions.getExtension<Exports>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const dir = process.env.KUBE_PREVIEW_SMOKE_EXTENSIONS_DIR;
    assert.ok(dir, 'KUBE_PREVIEW_SMOKE_EXTENSIONS_DIR not set');
    assert.ok(path.resolve(ext.extensionPath).startsWith(path.resolve(dir) + path.sep), `${ext.extensionPath} is not under ${dir}`);
    // What the .vsix must carry for the extension to work without node_modules.
    for (const f of ['package.json', 'dist/extension.js', 'dist/webview.js', 'schemas/v1.34.json']) {
      assert.ok(fs.existsSync(path.join(ext.extensionPath, f)), `${f} missing from the installed extension`);
    }
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'node_modules')), 'node_modules shipped');
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'src')), 'sources shipped');
  });

  it('activates', async () => {
    const ext = vscode.extensions.getExtension<Exports>(EXTENSION_ID)!;
    // Nothing opened a YAML file yet (the activation event), so this measures loading the bundle + activate().
    report.wasActiveBefore = ext.isActive;
    // Loading the bundle (parse + top-level code) apart from VS Code's activation: require() it first, so
    // the extension host's own load of the same file is then served from the module cache.
    if (!ext.isActive) {
      const r0 = performance.now();
      require(path.join(ext.extensionPath, ext.packageJSON.main as string));
      report.bundleRequireMs = performance.now() - r0;
    }
    const t0 = performance.now();
    const api = await ext.activate();
    report.activateCallMs = ext.isActive && !report.wasActiveBefore ? performance.now() - t0 : null;
    assert.equal(ext.isActive, true);
    report.activationMs = typeof api?.activationMs === 'number' ? api.activationMs : null;
  });

  it('lints a manifest of the workspace', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    const uri = vscode.Uri.joinPath(folder.uri, 'shop', 'checkout.yaml');
    const t0 = performance.now();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const found = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri).find((x) => /replicass/.test(x.message));
      return d ?? undefined;
    }, 'the unknown-field diagnostic on checkout.yaml');
    report.firstDiagnosticMs = performance.now() - t0;
    assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(found.range.start.line, 8, 'on the line of "replicass: 2"');
    report.diagnostic = { message: found.message, code: typeof found.code === 'object' ? found.code.value : found.code, source: found.source };
  });
});
