// Services of the simulated cluster: address allocation (ClusterIP, NodePorts, load balancer address) in
// input order, and the "why does this Service reach nothing" problems lint and the views show.
import type { Service } from '../k8s';
import { arr, namespaceOf, nameOf } from '../k8s';
import type { SnapshotService, SourceRef } from '../snapshot';
import { ClusterIpAllocator, LoadBalancerIpam, NodePortAllocator } from './ipam';
import { type EndpointPod, defaultedPort, findPort, managesSlices, selectedPods } from './endpointslices';
import type { Rng } from '../rng';

export interface ServiceInput { object: Service; source: SourceRef }
export interface ServiceWarning { message: string; object: { kind: string; namespace: string | null; name: string } }

/**
 * The address a Service asks for: spec.clusterIP, else spec.clusterIPs[0] (the API server defaults the
 * one from the other); 'None' is headless; null lets the allocator pick.
 */
function requestedClusterIP(spec: NonNullable<Service['spec']>): string | null {
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '') return spec.clusterIP;
  const first = arr((spec as { clusterIPs?: unknown[] }).clusterIPs)[0];
  return typeof first === 'string' && first !== '' ? first : null;
}

/** NodePort and LoadBalancer (unless allocateLoadBalancerNodePorts: false) Services get node ports. */
function wantsNodePorts(spec: NonNullable<Service['spec']>): boolean {
  const type = spec.type ?? 'ClusterIP';
  return type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

/** Allocate addresses for every Service (in order) and build their snapshot entries (problems empty). */
export function allocateServices(inputs: ServiceInput[], rng: Rng): { services: SnapshotService[]; warnings: ServiceWarning[] } {
  const clusterIps = new ClusterIpAllocator(rng.fork('cluster-ip'));
  const nodePorts = new NodePortAllocator(rng.fork('node-port'));
  const lbs = new LoadBalancerIpam();
  const warnings: ServiceWarning[] = [];
  const services: SnapshotService[] = [];
  // Explicit values are claimed first (as if those Services were created before), so a later automatic
  // pick never takes an address someone asked for.
  const explicitIp = new Map<ServiceInput, string | null>();
  for (const input of inputs) {
    const spec = input.object.spec ?? {};
    const key = { kind: 'Service', namespace: namespaceOf(input.object), name: nameOf(input.object) };
    const type = spec.type ?? 'ClusterIP';
    const requested = requestedClusterIP(spec);
    const ip = requested !== 'None' ? requested : null;
    if (ip !== null && type !== 'ExternalName') {
      const r = clusterIps.claim(ip);
      if (r.problem) warnings.push({ message: `Service ${key.namespace}/${key.name}: ${r.problem}`, object: key });
      explicitIp.set(input, r.value);
    }
    if (typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP !== '') lbs.claim(spec.loadBalancerIP);
    // a Service of another type that sets a nodePort is rejected (said below): it holds no port
    if (!wantsNodePorts(spec)) continue;
    const own = new Set<string>();
    arr(spec.ports).forEach((p, i) => {
      if (typeof p?.nodePort !== 'number' || p.nodePort === 0) return;
      const protocol = p.protocol ?? 'TCP';
      // validation: a nodePort may appear once per protocol in a Service
      if (own.has(`${p.nodePort}/${protocol}`)) {
        warnings.push({ message: `Service ${key.namespace}/${key.name}: spec.ports[${i}].nodePort: Duplicate value: ${p.nodePort}/${protocol} (the API server rejects it)`, object: key });
        return;
      }
      own.add(`${p.nodePort}/${protocol}`);
      const r = nodePorts.claim(p.nodePort, protocol, `${key.namespace}/${key.name}`);
      if (r.problem) warnings.push({ message: `Service ${key.namespace}/${key.name}: ${r.problem}`, object: key });
    });
  }
  for (const input of inputs) {
    const svc = input.object;
    const spec = svc.spec ?? {};
    const ns = namespaceOf(svc);
    const name = nameOf(svc);
    const type = spec.type ?? 'ClusterIP';
    let clusterIP: string | null;
    if (type === 'ExternalName') clusterIP = null;
    else if (requestedClusterIP(spec) === 'None') clusterIP = 'None';
    else if (explicitIp.has(input)) clusterIP = explicitIp.get(input) ?? null;
    else clusterIP = clusterIps.allocate();
    const nodePortsWanted = wantsNodePorts(spec);
    const ports = arr(spec.ports).map((p) => {
      const d = defaultedPort(p ?? {});
      let nodePort: number | null = typeof p?.nodePort === 'number' && p.nodePort !== 0 ? p.nodePort : null;
      if (nodePort === null && nodePortsWanted) nodePort = nodePorts.allocate(`${ns}/${name}`);
      if (!nodePortsWanted && nodePort !== null) {
        warnings.push({ message: `Service ${ns}/${name}: nodePort ${nodePort} is set on a ${type} Service (the API server rejects it)`, object: { kind: 'Service', namespace: ns, name } });
      }
      return { name: d.name === '' ? null : d.name, port: d.port, targetPort: d.targetPort, nodePort, protocol: d.protocol };
    });
    let loadBalancerIP: string | null = null;
    if (type === 'LoadBalancer') loadBalancerIP = typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP !== '' ? spec.loadBalancerIP : lbs.allocate();
    const selector = spec.selector && typeof spec.selector === 'object' && Object.keys(spec.selector).length > 0 ? { ...spec.selector } : null;
    services.push({
      namespace: ns, name, type, clusterIP, ports, selector,
      headless: clusterIP === 'None',
      externalIPs: arr(spec.externalIPs).filter((x): x is string => typeof x === 'string'),
      loadBalancerIP,
      externalName: type === 'ExternalName' && typeof spec.externalName === 'string' ? spec.externalName : null,
      problems: [],
      source: input.source,
    });
  }
  return { services, warnings };
}

/** Why a Service routes to nothing (or to fewer pods than it selects), given the simulated pods
 *  (all of them, or with `preselected` the ones its selector picks). */
export function serviceProblems(svc: Service, pods: EndpointPod[], preselected = false): string[] {
  if (!managesSlices(svc)) return [];
  const selected = preselected ? pods : selectedPods(svc, pods);
  if (selected.length === 0) return ['selector matches no pods'];
  const problems: string[] = [];
  const running = selected.filter((p) => p.ip !== null && p.phase !== 'Succeeded' && p.phase !== 'Failed');
  if (running.length === 0) problems.push(`selector matches ${selected.length} pod(s), none of them running`);
  for (const raw of arr(svc.spec?.ports)) {
    const p = defaultedPort(raw ?? {});
    if (typeof p.targetPort !== 'string') continue;
    const resolved = selected.filter((pod) => findPort(pod.pod, p.targetPort, p.protocol) !== null);
    if (resolved.length === 0) problems.push(`targetPort ${p.targetPort} resolves on no selected pod`);
    else if (resolved.length < selected.length) problems.push(`targetPort ${p.targetPort} resolves on ${resolved.length} of ${selected.length} selected pods`);
  }
  return problems;
}
