#!/usr/bin/env node
// Converts the Kubernetes OpenAPI v2 specs (../shared/k8s-openapi/swagger-v<V>.json) into compact JSON Schema
// bundles, one per Kubernetes minor version: schemas/v<major.minor>.json =
//   { version, source, definitions: { <short name>: schema }, kinds: { "<group>/<version>/<Kind>": { ref, namespaced } } }
// Core-group kinds are keyed "v1/<Kind>". Definitions are shared by all kinds of the version, so the validator
// loads one file and compiles each kind lazily.
//
// Conversion choices (the validator relies on them):
// - descriptions and x-kubernetes-* annotations are dropped (x-kubernetes-group-version-kind becomes `kinds`);
// - IntOrString -> {type: [integer, string]}; Quantity -> {type: [string, number], pattern: <quantity grammar>};
// - formats int32/int64/double are dropped (the type says enough), date-time and byte (base64) are kept;
// - objects with declared properties get additionalProperties: false (unknown fields are errors, like
//   `kubeconform -strict` and the API server's strict field validation); maps and free-form objects stay open;
// - enumerations the API server enforces are added from the table ENUMS below;
// - null: Kubernetes decodes JSON null as "absent" (Go zero value) and CRD pruning drops nulls, so the validator
//   removes null-valued map entries before validating instead of widening every type here with "null". A
//   required field given as null is therefore reported as missing, which is what the API server says too.
//
// Usage: node scripts/gen-schemas.mjs [specDir] [outDir]
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'k8s-openapi'));
const outDir = resolve(process.argv[3] ?? join(repoRoot, 'schemas'));

// Kubernetes' quantity grammar (k8s.io/apimachinery/pkg/api/resource): <signedNumber><suffix>, suffix one of the
// binary SI (Ki..Ei), decimal SI (n u m "" k M G T P E) or a decimal exponent (e/E followed by a signed number).
export const QUANTITY_REGEX =
  '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))?$';

const PREFIXES = [
  ['io.k8s.api.', ''],
  ['io.k8s.apimachinery.pkg.apis.', 'apimachinery.'],
  ['io.k8s.apimachinery.pkg.', 'apimachinery.'],
  ['io.k8s.apiextensions-apiserver.pkg.apis.', 'apiextensions-apiserver.'],
  ['io.k8s.kube-aggregator.pkg.apis.', 'kube-aggregator.'],
];

function shortName(name) {
  for (const [p, r] of PREFIXES) if (name.startsWith(p)) return r + name.slice(p.length);
  return name;
}

const SPECIAL = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: ['integer', 'string'] },
};
// Quantity stays a (tiny) shared definition so messages can say "quantity" and the pattern is compiled once.
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const QUANTITY_SCHEMA = { type: ['string', 'number'], pattern: QUANTITY_REGEX };

function convert(schema) {
  if (schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map(convert);
  if (schema.$ref) {
    const target = schema.$ref.replace('#/definitions/', '');
    if (SPECIAL[target]) return { ...SPECIAL[target] };
    return { $ref: `#/definitions/${shortName(target)}` };
  }
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'description' || k.startsWith('x-kubernetes-')) continue;
    if (k === 'format') {
      if (v === 'date-time' || v === 'byte') out.format = v;
      continue;
    }
    if (k === 'properties') {
      out.properties = {};
      for (const [pk, pv] of Object.entries(v)) out.properties[pk] = convert(pv);
      continue;
    }
    if (k === 'items' || k === 'additionalProperties') { out[k] = convert(v); continue; }
    out[k] = v;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.properties && !out.type) out.type = 'object';
  return out;
}

