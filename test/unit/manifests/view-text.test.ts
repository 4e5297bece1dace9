// The documents in view of a large file, linted first (src/manifests/view-text.ts): their findings are the
// whole file's findings for them, and the whole text's parse afterwards reuses their chunks.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { textInView } from '../../../src/manifests/view-text';
import { ParseCache } from '../../../src/manifests/parse-cache';
import { splitDocuments } from '../../../src/manifests/split';
import { LintEngine } from '../../../src/validation/engine';
import { createFsSchemaLoader } from '../../../src/validation/schema/fs-loader';
import type { Finding } from '../../../src/validation/finding';

const repoRoot = path.resolve(__dirname, '../../../..');
const loader = createFsSchemaLoader(path.join(repoRoot, 'schemas'));
const argo = path.resolve(repoRoot, '..', 'shared', 'corpus', 'argo-cd', 'manifests', 'install.yaml');

const deployment = (name: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replica: 1\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: c, image: nginx${extra}}]\n`;

describe('manifests/view-text', () => {
  it('empties the documents out of view, keeping lines, characters and chunks', () => {
    const text = `# head\n${deployment('a')}---\n${deployment('b')}--- # c\n${deployment('c')}`;
    const chunks = splitDocuments(text);
    const view = textInView(text, [[chunks[1].startLine + 2, chunks[1].startLine + 3]]);
    assert.ok(view);
    assert.equal(view.split('\n').length, text.split('\n').length);
    const viewChunks = splitDocuments(view);
    assert.deepEqual(viewChunks.map((c) => c.startLine), chunks.map((c) => c.startLine));
    assert.equal(viewChunks[1].text, chunks[1].text, 'the document in view is unchanged');
    assert.match(viewChunks[2].text, /^---\n+$/);
    assert.match(viewChunks[0].text, /^\n+$/);
  });

  it('declines when there is nothing to gain or the whole file decides', () => {
    const two = `${deployment('a')}---\n${deployment('b')}`;
    assert.equal(textInView(deployment('a'), [[0, 3]]), null, 'one document');
    assert.equal(textInView(two, [[0, 100]]), null, 'everything in view');
    assert.equal(textInView(two, []), null, 'no view');
    assert.equal(textInView(`${two}---\nx: "{{ .Values.a }}"\n`, [[0, 1]]), null, 'template text');
    assert.equal(textInView(`${two}---\na: "\u0000"\n`, [[0, 1]]), null, 'binary content');
    assert.equal(textInView(two, [[0, 1]], 10), null, 'over the size limit');
    assert.equal(textInView(`%YAML 1.1\n---\n${two}`, [[0, 1]]), null, 'directives: one chunk');
  });

  it('argo-cd: the findings of the documents in view are the whole file\'s, and the whole parse reuses them', () => {
    const original = fs.readFileSync(argo, 'utf8');
    const at = original.indexOf('\nkind: Deployment\n');
    const k = splitDocuments(original).findIndex((c) => c.startOffset > at) - 1;
    // A finding in that first Deployment: a misspelled field.
    const text = splitDocuments(original).map((c, i) => (i === k ? c.text.replace(/\n(\s+)image: /, '\n$1imagePullSecretz: x\n$1image: ') : c.text)).join('');
    const chunks = splitDocuments(text);
    const line = chunks[k].startLine + 5;
    const view = textInView(text, [[line, line + 40]]);
    assert.ok(view);

    const whole = new LintEngine({ loader, kubernetesVersion: '1.34', rules: false, simulation: false });
    whole.setFile('install.yaml', text);
    const all = whole.lintFiles(['install.yaml']).get('install.yaml')!;
    const inView = (f: Finding) => f.range.start.line >= chunks[k].startLine && f.range.start.line < chunks[k + 1].startLine;
    assert.ok(all.some((f) => inView(f) && f.ruleId === 'schema/unknown-field'), 'the edit made a finding in view');

    const e = new LintEngine({ loader, kubernetesVersion: '1.34', rules: false, simulation: false });
    e.setFile('install.yaml', view);
    const early = e.lintFiles(['install.yaml']).get('install.yaml')!;
    assert.deepEqual(JSON.parse(JSON.stringify(early)), JSON.parse(JSON.stringify(all.filter(inView))));

    const cache = new ParseCache();
    cache.parse('install.yaml', view);
    cache.parse('install.yaml', text);
    assert.equal(cache.lastParsedChunks, chunks.length - 1, 'every chunk but the one in view');
    e.setFile('install.yaml', text);
    assert.deepEqual(JSON.parse(JSON.stringify(e.lint().get('install.yaml'))), JSON.parse(JSON.stringify(all)));
  });
});
