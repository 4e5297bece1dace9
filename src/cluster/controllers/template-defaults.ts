// A pod template as the API server stores it, for deciding whether two versions differ: the Deployment
// controller compares stored (defaulted) templates, so writing out a default, or a quantity in another
// form ("0.5" for "500m"), is no change. Covers the defaults of pkg/apis/core/v1/defaults.go that
// manifests commonly spell out; a default not listed here still reads as a change.
import { tryParseQuantity } from '../../core/quantity';
import { clone } from './common';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction. */
function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  if (isObj(p.httpGet)) {
    setDefault(p.httpGet, 'path', '/');
    setDefault(p.httpGet, 'scheme', 'HTTP');
  }
}

/** Quantities compare by value: "0.5" and "500m", "1Gi" and "1073741824" are one amount. */
function quantitiesByValue(list: unknown): void {
  if (!isObj(list)) return;
  for (const [k, v] of Object.entries(list)) {
    const n = typeof v === 'string' || typeof v === 'number' ? tryParseQuantity(v) : undefined;
    if (n !== undefined) list[k] = n;
  }
}

/** SetDefaults_Container (and the image pull policy rule: Always for :latest or no tag). */
function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  if (typeof c.image === 'string') {
    const afterSlash = c.image.slice(c.image.lastIndexOf('/') + 1);
    const tagged = !c.image.includes('@') && afterSlash.includes(':');
    const latest = tagged && afterSlash.endsWith(':latest');
    setDefault(c, 'imagePullPolicy', c.image.includes('@') || (tagged && !latest) ? 'IfNotPresent' : 'Always');
  }
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) setDefault(p, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
  if (isObj(c.resources)) {
    quantitiesByValue(c.resources.requests);
    quantitiesByValue(c.resources.limits);
  }
}

/** The template with the API server's defaults filled in and quantities as numbers (a copy). */
export function storedTemplate(template: unknown): unknown {
  const t = clone(template ?? {});
  if (!isObj(t)) return t;
  if (isObj(t.metadata) && t.metadata.creationTimestamp === null) delete t.metadata.creationTimestamp;
  const spec = t.spec;
  if (!isObj(spec)) return t;
  // SetDefaults_PodSpec
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'enableServiceLinks', true);
  for (const list of [spec.containers, spec.initContainers]) if (Array.isArray(list)) list.forEach(defaultContainer);
  // SetDefaults_{ConfigMap,Secret,Projected,DownwardAPI}VolumeSource: mode 0644
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) {
      if (!isObj(v)) continue;
      for (const kind of ['configMap', 'secret', 'projected', 'downwardAPI']) if (isObj(v[kind])) setDefault(v[kind] as Obj, 'defaultMode', 420);
    }
  }
  return t;
}
