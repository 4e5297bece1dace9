// Rule configuration: per-rule severity or 'off', kinds assumed to exist outside the resource set, and
// excluded paths. The same shape comes from the VS Code settings (kubePreview.lint.*) and from the CLI's
// `--config FILE` (YAML or JSON).
import { parse as parseYaml } from 'yaml';
import type { Severity } from './finding';
import { allRules } from './rules/index';

export interface RuleConfig {
  /** rule id -> severity, or 'off' to disable the rule */
  rules?: Record<string, Severity | 'off'>;
  /** kinds (ConfigMap, Secret, ...) assumed to exist in the cluster, or 'all': silences missing-reference rules */
  assumeExternal?: 'all' | string[];
  /** glob patterns of paths whose findings are dropped (`**` any depth, `*` within a path segment) */
  exclude?: string[];
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

export class RuleConfigError extends Error {}

/** Parse a config file (YAML or JSON). Throws RuleConfigError with a message naming the bad field. */
export function parseRuleConfig(text: string): RuleConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new RuleConfigError(`config is not valid YAML/JSON: ${(e as Error).message}`);
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new RuleConfigError('config must be a mapping with `rules`, `assumeExternal` and/or `exclude`');
  const r = raw as Record<string, unknown>;
  const out: RuleConfig = {};
  for (const key of Object.keys(r)) {
    if (!['rules', 'assumeExternal', 'exclude'].includes(key)) throw new RuleConfigError(`unknown config field "${key}" (expected rules, assumeExternal, exclude)`);
  }
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules !== 'object' || Array.isArray(r.rules)) throw new RuleConfigError('`rules` must map rule ids to error|warning|info|off');
    const rules: Record<string, Severity | 'off'> = {};
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      // YAML 1.1 habits: `off`/`false` may arrive as the boolean false
      const s = sev === false ? 'off' : String(sev);
      if (!SEVERITIES.has(s)) throw new RuleConfigError(`rules.${id}: "${String(sev)}" is not one of error, warning, info, off`);
      rules[id] = s as Severity | 'off';
    }
    out.rules = rules;
  }
  if (r.assumeExternal !== undefined && r.assumeExternal !== null) {
    if (r.assumeExternal === 'all') out.assumeExternal = 'all';
    else if (Array.isArray(r.assumeExternal) && r.assumeExternal.every((k) => typeof k === 'string')) out.assumeExternal = r.assumeExternal as string[];
    else throw new RuleConfigError('`assumeExternal` must be "all" or a list of kinds');
  }
  if (r.exclude !== undefined && r.exclude !== null) {
    if (!Array.isArray(r.exclude) || !r.exclude.every((k) => typeof k === 'string')) throw new RuleConfigError('`exclude` must be a list of glob patterns');
    out.exclude = r.exclude as string[];
  }
  return out;
}

/** assumeExternal as the RuleContext wants it. */
export function assumeExternalSet(config: RuleConfig): 'all' | Set<string> {
  return config.assumeExternal === 'all' ? 'all' : new Set(config.assumeExternal ?? []);
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${re}$`);
}

/** Does `path` match one of the exclude globs? (Matched against the path's tail, so `vendor/**` works anywhere.) */
export function isExcluded(path: string, globs: string[] | undefined): boolean {
  if (!globs || globs.length === 0) return false;
  const p = path.replace(/\\/g, '/');
  return globs.some((g) => globToRegExp(g.replace(/\\/g, '/')).test(p));
}

export const DOCS_BASE = 'https://github.com/kube-preview/kube-preview/blob/main/docs/rules.md';

export interface RuleMetadata {
  id: string;
  description: string;
  defaultSeverity: Severity;
  category: string;
  helpUri: string;
  needsSnapshot: boolean;
}

/** Metadata of every rule, for SARIF `tool.driver.rules` and the docs. */
export function ruleMetadata(): RuleMetadata[] {
  return allRules.map((r) => ({
    id: r.id,
    description: r.description,
    defaultSeverity: r.defaultSeverity,
    category: r.category,
    helpUri: `${DOCS_BASE}#${r.docsAnchor}`,
    needsSnapshot: r.needsSnapshot === true,
  }));
}
