import assert from 'node:assert/strict';
import { SchemaValidator } from '../../../../src/validation/schema/validator';
import { lint, schemaLoader } from './helpers';

const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  [r.start.line, r.start.character, r.end.line, r.end.character];

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: eighty
`;

describe('validation/schema/validator', () => {
  const validator = new SchemaValidator(schemaLoader(), '1.34');

  it('accepts a valid Deployment', () => {
    const { findings } = lint(DEPLOYMENT.replace('replica:', 'replicas:').replace('eighty', '80'), { validator });
    assert.deepEqual(findings, []);
  });

  it('reports an unknown field at its key with a did-you-mean and a rename fix', () => {
    const { findings } = lint(DEPLOYMENT, { validator });
    const f = findings.find((x) => x.ruleId === 'schema/unknown-field');
    assert.ok(f);
    assert.equal(f.message, 'Unknown field "replica" in Deployment spec — did you mean "replicas"?');
    assert.equal(f.severity, 'error');
    assert.deepEqual(at(f.range), [5, 2, 5, 9]);
    assert.equal(f.data?.suggestion, 'replicas');
    assert.deepEqual(f.fixes?.[0].edits, [{ path: 'test.yaml', range: f.range, newText: 'replicas' }]);
    assert.deepEqual(f.resource, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: null, name: 'web' });
  });

  it('reports a wrong type at the value, saying what was expected and what was found', () => {
    const { findings } = lint(DEPLOYMENT, { validator });
    const f = findings.find((x) => x.ruleId === 'schema/type');
    assert.ok(f);
    assert.equal(f.message, 'spec.template.spec.containers[0].ports[0].containerPort must be an integer, got "eighty"');
    assert.deepEqual(at(f.range), [16, 25, 16, 31]);
    assert.equal(findings.length, 2);
  });

  it('words the Service port example of the issue', () => {
    const { findings } = lint('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: eighty\n');
    assert.deepEqual(findings.map((f) => f.message), ['spec.ports[0].port must be an integer, got "eighty"']);
  });

  it('reports missing required fields at the parent key (or the document start)', () => {
    const { findings } = lint('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec: {}\n', { validator });
    const msgs = findings.map((f) => [f.ruleId, f.message, at(f.range)]);
    assert.deepEqual(msgs, [
      ['schema/required', 'Missing required field "selector" in Deployment spec', [3, 0, 3, 4]],
      ['schema/required', 'Missing required field "containers" in Deployment spec.template.spec', [5, 4, 5, 8]],
    ]);
    const root = lint('apiVersion: v1\nkind: Binding\nmetadata: {name: x}\n', { validator }).findings;
    assert.equal(root[0].message, 'Missing required field "target" in Binding');
    assert.deepEqual(at(root[0].range), [0, 0, 0, 10]);
  });

  it('reports a misspelt required field once, as the unknown field', () => {
    const { findings } = lint('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  container:\n  - name: c\n    image: i\n', { validator });
    assert.deepEqual(findings.map((f) => f.message), ['Unknown field "container" in Pod spec — did you mean "containers"?']);
  });

  it('treats null as absent (creationTimestamp: null is fine, a null required field is missing)', () => {
    const ok = lint('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  creationTimestamp: null\nspec:\n  selector: null\nstatus:\n  loadBalancer: {}\n', { validator });
    assert.deepEqual(ok.findings, []);
    const bad = lint('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: null\n', { validator });
    assert.deepEqual(bad.findings.map((f) => f.message), ['Missing required field "containers" in Pod spec']);
  });

  it('accepts int-or-string and quantities in both forms, and rejects bad quantities', () => {
    const ok = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: i
    resources:
      requests: {cpu: 250m, memory: 64Mi, ephemeral-storage: 1e9}
      limits: {cpu: 1, memory: 256000}
    readinessProbe:
      httpGet: {port: http, path: /}
    livenessProbe:
      httpGet: {port: 8080, path: /}
`;
    assert.deepEqual(lint(ok, { validator }).findings, []);
    const bad = lint(ok.replace('cpu: 250m', 'cpu: 1 core').replace('port: http', 'port: [80]'), { validator }).findings;
    assert.deepEqual(bad.map((f) => [f.ruleId, f.message]), [
      ['schema/pattern', 'spec.containers[0].resources.requests.cpu must be a quantity (a number, or a string such as "500m", "2Gi" or "1.5"), got "1 core"'],
      ['schema/type', 'spec.containers[0].readinessProbe.httpGet.port must be an integer or a string, got a list'],
    ]);
  });

  it('explains YAML 1.1 booleans where strings are expected and offers to quote them', () => {
    const { findings } = lint('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  enabled: yes\n  mode: 0644\n', { validator });
    assert.deepEqual(findings.map((f) => f.message), [
      'data.enabled must be a string, got true — quote it to make it a string',
      'data.mode must be a string, got 420 — quote it to make it a string',
    ]);
    assert.equal(findings[0].fixes?.[0].edits[0].newText, '"yes"');
    assert.equal(findings[1].fixes?.[0].edits[0].newText, '"0644"');
  });

  it('checks formats: base64 Secret data and RFC 3339 times', () => {
    const { findings } = lint('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  creationTimestamp: yesterday\ndata:\n  ok: aGVsbG8=\n  wrapped: "aGVs\\nbG8="\n  bad: "not base64!"\n', { validator });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.message]), [
      ['schema/format', 'metadata.creationTimestamp must be an RFC 3339 date-time such as "2024-01-31T12:00:00Z", got "yesterday"'],
      ['schema/format', 'data.bad must be base64-encoded data, got "not base64!"'],
    ]);
  });

  it('enforces the enumerations the API server checks, with a fix for a wrong case', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: always\n  containers:\n  - name: c\n    image: i\n    imagePullPolicy: ""\n    ports: [{containerPort: 80, protocol: tcp}]\n';
    const { findings } = lint(pod, { validator });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.message]), [
      ['schema/enum', 'spec.restartPolicy must be one of "Always", "OnFailure", "Never", got "always" — did you mean "Always"?'],
      ['schema/enum', 'spec.containers[0].ports[0].protocol must be one of "TCP", "UDP", "SCTP", got "tcp" — did you mean "TCP"?'],
    ]);
    assert.deepEqual(findings.map((f) => f.fixes?.[0].edits[0].newText), ['Always', 'TCP']);
    assert.deepEqual(at(findings[0].range), [4, 17, 4, 23]);
  });

  it('reports unknown kinds of built-in groups with a suggestion', () => {
    const { findings } = lint('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n', { validator });
    assert.equal(findings[0].ruleId, 'schema/unknown-kind');
    assert.equal(findings[0].message, 'Unknown kind "Deploymnet" for apps/v1 in Kubernetes 1.34 — did you mean "Deployment"?');
    assert.deepEqual(at(findings[0].range), [1, 6, 1, 16]);
    const v = lint('apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: x}\n', { validator }).findings;
    assert.equal(v[0].message, 'Deployment apps/v2 is not served by Kubernetes 1.34: use apps/v1');
    const ext = lint('apiVersion: extensions/v1beta1\nkind: Scale\nmetadata: {name: x}\n', { validator }).findings;
    assert.deepEqual(ext.map((f) => [f.ruleId, f.message]), [['schema/unknown-kind', 'Scale extensions/v1beta1 is not served by Kubernetes 1.34']]);
  });

  it('gives one info finding for a custom resource without a CRD', () => {
    const { findings } = lint('apiVersion: sagemaker.aws.amazon.com/v1\nkind: TrainingJob\nmetadata: {name: t}\nspec: {x: 1}\n', { validator });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['schema/no-schema', 'info']]);
    assert.match(findings[0].message, /^No schema for TrainingJob sagemaker\.aws\.amazon\.com\/v1/);
  });

  it('validates against the selected Kubernetes version', () => {
    const loader = schemaLoader();
    const has = (v: string, k: string) => k in loader(v).kinds;
    // a kind the two versions disagree on, found from the bundles themselves
    const only134 = Object.keys(loader('1.34').kinds).find((k) => !has('1.36', k) && !k.endsWith('List'));
    const only136 = Object.keys(loader('1.36').kinds).find((k) => !has('1.34', k) && !k.endsWith('List'));
    assert.ok(only136, 'v1.36 adds kinds');
    const [apiVersion, kind] = [only136.slice(0, only136.lastIndexOf('/')), only136.slice(only136.lastIndexOf('/') + 1)];
    const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n`;
    const in134 = lint(text, { version: '1.34' }).findings;
    assert.ok(in134.some((f) => f.severity === 'error' || f.ruleId === 'schema/no-schema'), JSON.stringify(in134));
    if (in134[0].ruleId === 'schema/unknown-kind') assert.match(in134[0].message, /served in Kubernetes 1\.36|Unknown kind/);
    assert.ok(lint(text, { version: '1.36' }).findings.every((f) => f.ruleId !== 'schema/unknown-kind' && f.ruleId !== 'schema/no-schema'));
    if (only134) assert.ok(!has('1.36', only134));
  });

  it('compiles each kind once and reuses the validator', () => {
    const v = new SchemaValidator(schemaLoader(), '1.34');
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
    lint(text, { validator: v });
    const internals = v as unknown as { builtin: Map<string, unknown> };
    const compiled = internals.builtin.get('v1/ConfigMap');
    lint(text.replace('name: c', 'name: d'), { validator: v });
    assert.equal(internals.builtin.get('v1/ConfigMap'), compiled);
    assert.equal(internals.builtin.size, 1);
  });

  it('precompiles common kinds on request', () => {
    const v = new SchemaValidator(schemaLoader(), '1.34');
    v.precompile(['apps/v1/Deployment', 'v1/Service', 'no/such/Kind']);
    const internals = v as unknown as { builtin: Map<string, unknown> };
    assert.deepEqual([...internals.builtin.keys()].sort(), ['apps/v1/Deployment', 'v1/Service']);
    assert.equal(v.isNamespaced('apps/v1', 'Deployment'), true);
    assert.equal(v.isNamespaced('v1', 'Namespace'), false);
  });

  it('caps the number of findings per document', () => {
    const fields = Array.from({ length: 80 }, (_, i) => `  unknown${i}: 1`).join('\n');
    const { findings } = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n${fields}\n`, { validator });
    assert.equal(findings.length, 50);
  });
});
