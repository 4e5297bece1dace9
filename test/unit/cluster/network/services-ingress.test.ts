import assert from 'node:assert/strict';
import { allocateServices, serviceProblems } from '../../../../src/cluster/network/services';
import { defaultIngressClass, ingressRoutes, resolveBackend } from '../../../../src/cluster/network/ingress';
import type { EndpointPod } from '../../../../src/cluster/network/endpointslices';
import type { Service } from '../../../../src/cluster/k8s';
import { Rng } from '../../../../src/cluster/rng';

const S = (name: string, spec: Service['spec'], ns = 'default'): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec });

describe('network/services', () => {
  it('allocates ClusterIPs, honours explicit and None, ExternalName has none', () => {
    const { services, warnings } = allocateServices([
      { object: S('a', { ports: [{ port: 80 }] }), source: null },
      { object: S('b', { clusterIP: '10.96.100.100', ports: [{ port: 80 }] }), source: null },
      { object: S('c', { clusterIP: 'None', selector: { app: 'c' } }), source: null },
      { object: S('d', { type: 'ExternalName', externalName: 'db.example.com' }), source: null },
    ], new Rng(1));
    assert.deepEqual(warnings, []);
    assert.match(services[0].clusterIP!, /^10\.(9[6-9]|10[0-9]|11[01])\./);
    assert.equal(services[1].clusterIP, '10.96.100.100');
    assert.equal(services[2].clusterIP, 'None');
    assert.equal(services[2].headless, true);
    assert.equal(services[3].clusterIP, null);
    assert.equal(services[3].externalName, 'db.example.com');
    assert.deepEqual(services[0].ports, [{ name: null, port: 80, targetPort: 80, nodePort: null, protocol: 'TCP' }]);
  });
  it('NodePort/LoadBalancer get node ports; explicit conflicts are warnings; LoadBalancers get TEST-NET-1 addresses', () => {
    const { services, warnings } = allocateServices([
      { object: S('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }, { port: 81 }] }), source: null },
      { object: S('clash', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), source: null },
      { object: S('lb', { type: 'LoadBalancer', ports: [{ port: 443 }] }), source: null },
      { object: S('lb2', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 443 }] }), source: null },
    ], new Rng(1));
    assert.equal(services[0].ports[0].nodePort, 30080);
    const auto = services[0].ports[1].nodePort!;
    assert.ok(auto >= 30000 && auto <= 32767 && auto !== 30080);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /Service default\/clash: nodePort 30080\/TCP is already allocated to default\/np/);
    assert.equal(services[2].loadBalancerIP, '192.0.2.1');
    assert.ok(services[2].ports[0].nodePort! >= 30000);
    assert.equal(services[3].ports[0].nodePort, null);
  });
  it('spec.clusterIPs stands for clusterIP when that is unset: an address, or None for headless', () => {
    const { services, warnings } = allocateServices([
      { object: S('dual', { clusterIPs: ['10.96.5.5'], ports: [{ port: 80 }] }), source: null },
      { object: S('hl', { clusterIPs: ['None'], selector: { app: 'x' } }), source: null },
    ], new Rng(1));
    assert.deepEqual(warnings, []);
    assert.equal(services[0].clusterIP, '10.96.5.5');
    assert.equal(services[1].clusterIP, 'None');
    assert.equal(services[1].headless, true);
  });
  it('a nodePort twice in one Service is refused; a ClusterIP Service\'s nodePort (refused too) holds no port', () => {
    const { services, warnings } = allocateServices([
      { object: S('twice', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30001 }, { name: 'b', port: 81, nodePort: 30001 }, { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30001 }] }), source: null },
      { object: S('cip', { ports: [{ port: 80, nodePort: 30002 }] }), source: null },
      { object: S('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30002 }] }), source: null },
    ], new Rng(1));
    assert.deepEqual(warnings.map((w) => w.message), [
      'Service default/twice: spec.ports[1].nodePort: Duplicate value: 30001/TCP (the API server rejects it)',
      'Service default/cip: nodePort 30002 is set on a ClusterIP Service (the API server rejects it)',
    ]);
    assert.equal(services[2].ports[0].nodePort, 30002);
  });
  it('is deterministic for a seed', () => {
    const run = () => allocateServices([{ object: S('a', { type: 'NodePort', ports: [{ port: 80 }] }), source: null }], new Rng(5)).services;
    assert.deepEqual(run(), run());
  });
  it('problems: no pods, none running, unresolvable targetPort names', () => {
    const mk = (name: string, phase: string, ports: { name: string; containerPort: number }[]): EndpointPod => ({
      pod: { metadata: { name, labels: { app: 'w' } }, spec: { containers: [{ name: 'c', ports }] } }, namespace: 'default', name, labels: { app: 'w' },
      nodeName: phase === 'Running' ? 'n' : null, ip: phase === 'Running' ? '10.244.0.2' : null, phase, ready: phase === 'Running', terminating: false,
    });
    const svc = S('w', { selector: { app: 'w' }, ports: [{ port: 80, targetPort: 'http' }] });
    assert.deepEqual(serviceProblems(svc, []), ['selector matches no pods']);
    assert.deepEqual(serviceProblems(svc, [mk('a', 'Pending', [{ name: 'http', containerPort: 80 }])]), ['selector matches 1 pod(s), none of them running']);
    assert.deepEqual(serviceProblems(svc, [mk('a', 'Running', [{ name: 'web', containerPort: 80 }])]), ['targetPort http resolves on no selected pod']);
    assert.deepEqual(serviceProblems(svc, [mk('a', 'Running', [{ name: 'http', containerPort: 80 }])]), []);
    assert.deepEqual(serviceProblems(S('x', { ports: [{ port: 80 }] }), []), []);
  });
});

