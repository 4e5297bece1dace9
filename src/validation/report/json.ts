// The CLI's JSON report, exactly the shape DESIGN.md promises other tools:
// {"findings": [{ruleId, severity, message, path, range (0-based), resource}]}.
import type { Finding } from '../finding';

export interface JsonFinding {
  ruleId: Finding['ruleId'];
  severity: Finding['severity'];
  message: string;
  path: string;
  range: Finding['range'];
  resource: Finding['resource'];
}

export function toJsonFinding(f: Finding): JsonFinding {
  // Only the promised keys, in a fixed order (fixes and data are editor-only details).
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    path: f.path,
    range: {
      start: { line: f.range.start.line, character: f.range.start.character },
      end: { line: f.range.end.line, character: f.range.end.character },
    },
    resource: f.resource
      ? { apiVersion: f.resource.apiVersion, kind: f.resource.kind, namespace: f.resource.namespace, name: f.resource.name }
      : null,
  };
}

export function renderJson(findings: readonly Finding[]): string {
  return JSON.stringify({ findings: findings.map(toJsonFinding) }, null, 2) + '\n';
}
