import assert from 'node:assert/strict';
import { parseManifests } from '../../../src/manifests/parse';
import type { Range } from '../../../src/manifests/types';

const at = (r: Range) => [r.start.line, r.start.character, r.end.line, r.end.character];

describe('manifests/parse', () => {
  const deployment = [
    'apiVersion: apps/v1', //          0
    'kind: Deployment', //             1
    'metadata:', //                    2
    '  name: web', //                  3
    'spec:', //                        4
    '  replicas: 3', //                5
    '  template:', //                  6
    '    spec:', //                    7
    '      containers:', //            8
    '      - name: web', //            9
    '        image: nginx:1.27', //    10
    '        ports:', //               11
    '        - containerPort: 80', //  12
    '',
  ].join('\n');

  it('reads a document with exact 0-based key and value ranges', () => {
    const f = parseManifests('d.yaml', deployment);
    assert.equal(f.kind, 'kubernetes');
    assert.equal(f.manifests.length, 1);
    const m = f.manifests[0];
    assert.equal(m.object.kind, 'Deployment');
    assert.deepEqual(at(m.rangeOf(['spec', 'replicas'], 'key')), [5, 2, 5, 10]);
    assert.deepEqual(at(m.rangeOf(['spec', 'replicas'], 'value')), [5, 12, 5, 13]);
    assert.deepEqual(at(m.rangeOf(['spec', 'template', 'spec', 'containers', 0, 'image'])), [10, 15, 10, 25]);
    assert.deepEqual(at(m.rangeOf(['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'])), [12, 25, 12, 27]);
    assert.equal(m.source.docIndex, 0);
    assert.equal(m.source.range.start.line, 0);
  });

  it('falls back to the nearest existing ancestor (by its key) for missing paths', () => {
    const m = parseManifests('d.yaml', deployment).manifests[0];
    assert.deepEqual(at(m.rangeOf(['spec', 'selector'], 'key')), [4, 0, 4, 4]);
    assert.deepEqual(at(m.rangeOf(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'])), [9, 8, 9, 12]);
    // the document start for a path missing from the root: the first key
    assert.deepEqual(at(m.rangeOf(['status'], 'key')), [0, 0, 0, 10]);
    assert.deepEqual(at(m.rangeOf([], 'key')), [0, 0, 0, 10]);
  });

  it('reads several documents with their own line offsets, skipping empty ones', () => {
    const text = `# leading comment\n---\n${deployment}---\n---\n# only a comment\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n`;
    const f = parseManifests('multi.yaml', text);
    assert.equal(f.manifests.length, 2);
    assert.equal(f.documentCount, 2);
    const svc = f.manifests[1];
    assert.equal(svc.object.kind, 'Service');
    assert.deepEqual(at(svc.rangeOf(['metadata', 'name'])), [22, 8, 22, 11]);
    assert.equal(svc.source.docIndex, 3); // the comment-only prefix belongs to the first document
    assert.equal(f.manifests[0].rangeOf(['spec', 'replicas']).start.line, 7);
  });

  it('reads YAML 1.1 scalars as Kubernetes does, but keeps timestamps and "=" as strings', () => {
    const text = [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', '  creationTimestamp: 2024-01-31T12:00:00Z',
      'x:', '  a: yes', '  b: off', '  mode: 0644', '  hex: 0x1F', '  date: 2024-01-31', '  eq: =', '  time: 1:20', '  nothing: ~', '  y: 1', '',
    ].join('\n');
    const o = parseManifests('c.yaml', text).manifests[0].object as Record<string, any>; // test reads arbitrary fields
    assert.equal(o.x.a, true);
    assert.equal(o.x.b, false);
    assert.equal(o.x.mode, 420);
    assert.equal(o.x.hex, 31);
    assert.equal(o.x.date, '2024-01-31');
    assert.equal(o.metadata.creationTimestamp, '2024-01-31T12:00:00Z');
    assert.equal(o.x.eq, '=');
    assert.equal(o.x.time, '1:20');
    assert.equal(o.x.nothing, null);
    // go-yaml v2 resolves plain keys too: `y` is the boolean true, which becomes the JSON key "true"
    assert.equal(o.x.true, 1);
  });

  it('reports duplicate keys at the duplicate key', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n  containers: []\n';
    const f = parseManifests('p.yaml', text);
    const dup = f.problems.filter((p) => p.ruleId === 'yaml/duplicate-key');
    assert.equal(dup.length, 1);
    assert.deepEqual(at(dup[0].range), [6, 2, 6, 12]);
    assert.match(dup[0].message, /Duplicate key "containers"/);
    assert.equal(f.manifests.length, 1, 'the object is still read so schema checks go on');
  });

  it('finds duplicate keys at any depth, in flow mappings and sequences, quoted or not, each once', () => {
    const text = [
      'apiVersion: v1', //                                 0
      'kind: ConfigMap', //                                1
      'metadata: {name: a, labels: {x: "1", "x": "2"}}', // 2
      'data:', //                                          3
      '  k: v', //                                         4
      '  "k": w', //                                       5
      '  list: [{a: 1, a: 2}, {b: 1}]', //                 6
      '  other: {k: 1}', //                                7
      '  k: z', //                                         8
      '',
    ].join('\n');
    const dup = parseManifests('d.yaml', text).problems.filter((p) => p.ruleId === 'yaml/duplicate-key');
    assert.deepEqual(dup.map((p) => [p.range.start.line, p.range.start.character, p.message.replace(/:.*/, '')]), [
      [2, 37, 'Duplicate key "x"'],
      [5, 2, 'Duplicate key "k"'],
      [6, 16, 'Duplicate key "a"'],
      [8, 2, 'Duplicate key "k"'],
    ]);
    // different values are different keys (1 and "1" too, as for the yaml package); a key in another mapping is fine
    const ok = parseManifests('o.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: x, b: y}\nbinaryData: {a: eA==}\n');
    assert.deepEqual(ok.problems, []);
  });

  it('finds a duplicate among tens of thousands of keys (one pass, not a comparison of every pair)', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `  key${i}: v`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${keys.join('\n')}\n  key17: again\n`;
    const f = parseManifests('big.yaml', text);
    const dup = f.problems.filter((p) => p.ruleId === 'yaml/duplicate-key');
    assert.deepEqual(dup.map((p) => [p.range.start.line, p.message.replace(/:.*/, '')]), [[20004, 'Duplicate key "key17"']]);
    assert.equal(Object.keys(f.manifests[0].object.data as object).length, 20000);
  });

  it('reports syntax errors at their position, never throws', () => {
    const f = parseManifests('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b\n');
    assert.equal(f.manifests.length, 0);
    const p = f.problems.find((x) => x.ruleId === 'yaml/syntax');
    assert.ok(p);
    assert.equal(p.severity, 'error');
    assert.ok(p.range.start.line >= 3);
  });

  it('expands kind: List and *List kinds into items with item-relative ranges', () => {
    const text = [
      'apiVersion: v1', 'kind: List', 'items:',
      '- apiVersion: v1', '  kind: Service', '  metadata:', '    name: a',
      '- apiVersion: v1', '  kind: ConfigMap', '  metadata:', '    name: b', '',
    ].join('\n');
    const f = parseManifests('l.yaml', text);
    assert.deepEqual(f.manifests.map((m) => m.object.kind), ['Service', 'ConfigMap']);
    assert.equal(f.manifests[1].source.itemIndex, 1);
    assert.deepEqual(at(f.manifests[1].rangeOf(['metadata', 'name'])), [10, 10, 10, 11]);
    assert.deepEqual(at(f.manifests[1].rangeOf(['kind'], 'key')), [8, 2, 8, 6]);
    const cm = parseManifests('cml.yaml', 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: x}\n');
    assert.equal(cm.manifests.length, 1);
    assert.equal(cm.manifests[0].object.kind, 'ConfigMap');
    assert.equal(parseManifests('e.yaml', 'apiVersion: v1\nkind: List\nitems: []\n').manifests.length, 0);
    const noItems = parseManifests('n.yaml', 'apiVersion: v1\nkind: List\nmetadata: {}\n');
    assert.deepEqual([noItems.manifests.length, noItems.problems.length, noItems.kind], [0, 0, 'kubernetes']);
  });

  it('reports a missing kind or apiVersion like kubeconform', () => {
    const noApi = parseManifests('a.yaml', 'kind: ReplicationController\nmetadata:\n  name: bob\n');
    assert.equal(noApi.problems[0].ruleId, 'manifest/missing-apiVersion');
    assert.match(noApi.problems[0].message, /missing 'apiVersion' key/);
    assert.deepEqual(at(noApi.problems[0].range), [0, 0, 0, 4]);
    const noKind = parseManifests('b.yaml', 'key: value\n');
    assert.equal(noKind.problems[0].ruleId, 'manifest/missing-kind');
    assert.equal(noKind.kind, 'not-kubernetes', 'reported, but the file is not called a Kubernetes file');
    assert.equal(noApi.kind, 'kubernetes');
    assert.match(noKind.problems[0].message, /missing 'kind' key/);
    const nullKind = parseManifests('c.yaml', 'kind:\n');
    assert.equal(nullKind.problems[0].ruleId, 'manifest/missing-kind');
    const listItem = parseManifests('d.yaml', 'apiVersion: v1\nkind: List\nitems:\n- metadata: {name: x}\n  kind: Pod\n');
    assert.equal(listItem.problems[0].ruleId, 'manifest/missing-apiVersion');
    assert.equal(listItem.problems[0].range.start.line, 4);
  });

  it('ignores well-known non-Kubernetes files and documents', () => {
    const workflow = 'name: ci\non:\n  push: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n';
    for (const [path, text] of [
      ['.github/workflows/ci.yml', workflow],
      ['ci.yaml', workflow],
      ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n'],
      ['deploy/kustomization.yaml', 'resources:\n- deployment.yaml\n'],
      ['chart/Chart.yaml', 'apiVersion: v2\nname: x\nversion: 1.0.0\n'],
      ['chart/values.yaml', 'replicaCount: 1\nimage:\n  repository: nginx\n'],
      ['api/openapi.yaml', 'openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths: {}\n'],
      ['lint/.kube-linter.yaml', 'checks:\n  addAllBuiltIn: true\n'],
      ['patch.yaml', '- op: replace\n  path: /spec/replicas\n  value: 2\n'],
      ['package.json', '{"name": "x", "version": "1.0.0", "scripts": {}}'],
      ['monitoring/prometheus.yml', 'global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: x\n'],
      ['alerts.yaml', 'groups:\n- name: g\n  rules: []\n'],
      ['stack.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n'],
    ]) {
      const f = parseManifests(path, text);
      assert.deepEqual(f.problems, [], path);
      assert.equal(f.manifests.length, 0, path);
      assert.equal(f.kind, 'not-kubernetes', path);
    }
  });

  it('leaves a Helm chart repository index alone (apiVersion and entries, no kind), but not a manifest missing its kind', () => {
    const index = 'apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 0.1.0\n    urls: [demo-0.1.0.tgz]\ngenerated: "2026-01-01T00:00:00Z"\n';
    const f = parseManifests('charts/index.yaml', index);
    assert.deepEqual(f.problems, []);
    assert.equal(f.kind, 'not-kubernetes');
    const missing = parseManifests('index.yaml', 'apiVersion: v1\nmetadata: {name: a}\ndata: {a: b}\n');
    assert.deepEqual(missing.problems.map((p) => p.ruleId), ['manifest/missing-kind']);
  });

  it('reads Helm/Go templates as templates: one info notice and nothing else', () => {
    const helm = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ include "app.fullname" . }}',
      '  labels:', '    {{- include "app.labels" . | nindent 4 }}', 'spec:',
      '{{- if not .Values.autoscaling.enabled }}', '  replicas: {{ .Values.replicaCount }}', '{{- end }}', '',
    ].join('\n');
    const f = parseManifests('templates/deployment.yaml', helm);
    assert.equal(f.kind, 'template');
    assert.equal(f.manifests.length, 0);
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0].ruleId, 'manifest/template');
    assert.equal(f.problems[0].severity, 'info');
    assert.equal(f.problems[0].message, 'Helm/Go template: not validated');
    assert.deepEqual(at(f.problems[0].range), [3, 8, 3, 38]);
    // an unquoted placeholder that still parses as YAML is a template too
    assert.equal(parseManifests('t.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ name }}\n').kind, 'template');
  });

  it('does not mistake template text inside strings for a template', () => {
    const rule = [
      'apiVersion: monitoring.coreos.com/v1', 'kind: PrometheusRule', 'metadata:', '  name: r', 'spec:', '  groups:',
      '  - name: g', '    rules:', '    - alert: Down', '      annotations:',
      '        description: Target {{ $labels.instance }} is down for {{ $value }}s.',
      '        summary: "{{ $labels.job }}"', '      expr: up == 0', '',
    ].join('\n');
    const f = parseManifests('rule.yaml', rule);
    assert.equal(f.kind, 'kubernetes');
    assert.equal(f.manifests.length, 1);
    assert.deepEqual(f.problems, []);
  });

  it('reads a chart template whose actions are all quoted as a template (Helm objects, include), and only that', () => {
    const quoted = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: "{{ .Release.Name }}-web"', 'spec:', '  template:',
      '    spec:', '      containers:', '        - name: web', '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', '',
    ].join('\n');
    const f = parseManifests('chart/templates/deploy.yaml', quoted);
    assert.equal(f.kind, 'template');
    assert.deepEqual(f.manifests, []);
    assert.deepEqual(f.problems.map((p) => [p.ruleId, ...at(p.range)]), [['manifest/template', 3, 9, 3, 28]]);
    for (const action of ['{{ $.Values.x }}', '{{- toYaml .Values.resources | nindent 8 }}', '{{ include "app.name" . }}', '{{ (.Files.Get "a") }}', '{{ .Chart.Version }}']) {
      assert.equal(parseManifests('t.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: '${action}'\n`).kind, 'template', action);
    }
    // Go templates of other tools stay data: Alertmanager's `template "name"`, Prometheus' .Labels, Grafana's legends
    for (const text of ['{{ template "slack.title" . }}', '{{ .Labels.instance }} {{ .Value }}', '{{ pod }} / {{ $labels.job }}', '{{ .CommonLabels.Values }}']) {
      const cm = parseManifests('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: '${text}'\n`);
      assert.equal(cm.kind, 'kubernetes', text);
      assert.equal(cm.manifests.length, 1);
    }
  });

  it('bounds alias bombs', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  ${lines.join('\n  ')}\n`;
    const f = parseManifests('bomb.yaml', text);
    assert.equal(f.manifests.length, 0);
    assert.ok(f.problems.some((p) => p.ruleId === 'yaml/syntax' && /alias|resource exhaustion/i.test(p.message)), JSON.stringify(f.problems));
  });

  it('does not parse files above the size threshold', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n';
    const f = parseManifests('big.yaml', doc.repeat(1000), { maxBytes: 20_000 });
    assert.equal(f.kind, 'too-large');
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0].ruleId, 'manifest/too-large');
    assert.equal(f.problems[0].severity, 'info');
    // a 50 MB string is refused without being parsed
    const huge = 'x'.repeat(50 * 1024 * 1024);
    assert.equal(parseManifests('huge.yaml', huge).kind, 'too-large');
    // multi-byte characters count as UTF-8 bytes
    assert.equal(parseManifests('u.yaml', `a: "${'é'.repeat(6000)}"\n`, { maxBytes: 10_000 }).kind, 'too-large');
  });

  it('reports binary content as a clear error', () => {
    const f = parseManifests('image.yaml', 'apiVersion: v1\nkind: Pod\n\u0000\u0001\u0002PNG');
    assert.equal(f.manifests.length, 0);
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0].ruleId, 'yaml/syntax');
    assert.match(f.problems[0].message, /binary/i);
    assert.deepEqual(at(f.problems[0].range), [2, 0, 2, 1]);
  });

  it('reports absurdly deep nesting as an error instead of overflowing the stack', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const f = parseManifests('deep.yaml', text);
    assert.equal(f.manifests.length, 0);
    assert.ok(f.problems.some((p) => p.ruleId === 'yaml/syntax' && p.severity === 'error'));
  });

  it('reads CRLF files with the same positions', () => {
    const f = parseManifests('crlf.yaml', `${deployment.replace(/\n/g, '\r\n')}---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: c}\r\ndata:\r\n  a: 1\r\n  a: 2\r\n`);
    assert.equal(f.manifests.length, 2);
    assert.deepEqual(at(f.manifests[0].rangeOf(['spec', 'replicas'])), [5, 12, 5, 13]);
    assert.deepEqual(at(f.manifests[1].rangeOf(['data'], 'key')), [17, 0, 17, 4]);
    const dup = f.problems.find((p) => p.ruleId === 'yaml/duplicate-key');
    assert.deepEqual(dup && at(dup.range), [19, 2, 19, 3]);
  });

  it('reads JSON manifests', () => {
    const f = parseManifests('svc.json', '{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": {"name": "s"}\n}\n');
    assert.equal(f.manifests.length, 1);
    assert.deepEqual(at(f.manifests[0].rangeOf(['kind'], 'key')), [2, 2, 2, 8]);
  });

  it('classifies empty files', () => {
    assert.equal(parseManifests('e.yaml', '').kind, 'empty');
    assert.equal(parseManifests('e.yaml', '---\n# nothing\n---\n').kind, 'empty');
  });
});
