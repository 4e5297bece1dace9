// The mapping of kube-linter and kube-score checks to our rules (also tabled in docs/rules.md), the
// documented disagreements (listed here, in one place, each explained in docs/rules.md), and helpers
// that lint a corpus fixture and attribute findings and peer reports to objects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../src/validation/finding';
import type { Manifest } from '../../../src/manifests/types';
import { parseManifests } from '../../../src/manifests/parse';
import { runRules } from '../../../src/validation/rules/run';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus');

export interface PeerMapping {
  /** our rule ids */
  rules: string[];
  /** keeps only our findings that answer the same question as the peer check (e.g. hostIPC of host-namespaces) */
  filter?: (f: Finding) => boolean;
}

export const KUBE_LINTER: Record<string, PeerMapping> = {
  'dangling-service': { rules: ['service-selects-nothing'] },
  'dangling-ingress': { rules: ['ingress-backend-missing'] },
  'dangling-horizontalpodautoscaler': { rules: ['hpa-target-missing'] },
  'dangling-networkpolicy': { rules: ['networkpolicy-selects-nothing'] },
  'mismatching-selector': { rules: ['workload-selector-mismatch'] },
  'non-existent-service-account': { rules: ['serviceaccount-missing'] },
  'env-value-from': { rules: ['configmap-missing', 'secret-missing'] },
  'pdb-max-unavailable': { rules: ['pdb-never-disrupts'], filter: (f) => /maxUnavailable/.test(f.message) },
  'pdb-min-available': { rules: ['pdb-never-disrupts'], filter: (f) => /minAvailable/.test(f.message) },
  'duplicate-env-var': { rules: ['env-duplicate'] },
  'latest-tag': { rules: ['image-tag-latest'] },
  'no-liveness-probe': { rules: ['probe-missing-liveness'] },
  'no-readiness-probe': { rules: ['probe-missing-readiness'] },
  'liveness-port': { rules: ['probe-port-not-exposed'], filter: (f) => f.message.startsWith('livenessProbe') },
  'readiness-port': { rules: ['probe-port-not-exposed'], filter: (f) => f.message.startsWith('readinessProbe') },
  'startup-port': { rules: ['probe-port-not-exposed'], filter: (f) => f.message.startsWith('startupProbe') },
  'unset-cpu-requirements': { rules: ['resources-missing'], filter: (f) => /cpu request/.test(f.message) },
  'unset-memory-requirements': { rules: ['resources-missing'], filter: (f) => /memory limit/.test(f.message) },
  'privileged-container': { rules: ['privileged'] },
  'privilege-escalation-container': { rules: ['allow-privilege-escalation'] },
  'run-as-non-root': { rules: ['run-as-non-root-missing'] },
  'host-network': { rules: ['host-namespaces'], filter: (f) => /hostNetwork/.test(f.message) },
  'host-pid': { rules: ['host-namespaces'], filter: (f) => /hostPID/.test(f.message) },
  'host-ipc': { rules: ['host-namespaces'], filter: (f) => /hostIPC/.test(f.message) },
  'sensitive-host-mounts': { rules: ['host-path'] },
  'docker-sock': { rules: ['docker-socket'] },
  'drop-net-raw-capability': { rules: ['dangerous-capabilities'], filter: (f) => /NET_RAW/.test(f.message) },
};

export const KUBE_SCORE: Record<string, PeerMapping> = {
  'Service Targets Pod': { rules: ['service-selects-nothing'] },
  'Ingress targets Service': { rules: ['ingress-backend-missing'] },
  'NetworkPolicy targets Pod': { rules: ['networkpolicy-selects-nothing'] },
  'HorizontalPodAutoscaler has target': { rules: ['hpa-target-missing'] },
  'Deployment targeted by HPA does not have replicas configured': { rules: ['hpa-target-sets-replicas'] },
  'StatefulSet has ServiceName': { rules: ['statefulset-service-missing'] },
  'StatefulSet Pod Selector labels match template metadata labels': { rules: ['workload-selector-mismatch'] },
  'Container Resources': { rules: ['resources-missing'] },
  'Container Image Tag': { rules: ['image-tag-latest'] },
  'Pod Probes': { rules: ['probe-missing-readiness'] },
  'Environment Variable Key Duplication': { rules: ['env-duplicate'] },
  'Container Security Context Privileged': { rules: ['privileged'] },
};

