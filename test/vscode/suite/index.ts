// The mocha runner that VS Code loads inside the extension host (extensionTestsPath). VS Code calls `run()`
// and reports its outcome: code-server through the page's `codeAutomationExit` hook, @vscode/test-electron
// through the exit code of the VS Code process. Every `*.test.js` next to this file is loaded (BDD), or those
// of the folder in KUBE_PREVIEW_TEST_DIR.
//
// The spec reporter's lines must reach the stdout of the harness, which sums their "N passing"/"N failing":
// - with @vscode/test-electron the extension host's console is the terminal, so console.log is enough;
// - with code-server the extension host is a child of the server, so the harness passes a file path in
//   KUBE_PREVIEW_TEST_LOG and relays the lines written there (console output is relayed too, but prefixed,
//   so the totals are counted once).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Options the harnesses pass through the environment of the VS Code process. */
function options() {
  const env = process.env;
  return {
    logFile: env.KUBE_PREVIEW_TEST_LOG || undefined,
    grep: env.KUBE_PREVIEW_TEST_GREP || undefined,
    timeout: Number(env.KUBE_PREVIEW_TEST_TIMEOUT) || 60_000,
    // Another folder of *.test.js to run instead of this one (the .vsix smoke test reuses this runner).
    dir: env.KUBE_PREVIEW_TEST_DIR || __dirname,
  };
}

export async function run(): Promise<void> {
  const opts = options();
  const write = (line: string): void => {
    console.log(line);
    if (opts.logFile) fs.appendFileSync(opts.logFile, line + '\n');
  };

  // Route the reporter's output through `write`, uncoloured (the lines are parsed by the harness).
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; useColors: boolean };
  const previousLog = base.consoleLog;
  base.useColors = false;
  base.consoleLog = (...args: unknown[]) => write(format(...args));

  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: opts.timeout, slow: 5_000 });
  if (opts.grep) mocha.grep(opts.grep);

  try {
    const files = fs.readdirSync(opts.dir).filter((f) => f.endsWith('.test.js')).sort();
    if (files.length === 0) throw new Error(`no *.test.js suites in ${opts.dir} (did the build run?)`);
    for (const f of files) mocha.addFile(path.join(opts.dir, f));
    // Plain require() (not mocha's ESM loader) so that `require('vscode')` in the suites goes through the
    // extension host's module interceptor. A suite that throws while loading lands in the catch below.
    // @types/mocha marks loadFiles protected and lacks lazyLoadFiles, both public in mocha's own API docs.
    const loader = mocha as unknown as { loadFiles(): void; lazyLoadFiles(on: boolean): void };
    loader.loadFiles();
    loader.lazyLoadFiles(true); // already loaded: run() must not require them a second time
    const failures = await new Promise<number>((resolve) => {
      mocha.run((n) => resolve(n));
    });
    if (failures > 0) throw new Error(`${failures} test(s) failed`);
  } catch (err) {
    const e = err as Error;
    // A suite that cannot even load must still show up as a failure in the totals, not as silence.
    if (!/test\(s\) failed$/.test(e.message)) {
      write(`vscode suite runner error: ${e.stack ?? e.message}`);
      write('');
      write('  0 passing');
      write('  1 failing');
    }
    throw e;
  } finally {
    base.consoleLog = previousLog;
  }
}
