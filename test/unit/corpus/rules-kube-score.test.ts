// Agreement with kube-score: for every Go test expectation of a check that maps to one of our rules,
// lint the fixture and compare the grade of the FIRST object that runs the check (as kube-score's
// testExpectedScore does) with whether our rule fires on that object: CRITICAL/WARNING = fires, OK = not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Manifest } from '../../../src/manifests/types';
import { CORPUS, KUBE_SCORE, KNOWN_DISAGREEMENTS, lintFixture, objectId, firing, tally, formatTally, type RuleTally } from './rules-peers';

interface Expectation { go_test: string; check: string | null; expected_grade?: string | null; run_config?: Record<string, unknown> | null }

const ROOT = path.join(CORPUS, 'kube-score');
const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'EXPECTED.json'), 'utf8')) as { fixtures: Record<string, { expectations?: Expectation[] }> };

const POD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

/** Which objects kube-score runs a check on (the check's target type). */
function runsCheck(check: string, m: Manifest): boolean {
  const k = m.object.kind;
  switch (check) {
    case 'Service Targets Pod': return k === 'Service';
    case 'Ingress targets Service': return k === 'Ingress';
    case 'NetworkPolicy targets Pod': return k === 'NetworkPolicy';
    case 'HorizontalPodAutoscaler has target': return k === 'HorizontalPodAutoscaler';
    case 'Deployment targeted by HPA does not have replicas configured': return k === 'Deployment';
    case 'StatefulSet has ServiceName':
    case 'StatefulSet Pod Selector labels match template metadata labels': return k === 'StatefulSet';
    default: return POD_KINDS.has(k);
  }
}

const table = new Map<string, RuleTally>();

describe('agreement with kube-score (corpus/kube-score EXPECTED.json)', function () {
  this.timeout(60000);
  const cases: { fixture: string; e: Expectation }[] = [];
  for (const [fixture, v] of Object.entries(expected.fixtures)) {
    for (const e of v.expectations ?? []) if (e.check && KUBE_SCORE[e.check] && e.expected_grade) cases.push({ fixture, e });
  }

  it('maps the checks kube-score tests (sanity of the mapping table)', () => {
    assert.ok(cases.length >= 50, `only ${cases.length} mapped expectations`);
  });

  for (const { fixture, e } of cases) {
    const check = e.check as string;
    const map = KUBE_SCORE[check];
    it(`${e.go_test}: ${check} ${e.expected_grade} → ${map.rules.join(', ')}`, () => {
      const l = lintFixture(path.join(ROOT, fixture));
      const first = l.manifests.find((m) => runsCheck(check, m));
      assert.ok(first, `no object runs ${check} in ${fixture}`);
      const wantFire = !/^OK/.test(String(e.expected_grade));
      const got = firing(l, map).has(objectId(first));
      const key = `kube-score ${e.go_test} ${objectId(first)}`;
      const known = key in KNOWN_DISAGREEMENTS;
      for (const r of map.rules) tally(table, r, wantFire === got, known);
      if (known) {
        assert.notEqual(got, wantFire, `${key} is listed as a disagreement but now agrees: remove it from KNOWN_DISAGREEMENTS and docs/rules.md`);
        return;
      }
      assert.equal(got, wantFire, `${objectId(first)}: kube-score grades ${e.expected_grade} (run_config ${JSON.stringify(e.run_config)}), we ${got ? 'report' : 'pass'} it`);
    });
  }

  after(() => {
    console.log(formatTally('  kube-score agreement per rule (expectations agreeing / compared):', table));
  });
});
