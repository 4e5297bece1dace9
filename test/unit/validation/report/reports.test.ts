import assert from 'node:assert/strict';
import type { Finding } from '../../../../src/validation/finding';
import { renderText, formatFindingLine } from '../../../../src/validation/report/text';
import { renderJson } from '../../../../src/validation/report/json';
import { toSarif } from '../../../../src/validation/report/sarif';
import { renderJunit, escapeXml } from '../../../../src/validation/report/junit';
import { compareFindings } from '../../../../src/validation/report/summary';
import { parseXml, findAll } from './xml-check';

const range = (l: number, c: number, l2 = l, c2 = c + 3) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };

const findings: Finding[] = [
  { ruleId: 'schema/unknown-field', severity: 'error', message: 'Unknown field "replica" in Deployment spec — did you mean "replicas"?', path: 'a.yaml', range: range(7, 2), resource: deploy,
    fixes: [{ title: 'Rename to "replicas"', edits: [{ path: 'a.yaml', range: range(7, 2, 7, 9), newText: 'replicas' }], preferred: true }] },
  { ruleId: 'yaml/syntax', severity: 'error', message: 'Nested mappings are not allowed <here> & "there"', path: 'dir/b c.yaml', range: range(0, 0), resource: null },
  { ruleId: 'best-practice/latest-tag', severity: 'warning', message: "image tag 'latest'\nis mutable", path: 'a.yaml', range: range(20, 10), resource: deploy },
  { ruleId: 'schema/no-schema', severity: 'info', message: 'no schema for Foo example.com/v1', path: 'a.yaml', range: range(30, 0), resource: { apiVersion: 'example.com/v1', kind: 'Foo', namespace: null, name: 'x' } },
];

describe('validation/report', () => {
  it('orders findings by path, then line and column', () => {
    const sorted = [...findings].sort(compareFindings);
    assert.deepEqual(sorted.map((f) => `${f.path}:${f.range.start.line}`), ['a.yaml:7', 'a.yaml:20', 'a.yaml:30', 'dir/b c.yaml:0']);
  });

  it('text: compiler-style lines with 1-based positions and a summary', () => {
    const text = renderText(findings, { fileCount: 2, resourceCount: 2 });
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'a.yaml:8:3 error schema/unknown-field Unknown field "replica" in Deployment spec — did you mean "replicas"?');
    assert.equal(lines[1], 'dir/b c.yaml:1:1 error yaml/syntax Nested mappings are not allowed <here> & "there"');
    // a message with a newline stays on one line
    assert.equal(lines[2], "a.yaml:21:11 warning best-practice/latest-tag image tag 'latest' is mutable");
    assert.equal(lines[lines.length - 1], '2 errors, 1 warning, 1 info in 2 files (2 resources)');
    assert.ok(!text.includes('\x1b['), 'no colour unless asked');
    assert.ok(formatFindingLine(findings[0], true).includes('\x1b[31merror'), 'errors in red when coloured');
  });

  it('text: an empty report is just the summary', () => {
    assert.equal(renderText([], { fileCount: 1, resourceCount: 0 }), '0 errors, 0 warnings, 0 info in 1 file (0 resources)\n');
  });

  it('json: exactly the keys DESIGN.md promises, 0-based ranges', () => {
    const json = JSON.parse(renderJson(findings));
    assert.deepEqual(Object.keys(json), ['findings']);
    assert.equal(json.findings.length, 4);
    for (const f of json.findings) assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'message', 'path', 'range', 'resource']);
    assert.deepEqual(json.findings[0].range, { start: { line: 7, character: 2 }, end: { line: 7, character: 5 } });
    assert.deepEqual(json.findings[0].resource, deploy);
    assert.equal(json.findings[1].resource, null);
  });

  it('sarif: 2.1.0 with rule metadata, ruleIndex, levels, 1-based regions and fixes', () => {
    const rules = [
      { id: 'schema/unknown-field', description: 'Unknown field', defaultSeverity: 'error' as const, helpUri: 'https://example.com/rules#schemaunknown-field' },
      { id: 'best-practice/latest-tag', description: 'Image tag latest', defaultSeverity: 'warning' as const },
    ];
    const log = toSarif(findings, { toolVersion: '1.2.3', rules }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking free-form JSON
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'kube-preview');
    assert.equal(run.tool.driver.version, '1.2.3');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    // rules not in the registry (yaml/syntax, schema/no-schema) are added from the findings
    assert.deepEqual(ids, ['schema/unknown-field', 'best-practice/latest-tag', 'yaml/syntax', 'schema/no-schema']);
    for (const r of run.tool.driver.rules) {
      assert.equal(typeof r.shortDescription.text, 'string');
      assert.match(r.helpUri, /^https:\/\//);
      assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level));
    }
    assert.equal(run.results.length, 4);
    for (const res of run.results) {
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.equal(typeof res.message.text, 'string');
      const region = res.locations[0].physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1);
    }
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 8, startColumn: 3, endLine: 8, endColumn: 6 });
    assert.equal(run.results[1].locations[0].physicalLocation.artifactLocation.uri, 'dir/b%20c.yaml');
    assert.equal(run.results[3].level, 'note');
    assert.equal(run.results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'replicas');
  });

  it('junit: well-formed XML, a suite per file, a case per resource, failures for errors only', () => {
    const files = [
      { path: 'a.yaml', resources: [deploy, { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' }, { apiVersion: 'example.com/v1', kind: 'Foo', namespace: null, name: 'x' }] },
      { path: 'dir/b c.yaml', resources: [] },
      { path: 'clean.yaml', resources: [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: null, name: 'cfg' }] },
    ];
    const xml = renderJunit(findings, files);
    const root = parseXml(xml);
    assert.equal(root.name, 'testsuites');
    const suites = findAll(root, 'testsuite');
    assert.deepEqual(suites.map((s) => s.attrs.name), ['a.yaml', 'dir/b c.yaml', 'clean.yaml']);
    const a = suites[0];
    assert.deepEqual(a.children.map((c) => c.attrs.name), ['Deployment shop/web', 'Service shop/web', 'Foo x']);
    assert.equal(a.attrs.tests, '3');
    assert.equal(a.attrs.failures, '1');
    const failure = findAll(a, 'failure');
    assert.equal(failure.length, 1);
    assert.equal(failure[0].attrs.type, 'schema/unknown-field');
    // the warning is visible but not a failure
    assert.match(findAll(a.children[0], 'system-out')[0].text, /latest-tag/);
    const b = suites[1];
    assert.equal(b.children.length, 1, 'a file-level case for a finding without resource');
    assert.equal(findAll(b, 'failure')[0].attrs.message, 'Nested mappings are not allowed <here> & "there"');
    assert.equal(suites[2].attrs.failures, '0');
    assert.equal(root.attrs.tests, String(3 + 1 + 1));
    assert.equal(root.attrs.failures, '2');
  });

  it('junit: escapes markup and drops characters XML cannot carry', () => {
    assert.equal(escapeXml(`a<b>&"c"'\u0001\ud800`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;');
    const nasty: Finding = { ruleId: 'x/y', severity: 'error', message: ']]></failure><script>\u0007', path: '<stdin>', range: range(0, 0), resource: null };
    const root = parseXml(renderJunit([nasty], [{ path: '<stdin>', resources: [] }]));
    assert.equal(findAll(root, 'failure')[0].attrs.message, ']]></failure><script>');
  });
});
