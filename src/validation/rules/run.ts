// Runs the rules over a resource set: configured severities ('off' removes a rule), inline suppression
// comments, the generic "disable for this line" quick fix, excluded paths, and a warning for unknown rule
// ids in the configuration.
//
// Suppression comments (documented in docs/rules.md#suppressing-findings):
//   # kube-preview-disable-next-line RULE[,RULE...]   the next non-blank, non-comment line
//   # kube-preview-disable RULE[,RULE...]             the YAML document the comment is in; in the file's
//                                                     header (before any YAML content) the whole file
// With no rule id the comment applies to every rule. Text after ` -- ` is a free-form reason.
import type { Finding, Severity, ResourceRef, TextEditFix } from '../finding';
import type { RuleConfig } from '../config';
import { isExcluded } from '../config';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { allRules, ruleById } from './index';
import { SUPPRESS_DOCUMENT, SUPPRESS_NEXT_LINE, suppressNextLineFix } from './edits';
import type { Manifest } from '../../manifests/types';

/** Rule ids produced outside rules/ (parser and schema validator) that a config may also name. */
const EXTERNAL_RULE_PREFIXES = ['yaml/', 'manifest/', 'schema/', 'api/'];

export const UNKNOWN_RULE_ID = 'config/unknown-rule';
export const RULE_ERROR_ID = 'internal/rule-error';

export function isKnownRuleId(id: string): boolean {
  return ruleById(id) !== undefined || EXTERNAL_RULE_PREFIXES.some((p) => id.startsWith(p));
}

/** The severity a finding of `ruleId` gets under `config` (null = off). */
export function configuredSeverity(config: RuleConfig, ruleId: string, fallback: Severity): Severity | null {
  const s = config.rules?.[ruleId];
  if (s === 'off') return null;
  return s ?? fallback;
}

interface Suppressions {
  /** line -> rule ids suppressed on it ('*' = every rule) */
  lines: Map<number, Set<string>>;
  /** line ranges (inclusive) and the rules suppressed in them */
  blocks: { start: number; end: number; ids: Set<string> }[];
  /** every directive comment: its line, the column where its ids start, and the ids */
  directives: { line: number; column: number; ids: string[] }[];
}

const DIRECTIVE = /^\s*#\s*(kube-preview-disable(?:-next-line)?)(?:\s+(.*))?$/;

function parseIds(rest: string | undefined): Set<string> {
  const list = (rest ?? '').split(/\s--\s|^--\s|\s--$/)[0];
  const ids = list.split(/[\s,]+/).filter((s) => s.length > 0);
  return new Set(ids.length === 0 ? ['*'] : ids);
}

