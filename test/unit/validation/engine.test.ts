import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LintEngine, type LintEngineOptions } from '../../../src/validation/engine';
import { createFsSchemaLoader } from '../../../src/validation/schema/fs-loader';
import { SchemaValidator } from '../../../src/validation/schema/validator';
import type { Finding } from '../../../src/validation/finding';

const repoRoot = path.resolve(__dirname, '../../../..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');
const loader = createFsSchemaLoader(path.join(repoRoot, 'schemas'));
const read = (p: string) => fs.readFileSync(p, 'utf8');

function engine(opts: Partial<LintEngineOptions> = {}): LintEngine {
  return new LintEngine({ loader, kubernetesVersion: '1.34', ...opts });
}

/** Findings without the parts that legitimately differ (none should): a plain JSON copy for deepEqual. */
function plain(map: Map<string, Finding[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const k of [...map.keys()].sort()) out[k] = JSON.parse(JSON.stringify(map.get(k)));
  return out;
}

function fresh(files: Record<string, string>, opts: Partial<LintEngineOptions> = {}): Record<string, unknown[]> {
  const e = engine(opts);
  for (const [p, t] of Object.entries(files)) e.setFile(p, t);
  return plain(e.lint());
}

describe('validation/engine', function () {
  this.timeout(120000);

  it('reports parse problems, schema findings and rule findings per file, sorted by position', () => {
    const e = engine({ simulation: false });
    e.setFile('invalid.yaml', read(path.join(fixtures, 'invalid.yaml')));
    e.setFile('syntax.yaml', read(path.join(fixtures, 'syntax.yaml')));
    e.setFile('valid.yaml', read(path.join(fixtures, 'valid.yaml')));
    const result = e.lint();
    assert.deepEqual([...result.keys()].sort(), ['invalid.yaml', 'syntax.yaml', 'valid.yaml']);
    const invalid = result.get('invalid.yaml')!;
    const unknown = invalid.find((f) => f.ruleId === 'schema/unknown-field');
    assert.ok(unknown, 'misspelled replica is found');
    assert.equal(unknown.range.start.line, 6);
    assert.ok(invalid.some((f) => f.ruleId === 'schema/type' && f.range.start.line === 24), 'port: eighty is a type error');
    assert.ok(result.get('syntax.yaml')!.some((f) => f.ruleId === 'yaml/syntax' && f.severity === 'error'));
    assert.deepEqual(result.get('valid.yaml')!.filter((f) => f.severity === 'error'), []);
    for (const list of result.values()) {
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1].range.start, b = list[i].range.start;
        assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), 'sorted by position');
      }
    }
  });

  it('incremental edits give the same findings as a fresh lint', () => {
    const base = read(path.join(corpus, 'microservices-demo', 'release', 'kubernetes-manifests.yaml'));
    const other = read(path.join(fixtures, 'valid.yaml'));
    const e = engine();
    const files: Record<string, string> = { 'app.yaml': base, 'web.yaml': other };
    for (const [p, t] of Object.entries(files)) e.setFile(p, t);
    assert.deepEqual(plain(e.lint()), fresh(files));
    const edits: ((t: string) => string)[] = [
      (t) => t.replace('replicas: 1', 'replica: 1'), // a schema error in one document
      (t) => '# header\n# more\n' + t, // every document moves down two lines
      (t) => t.replace('containerPort: 8080', 'containerPort: "http"'),
      (t) => t.replace(/\n---\n[\s\S]*?(?=\n---\n)/, ''), // delete one document
      (t) => t.replace('# header\n', ''),
      (t) => t.replace('replica: 1', 'replicas: 1'), // fixed again
      (t) => t + '\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: [1}\n', // syntax error at the end
    ];
    for (const edit of edits) {
      files['app.yaml'] = edit(files['app.yaml']);
      e.setFile('app.yaml', files['app.yaml']);
      assert.deepEqual(plain(e.lint()), fresh(files));
    }
    e.removeFile('web.yaml');
    delete files['web.yaml'];
    assert.deepEqual(plain(e.lint()), fresh(files));
  });

  it('re-validates only the document that changed; moved documents keep their findings, shifted', () => {
    const text = read(path.join(corpus, 'microservices-demo', 'release', 'kubernetes-manifests.yaml')).replace('replicas: 1', 'replica: 1');
    const original = SchemaValidator.prototype.validate;
    let calls = 0;
    // Count calls on the real validator (a spy, not a stand-in): the engine's caching is what is under test.
    SchemaValidator.prototype.validate = function (this: SchemaValidator, m) { calls++; return original.call(this, m); };
    try {
      const e = engine({ simulation: false, rules: false });
      e.setFile('app.yaml', text);
      e.lint();
      const docs = e.manifests().length;
      assert.equal(calls, docs, 'first lint validates every document');
      calls = 0;
      const edited = text.replace('microservices-demo/adservice:v0.10.6', 'microservices-demo/adservice:v0.10.7');
      assert.notEqual(edited, text);
      e.setFile('app.yaml', edited);
      e.lint();
      assert.equal(calls, 1, 'a one-character edit re-validates one document');
      calls = 0;
      const moved = '# a comment\n# and another\n' + edited;
      e.setFile('app.yaml', moved);
      const result = plain(e.lint());
      assert.equal(calls, 0, 'documents that only moved are not validated again');
      assert.deepEqual(result, fresh({ 'app.yaml': moved }, { simulation: false, rules: false }));
      const unknown = (result['app.yaml'] as Finding[]).find((f) => f.ruleId === 'schema/unknown-field')!;
      assert.equal(moved.split('\n')[unknown.range.start.line].trim(), 'replica: 1', 'the shifted range points at the field');
      calls = 0;
      e.setFile('other.yaml', read(path.join(fixtures, 'valid.yaml')));
      e.lint();
      assert.equal(calls, 2, 'a new file validates its own documents only');
    } finally {
      SchemaValidator.prototype.validate = original;
    }
  });

  it('validates custom resources again when their CRD arrives or leaves', () => {
    const e = engine({ simulation: false });
    e.setFile('cr.yaml', read(path.join(fixtures, 'cr.yaml')));
    const before = e.lint().get('cr.yaml')!;
    assert.ok(before.some((f) => f.ruleId === 'schema/no-schema' && f.severity === 'info'), 'no CRD yet: an info, not an error');
    assert.ok(!before.some((f) => f.severity === 'error'));
    e.setFile('crd.yaml', read(path.join(fixtures, 'crd.yaml')));
    const after = e.lint().get('cr.yaml')!;
    assert.ok(after.some((f) => f.ruleId === 'schema/type' && f.severity === 'error'), 'size: large is not an integer');
    assert.ok(!after.some((f) => f.ruleId === 'schema/no-schema'));
    e.removeFile('crd.yaml');
    assert.deepEqual(plain(e.lint()), plain(before.length ? new Map([['cr.yaml', before]]) : new Map()));
  });

  it('lintFiles: an opened file\'s own findings first, then lint() over the whole set as if it had not run', () => {
    const cr = read(path.join(fixtures, 'cr.yaml'));
    const crd = read(path.join(fixtures, 'crd.yaml'));
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replica: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n`;
    const open = `${deployment}---\n${cr}`;
    const e = engine();
    e.setFile('open.yaml', open);
    const early = e.lintFiles(['open.yaml', 'not-there.yaml']);
    assert.deepEqual([...early.keys()], ['open.yaml']);
    const ids = early.get('open.yaml')!.map((f) => f.ruleId);
    assert.ok(ids.includes('schema/unknown-field'), 'replica: the schema finding is there at once');
    assert.ok(!ids.includes('schema/no-schema'), 'its CRD may be in a file not read yet');
    const full = fresh({ 'open.yaml': open, 'crd.yaml': crd });
    const ruleIds = new Set(full['open.yaml'].map((f) => (f as Finding).ruleId));
    assert.ok([...ruleIds].some((id) => !id.startsWith('schema/') && !id.startsWith('yaml/')), 'rules find something in the full set');
    for (const id of ids) assert.ok(ruleIds.has(id), `${id} is also in the full lint`);
    assert.ok(!ids.some((id) => !id.startsWith('schema/')), 'no rule findings before the set is complete');
    // The folder is read: the CRD arrives and the custom resource is checked against it; same result as fresh.
    e.setFile('crd.yaml', crd);
    assert.deepEqual(plain(e.lint()), full);
    assert.ok(full['open.yaml'].some((f) => (f as Finding).ruleId === 'schema/type'), 'size: large is not an integer');
  });

  it('skips template files for schema and rules, keeping the notice', () => {
    const e = engine();
    e.setFile('chart/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  replica: 1\n');
    const list = e.lint().get('chart/deploy.yaml')!;
    assert.ok(list.some((f) => f.ruleId === 'manifest/template' && f.severity === 'info'));
    assert.ok(!list.some((f) => f.ruleId.startsWith('schema/')));
    assert.deepEqual(e.manifests(), []);
  });

  it('applies configured severities and suppression comments to schema findings', () => {
    const text = read(path.join(fixtures, 'invalid.yaml'));
    const warn = engine({ simulation: false, ruleConfig: { rules: { 'schema/unknown-field': 'warning' } } });
    warn.setFile('x.yaml', text);
    assert.equal(warn.lint().get('x.yaml')!.find((f) => f.ruleId === 'schema/unknown-field')?.severity, 'warning');
    const off = engine({ simulation: false, ruleConfig: { rules: { 'schema/unknown-field': 'off' } } });
    off.setFile('x.yaml', text);
    assert.ok(!off.lint().get('x.yaml')!.some((f) => f.ruleId === 'schema/unknown-field'));
    const suppressed = engine({ simulation: false });
    suppressed.setFile('x.yaml', text.replace('  replica: 2', '  # kube-preview-disable-next-line schema/unknown-field\n  replica: 2'));
    assert.ok(!suppressed.lint().get('x.yaml')!.some((f) => f.ruleId === 'schema/unknown-field'));
  });

  it('runs the simulation over the whole set unless turned off', () => {
    const shop = read(path.join(repoRoot, 'examples', 'shop.yaml'));
    const on = engine();
    on.setFile('shop.yaml', shop);
    on.lint();
    const snap = on.snapshot();
    assert.ok(snap && snap.pods.length > 0, 'pods were simulated');
    assert.ok(snap.pods.some((p) => p.phase === 'Pending'), 'the analytics pods do not fit');
    const off = engine({ simulation: false });
    off.setFile('shop.yaml', shop);
    off.lint();
    assert.equal(off.snapshot(), null);
    // the simulated rules only speak when the simulation runs
    const ids = (m: Map<string, Finding[]>) => new Set([...m.values()].flat().map((f) => f.ruleId));
    const withSim = ids(on.lint());
    const withoutSim = ids(off.lint());
    for (const id of withoutSim) assert.ok(withSim.has(id), `${id} also reported with the simulation`);
  });

  it('a lint with no change returns the same findings without recomputing', () => {
    const e = engine({ simulation: false });
    e.setFile('invalid.yaml', read(path.join(fixtures, 'invalid.yaml')));
    const a = plain(e.lint());
    e.setFile('invalid.yaml', read(path.join(fixtures, 'invalid.yaml')));
    assert.deepEqual(plain(e.lint()), a);
  });
});
