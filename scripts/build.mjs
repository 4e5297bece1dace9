// Builds the bundles (extension, CLI, webview) and a file-by-file transpiled copy of src/, webview/ and
// test/ under out/ that mocha runs. `--watch` keeps rebuilding; `--production` minifies without sourcemaps.
// A file that fails to transpile is reported and makes the build exit 1, but the rest are still written,
// so one broken module does not stop every other suite from running during development.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, readFileSync, writeFileSync, mkdirSync, existsSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { generateValidators, VALIDATOR_VERSIONS } from './gen-validators.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'error', target: 'es2022' };
const bundles = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // the extension's engine, loaded on first use by src/extension/lazy.ts (keeps dist/extension.js small)
  { ...common, entryPoints: ['src/extension/engine-bundle.ts'], outfile: 'dist/engine.js', platform: 'node', format: 'cjs' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
].filter((c) => existsSync(c.entryPoints[0]));

let failures = 0;
function transpileTree() {
  for (const file of [...walk('src'), ...walk('webview'), ...walk('test')]) {
    const target = join('out', file.replace(/\.ts$/, '.js'));
    try {
      const { code } = esbuild.transformSync(readFileSync(file, 'utf8'), {
        loader: 'ts', format: 'cjs', platform: 'node', target: 'es2022', sourcemap: 'inline', sourcefile: file,
      });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    } catch (err) {
      failures++;
      console.error(`transpile failed: ${file}\n${err.message}`);
    }
  }
}

// The webview's icons: the real codicon font and its stylesheet (@vscode/codicons), served from dist/codicons/
// (the panel's localResourceRoots) and inlined by `simulate --html`. Its licence (CC-BY-4.0) travels with it.
function copyCodicons() {
  const from = join('node_modules', '@vscode', 'codicons');
  try {
    mkdirSync(join('dist', 'codicons'), { recursive: true });
    for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join(from, 'dist', f), join('dist', 'codicons', f));
    copyFileSync(join(from, 'LICENSE'), join('dist', 'codicons', 'LICENSE'));
  } catch (err) {
    failures++;
    console.error(`codicons: ${err.message} (is @vscode/codicons installed? run npm ci)`);
  }
}

// Built-in kinds' validators compiled ahead of time (scripts/gen-validators.mjs, skipped when up to date), then
// bundled with Ajv's runtime helpers into dist/validators-v<version>.js, loaded on first lint (fs-loader.ts).
async function buildValidators() {
  if (!existsSync('out/src/validation/schema/ajv-instance.js')) return;
  try {
    const generated = generateValidators('out', VALIDATOR_VERSIONS);
    await Promise.all(generated.map((entry, i) => esbuild.build({
      ...common, sourcemap: false, entryPoints: [entry], outfile: `dist/validators-v${VALIDATOR_VERSIONS[i]}.js`, platform: 'node', format: 'cjs',
    })));
  } catch (err) {
    failures++;
    console.error(`validators: ${err.message}`);
  }
}

if (watch) {
  copyCodicons();
  for (const c of bundles) (await esbuild.context(c)).watch();
  console.log('watching bundles… (run `npm run build` to refresh out/ for tests)');
} else {
  const results = await Promise.allSettled(bundles.map((c) => esbuild.build(c)));
  for (const r of results) if (r.status === 'rejected') { failures++; console.error(String(r.reason?.message ?? r.reason)); }
  transpileTree();
  copyCodicons();
  await buildValidators();
  if (failures) { console.error(`build: ${failures} failure(s)`); process.exit(1); }
}
