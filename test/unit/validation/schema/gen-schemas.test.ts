import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, schemaLoader } from './helpers';
import type { SchemaBundle } from '../../../../src/validation/schema/bundle';
import { QUANTITY_PATTERN_SOURCE } from '../../../../src/validation/schema/messages';
import { isQuantity } from '../../../../src/core/quantity';

describe('scripts/gen-schemas.mjs and schemas/', () => {
  const b: SchemaBundle = schemaLoader()('1.34');
  const def = (name: string) => b.definitions[name] as Record<string, any>; // test inspects arbitrary JSON Schema

  it('regenerates the committed schemas byte for byte', function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-schemas-'));
    try {
      execFileSync(process.execPath, [path.join(repoRoot(), 'scripts', 'gen-schemas.mjs'), path.resolve(repoRoot(), '..', 'shared', 'k8s-openapi'), out]);
      for (const v of ['v1.34.json', 'v1.36.json']) {
        assert.equal(fs.readFileSync(path.join(out, v), 'utf8'), fs.readFileSync(path.join(repoRoot(), 'schemas', v), 'utf8'), v);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('keys kinds by group/version/Kind with their scope', () => {
    assert.deepEqual(b.kinds['apps/v1/Deployment'], { ref: 'apps.v1.Deployment', namespaced: true });
    assert.deepEqual(b.kinds['v1/Namespace'], { ref: 'core.v1.Namespace', namespaced: false });
    assert.equal(b.kinds['rbac.authorization.k8s.io/v1/ClusterRole'].namespaced, false);
    assert.equal(b.kinds['extensions/v1beta1/Deployment'], undefined);
    assert.equal(b.kinds['meta.k8s.io/v1/Status'], undefined, 'meta types are not listed per group');
  });

  it('strips descriptions and closes objects with declared properties', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'schemas', 'v1.34.json'), 'utf8');
    assert.ok(!text.includes('"description":"'), 'no description texts (JSONSchemaProps has a field named description)');
    assert.ok(!text.includes('"x-kubernetes-group-version-kind":[') && !text.includes('"x-kubernetes-list-type":"'));
    const spec = def('apps.v1.DeploymentSpec');
    assert.equal(spec.additionalProperties, false);
    assert.deepEqual(spec.required, ['selector', 'template']);
    assert.deepEqual(spec.properties.replicas, { type: 'integer' });
    assert.deepEqual(def('core.v1.ConfigMap').properties.data, { type: 'object', additionalProperties: { type: 'string' } });
    assert.deepEqual(def('apimachinery.runtime.RawExtension'), { type: 'object' });
  });

  it('maps IntOrString and Quantity', () => {
    assert.deepEqual(def('core.v1.ServicePort').properties.targetPort, { type: ['integer', 'string'] });
    const q = def('apimachinery.api.resource.Quantity');
    assert.deepEqual(q.type, ['string', 'number']);
    assert.equal(q.pattern, QUANTITY_PATTERN_SOURCE);
    const re = new RegExp(q.pattern);
    for (const s of ['1', '250m', '1.5', '.5', '64Mi', '1e3', '1E-3', '2Gi', '+1', '100u', '5n']) {
      assert.ok(re.test(s), s);
      assert.ok(isQuantity(s), `core/quantity agrees on ${s}`);
    }
    for (const s of ['1 Gi', 'Gi', '1GB', '1.2.3', '', 'one']) assert.ok(!re.test(s), s);
  });

  it('adds the enumerations the API server enforces', () => {
    assert.deepEqual(def('core.v1.Container').properties.imagePullPolicy.enum, ['', 'Always', 'IfNotPresent', 'Never']);
    assert.deepEqual(def('core.v1.ServiceSpec').properties.type.enum, ['', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    assert.deepEqual(def('core.v1.PersistentVolumeClaimSpec').properties.accessModes.items.enum, ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
    assert.deepEqual(def('core.v1.Taint').properties.effect.enum, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  });

  it('keeps date-time and byte formats only', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'schemas', 'v1.34.json'), 'utf8');
    const formats = new Set([...text.matchAll(/"format":"([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual([...formats].sort(), ['byte', 'date-time']);
  });

  it('stays small: both versions under 100 KB gzipped', () => {
    const zlib = require('node:zlib') as typeof import('node:zlib');
    let total = 0;
    for (const v of ['v1.34.json', 'v1.36.json']) total += zlib.gzipSync(fs.readFileSync(path.join(repoRoot(), 'schemas', v))).length;
    assert.ok(total < 100 * 1024, `${total} bytes`);
  });
});
