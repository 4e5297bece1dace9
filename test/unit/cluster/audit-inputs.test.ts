// Audit (issue 3): inputs that define the same object several times (a base and its rendered variants in
// one folder, or the cluster file and the manifests). The API server keeps one object per
// kind/namespace/name; `kubectl apply -f` in order leaves the last definition.
import assert from 'node:assert/strict';
import { simulate } from '../../../src/cluster/simulate';
import { corpusManifests, manifests } from './helpers';

const dep = (replicas: number, image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: ${image}}]}`;

describe('audit: repeated objects in the inputs', () => {
  it('one workload per kind/namespace/name, the last definition, with a warning', () => {
    const s = simulate(manifests(`${dep(2, 'nginx:1')}\n---${dep(3, 'nginx:2')}\n---\n${'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}'}\n---\n${'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}'}`), { seed: 1 });
    assert.equal(s.workloads.length, 1);
    assert.equal(s.workloads[0].desired, 3);
    assert.equal(s.pods.length, 3);
    assert.deepEqual(s.warnings.map((w) => w.message), [
      'Deployment default/web is defined 2 times; the last complete definition (in test.yaml) is used, as `kubectl apply` would leave it',
      '1 other object(s) are defined more than once (ConfigMap c); the last definition of each is used',
    ]);
    // same name in another namespace is another object
    const two = simulate(manifests(`${dep(1, 'a')}\n---${dep(1, 'a').replace('{name: web}', '{name: web, namespace: other}')}`), { seed: 1 });
    assert.equal(two.workloads.length, 2);
    assert.deepEqual(two.warnings, []);
  });

  it('a later partial definition (a kustomize patch: no selector/template) does not replace the full one', () => {
    const patch = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 5}`;
    const s = simulate([...manifests(dep(2, 'nginx:1'), 'base/deployment.yaml'), ...manifests(patch, 'overlays/prod/patch.yaml')], { seed: 1 });
    assert.equal(s.workloads.length, 1);
    assert.equal(s.pods.length, 2);
    assert.match(s.warnings[0].message, /defined 2 times; the last complete definition \(in base\/deployment.yaml\) is used/);
  });

  it('an input object replaces the cluster file\'s object of the same name', () => {
    const cluster = manifests(dep(1, 'old'), 'cluster.yaml').map((m) => m.object);
    const s = simulate(manifests(dep(2, 'new')), { seed: 1, clusterObjects: cluster });
    assert.equal(s.workloads.length, 1);
    assert.equal(s.pods.length, 2);
  });

  it('metrics-server\'s folder (base, patches and three rendered variants) runs one Deployment', () => {
    const files = ['rendered-with-kubectl-kustomize/components.yaml', 'rendered-with-kubectl-kustomize/high-availability-1.21+.yaml', 'rendered-with-kubectl-kustomize/high-availability.yaml'];
    const s = simulate(corpusManifests(...files.map((f) => `metrics-server/${f}`)), { seed: 1 });
    const ws = s.workloads.filter((w) => w.name === 'metrics-server');
    assert.equal(ws.length, 1);
    assert.equal(ws[0].desired, 2, 'the high-availability variant (last) has 2 replicas');
    assert.ok(s.pods.every((p) => p.phase === 'Running'), 'its two replicas spread by their required anti-affinity');
  });

  it('asking for another Kubernetes version says the simulation follows v1.34', () => {
    const yaml = dep(1, 'nginx');
    assert.deepEqual(simulate(manifests(yaml), { seed: 1, kubernetesVersion: '1.34' }).warnings, []);
    const s = simulate(manifests(yaml), { seed: 1, kubernetesVersion: '1.36' });
    assert.equal(s.kubernetesVersion, '1.36');
    assert.deepEqual(s.warnings.map((w) => w.message), ['Kubernetes 1.36 was asked for: the simulated scheduler and controllers follow v1.34 (the version selects the schemas lint validates against)']);
  });
});
