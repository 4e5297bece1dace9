import assert from 'node:assert/strict';
import { ParseCache } from '../../../src/manifests/parse-cache';
import { parseManifests } from '../../../src/manifests/parse';
import { splitDocuments } from '../../../src/manifests/split';

function doc(name: string, replicas = 1): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n`;
}

describe('manifests/parse-cache', () => {
  it('splits at --- lines only', () => {
    const text = `a: 1\n---\nb: |\n  --- not a separator (indented)\n---  \nc: 3\n--- # comment\nd: 4\n----\n`;
    const chunks = splitDocuments(text);
    assert.deepEqual(chunks.map((c) => c.startLine), [0, 1, 4, 6]);
    assert.equal(chunks.map((c) => c.text).join(''), text);
  });

  it('re-parses only the changed document and reuses the others, moved to their new lines', () => {
    const cache = new ParseCache();
    const v1 = [doc('a'), doc('b'), doc('c')].join('---\n');
    const first = cache.parse('f.yaml', v1);
    assert.equal(cache.lastParsedChunks, 3);
    const [a, b, c] = first.manifests;

    // one-character edit in b
    const v2 = [doc('a'), doc('b', 2), doc('c')].join('---\n');
    const second = cache.parse('f.yaml', v2);
    assert.equal(cache.lastParsedChunks, 1);
    assert.equal(second.manifests[0], a);
    assert.notEqual(second.manifests[1], b);
    assert.equal(second.manifests[2], c);
    assert.equal(second.manifests[1].object.spec && (second.manifests[1].object.spec as { replicas: number }).replicas, 2);

    // inserting lines in the first document moves the others
    const v3 = [doc('a').replace('spec:\n', 'spec:\n  paused: false\n  minReadySeconds: 1\n'), doc('b', 2), doc('c')].join('---\n');
    const third = cache.parse('f.yaml', v3);
    assert.equal(cache.lastParsedChunks, 1);
    assert.equal(third.manifests[2], c);
    const fresh = parseManifests('f.yaml', v3);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(third.manifests[i].source, fresh.manifests[i].source);
      assert.deepEqual(third.manifests[i].rangeOf(['spec', 'replicas']), fresh.manifests[i].rangeOf(['spec', 'replicas']));
    }
    assert.equal(third.manifests[2].rangeOf(['metadata', 'name']).start.line, 19);
  });

  it('gives the same result as a full parse, problems included', () => {
    const cache = new ParseCache();
    const text = `${doc('a')}---\nkind: Service\n---\n${doc('b')}  replicas: 3\n`;
    cache.parse('g.yaml', doc('a'));
    const inc = cache.parse('g.yaml', text);
    const full = parseManifests('g.yaml', text);
    assert.deepEqual(inc.problems, full.problems);
    assert.deepEqual(inc.manifests.map((m) => m.source), full.manifests.map((m) => m.source));
    assert.equal(inc.kind, full.kind);
  });

  it('handles documents that move between files and template edits', () => {
    const cache = new ParseCache();
    cache.parse('a.yaml', doc('x'));
    const moved = cache.parse('b.yaml', doc('x'));
    assert.equal(moved.manifests[0].source.path, 'b.yaml');
    const t = cache.parse('a.yaml', `${doc('x')}  minReadySeconds: {{ .Values.x }}\n`);
    assert.equal(t.kind, 'template');
    const back = cache.parse('a.yaml', doc('x'));
    assert.equal(back.kind, 'kubernetes');
    assert.equal(back.manifests.length, 1);
  });
  it('applies the size and binary pre-checks to edits, looking only at new documents, like a full parse', () => {
    const strip = (p: ReturnType<ParseCache['parse']>) => JSON.stringify({ kind: p.kind, problems: p.problems, n: p.manifests.length });
    // 4 documents of ~40 characters; the limit sits between their UTF-16 length and UTF-8 length once
    // multi-byte characters come in, so bytes are counted (text.length × 3 > limit).
    const base = [doc('a'), doc('b'), doc('c'), doc('d')].join('---\n');
    const maxBytes = base.length + 40;
    const cache = new ParseCache({ maxBytes });
    assert.equal(cache.parse('f.yaml', base).kind, 'kubernetes');
    assert.equal(cache.lastParsedChunks, 4);
    // An annotation of 35 characters, ten of them three-byte: 55 bytes, over the limit in UTF-8 only.
    const wide = base.replace('name: b\n', 'name: b\n  annotations: {x: "€€€€€€€€€€"}\n');
    assert.ok(wide.length <= maxBytes);
    const tooLarge = cache.parse('f.yaml', wide);
    assert.equal(strip(tooLarge), strip(parseManifests('f.yaml', wide, { maxBytes })));
    assert.equal(tooLarge.kind, 'too-large');
    // Back under the limit: parsed again (the rejected text left nothing in the cache).
    assert.equal(cache.parse('f.yaml', base).kind, 'kubernetes');
    assert.equal(cache.lastParsedChunks, 4);
    // A NUL typed into one document: the binary-content error, at the same place as a full parse puts it.
    const nul = base.replace('name: c', 'name: c\u0000');
    const binary = cache.parse('f.yaml', nul);
    assert.equal(binary.kind, 'not-kubernetes');
    assert.equal(strip(binary), strip(parseManifests('f.yaml', nul, { maxBytes })));
    // Two-byte characters that stay under the limit: parsed, only the edited document again.
    cache.parse('f.yaml', base);
    const accented = base.replace('name: d', 'name: dé');
    assert.equal(cache.parse('f.yaml', accented).kind, 'kubernetes');
    assert.equal(cache.lastParsedChunks, 1);
  });
});
