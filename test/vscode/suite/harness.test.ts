// Checks the harness itself: the suites run inside a real VS Code extension host, with this repository loaded
// as the extension under development, and the extension activates there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kube-preview.kube-preview';

describe('harness', () => {
  it('runs inside a real VS Code extension host', () => {
    // code-server 4.139.1 embeds VS Code 1.139.1; under @vscode/test-electron any version the engine allows.
    if (process.env.KUBE_PREVIEW_VSCODE_HOST === 'code-server') {
      assert.match(vscode.version, /^1\.139\.\d+$/);
    } else {
      const [major, minor] = vscode.version.split('.').map(Number);
      assert.ok(major > 1 || (major === 1 && minor >= 85), `VS Code ${vscode.version} is older than engines.vscode ^1.85`);
    }
    assert.equal(typeof vscode.commands.executeCommand, 'function');
  });

  it('loads this repository as the extension under development', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
    // The suites live in <repo>/out/test/vscode/suite: the extension must be the same checkout.
    assert.equal(path.resolve(ext.extensionPath), path.resolve(__dirname, '..', '..', '..', '..'));
    assert.equal(ext.packageJSON.name, 'kube-preview');
  });

  it('activates without error', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    try {
      await ext.activate();
    } catch (err) {
      assert.fail(`activation failed: ${(err as Error).stack ?? String(err)}`);
    }
    assert.equal(ext.isActive, true);
  });
});