describe('network/ingress', () => {
  const services = new Map<string, Service>([
    ['shop/web', S('web', { ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }, 'shop')],
  ]);
  it('resolves rules by port number and name, default backend, class', () => {
    const ing = {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'main', namespace: 'shop' },
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'web', port: { name: 'https' } } },
        rules: [{ host: 'shop.example.com', http: { paths: [
          { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
          { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } },
          { path: '/x', pathType: 'Exact', backend: { service: { name: 'web', port: { name: 'grpc' } } } },
          { path: '/y', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 81 } } } },
        ] } }],
      },
    };
    const routes = ingressRoutes(ing, null, services);
    assert.deepEqual(routes.map((r) => [r.host, r.path, r.service, r.port, r.resolvedPort, r.problem]), [
      ['shop.example.com', '/', 'web', 80, 80, null],
      ['shop.example.com', '/api', 'api', 8080, null, 'Service "api" not found in namespace shop'],
      ['shop.example.com', '/x', 'web', 'grpc', null, 'Service "web" has no port named "grpc"'],
      ['shop.example.com', '/y', 'web', 81, null, 'Service "web" has no port 81'],
      [null, null, 'web', 'https', 443, null],
    ]);
    assert.ok(routes.every((r) => r.ingressClass === 'nginx' && r.ingress === 'main'));
  });
  it('legacy serviceName/servicePort backends and the class annotation', () => {
    const ing = { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'old', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, spec: { backend: { serviceName: 'web', servicePort: 'http' } } };
    const [r] = ingressRoutes(ing, null, services);
    assert.deepEqual([r.ingressClass, r.service, r.resolvedPort, r.problem], ['traefik', 'web', 80, null]);
    assert.equal(resolveBackend('web', '443', 'shop', services).resolvedPort, 443);
  });
  it('an Ingress naming no class gets the default IngressClass', () => {
    const classes = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'other' } },
    ];
    const def = defaultIngressClass(classes);
    assert.equal(def, 'nginx');
    const ing = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'shop' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } };
    assert.equal(ingressRoutes(ing, null, services, def)[0].ingressClass, 'nginx');
    assert.equal(ingressRoutes({ ...ing, spec: { ...ing.spec, ingressClassName: 'other' } }, null, services, def)[0].ingressClass, 'other');
    assert.equal(defaultIngressClass([...classes, { ...classes[0], metadata: { ...classes[0].metadata, name: 'second' } }]), null);
  });
});
