// The one shape every check reports: the CLI's JSON, SARIF, JUnit and VS Code diagnostics are views of it.
import type { Range } from '../manifests/types';

export type Severity = 'error' | 'warning' | 'info';

export interface ResourceRef { apiVersion: string; kind: string; namespace: string | null; name: string | null }

/** A machine-readable edit a quick fix can apply (the extension turns it into a WorkspaceEdit). */
export interface TextEditFix {
  title: string;
  edits: { path: string; range: Range; newText: string }[];
  /** the preferred fix for this finding (shown first, applied by "auto fix") */
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
  resource: ResourceRef | null;
  /** quick fixes, when the check knows how to repair the problem */
  fixes?: TextEditFix[];
  /** extra facts for quick fixes / hovers (e.g. the suggested field name) */
  data?: Record<string, unknown>;
}
