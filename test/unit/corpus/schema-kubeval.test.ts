// Agreement with kubeval (../shared/corpus/kubeval/EXPECTED.json) where it states an outcome for parsing and
// schema validation. We are always strict, so a fixture with a `--strict` acceptance test takes that outcome.
// Not counted, with reasons:
// - duplicates*.yaml: kubeval's duplicate-object detection is a cross-resource check (the rules' duplicate-object
//   rule), not parse + schema; duplicates-skipped-kinds.yaml is valid only with KindsToSkip.
// - fixtures whose expectation carries options we do not have ("valid (with KindsToSkip=...)").
// Schema version: kubeval validated against its own default schema set (kubernetesjsonschema.dev), which still
// had extensions/v1beta1 and apps/v1beta1 Deployments and DaemonSets. Kubernetes 1.34 does not serve them, so
// for those fixtures (null_array.yaml, valid.json, same-kind-different-api.yaml) the right answer for 1.34 is
// api/deprecated-version and nothing else: the test asserts exactly that and counts them as version differences.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SchemaValidator } from '../../../src/validation/schema/validator';
import { corpusDir, outcomeOf, schemaLoader } from '../validation/schema/helpers';

interface KubevalFixture {
  expected_default?: string | null;
  acceptance_tests?: { commands: string[]; assertions: { exit_code?: number }[] }[];
}

function expected(fx: KubevalFixture): 'valid' | 'invalid' | null {
  for (const t of fx.acceptance_tests ?? []) {
    if (t.commands.some((c) => c.includes('--strict'))) {
      const code = t.assertions.find((a) => a.exit_code !== undefined)?.exit_code;
      if (code !== undefined) return code === 0 ? 'valid' : 'invalid';
    }
  }
  const d = fx.expected_default ?? '';
  if (d === 'valid' || d === 'invalid' || d === 'valid (strict, kubernetes 1.14.0)') return d.startsWith('valid') ? 'valid' : 'invalid';
  return null;
}

describe('corpus: kubeval agreement (parse + schema)', () => {
  const dir = path.join(corpusDir(), 'kubeval');
  const fixtures = (JSON.parse(fs.readFileSync(path.join(dir, 'EXPECTED.json'), 'utf8')) as { fixtures: Record<string, KubevalFixture> }).fixtures;
  const validator = new SchemaValidator(schemaLoader(), '1.34');
  const cases = Object.entries(fixtures)
    .filter(([file]) => !path.basename(file).startsWith('duplicates'))
    .map(([file, fx]) => ({ file, want: expected(fx) }))
    .filter((c): c is { file: string; want: 'valid' | 'invalid' } => c.want !== null);
  let agreed = 0;
  let versionDifferences = 0;

  for (const { file, want } of cases) {
    it(`${file}: ${want}`, () => {
      const { outcome, findings } = outcomeOf(fs.readFileSync(path.join(dir, file), 'utf8'), file, validator);
      const errors = findings.filter((f) => f.severity === 'error' || f.ruleId === 'schema/no-schema');
      if (want === 'valid' && errors.length > 0 && errors.every((f) => f.ruleId === 'api/deprecated-version')) {
        versionDifferences++;
        return;
      }
      assert.equal(outcome === 'valid' ? 'valid' : 'invalid', want, JSON.stringify(findings, null, 1));
      agreed++;
    });
  }

  it('counts the removed-API fixtures as version differences only', () => {
    for (const f of ['fixtures/null_array.yaml', 'fixtures/valid.json', 'fixtures/same-kind-different-api.yaml']) {
      const { findings } = outcomeOf(fs.readFileSync(path.join(dir, f), 'utf8'), f, validator);
      assert.ok(findings.length > 0 && findings.every((x) => x.ruleId === 'api/deprecated-version'), `${f}: ${JSON.stringify(findings)}`);
    }
  });

  after(() => {
    console.log(`      kubeval agreement: ${agreed}/${cases.length} (+ ${versionDifferences} removed-API fixtures that kubeval's older schemas accept)`);
  });
});
