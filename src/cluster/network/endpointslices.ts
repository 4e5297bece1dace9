// EndpointSlice controller (endpointslice-controller.k8s.io), reconciling each Service with a selector
// from scratch (no existing slices in a fresh simulation), per the reference §9:
// - pods in the Service's namespace matching the selector, with an IP, not Succeeded/Failed
//   (terminating pods included); a pod on a node that does not exist is skipped unless
//   publishNotReadyAddresses;
// - each Service port's targetPort resolved per pod (podutil.FindPort): a number as-is, a name looked up
//   among the regular containers' ports then the restartable (sidecar) init containers' ports with the same
//   protocol; not found -> that port is left out for that pod;
// - pods grouped by their resolved port list, each group packed into slices of at most 100 endpoints;
// - conditions ready/serving/terminating, nodeName, zone, hostname when the pod's subdomain is the
//   Service name, topology hints from trafficDistribution;
// - labels: Service labels minus reserved keys + service-name + managed-by (+ headless);
// - no matching pod at all: one placeholder slice with no ports and no endpoints.
import type { Container, Pod, Service, ServicePort } from '../k8s';
import { arr, labelsOf, namespaceOf, nameOf } from '../k8s';
import { mapSelectorMatches } from '../../core/labels';
import type { SnapshotEndpoint, SnapshotEndpointSlice } from '../snapshot';
import type { Rng } from '../rng';
import { generateName } from '../controllers/common';

export const MAX_ENDPOINTS_PER_SLICE = 100;
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** What the controller sees of a pod. */
export interface EndpointPod {
  pod: Pod;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  nodeName: string | null;
  ip: string | null;
  phase: string;
  /** PodReady condition */
  ready: boolean;
  terminating: boolean;
}

export interface EndpointNode { name: string; labels: Record<string, string> }

/** podutil.FindPort: the port number a targetPort means for this pod, or null when it has none. */
export function findPort(pod: Pod, targetPort: number | string, protocol: string): number | null {
  if (typeof targetPort === 'number') return targetPort;
  const search = (containers: Container[]): number | null => {
    for (const c of containers) {
      for (const p of arr(c?.ports)) {
        if (p?.name === targetPort && (p.protocol ?? 'TCP') === protocol && typeof p.containerPort === 'number') return p.containerPort;
      }
    }
    return null;
  };
  return search(arr(pod.spec?.containers)) ?? search(arr(pod.spec?.initContainers).filter((c) => c?.restartPolicy === 'Always'));
}

/** Service port with API defaults applied (protocol TCP, targetPort = port). */
export function defaultedPort(p: ServicePort): { name: string; port: number; protocol: string; targetPort: number | string; appProtocol?: string } {
  const port = typeof p.port === 'number' ? p.port : 0;
  const tp = p.targetPort;
  const targetPort = typeof tp === 'number' || (typeof tp === 'string' && tp !== '') ? tp : port;
  return { name: p.name ?? '', port, protocol: p.protocol ?? 'TCP', targetPort, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) };
}

/** Pods the Service's selector picks in its namespace (any phase). */
export function selectedPods(svc: Service, pods: EndpointPod[]): EndpointPod[] {
  const ns = namespaceOf(svc);
  const selector = svc.spec?.selector;
  return pods.filter((p) => p.namespace === ns && mapSelectorMatches(selector, p.labels));
}

/** Does this Service get slices from the controller at all? (non-empty selector, not ExternalName) */
export function managesSlices(svc: Service): boolean {
  const sel = svc.spec?.selector;
  return !!sel && typeof sel === 'object' && Object.keys(sel).length > 0 && svc.spec?.type !== 'ExternalName';
}

/**
 * Finds the pods a map selector picks in a namespace without testing every pod against every Service:
 * pods are indexed by (namespace, label key, value) on first use of a key, and a selector's first pair
 * narrows the candidates before the full match.
 */
export class PodSelectorIndex {
  private readonly byKey = new Map<string, Map<string, EndpointPod[]>>();

  constructor(private readonly pods: EndpointPod[]) {}

  select(namespace: string, selector: Record<string, string> | null | undefined): EndpointPod[] {
    if (!selector || typeof selector !== 'object') return [];
    const entries = Object.entries(selector);
    if (entries.length === 0) return [];
    const [k, v] = entries[0];
    let index = this.byKey.get(k);
    if (!index) {
      index = new Map();
      for (const p of this.pods) {
        const val = p.labels[k];
        if (val === undefined) continue;
        const key = `${p.namespace}\u0000${val}`;
        const list = index.get(key);
        if (list) list.push(p); else index.set(key, [p]);
      }
      this.byKey.set(k, index);
    }
    const candidates = index.get(`${namespace}\u0000${String(v)}`) ?? [];
    return entries.length === 1 ? candidates.slice() : candidates.filter((p) => mapSelectorMatches(selector, p.labels));
  }
}

