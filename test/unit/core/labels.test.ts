import assert from 'node:assert/strict';
import { selectorMatches, mapSelectorMatches, labelKeyError, labelValueError, formatSelector } from '../../../src/core/labels';

describe('core/labels', () => {
  it('null selector matches nothing, empty selector matches everything', () => {
    assert.equal(selectorMatches(null, { a: 'b' }), false);
    assert.equal(selectorMatches({}, { a: 'b' }), true);
  });
  it('ANDs matchLabels and expressions', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'canary', operator: 'DoesNotExist' }] };
    assert.equal(selectorMatches(sel, { app: 'web', tier: 'fe' }), true);
    assert.equal(selectorMatches(sel, { app: 'web', tier: 'db' }), false);
    assert.equal(selectorMatches(sel, { app: 'web', tier: 'fe', canary: 'x' }), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['1'] }] }, {}), true);
  });
  it('map selectors: empty matches nothing', () => {
    assert.equal(mapSelectorMatches({}, { a: 'b' }), false);
    assert.equal(mapSelectorMatches({ a: 'b' }, { a: 'b', c: 'd' }), true);
  });
  it('validates label syntax', () => {
    assert.equal(labelKeyError('app.kubernetes.io/name'), null);
    assert.match(labelKeyError('Bad_Prefix/name') ?? '', /prefix/);
    assert.match(labelValueError('-bad') ?? '', /alphanumeric/);
    assert.equal(labelValueError(''), null);
    assert.equal(formatSelector({ matchLabels: { app: 'web' } }), 'app=web');
  });
});
