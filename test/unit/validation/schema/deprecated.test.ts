import assert from 'node:assert/strict';
import { deprecatedApi, isRemovedBy, removedApi, removedApiVersions } from '../../../../src/validation/schema/deprecated';
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

  it('warns about a deprecated API that is still served, as the API server does, and still validates the object', () => {
    const endpoints = 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets:\n- addresses: [{ip: 10.0.0.5}]\n  ports: [{port: eighty}]\n';
    for (const version of ['1.34', '1.36']) {
      const { findings } = lint(endpoints, { version });
      assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.message]), [
        ['api/deprecated-version', 'warning', 'v1 Endpoints is deprecated in Kubernetes 1.33+ (still served): use discovery.k8s.io/v1 EndpointSlice'],
        ['schema/type', 'error', 'subsets[0].ports[0].port must be an integer, got "eighty"'],
      ]);
      assert.deepEqual([findings[0].range.start.line, findings[0].range.start.character, findings[0].range.end.character], [0, 12, 14]);
      assert.equal(findings[0].fixes, undefined, 'EndpointSlice is a different shape: no one-click replacement');
    }
    const cs = lint('apiVersion: v1\nkind: ComponentStatus\nmetadata: {name: etcd-0}\n').findings;
    assert.deepEqual(cs.map((f) => f.message), ['v1 ComponentStatus is deprecated in Kubernetes 1.19+ (still served)']);
    assert.deepEqual(lint('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: s}\naddressType: IPv4\nendpoints: []\n').findings, []);
  });

  it('every deprecated-but-served API is in the schemas with a "Deprecated" note in the OpenAPI spec', () => {
    const spec = JSON.parse(fs.readFileSync(path.resolve(repoRoot(), '..', 'shared', 'k8s-openapi', 'swagger-v1.34.0.json'), 'utf8')) as {
      definitions: Record<string, { description?: string; 'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[] }>;
    };
    const noted = new Map<string, string>();
    for (const def of Object.values(spec.definitions)) {
      const m = /Deprecated: This API is deprecated in v(\d+\.\d+)\+/.exec(def.description ?? '');
      for (const g of def['x-kubernetes-group-version-kind'] ?? []) {
        if (m && !g.kind.endsWith('List')) noted.set(`${g.group ? `${g.group}/` : ''}${g.version} ${g.kind}`, m[1]);
      }
    }
    assert.ok(noted.size >= 2);
    for (const [key, since] of noted) {
      const [apiVersion, kind] = key.split(' ');
      assert.equal(deprecatedApi(apiVersion, kind)?.since, since, `${key} is deprecated in ${since}+ according to the OpenAPI spec`);
    }
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
