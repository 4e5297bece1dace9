// Replicas a controller stamps from one template share what PodInfo and templateKeyOf derive from the
// spec (markReplica): it must be exactly what each pod would get on its own, the bound replica's
// nodeName must not leak into its siblings' key, and only intents made in one go carry a token.
import assert from 'node:assert/strict';
import { replicaTokenOf, podFromTemplate, type PodIntent } from '../../../../src/cluster/controllers/common';
import { type Deployment, runDeployment } from '../../../../src/cluster/controllers/deployment';
import { runStatefulSet, type StatefulSet } from '../../../../src/cluster/controllers/statefulset';
import type { Pod, PodTemplateSpec } from '../../../../src/cluster/k8s';
import { markReplica, podInfoOf, templateKeyOf } from '../../../../src/cluster/scheduler/pod-info';
import { ctx } from '../controllers/helpers';

const template: PodTemplateSpec = {
  metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } },
  spec: {
    containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '250m', memory: '64Mi' } }, ports: [{ containerPort: 80, hostPort: 8080 }] }],
    initContainers: [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '1' } } }],
    tolerations: [{ key: 'dedicated', operator: 'Exists' }],
    nodeSelector: { disk: 'ssd' },
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }],
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'db' } }, namespaces: ['data'] } }],
      },
    },
  },
};

const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u-rs', controller: true, blockOwnerDeletion: true };

/** A pod built on its own from an unmarked copy (no token: everything derived afresh). */
function alone(p: Pod): Pod {
  return JSON.parse(JSON.stringify(p)) as Pod;
}

function derived(p: Pod): Record<string, unknown> {
  const { pod: _pod, ...rest } = podInfoOf(p);
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (v instanceof Set ? [...v] : v))) as Record<string, unknown>;
}

describe('replicas stamped from one template', () => {
  it('share PodInfo and template key, each exactly what the pod gets on its own', () => {
    const token = {};
    const pods = ['web-abc-aaaaa', 'web-abc-bbbbb', 'web-abc-ccccc'].map((n, i) => podFromTemplate(template, 'shop', n, owner, `uid-${i}`));
    for (const p of pods) markReplica(p, token);
    for (const p of pods) {
      const own = alone(p);
      assert.deepEqual(derived(p), derived(own), p.metadata?.name);
      assert.equal(podInfoOf(p).pod, p);
      assert.equal(podInfoOf(p).key, `shop/${p.metadata?.name}`);
      assert.equal(templateKeyOf(podInfoOf(p)), templateKeyOf(podInfoOf(own)));
    }
    // the derived fields are computed once: the second and third replicas read the first's
    assert.equal(podInfoOf(pods[2]).requests, podInfoOf(pods[1]).requests);
    assert.equal(podInfoOf(pods[2]).requiredAntiAffinity, podInfoOf(pods[0]).requiredAntiAffinity);
    assert.equal(podInfoOf(pods[0]).requests.cpu, 1000, 'the init container\'s 1 cpu dominates');
  });

  it('a bound replica\'s nodeName stays out of the key of its pending siblings', () => {
    const token = {};
    const [bound, pending] = ['web-abc-ddddd', 'web-abc-fffff'].map((n, i) => podFromTemplate(template, 'shop', n, owner, `uid-b${i}`));
    markReplica(bound, token);
    markReplica(pending, token);
    (bound.spec ??= {}).nodeName = 'node-1';
    const boundKey = templateKeyOf(podInfoOf(bound));
    assert.ok(boundKey.includes('node-1'));
    const pendingKey = templateKeyOf(podInfoOf(pending));
    assert.ok(!pendingKey.includes('node-1'));
    assert.equal(pendingKey, templateKeyOf(podInfoOf(alone(pending))));
  });

  it('a Deployment\'s intents share one token; copies of an intent and StatefulSet pods carry none', () => {
    const d: Deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: template.spec } },
    };
    const intents = runDeployment(d, null, ctx()).intents;
    assert.equal(intents.length, 3);
    const token = replicaTokenOf(intents[0]);
    assert.ok(token !== undefined);
    assert.ok(intents.every((i) => replicaTokenOf(i) === token));
    const copy: PodIntent = { ...intents[0], pod: alone(intents[0].pod) };
    assert.equal(replicaTokenOf(copy), undefined);
    // another Deployment (or the same one run again) is another group
    assert.notEqual(replicaTokenOf(runDeployment(d, null, ctx(2)).intents[0]), token);
    const sts: StatefulSet = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' },
      spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: template.spec } },
    };
    for (const i of runStatefulSet(sts, null, ctx()).intents) assert.equal(replicaTokenOf(i), undefined);
  });
});
