// `npm run test:vscode`: the same extension-host suites as run-code-server.mjs, in a desktop VS Code that
// @vscode/test-electron downloads (needs internet: on a machine without it this fails fast with
// ENOTFOUND update.code.visualstudio.com — use `node test/vscode/run-code-server.mjs` there).
//
// Env: KUBE_PREVIEW_VSCODE_VERSION (default "stable"), KUBE_PREVIEW_TEST_GREP (mocha --grep).
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const testsIndex = join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js');
const extensionMain = join(repoRoot, 'dist', 'extension.js');

for (const [file, hint] of [[testsIndex, 'run `node scripts/build.mjs`'], [extensionMain, 'run `node scripts/build.mjs`']]) {
  if (!existsSync(file)) {
    console.error(`test:vscode: ${file} missing: ${hint}`);
    process.exit(1);
  }
}

// The suites edit documents: give them a throw-away copy of the fixture workspace, as the code-server harness does.
const runDir = mkdtempSync(join(tmpdir(), 'kpv-electron-'));
const workspace = join(runDir, 'workspace');
const fixtures = join(repoRoot, 'test', 'fixtures', 'workspace');
if (existsSync(fixtures)) cpSync(fixtures, workspace, { recursive: true });
else mkdirSync(workspace, { recursive: true });

let code = 1;
try {
  code = await runTests({
    version: process.env.KUBE_PREVIEW_VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsIndex,
    extensionTestsEnv: {
      KUBE_PREVIEW_VSCODE_HOST: 'electron',
      ...(process.env.KUBE_PREVIEW_TEST_GREP ? { KUBE_PREVIEW_TEST_GREP: process.env.KUBE_PREVIEW_TEST_GREP } : {}),
    },
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under development (other installed ones stay off)
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', join(runDir, 'user-data'),
    ],
  });
} catch (err) {
  console.error(`test:vscode: ${err?.message ?? err}`);
  if (/ENOTFOUND|fetch failed|EAI_AGAIN|ECONNREFUSED/.test(String(err?.message ?? err))) {
    console.error('test:vscode: no internet to download VS Code; run `node test/vscode/run-code-server.mjs` instead (offline, code-server)');
  }
  code = 1;
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(code);
