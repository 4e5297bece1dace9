import assert from 'node:assert/strict';
import { endpointSlicesFor, findPort, selectedPods, PodSelectorIndex, type EndpointPod, type EndpointNode, MAX_ENDPOINTS_PER_SLICE } from '../../../../src/cluster/network/endpointslices';
import type { Pod, Service } from '../../../../src/cluster/k8s';
import { Rng } from '../../../../src/cluster/rng';
import { simulateObjects } from '../../../../src/cluster/simulate';

const nodes = new Map<string, EndpointNode>([
  ['n1', { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } }],
  ['n2', { name: 'n2', labels: {} }],
]);

function pod(name: string, opts: { ns?: string; labels?: Record<string, string>; node?: string | null; ip?: string | null; phase?: string; ready?: boolean; terminating?: boolean; spec?: Pod['spec'] } = {}): EndpointPod {
  const labels = opts.labels ?? { app: 'web' };
  const p: Pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: opts.ns ?? 'default', labels },
    spec: opts.spec ?? { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }] },
  };
  return {
    pod: p, namespace: opts.ns ?? 'default', name, labels, nodeName: opts.node === undefined ? 'n1' : opts.node,
    ip: opts.ip === undefined ? `10.244.0.${name.length + 10}` : opts.ip, phase: opts.phase ?? 'Running', ready: opts.ready ?? true, terminating: opts.terminating ?? false,
  };
}

function svc(spec: Service['spec'], meta: Record<string, unknown> = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', ...meta }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec } };
}

const slices = (s: Service, pods: EndpointPod[], clusterIP: string | null = '10.96.9.9') => endpointSlicesFor(s, clusterIP, pods, nodes, new Rng(1));

