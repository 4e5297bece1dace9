// Lint benchmark (issue 2 "Speed", issue 5 "Speed"): prints figures, never asserts.
//   node scripts/build.mjs && node --expose-gc bench/lint.mjs [--write]
// For argo-cd's install.yaml (34k lines) and prometheus-operator's bundle.yaml (70k lines): parse time (ours
// and a bare `yaml` parse, the latter both cold in a fresh process and warm), cold validation (schema load +
// validate with the build-time validators, and with Ajv compiling at run time as before them, in a fresh process), warm
// re-validation of the whole file, the cost of a one-character edit in one Deployment through the lint engine
// (schema only, and with every rule and the simulation), memory. Then every rule incl. the simulated ones over
// argo-cd and over the whole corpus, and the CLI's wall time on the whole corpus against a Node process that
// only parses the same files with `yaml`. `--write` replaces the lint section of docs/performance.md.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
const require = createRequire(import.meta.url);
const out = (p) => join(root, 'out', 'src', p);

const { parseManifests } = require(out('manifests/parse.js'));
const { LintEngine } = require(out('validation/engine.js'));
const { SchemaValidator } = require(out('validation/schema/validator.js'));
const { createFsSchemaLoader } = require(out('validation/schema/fs-loader.js'));
const YAML = require('yaml');

const schemas = join(root, 'schemas');
const VERSION = '1.34';
const FILES = [
  { label: 'argo-cd install.yaml', path: join(corpus, 'argo-cd/manifests/install.yaml') },
  { label: 'prometheus-operator bundle.yaml', path: join(corpus, 'prometheus-operator/bundle.yaml') },
];

const now = () => performance.now();
const gc = () => { if (globalThis.gc) { globalThis.gc(); globalThis.gc(); } };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms';
const mb = (b) => (b / (1024 * 1024)).toFixed(0) + ' MB';
const lines = (t) => t.split('\n').length;

/** CPU time of this process (user + sys) in ms: on a shared machine it moves less than wall time. */
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function time(fn, runs) {
  const xs = [];
  const cs = [];
  let result;
  for (let i = 0; i < runs; i++) { const c0 = cpuNow(); const t0 = now(); result = fn(); xs.push(now() - t0); cs.push(cpuNow() - c0); }
  return { median: median(xs), cpu: median(cs), result };
}
/** "wall (cpu)" */
const wc = (x) => `${ms(x.median)} (${ms(x.cpu)})`;

/** A one-character edit inside the first Deployment: a letter appended to its first container's name. */
function editedVariant(text) {
  const d = text.indexOf('\nkind: Deployment\n');
  if (d < 0) throw new Error('no Deployment');
  const i = text.indexOf('- name: ', text.indexOf('containers:', d));
  const eol = text.indexOf('\n', i);
  return text.slice(0, eol) + 'x' + text.slice(eol);
}

// --- child mode: one cold measurement in a fresh process -------------------------------------------
// Modes: bare (YAML.parseAllDocuments only), validator / validator-runtime (parse, then load the schemas and
// validate every document with the build-time validators / with Ajv compiling at run time), engine-schema /
// engine-full (LintEngine setFile + lint, schema only / everything), engine-schema-runtime (schema only,
// without the build-time validators: the first lint as it was before them).
if (process.argv[2] === '--cold') {
  const file = process.argv[3];
  const mode = process.argv[4];
  const text = readFileSync(file, 'utf8');
  const runtimeCompile = mode.endsWith('-runtime');
  const loader = createFsSchemaLoader(schemas);
  if (runtimeCompile) delete loader.precompiled;
  const t0 = now();
  const c0 = cpuNow();
  if (mode === 'bare') {
    const docs = YAML.parseAllDocuments(text);
    console.log(JSON.stringify({ total: now() - t0, cpu: cpuNow() - c0, docs: Array.isArray(docs) ? docs.length : 0 }));
  } else if (mode.startsWith('validator')) {
    const parsed = parseManifests(file, text);
    const t1 = now();
    const c1 = cpuNow();
    const v = new SchemaValidator(loader, VERSION);
    v.setCrds(parsed.manifests.filter((m) => m.object.kind === 'CustomResourceDefinition'));
    let n = 0;
    for (const m of parsed.manifests) n += v.validate(m).length;
    const t2 = now();
    console.log(JSON.stringify({ parse: t1 - t0, validate: t2 - t1, validateCpu: cpuNow() - c1, findings: n, cpu: cpuNow() - c0 }));
  } else {
    const full = mode === 'engine-full';
    const e = new LintEngine({ loader, kubernetesVersion: VERSION, rules: full, simulation: full });
    e.setFile(file, text);
    const parseCpu = cpuNow() - c0;
    const map = e.lint();
    const total = now() - t0;
    const cpu = cpuNow() - c0;
    gc();
    const mem = process.memoryUsage();
    console.log(JSON.stringify({ total, cpu, parseCpu, lintCpu: cpu - parseCpu, timings: e.timings, findings: [...map.values()].flat().length, heapUsed: mem.heapUsed, rss: mem.rss }));
  }
  process.exit(0);
}

