// rollout-strategy-invalid: update strategies the API server rejects, judged after apps/v1 defaulting
// (upstream pkg/apis/apps/validation and pkg/apis/apps/v1/defaults.go).
import * as assert from 'node:assert/strict';
import { applyFix, lint, only, textAt } from './helpers';

const RULE = 'rollout-strategy-invalid';

function deployment(spec: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
${spec}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;
}

function daemonSet(strategy: string): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
${strategy}  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: busybox:1.36
`;
}

function findings(text: string): { message: string; at: string; severity: string }[] {
  return only(lint(text), RULE).map((f) => ({ message: f.message, at: textAt(text, f.range), severity: f.severity }));
}

describe('rollout-strategy-invalid', () => {
  it('Deployment: maxSurge and maxUnavailable both 0 (as integers or percentages) is an error at maxUnavailable', () => {
    const text = deployment('  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: "0%", maxUnavailable: 0}\n');
    const f = findings(text);
    assert.equal(f.length, 1);
    assert.equal(f[0].at, '0');
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /maxUnavailable may not be 0 when maxSurge is 0/);
  });

  it('Deployment: defaults count (25%), and a small percentage is not zero (upstream compares the written value)', () => {
    assert.deepEqual(findings(deployment('  strategy:\n    rollingUpdate: {maxSurge: 0}\n')), []);
    assert.deepEqual(findings(deployment('  strategy:\n    rollingUpdate: {maxUnavailable: 0}\n')), []);
    assert.deepEqual(findings(deployment('  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 1%}\n')), []);
    assert.deepEqual(findings(deployment('')), []);
    // null is "not set": the default applies
    assert.deepEqual(findings(deployment('  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: null}\n')), []);
  });

  it('Deployment: Recreate with rollingUpdate is an error, and the fix removes rollingUpdate', () => {
    const text = deployment('  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n');
    const found = only(lint(text), RULE);
    assert.equal(found.length, 1);
    assert.equal(textAt(text, found[0].range), 'rollingUpdate');
    assert.match(found[0].message, /may not be specified when the strategy type is Recreate/);
    const fixed = applyFix(text, found[0], 'Remove spec.strategy.rollingUpdate');
    assert.ok(!fixed.includes('rollingUpdate'), fixed);
    assert.ok(fixed.includes('type: Recreate'), fixed);
    assert.deepEqual(findings(fixed), []);
  });

  it('Deployment: malformed and out-of-range values', () => {
    const f = findings(deployment('  strategy:\n    rollingUpdate: {maxSurge: "5", maxUnavailable: 150%}\n'));
    assert.deepEqual(f.map((x) => x.at), ['"5"', '150%']);
    assert.match(f[0].message, /maxSurge "5" is not a valid percentage/);
    assert.match(f[1].message, /maxUnavailable must not be greater than 100%/);
    const neg = findings(deployment('  strategy:\n    rollingUpdate: {maxSurge: -1}\n'));
    assert.equal(neg.length, 1);
    assert.match(neg[0].message, /maxSurge must be greater than or equal to 0/);
    // a wrong type is the schema's to report, not reported twice
    assert.deepEqual(findings(deployment('  strategy:\n    rollingUpdate: {maxSurge: [1]}\n')), []);
  });

  it('Deployment: progressDeadlineSeconds must exceed minReadySeconds (default deadline 600)', () => {
    const explicit = findings(deployment('  minReadySeconds: 30\n  progressDeadlineSeconds: 30\n'));
    assert.equal(explicit.length, 1);
    assert.equal(explicit[0].at, '30');
    assert.match(explicit[0].message, /progressDeadlineSeconds \(30\) must be greater than minReadySeconds \(30\)/);
    const byDefault = findings(deployment('  minReadySeconds: 900\n'));
    assert.equal(byDefault.length, 1);
    assert.equal(byDefault[0].at, '900');
    assert.match(byDefault[0].message, /600, the default/);
    assert.deepEqual(findings(deployment('  minReadySeconds: 30\n  progressDeadlineSeconds: 31\n')), []);
  });

  it('DaemonSet: maxSurge alone (maxUnavailable defaults to 1) or both non-zero is an error; both 0 too', () => {
    const surgeOnly = findings(daemonSet('  updateStrategy:\n    rollingUpdate: {maxSurge: 1}\n'));
    assert.equal(surgeOnly.length, 1);
    assert.equal(surgeOnly[0].at, '1');
    assert.match(surgeOnly[0].message, /maxSurge may not be set when maxUnavailable is non-zero \(it defaults to 1/);
    const both = findings(daemonSet('  updateStrategy:\n    rollingUpdate: {maxSurge: 10%, maxUnavailable: 2}\n'));
    assert.equal(both.length, 1);
    assert.equal(both[0].at, '10%');
    const zero = findings(daemonSet('  updateStrategy:\n    rollingUpdate: {maxUnavailable: 0}\n'));
    assert.equal(zero.length, 1);
    assert.equal(zero[0].at, '0');
    assert.match(zero[0].message, /maxUnavailable cannot be 0 when maxSurge is 0/);
    assert.deepEqual(findings(daemonSet('  updateStrategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n')), []);
    assert.deepEqual(findings(daemonSet('  updateStrategy:\n    type: OnDelete\n')), []);
    assert.deepEqual(findings(daemonSet('')), []);
  });

  it('skips group versions other than apps/v1 (api/deprecated-version reports those)', () => {
    const text = deployment('  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}\n').replace('apps/v1', 'extensions/v1beta1');
    assert.deepEqual(findings(text), []);
  });
});
