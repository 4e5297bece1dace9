import assert from 'node:assert/strict';
import { describeField } from '../../../../src/validation/schema/field-info';
import { schemaLoader } from './helpers';

describe('validation/schema/field-info', () => {
  const d = (apiVersion: string, kind: string, path: (string | number)[]) => describeField('1.34', apiVersion, kind, path, schemaLoader());

  it('describes fields with type, path and required', () => {
    assert.deepEqual(d('apps/v1', 'Deployment', ['spec', 'replicas']), { type: 'integer', path: 'spec.replicas', required: false });
    assert.deepEqual(d('apps/v1', 'Deployment', ['spec', 'selector']), { type: 'LabelSelector', path: 'spec.selector', required: true });
    assert.deepEqual(d('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers']),
      { type: '[]Container', path: 'spec.template.spec.containers', required: true });
    assert.equal(d('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'])?.type, 'quantity');
    assert.equal(d('v1', 'Service', ['spec', 'ports', 0, 'targetPort'])?.type, 'integer | string');
    assert.equal(d('v1', 'ConfigMap', ['data'])?.type, 'map[string]string');
    assert.equal(d('v1', 'Pod', ['metadata', 'creationTimestamp'])?.type, 'string (date-time)');
  });

  it('returns null for unknown fields, kinds and versions', () => {
    assert.equal(d('apps/v1', 'Deployment', ['spec', 'replica']), null);
    assert.equal(d('example.com/v1', 'Widget', ['spec']), null);
    assert.equal(describeField('1.10', 'v1', 'Pod', ['spec'], schemaLoader()), null);
  });
});