// Enumerations the API server enforces but the OpenAPI spec does not state (its enum lists were dropped from the
// published spec). Values as validated upstream (kubernetes/kubernetes pkg/apis/core/validation/validation.go,
// pkg/apis/apps/validation, pkg/apis/batch/validation, pkg/apis/networking/validation, pkg/apis/storage/validation,
// pkg/apis/autoscaling/validation, pkg/apis/policy/validation, and the unversioned API constants). Fields the API
// server defaults when empty also accept "" (the messages do not list it). `[]` after a name: the array's items.
const EMPTY_OK = Symbol('empty allowed');
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const ENUMS = {
  'io.k8s.api.core.v1.Container': { imagePullPolicy: [EMPTY_OK, 'Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: [EMPTY_OK, 'File', 'FallbackToLogsOnError'] },
  'io.k8s.api.core.v1.EphemeralContainer': { imagePullPolicy: [EMPTY_OK, 'Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: [EMPTY_OK, 'File', 'FallbackToLogsOnError'] },
  'io.k8s.api.core.v1.PodSpec': { restartPolicy: [EMPTY_OK, 'Always', 'OnFailure', 'Never'], dnsPolicy: [EMPTY_OK, 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], preemptionPolicy: [EMPTY_OK, 'PreemptLowerPriority', 'Never'] },
  'io.k8s.api.core.v1.ContainerPort': { protocol: [EMPTY_OK, ...PROTOCOLS] },
  'io.k8s.api.core.v1.ServicePort': { protocol: [EMPTY_OK, ...PROTOCOLS] },
  'io.k8s.api.core.v1.ServiceSpec': {
    type: [EMPTY_OK, 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], sessionAffinity: [EMPTY_OK, 'ClientIP', 'None'],
    externalTrafficPolicy: [EMPTY_OK, 'Cluster', 'Local'], internalTrafficPolicy: [EMPTY_OK, 'Cluster', 'Local'],
    ipFamilyPolicy: [EMPTY_OK, 'SingleStack', 'PreferDualStack', 'RequireDualStack'], 'ipFamilies[]': ['IPv4', 'IPv6'],
  },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: [EMPTY_OK, 'HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.Toleration': { operator: [EMPTY_OK, 'Exists', 'Equal'], effect: [EMPTY_OK, ...EFFECTS] },
  'io.k8s.api.core.v1.Taint': { effect: EFFECTS },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: SELECTOR_OPS },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: [...SELECTOR_OPS, 'Gt', 'Lt'] },
  'io.k8s.api.core.v1.TopologySpreadConstraint': { whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'], nodeAffinityPolicy: [EMPTY_OK, 'Honor', 'Ignore'], nodeTaintsPolicy: [EMPTY_OK, 'Honor', 'Ignore'] },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { 'accessModes[]': ACCESS_MODES, volumeMode: [EMPTY_OK, 'Filesystem', 'Block'] },
  'io.k8s.api.core.v1.PersistentVolumeSpec': { 'accessModes[]': ACCESS_MODES, volumeMode: [EMPTY_OK, 'Filesystem', 'Block'], persistentVolumeReclaimPolicy: [EMPTY_OK, 'Retain', 'Delete', 'Recycle'] },
  'io.k8s.api.core.v1.SeccompProfile': { type: PROFILE_TYPES },
  'io.k8s.api.core.v1.AppArmorProfile': { type: PROFILE_TYPES },
  'io.k8s.api.core.v1.PodSecurityContext': { fsGroupChangePolicy: [EMPTY_OK, 'OnRootMismatch', 'Always'] },
  'io.k8s.api.core.v1.VolumeMount': { mountPropagation: [EMPTY_OK, 'None', 'HostToContainer', 'Bidirectional'] },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: [EMPTY_OK, 'Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: [EMPTY_OK, 'OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: [EMPTY_OK, 'RollingUpdate', 'OnDelete'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: [EMPTY_OK, 'RollingUpdate', 'OnDelete'] },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: [EMPTY_OK, 'Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: [EMPTY_OK, 'NonIndexed', 'Indexed'] },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { 'policyTypes[]': ['Ingress', 'Egress'] },
  'io.k8s.api.networking.v1.NetworkPolicyPort': { protocol: [EMPTY_OK, ...PROTOCOLS] },
  'io.k8s.api.storage.v1.StorageClass': { reclaimPolicy: [EMPTY_OK, 'Retain', 'Delete'], volumeBindingMode: [EMPTY_OK, 'Immediate', 'WaitForFirstConsumer'] },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: [EMPTY_OK, 'IfHealthyBudget', 'AlwaysAllow'] },
  'io.k8s.api.autoscaling.v2.MetricTarget': { type: ['Utilization', 'Value', 'AverageValue'] },
  'io.k8s.api.autoscaling.v2.MetricSpec': { type: ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'] },
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy': { type: ['Pods', 'Percent'] },
  'io.k8s.api.autoscaling.v2.HPAScalingRules': { selectPolicy: [EMPTY_OK, 'Max', 'Min', 'Disabled'] },
};

function addEnums(name, converted) {
  const table = ENUMS[name];
  if (!table) return converted;
  for (const [field, values] of Object.entries(table)) {
    const isItems = field.endsWith('[]');
    const prop = converted.properties?.[isItems ? field.slice(0, -2) : field];
    const target = isItems ? prop?.items : prop;
    if (!target || target.type !== 'string') throw new Error(`enum table: ${name}.${field} is not a string field`);
    target.enum = values.map((v) => (v === EMPTY_OK ? '' : v));
  }
  return converted;
}

/** group/version/kind key: "apps/v1/Deployment", core "v1/Pod". */
function gvkKey({ group, version, kind }) {
  return group ? `${group}/${version}/${kind}` : `${version}/${kind}`;
}

function namespacedKinds(paths) {
  const scope = new Map();
  for (const [path, item] of Object.entries(paths)) {
    const post = item.post;
    const gvk = post?.['x-kubernetes-group-version-kind'];
    if (!gvk || path.includes('{name}')) continue;
    const key = gvkKey(gvk);
    const namespaced = path.includes('{namespace}');
    if (!scope.has(key) || namespaced) scope.set(key, namespaced);
  }
  return scope;
}

function generate(specFile, version) {
  const spec = JSON.parse(readFileSync(specFile, 'utf8'));
  const definitions = {};
  const kinds = {};
  const scope = namespacedKinds(spec.paths ?? {});
  for (const name of Object.keys(spec.definitions).sort()) {
    if (SPECIAL[name]) continue;
    const def = spec.definitions[name];
    definitions[shortName(name)] = name === QUANTITY ? QUANTITY_SCHEMA : addEnums(name, convert(def));
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      // meta/v1 types (Status, DeleteOptions, WatchEvent...) carry a GVK for every group: not user-facing kinds.
      if (name.startsWith('io.k8s.apimachinery.') && gvk.group !== '') continue;
      const key = gvkKey(gvk);
      const entry = { ref: shortName(name) };
      if (scope.has(key)) entry.namespaced = scope.get(key);
      kinds[key] = entry;
    }
  }
  const sortedKinds = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
  return { version, source: `kubernetes swagger.json ${specFile.match(/v\d+\.\d+\.\d+/)[0]}`, kinds: sortedKinds, definitions };
}

mkdirSync(outDir, { recursive: true });
const specs = readdirSync(specDir).filter((f) => /^swagger-v\d+\.\d+\.\d+\.json$/.test(f)).sort();
let total = 0;
let totalGz = 0;
for (const f of specs) {
  const [, major, minor] = f.match(/v(\d+)\.(\d+)/);
  const version = `${major}.${minor}`;
  const bundle = generate(join(specDir, f), version);
  const text = JSON.stringify(bundle);
  const outFile = join(outDir, `v${version}.json`);
  writeFileSync(outFile, text + '\n');
  const gz = gzipSync(text).length;
  total += text.length;
  totalGz += gz;
  console.log(`${outFile}: ${Object.keys(bundle.kinds).length} kinds, ${Object.keys(bundle.definitions).length} definitions, ${(text.length / 1024).toFixed(0)} KiB (${(gz / 1024).toFixed(0)} KiB gzip)`);
}
console.log(`total ${(total / 1024).toFixed(0)} KiB (${(totalGz / 1024).toFixed(0)} KiB gzip)`);
