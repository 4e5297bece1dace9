import assert from 'node:assert/strict';
import { runDeployment, resolveFenceposts, scaledValue, replicaSetNameFor, type Deployment } from '../../../../src/cluster/controllers/deployment';
import { computeHash, fnv1a32, safeEncode, generateName, podsPrefix, stableStringify } from '../../../../src/cluster/controllers/common';
import { Rng } from '../../../../src/cluster/rng';
import { ctx, SUFFIX } from './helpers';

function deployment(over: Partial<Deployment['spec']> = {}, name = 'web'): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop', labels: { team: 'a' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, ...over },
  };
}

describe('controllers/deployment', () => {
  it('SafeEncode maps decimal digits as the reference table says (0→4 … 9→f)', () => {
    assert.equal(safeEncode('0123456789'), '456789bcdf');
  });
  it('FNV-1a-32 matches the published test vectors', () => {
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
    assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  });
  it('FNV-1a-32 hashes the UTF-8 bytes (multi-byte characters, surrogate pairs, lone surrogates as U+FFFD)', () => {
    // reference: the same hash over TextEncoder's bytes
    const viaEncoder = (t: string) => { let h = 0x811c9dc5; for (const b of new TextEncoder().encode(t)) h = Math.imul(h ^ b, 0x01000193) >>> 0; return h >>> 0; };
    const rng = new Rng(7);
    const alphabet = ['a', 'Z', '~', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff', '\ud83d\ude00', '\ud800', '\udc00', '\u0000'];
    for (let i = 0; i < 300; i++) {
      let t = '';
      for (let j = rng.int(12); j > 0; j--) t += alphabet[rng.int(alphabet.length)];
      assert.equal(fnv1a32(t), viaEncoder(t), JSON.stringify(t));
    }
    assert.equal(fnv1a32('\u00e9'), viaEncoder('\u00e9'));
  });
  it('stable JSON: sorted keys, JSON escapes (quotes, backslashes, control characters, lone surrogates), undefined members dropped', () => {
    // reference: the same text from JSON.stringify, per level, keys sorted
    const reference = (x: unknown): string => {
      if (x === null || typeof x !== 'object') return JSON.stringify(x) ?? 'null';
      if (Array.isArray(x)) return `[${x.map(reference).join(',')}]`;
      const o = x as Record<string, unknown>;
      return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
    };
    const rng = new Rng(11);
    const atoms = ['a', 'b"c', 'd\\e', '\n', '\u0001', '\u2028', '\ud800', '\ud83d\ude00', '\u00e9', '10', '9', ''];
    const value = (depth: number): unknown => {
      const r = rng.int(depth > 2 ? 4 : 7);
      if (r === 0) return atoms[rng.int(atoms.length)];
      if (r === 1) return [0, -1.5, 1e21, NaN, 42][rng.int(5)];
      if (r === 2) return [true, false, null, undefined][rng.int(4)];
      if (r === 3) return atoms[rng.int(atoms.length)] + atoms[rng.int(atoms.length)];
      if (r === 4) return Array.from({ length: rng.int(4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) o[atoms[rng.int(atoms.length)] + String(rng.int(3))] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 300; i++) {
      const v = value(0);
      assert.equal(stableStringify(v), reference(v));
    }
    assert.equal(stableStringify({ b: 1, a: [undefined, 'x"y'], c: undefined }), '{"a":[null,"x\\"y"],"b":1}');
  });
  it('template hash: upstream format, stable under key order, changes with the template', () => {
    const h = computeHash({ spec: { containers: [{ name: 'c', image: 'nginx' }] }, metadata: { labels: { app: 'web' } } });
    assert.match(h, /^[456789bcdf]{1,10}$/);
    assert.equal(h, computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx', name: 'c' }] } }));
    assert.notEqual(h, computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx:2', name: 'c' }] } }));
  });
  it('makes ReplicaSet <deploy>-<hash> with pod-template-hash on labels, selector and template, and annotations', () => {
    const d = deployment();
    const out = runDeployment(d, null, ctx());
    const { name, hash } = replicaSetNameFor(deployment());
    assert.equal(out.replicaSets.length, 1);
    const rs = out.replicaSets[0];
    assert.equal(rs.name, name);
    assert.equal(rs.name, `web-${hash}`);
    assert.equal(rs.podTemplateHash, hash);
    assert.deepEqual(rs.labels, { app: 'web', 'pod-template-hash': hash });
    assert.deepEqual(rs.owner, { kind: 'Deployment', name: 'web' });
    assert.deepEqual(rs.annotations, { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
    const rsObj = out.controllers![0] as { spec: { selector: { matchLabels: Record<string, string> } } };
    assert.deepEqual(rsObj.spec.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
    assert.deepEqual(out.workload.replicaSets, [name]);
    assert.equal(out.workload.desired, 3);
  });
  it('pods are <rs>-<5 chars>, owned by the ReplicaSet, workload = Deployment, labels include the hash', () => {
    const out = runDeployment(deployment(), null, ctx());
    const rs = out.replicaSets[0];
    assert.equal(out.intents.length, 3);
    const names = new Set<string>();
    for (const i of out.intents) {
      const n = i.pod.metadata!.name!;
      assert.match(n, new RegExp(`^${rs.name}-${SUFFIX}$`));
      names.add(n);
      assert.deepEqual(i.owner, { kind: 'ReplicaSet', name: rs.name });
      assert.deepEqual(i.workload, { kind: 'Deployment', name: 'web' });
      assert.equal(i.pod.metadata!.namespace, 'shop');
      assert.equal(i.pod.metadata!.labels!['pod-template-hash'], rs.podTemplateHash);
      assert.equal(i.pod.metadata!.ownerReferences![0].kind, 'ReplicaSet');
      assert.equal(i.pod.metadata!.ownerReferences![0].controller, true);
      assert.equal(i.reporter, 'replicaset-controller');
      assert.equal(i.createMessage, `Created pod: ${n}`);
    }
    assert.equal(names.size, 3);
  });
  it('records ScalingReplicaSet "Scaled up replica set X from 0 to N"', () => {
    const out = runDeployment(deployment(), null, ctx());
    assert.deepEqual(out.events.map((e) => [e.reason, e.source, e.message]), [['ScalingReplicaSet', 'deployment-controller', `Scaled up replica set ${out.replicaSets[0].name} from 0 to 3`]]);
    assert.equal(runDeployment(deployment({ replicas: 0 }), null, ctx()).events.length, 0);
  });
  it('defaults replicas to 1 and honours an override (HPA / what-if)', () => {
    const d = deployment(); delete d.spec!.replicas;
    assert.equal(runDeployment(d, null, ctx()).intents.length, 1);
    assert.equal(runDeployment(deployment(), null, ctx(1, 5)).intents.length, 5);
  });
  it('a selector that does not match the template labels creates nothing and warns', () => {
    const out = runDeployment(deployment({ selector: { matchLabels: { app: 'other' } } }), null, ctx());
    assert.equal(out.intents.length, 0);
    assert.equal(out.replicaSets.length, 0);
    assert.match(out.warnings[0], /selector does not match template labels/);
  });
  it('fenceposts: surge rounds up, unavailable down, both zero -> unavailable 1', () => {
    assert.deepEqual(resolveFenceposts(deployment(), 10), { maxSurge: 3, maxUnavailable: 2 });
    assert.deepEqual(resolveFenceposts(deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }), 5), { maxSurge: 0, maxUnavailable: 1 });
    assert.deepEqual(resolveFenceposts(deployment({ strategy: { rollingUpdate: { maxSurge: '10%', maxUnavailable: '10%' } } }), 3), { maxSurge: 1, maxUnavailable: 0 });
    assert.equal(scaledValue('50%', 3, true, '0'), 2);
    assert.equal(scaledValue('50%', 3, false, '0'), 1);
    assert.equal(scaledValue(2, 3, false, '0'), 2);
  });
  it('generateName truncates the base to 58 characters; invalid prefixes fall back to the name', () => {
    const long = 'a'.repeat(70);
    const n = generateName(`${long}-`, new Rng(1));
    assert.equal(n.length, 63);
    assert.ok(n.startsWith('a'.repeat(58)));
    assert.equal(podsPrefix('web'), 'web-');
    assert.equal(podsPrefix('Web_1'), 'Web_1');
  });
  it('deterministic for the same seed', () => {
    const a = runDeployment(deployment(), null, ctx(9)).intents.map((i) => i.pod.metadata!.name);
    const b = runDeployment(deployment(), null, ctx(9)).intents.map((i) => i.pod.metadata!.name);
    assert.deepEqual(a, b);
  });
});
