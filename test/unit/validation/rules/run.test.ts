// run.ts: configured severities, 'off', unknown rule ids, suppression comments, excluded paths, and a
// rule that throws. config.ts: parseRuleConfig (YAML and JSON, errors), ruleMetadata.
import * as assert from 'node:assert/strict';
import { lint, only } from './helpers';
import { parseRuleConfig, ruleMetadata, RuleConfigError, isExcluded, assumeExternalSet } from '../../../../src/validation/config';
import { allRules, ruleById } from '../../../../src/validation/rules/index';
import { parseSuppressions, UNKNOWN_RULE_ID } from '../../../../src/validation/rules/run';

const POD = (extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: nginx${extra}
`;

describe('runRules configuration', () => {
  it('uses default severities, and a configured severity replaces them', () => {
    const d = only(lint(POD()), 'image-tag-latest');
    assert.equal(d[0].severity, 'warning');
    const e = only(lint(POD(), { config: { rules: { 'image-tag-latest': 'error' } } }), 'image-tag-latest');
    assert.equal(e[0].severity, 'error');
  });
  it("'off' removes a rule", () => {
    assert.equal(only(lint(POD(), { config: { rules: { 'image-tag-latest': 'off' } } }), 'image-tag-latest').length, 0);
  });
  it('reports unknown rule ids once, and accepts parser/schema rule ids', () => {
    const f = lint(POD(), { config: { rules: { 'no-such-rule': 'off', 'other-typo': 'error', 'schema/unknown-field': 'warning' } } });
    const unknown = only(f, UNKNOWN_RULE_ID);
    assert.equal(unknown.length, 1);
    assert.match(unknown[0].message, /no-such-rule, other-typo/);
    assert.doesNotMatch(unknown[0].message, /schema/);
  });
  it('assumeExternal silences missing-reference rules per kind or for all', () => {
    const text = POD(':1').replace('spec:\n', 'spec:\n  serviceAccountName: robot\n');
    assert.equal(only(lint(text), 'serviceaccount-missing').length, 1);
    assert.equal(only(lint(text, { ctx: { assumeExternal: new Set(['ServiceAccount']) } }), 'serviceaccount-missing').length, 0);
    assert.equal(only(lint(text, { ctx: { assumeExternal: 'all' } }), 'serviceaccount-missing').length, 0);
    assert.deepEqual(assumeExternalSet({ assumeExternal: ['Secret'] }), new Set(['Secret']));
  });
  it("assumeExternal Pod silences the rules about selectors that match nothing", () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: x}, ports: [{port: 80}]}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: {podSelector: {matchLabels: {app: x}}}\n';
    const ids = ['service-selects-nothing', 'networkpolicy-selects-nothing'];
    assert.equal(lint(text).filter((f) => ids.includes(f.ruleId)).length, 2);
    assert.equal(lint(text, { ctx: { assumeExternal: new Set(['Pod']) } }).filter((f) => ids.includes(f.ruleId)).length, 0);
  });
  it('service-selects-nothing names pods that match in another namespace', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: x}, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: x}}\nspec: {containers: [{name: a, image: "x:1"}]}\n';
    assert.match(only(lint(text), 'service-selects-nothing')[0].message, /Pod p in namespace "shop" matches/);
  });
  it('drops findings of excluded paths', () => {
    assert.equal(lint(POD(), { path: 'vendor/x/pod.yaml', config: { exclude: ['vendor/**'] } }).length, 0);
    assert.ok(isExcluded('/a/b/charts/x.yaml', ['charts/*.yaml']));
    assert.ok(!isExcluded('/a/b/charts/sub/x.yaml', ['charts/*.yaml']));
  });
  it('every finding carries a "disable for this line" fix', () => {
    for (const f of lint(POD())) assert.ok(f.fixes?.some((x) => x.title === `Disable ${f.ruleId} for this line`), f.ruleId);
  });
});

describe('suppression comments', () => {
  it('disable-next-line silences the listed rules on the next content line only', () => {
    const text = POD().replace('      image: nginx', '      # kube-preview-disable-next-line image-tag-latest, resources-missing -- demo image\n\n      image: nginx');
    const f = lint(text);
    assert.equal(only(f, 'image-tag-latest').length, 0);
    assert.equal(only(f, 'probe-missing-liveness').length, 1, 'other rules on other lines still fire');
  });
  it('disable-next-line without ids silences every rule on that line', () => {
    const text = POD().replace('    - name: a', '    # kube-preview-disable-next-line\n    - name: a');
    const f = lint(text);
    assert.equal(f.filter((x) => x.range.start.line === 7).length, 0);
    assert.equal(only(f, 'image-tag-latest').length, 1);
  });
  it('disable in a document covers that document; in the file header, the whole file', () => {
    const two = `${POD()}---\n${POD().replace('name: p', 'name: q')}`;
    assert.equal(only(lint(two), 'image-tag-latest').length, 2);
    const inDoc = two.replace('kind: Pod\nmetadata:\n  name: q', '# kube-preview-disable image-tag-latest\nkind: Pod\nmetadata:\n  name: q');
    const a = only(lint(inDoc), 'image-tag-latest');
    assert.equal(a.length, 1);
    assert.equal(a[0].resource?.name, 'p');
    const header = `# kube-preview-disable image-tag-latest\n---\n${two}`;
    assert.equal(only(lint(header), 'image-tag-latest').length, 0);
    assert.equal(only(lint(header), 'probe-missing-liveness').length, 2);
  });
  it('warns at a suppression comment that names an unknown rule id', () => {
    const text = POD().replace('      image: nginx', '      # kube-preview-disable-next-line image-tag-lates\n      image: nginx');
    const f = only(lint(text), UNKNOWN_RULE_ID);
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 7);
    assert.match(f[0].message, /image-tag-lates$/);
    assert.equal(only(lint(text), 'image-tag-latest').length, 1, 'the typo silences nothing');
  });
  it('parseSuppressions records lines and document blocks', () => {
    const s = parseSuppressions('# kube-preview-disable a\nx: 1\n---\ny: 2\n# kube-preview-disable-next-line b,c\nz: 3\n');
    assert.deepEqual([...s.lines.entries()].map(([l, ids]) => [l, [...ids]]), [[5, ['b', 'c']]]);
    assert.equal(s.blocks.length, 1);
    assert.equal(s.blocks[0].start, 0);
  });
});