/**
 * The slices for one Service. `clusterIP` is the allocated one ('None' for headless). `pods` are all pods
 * of the cluster, or (with `preselected`) already the ones the Service's selector picks.
 */
export function endpointSlicesFor(svc: Service, clusterIP: string | null, pods: EndpointPod[], nodes: Map<string, EndpointNode>, rng: Rng, preselected = false): SnapshotEndpointSlice[] {
  if (!managesSlices(svc)) return [];
  const ns = namespaceOf(svc);
  const svcName = nameOf(svc);
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const families = arr(svc.spec?.ipFamilies).filter((f) => f === 'IPv4' || f === 'IPv6');
  const addressTypes = (families.length > 0 ? families : ['IPv4']) as ('IPv4' | 'IPv6')[];
  // a port entry that is not a map (`ports: [null]`, the schema reports it) has nothing to publish
  const ports = arr(svc.spec?.ports).filter((p): p is ServicePort => !!p && typeof p === 'object' && !Array.isArray(p)).map(defaultedPort);
  const traffic = svc.spec?.trafficDistribution;

  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(labelsOf(svc))) if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY) labels[k] = v;
  labels[LABEL_SERVICE_NAME] = svcName;
  labels[LABEL_MANAGED_BY] = MANAGED_BY;
  // only 'None' is headless: null is a Service whose requested address the API server refused
  if (clusterIP === 'None') labels[LABEL_HEADLESS] = '';

  const candidates = (preselected ? pods : selectedPods(svc, pods))
    .filter((p) => p.ip !== null && p.phase !== 'Succeeded' && p.phase !== 'Failed')
    .filter((p) => publishNotReady || (p.nodeName !== null && nodes.has(p.nodeName)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const out: SnapshotEndpointSlice[] = [];
  for (const addressType of addressTypes) {
    // group by resolved port list, in first-seen order
    const groups = new Map<string, { ports: SnapshotEndpointSlice['ports']; endpoints: SnapshotEndpoint[] }>();
    for (const p of candidates) {
      const isV6 = (p.ip ?? '').includes(':');
      if ((addressType === 'IPv6') !== isV6) continue;
      const epPorts: SnapshotEndpointSlice['ports'] = [];
      for (const sp of ports) {
        const n = findPort(p.pod, sp.targetPort, sp.protocol);
        if (n === null) continue;
        epPorts.push({ name: sp.name, port: n, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      const key = JSON.stringify(epPorts);
      let g = groups.get(key);
      if (!g) { g = { ports: epPorts, endpoints: [] }; groups.set(key, g); }
      const node = p.nodeName !== null ? nodes.get(p.nodeName) : undefined;
      const zone = node?.labels[ZONE_LABEL] ?? null;
      const serving = p.ready;
      const ready = publishNotReady || (serving && !p.terminating);
      const ep: SnapshotEndpoint = {
        addresses: [p.ip!],
        conditions: { ready, serving, terminating: p.terminating },
        nodeName: p.nodeName,
        zone,
        targetRef: { kind: 'Pod', namespace: p.namespace, name: p.name },
      };
      if (p.pod.spec?.subdomain === svcName && typeof p.pod.spec?.hostname === 'string' && p.pod.spec.hostname !== '') ep.hostname = p.pod.spec.hostname;
      // Hints only on ready endpoints; PreferClose / PreferSameZone -> own zone, PreferSameNode -> zone + node.
      if (ready && (traffic === 'PreferClose' || traffic === 'PreferSameZone' || traffic === 'PreferSameNode') && zone !== null) {
        ep.hints = { forZones: [{ name: zone }], ...(traffic === 'PreferSameNode' && p.nodeName ? { forNodes: [{ name: p.nodeName }] } : {}) };
      }
      g.endpoints.push(ep);
    }
    if (groups.size === 0) {
      out.push({ namespace: ns, name: generateName(`${svcName}-`, rng), service: svcName, addressType, labels: { ...labels }, ports: [], endpoints: [] });
      continue;
    }
    for (const g of groups.values()) {
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
        out.push({
          namespace: ns, name: generateName(`${svcName}-`, rng), service: svcName, addressType,
          labels: { ...labels }, ports: g.ports.map((x) => ({ ...x })), endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
        });
      }
    }
  }
  return out;
}
