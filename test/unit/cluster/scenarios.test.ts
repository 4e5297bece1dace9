// Scenario tests on real manifests from ../shared/corpus (read at test time), on every preset: every
// workload's pods exist with the right names and owners, no node is over-committed, and every Service's
// endpoints are exactly the ready pods its selector matches.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simulate } from '../../../src/cluster/simulate';
import { PRESETS } from '../../../src/cluster/presets';
import type { ClusterSnapshot } from '../../../src/cluster/snapshot';
import type { Manifest } from '../../../src/manifests/types';
import { corpusDir, corpusManifests, endpointMismatches, overCommitted } from './helpers';

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

const yamlIn = (dir: string) => fs.readdirSync(path.join(corpusDir, dir)).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `${dir}/${f}`);

const SETS: Record<string, () => string[]> = {
  'microservices-demo': () => ['microservices-demo/release/kubernetes-manifests.yaml'],
  'istio-bookinfo': () => ['istio-bookinfo/platform/kube/bookinfo.yaml'],
  'example-voting-app': () => yamlIn('example-voting-app/k8s-specifications'),
  'guestbook': () => yamlIn('kubernetes-examples/web/guestbook'),
  'guestbook (legacy ReplicationControllers)': () => yamlIn('kubernetes-examples/web/guestbook/legacy'),
  'cassandra': () => ['kubernetes-examples/databases/cassandra/cassandra-statefulset.yaml', 'kubernetes-examples/databases/cassandra/cassandra-service.yaml'],
};

function checkWorkloads(ms: Manifest[], s: ClusterSnapshot): void {
  for (const m of ms) {
    const o = m.object as { kind: string; metadata?: { name?: string; namespace?: string }; spec?: { replicas?: number } };
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? 'default';
    if (!['Deployment', 'StatefulSet', 'ReplicationController', 'ReplicaSet', 'DaemonSet'].includes(o.kind)) continue;
    const w = s.workloads.find((x) => x.kind === o.kind && x.name === name && x.namespace === ns);
    assert.ok(w, `workload ${o.kind} ${ns}/${name} in the snapshot`);
    const pods = s.pods.filter((p) => p.workload?.kind === o.kind && p.workload.name === name && p.namespace === ns);
    assert.deepEqual(pods.map((p) => `${p.namespace}/${p.name}`).sort(), [...w.pods].sort());
    if (o.kind !== 'DaemonSet') assert.equal(w.desired, o.spec?.replicas ?? 1, `${name} desired`);
    switch (o.kind) {
      case 'Deployment': {
        assert.equal(pods.length, w.desired, `${name}: one pod per replica`);
        const rs = s.replicaSets.find((r) => r.owner?.kind === 'Deployment' && r.owner.name === name && r.namespace === ns)!;
        assert.match(rs.name, new RegExp(`^${name}-[456789bcdf]{1,10}$`));
        for (const p of pods) {
          assert.match(p.name, new RegExp(`^${rs.name}-${SUFFIX}$`));
          assert.deepEqual(p.owner, { kind: 'ReplicaSet', name: rs.name });
          assert.equal(p.labels['pod-template-hash'], rs.podTemplateHash);
        }
        break;
      }
      case 'ReplicationController':
      case 'ReplicaSet':
        assert.equal(pods.length, w.desired);
        for (const p of pods) {
          assert.match(p.name, new RegExp(`^${name}-${SUFFIX}$`));
          assert.deepEqual(p.owner, { kind: o.kind, name });
        }
        break;
      case 'StatefulSet':
        // OrderedReady: ordinals exist in order; all of them when each could run
        pods.forEach((p, i) => {
          assert.equal(p.name, `${name}-${i}`);
          assert.deepEqual(p.owner, { kind: 'StatefulSet', name });
          assert.equal(p.hostname, p.name);
        });
        if (pods.every((p) => p.phase === 'Running')) assert.equal(pods.length, w.desired);
        break;
    }
  }
}

describe('cluster scenarios on real manifests', function () {
  this.timeout(60000);
  for (const [setName, files] of Object.entries(SETS)) {
    describe(setName, () => {
      let ms: Manifest[] = [];
      before(() => { ms = corpusManifests(...files()); assert.ok(ms.length > 0); });
      for (const preset of PRESETS) {
        it(`on preset ${preset}: pods, owners, capacity, endpoints`, () => {
          const s = simulate(ms, { seed: 11, preset });
          checkWorkloads(ms, s);
          assert.deepEqual(overCommitted(s), []);
          assert.deepEqual(endpointMismatches(s), []);
          for (const p of s.pods) {
            if (p.phase === 'Pending') assert.ok(p.message, `${p.name} pending with a message`);
            if (p.phase === 'Running') assert.ok(p.podIP && p.nodeName, `${p.name} running with an IP`);
          }
          const ips = s.pods.filter((p) => p.podIP).map((p) => p.podIP);
          assert.equal(new Set(ips).size, ips.length, 'pod IPs are unique');
          const cips = s.services.map((x) => x.clusterIP).filter((x) => x && x !== 'None');
          assert.equal(new Set(cips).size, cips.length, 'cluster IPs are unique');
        });
      }
      it('is deterministic', () => {
        assert.equal(JSON.stringify(simulate(ms, { seed: 5 })), JSON.stringify(simulate(ms, { seed: 5 })));
      });
    });
  }

  it('microservices-demo on the default preset: everything runs on the workers', () => {
    const s = simulate(corpusManifests('microservices-demo/release/kubernetes-manifests.yaml'), { seed: 1 });
    assert.ok(s.pods.length >= 11);
    assert.ok(s.pods.every((p) => p.phase === 'Running' && p.nodeName !== 'control-plane'));
    const fe = s.services.find((x) => x.name === 'frontend-external')!;
    assert.equal(fe.type, 'LoadBalancer');
    assert.equal(fe.loadBalancerIP, '192.0.2.1');
    assert.ok(fe.ports[0].nodePort! >= 30000);
  });

  it('cassandra: three ordered pods with their PVCs bound through the manifest\'s StorageClass', () => {
    const s = simulate(corpusManifests('kubernetes-examples/databases/cassandra/cassandra-statefulset.yaml', 'kubernetes-examples/databases/cassandra/cassandra-service.yaml'), { seed: 1 });
    assert.deepEqual(s.pods.map((p) => p.name), ['cassandra-0', 'cassandra-1', 'cassandra-2']);
    assert.deepEqual(s.persistentVolumeClaims.map((c) => [c.name, c.storageClassName, c.phase]), [
      ['cassandra-data-cassandra-0', 'fast', 'Bound'], ['cassandra-data-cassandra-1', 'fast', 'Bound'], ['cassandra-data-cassandra-2', 'fast', 'Bound'],
    ]);
    const slice = s.endpointSlices.find((e) => e.service === 'cassandra')!;
    assert.deepEqual(slice.endpoints.map((e) => e.hostname).sort(), ['cassandra-0', 'cassandra-1', 'cassandra-2']);
    assert.equal(slice.labels['service.kubernetes.io/headless'], '');
  });
});
