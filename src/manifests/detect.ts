// Which files are Kubernetes manifests: Helm/Go templates and well-known non-Kubernetes YAML (CI workflows,
// compose files, kustomizations, Helm charts and values, OpenAPI documents, linter configs) are recognised so
// they produce a notice or nothing instead of a wall of false errors.

// Templates are recognised by parsing (parse-chunk.ts): `{{ ... }}` outside quotes either breaks the YAML (Helm's
// `{{- if }}` lines) or reads as a flow mapping used as a key; text inside strings (Prometheus alert descriptions,
// Grafana legends, Alertmanager templates in block scalars) does not count.

/** Offset of the first `{{` (for placing the template notice), or -1. */
export function firstTemplateOffset(text: string): number {
  const helm = text.search(HELM_ACTION);
  return helm >= 0 ? helm : text.indexOf('{{');
}

// An action naming Helm's own objects (.Values, .Release, .Chart, .Capabilities, .Files, .Template, also as
// `$.Values`) or its `include` function: a chart template even when every `{{ }}` sits inside quotes
// (`image: "{{ .Values.image }}"` parses as plain YAML). Prometheus rules, Grafana legends and Alertmanager
// templates use `$labels`, `$value`, `.Labels`, `template "name"`: none of these.
const HELM_ACTION = /\{\{-?\s*(?:[^{}]*?[\s(|$])?\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|\{\{-?\s*include\s/;

/** True when the text has a Helm template action, whatever its quoting. */
export function hasHelmAction(text: string): boolean {
  return text.includes('{{') && HELM_ACTION.test(text);
}

const NOT_KUBERNETES_NAMES: RegExp[] = [
  /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/,
  /(^|\/)\.github\/[^/]*\.ya?ml$/, // dependabot.yml, labeler.yml, ...
  /(^|\/)\.gitlab-ci\.ya?ml$/,
  /(^|\/)(docker-)?compose([.-][^/]*)?\.ya?ml$/,
  /(^|\/)kustomization\.ya?ml$/,
  /(^|\/)Kustomization$/,
  /(^|\/)Chart\.(ya?ml|lock)$/,
  /(^|\/)requirements\.ya?ml$/,
  /(^|\/)values([.-][^/]*)?\.ya?ml$/,
  /(^|\/)(openapi|swagger)([.-][^/]*)?\.(ya?ml|json)$/,
  /(^|\/)\.?kube-linter([.-][^/]*)?\.ya?ml$/,
  /(^|\/)\.pre-commit-(config|hooks)\.ya?ml$/,
  /(^|\/)\.golangci\.ya?ml$/,
  /(^|\/)\.goreleaser\.ya?ml$/,
  /(^|\/)\.travis\.ya?ml$/,
  /(^|\/)\.yamllint(\.ya?ml)?$/,
  /(^|\/)(azure|bitbucket)-pipelines\.ya?ml$/,
  /(^|\/)(mkdocs|codecov|\.codecov|cloudbuild|action|pnpm-lock|buf|buf\.gen|netlify)\.ya?ml$/,
  /(^|\/)\.circleci\/config\.ya?ml$/,
];

/** Files whose name says they are not Kubernetes manifests (path with / or \ separators). */
export function isNotKubernetesPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return NOT_KUBERNETES_NAMES.some((re) => re.test(p));
}

// Top-level keys that identify a document as something else, checked only when it has neither apiVersion nor kind.
const CI_KEYS = ['jobs', 'stages', 'workflow', 'steps', 'pipeline', 'trigger'];
const COMPOSE_KEYS = ['services', 'volumes', 'networks', 'x-common'];
const KUSTOMIZE_KEYS = ['resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902',
  'configMapGenerator', 'secretGenerator', 'namePrefix', 'nameSuffix', 'commonLabels', 'commonAnnotations', 'images',
  'generators', 'transformers', 'replicas', 'helmCharts', 'labels', 'replacements'];
const PROMETHEUS_KEYS = ['groups', 'scrape_configs', 'rule_files', 'alerting', 'receivers', 'route', 'inhibit_rules'];
const OTHER_KEYS = ['openapi', 'swagger', 'checks', 'customChecks', 'repos', 'rules', 'extends', 'site_name', 'version'];

/**
 * True when a mapping document without apiVersion/kind is recognisably another format. In JSON files every
 * such document counts: package.json, tsconfig.json, .eslintrc.json... are far more common than a Kubernetes
 * object that forgot both keys.
 */
export function isNotKubernetesDocument(keys: string[], path = ''): boolean {
  if (/\.json$/i.test(path)) return true;
  if (keys.length === 0) return false;
  const set = new Set(keys);
  if (set.has('openapi') || set.has('swagger')) return true;
  if (CI_KEYS.some((k) => set.has(k))) return true; // GitHub Actions (`on`/true + jobs), GitLab, Azure...
  if (COMPOSE_KEYS.some((k) => set.has(k))) return true;
  if (KUSTOMIZE_KEYS.some((k) => set.has(k))) return true;
  if (set.has('checks') || set.has('customChecks')) return true; // kube-linter config
  if (set.has('AWSTemplateFormatVersion') || set.has('Resources')) return true; // CloudFormation / SAM
  if (PROMETHEUS_KEYS.some((k) => set.has(k))) return true; // prometheus.yml, rule files, alertmanager.yml
  // Everything else counts only when all keys are of the "other" vocabulary (e.g. `version: 2`).
  return keys.every((k) => OTHER_KEYS.includes(k));
}
