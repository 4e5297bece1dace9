import assert from 'node:assert/strict';
import { runDeployment, resolveFenceposts, scaledValue, replicaSetNameFor, type Deployment } from '../../../../src/cluster/controllers/deployment';
import { computeHash, fnv1a32, safeEncode, generateName, podsPrefix } from '../../../../src/cluster/controllers/common';
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
