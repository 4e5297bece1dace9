import assert from 'node:assert/strict';
import { parseQuantity, milliValue, intValue, isQuantity, formatResource } from '../../../src/core/quantity';

describe('core/quantity', () => {
  it('parses decimal, binary and exponent suffixes', () => {
    assert.equal(parseQuantity('1Gi'), 2 ** 30);
    assert.equal(parseQuantity('200Mi'), 209715200);
    assert.equal(parseQuantity('1.5k'), 1500);
    assert.equal(parseQuantity('1e3'), 1000);
    assert.equal(parseQuantity(2), 2);
  });
  it('rounds cpu up to millicores and other resources up to integers', () => {
    assert.equal(milliValue('100m'), 100);
    assert.equal(milliValue('0.1'), 100);
    assert.equal(milliValue('1.0001'), 1001);
    assert.equal(milliValue('1n'), 1);
    assert.equal(intValue('1.5'), 2);
    assert.equal(intValue('128974848'), 128974848);
  });
  it('rejects malformed quantities', () => {
    assert.equal(isQuantity('1Gb'), false);
    assert.equal(isQuantity('one'), false);
    assert.equal(isQuantity('500m'), true);
    assert.throws(() => parseQuantity('1 Gi'));
  });
  it('formats amounts for people', () => {
    assert.equal(formatResource('cpu', 1500), '1500m');
    assert.equal(formatResource('cpu', 2000), '2');
    assert.equal(formatResource('memory', 2 ** 31), '2Gi');
  });
});
