// docs/rules.md documents every rule (a heading per id, which is its docs anchor), every peer-check
// mapping the agreement tests use, and every knowing disagreement they skip.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../../src/validation/rules/index';
import { KUBE_LINTER, KUBE_SCORE, KNOWN_DISAGREEMENTS, REPO_ROOT } from '../../corpus/rules-peers';

const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');

describe('docs/rules.md', () => {
  it('has a section per rule whose heading is the rule\'s docs anchor', () => {
    const headings = new Set([...doc.matchAll(/^###\s+(\S+)\s*$/gm)].map((m) => m[1]));
    const missing = allRules.filter((r) => !headings.has(r.docsAnchor)).map((r) => r.id);
    assert.deepEqual(missing, []);
  });
  it('tables every kube-linter and kube-score check the agreement tests map', () => {
    for (const [check, map] of Object.entries({ ...KUBE_LINTER, ...KUBE_SCORE })) {
      const row = doc.split('\n').find((l) => l.startsWith('|') && l.includes(check));
      assert.ok(row, `no table row for ${check}`);
      for (const r of map.rules) assert.ok(row.includes(r), `row for ${check} does not name ${r}`);
    }
  });
  it('explains every disagreement the agreement tests skip', () => {
    for (const key of Object.keys(KNOWN_DISAGREEMENTS)) assert.ok(doc.includes(`\`${key}\``), key);
  });
});
