import assert from 'node:assert/strict';
import { cluster, cycle, node, pod } from './helpers';
import { ImageLocality, normalizedImageName, calculatePriority } from '../../../../src/cluster/scheduler/plugins/image-locality';

const MiB = 2 ** 20;

describe('ImageLocality', () => {
  it('normalizes names: :latest appended only when there is no tag', () => {
    assert.equal(normalizedImageName('nginx'), 'nginx:latest');
    assert.equal(normalizedImageName('registry:5000/app'), 'registry:5000/app:latest');
    assert.equal(normalizedImageName('registry:5000/app:1.2'), 'registry:5000/app:1.2');
    assert.equal(normalizedImageName('app@sha256:abc'), 'app@sha256:abc');
  });

  it('scales the image size by its spread and maps [23MiB, 1000MiB·containers] to [0, 100]', () => {
    const img = { names: ['nginx:latest'], sizeBytes: 500 * MiB };
    const s = cluster([node('a', { images: [img] }), node('b', { images: [img] }), node('c')]);
    const cs = cycle(s, pod('p'));
    const il = new ImageLocality();
    // sum = trunc(500MiB · 2/3) = 349525333; 100·(349525333 − 23MiB)/(1000MiB − 23MiB) = 31
    assert.equal(il.score(cs, s.node('a')!), 31);
    assert.equal(il.score(cs, s.node('c')!), 0);
    assert.equal(calculatePriority(0, 0), 0);
    assert.equal(calculatePriority(5000 * MiB, 1), 100);
  });
});
