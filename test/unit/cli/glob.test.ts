import assert from 'node:assert/strict';
import { globMatches, matchesAny } from '../../../src/cli/glob';

describe('cli/glob', () => {
  it('matches ** across folders and * within one', () => {
    assert.ok(globMatches('charts/**', 'charts/a/b.yaml'));
    assert.ok(globMatches('**/charts/**', 'x/charts/a/b.yaml'));
    assert.ok(globMatches('**/*.json', 'a/b/c.json'));
    assert.ok(globMatches('**/*.json', 'c.json'));
    assert.ok(globMatches('a/*.yaml', 'a/x.yaml'));
    assert.ok(!globMatches('a/*.yaml', 'a/b/x.yaml'));
    assert.ok(globMatches('a/**/x.yaml', 'a/x.yaml'));
    assert.ok(globMatches('a/**/x.yaml', 'a/b/c/x.yaml'));
  });
  it('a pattern without a slash matches a name at any depth, folders exclude their contents', () => {
    assert.ok(globMatches('values.yaml', 'charts/app/values.yaml'));
    assert.ok(globMatches('templates', 'charts/app/templates/deploy.yaml'));
    assert.ok(!globMatches('templates', 'charts/app/templates.yaml'));
    assert.ok(globMatches('vendor/', 'vendor/x.yaml'));
  });
  it('supports ?, classes and alternatives', () => {
    assert.ok(globMatches('file?.yaml', 'file1.yaml'));
    assert.ok(!globMatches('file?.yaml', 'file12.yaml'));
    assert.ok(globMatches('[ab]*.yaml', 'beta.yaml'));
    assert.ok(!globMatches('[!ab]*.yaml', 'beta.yaml'));
    assert.ok(globMatches('*.{yaml,yml}', 'x.yml'));
    assert.ok(!globMatches('*.{yaml,yml}', 'x.json'));
  });
  it('treats regex characters literally and survives odd patterns', () => {
    assert.ok(globMatches('a+b(1).yaml', 'a+b(1).yaml'));
    assert.ok(!globMatches('a.yaml', 'axyaml'));
    assert.equal(globMatches('{unclosed', 'x'), false);
    assert.equal(globMatches('[', '['), true);
    assert.ok(matchesAny(['nope', '**/*.yml'], 'a/b.yml'));
    assert.ok(!matchesAny([], 'a/b.yml'));
  });
});
