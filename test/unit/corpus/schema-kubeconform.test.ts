// Agreement with kubeconform -strict on its own fixtures (../shared/corpus/kubeconform/EXPECTED.json).
//
// How EXPECTED.json reads (its `about`): expected_default is kubeconform's outcome with default options —
// valid = exit 0; invalid = exit 1 from a schema violation; error = exit 1 from a parse/structure problem or a
// missing schema; null = no test with default options. expected_by_option["-strict"] overrides it, since we are
// always strict (unknown fields and duplicate keys are errors). Our outcome for a file:
//   error   — a parse problem of error severity (yaml/syntax, manifest/missing-kind, manifest/missing-apiVersion),
//             or no schema for a resource (schema/no-schema, schema/unknown-kind, api/deprecated-version: removed
//             APIs are absent from kubeconform's schema set too);
//   invalid — any other error-severity finding (schema violations, yaml/duplicate-key: kubeconform -strict
//             rejects duplicate keys as invalid, see duplicate_property.yaml);
//   valid   — otherwise.
// Schema version: kubeconform's default schemas are its "master" set and some tests pass -kubernetes-version
// 1.20.0; we validate with 1.34. Every fixture with a stated outcome uses kinds whose schema did not change in a
// way that matters here (apps/v1 DaemonSet, v1 Service/ReplicationController/LimitRange/Namespace, batch/v1 Job),
// so the outcomes are comparable as they are.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SchemaValidator } from '../../../src/validation/schema/validator';
import { corpusDir, outcomeOf, schemaLoader, type Outcome } from '../validation/schema/helpers';

function expectedStrict(fx: { expected_default?: string | null; expected_by_option?: Record<string, string> | null }): Outcome | null {
  const raw = fx.expected_by_option?.['-strict'] ?? fx.expected_default ?? null;
  if (!raw) return null;
  const word = raw.split(/\s/)[0];
  return word === 'valid' || word === 'invalid' || word === 'error' ? word : null;
}

describe('corpus: kubeconform -strict agreement (parse + schema)', () => {
  const dir = path.join(corpusDir(), 'kubeconform');
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'EXPECTED.json'), 'utf8')) as { fixtures: Record<string, Parameters<typeof expectedStrict>[0]> };
  const validator = new SchemaValidator(schemaLoader(), '1.34');
  const cases = Object.entries(expected.fixtures)
    .map(([file, fx]) => ({ file, want: expectedStrict(fx) }))
    .filter((c): c is { file: string; want: Outcome } => c.want !== null);
  let agreed = 0;

  it('has fixtures with stated outcomes', () => {
    assert.ok(cases.length >= 20, `${cases.length} fixtures`);
  });

  for (const { file, want } of cases) {
    it(`${file}: ${want}`, () => {
      const { outcome, findings } = outcomeOf(fs.readFileSync(path.join(dir, file), 'utf8'), file, validator);
      assert.equal(outcome, want, JSON.stringify(findings, null, 1));
      agreed++;
    });
  }

  it('words missing keys as kubeconform does', () => {
    const read = (f: string) => outcomeOf(fs.readFileSync(path.join(dir, 'fixtures', f), 'utf8'), f, validator).findings.map((x) => x.message).join('\n');
    assert.match(read('missing_apiversion.yaml'), /missing 'apiVersion' key/);
    assert.match(read('missing_kind.yaml'), /missing 'kind' key/);
    assert.match(read('missing_kind_value.yaml'), /missing 'kind' key/);
    assert.match(read('list_invalid.yaml'), /spec\.replicas must be an integer, got "asd\\""/);
  });

  after(() => {
    console.log(`      kubeconform -strict agreement: ${agreed}/${cases.length} fixtures with a stated outcome`);
  });
});
