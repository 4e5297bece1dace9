// The `vscode` suite of `npm test`: runs the mocha suites of test/vscode/suite inside the extension host of a
// real VS Code (code-server 4.139.1 = VS Code 1.139.1) with this repository as the extension under
// development. No internet needed. Exit code = suite result; mocha's spec output reaches stdout.
//
// Usage: node test/vscode/run-code-server.mjs [--grep PATTERN]
// Env: KUBE_PREVIEW_VERBOSE=1 relays code-server's own log; KUBE_PREVIEW_KEEP_RUN=1 keeps the /tmp run folder.
import { existsSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  repoRoot, makeRunDir, startCodeServer, launchBrowser, workbenchUrl, copyWorkspace, hardTimeout, cleanupAll, tail, verbose,
} from './code-server.mjs';
import { ensureVscodeTest } from './setup.mjs';

const OVERALL_TIMEOUT_MS = Number(process.env.KUBE_PREVIEW_VSCODE_TIMEOUT_MS) || 8 * 60_000;
const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1);
let phase = 'setup';
// The deadline covers the run, not a first-time install (setup bounds each npm install on its own).
let stopTimer = () => undefined;

function fail(message) {
  console.error(`vscode suite: ${message}`);
  // Count as one failure in the runner's totals even though mocha never ran.
  console.log('\n  0 passing\n  1 failing');
  return 1;
}

async function main() {
  const grepAt = process.argv.indexOf('--grep');
  const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;

  await ensureVscodeTest({ log: (m) => console.log(m) });
  stopTimer = hardTimeout(OVERALL_TIMEOUT_MS, () => `vscode suite stuck in phase "${phase}"`);

  const testsIndex = join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js');
  const extensionMain = join(repoRoot, 'dist', 'extension.js');
  if (!existsSync(testsIndex)) return fail(`${testsIndex} missing: run \`node scripts/build.mjs\` first`);
  if (!existsSync(extensionMain)) {
    return fail(`${extensionMain} missing: the extension bundle was not built (does src/extension/extension.ts exist? run \`node scripts/build.mjs\`)`);
  }
  if (statSync(extensionMain).mtimeMs + 1000 < newestMtime(join(repoRoot, 'src'))) {
    console.log('vscode suite: note: dist/extension.js is older than src/: run `node scripts/build.mjs` to test the current code');
  }

  phase = 'start code-server';
  const runDir = makeRunDir();
  const mochaLog = join(runDir, 'mocha.log');
  writeFileSync(mochaLog, '');
  const workspace = copyWorkspace(join(repoRoot, 'test', 'fixtures', 'workspace'), runDir);
  const server = await startCodeServer(runDir, {
    env: {
      KUBE_PREVIEW_TEST_LOG: mochaLog,
      KUBE_PREVIEW_VSCODE_HOST: 'code-server',
      ...(grep ? { KUBE_PREVIEW_TEST_GREP: grep } : {}),
    },
  });
  console.log(`vscode suite: code-server on ${server.origin} (${secs()} s), workspace ${workspace}`);

  phase = 'open workbench';
  const browser = await launchBrowser();
  const page = await browser.newPage();
  // Relay the mocha report as it is written, unprefixed: these are the lines the runner totals.
  let relayed = 0;
  const relay = () => {
    const text = readFileSync(mochaLog, 'utf8');
    if (text.length > relayed) { process.stdout.write(text.slice(relayed)); relayed = text.length; }
  };
  const relayTimer = setInterval(relay, 250);

  const exitCode = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (code, logs) => {
      // The workbench hands over its log files too: keep them for a failing run.
      if (code !== 0 && Array.isArray(logs)) saveLogs(logs, server.logFile);
      resolve(Number(code));
    });
  });
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    // Everything the workbench logs, prefixed so that copies of mocha's lines are not counted twice.
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    if (verbose || level === 'error') process.stdout.write(text.replace(/^/gm, `  [vscode ${level}] `) + '\n');
  });
  page.on('pageerror', (err) => { if (verbose) console.log(`  [page error] ${err.message}`); });

  const url = workbenchUrl(server.port, {
    folder: workspace,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsIndex,
  });
  await page.goto(url);
  console.log(`vscode suite: workbench opened (${secs()} s), running the suites in the extension host…`);

  phase = 'run suites';
  let finished = false;
  const code = await Promise.race([
    exitCode,
    server.exited.then((how) => {
      if (finished) return 1; // stopped by the cleanup after the run: not news
      console.log(`vscode suite: code-server ended during the run (${JSON.stringify(how)}):\n${tail(server.logFile)}`);
      return 1;
    }),
  ]);
  finished = true;
  clearInterval(relayTimer);
  relay();
  if (!readFileSync(mochaLog, 'utf8').match(/^\s*\d+ (passing|failing)/m)) {
    // The extension host ended without a report (crash, runner not loaded): say so and count a failure.
    console.log(`vscode suite: the extension host exited with ${code} without a mocha report. code-server log:\n${tail(server.logFile)}`);
    console.log('\n  0 passing\n  1 failing');
  }
  console.log(`vscode suite: done in ${secs()} s (exit ${code})`);
  return code === 0 ? 0 : 1;
}

function saveLogs(logs, serverLog) {
  try {
    const dir = join(repoRoot, 'test-results', 'vscode');
    mkdirSync(dir, { recursive: true });
    for (const { relativePath, contents } of logs) {
      const name = String(relativePath).replace(/[\\/]/g, '__');
      writeFileSync(join(dir, name), contents);
    }
    copyFileSync(serverLog, join(dir, 'code-server.log'));
    console.log(`vscode suite: logs saved under test-results/vscode/`);
  } catch { /* logs are a courtesy */ }
}

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    let entries;
    try { entries = readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  code = fail(`${phase}: ${err?.stack ?? err}`);
} finally {
  stopTimer();
  await cleanupAll();
}
process.exit(code);
