// Bad input never crashes: manifests whose fields hold values of the wrong type (null, numbers, lists, maps
// where the others are expected) go through every rule and the simulation; no rule fails internally and the
// simulation returns a snapshot. Mutations are drawn from a seeded generator, so a failure reproduces.
import * as assert from 'node:assert/strict';
import { parseAllDocuments, stringify } from 'yaml';
import { simulate } from '../../../../src/cluster/simulate';
import { runRules } from '../../../../src/validation/rules/run';
import { RULE_ERROR_ID } from '../../../../src/validation/rules/run';
import { CASES } from './cases';
import { parse } from './helpers';

const WRONG: unknown[] = [5, 'x', [1], { a: 1 }, null, true, -1, '0%', [], {}, [null]];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(o: Json, p: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (o && typeof o === 'object') {
    for (const k of Object.keys(o)) {
      const key = Array.isArray(o) ? Number(k) : k;
      out.push([...p, key]);
      paths((o as Record<string, Json>)[k], [...p, key], out);
    }
  }
  return out;
}

describe('rules and simulation over wrongly typed manifests', () => {
  // every positive and negative example of the rule tests, as one set of documents to mutate
  const docs = CASES.flatMap((c) => [c.positive, c.negative]).flatMap((t) => parseAllDocuments(t).map((d) => d.toJS() as Json)).filter((d) => d && typeof d === 'object');

  it('no internal rule error and no simulation crash in 100 seeded mutations', () => {
    let seed = 20261122;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let iter = 0; iter < 100; iter++) {
      const picked = Array.from({ length: 6 }, () => JSON.parse(JSON.stringify(docs[rnd(docs.length)])) as Json);
      for (let m = 0; m < 8; m++) {
        const d = picked[rnd(picked.length)];
        const ps = paths(d);
        if (!ps.length) continue;
        const p = ps[rnd(ps.length)];
        let o = d as Record<string | number, Json>;
        for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, Json>;
        o[p[p.length - 1]] = JSON.parse(JSON.stringify(WRONG[rnd(WRONG.length)])) as Json;
      }
      const text = picked.map((d) => stringify(d)).join('---\n');
      const manifests = parse(text, 'fuzz.yaml');
      let snapshot = null;
      assert.doesNotThrow(() => { snapshot = simulate(manifests, { seed: 1 }); }, `iteration ${iter}:\n${text}`);
      const findings = runRules({ manifests, snapshot, assumeExternal: new Set(), kubernetesVersion: '1.34' }, {}, (p) => (p === 'fuzz.yaml' ? text : undefined));
      const internal = findings.filter((f) => f.ruleId === RULE_ERROR_ID);
      assert.deepEqual(internal.map((f) => f.message), [], `iteration ${iter}:\n${text}`);
      // quick fixes are computed on first read: every one must compute and edit inside the text
      for (const f of findings) {
        let fixes: typeof f.fixes = [];
        assert.doesNotThrow(() => { fixes = f.fixes; }, `fixes of ${f.ruleId} (${f.message}), iteration ${iter}:\n${text}`);
        for (const fx of fixes ?? []) for (const e of fx.edits) assert.ok(e.range.start.line <= e.range.end.line, `${fx.title}: a range`);
      }
    }
  });

  it('a Service port or an envFrom entry that is null does not stop the simulation', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: "nginx:1.27", envFrom: [null, {configMapRef: {name: cfg}}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [null, {port: 80}]
`;
    const snap = simulate(parse(text), { seed: 1 });
    assert.equal(snap.workloads[0].scheduled, 2);
    assert.deepEqual(snap.pods[0].references, [{ kind: 'ConfigMap', name: 'cfg' }]);
    const slice = snap.endpointSlices.find((s) => s.service === 'web')!;
    assert.deepEqual(slice.ports.map((p) => p.port), [80]);
    assert.equal(slice.endpoints.length, 2);
  });
});
