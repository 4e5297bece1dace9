// End-to-end: the real bundle (node dist/cli.js, built by `node scripts/build.mjs`) on fixture files and on
// the shared corpus. Checks exit codes, every output format, stdin, folders and the simulate command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseXml, findAll } from '../validation/report/xml-check';

const repoRoot = path.resolve(__dirname, '../../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

interface Run { code: number | null; stdout: string; stderr: string }

function run(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? fixtures,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding { ruleId: string; severity: string; message: string; path: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; resource: unknown }
const findingsOf = (r: Run): JsonFinding[] => (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;

describe('cli end-to-end (dist/cli.js)', function () {
  this.timeout(180000);

  before(function () {
    if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run node scripts/build.mjs first');
  });

  describe('general', () => {
    it('--version and --help exit 0; no command is a usage error', () => {
      const v = run(['--version']);
      assert.equal(v.code, 0);
      assert.match(v.stdout, /^kube-preview \d+\.\d+\.\d+\n$/);
      const h = run(['--help']);
      assert.equal(h.code, 0);
      assert.match(h.stdout, /lint/);
      assert.match(run(['lint', '--help']).stdout, /--kubernetes-version/);
      assert.match(run(['simulate', '-h']).stdout, /--seed/);
      const none = run([]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /Usage: kube-preview/);
    });

    it('usage errors exit 2 with a message and no stack trace', () => {
      for (const args of [['lint', '--format', 'xml', 'valid.yaml'], ['lint', '--kubernetes-version', '1.10'], ['frobnicate'], ['simulate', '--seed', 'abc'], ['lint', '--config', 'nope.yaml', 'valid.yaml']]) {
        const r = run(args);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.stderr, /^kube-preview: /);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      }
    });
  });

  describe('lint', () => {
    it('exit 0 for a clean file, text summary', () => {
      const r = run(['lint', 'valid.yaml']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^0 errors, \d+ warnings?, \d+ info in 1 file \(2 resources\)$/m);
    });

    it('exit 1 with compiler-style lines (1-based) when a finding is an error', () => {
      const r = run(['lint', 'invalid.yaml']);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^invalid\.yaml:7:3 error schema\/unknown-field .*replicas/m);
      assert.match(r.stdout, /^invalid\.yaml:25:\d+ error schema\/type /m);
      assert.match(r.stdout, /^\d+ errors?, /m);
      assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a TTY');
    });

    it('colour only on a terminal, and never with NO_COLOR', function () {
      // util-linux `script` gives the CLI a pseudo-terminal as stdout.
      const script = ['/usr/bin/script', '/bin/script'].find((p) => fs.existsSync(p));
      if (!script) this.skip();
      const onTty = (env: Record<string, string>) =>
        spawnSync(script!, ['-qec', `"${process.execPath}" "${cli}" lint --no-simulation invalid.yaml`, '/dev/null'], { cwd: fixtures, encoding: 'utf8', env: { ...process.env, ...env } });
      const coloured = onTty({ NO_COLOR: '' });
      assert.match(coloured.stdout, /\x1b\[31merror\x1b\[0m/);
      const plain = onTty({ NO_COLOR: '1' });
      assert.match(plain.stdout, /invalid\.yaml:7:3 error schema\/unknown-field/);
      assert.doesNotMatch(plain.stdout, /\x1b\[/);
    });

    it('bad input gives findings, never a crash: binary, deep nesting, alias bomb, empty file', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-bad-'));
      try {
        const bytes = Buffer.alloc(2048);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
        fs.writeFileSync(path.join(dir, 'binary.yaml'), bytes);
        fs.writeFileSync(path.join(dir, 'deep.yaml'), 'a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
        let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
        for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) bomb += `${name}: &${name} [${Array(9).fill('*' + prev).join(', ')}]\n`;
        fs.writeFileSync(path.join(dir, 'bomb.yaml'), bomb + 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n');
        fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
        const r = run(['lint', '--format', 'json', dir], { cwd: dir });
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stderr, '');
        const byFile = new Map<string, JsonFinding[]>();
        for (const f of findingsOf(r)) byFile.set(path.basename(f.path), [...(byFile.get(path.basename(f.path)) ?? []), f]);
        for (const name of ['binary.yaml', 'deep.yaml', 'bomb.yaml']) assert.ok(byFile.get(name)?.some((f) => f.severity === 'error'), `${name} gets an error finding`);
        assert.ok(!byFile.has('empty.yaml'), 'an empty file is fine');
        const sim = run(['simulate', dir], { cwd: dir });
        assert.equal(sim.code, 0, sim.stderr);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('exit 2 for a missing file', () => {
      const r = run(['lint', 'valid.yaml', 'does-not-exist.yaml']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot read does-not-exist\.yaml: no such file or directory/);
    });

    it('json: the DESIGN.md shape with 0-based ranges', () => {
      const r = run(['lint', '--format', 'json', 'invalid.yaml', 'syntax.yaml']);
      assert.equal(r.code, 1);
      const findings = findingsOf(r);
      assert.ok(findings.length >= 3);
      for (const f of findings) {
        assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'message', 'path', 'range', 'resource']);
        assert.ok(['error', 'warning', 'info'].includes(f.severity));
        assert.equal(typeof f.range.start.line, 'number');
        assert.equal(typeof f.range.end.character, 'number');
      }
      const unknown = findings.find((f) => f.ruleId === 'schema/unknown-field')!;
      assert.deepEqual(unknown.range.start, { line: 6, character: 2 });
      assert.deepEqual(unknown.resource, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: null, name: 'broken' });
      assert.ok(findings.some((f) => f.path === 'syntax.yaml' && f.ruleId === 'yaml/syntax' && f.resource === null));
      // ordered by path then position
      const keys = findings.map((f) => [f.path, f.range.start.line, f.range.start.character] as const);
      for (let i = 1; i < keys.length; i++) {
        const [p1, l1, c1] = keys[i - 1], [p2, l2, c2] = keys[i];
        assert.ok(p1 < p2 || (p1 === p2 && (l1 < l2 || (l1 === l2 && c1 <= c2))), 'sorted');
      }
    });

    it('sarif: a valid 2.1.0 log with rule metadata', () => {
      const r = run(['lint', '--format', 'sarif', 'invalid.yaml']);
      assert.equal(r.code, 1);
      const log = JSON.parse(r.stdout);
      assert.equal(log.version, '2.1.0');
      assert.equal(typeof log.$schema, 'string');
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'kube-preview');
      assert.ok(driver.rules.length > 10, 'every known rule is listed');
      for (const rule of driver.rules) {
        assert.equal(typeof rule.id, 'string');
        assert.equal(typeof rule.shortDescription.text, 'string');
        assert.match(rule.helpUri, /^https:\/\/.+#.+/);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
      const results = log.runs[0].results;
      assert.ok(results.length >= 2);
      for (const res of results) {
        assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(res.level));
        assert.equal(typeof res.message.text, 'string');
        const loc = res.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uri, 'invalid.yaml');
        assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      }
      const unknown = results.find((x: { ruleId: string }) => x.ruleId === 'schema/unknown-field');
      assert.equal(unknown.locations[0].physicalLocation.region.startLine, 7);
      // every rule the parser and the schema validator can produce is described (not only those found here)
      const ids = driver.rules.map((x: { id: string }) => x.id);
      for (const id of ['yaml/syntax', 'yaml/duplicate-key', 'manifest/too-large', 'schema/constraint', 'schema/unknown-kind', 'api/deprecated-version']) {
        const rule = driver.rules[ids.indexOf(id)];
        assert.ok(rule, `${id} missing from tool.driver.rules`);
        assert.notEqual(rule.shortDescription.text, id, `${id} has no real description`);
      }
      assert.equal(new Set(ids).size, ids.length, 'a rule is listed twice');
    });

    it('junit: well-formed XML, one suite per file, failures for errors', () => {
      const r = run(['lint', '--format', 'junit', 'invalid.yaml', 'valid.yaml']);
      assert.equal(r.code, 1);
      const root = parseXml(r.stdout);
      const suites = findAll(root, 'testsuite');
      assert.deepEqual(suites.map((s) => s.attrs.name), ['invalid.yaml', 'valid.yaml']);
      assert.deepEqual(suites[0].children.map((c) => c.attrs.name), ['Deployment broken', 'Service broken']);
      assert.ok(Number(suites[0].attrs.failures) >= 2);
      assert.equal(suites[1].attrs.failures, '0');
    });

    it('reads stdin for "-"', () => {
      const r = run(['lint', '--format', 'json', '-'], { input: fs.readFileSync(path.join(fixtures, 'invalid.yaml'), 'utf8') });
      assert.equal(r.code, 1);
      const findings = findingsOf(r);
      assert.ok(findings.length > 0);
      assert.ok(findings.every((f) => f.path === '<stdin>'));
      const ok = run(['lint', '-'], { input: fs.readFileSync(path.join(fixtures, 'valid.yaml'), 'utf8') });
      assert.equal(ok.code, 0);
    });

    it('walks folders; --config changes severities and excludes files', () => {
      const all = run(['lint', '--format', 'json', 'folder']);
      assert.equal(all.code, 1, 'skipped.yaml has an unknown field');
      const paths = new Set(findingsOf(all).map((f) => f.path));
      assert.ok(paths.has('folder/sub/skipped.yaml'));
      const text = run(['lint', 'folder']);
      assert.match(text.stdout, /in 4 files \(4 resources\)/);
      const configured = run(['lint', '--format', 'json', '--config', 'config.yaml', 'folder', 'invalid.yaml']);
      const findings = findingsOf(configured);
      assert.ok(!findings.some((f) => f.path === 'folder/sub/skipped.yaml'), 'excluded');
      assert.equal(findings.find((f) => f.ruleId === 'schema/unknown-field')?.severity, 'warning');
      assert.equal(configured.code, 1, 'the type error is still an error');
    });

    it('CRDs among the inputs validate their custom resources', () => {
      const alone = run(['lint', '--format', 'json', 'cr.yaml']);
      assert.equal(alone.code, 0);
      assert.ok(findingsOf(alone).some((f) => f.ruleId === 'schema/no-schema' && f.severity === 'info'));
      const withCrd = run(['lint', '--format', 'json', 'crd.yaml', 'cr.yaml']);
      assert.equal(withCrd.code, 1);
      assert.ok(findingsOf(withCrd).some((f) => f.path === 'cr.yaml' && f.ruleId === 'schema/type'));
    });

    it('--kubernetes-version 1.36 and --no-simulation are accepted', () => {
      assert.equal(run(['lint', '--kubernetes-version', '1.36', '--no-simulation', 'valid.yaml']).code, 0);
    });

    it('real-world corpus applications lint without errors; kubeconform invalid fixtures fail', () => {
      for (const dir of ['example-voting-app', 'istio-bookinfo/platform/kube/bookinfo.yaml', 'microservices-demo/release/kubernetes-manifests.yaml']) {
        const r = run(['lint', '--format', 'json', path.join(corpus, dir)]);
        const errors = findingsOf(r).filter((f) => f.severity === 'error');
        assert.deepEqual(errors.map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`), [], dir);
        assert.equal(r.code, 0, dir);
      }
      const expected = JSON.parse(fs.readFileSync(path.join(corpus, 'kubeconform', 'EXPECTED.json'), 'utf8')) as { fixtures: Record<string, { expected_default: string | null }> };
      const invalid = Object.entries(expected.fixtures).filter(([, v]) => v.expected_default === 'invalid').map(([k]) => k);
      assert.ok(invalid.length > 0);
      // One run over every invalid fixture (exit 1), then each file must carry an error of its own.
      const r = run(['lint', '--no-simulation', '--format', 'json', ...invalid.map((f) => path.join(corpus, 'kubeconform', f))]);
      assert.equal(r.code, 1);
      const withErrors = new Set(findingsOf(r).filter((x) => x.severity === 'error').map((x) => x.path));
      for (const f of invalid) assert.ok(withErrors.has(path.join(corpus, 'kubeconform', f)), `${f} is invalid for kubeconform`);
    });
  });

  describe('simulate', () => {
    const shop = path.join(repoRoot, 'examples', 'shop.yaml');

    it('text: nodes, pending pods with their message, services with endpoints', () => {
      const r = run(['simulate', shop]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Nodes \(4, from default\)$/m);
      assert.match(r.stdout, /^NAME\s+ZONE\s+CPU REQ\/ALLOC\s+MEMORY REQ\/ALLOC\s+PODS\s+TAINTS$/m);
      assert.match(r.stdout, /^worker-1\s+zone-a\s+/m);
      assert.match(r.stdout, /^Pending pods \(\d+\)$/m);
      assert.match(r.stdout, /0\/4 nodes are available: .*Insufficient cpu/);
      assert.match(r.stdout, /^shop\/frontend\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+-\s+80\/TCP→http\s+10\.244\.\d+\.\d+:8080/m);
      assert.doesNotMatch(r.stdout, /\x1b\[/);
    });

    it('says on stderr which inputs held no Kubernetes object (a workflow, a compose file, an empty file)', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-other-'));
      try {
        fs.writeFileSync(path.join(dir, 'ci.yaml'), 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
        fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
        fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
        fs.copyFileSync(shop, path.join(dir, 'shop.yaml'));
        const r = run(['simulate', '--format', 'json', '.'], { cwd: dir });
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(r.stderr.trim().split('\n').sort(), [
          'ci.yaml: no Kubernetes objects (no document has apiVersion and kind); nothing from it is simulated',
          'compose.yaml: no Kubernetes objects (no document has apiVersion and kind); nothing from it is simulated',
          'empty.yaml: no Kubernetes objects (the file is empty); nothing from it is simulated',
        ]);
        assert.ok(JSON.parse(r.stdout).pods.length > 0, 'the manifests beside them are simulated');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('json: the ClusterSnapshot, byte-identical for the same seed', () => {
      const a = run(['simulate', '--format', 'json', '--seed', '7', shop]);
      const b = run(['simulate', '--format', 'json', '--seed', '7', shop]);
      assert.equal(a.code, 0);
      assert.equal(a.stdout, b.stdout);
      const snap = JSON.parse(a.stdout);
      for (const k of ['nodes', 'pods', 'services', 'endpointSlices', 'workloads']) assert.ok(Array.isArray(snap[k]), k);
      assert.equal(snap.seed, 7);
      const pending = snap.pods.filter((p: { nodeName: string | null }) => p.nodeName === null);
      assert.ok(pending.length > 0 && pending.every((p: { message: string | null }) => typeof p.message === 'string'));
    });

    it('--cluster FILE supplies the nodes; --preset picks a built-in cluster', () => {
      const r = run(['simulate', '--format', 'json', '--cluster', 'cluster.yaml', 'valid.yaml']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).nodes.map((n: { name: string }) => n.name).sort(), ['small-1', 'small-2']);
      const single = run(['simulate', '--format', 'json', '--preset', 'single-node', 'valid.yaml']);
      assert.equal(JSON.parse(single.stdout).nodes.length, 1);
    });

    it('--cluster FILE is checked against the schema (exit 2), and a file without a Node is said on stderr', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-cluster-'));
      try {
        fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  allocatable: {cpu: lots, memory: 8Gi}\n  capacty: {}\n');
        fs.writeFileSync(path.join(dir, 'classes.yaml'), 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n');
        fs.copyFileSync(path.join(fixtures, 'valid.yaml'), path.join(dir, 'valid.yaml'));
        for (const command of ['simulate', 'lint']) {
          const bad = run([command, '--cluster', 'bad.yaml', 'valid.yaml'], { cwd: dir });
          assert.equal(bad.code, 2, bad.stderr);
          assert.equal(bad.stdout, '');
          assert.equal(bad.stderr, 'kube-preview: cluster file bad.yaml:5:22: status.allocatable.cpu must be a quantity (a number, or a string such as "500m", "2Gi" or "1.5"), got "lots" (and 1 more)\n');
        }
        const noNode = run(['simulate', '--format', 'json', '--cluster', 'classes.yaml', 'valid.yaml'], { cwd: dir });
        assert.equal(noNode.code, 0, noNode.stderr);
        assert.equal(noNode.stderr, 'kube-preview: cluster file classes.yaml holds no Node: the nodes come from the inputs or the preset\n');
        assert.equal(JSON.parse(noNode.stdout).nodes.length, 4, 'the default preset');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('--previous FILE previews the rolling update', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-prev-'));
      try {
        const previous = path.join(dir, 'shop-before.yaml');
        fs.writeFileSync(previous, fs.readFileSync(shop, 'utf8').replace('nginx-unprivileged:1.27', 'nginx-unprivileged:1.26'));
        const text = run(['simulate', '--previous', previous, shop]);
        assert.equal(text.code, 0, text.stderr);
        assert.match(text.stdout, /^Rollout of Deployment shop\/frontend \(RollingUpdate, maxSurge 1, maxUnavailable 0\)/m);
        const json = JSON.parse(run(['simulate', '--format', 'json', '--previous', previous, shop]).stdout);
        assert.equal(json.rollouts.length, 1);
        assert.ok(json.rollouts[0].steps.length > 0);
        assert.equal(run(['simulate', '--previous', path.join(dir, 'missing.yaml'), shop]).code, 2);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('stdin and I/O errors', () => {
      const r = run(['simulate', '--format', 'json', '-'], { input: fs.readFileSync(path.join(fixtures, 'valid.yaml'), 'utf8') });
      assert.equal(r.code, 0);
      assert.equal(JSON.parse(r.stdout).pods.length, 2);
      assert.equal(run(['simulate', 'missing.yaml']).code, 2);
      assert.equal(run(['simulate', '--cluster', 'missing.yaml', 'valid.yaml']).code, 2);
    });

    it('says on stderr which inputs it left out (YAML errors, templates) and simulates the rest', () => {
      const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n';
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-sim-'));
      try {
        fs.writeFileSync(path.join(dir, 'chart-deployment.yaml'), template);
        fs.writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\n');
        fs.copyFileSync(path.join(fixtures, 'valid.yaml'), path.join(dir, 'valid.yaml'));
        const r = run(['simulate', '--format', 'json', '.'], { cwd: dir });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(JSON.parse(r.stdout).pods.length, 2);
        assert.match(r.stderr, /^chart-deployment\.yaml:4:\d+ info manifest\/template /m);
        assert.match(r.stderr, /^broken\.yaml:\d+:\d+ error yaml\/syntax /m);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('--html writes a standalone page carrying the snapshot', function () {
      if (!fs.existsSync(path.join(repoRoot, 'dist', 'webview.js'))) this.skip();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-html-'));
      try {
        const out = path.join(dir, 'preview.html');
        const r = run(['simulate', '--seed', '3', '--format', 'json', '--html', out, shop]);
        assert.equal(r.code, 0, r.stderr);
        const html = fs.readFileSync(out, 'utf8');
        assert.match(html, /<html/i);
        const snap = JSON.parse(r.stdout);
        for (const p of snap.pods.slice(0, 3)) assert.ok(html.includes(p.name), `page mentions ${p.name}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
