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

/**
 * The first error among `findings` as one line, `label:line:column: message (and N more)`, for a file that is
 * unusable as a whole (a cluster file: the CLI stops, the extension shows a notice); null when there is none.
 */
export function firstErrorLine(label: string, findings: readonly Finding[]): string | null {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return null;
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${label}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}${more}`;
}
