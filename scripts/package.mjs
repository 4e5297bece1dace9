// `npm run package`: production build (minified, no sourcemaps) then a .vsix made by @vscode/vsce, both in
// a staging folder (the working tree's dist/ stays the development build).
// The extension is one esbuild bundle (yaml, ajv, d3… inside), so vsce runs with --no-dependencies and
// node_modules stays out; .vscodeignore keeps sources, tests and caches out. Never prompts (CI-safe).
//
// Usage: node scripts/package.mjs [--out FILE] [--skip-build]
import { spawn } from 'node:child_process';
import {
  copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SIZE_TARGET_BYTES = 2 * 1024 * 1024;

function run(cmd, args, { timeoutMs = 300_000, cwd = repoRoot } = {}) {
  return new Promise((resolveRun, reject) => {
    // stdin closed: should vsce ever ask a question, it reads EOF and stops instead of waiting forever.
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolveRun();
      else reject(new Error(`${[cmd, ...args].join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** The entry names of a .vsix (a zip), read from its central directory. */
export function listVsix(file) {
  const buf = readFileSync(file);
  // End-of-central-directory record: signature 0x06054b50, searched backwards (a comment may follow it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry`);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Paths that must never ship: sources, tests, caches, sourcemaps, dependencies (the bundle has them). */
export function forbiddenEntries(entries) {
  const bad = /^extension\/(src|test|out|node_modules|bench|scripts|webview|\.vscode-test|test-results|docs\/(?!images\/))\/|\.map$|\.ts$/;
  return entries.map((e) => e.name).filter((n) => bad.test(n));
}

/**
 * Builds the .vsix and returns { file, bytes, entries }. Everything happens in a private staging folder:
 * the production build writes its own dist/ there, so the working tree's development dist/ is left alone
 * (and a concurrent `npm run build` in the tree cannot slip unminified bundles into the package).
 */
export async function packageExtension({ out, skipBuild = false } = {}) {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const file = resolve(out ?? join(repoRoot, `${pkg.name}-${pkg.version}.vsix`));
  const stage = mkdtempSync(join(tmpdir(), 'kpv-package-'));
  try {
    if (skipBuild) {
      cpSync(join(repoRoot, 'dist'), join(stage, 'dist'), { recursive: true });
    } else {
      // build.mjs works relative to its cwd: give it the sources (and node_modules for esbuild) by links.
      const links = ['src', 'webview', 'node_modules'];
      for (const d of links) symlinkSync(join(repoRoot, d), join(stage, d), 'dir');
      copyFileSync(join(repoRoot, 'tsconfig.json'), join(stage, 'tsconfig.json'));
      try {
        await run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--production'], { cwd: stage });
      } finally {
        for (const d of links) unlinkSync(join(stage, d)); // the links only, never what they point to
        rmSync(join(stage, 'out'), { recursive: true, force: true });
        rmSync(join(stage, 'tsconfig.json'), { force: true });
      }
    }
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore']) {
      if (existsSync(join(repoRoot, f))) copyFileSync(join(repoRoot, f), join(stage, f));
    }
    for (const d of ['schemas', 'media']) cpSync(join(repoRoot, d), join(stage, d), { recursive: true });
    // The screenshots README.md shows: the extension's details page renders the packaged README, and relative
    // images resolve inside the package (.vscodeignore keeps only these out of docs/).
    for (const image of readmeImages(readFileSync(join(repoRoot, 'README.md'), 'utf8'))) {
      if (!existsSync(join(repoRoot, image))) throw new Error(`README.md shows ${image}, which does not exist`);
      mkdirSync(dirname(join(stage, image)), { recursive: true });
      copyFileSync(join(repoRoot, image), join(stage, image));
    }

    const main = join(stage, pkg.main ?? 'dist/extension.js');
    if (!existsSync(main)) throw new Error(`${pkg.main} was not built: is src/extension/extension.ts there?`);
    // Runtime dependencies must be inside the bundles the extension host loads (dist/extension.js and any
    // lazily required sibling such as the engine): the .vsix carries no node_modules.
    for (const f of readdirSync(join(stage, 'dist')).filter((n) => n.endsWith('.js') && n !== 'webview.js' && n !== 'cli.js')) {
      // Only call sites count: ajv keeps `require("ajv/dist/runtime/…")` inside string templates for its
      // standalone code generation, which a quote or backtick right before `require` gives away.
      const unbundled = [...readFileSync(join(stage, 'dist', f), 'utf8').matchAll(/(?<![`'"\w$.])require\(["']([^"'./][^"']*)["']\)/g)]
        .map((m) => m[1]).filter((m) => m !== 'vscode' && !m.startsWith('node:') && !isBuiltin(m));
      if (unbundled.length) throw new Error(`dist/${f} requires packages that are not bundled: ${[...new Set(unbundled)].join(', ')}`);
    }

    mkdirSync(dirname(file), { recursive: true });
    rmSync(file, { force: true });
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository',
      '--no-rewrite-relative-links', '--out', file], { cwd: stage });
    if (!existsSync(file)) throw new Error(`vsce did not write ${file}`);
    const entries = listVsix(file);
    const bad = forbiddenEntries(entries);
    if (bad.length) throw new Error(`${file} contains files that should be ignored:\n  ${bad.join('\n  ')}`);
    return { file, bytes: statSync(file).size, entries };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Relative image paths a Markdown text shows (`![alt](path)`), without URLs. */
export function readmeImages(markdown) {
  return [...new Set([...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]).filter((p) => !/^[a-z]+:/i.test(p)))];
}

function isBuiltin(name) { return builtinModules.includes(name) || builtinModules.includes(name.split('/')[0]); }

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outAt = process.argv.indexOf('--out');
  try {
    const { file, bytes, entries } = await packageExtension({
      out: outAt > 0 ? process.argv[outAt + 1] : undefined,
      skipBuild: process.argv.includes('--skip-build'),
    });
    const biggest = [...entries].sort((a, b) => b.size - a.size).slice(0, 6);
    console.log(`\npackage: ${file}`);
    console.log(`package: ${(bytes / 1024).toFixed(0)} KB compressed, ${entries.length} files ` +
      `(target < ${SIZE_TARGET_BYTES / 1024 / 1024} MB: ${bytes < SIZE_TARGET_BYTES ? 'met' : 'NOT met'})`);
    for (const e of biggest) console.log(`  ${(e.size / 1024).toFixed(0).padStart(6)} KB  ${e.name}`);
  } catch (err) {
    console.error(`package: ${err?.message ?? err}`);
    process.exit(1);
  }
}
