// The shape of a lint rule: metadata plus a pure check over the whole resource set (and, for the
// simulated rules, the ClusterSnapshot). run.ts turns RuleFindings into Findings (severity, resource,
// suppression comments, the generic "disable for next line" fix).
import type { Manifest, ObjectPath, Range } from '../../manifests/types';
import type { Severity, TextEditFix } from '../finding';
import type { ClusterSnapshot } from '../../cluster/snapshot';

export type RuleCategory = 'cross-resource' | 'simulation' | 'best-practice' | 'security' | 'schema';

export interface RuleContext {
  manifests: Manifest[];
  snapshot: ClusterSnapshot | null;
  /** kinds whose absence from the set is not reported (references assumed to exist in the cluster), or 'all' */
  assumeExternal: 'all' | Set<string>;
  kubernetesVersion: string;
  /** source text of a file, for rules that compute quick-fix edits (run.ts fills it in) */
  texts?: (path: string) => string | undefined;
}

/** What a rule reports: where (manifest + object path, or an explicit range) and what. */
export interface RuleFinding {
  manifest: Manifest;
  /** object path of the offending node; the finding's range is manifest.rangeOf(path, part) */
  path?: ObjectPath;
  part?: 'key' | 'value';
  /** explicit range (overrides path) */
  range?: Range;
  message: string;
  /** overrides the rule's default severity for this finding (still subject to configuration) */
  severity?: Severity;
  /** quick fixes, or a function computing them on first use (edits cost more than finding the problem) */
  fixes?: TextEditFix[] | (() => TextEditFix[]);
  data?: Record<string, unknown>;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  description: string;
  /** anchor in docs/rules.md (without '#') */
  docsAnchor: string;
  category: RuleCategory;
  /** true for rules that read ctx.snapshot (skipped when the simulation is off) */
  needsSnapshot?: boolean;
  check(ctx: RuleContext): RuleFinding[];
}