/**
 * One fresh process per run, the modes interleaved (bare, engine, bare, engine...) so that each sees the same
 * load; per mode, the run with the median CPU time (fresh processes are noisy on a shared machine).
 */
function coldRuns(file, modes, runs = 3) {
  const results = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) {
    for (const mode of modes) {
      const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--cold', file, mode], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      results[mode].push(JSON.parse(r.stdout.trim().split('\n').pop()));
    }
  }
  for (const m of modes) results[m].sort((a, b) => a.cpu - b.cpu);
  return Object.fromEntries(modes.map((m) => [m, results[m][Math.floor(runs / 2)]]));
}

function corpusFiles() {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (['.yaml', '.yml', '.json'].includes(extname(name).toLowerCase()) && !['EXPECTED.json', 'INDEX.json'].includes(name)) found.push(p);
    }
  };
  walk(corpus);
  return found;
}

const report = [];
const say = (s = '') => { console.log(s); report.push(s); };

say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, Kubernetes schema v${VERSION}; load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}.`);
say('Times are wall clock, with this process\'s CPU time (user+sys) in parentheses where measured: the machine is shared, and CPU time is what a quiet machine would show as wall time (within GC helper threads).');
say();
say('| file | lines | docs | bare `yaml` parse, cold (fresh process) | bare `yaml` parse, warm | our parse, warm | cold validation: load + validate (build-time validators / Ajv compiling at run time), CPU | warm re-validation | one-char edit, schema | one-char edit, schema+rules+simulation | first lint via engine, schema only (before: run-time compile) | first lint, full | first lint (schema) ÷ cold bare parse, CPU | memory after lint (heap / rss) |');
say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');

for (const f of FILES) {
  const text = readFileSync(f.path, 'utf8');
  const colds = coldRuns(f.path, ['bare', 'engine-schema', 'engine-schema-runtime', 'validator', 'validator-runtime', 'engine-full']);
  const bareCold = colds.bare;
  const c = colds.validator;
  const cRuntime = colds['validator-runtime'];
  const coldSchema = colds['engine-schema'];
  const coldSchemaRuntime = colds['engine-schema-runtime'];
  const coldFull = colds['engine-full'];
  YAML.parseAllDocuments(text); // warm-up: the figure below is a warm parse
  const bare = time(() => YAML.parseAllDocuments(text), 3);
  const ours = time(() => parseManifests(f.path, text), 3);
  const docs = ours.result.manifests.length;

  // Warm re-validation: every manifest through an already compiled validator.
  const v = new SchemaValidator(createFsSchemaLoader(schemas), VERSION);
  v.setCrds(ours.result.manifests.filter((m) => m.object.kind === 'CustomResourceDefinition'));
  for (const m of ours.result.manifests) v.validate(m);
  const warm = time(() => { for (const m of ours.result.manifests) v.validate(m); }, 5);

  // One-character edits through the engine, alternating two texts (each call sees a real change).
  const edited = editedVariant(text);
  const editCost = (full) => {
    const e = new LintEngine({ loader: createFsSchemaLoader(schemas), kubernetesVersion: VERSION, rules: full, simulation: full });
    e.setFile(f.path, text);
    e.lint();
    const xs = [];
    const cs = [];
    for (let i = 0; i < 21; i++) {
      const c0 = cpuNow();
      const t0 = now();
      e.setFile(f.path, i % 2 ? text : edited);
      e.lint();
      xs.push(now() - t0);
      cs.push(cpuNow() - c0);
    }
    return { median: median(xs), cpu: median(cs), timings: e.timings };
  };
  const editSchema = editCost(false);
  const editFull = editCost(true);
  const ratio = (coldSchema.cpu / bareCold.cpu).toFixed(2);
  say(`| ${f.label} | ${lines(text).toLocaleString('en')} | ${docs} | ${ms(bareCold.total)} (${ms(bareCold.cpu)}) | ${wc(bare)} | ${wc(ours)} | ${ms(c.validateCpu)} / ${ms(cRuntime.validateCpu)} | ${wc(warm)} | ${wc(editSchema)} | ${wc(editFull)} | ${ms(coldSchema.total)} (${ms(coldSchema.cpu)}) (before: ${ms(coldSchemaRuntime.total)} (${ms(coldSchemaRuntime.cpu)})) | ${ms(coldFull.total)} (${ms(coldFull.cpu)}) | ${ratio}× (before: ${(coldSchemaRuntime.cpu / bareCold.cpu).toFixed(2)}×) | ${mb(coldFull.heapUsed)} / ${mb(coldFull.rss)} |`);
  const t = editFull.timings;
  f.editBreakdown = `one-char edit breakdown (last run): parse ${ms(t.parse)}, schema ${ms(t.schema)}, simulation ${ms(t.simulate)}, rules ${ms(t.rules)}`;
  f.coldBreakdown = `cold bare parse ${ms(bareCold.cpu)} CPU; first lint, schema only, CPU: parse ${ms(coldSchema.parseCpu)}, schema ${ms(coldSchema.lintCpu)} (before the build-time validators: parse ${ms(coldSchemaRuntime.parseCpu)}, schema ${ms(coldSchemaRuntime.lintCpu)}); first full lint, wall: parse ${ms(coldFull.timings.parse)}, schema ${ms(coldFull.timings.schema)}, simulation ${ms(coldFull.timings.simulate)}, rules ${ms(coldFull.timings.rules)}`;
}
say();
for (const f of FILES) say(`${f.label}: ${f.coldBreakdown}; ${f.editBreakdown}.`);

// --- all rules including the simulated ones ---------------------------------------------------------
function wholeSet(paths) {
  const e = new LintEngine({ loader: createFsSchemaLoader(schemas), kubernetesVersion: VERSION });
  const texts = paths.map((p) => [p, readFileSync(p, 'utf8')]);
  const t0 = now();
  for (const [p, t] of texts) e.setFile(p, t);
  const first = e.lint();
  const firstTime = now() - t0;
  const t = e.timings;
  // Warm: rules + simulation again over the unchanged set (a change in another file forces them).
  const probe = paths[0];
  const xs = [];
  for (let i = 0; i < 5; i++) {
    e.setFile(probe, texts[0][1] + (i % 2 ? '' : '\n# touched\n'));
    e.lint();
    xs.push({ rules: e.timings.rules, simulate: e.timings.simulate });
  }
  const findings = [...first.values()].flat();
  return {
    docs: e.manifests().length, findings: findings.length, errors: findings.filter((f) => f.severity === 'error').length,
    firstTime, first: t, rules: median(xs.map((x) => x.rules)), simulate: median(xs.map((x) => x.simulate)),
  };
}
// `--no-corpus` stops after the per-file table (a quicker run while working on the parser or the schemas).
if (!process.argv.includes('--no-corpus')) {
  const argo = wholeSet([FILES[0].path]);
  const all = corpusFiles();
  const whole = wholeSet(all);
  say();
  say('| resource set | files | resources | first lint (parse+schema+simulation+rules) | rules (warm) | simulation (warm) | findings (errors) |');
  say('|---|---:|---:|---:|---:|---:|---:|');
  say(`| argo-cd install.yaml | 1 | ${argo.docs} | ${ms(argo.firstTime)} | ${ms(argo.rules)} | ${ms(argo.simulate)} | ${argo.findings} (${argo.errors}) |`);
  say(`| whole ../shared/corpus | ${all.length} | ${whole.docs} | ${ms(whole.firstTime)} | ${ms(whole.rules)} | ${ms(whole.simulate)} | ${whole.findings} (${whole.errors}) |`);

  // --- CLI wall time vs a bare parse of the same files -------------------------------------------------
  const cli = join(root, 'dist', 'cli.js');
  const bareScript = `
  const fs = require('fs'), path = require('path'), YAML = require(${JSON.stringify(require.resolve('yaml'))});
  const walk = (d, o) => { for (const n of fs.readdirSync(d).sort()) { const p = path.join(d, n); if (fs.statSync(p).isDirectory()) walk(p, o); else if (/\\.(ya?ml|json)$/i.test(n)) o.push(p); } return o; };
  let docs = 0; for (const f of walk(process.argv[1], [])) docs += YAML.parseAllDocuments(fs.readFileSync(f, 'utf8')).length;
  console.log(docs);`;
  // Wall time, and CPU time (user + sys, via /usr/bin/time when present) which is steadier on a shared machine.
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  function wall(args) {
    const walls = [];
    const cpus = [];
    for (let i = 0; i < 3; i++) {
      const t0 = now();
      const r = timeBin
        ? spawnSync(timeBin, ['-f', 'KPCPU %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
        : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      walls.push(now() - t0);
      if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')}: ${r.stderr}`);
      const m = /KPCPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
      if (m) cpus.push((Number(m[1]) + Number(m[2])) * 1000);
    }
    return { wall: median(walls), cpu: cpus.length ? median(cpus) : NaN };
  }
  if (existsSync(cli)) {
    const bare = wall(['-e', bareScript, corpus]);
    const full = wall([cli, 'lint', '--format', 'json', corpus]);
    const noSim = wall([cli, 'lint', '--no-simulation', '--format', 'json', corpus]);
    const row = (label, x) => `| ${label} | ${ms(x.wall)} | ${(x.wall / bare.wall).toFixed(2)}× | ${Number.isNaN(x.cpu) ? '-' : ms(x.cpu)} | ${Number.isNaN(x.cpu) ? '-' : (x.cpu / bare.cpu).toFixed(2) + '×'} |`;
    say();
    say('| whole corpus (median of 3 runs) | wall time | wall ratio | CPU time (user+sys) | CPU ratio |');
    say('|---|---:|---:|---:|---:|');
    say(row('node + `yaml` parseAllDocuments of every file (baseline)', bare));
    say(row('`kube-preview lint` (schema + rules + simulation)', full));
    say(row('`kube-preview lint --no-simulation`', noSim));
    say();
    say(`Load average during the run: ${os.loadavg().map((x) => x.toFixed(1)).join(', ')} (2 cores shared by the team: wall times are inflated when it is high; CPU times are steadier).`);
  } else {
    say('(dist/cli.js missing: run node scripts/build.mjs for the CLI wall-time comparison)');
  }
}

if (process.argv.includes('--write')) {
  const doc = join(root, 'docs', 'performance.md');
  const start = '<!-- bench/lint.mjs:start -->';
  const end = '<!-- bench/lint.mjs:end -->';
  const current = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
  const block = `${start}\n_Measured ${new Date().toISOString().slice(0, 10)} with \`node --expose-gc bench/lint.mjs\`._\n\n${report.join('\n')}\n${end}`;
  if (current.includes(start) && current.includes(end)) {
    writeFileSync(doc, current.slice(0, current.indexOf(start)) + block + current.slice(current.indexOf(end) + end.length));
    console.log(`\nupdated ${doc}`);
  } else {
    console.log(`\n${doc} has no ${start} marker: not written`);
  }
}
