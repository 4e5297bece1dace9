import * as assert from 'node:assert/strict';
import { parseManifests } from '../../../src/manifests/parse';
import { manifestAt, pathAt, formatPath } from '../../../src/extension/object-path';

const TEXT = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
`;

describe('extension/object-path (cursor → manifest and field)', () => {
  const parsed = parseManifests('/w/web.yaml', TEXT);
  const at = (line: number, character: number) => {
    const m = manifestAt(parsed.manifests, { line, character });
    assert.ok(m, `no manifest at ${line}:${character}`);
    return { kind: m.object.kind, ...pathAt(m, { line, character }) };
  };

  it('finds the document under the cursor', () => {
    assert.equal(at(1, 2).kind, 'Service');
    assert.equal(at(17, 4).kind, 'Deployment');
  });

  it('finds keys and values, inside sequences too', () => {
    assert.deepEqual(at(10, 8), { kind: 'Service', path: ['spec', 'ports', 0, 'targetPort'], onKey: true });
    assert.deepEqual(at(10, 20), { kind: 'Service', path: ['spec', 'ports', 0, 'targetPort'], onKey: false });
    assert.deepEqual(at(6, 9), { kind: 'Service', path: ['spec', 'selector', 'app'], onKey: false });
    assert.deepEqual(at(5, 4), { kind: 'Service', path: ['spec', 'selector'], onKey: true });
    assert.deepEqual(at(17, 3), { kind: 'Deployment', path: ['spec', 'replicas'], onKey: true });
  });

  it('formats paths the way Kubernetes documents them', () => {
    assert.equal(formatPath(['spec', 'template', 'spec', 'containers', 0, 'image']), 'spec.template.spec.containers[0].image');
  });
});
