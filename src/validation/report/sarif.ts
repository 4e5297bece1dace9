// SARIF 2.1.0 (the format code-scanning services read): one run, the rules in tool.driver.rules with
// id, short description, help link and default level, and one result per finding pointing at its rule
// by ruleIndex, with a 1-based region. Quick fixes travel as SARIF fixes.
import type { Finding, Severity } from '../finding';
import type { Range } from '../../manifests/types';
import { defaultHelpUri, type ReportRule } from './rules-info';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  toolVersion: string;
  /** every rule the tool knows (listed even when it found nothing) */
  rules: readonly ReportRule[];
  informationUri?: string;
}

interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }

/** SARIF lines and columns are 1-based; the end column is the one just after the region. */
function region(r: Range): SarifRegion {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Paths become URI references: forward slashes, percent-encoded where needed. */
export function pathToUri(path: string): string {
  return encodeURI(path.replace(/\\/g, '/')).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

export function toSarif(findings: readonly Finding[], opts: SarifOptions): object {
  const rules: ReportRule[] = [...opts.rules];
  const index = new Map<string, number>();
  rules.forEach((r, i) => { if (!index.has(r.id)) index.set(r.id, i); });
  for (const f of findings) {
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, rules.length);
      rules.push({ id: f.ruleId, description: f.ruleId, defaultSeverity: f.severity });
    }
  }
  const results = findings.map((f) => {
    const location: Record<string, unknown> = {
      physicalLocation: { artifactLocation: { uri: pathToUri(f.path) }, region: region(f.range) },
    };
    if (f.resource) {
      const ns = f.resource.namespace ? `${f.resource.namespace}/` : '';
      location.logicalLocations = [{ name: f.resource.name ?? '', fullyQualifiedName: `${f.resource.kind}/${ns}${f.resource.name ?? ''}`, kind: 'resource' }];
    }
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location],
    };
    if (f.fixes?.length) {
      result.fixes = f.fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: groupEditsByPath(fix.edits).map(([path, edits]) => ({
          artifactLocation: { uri: pathToUri(path) },
          replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
        })),
      }));
    }
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-preview',
            version: opts.toolVersion,
            informationUri: opts.informationUri ?? 'https://github.com/kube-preview/kube-preview',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              helpUri: r.helpUri ?? defaultHelpUri(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function groupEditsByPath<E extends { path: string }>(edits: readonly E[]): [string, E[]][] {
  const m = new Map<string, E[]>();
  for (const e of edits) {
    const list = m.get(e.path);
    if (list) list.push(e);
    else m.set(e.path, [e]);
  }
  return [...m];
}

export function renderSarif(findings: readonly Finding[], opts: SarifOptions): string {
  return JSON.stringify(toSarif(findings, opts), null, 2) + '\n';
}
