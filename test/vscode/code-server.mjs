// Shared plumbing of the two harnesses that need a real VS Code (the extension-host suites in
// run-code-server.mjs and the UI tests in test/e2e): start code-server in its own process group on a free
// loopback port with throw-away state under /tmp, open its workbench in Debian's Chromium through
// playwright-core, and always tear both down. Flags and environment follow
// ../shared/reference/vscode-offline-testing.md.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureVscodeTest, repoRoot } from './setup.mjs';

export { repoRoot };
export const CHROMIUM = process.env.KUBE_PREVIEW_CHROMIUM || '/usr/bin/chromium';
export const verbose = !!process.env.KUBE_PREVIEW_VERBOSE;

const cleanups = [];
let exiting = false;

/** Runs every registered cleanup once, newest first; safe to call from several places. */
export async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try { await fn(); } catch { /* best effort: keep tearing down the rest */ }
  }
}

// Ctrl+C, a CI cancel or a crash must not leave a code-server (and its extension host) behind.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${sig}: stopping code-server and Chromium`);
    cleanupAll().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  // Last resort, synchronous: kill the server's whole process group if it is still registered.
  for (const pgid of liveGroups) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ } }
});
const liveGroups = new Set();

/** A hard deadline for the whole run: on expiry print why, tear down and exit 1 (never hang CI). */
export function hardTimeout(ms, describe) {
  const t = setTimeout(() => {
    console.error(`\nhard timeout: ${describe()} after ${Math.round(ms / 1000)} s`);
    console.log('\n  0 passing\n  1 failing');
    exiting = true;
    cleanupAll().finally(() => process.exit(1));
  }, ms);
  t.unref();
  return () => clearTimeout(t);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh, short-named run folder under /tmp (code-server's sockets live in TMPDIR: paths <= 108 bytes). */
export function makeRunDir(prefix = 'kpv-') {
  const dir = mkdtempSync(join('/tmp', prefix));
  for (const sub of ['tmp', 'config', 'data', 'cache', 'extensions', 'user-data/User']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'git.enabled': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    // A plain window for the tests and the screenshots: no chat pane, no AI prompts, no minimap.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'editor.minimap.enabled': false,
    'remote.autoForwardPorts': false,
    // VS Code for the web saves edits after a second by default; desktop VS Code does not, and the tests'
    // unsaved edits must stay unsaved (a saved edit would change the fixture for the tests after it)
    'files.autoSave': 'off',
  }, null, 2));
  cleanups.push(() => { if (!process.env.KUBE_PREVIEW_KEEP_RUN) rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

/** The environment code-server runs with: all its state under the run folder, no marketplace. */
export function serverEnv(runDir, extra = {}) {
  return {
    ...process.env,
    TMPDIR: join(runDir, 'tmp'),
    XDG_CONFIG_HOME: join(runDir, 'config'),
    XDG_DATA_HOME: join(runDir, 'data'),
    XDG_CACHE_HOME: join(runDir, 'cache'),
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/** Runs code-server's CLI once (e.g. `--install-extension x.vsix`) with the run folder's state; resolves its output. */
export async function codeServerCli(runDir, args, { timeoutMs = 120_000 } = {}) {
  const p = await ensureVscodeTest({ log: (m) => console.log(m) });
  return new Promise((resolve, reject) => {
    const child = spawn(p.node, [p.codeServerEntry, '--user-data-dir', join(runDir, 'user-data'),
      '--extensions-dir', join(runDir, 'extensions'), ...args], { env: serverEnv(runDir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    liveGroups.add(child.pid);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      liveGroups.delete(child.pid);
      if (code === 0) resolve(out);
      else reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${out}`));
    });
  });
}

/**
 * Starts code-server and waits for /healthz. Returns { port, origin, logFile, stop }.
 * `env` adds variables for the server and therefore for the extension host it spawns.
 */
export async function startCodeServer(runDir, { env = {} } = {}) {
  const p = await ensureVscodeTest({ log: (m) => console.log(m) });
  const port = await freePort();
  const logFile = join(runDir, 'code-server.log');
  const logStream = createWriteStream(logFile);
  const args = [
    p.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--reconnection-grace-time', '5',
    // Without the smoke-test driver the workbench ignores the URL payload (extensionDevelopmentPath…).
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', join(runDir, 'user-data'), '--extensions-dir', join(runDir, 'extensions'),
  ];
  // Own process group (detached) so one kill reaches the server, its extension hosts and file watchers.
  const child = spawn(p.node, args, { env: serverEnv(runDir, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  liveGroups.add(child.pid);
  let exited = null;
  let announceExit;
  const exitedPromise = new Promise((r) => { announceExit = r; });
  child.on('exit', (code, signal) => { exited = { code, signal }; liveGroups.delete(child.pid); announceExit(exited); });
  for (const s of [child.stdout, child.stderr]) {
    s.on('data', (d) => {
      logStream.write(d);
      if (verbose) process.stdout.write(String(d).replace(/^/gm, '  [code-server] '));
    });
  }
  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    const deadline = Date.now() + 3000;
    while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!exited) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
    liveGroups.delete(child.pid);
  };
  cleanups.push(stop);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60 s:\n${tail(logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // `exited` resolves if the server ends (a crash while tests wait on the page must not look like a hang).
  return { port, origin, logFile, stop, pid: child.pid, exited: exitedPromise };
}

export function tail(file, lines = 40) {
  try { return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
}

/** The workbench URL opening `folder` with the given development extension / test runner (absolute paths). */
export function workbenchUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (abs) => `vscode-remote://127.0.0.1:${port}${abs}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${q.toString()}`;
}

/** Debian's Chromium, headless, with a throw-away profile (playwright makes one per launch). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install it (apt-get install -y chromium)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Our own signal handlers close Chromium AND code-server and remove the run folder; playwright's would
    // exit the process as soon as the browser is closed, cutting that short. (On exit it still kills Chromium.)
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  return browser;
}

/** Copies a fixture folder into the run folder so the tests never modify the repository. */
export function copyWorkspace(src, runDir, name = 'workspace') {
  const dest = join(runDir, name);
  if (existsSync(src)) cpSync(src, dest, { recursive: true });
  else mkdirSync(dest, { recursive: true });
  return dest;
}
