import * as assert from 'node:assert/strict';
import { findFilesExclude, globMatcher, globToRegExp } from '../../../src/extension/glob';

describe('extension/glob (kubePreview.exclude)', () => {
  it('matches ** across folders and * within one segment', () => {
    const m = globMatcher(['charts/**', 'k8s/*.tmpl.yaml']);
    assert.equal(m('charts/web/templates/deploy.yaml'), true);
    assert.equal(m('k8s/a.tmpl.yaml'), true);
    assert.equal(m('k8s/sub/a.tmpl.yaml'), false);
    assert.equal(m('k8s/a.yaml'), false);
  });

  it('treats a pattern without a slash as a name at any depth, and a folder pattern as everything below', () => {
    const m = globMatcher(['secret.yaml', 'generated']);
    assert.equal(m('secret.yaml'), true);
    assert.equal(m('a/b/secret.yaml'), true);
    assert.equal(m('a/b/not-secret.yaml'), false);
    assert.equal(m('generated/x/y.yaml'), true);
    assert.equal(m('src/generated/y.yaml'), true);
  });

  it('supports braces, ?, character classes and the default excludes', () => {
    const m = globMatcher(['**/node_modules/**', '**/*.{yml,yaml}.bak', 'v?/[ab]*.yaml']);
    assert.equal(m('node_modules/x/a.yaml'), true);
    assert.equal(m('web/node_modules/x/a.yaml'), true);
    assert.equal(m('a.yaml.bak'), true);
    assert.equal(m('deep/a.yml.bak'), true);
    assert.equal(m('v1/alpha.yaml'), true);
    assert.equal(m('v1/gamma.yaml'), false);
    assert.equal(m('v10/alpha.yaml'), false);
  });

  it('escapes regex metacharacters and ignores empty patterns', () => {
    assert.equal(globToRegExp('a+b(1).yaml').test('a+b(1).yaml'), true);
    assert.equal(globToRegExp('a.yaml').test('axyaml'), false);
    assert.equal(globMatcher(['', '  '])('anything.yaml'), false);
  });

  it('turns the excludes into one findFiles pattern when they nest', () => {
    assert.equal(findFilesExclude(['**/node_modules/**', 'charts', 'k8s/*.tmpl.yaml']),
      '{**/node_modules/**,**/charts,**/charts/**,k8s/*.tmpl.yaml,k8s/*.tmpl.yaml/**}');
    assert.equal(findFilesExclude(['a/{b,c}/**']), null);
    assert.equal(findFilesExclude([]), null);
  });
});
