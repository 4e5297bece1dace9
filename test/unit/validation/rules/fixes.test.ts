// Quick fixes in both YAML styles: each fix is applied to the text, the result re-parsed, and the
// repaired object checked (labels present, targetPort set, resources added, toleration appended...).
import * as assert from 'node:assert/strict';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { lint, only, applyFix, parse } from './helpers';
import { appendItem, addEntries, applyEdits, suppressNextLineFix } from '../../../../src/validation/rules/edits';

function docs(text: string): Record<string, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any -- test navigation of parsed YAML
  const all = parseAllDocuments(text);
  for (const d of all) assert.deepEqual(d.errors.map((e) => e.message), [], text);
  return all.map((d) => d.toJS());
}

describe('quick fixes', () => {
  describe('workload-selector-mismatch', () => {
    it('adds the selector labels to a flow-style template label map', () => {
      const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web, tier: fe}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: a, image: "x:1"}]}\n';
      const f = only(lint(text), 'workload-selector-mismatch')[0];
      const fixed = applyFix(text, f, 'Add the selector labels');
      assert.deepEqual(docs(fixed)[0].spec.template.metadata.labels, { app: 'web', tier: 'fe' });
      assert.equal(only(lint(fixed), 'workload-selector-mismatch').length, 0);
    });
    it('creates template metadata.labels when the template has no metadata', () => {
      const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x:1\n';
      const f = only(lint(text), 'workload-selector-mismatch')[0];
      const fixed = applyFix(text, f, 'Add the selector labels');
      assert.deepEqual(docs(fixed)[0].spec.template.metadata, { labels: { app: 'web' } });
      assert.equal(only(lint(fixed), 'workload-selector-mismatch').length, 0);
    });
    it('fills an empty `labels:` in place and replaces a differing value', () => {
      const tilde = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels: ~\n    spec:\n      containers: [{name: a, image: "x:1"}]\n';
      assert.deepEqual(docs(applyFix(tilde, only(lint(tilde), 'workload-selector-mismatch')[0], 'Add the selector labels'))[0].spec.template.metadata.labels, { app: 'web' });
      const empty = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n    spec:\n      containers: [{name: a, image: "x:1"}]\n';
      const fixed = applyFix(empty, only(lint(empty), 'workload-selector-mismatch')[0], 'Add the selector labels');
      assert.deepEqual(docs(fixed)[0].spec.template.metadata.labels, { app: 'web' });
      const differ = empty.replace('      labels:\n', '      labels:\n        app: "web2"\n        keep: "1"\n');
      const f2 = only(lint(differ), 'workload-selector-mismatch')[0];
      assert.deepEqual(docs(applyFix(differ, f2, 'Add the selector labels'))[0].spec.template.metadata.labels, { app: 'web', keep: '1' });
      // the reverse fix changes the selector instead
      assert.deepEqual(docs(applyFix(differ, f2, 'Change the selector'))[0].spec.selector.matchLabels, { app: 'web2' });
    });
  });

  describe('service-target-port', () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: app\n          image: x:1\n          ports:\n            - containerPort: 8080\n';
    it('adds targetPort when it defaults to a port no container declares (block)', () => {
      const text = `${deploy}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n`;
      const f = only(lint(text), 'service-target-port')[0];
      assert.ok(f, 'finding');
      const fixed = applyFix(text, f);
      assert.deepEqual(docs(fixed)[1].spec.ports, [{ port: 80, targetPort: 8080 }]);
      assert.equal(only(lint(fixed), 'service-target-port').length, 0);
    });
    it('replaces a wrong targetPort in a flow sequence', () => {
      const text = `${deploy}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 9090}]}\n`;
      const f = only(lint(text), 'service-target-port')[0];
      const fixed = applyFix(text, f);
      assert.deepEqual(docs(fixed)[1].spec.ports, [{ port: 80, targetPort: 8080 }]);
    });
  });

  describe('resources-missing', () => {
    it('adds a resources block to a flow-style container', () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "x:1"}]\n';
      const fixed = applyFix(text, only(lint(text), 'resources-missing')[0]);
      assert.deepEqual(docs(fixed)[0].spec.containers[0].resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
      assert.equal(only(lint(fixed), 'resources-missing').length, 0);
    });
    it('completes existing requests and adds limits in block style', () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources:\n      requests:\n        cpu: 50m\n  - name: b\n    image: y:1\n    resources: {}\n';
      const found = only(lint(text), 'resources-missing');
      assert.equal(found.length, 2);
      let fixed = applyFix(text, found[0]);
      assert.deepEqual(docs(fixed)[0].spec.containers[0].resources, { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
      fixed = applyFix(fixed, only(lint(fixed), 'resources-missing')[0]);
      assert.deepEqual(docs(fixed)[0].spec.containers[1].resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
      assert.equal(only(lint(fixed), 'resources-missing').length, 0);
    });
  });

  describe('probe-missing-readiness', () => {
    it('adds a tcpSocket readiness probe on the first declared port', () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\nspec:\n  containers:\n    - {name: a, image: "x:1", ports: [{containerPort: 9000}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: p}\nspec: {selector: {app: p}, ports: [{port: 80, targetPort: 9000}]}\n';
      const fixed = applyFix(text, only(lint(text), 'probe-missing-readiness')[0]);
      assert.deepEqual(docs(fixed)[0].spec.containers[0].readinessProbe, { tcpSocket: { port: 9000 }, initialDelaySeconds: 5, periodSeconds: 10 });
      assert.equal(only(lint(fixed), 'probe-missing-readiness').length, 0);
    });
  });

  describe('hpa-target-sets-replicas', () => {
    it('removes the replicas line of the target', () => {
      const text = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 5\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3 # initial\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: a, image: "x:1"}]}\n';
      const fixed = applyFix(text, only(lint(text), 'hpa-target-sets-replicas')[0]);
      assert.equal(docs(fixed)[1].spec.replicas, undefined);
      assert.deepEqual(docs(fixed)[1].spec.selector, { matchLabels: { app: 'web' } });
      assert.equal(only(lint(fixed), 'hpa-target-sets-replicas').length, 0);
      // a flow-style spec gets no removal fix (only the suppression)
      const flow = text.replace('spec:\n  replicas: 3 # initial\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: a, image: "x:1"}]}\n', 'spec: {replicas: 3, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: "x:1"}]}}}\n');
      assert.deepEqual(only(lint(flow), 'hpa-target-sets-replicas')[0].fixes?.map((f) => f.title), ['Disable hpa-target-sets-replicas for this line']);
    });
  });

  describe('edits', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n';
    it('appendItem creates a missing sequence, then appends to block and flow sequences', () => {
      const m = parse(pod)[0];
      const tol = { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' };
      const once = applyEdits(pod, appendItem(pod, m, ['spec', 'tolerations'], tol));
      assert.deepEqual(docs(once)[0].spec.tolerations, [tol]);
      const m2 = parse(once)[0];
      const twice = applyEdits(once, appendItem(once, m2, ['spec', 'tolerations'], { ...tol, key: 'b' }));
      assert.deepEqual(docs(twice)[0].spec.tolerations.map((t: { key: string }) => t.key), ['gpu', 'b']);
      const flow = pod + '  tolerations: [{key: a, operator: Exists}]\n';
      const flowed = applyEdits(flow, appendItem(flow, parse(flow)[0], ['spec', 'tolerations'], tol));
      assert.deepEqual(docs(flowed)[0].spec.tolerations.map((t: { key: string }) => t.key), ['a', 'gpu']);
      assert.match(flowed, /tolerations: \[\{key: a, operator: Exists\}, \{key: gpu, operator: Exists, effect: NoSchedule\}\]/);
    });
    it('addEntries quotes values that YAML would misread', () => {
      const m = parse(pod)[0];
      const out = applyEdits(pod, addEntries(pod, m, ['metadata', 'labels'], { enabled: 'true', version: '1.10', code: '0755' }));
      assert.deepEqual(docs(out)[0].metadata.labels, { enabled: 'true', version: '1.10', code: '0755' });
      assert.equal(parseYaml(out, { version: '1.1' }).metadata.labels.enabled, 'true');
    });
    it('works at the end of a file without a trailing newline and with CRLF-free text', () => {
      const text = pod.replace(/\n$/, '');
      const out = applyEdits(text, addEntries(text, parse(text)[0], ['spec', 'containers', 0], { args: ['--x'] }));
      assert.deepEqual(docs(out)[0].spec.containers[0].args, ['--x']);
    });
    it('keeps CRLF line endings in CRLF files', () => {
      const crlf = 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: web\r\nspec:\r\n  selector:\r\n    matchLabels:\r\n      app: web\r\n  template:\r\n    metadata:\r\n      labels:\r\n        tier: x\r\n    spec:\r\n      containers:\r\n        - name: a\r\n          image: x:1\r\n';
      const f = only(lint(crlf), 'workload-selector-mismatch')[0];
      const fixed = applyFix(crlf, f, 'Add the selector labels');
      assert.deepEqual(docs(fixed)[0].spec.template.metadata.labels, { tier: 'x', app: 'web' });
      assert.doesNotMatch(fixed, /[^\r]\n/, 'no bare LF');
      const sup = applyFix(crlf, f, 'Disable ');
      assert.doesNotMatch(sup, /[^\r]\n/, 'no bare LF');
      assert.equal(only(lint(sup), 'workload-selector-mismatch').length, 0);
    });
    it('the suppression fix indents like the line and extends an existing directive', () => {
      const text = 'a:\n  - b: 1\n';
      const f = suppressNextLineFix(text, 'f.yaml', 1, 'rule-a');
      const once = applyEdits(text, f.edits);
      assert.equal(once, 'a:\n  # kube-preview-disable-next-line rule-a\n  - b: 1\n');
      const twice = applyEdits(once, suppressNextLineFix(once, 'f.yaml', 2, 'rule-b').edits);
      assert.equal(twice, 'a:\n  # kube-preview-disable-next-line rule-a,rule-b\n  - b: 1\n');
    });
  });
});