describe('a failing rule', () => {
  it('is reported and does not stop the other rules', () => {
    const rule = ruleById('image-tag-latest');
    assert.ok(rule);
    const original = rule.check;
    rule.check = () => { throw new Error('boom'); };
    try {
      const f = lint(POD());
      assert.equal(only(f, 'internal/rule-error').length, 1);
      assert.ok(only(f, 'probe-missing-liveness').length > 0);
    } finally {
      rule.check = original;
    }
  });
});

describe('parseRuleConfig', () => {
  it('reads YAML and JSON', () => {
    const y = parseRuleConfig('rules:\n  image-tag-latest: off\n  privileged: error\nassumeExternal: [ConfigMap, Secret]\nexclude: ["charts/**"]\n');
    assert.deepEqual(y, { rules: { 'image-tag-latest': 'off', privileged: 'error' }, assumeExternal: ['ConfigMap', 'Secret'], exclude: ['charts/**'] });
    assert.deepEqual(parseRuleConfig('{"assumeExternal": "all"}'), { assumeExternal: 'all' });
    assert.deepEqual(parseRuleConfig(''), {});
  });
  it('rejects bad severities, unknown fields and malformed text with a clear message', () => {
    assert.throws(() => parseRuleConfig('rules:\n  privileged: fatal\n'), (e: Error) => e instanceof RuleConfigError && /rules\.privileged: "fatal"/.test(e.message));
    assert.throws(() => parseRuleConfig('rule: {}\n'), /unknown config field "rule"/);
    assert.throws(() => parseRuleConfig('rules: [a'), /not valid YAML/);
    assert.throws(() => parseRuleConfig('assumeExternal: 3\n'), /assumeExternal/);
  });
});

describe('ruleMetadata', () => {
  it('lists every rule once with description, default severity and a docs link', () => {
    const meta = ruleMetadata();
    assert.equal(meta.length, allRules.length);
    assert.equal(new Set(meta.map((m) => m.id)).size, meta.length);
    for (const m of meta) {
      assert.match(m.helpUri, /^https:\/\/github\.com\/kube-preview\/kube-preview\/blob\/main\/docs\/rules\.md#[a-z0-9-]+$/);
      assert.ok(m.description.endsWith('.'), m.id);
      assert.ok(['error', 'warning', 'info'].includes(m.defaultSeverity));
    }
  });
});