/**
 * Cases where we knowingly disagree with the peer, by "<tool> <test or go_test> <object>"; each is
 * explained in docs/rules.md ("Where we differ from kube-linter and kube-score"). The agreement tests
 * skip exactly these (and assert that every entry still is a disagreement, so the list cannot go stale).
 */
export const KNOWN_DISAGREEMENTS: Record<string, string> = {
  'kube-linter no-readiness-probe Deployment app1#2': 'probe-missing-readiness only reports pods that a Service sends traffic to',
  'kube-linter no-readiness-probe DeploymentConfig app2#3': 'probe-missing-readiness only reports pods that a Service sends traffic to',
  'kube-score TestPodContainerResourceLimitCpuNotRequired Pod pod-test-1#0': 'kube-score run with IgnoreContainerCpuLimitRequirement; resources-missing has no such option',
  'kube-score TestPodContainerResourceNoLimitRequired Pod pod-test-1#0': 'kube-score run with IgnoreContainerCpu/MemoryLimitRequirement; resources-missing has no such option',
};

export interface Linted { manifests: Manifest[]; findings: Finding[]; text: string }

export function lintFixture(file: string): Linted {
  const text = fs.readFileSync(file, 'utf8');
  const manifests = parseManifests(file, text).manifests;
  const findings = runRules({ manifests, snapshot: null, assumeExternal: new Set(), kubernetesVersion: '1.34' }, {}, (p) => (p === file ? text : undefined));
  return { manifests, findings, text };
}

export function objectId(m: Manifest): string {
  return `${m.object.kind} ${String(m.object.metadata?.name ?? '')}#${m.source.docIndex}${m.source.itemIndex !== undefined ? `.${m.source.itemIndex}` : ''}`;
}

/** The manifest a finding belongs to (same file, range inside the object's range). */
export function findingObject(l: Linted, f: Finding): Manifest | undefined {
  return l.manifests.find((m) => {
    const r = m.source.range;
    const ln = f.range.start.line;
    return ln >= r.start.line && ln <= r.end.line && m.object.kind === f.resource?.kind && (m.object.metadata?.name ?? null) === f.resource?.name;
  });
}

export function ours(l: Linted, map: PeerMapping): Finding[] {
  return l.findings.filter((f) => map.rules.includes(f.ruleId) && (!map.filter || map.filter(f)));
}

export function firing(l: Linted, map: PeerMapping): Set<string> {
  const out = new Set<string>();
  for (const f of ours(l, map)) {
    const m = findingObject(l, f);
    if (m) out.add(objectId(m));
  }
  return out;
}

/** total: cases compared; agree: of those, agreeing; skipped: of the disagreeing, documented ones */
export interface RuleTally { agree: number; total: number; skipped: number }

export function tally(table: Map<string, RuleTally>, rule: string, agree: boolean, skipped = false): void {
  const t = table.get(rule) ?? { agree: 0, total: 0, skipped: 0 };
  t.total++;
  if (agree) t.agree++;
  if (skipped) t.skipped++;
  table.set(rule, t);
}

export function formatTally(title: string, table: Map<string, RuleTally>): string {
  const rows = [...table.entries()].sort(([a], [b]) => a.localeCompare(b));
  return [title, ...rows.map(([r, t]) => `  ${r.padEnd(40)} ${t.agree}/${t.total} (${t.total ? Math.round((100 * t.agree) / t.total) : 100}%)${t.skipped ? ` — ${t.skipped} documented disagreement(s)` : ''}`)].join('\n');
}
