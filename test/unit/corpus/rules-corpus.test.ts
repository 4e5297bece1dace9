// Every rule over every manifest of the corpus (real-world YAML in every style): no rule fails, every
// finding points inside its file, and every quick fix on files of moderate size applies to valid YAML
// that still parses to the same kinds of objects.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { parseManifests } from '../../../src/manifests/parse';
import { runRules, RULE_ERROR_ID } from '../../../src/validation/rules/run';
import { applyEdits } from '../../../src/validation/rules/edits';
import type { Manifest } from '../../../src/manifests/types';
import { CORPUS } from './rules-peers';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

describe('rules over the whole corpus', function () {
  this.timeout(300000);
  const texts = new Map<string, string>();
  const manifests: Manifest[] = [];
  before(() => {
    for (const f of walk(CORPUS)) {
      const text = fs.readFileSync(f, 'utf8');
      texts.set(f, text);
      manifests.push(...parseManifests(f, text).manifests);
    }
  });

  it('no rule fails, every finding lies inside its file', () => {
    const findings = runRules({ manifests, snapshot: null, assumeExternal: new Set(), kubernetesVersion: '1.34' }, {}, (p) => texts.get(p));
    assert.deepEqual(findings.filter((f) => f.ruleId === RULE_ERROR_ID).map((f) => f.message), []);
    assert.ok(findings.length > 1000, `${findings.length} findings`);
    for (const f of findings) {
      const lines = (texts.get(f.path) ?? '').split('\n');
      assert.ok(f.range.start.line < lines.length && f.range.end.line < lines.length + 1, `${f.ruleId} ${f.path} ${JSON.stringify(f.range)}`);
    }
  });

  it('every quick fix (files under 1,500 lines) yields valid YAML with the same objects', () => {
    const findings = runRules({ manifests, snapshot: null, assumeExternal: new Set(), kubernetesVersion: '1.34' }, {}, (p) => texts.get(p));
    let applied = 0;
    const baseline = new Map<string, { errors: number; kinds: (string | null)[] }>();
    const kindOf = (d: Document.Parsed) => (d.toJS() as { kind?: string } | null)?.kind ?? null;
    const perFile = new Map<string, number>();
    for (const f of findings) {
      const text = texts.get(f.path);
      if (text === undefined || text.split('\n').length > 1500) continue;
      for (const fx of f.fixes ?? []) {
        if (fx.title.startsWith('Disable ')) {
          // one suppression fix per file is enough to cover the comment placement
          if ((perFile.get(f.path) ?? 0) > 0) continue;
          perFile.set(f.path, 1);
        }
        let before = baseline.get(f.path);
        if (!before) {
          const docs: Document.Parsed[] = [...parseAllDocuments(text)];
          before = { errors: docs.reduce((n, d) => n + d.errors.length, 0), kinds: docs.filter((d) => d.errors.length === 0).map(kindOf) };
          baseline.set(f.path, before);
        }
        const after: Document.Parsed[] = [...parseAllDocuments(applyEdits(text, fx.edits))];
        // files that were already broken (fixtures of invalid YAML) stay exactly as broken, no more
        assert.equal(after.reduce((n, d) => n + d.errors.length, 0), before.errors, `${f.ruleId} "${fx.title}" broke ${f.path}`);
        assert.deepEqual(after.filter((d) => d.errors.length === 0).map(kindOf), before.kinds, `${f.ruleId} "${fx.title}" changed the objects of ${f.path}`);
        applied++;
      }
    }
    assert.ok(applied > 500, `${applied} fixes applied`);
  });
});
