// JUnit XML for CI dashboards: one <testsuite> per file, one <testcase> per resource in it (plus one for
// the file itself when a finding concerns no resource, e.g. a YAML syntax error), a <failure> per
// error-severity finding. Warnings and infos go to the testcase's <system-out>, so they are visible
// without failing the build.
import type { Finding, ResourceRef } from '../finding';

export interface JunitFile {
  path: string;
  /** the resources found in the file, in file order */
  resources: ResourceRef[];
}

/** Escape text for XML content and attribute values; drop characters XML 1.0 cannot carry. */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function resourceLabel(r: ResourceRef): string {
  const ns = r.namespace ? `${r.namespace}/` : '';
  return `${r.kind} ${ns}${r.name ?? '(unnamed)'}`;
}

function sameResource(a: ResourceRef, b: ResourceRef): boolean {
  return a.kind === b.kind && a.apiVersion === b.apiVersion && (a.namespace ?? null) === (b.namespace ?? null) && (a.name ?? null) === (b.name ?? null);
}

interface Case { name: string; findings: Finding[] }

export function renderJunit(findings: readonly Finding[], files: readonly JunitFile[]): string {
  const paths = files.map((f) => f.path);
  // Findings on a file that was not an input (should not happen) still get a suite.
  for (const f of findings) if (!paths.includes(f.path)) paths.push(f.path);
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  let totalTests = 0;
  let totalFailures = 0;
  const suites: string[] = [];
  for (const path of paths) {
    const fileFindings = byPath.get(path) ?? [];
    const resources = files.find((f) => f.path === path)?.resources ?? [];
    const cases: Case[] = [];
    const fileCase: Case = { name: path, findings: [] };
    const resourceCases = resources.map((r) => ({ ref: r, c: { name: resourceLabel(r), findings: [] as Finding[] } }));
    for (const f of fileFindings) {
      const target = f.resource ? resourceCases.find((rc) => sameResource(rc.ref, f.resource!)) : undefined;
      if (target) target.c.findings.push(f);
      else if (f.resource) {
        // A resource we were not told about: give it its own case.
        const c = { name: resourceLabel(f.resource), findings: [f] };
        resourceCases.push({ ref: f.resource, c });
      } else fileCase.findings.push(f);
    }
    if (fileCase.findings.length || resourceCases.length === 0) cases.push(fileCase);
    for (const rc of resourceCases) cases.push(rc.c);
    const failures = cases.reduce((n, c) => n + c.findings.filter((f) => f.severity === 'error').length, 0);
    totalTests += cases.length;
    totalFailures += failures;
    const body = cases.map((c) => renderCase(path, c)).join('');
    suites.push(`  <testsuite name="${escapeXml(path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${body}  </testsuite>\n`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="kube-preview lint" tests="${totalTests}" failures="${totalFailures}" errors="0">\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}

function findingText(f: Finding): string {
  return `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`;
}

function renderCase(path: string, c: Case): string {
  const open = `    <testcase classname="${escapeXml(path)}" name="${escapeXml(c.name)}"`;
  if (!c.findings.length) return `${open}/>\n`;
  const parts: string[] = [];
  for (const f of c.findings) {
    if (f.severity !== 'error') continue;
    parts.push(`      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.ruleId)}">${escapeXml(findingText(f))}</failure>\n`);
  }
  const others = c.findings.filter((f) => f.severity !== 'error');
  if (others.length) parts.push(`      <system-out>${escapeXml(others.map(findingText).join('\n'))}</system-out>\n`);
  return `${open}>\n${parts.join('')}    </testcase>\n`;
}
