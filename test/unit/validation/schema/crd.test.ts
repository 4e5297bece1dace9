import assert from 'node:assert/strict';
import { SchemaValidator } from '../../../../src/validation/schema/validator';
import { convertCrdSchema } from '../../../../src/validation/schema/crd';
import { parseManifests } from '../../../../src/manifests/parse';
import { lint, schemaLoader } from './helpers';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size:
                type: string
                enum: [small, medium, large]
              port:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
              timeout:
                type: string
                format: duration
              config:
                type: object
                x-kubernetes-preserve-unknown-fields: true
              template:
                type: object
                x-kubernetes-embedded-resource: true
                properties:
                  spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
              owner:
                type: string
                nullable: true
              replicas:
                type: integer
                minimum: 1
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
  - name: v1alpha1
    served: true
    storage: false
`;

const widget = (spec: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  labels: {a: b}\nspec:\n${spec}`;

describe('validation/schema/crd', () => {
  const validator = new SchemaValidator(schemaLoader(), '1.34');
  validator.setCrds(parseManifests('crd.yaml', CRD).manifests);

  it('validates custom resources against their CRD schema', () => {
    const ok = widget('  size: small\n  port: http\n  timeout: 1m30s\n  config: {anything: [1, 2]}\n  template:\n    apiVersion: v1\n    kind: Pod\n    metadata: {name: x}\n    spec: {containers: []}\n  owner: null\n');
    assert.deepEqual(lint(ok, { validator }).findings, []);
    assert.deepEqual(lint(widget('  size: large\n  port: 8080\n'), { validator }).findings, []);
  });

  it('reports unknown fields, enums with suggestions, types, formats and required fields', () => {
    const { findings } = lint(widget('  size: Smal\n  port: [1]\n  timeout: PT1M\n  colour: red\n  replicas: 0\n'), { validator });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.message]), [
      ['schema/enum', 'spec.size must be one of "small", "medium", "large", got "Smal" — did you mean "small"?'],
      ['schema/type', 'spec.port must be an integer or a string, got a list'],
      ['schema/format', 'spec.timeout must be a duration such as "30s", "5m" or "1h30m", got "PT1M"'],
      ['schema/unknown-field', 'Unknown field "colour" in Widget spec'],
      ['schema/constraint', 'spec.replicas must be >= 1, got 0'],
    ]);
    assert.equal(findings[0].fixes?.[0].edits[0].newText, 'small');
    const missing = lint(widget('  port: 1\n'), { validator }).findings;
    assert.deepEqual(missing.map((f) => f.message), ['Missing required field "size" in Widget spec']);
  });

  it('requires apiVersion and kind (but not metadata) in an embedded resource, as the API server does', () => {
    const tmpl = (t: string) => widget(`  size: small\n  template:\n${t}`);
    assert.deepEqual(lint(tmpl('    apiVersion: v1\n    kind: Pod\n'), { validator }).findings, []);
    const { findings } = lint(tmpl('    spec: {containers: []}\n'), { validator });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.message, f.range.start.line]), [
      ['schema/required', 'Missing required field "apiVersion" in Widget spec.template', 7],
      ['schema/required', 'Missing required field "kind" in Widget spec.template', 7],
    ]);
    const empty = lint(tmpl('    apiVersion: ""\n    kind: Pod\n'), { validator }).findings;
    assert.deepEqual(empty.map((f) => f.ruleId), ['schema/constraint']);
  });

  it('validates metadata as ObjectMeta', () => {
    const { findings } = lint(widget('  size: small\n').replace('  labels: {a: b}\n', '  labels: {a: b}\n  lables: {}\n'), { validator });
    assert.deepEqual(findings.map((f) => f.message), ['Unknown field "lables" in Widget metadata — did you mean "labels"?']);
    assert.equal(findings[0].fixes, undefined, 'labels exists already: renaming would duplicate it');
  });

  it('accepts anything for a CRD version without a schema', () => {
    const { findings } = lint('apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w}\nspec: {whatever: 1}\n', { validator });
    assert.deepEqual(findings, []);
  });

  it('reports a version its CRD does not serve (served: false) or does not define, instead of validating it', () => {
    const v = new SchemaValidator(schemaLoader(), '1.34');
    v.setCrds(parseManifests('crd.yaml', CRD.replace('  - name: v1alpha1\n    served: true', '  - name: v1alpha1\n    served: false')).manifests);
    const off = lint('apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w}\nspec: {whatever: 1}\n', { validator: v }).findings;
    assert.deepEqual(off.map((f) => [f.ruleId, f.severity, f.message, f.range.start.line, f.range.start.character]), [[
      'schema/unknown-kind', 'error',
      'Widget example.com/v1alpha1 is not served: CustomResourceDefinition widgets.example.com sets served: false for v1alpha1 — served: example.com/v1',
      0, 12,
    ]]);
    const missing = lint('apiVersion: example.com/v2\nkind: Widget\nmetadata: {name: w}\n', { validator: v }).findings;
    assert.deepEqual(missing.map((f) => [f.ruleId, f.message]), [[
      'schema/unknown-kind',
      'Widget example.com/v2 is not served: CustomResourceDefinition widgets.example.com defines no version "v2" — served: example.com/v1',
    ]]);
    // another kind of the same group, without a CRD among the inputs, is still just "no schema"
    const other = lint('apiVersion: example.com/v1\nkind: Sprocket\nmetadata: {name: s}\n', { validator: v }).findings;
    assert.deepEqual(other.map((f) => f.ruleId), ['schema/no-schema']);
  });

  it('reads apiextensions.k8s.io/v1beta1 CRDs (spec.validation) when their CR is validated', () => {
    const v1beta1 = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  version: v1
  names: {kind: Gadget, plural: gadgets}
  validation:
    openAPIV3Schema:
      properties:
        spec:
          properties:
            count: {type: integer}
`;
    const v = new SchemaValidator(schemaLoader(), '1.34');
    v.setCrds(parseManifests('c.yaml', v1beta1).manifests);
    const { findings } = lint('apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {count: many}\n', { validator: v });
    assert.deepEqual(findings.map((f) => f.message), ['spec.count must be an integer, got "many"']);
  });

  it('collapses oneOf/anyOf alternatives into one finding per node', () => {
    const crd = CRD.replace('widgets.example.com', 'gizmos.example.com').replace('kind: Widget, plural: widgets, singular: widget', 'kind: Gizmo, plural: gizmos')
      .replace('              replicas:\n', '              source:\n                type: object\n                properties:\n                  git: {type: string}\n                  helm: {type: string}\n                oneOf:\n                - required: [git]\n                - required: [helm]\n              replicas:\n');
    const v = new SchemaValidator(schemaLoader(), '1.34');
    v.setCrds(parseManifests('g.yaml', crd).manifests);
    const text = (source: string) => `apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec:\n  size: small\n  source: ${source}\n`;
    assert.deepEqual(lint(text('{git: a}'), { validator: v }).findings, []);
    const none = lint(text('{}'), { validator: v }).findings;
    assert.deepEqual(none.map((f) => [f.ruleId, f.message]), [['schema/constraint', 'spec.source does not match any of the allowed forms (for instance: missing "git")']]);
    assert.equal(none[0].range.start.line, 5);
    const both = lint(text('{git: a, helm: b}'), { validator: v }).findings;
    assert.deepEqual(both.map((f) => f.message), ['spec.source matches more than one of the allowed forms']);
  });

  it('converts the structural-schema extensions', () => {
    const s = convertCrdSchema({
      type: 'object', description: 'x',
      properties: {
        a: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^(?i)bad$' },
        b: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { c: { type: 'string' } } },
        d: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        e: { type: 'string', format: 'int32', 'x-kubernetes-validations': [{ rule: 'self != ""' }] },
      },
    });
    assert.deepEqual(s, {
      type: 'object',
      additionalProperties: false,
      properties: {
        a: { type: ['integer', 'string'] },
        b: { type: 'object', properties: { c: { type: 'string' } } },
        d: {
          type: 'object', required: ['apiVersion', 'kind'],
          properties: { apiVersion: { type: 'string', minLength: 1 }, kind: { type: 'string', minLength: 1 }, metadata: { type: 'object' } },
        },
        e: { type: 'string' },
      },
    });
  });
});
