import assert from 'node:assert/strict';
import * as path from 'node:path';
import { LintEngine } from '../../../src/validation/engine';
import { createFsSchemaLoader } from '../../../src/validation/schema/fs-loader';
import { kustomizePatchPaths, normalizePath } from '../../../src/validation/kustomize';

const repoRoot = path.resolve(__dirname, '../../../..');
const loader = createFsSchemaLoader(path.join(repoRoot, 'schemas'));

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
`;
const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 5\n  replicaz: 2\n';

describe('validation/kustomize', () => {
  it('finds the patch files kustomizations name (patches, patchesStrategicMerge, patchesJson6902), relative to each', () => {
    const found = kustomizePatchPaths([
      { path: 'overlays/prod/kustomization.yaml', text: 'resources: [../../base]\npatches:\n- path: replicas.yaml\n- patch: |-\n    inline\npatchesStrategicMerge: [./sub/../memory.yaml]\npatchesJson6902:\n- target: {kind: Deployment, name: web}\n  path: ops.yaml\n' },
      { path: '/abs/dev/Kustomization', text: 'patchesStrategicMerge:\n- dev.yaml\n' },
      { path: 'broken/kustomization.yml', text: 'patches: [' },
      { path: 'overlays/prod/replicas.yaml', text: PATCH },
    ]);
    assert.deepEqual([...found].sort(), ['/abs/dev/dev.yaml', 'overlays/prod/memory.yaml', 'overlays/prod/ops.yaml', 'overlays/prod/replicas.yaml']);
    assert.equal(normalizePath('./a/b/../c\\d'), 'a/c/d');
  });

  it('a patch is not an object: no missing required fields, no duplicate of its base, but its typos are still reported', () => {
    const engine = new LintEngine({ loader, kubernetesVersion: '1.34', simulation: false });
    engine.setFile('base/deploy.yaml', BASE);
    engine.setFile('base/kustomization.yaml', 'resources: [deploy.yaml]\n');
    engine.setFile('overlays/prod/replicas.yaml', PATCH);
    const before = engine.lint().get('overlays/prod/replicas.yaml')!.map((f) => f.ruleId);
    assert.ok(before.includes('schema/required') && before.includes('duplicate-object'), `without its kustomization the patch reads as a broken object: ${before}`);

    engine.setFile('overlays/prod/kustomization.yaml', 'resources: [../../base]\npatches:\n- path: replicas.yaml\n');
    const after = engine.lint();
    assert.deepEqual(after.get('overlays/prod/replicas.yaml')!.map((f) => [f.ruleId, f.message]), [
      ['schema/unknown-field', 'Unknown field "replicaz" in Deployment spec — did you mean "replicas"?'],
    ]);
    assert.ok(!after.get('base/deploy.yaml')!.some((f) => f.ruleId === 'duplicate-object'));
    assert.deepEqual(engine.manifests().map((m) => m.source.path), ['base/deploy.yaml']);

    // the kustomization goes away: the file is an object again
    engine.removeFile('overlays/prod/kustomization.yaml');
    assert.ok(engine.lint().get('overlays/prod/replicas.yaml')!.some((f) => f.ruleId === 'schema/required'));
  });
});
