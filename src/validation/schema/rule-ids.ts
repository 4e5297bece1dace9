// Every rule id the parser (src/manifests) and the schema validator produce, with its default severity and a
// one-line description, for reports (SARIF rule metadata), configuration checks and docs. docs/rules.md has
// a section per id.
import type { Severity } from '../finding';

export interface ParseSchemaRule { id: string; defaultSeverity: Severity; description: string }

export const PARSE_AND_SCHEMA_RULES: readonly ParseSchemaRule[] = [
  { id: 'yaml/syntax', defaultSeverity: 'error', description: 'The YAML does not parse, cannot be resolved (alias bomb) or is binary.' },
  { id: 'yaml/duplicate-key', defaultSeverity: 'error', description: 'A mapping repeats a key.' },
  { id: 'manifest/missing-kind', defaultSeverity: 'error', description: "A document has no 'kind'." },
  { id: 'manifest/missing-apiVersion', defaultSeverity: 'error', description: "A document has a 'kind' but no 'apiVersion'." },
  { id: 'manifest/template', defaultSeverity: 'info', description: 'Helm/Go template: not validated.' },
  { id: 'manifest/too-large', defaultSeverity: 'info', description: 'The file is too large to validate.' },
  { id: 'schema/unknown-field', defaultSeverity: 'error', description: 'A field the Kubernetes API (or the CRD) does not declare.' },
  { id: 'schema/type', defaultSeverity: 'error', description: 'A value of the wrong type.' },
  { id: 'schema/required', defaultSeverity: 'error', description: 'A required field is missing.' },
  { id: 'schema/enum', defaultSeverity: 'error', description: 'A value outside the allowed values.' },
  { id: 'schema/format', defaultSeverity: 'error', description: 'A string in the wrong format (date-time, base64, duration).' },
  { id: 'schema/pattern', defaultSeverity: 'error', description: "A string that does not match the field's pattern (e.g. a quantity)." },
  { id: 'schema/constraint', defaultSeverity: 'error', description: 'Another schema constraint (minimum, maxLength, oneOf...) is not met.' },
  { id: 'schema/unknown-kind', defaultSeverity: 'error', description: 'A kind or version that the built-in API group does not serve in this Kubernetes version, or that its CRD does not serve.' },
  { id: 'schema/no-schema', defaultSeverity: 'info', description: 'A custom resource whose CustomResourceDefinition is not among the inputs.' },
  { id: 'api/deprecated-version', defaultSeverity: 'error', description: 'An apiVersion Kubernetes no longer serves (error), or still serves but has deprecated (warning).' },
];
