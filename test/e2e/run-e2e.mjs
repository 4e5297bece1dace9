// The `e2e` suite of `npm test`: mocha (spec reporter, so "N passing"/"N failing" reach stdout) over
// test/e2e/*.e2e.mjs — UI tests driving code-server's workbench in Chromium, and the .vsix smoke test.
//
// Usage: node test/e2e/run-e2e.mjs [--grep PATTERN] [file.e2e.mjs...]
// Env: KUBE_PREVIEW_VERBOSE=1 (relay code-server and page logs), KUBE_PREVIEW_KEEP_RUN=1 (keep /tmp run folders).
import { readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { hardTimeout, cleanupAll } from '../vscode/code-server.mjs';
import { ensureVscodeTest } from '../vscode/setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OVERALL_TIMEOUT_MS = Number(process.env.KUBE_PREVIEW_E2E_TIMEOUT_MS) || 10 * 60_000;
const started = Date.now();
let stopTimer = () => undefined;

const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;
const named = args.filter((a, i) => a.endsWith('.e2e.mjs') && (grepAt < 0 || i !== grepAt + 1));
const files = named.length ? named.map((f) => resolve(f)) : readdirSync(here).filter((f) => f.endsWith('.e2e.mjs')).sort().map((f) => join(here, f));

let code = 1;
try {
  // Install (or reuse) code-server before the clock of the first test starts.
  await ensureVscodeTest({ log: (m) => console.log(m) });
  stopTimer = hardTimeout(OVERALL_TIMEOUT_MS, () => 'e2e suite did not finish');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000, slow: 20_000 });
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const failures = await new Promise((res) => mocha.run(res));
  code = failures > 0 ? 1 : 0;
} catch (err) {
  console.error(`e2e: ${err?.stack ?? err}`);
  console.log('\n  0 passing\n  1 failing');
  code = 1;
} finally {
  stopTimer();
  await cleanupAll();
}
console.log(`e2e: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
