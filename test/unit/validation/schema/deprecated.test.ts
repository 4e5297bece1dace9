import assert from 'node:assert/strict';
import { isRemovedBy, removedApi, removedApiVersions } from '../../../../src/validation/schema/deprecated';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PARSE_AND_SCHEMA_RULES } from '../../../../src/validation/schema/rule-ids';
import { lint, repoRoot, schemaLoader } from './helpers';

describe('validation/schema/deprecated', () => {
  it('knows the removals of the deprecation guide', () => {
    assert.deepEqual(removedApi('extensions/v1beta1', 'Deployment'), { removedIn: '1.16', replacement: 'apps/v1' });
    assert.equal(removedApi('policy/v1beta1', 'PodSecurityPolicy')?.replacement, null);
    assert.equal(removedApi('batch/v1beta1', 'CronJob')?.removedIn, '1.25');
    assert.equal(removedApi('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.removedIn, '1.26');
    assert.equal(removedApi('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema')?.removedIn, '1.32');
    assert.equal(removedApi('apps/v1', 'Deployment'), undefined);
    assert.ok(isRemovedBy('1.16', '1.34') && isRemovedBy('1.34', '1.34') && !isRemovedBy('1.35', '1.34'));
  });

  it('every replacement is served by Kubernetes 1.34 and 1.36, and no removed API is', () => {
    for (const version of ['1.34', '1.36']) {
      const kinds = schemaLoader()(version).kinds;
      for (const apiVersion of removedApiVersions()) {
        for (const kind of ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Ingress', 'CronJob', 'PodDisruptionBudget', 'PodSecurityPolicy',
          'HorizontalPodAutoscaler', 'ClusterRole', 'RoleBinding', 'CustomResourceDefinition', 'FlowSchema', 'StorageClass', 'CSIStorageCapacity']) {
          const r = removedApi(apiVersion, kind);
          if (!r) continue;
          assert.ok(!(`${apiVersion}/${kind}` in kinds), `${apiVersion} ${kind} is still in ${version}`);
          if (r.replacement) assert.ok(`${r.replacement}/${kind}` in kinds, `${r.replacement} ${kind} missing in ${version}`);
        }
      }
    }
  });

  it('reports a removed apiVersion naming the replacement, with a fix when the object fits it', () => {
    const cron = `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: c, image: busybox}]
`;
    const { findings } = lint(cron);
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.equal(f.ruleId, 'api/deprecated-version');
    assert.equal(f.severity, 'error');
    assert.equal(f.message, 'CronJob batch/v1beta1 is no longer served (removed in Kubernetes 1.25): use batch/v1');
    assert.deepEqual([f.range.start.line, f.range.start.character, f.range.end.character], [0, 12, 25]);
    assert.deepEqual(f.fixes?.[0].edits.map((e) => e.newText), ['batch/v1']);
  });

  it('offers no apiVersion fix when the object does not fit the replacement schema', () => {
    const ingress = `apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: i}
spec:
  rules:
  - http:
      paths:
      - path: /
        backend: {serviceName: web, servicePort: 80}
`;
    const [f] = lint(ingress).findings;
    assert.match(f.message, /^Ingress extensions\/v1beta1 is no longer served \(removed in Kubernetes 1\.22\): use networking\.k8s\.io\/v1 — /);
    assert.equal(f.fixes, undefined);
    const psp = lint('apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\nspec: {}\n').findings[0];
    assert.match(psp.message, /no replacement — use Pod Security Admission/);
  });
});

describe('validation/schema/rule-ids', () => {
  it('lists every rule id the parser and validator produce, each documented in docs/rules.md', () => {
    const doc = fs.readFileSync(path.join(repoRoot(), 'docs', 'rules.md'), 'utf8');
    const src = ['src/manifests/parse-chunk.ts', 'src/manifests/parse.ts', 'src/validation/schema/validator.ts', 'src/validation/schema/messages.ts']
      .map((f) => fs.readFileSync(path.join(repoRoot(), f), 'utf8')).join('\n');
    const used = new Set([...src.matchAll(/'((?:yaml|manifest|schema|api)\/[A-Za-z-]+)'/g)].map((m) => m[1]));
    const listed = new Set(PARSE_AND_SCHEMA_RULES.map((r) => r.id));
    assert.deepEqual([...used].filter((id) => !listed.has(id)), []);
    for (const id of listed) assert.ok(doc.includes(`### ${id}\n`), `docs/rules.md has no section for ${id}`);
  });
});
