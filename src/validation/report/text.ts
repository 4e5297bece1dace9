// Compiler-style text: `path:line:col severity ruleId message`, 1-based line and column for humans,
// then a summary line. Colour is the caller's decision (only when stdout is a TTY and NO_COLOR unset).
import type { Finding, Severity } from '../finding';
import { countBySeverity, plural } from './summary';

export interface TextReportOptions {
  color?: boolean;
  /** number of files read, for the summary line */
  fileCount?: number;
  /** number of Kubernetes resources linted, for the summary line */
  resourceCount?: number;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', green: '\x1b[32m' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue };

/** One finding as one line (messages with newlines are folded so each finding stays one line). */
export function formatFindingLine(f: Finding, color = false): string {
  const loc = `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const message = f.message.replace(/\s*\n\s*/g, ' ');
  if (!color) return `${loc} ${f.severity} ${f.ruleId} ${message}`;
  return `${ANSI.bold}${loc}${ANSI.reset} ${SEVERITY_COLOUR[f.severity]}${f.severity}${ANSI.reset} ${ANSI.dim}${f.ruleId}${ANSI.reset} ${message}`;
}

export function summaryLine(findings: readonly Finding[], opts: TextReportOptions = {}): string {
  const c = countBySeverity(findings);
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), `${c.info} info`];
  let scope = '';
  if (opts.fileCount !== undefined) {
    scope = ` in ${plural(opts.fileCount, 'file')}`;
    if (opts.resourceCount !== undefined) scope += ` (${plural(opts.resourceCount, 'resource')})`;
  }
  const text = `${parts.join(', ')}${scope}`;
  if (!opts.color) return text;
  const colour = c.error ? ANSI.red : c.warning ? ANSI.yellow : ANSI.green;
  return `${colour}${ANSI.bold}${text}${ANSI.reset}`;
}

/** The whole report, findings in the order given (callers sort by path then position). */
export function renderText(findings: readonly Finding[], opts: TextReportOptions = {}): string {
  const lines = findings.map((f) => formatFindingLine(f, opts.color));
  if (lines.length) lines.push('');
  lines.push(summaryLine(findings, opts));
  return lines.join('\n') + '\n';
}