/** Read the suppression comments of a file. */
export function parseSuppressions(text: string): Suppressions {
  const lines = text.split('\n');
  const out: Suppressions = { lines: new Map(), blocks: [], directives: [] };
  let pendingNext: Set<string> | null = null;
  let seenContent = false;
  let docStart = 0;
  const docBlocks: { ids: Set<string>; header: boolean }[] = [];
  const closeDoc = (end: number) => {
    for (const b of docBlocks) out.blocks.push({ start: b.header ? 0 : docStart, end: b.header ? Number.MAX_SAFE_INTEGER : end, ids: b.ids });
    docBlocks.length = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (/^(---|\.\.\.)(\s|$)/.test(line)) {
      closeDoc(i - 1);
      docStart = i;
      if (line.trim() !== '---' && line.trim() !== '...') seenContent = true; // `--- {a: 1}`
      continue;
    }
    const d = DIRECTIVE.exec(line);
    if (d) {
      const ids = parseIds(d[2]);
      out.directives.push({ line: i, column: d[2] !== undefined ? line.length - d[2].length : line.length, ids: [...ids].filter((x) => x !== '*') });
      if (d[1] === SUPPRESS_NEXT_LINE) pendingNext = pendingNext ? new Set([...pendingNext, ...ids]) : ids;
      else if (d[1] === SUPPRESS_DOCUMENT) docBlocks.push({ ids, header: !seenContent });
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    seenContent = true;
    if (pendingNext) {
      out.lines.set(i, pendingNext);
      pendingNext = null;
    }
  }
  closeDoc(lines.length - 1);
  return out;
}

function suppressed(s: Suppressions, ruleId: string, line: number): boolean {
  const ids = s.lines.get(line);
  if (ids && (ids.has('*') || ids.has(ruleId))) return true;
  return s.blocks.some((b) => line >= b.start && line <= b.end && (b.ids.has('*') || b.ids.has(ruleId)));
}

/**
 * Drop findings suppressed by comments in their file. Exported so the engine can apply the same comments
 * to parser and schema findings.
 */
export function filterSuppressed(findings: Finding[], texts: (path: string) => string | undefined): Finding[] {
  const cache = new Map<string, Suppressions | null>();
  return findings.filter((f) => {
    let s = cache.get(f.path);
    if (s === undefined) {
      const t = texts(f.path);
      // cheap pre-check: most files have no directive at all
      s = t !== undefined && t.includes('kube-preview-disable') ? parseSuppressions(t) : null;
      cache.set(f.path, s);
    }
    return !s || !suppressed(s, f.ruleId, f.range.start.line);
  });
}

export function resourceRef(m: Manifest): ResourceRef {
  const o = m.object;
  const ns = o.metadata?.namespace;
  const name = o.metadata?.name;
  return {
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: typeof o.kind === 'string' ? o.kind : '',
    namespace: typeof ns === 'string' ? ns : null,
    name: typeof name === 'string' ? name : null,
  };
}

function toFinding(rule: Rule, f: RuleFinding, severity: Severity): Finding {
  const range = f.range ?? f.manifest.rangeOf(f.path ?? [], f.part ?? 'value');
  const out: Finding = { ruleId: rule.id, severity, message: f.message, path: f.manifest.source.path, range, resource: resourceRef(f.manifest) };
  if (f.data) out.data = f.data;
  return out;
}

/**
 * Give a finding its fixes lazily: the rule's own (an array or a function) plus the generic suppression
 * fix, computed on first read of `fixes` and then kept. The property is an enumerable accessor, so JSON
 * and structured clones see a plain array; assigning replaces it.
 */
function attachFixes(out: Finding, own: RuleFinding['fixes'], text: string | undefined): void {
  let cached: TextEditFix[] | undefined;
  Object.defineProperty(out, 'fixes', {
    enumerable: true,
    configurable: true,
    get(): TextEditFix[] {
      if (!cached) {
        const list = typeof own === 'function' ? own() : [...(own ?? [])];
        if (text !== undefined) list.push(suppressNextLineFix(text, out.path, out.range.start.line, out.ruleId));
        cached = list;
      }
      return cached;
    },
    set(v: TextEditFix[]) { cached = v; },
  });
}

/** A warning at each suppression comment that names an id no rule has (a typo there silences nothing). */
function unknownIdsInComments(ctx: RuleContext, texts: (path: string) => string | undefined): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const m of ctx.manifests) {
    const path = m.source.path;
    if (seen.has(path)) continue;
    seen.add(path);
    const text = texts(path);
    if (text === undefined || !text.includes('kube-preview-disable')) continue;
    for (const d of parseSuppressions(text).directives) {
      const unknown = d.ids.filter((id) => !isKnownRuleId(id));
      if (unknown.length === 0) continue;
      out.push({
        ruleId: UNKNOWN_RULE_ID, severity: 'warning', path, resource: null,
        range: { start: { line: d.line, character: d.column }, end: { line: d.line, character: (text.split('\n')[d.line] ?? '').replace(/\r$/, '').length } },
        message: `unknown rule id${unknown.length > 1 ? 's' : ''} in suppression comment: ${unknown.join(', ')}`,
        data: { unknown },
      });
    }
  }
  return out;
}

/** Run every enabled rule. Rules needing the snapshot are skipped when ctx.snapshot is null. */
export function runRules(ctx: RuleContext, config: RuleConfig, texts: (path: string) => string | undefined): Finding[] {
  const findings: Finding[] = [];
  const unknown = Object.keys(config.rules ?? {}).filter((id) => !isKnownRuleId(id));
  if (unknown.length > 0) {
    findings.push({
      ruleId: UNKNOWN_RULE_ID, severity: 'warning', path: '', resource: null,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `unknown rule id${unknown.length > 1 ? 's' : ''} in configuration: ${unknown.join(', ')}`,
      data: { unknown },
    });
  }
  findings.push(...unknownIdsInComments(ctx, texts));
  const runCtx: RuleContext = { ...ctx, texts };
  for (const rule of allRules) {
    const severity = configuredSeverity(config, rule.id, rule.defaultSeverity);
    if (severity === null) continue;
    if (rule.needsSnapshot && !ctx.snapshot) continue;
    let results: RuleFinding[];
    try {
      results = rule.check(runCtx);
    } catch (e) {
      // a broken rule must not take the others down: report it once and go on
      findings.push({
        ruleId: RULE_ERROR_ID, severity: 'warning', path: '', resource: null,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `rule ${rule.id} failed: ${(e as Error).message}`,
      });
      continue;
    }
    for (const r of results) {
      // a rule may lower/raise one finding's severity; an explicit config entry wins
      const sev = config.rules?.[rule.id] ? severity : (r.severity ?? severity);
      const finding = toFinding(rule, r, sev);
      attachFixes(finding, r.fixes, texts(finding.path));
      findings.push(finding);
    }
  }
  let kept = filterSuppressed(findings, texts);
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  if (config.exclude && config.exclude.length > 0) kept = kept.filter((f) => f.path === '' || !isExcluded(f.path, config.exclude));
  return kept;
}
