// What reports need to know about a rule (SARIF's tool.driver.rules). The CLI fills these from the
// rule registry; a finding whose rule is not listed still gets an entry built from the finding itself.
import type { Severity } from '../finding';

export interface ReportRule {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** link to the rule's section in docs/rules.md */
  helpUri?: string;
}

/** Where rule documentation lives; anchors are the rule ids with `/` and other punctuation dropped. */
export const RULES_DOC_URL = 'https://github.com/kube-preview/kube-preview/blob/main/docs/rules.md';

/** GitHub-style heading anchor for a rule id ("schema/unknown-field" -> "schemaunknown-field"). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9\- ]/g, '').replace(/ /g, '-');
}

export function defaultHelpUri(id: string): string {
  return `${RULES_DOC_URL}#${ruleAnchor(id)}`;
}
