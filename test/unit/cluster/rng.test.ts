import assert from 'node:assert/strict';
import { Rng, NAME_SUFFIX_ALPHABET } from '../../../src/cluster/rng';

describe('cluster/rng', () => {
  it('same seed, same sequence; different seeds differ', () => {
    const a = new Rng(42); const b = new Rng(42); const c = new Rng(43);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    const sb = Array.from({ length: 20 }, () => b.nextUint32());
    const sc = Array.from({ length: 20 }, () => c.nextUint32());
    assert.deepEqual(sa, sb);
    assert.notDeepEqual(sa, sc);
  });
  it('int(n) stays in [0, n) and covers the range', () => {
    const r = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.int(10);
      assert.ok(x >= 0 && x < 10 && Number.isInteger(x));
      seen.add(x);
    }
    assert.equal(seen.size, 10);
    assert.equal(r.int(1), 0);
    assert.equal(r.int(0), 0);
  });
  it('next() is in [0, 1)', () => {
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) { const x = r.next(); assert.ok(x >= 0 && x < 1); }
  });
  it('chars() draws from the name-suffix alphabet (no vowels, no 0/1/3)', () => {
    const r = new Rng(3);
    const s = r.chars(500, NAME_SUFFIX_ALPHABET);
    assert.equal(s.length, 500);
    assert.match(s, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.equal(new Set(s).size, NAME_SUFFIX_ALPHABET.length);
  });
  it('fork() gives independent, reproducible streams', () => {
    const f1 = new Rng(5).fork('names'); const f2 = new Rng(5).fork('names'); const g = new Rng(5).fork('ips');
    const x = f1.nextUint32();
    assert.equal(x, f2.nextUint32());
    assert.notEqual(x, g.nextUint32());
  });
  it('tolerates odd seeds', () => {
    assert.doesNotThrow(() => new Rng(Number.NaN).next());
    assert.equal(new Rng(-1).nextUint32(), new Rng(-1).nextUint32());
    assert.equal(new Rng(2 ** 40).nextUint32(), new Rng(2 ** 40).nextUint32());
  });
});
