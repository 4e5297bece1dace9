// Runs every test suite and prints one closing line, `N passed, N failed`, totalled over all suites
// (CI reads that line). Usage: node scripts/run-tests.mjs [suite...]; suites: unit webview vscode e2e.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const mocha = 'node_modules/mocha/bin/mocha.js';
const suites = {
  unit: [process.execPath, [mocha, '--recursive', '--timeout', '60000', 'out/test/unit']],
  webview: [process.execPath, [mocha, '--recursive', '--timeout', '120000', 'out/test/webview']],
  vscode: [process.execPath, ['test/vscode/run-code-server.mjs']],
  e2e: [process.execPath, ['test/e2e/run-e2e.mjs']],
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(suites);

function run(name, [cmd, args]) {
  return new Promise((resolve) => {
    console.log(`\n=== suite: ${name} ===`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (stream, sink) => stream.on('data', (d) => { out += d; sink.write(d); });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code) => {
      // mocha's spec reporter (also relayed by the VS Code harnesses) ends with "N passing" / "N failing".
      const count = (re) => [...out.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);
      const passed = count(/^\s*(\d+) passing/gm);
      let failed = count(/^\s*(\d+) failing/gm);
      if (code !== 0 && failed === 0) failed = 1; // the suite broke before reporting: count it as a failure
      resolve({ name, passed, failed, code });
    });
  });
}

const results = [];
for (const name of wanted) {
  const suite = suites[name];
  if (!suite) { console.error(`unknown suite ${name}`); process.exit(2); }
  const script = suite[1][0];
  if (!script.startsWith('out/') && !existsSync(script) && name !== 'unit') {
    console.log(`\n=== suite: ${name} === (not present)`);
    continue;
  }
  results.push(await run(name, suite));
}
console.log('\nsuite totals:');
for (const r of results) console.log(`  ${r.name.padEnd(8)} ${r.passed} passed, ${r.failed} failed (exit ${r.code})`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
