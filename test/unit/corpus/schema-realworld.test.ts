// Real-world manifests must produce no error-severity finding from parsing and schema validation (with the
// CRDs found in the same project known), except files that are invalid on purpose (corpus README):
// - metrics-server: only the rendered files count (manifests/ holds kustomize bases and strategic-merge patches,
//   which are partial objects by design). rendered .../high-availability.yaml is metrics-server's overlay for
//   clusters older than 1.21: its policy/v1beta1 PodDisruptionBudget is not served since 1.25, so for 1.34 the
//   api/deprecated-version error is the correct outcome (asserted below).
// - istio-bookinfo/platform/kube/bookinfo-certificate.yaml (certmanager.k8s.io/v1alpha1, no CRD): info only.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifests } from '../../../src/manifests/parse';
import type { ParsedFile } from '../../../src/manifests/types';
import { SchemaValidator } from '../../../src/validation/schema/validator';
import { corpusDir, schemaLoader, walkYaml } from '../validation/schema/helpers';

const PROJECTS = ['microservices-demo', 'istio-bookinfo', 'example-voting-app', 'argo-cd', 'cert-manager', 'ingress-nginx',
  'kube-prometheus', 'prometheus-operator', 'metrics-server/rendered-with-kubectl-kustomize'];

const EXPECTED_ERRORS: Record<string, RegExp> = {
  'metrics-server/rendered-with-kubectl-kustomize/high-availability.yaml': /^PodDisruptionBudget policy\/v1beta1 is no longer served/,
};

/** Corpus files whose content no longer matches the git blob id recorded in their folder's SOURCE.txt. */
function modifiedCorpusFiles(project: string): Set<string> {
  const folder = project.split('/')[0];
  const sourceTxt = path.join(corpusDir(), folder, 'SOURCE.txt');
  const out = new Set<string>();
  if (!fs.existsSync(sourceTxt)) return out;
  for (const m of fs.readFileSync(sourceTxt, 'utf8').matchAll(/-> (\S+)\s+([0-9a-f]{40})\s+\d+/g)) {
    const file = path.join(corpusDir(), folder, m[1]);
    if (!fs.existsSync(file)) continue;
    const body = fs.readFileSync(file);
    const sha = crypto.createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
    if (sha !== m[2]) out.add(path.relative(corpusDir(), file));
  }
  return out;
}

describe('corpus: real-world manifests have no parse or schema errors', function () {
  this.timeout(300000);
  let documents = 0;
  let files = 0;

  // The corpus is shared and read-only by convention; a file changed by someone else would make this suite
  // report that change as our error. Such files fail this test instead (by name) and are skipped below.
  const modified = new Set(PROJECTS.flatMap((p) => [...modifiedCorpusFiles(p)]));
  it('the corpus files are unmodified (git blob ids of SOURCE.txt)', () => {
    assert.deepEqual([...modified], []);
  });

  for (const project of PROJECTS) {
    it(project, () => {
      const dir = path.join(corpusDir(), project);
      const parsed: ParsedFile[] = walkYaml(dir).map((f) => parseManifests(path.relative(corpusDir(), f), fs.readFileSync(f, 'utf8')));
      const validator = new SchemaValidator(schemaLoader(), '1.34');
      validator.setCrds(parsed.flatMap((p) => p.manifests).filter((m) => m.object.kind === 'CustomResourceDefinition'));
      const errors: string[] = [];
      for (const p of parsed) {
        if (modified.has(p.path)) continue;
        files++;
        documents += p.manifests.length;
        const all = [...p.problems, ...p.manifests.flatMap((m) => validator.validate(m))];
        for (const f of all.filter((x) => x.severity === 'error')) {
          const allowed = EXPECTED_ERRORS[p.path];
          if (allowed && allowed.test(f.message)) continue;
          errors.push(`${p.path}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`);
        }
        assert.notEqual(p.kind, 'template', `${p.path} is not a template`);
      }
      assert.deepEqual(errors, []);
      assert.ok(parsed.some((p) => p.manifests.length > 0));
    });
  }

  it('reports the metrics-server pre-1.21 overlay for its removed PodDisruptionBudget API', () => {
    const f = 'metrics-server/rendered-with-kubectl-kustomize/high-availability.yaml';
    const p = parseManifests(f, fs.readFileSync(path.join(corpusDir(), f), 'utf8'));
    const v = new SchemaValidator(schemaLoader(), '1.34');
    const errors = p.manifests.flatMap((m) => v.validate(m)).filter((x) => x.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].ruleId, 'api/deprecated-version');
    assert.deepEqual(errors[0].fixes?.[0].edits[0].newText, 'policy/v1');
  });

  it('reads the YAML 1.1 "=" enum of the prometheus-operator CRDs as a string', () => {
    const f = 'prometheus-operator/bundle.yaml';
    const text = fs.readFileSync(path.join(corpusDir(), f), 'utf8');
    const p = parseManifests(f, text);
    const json = JSON.stringify(p.manifests.map((m) => m.object));
    assert.ok(/"enum":\[[^\]]*"="/.test(json));
  });

  after(() => console.log(`      real-world corpus: ${files} files, ${documents} objects, no unexpected errors`));
});
