// Validation of every message the host sends. A message that is not exactly one of the HostToWebview shapes
// (unknown type, missing or mistyped field anywhere in a snapshot) is ignored with a console warning:
// the views then never meet data of a shape they do not expect.
import type { HostToWebview } from '../src/protocol';

type Check = (v: unknown, path: string) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, p) => (typeof v === 'string' ? null : `${p}: expected string`);
const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : `${p}: expected number`);
const bool: Check = (v, p) => (typeof v === 'boolean' ? null : `${p}: expected boolean`);
const nullable = (c: Check): Check => (v, p) => (v === null ? null : c(v, p));
const optional = (c: Check): Check => (v, p) => (v === undefined ? null : c(v, p));
const oneOf = (...values: string[]): Check => (v, p) => (typeof v === 'string' && values.includes(v) ? null : `${p}: expected one of ${values.join('|')}`);
const strOrNum: Check = (v, p) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? null : `${p}: expected string or number`);

const arrayOf = (c: Check): Check => (v, p) => {
  if (!Array.isArray(v)) return `${p}: expected array`;
  for (let i = 0; i < v.length; i++) { const e = c(v[i], `${p}[${i}]`); if (e) return e; }
  return null;
};
const recordOf = (c: Check): Check => (v, p) => {
  if (!isObj(v)) return `${p}: expected object`;
  for (const k of Object.keys(v)) { const e = c(v[k], `${p}.${k}`); if (e) return e; }
  return null;
};
const shape = (fields: Record<string, Check>): Check => (v, p) => {
  if (!isObj(v)) return `${p}: expected object`;
  for (const [k, c] of Object.entries(fields)) { const e = c(v[k], `${p}.${k}`); if (e) return e; }
  return null;
};

const position = shape({ line: num, character: num });
const source = nullable(shape({ path: str, docIndex: num, itemIndex: optional(num), range: shape({ start: position, end: position }) }));
const labels = recordOf(str);
const amounts = recordOf(num);
const ownerRef = nullable(shape({ kind: str, name: str }));
const objRef = shape({ kind: str, namespace: nullable(str), name: str });

const node = shape({
  name: str, labels, taints: arrayOf(shape({ key: str, value: optional(str), effect: str })), allocatable: amounts, requested: amounts,
  pods: arrayOf(str), unschedulable: bool, zone: nullable(str), source,
});
const scheduling = nullable(shape({
  filtered: recordOf(arrayOf(str)),
  scores: recordOf(shape({ total: num, plugins: recordOf(num) })),
  filteredBy: optional(recordOf(str)),
  selected: optional(nullable(str)),
  weights: optional(recordOf(num)),
}));
const pod = shape({
  namespace: str, name: str, labels, owner: ownerRef, nodeName: nullable(str), phase: oneOf('Pending', 'Running', 'Succeeded', 'Failed'),
  podIP: nullable(str), message: nullable(str), scheduling, priority: num, requests: amounts, workload: ownerRef, ready: bool,
  preemptedBy: optional(nullable(str)), nominatedNodeName: optional(nullable(str)),
  containers: arrayOf(shape({ name: str, image: str, ports: arrayOf(shape({ name: optional(str), containerPort: num, protocol: str })) })),
  references: arrayOf(shape({ kind: str, name: str })), source,
});
const service = shape({
  namespace: str, name: str, type: str, clusterIP: nullable(str),
  ports: arrayOf(shape({ name: nullable(str), port: num, targetPort: strOrNum, nodePort: nullable(num), protocol: str })),
  selector: nullable(labels), headless: bool, externalIPs: arrayOf(str), externalName: nullable(str), problems: arrayOf(str), source,
});
const endpointSlice = shape({
  namespace: str, name: str, service: str, addressType: str, labels,
  ports: arrayOf(shape({ name: nullable(str), port: num, protocol: str })),
  endpoints: arrayOf(shape({
    addresses: arrayOf(str), conditions: shape({ ready: bool, serving: bool, terminating: bool }), nodeName: nullable(str), zone: nullable(str),
    hostname: optional(nullable(str)), targetRef: nullable(shape({ kind: str, namespace: str, name: str })),
  })),
});
const workload = shape({
  kind: str, namespace: str, name: str, desired: num, scheduled: num, pending: num, pods: arrayOf(str), replicaSets: optional(arrayOf(str)),
  hpa: optional(nullable(shape({ name: str, minReplicas: num, maxReplicas: num, specReplicas: nullable(num) }))), source,
});
const replicaSet = shape({ namespace: str, name: str, owner: ownerRef, replicas: num, labels });
const pvc = shape({ namespace: str, name: str, owner: ownerRef, storageClassName: nullable(str), volumeName: nullable(str), phase: str, source });
const ingressRoute = shape({
  namespace: str, ingress: str, ingressClass: nullable(str), host: nullable(str), path: nullable(str), service: nullable(str),
  port: nullable(strOrNum), resolvedPort: nullable(num), problem: nullable(str), source,
});
const event = shape({ seq: num, type: str, reason: str, source: str, object: objRef, message: str });
const object = shape({
  kind: str, apiVersion: str, namespace: nullable(str), name: str, source, labels: optional(labels),
  selector: optional(nullable(labels)), target: optional(nullable(shape({ kind: str, name: str }))),
});

const snapshot = shape({
  version: (v, p) => (v === 1 ? null : `${p}: unsupported snapshot version`),
  seed: num, kubernetesVersion: str, clusterSource: str,
  nodes: arrayOf(node), pods: arrayOf(pod), services: arrayOf(service), endpointSlices: arrayOf(endpointSlice),
  workloads: arrayOf(workload), replicaSets: arrayOf(replicaSet), persistentVolumeClaims: arrayOf(pvc),
  ingressRoutes: arrayOf(ingressRoute), events: arrayOf(event), objects: arrayOf(object),
  preemptions: optional(arrayOf(shape({ preemptor: str, victims: arrayOf(str), node: str }))),
});

const whatIf: Check = (v, p) => {
  if (!isObj(v)) return `${p}: expected object`;
  switch (v.kind) {
    case 'cordon': case 'uncordon': case 'nodeDown': return str(v.node, `${p}.node`);
    case 'addNode': return str(v.like, `${p}.like`);
    case 'scale': return shape({ workload: shape({ kind: str, namespace: str, name: str }), replicas: num })(v, p);
    default: return `${p}.kind: unknown what-if`;
  }
};
const clusterChoice = shape({ preset: str, clusterFile: nullable(str), seed: num, kubernetesVersion: str });
const viewName = oneOf('graph', 'nodes', 'services', 'events');

const byType: Record<string, Check> = {
  snapshot: shape({
    snapshot, scopeLabel: str, whatIfs: arrayOf(whatIf), cluster: clusterChoice, presets: arrayOf(str), versions: arrayOf(str), readOnly: optional(bool),
  }),
  empty: shape({ scopeLabel: str, reason: str }),
  error: shape({ message: str }),
  highlight: shape({ objects: arrayOf(objRef) }),
  focus: shape({ object: objRef, view: optional(viewName) }),
  exportRequest: shape({ format: oneOf('svg', 'png') }),
};

/** Why `msg` is not a HostToWebview message, or null when it is one. */
export function hostMessageError(msg: unknown): string | null {
  if (!isObj(msg)) return 'message: expected object';
  if (typeof msg.type !== 'string' || !Object.prototype.hasOwnProperty.call(byType, msg.type)) return `message.type: unknown (${String(msg.type)})`;
  return byType[msg.type](msg, 'message');
}

export function isHostToWebview(msg: unknown): msg is HostToWebview {
  return hostMessageError(msg) === null;
}