describe('network/endpointslices', () => {
  it('selects only pods matching the selector in the Service namespace', () => {
    const out = slices(svc({}), [pod('a'), pod('b', { labels: { app: 'api' } }), pod('c', { ns: 'other' })]);
    assert.equal(out.length, 1);
    assert.deepEqual(out[0].endpoints.map((e) => e.targetRef!.name), ['a']);
  });
  it('Services without a selector (or ExternalName) get no slices', () => {
    assert.deepEqual(slices(svc({ selector: undefined }), [pod('a')]), []);
    assert.deepEqual(slices(svc({ selector: {} }), [pod('a')]), []);
    assert.deepEqual(slices(svc({ type: 'ExternalName', externalName: 'x.example.com' }), [pod('a')]), []);
  });
  it('targetPort: a number is used as-is even if no container declares it', () => {
    const out = slices(svc({ ports: [{ name: 'x', port: 80, targetPort: 9999 }] }), [pod('a')]);
    assert.deepEqual(out[0].ports, [{ name: 'x', port: 9999, protocol: 'TCP' }]);
  });
  it('targetPort defaults to port', () => {
    const out = slices(svc({ ports: [{ port: 81 }] }), [pod('a')]);
    assert.deepEqual(out[0].ports, [{ name: '', port: 81, protocol: 'TCP' }]);
  });
  it('targetPort name: looked up with the same protocol; containers first, then sidecar init containers', () => {
    const p = pod('a').pod;
    assert.equal(findPort(p, 'http', 'TCP'), 8080);
    assert.equal(findPort(p, 'http', 'UDP'), null);
    assert.equal(findPort(p, 'dns', 'UDP'), 53);
    const side: Pod = { spec: { containers: [{ name: 'c' }], initContainers: [{ name: 'i', ports: [{ name: 'metrics', containerPort: 9090 }] }, { name: 's', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }] } };
    assert.equal(findPort(side, 'proxy', 'TCP'), 15001);
    assert.equal(findPort(side, 'metrics', 'TCP'), null); // plain init containers do not count
  });
  it('a name missing on a pod omits that port for it, and pods are grouped by port set into separate slices', () => {
    const noName = pod('b', { spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] } });
    const out = slices(svc({ ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'raw', port: 81, targetPort: 7000 }] }), [pod('a'), noName]);
    assert.equal(out.length, 2);
    const byPorts = new Map(out.map((s) => [JSON.stringify(s.ports.map((p) => p.port)), s.endpoints.map((e) => e.targetRef!.name)]));
    assert.deepEqual(byPorts.get('[8080,7000]'), ['a']);
    assert.deepEqual(byPorts.get('[7000]'), ['b']);
  });
  it('at most 100 endpoints per slice', () => {
    const pods = Array.from({ length: 250 }, (_, i) => pod(`p${String(i).padStart(3, '0')}`, { ip: `10.244.${Math.floor(i / 200)}.${(i % 200) + 2}` }));
    const out = slices(svc({}), pods);
    assert.deepEqual(out.map((s) => s.endpoints.length), [MAX_ENDPOINTS_PER_SLICE, MAX_ENDPOINTS_PER_SLICE, 50]);
    assert.equal(new Set(out.map((s) => s.name)).size, 3);
  });
  it('conditions: ready = serving && !terminating; terminating pods included; not-ready pods included as not ready', () => {
    const out = slices(svc({}), [pod('a'), pod('bb', { ready: false }), pod('ccc', { terminating: true })]);
    const c = Object.fromEntries(out[0].endpoints.map((e) => [e.targetRef!.name, e.conditions]));
    assert.deepEqual(c.a, { ready: true, serving: true, terminating: false });
    assert.deepEqual(c.bb, { ready: false, serving: false, terminating: false });
    assert.deepEqual(c.ccc, { ready: false, serving: true, terminating: true });
  });
  it('publishNotReadyAddresses makes every endpoint ready and keeps pods whose node is unknown', () => {
    const out = slices(svc({ publishNotReadyAddresses: true }), [pod('a', { ready: false }), pod('bb', { node: 'gone' })]);
    assert.deepEqual(out[0].endpoints.map((e) => [e.targetRef!.name, e.conditions.ready]), [['a', true], ['bb', true]]);
    const strict = slices(svc({}), [pod('bb', { node: 'gone' })]);
    assert.equal(strict[0].endpoints.length, 0);
  });
  it('pending pods (no IP) and Succeeded/Failed pods are not endpoints', () => {
    const out = slices(svc({}), [pod('a', { ip: null, node: null, phase: 'Pending', ready: false }), pod('bb', { phase: 'Failed' }), pod('ccc', { phase: 'Succeeded' })]);
    assert.equal(out.length, 1);
    assert.deepEqual(out[0].endpoints, []);
    assert.deepEqual(out[0].ports, []);
  });
  it('nodeName, zone (only when the node has one), targetRef', () => {
    const out = slices(svc({}), [pod('a'), pod('bb', { node: 'n2' })]);
    const [a, b] = out[0].endpoints;
    assert.equal(a.nodeName, 'n1'); assert.equal(a.zone, 'zone-a');
    assert.equal(b.nodeName, 'n2'); assert.equal(b.zone, null);
    assert.deepEqual(a.targetRef, { kind: 'Pod', namespace: 'default', name: 'a' });
    assert.deepEqual(a.addresses, [pod('a').ip]);
  });
  it('hostname only when the pod subdomain is the Service name', () => {
    const spec = (sub: string) => ({ hostname: 'db-0', subdomain: sub, containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] });
    const s = svc({ clusterIP: 'None' }, { name: 'db' });
    const out = slices(s, [pod('a', { spec: spec('db') }), pod('bb', { spec: spec('other') })], 'None');
    assert.equal(out[0].endpoints[0].hostname, 'db-0');
    assert.equal(out[0].endpoints[1].hostname, undefined);
  });
  it('labels: Service labels minus reserved + service-name + managed-by; headless label for clusterIP None', () => {
    const s = svc({}, { labels: { team: 'a', 'kubernetes.io/service-name': 'spoof', 'endpointslice.kubernetes.io/managed-by': 'me' } });
    assert.deepEqual(slices(s, [pod('a')])[0].labels, { team: 'a', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    assert.equal(slices(s, [pod('a')], 'None')[0].labels['service.kubernetes.io/headless'], '');
    assert.ok(!('service.kubernetes.io/headless' in slices(s, [pod('a')], null)[0].labels), 'no address (a refused clusterIP) is not headless');
  });
  it('placeholder slice with no ports and no endpoints when no pod matches; names <svc>-<5 chars>', () => {
    const out = slices(svc({}), []);
    assert.equal(out.length, 1);
    assert.deepEqual([out[0].ports, out[0].endpoints, out[0].addressType, out[0].service], [[], [], 'IPv4', 'web']);
    assert.match(out[0].name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  it('trafficDistribution hints on ready endpoints only', () => {
    const out = slices(svc({ trafficDistribution: 'PreferClose' }), [pod('a'), pod('bb', { ready: false })]);
    assert.deepEqual(out[0].endpoints[0].hints, { forZones: [{ name: 'zone-a' }] });
    assert.equal(out[0].endpoints[1].hints, undefined);
    const node = slices(svc({ trafficDistribution: 'PreferSameNode' }), [pod('a')]);
    assert.deepEqual(node[0].endpoints[0].hints, { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'n1' }] });
  });
  it('the selector index picks exactly what a full scan picks', () => {
    const pods = [pod('a'), pod('bb', { labels: { app: 'web', tier: 'fe' } }), pod('ccc', { labels: { app: 'api' } }), pod('d', { ns: 'other' }), pod('e', { labels: {} })];
    const index = new PodSelectorIndex(pods);
    const sels: Record<string, string>[] = [{ app: 'web' }, { app: 'web', tier: 'fe' }, { tier: 'fe', app: 'web' }, { app: 'api' }, { app: 'none' }, { tier: 'fe' }];
    for (const sel of sels) {
      for (const ns of ['default', 'other']) {
        const expected = selectedPods(svc({ selector: sel }, { namespace: ns }), pods).map((p) => p.name);
        assert.deepEqual(index.select(ns, sel).map((p) => p.name), expected, JSON.stringify([ns, sel]));
      }
    }
    assert.deepEqual(index.select('default', {}), []);
    assert.deepEqual(index.select('default', null), []);
  });
  it('IPv6-only Services get an IPv6 placeholder (pods here have IPv4 addresses)', () => {
    const out = slices(svc({ ipFamilies: ['IPv6'] }), [pod('a')]);
    assert.deepEqual(out.map((s) => [s.addressType, s.endpoints.length]), [['IPv6', 0]]);
  });

  it('running pods given in the inputs keep their reported Ready condition and deletionTimestamp', () => {
    const running = (name: string, extra: { status?: object; meta?: object } = {}) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' }, ...(extra.meta ?? {}) },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }] }] },
      status: { phase: 'Running', ...(extra.status ?? {}) },
    });
    const snap = simulateObjects([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } },
      running('ok', { status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
      running('failing-probe', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
      running('leaving', { meta: { deletionTimestamp: '2026-01-01T00:00:00Z' } }),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-all' }, spec: { selector: { app: 'web' }, publishNotReadyAddresses: true, ports: [{ port: 80 }] } },
    ], { seed: 1 });
    const byPod = (service: string) => Object.fromEntries(snap.endpointSlices.filter((e) => e.service === service)
      .flatMap((e) => e.endpoints).map((e) => [e.targetRef?.name, e.conditions]));
    assert.deepEqual(byPod('web'), {
      ok: { ready: true, serving: true, terminating: false },
      'failing-probe': { ready: false, serving: false, terminating: false },
      leaving: { ready: false, serving: true, terminating: true },
    });
    assert.deepEqual(Object.values(byPod('web-all')).map((c) => (c as { ready: boolean }).ready), [true, true, true], 'publishNotReadyAddresses: all ready');
    assert.equal(snap.pods.find((p) => p.name === 'failing-probe')!.ready, false);
  });
});
