// Per rule: a positive example (count, exact range), a negative example, and every quick fix of the
// positive example applied to the text and re-parsed (valid YAML, and the finding gone where the fix
// claims to repair it).
import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { allRules } from '../../../../src/validation/rules/index';
import { CASES } from './cases';
import { lint, only, textAt } from './helpers';
import { applyEdits } from '../../../../src/validation/rules/edits';

function assertValidYaml(text: string, what: string): void {
  for (const d of parseAllDocuments(text)) assert.deepEqual(d.errors.map((e) => e.message), [], `${what} produced invalid YAML:\n${text}`);
}

describe('rules: positive and negative examples', () => {
  it('every rule without simulation has a case, every simulated rule is tested in simulation.test', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    const missing = allRules.filter((r) => !r.needsSnapshot && !covered.has(r.id)).map((r) => r.id);
    assert.deepEqual(missing, []);
  });

  for (const c of CASES) {
    describe(c.rule, () => {
      const ctx = c.ctx?.assumeExternal ? { assumeExternal: c.ctx.assumeExternal === 'all' ? 'all' as const : new Set(c.ctx.assumeExternal) } : {};
      it(`reports ${c.count} finding(s) at the offending node`, () => {
        const found = only(lint(c.positive, { ctx }), c.rule);
        assert.equal(found.length, c.count, JSON.stringify(found.map((f) => f.message)));
        assert.equal(textAt(c.positive, found[0].range).trim(), c.at);
        for (const f of found) {
          assert.equal(f.path, 'test.yaml');
          assert.ok(f.resource && f.resource.kind, 'finding names its resource');
          assert.ok(f.message.length > 0);
        }
      });
      it('reports nothing on the negative example', () => {
        assert.deepEqual(only(lint(c.negative, { ctx }), c.rule).map((f) => f.message), []);
      });
      it('every quick fix yields valid YAML; the suppression fix silences exactly this finding', () => {
        const found = only(lint(c.positive, { ctx }), c.rule);
        for (const f of found) {
          for (const fx of f.fixes ?? []) {
            const fixed = applyEdits(c.positive, fx.edits);
            assertValidYaml(fixed, `${c.rule}: ${fx.title}`);
            const after = only(lint(fixed, { ctx }), c.rule);
            if (fx.title.startsWith('Disable ')) {
              assert.equal(after.length, found.length - 1, `${fx.title} removes one finding`);
            } else if (fx.preferred) {
              // a preferred fix repairs the problem it was offered for
              assert.ok(!after.some((a) => a.message === f.message && a.range.start.line === f.range.start.line), `${fx.title} repairs ${f.message}:\n${fixed}`);
            }
          }
        }
      });
    });
  }
});
