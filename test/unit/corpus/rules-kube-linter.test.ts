// Agreement with kube-linter: for every e2e test of a check that maps to one of our rules, lint the
// fixture and compare, object by object, whether our rule fires with what the test expects (the
// reports it asserts, attributed to objects; every other object is expected to pass).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Manifest } from '../../../src/manifests/types';
import { CORPUS, KUBE_LINTER, KNOWN_DISAGREEMENTS, lintFixture, objectId, firing, tally, formatTally, type RuleTally } from './rules-peers';

interface E2eTest { test: string; expected_report_count?: number; expected_reports: { equals?: string; matches_regex?: string }[]; checks_enabled?: string[]; only_these_checks?: boolean }

const ROOT = path.join(CORPUS, 'kube-linter');
const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'EXPECTED.json'), 'utf8')) as { fixtures: Record<string, { e2e_tests?: E2eTest[] }> };

const PASS_NAME = /dont-fire|should-pass|^pass/;

/**
 * Attribute each asserted report ("Kind[ name]: message") to an object: same kind (and name if given),
 * then the candidate whose text contains most of the message's quoted words (container, port, referenced
 * names), objects named like "dont-fire"/"should-pass" last, each object taken once before reuse.
 */
function attribute(manifests: Manifest[], reports: string[]): Set<string> {
  const taken = new Map<string, number>();
  const out = new Set<string>();
  for (const rep of reports) {
    const m = /^([A-Za-z]+)(?: ([^:]+))?: (.*)$/s.exec(rep);
    if (!m) continue;
    const [, kind, name, msg] = m;
    let cands = manifests.filter((x) => x.object.kind === kind && (!name || x.object.metadata?.name === name));
    if (cands.length === 0) continue;
    // tokens of the message that are some string or number value of the object (names, ports, keys)
    const words = [...new Set(msg.split(/[^A-Za-z0-9._/-]+/).filter((w) => w.length >= 2 || /^[0-9]$/.test(w)))];
    const score = (x: Manifest) => {
      const json = JSON.stringify(x.object);
      return words.filter((w) => json.includes(`"${w}"`) || json.includes(`:${w},`) || json.includes(`:${w}}`)).length * 10 - (PASS_NAME.test(String(x.object.metadata?.name ?? '')) ? 100 : 0) - (taken.get(objectId(x)) ?? 0);
    };
    cands = [...cands].sort((a, b) => score(b) - score(a));
    const pick = cands[0];
    taken.set(objectId(pick), (taken.get(objectId(pick)) ?? 0) + 1);
    out.add(objectId(pick));
  }
  return out;
}

const table = new Map<string, RuleTally>();

describe('agreement with kube-linter (corpus/kube-linter EXPECTED.json)', function () {
  this.timeout(60000);
  const cases: { fixture: string; t: E2eTest; check: string }[] = [];
  for (const [fixture, v] of Object.entries(expected.fixtures)) {
    for (const t of v.e2e_tests ?? []) {
      const check = t.checks_enabled?.length === 1 ? t.checks_enabled[0] : t.test;
      if (KUBE_LINTER[check] && t.expected_reports) cases.push({ fixture, t, check });
    }
  }

  it('maps most of the checks kube-linter tests (sanity of the mapping table)', () => {
    assert.ok(cases.length >= 25, `only ${cases.length} mapped tests`);
  });

  for (const { fixture, t, check } of cases) {
    const map = KUBE_LINTER[check];
    it(`${check} on ${fixture} → ${map.rules.join(', ')}`, () => {
      const l = lintFixture(path.join(ROOT, fixture));
      const want = attribute(l.manifests, t.expected_reports.map((r) => r.equals ?? r.matches_regex ?? ''));
      const got = firing(l, map);
      const wrong: string[] = [];
      // compare the objects of the kinds the check is about: those kube-linter reports, and those we report
      const kinds = new Set(t.expected_reports.map((r) => /^([A-Za-z]+)/.exec(r.equals ?? r.matches_regex ?? '')?.[1]));
      for (const m of l.manifests) if (got.has(objectId(m))) kinds.add(m.object.kind);
      for (const m of l.manifests) {
        if (!kinds.has(m.object.kind)) continue;
        const id = objectId(m);
        const agree = want.has(id) === got.has(id);
        const key = `kube-linter ${t.test} ${id}`;
        const known = key in KNOWN_DISAGREEMENTS;
        if (known) assert.ok(!agree, `${key} is listed as a disagreement but now agrees: remove it from KNOWN_DISAGREEMENTS and docs/rules.md`);
        for (const r of map.rules) tally(table, r, agree, known);
        if (!agree && !known) wrong.push(`${id}: kube-linter ${want.has(id) ? 'reports' : 'passes'} it, we ${got.has(id) ? 'report' : 'pass'} it`);
      }
      assert.deepEqual(wrong, []);
    });
  }

  after(() => {
    // the closing figures the issue asks for: agreement per rule over every object of the mapped fixtures
    console.log(formatTally('  kube-linter agreement per rule (objects agreeing / objects compared):', table));
  });
});
