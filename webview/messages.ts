// Validation of every message the host sends. A message that is not exactly one of the HostToWebview shapes
// (unknown type, missing or mistyped field anywhere in a snapshot) is ignored with a console warning:
// the views then never meet data of a shape they do not expect.
import type { HostToWebview } from '../src/protocol';

// A check returns null, or the failing path relative to the value and what was expected (built only on failure,
// so validating a 10,000-pod snapshot allocates no path strings).
type Check = (v: unknown) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v) => (typeof v === 'string' ? null : ': expected string');
const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : ': expected number');
const bool: Check = (v) => (typeof v === 'boolean' ? null : ': expected boolean');
const nullable = (c: Check): Check => (v) => (v === null ? null : c(v));
const optional = (c: Check): Check => (v) => (v === undefined ? null : c(v));
const oneOf = (...values: string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : `: expected one of ${values.join('|')}`);
const strOrNum: Check = (v) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? null : ': expected string or number');

const arrayOf = (c: Check): Check => (v) => {
  if (!Array.isArray(v)) return ': expected array';
  for (let i = 0; i < v.length; i++) { const e = c(v[i]); if (e !== null) return `[${i}]${e}`; }
  return null;
};
const recordOf = (c: Check): Check => (v) => {
  if (!isObj(v)) return ': expected object';
  for (const k in v) { if (!Object.prototype.hasOwnProperty.call(v, k)) continue; const e = c(v[k]); if (e !== null) return `.${k}${e}`; }
  return null;
};
const shape = (fields: Record<string, Check>): Check => {
  const entries = Object.entries(fields);
  return (v) => {
    if (!isObj(v)) return ': expected object';
    for (const [k, c] of entries) { const e = c(v[k]); if (e !== null) return `.${k}${e}`; }
    return null;
  };
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
  omitted: optional(shape({ scores: num, filtered: num })),
  groupExplanation: optional(str),
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
  selector: optional(nullable(labels)), selectsPods: optional(arrayOf(str)), target: optional(nullable(shape({ kind: str, name: str }))),
});

const snapshot = shape({
  version: (v) => (v === 1 ? null : ': unsupported snapshot version'),
  seed: num, kubernetesVersion: str, clusterSource: str,
  nodes: arrayOf(node), pods: arrayOf(pod), services: arrayOf(service), endpointSlices: arrayOf(endpointSlice),
  workloads: arrayOf(workload), replicaSets: arrayOf(replicaSet), persistentVolumeClaims: arrayOf(pvc),
  ingressRoutes: arrayOf(ingressRoute), events: arrayOf(event), objects: arrayOf(object),
  preemptions: optional(arrayOf(shape({ preemptor: str, victims: arrayOf(str), node: str }))),
});

const scaleWhatIf = shape({ workload: shape({ kind: str, namespace: str, name: str }), replicas: num });
const whatIf: Check = (v) => {
  if (!isObj(v)) return ': expected object';
  switch (v.kind) {
    case 'cordon': case 'uncordon': case 'nodeDown': { const e = str(v.node); return e && `.node${e}`; }
    case 'addNode': { const e = str(v.like); return e && `.like${e}`; }
    case 'scale': return scaleWhatIf(v);
    default: return '.kind: unknown what-if';
  }
};
const clusterChoice = shape({ preset: str, clusterFile: nullable(str), seed: num, kubernetesVersion: str });
const viewName = oneOf('graph', 'nodes', 'services', 'events');

const byType: Record<string, Check> = {
  snapshot: shape({
    snapshot, scopeLabel: str, whatIfs: arrayOf(whatIf), cluster: clusterChoice, presets: arrayOf(str), versions: arrayOf(str), readOnly: optional(bool),
    baseline: optional(arrayOf(shape({ namespace: str, name: str, nodeName: nullable(str), owner: ownerRef }))),
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
  const e = byType[msg.type](msg);
  return e === null ? null : `message${e}`;
}

export function isHostToWebview(msg: unknown): msg is HostToWebview {
  return hostMessageError(msg) === null;
}
