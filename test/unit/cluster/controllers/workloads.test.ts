import assert from 'node:assert/strict';
import { runReplicaSet } from '../../../../src/cluster/controllers/replicaset';
import { runReplicationController } from '../../../../src/cluster/controllers/replicationcontroller';
import { runStatefulSet, type StatefulSet } from '../../../../src/cluster/controllers/statefulset';
import { runDaemonSet, daemonNodeMismatch, toleratesTaint, type DaemonSet } from '../../../../src/cluster/controllers/daemonset';
import { runJob, activePods, type Job } from '../../../../src/cluster/controllers/job';
import { runCronJob, nextJobOf } from '../../../../src/cluster/controllers/cronjob';
import { parseCron, nextScheduleTime } from '../../../../src/cluster/controllers/cron-schedule';
import { barePodIntent } from '../../../../src/cluster/controllers/pod';
import { hpaDecision } from '../../../../src/cluster/controllers/hpa';
import { SIMULATED_NOW } from '../../../../src/cluster/controllers/common';
import { presetNodes } from '../../../../src/cluster/presets';
import type { Node } from '../../../../src/cluster/k8s';
import { ctx, SUFFIX } from './helpers';

const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };

describe('controllers/replicaset + replicationcontroller', () => {
  it('ReplicaSet pods <rs>-<5 chars> owned by the ReplicaSet', () => {
    const out = runReplicaSet({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs1' }, spec: { replicas: 2, selector: { matchLabels: { app: 'x' } }, template } }, null, ctx());
    assert.equal(out.intents.length, 2);
    for (const i of out.intents) {
      assert.match(i.pod.metadata!.name!, new RegExp(`^rs1-${SUFFIX}$`));
      assert.deepEqual(i.owner, { kind: 'ReplicaSet', name: 'rs1' });
      assert.equal(i.pod.metadata!.namespace, 'default');
    }
    assert.equal(out.replicaSets[0].name, 'rs1');
  });
  it('ReplicationController: selector defaults to the template labels; pods named <rc>-<5 chars>', () => {
    const out = runReplicationController({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'redis' }, spec: { replicas: 1, template } }, null, ctx());
    assert.equal(out.warnings.length, 0);
    assert.match(out.intents[0].pod.metadata!.name!, new RegExp(`^redis-${SUFFIX}$`));
    assert.deepEqual(out.intents[0].owner, { kind: 'ReplicationController', name: 'redis' });
    assert.equal(out.intents[0].reporter, 'replication-controller');
    assert.deepEqual((out.controllers![0].spec as { selector: unknown }).selector, { app: 'x' });
  });
});

describe('controllers/statefulset', () => {
  const sts = (over: Partial<StatefulSet['spec']> = {}): StatefulSet => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' },
    spec: {
      replicas: 3, serviceName: 'db-headless', selector: { matchLabels: { app: 'x' } }, template,
      volumeClaimTemplates: [{ metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...over,
    },
  });
  it('names pods <sts>-<ordinal>, sets hostname/subdomain and the identity labels', () => {
    const out = runStatefulSet(sts(), null, ctx());
    assert.deepEqual(out.intents.map((i) => i.pod.metadata!.name), ['db-0', 'db-1', 'db-2']);
    const p = out.intents[1].pod;
    assert.equal(p.spec!.hostname, 'db-1');
    assert.equal(p.spec!.subdomain, 'db-headless');
    assert.equal(p.metadata!.labels!['statefulset.kubernetes.io/pod-name'], 'db-1');
    assert.equal(p.metadata!.labels!['apps.kubernetes.io/pod-index'], '1');
    assert.match(p.metadata!.labels!['controller-revision-hash'], /^db-[456789bcdf]+$/);
    assert.deepEqual(out.intents[1].owner, { kind: 'StatefulSet', name: 'db' });
  });
  it('creates PVCs <claim>-<sts>-<ordinal> and mounts them; storage class from the beta annotation', () => {
    const out = runStatefulSet(sts(), null, ctx());
    assert.deepEqual(out.claims.map((c) => c.claim.metadata!.name), ['data-db-0', 'data-db-1', 'data-db-2']);
    assert.equal(out.claims[0].claim.spec!.storageClassName, 'fast');
    assert.deepEqual(out.intents[0].pod.spec!.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }]);
    assert.equal(out.intents[0].companions![0].message, 'create Claim data-db-0 Pod db-0 in StatefulSet db success');
    assert.equal(out.intents[0].createMessage, 'create Pod db-0 in StatefulSet db successful');
  });
  it('OrderedReady: each pod waits for its predecessor; Parallel does not', () => {
    const ordered = runStatefulSet(sts(), null, ctx());
    assert.deepEqual(ordered.intents.map((i) => i.waitFor), [undefined, 'data/db-0', 'data/db-1']);
    const parallel = runStatefulSet(sts({ podManagementPolicy: 'Parallel' }), null, ctx());
    assert.ok(parallel.intents.every((i) => i.waitFor === undefined));
  });
  it('ordinals.start shifts the ordinals', () => {
    const out = runStatefulSet(sts({ ordinals: { start: 5 }, replicas: 2 }), null, ctx());
    assert.deepEqual(out.intents.map((i) => i.pod.metadata!.name), ['db-5', 'db-6']);
    assert.equal(out.intents[0].pod.metadata!.labels!['apps.kubernetes.io/pod-index'], '5');
  });
});

describe('controllers/daemonset', () => {
  const nodes = presetNodes('default') as Node[];
  const ds = (spec: Record<string, unknown> = {}): DaemonSet => ({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: template.metadata, spec: { ...template.spec, ...spec } } },
  });
  it('one pod per eligible node: the tainted control plane is skipped', () => {
    const out = runDaemonSet(ds(), nodes, null, ctx());
    assert.equal(out.intents.length, 3);
    assert.equal(out.workload.desired, 3);
    const targets = out.intents.map((i) => i.pod.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms![0].matchFields![0].values![0]);
    assert.deepEqual(targets, ['worker-1', 'worker-2', 'worker-3']);
    for (const i of out.intents) assert.match(i.pod.metadata!.name!, new RegExp(`^agent-${SUFFIX}$`));
  });
  it('a template tolerating the control-plane taint runs everywhere', () => {
    const out = runDaemonSet(ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }), nodes, null, ctx());
    assert.equal(out.intents.length, 4);
  });
  it('adds the controller tolerations (network-unavailable only with hostNetwork) and replaces required node affinity', () => {
    const out = runDaemonSet(ds({ hostNetwork: true, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } } }), nodes, null, ctx());
    const spec = out.intents[0].pod.spec!;
    const keys = spec.tolerations!.map((t) => `${t.key}:${t.effect}`);
    assert.deepEqual(keys, [
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/network-unavailable:NoSchedule',
    ]);
    assert.ok(spec.tolerations!.every((t) => t.operator === 'Exists' && t.tolerationSeconds === undefined));
    assert.deepEqual(spec.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }] });
    const plain = runDaemonSet(ds(), nodes, null, ctx()).intents[0].pod.spec!;
    assert.equal(plain.tolerations!.length, 6);
    assert.equal(out.intents[0].pod.metadata!.labels!['pod-template-generation'], '1');
    assert.match(out.intents[0].pod.metadata!.labels!['controller-revision-hash'], /^[456789bcdf]+$/);
  });
  it('cordoned nodes still get a daemon pod (unschedulable toleration); nodeSelector limits nodes', () => {
    const cordoned = nodes.map((n) => ({ ...n, spec: { ...n.spec, unschedulable: true } }));
    assert.equal(runDaemonSet(ds(), cordoned, null, ctx()).intents.length, 3);
    assert.equal(daemonNodeMismatch({ spec: { nodeSelector: { 'topology.kubernetes.io/zone': 'zone-b' } } }, nodes[2]), null);
    assert.equal(daemonNodeMismatch({ spec: { nodeSelector: { 'topology.kubernetes.io/zone': 'zone-b' } } }, nodes[1]), 'nodeSelector');
    assert.equal(daemonNodeMismatch({ spec: {} }, nodes[0]), 'taint');
  });
  it('toleration matching', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    assert.equal(toleratesTaint({ operator: 'Exists' }, taint), true);
    assert.equal(toleratesTaint({ key: 'k', value: 'v' }, taint), true);
    assert.equal(toleratesTaint({ key: 'k', value: 'w' }, taint), false);
    assert.equal(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint), false);
  });
});

describe('controllers/job + cronjob', () => {
  const job = (spec: Job['spec'] = {}): Job => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template, ...spec } });
  it('active pods = min(parallelism, completions); parallelism alone otherwise; suspended none', () => {
    assert.equal(activePods(job()), 1);
    assert.equal(activePods(job({ parallelism: 3, completions: 2 })), 2);
    assert.equal(activePods(job({ parallelism: 3, completions: 10 })), 3);
    assert.equal(activePods(job({ parallelism: 4 })), 4);
    assert.equal(activePods(job({ parallelism: 4, suspend: true })), 0);
  });
  it('pods <job>-<5 chars> with the job-name and controller-uid labels', () => {
    const out = runJob(job({ parallelism: 2, completions: 5 }), null, ctx());
    assert.equal(out.intents.length, 2);
    const p = out.intents[0].pod;
    assert.match(p.metadata!.name!, new RegExp(`^pi-${SUFFIX}$`));
    assert.equal(p.metadata!.labels!['batch.kubernetes.io/job-name'], 'pi');
    assert.equal(p.metadata!.labels!['job-name'], 'pi');
    assert.ok(p.metadata!.labels!['batch.kubernetes.io/controller-uid']);
    assert.equal(p.metadata!.labels!['controller-uid'], p.metadata!.labels!['batch.kubernetes.io/controller-uid']);
    assert.deepEqual(out.intents[0].owner, { kind: 'Job', name: 'pi' });
  });
  it('Indexed jobs: <job>-<index>-<5 chars>, completion index label and hostname', () => {
    const out = runJob(job({ parallelism: 2, completions: 2, completionMode: 'Indexed' }), null, ctx());
    assert.match(out.intents[1].pod.metadata!.name!, new RegExp(`^pi-1-${SUFFIX}$`));
    assert.equal(out.intents[1].pod.metadata!.labels!['batch.kubernetes.io/job-completion-index'], '1');
    assert.equal(out.intents[1].pod.spec!.hostname, 'pi-1');
  });
  it('cron expressions: fields, lists, ranges, steps, names, descriptors, day OR rule', () => {
    const at = (expr: string, after = SIMULATED_NOW) => new Date(nextScheduleTime(parseCron(expr), after)!).toISOString();
    // SIMULATED_NOW is 2026-01-01T00:00Z, a Thursday
    assert.equal(at('*/5 * * * *'), '2026-01-01T00:05:00.000Z');
    assert.equal(at('30 2 * * *'), '2026-01-01T02:30:00.000Z');
    assert.equal(at('@hourly'), '2026-01-01T01:00:00.000Z');
    assert.equal(at('@daily'), '2026-01-02T00:00:00.000Z');
    assert.equal(at('0 9 * * MON-FRI'), '2026-01-01T09:00:00.000Z');
    assert.equal(at('0 9 * * SAT,SUN'), '2026-01-03T09:00:00.000Z');
    assert.equal(at('0 0 1 FEB *'), '2026-02-01T00:00:00.000Z');
    assert.equal(at('0 0 13 * 5'), '2026-01-02T00:00:00.000Z'); // Friday OR the 13th
    assert.equal(at('0 0 29 2 *'), '2028-02-29T00:00:00.000Z');
    // robfig/cron v3 (what the CronJob controller and validation use): day-of-week is 0-6, no 7 for Sunday
    assert.equal(at('0 0 * * 0'), '2026-01-04T00:00:00.000Z');
    assert.throws(() => parseCron('0 0 * * 7'), /end of range \(7\) above maximum \(6\): 7/);
    // @every <Go duration>: a constant delay from now, whole seconds, at least one
    assert.equal(at('@every 5m'), '2026-01-01T00:05:00.000Z');
    assert.equal(at('@every 1h30m'), '2026-01-01T01:30:00.000Z');
    assert.equal(at('@every 1.5s'), '2026-01-01T00:00:01.000Z');
    assert.equal(at('@every 10ms'), '2026-01-01T00:00:01.000Z');
    assert.throws(() => parseCron('@every 5'), /failed to parse duration @every 5/);
    assert.throws(() => parseCron('@DAILY'), /unrecognized descriptor/, 'descriptors are lower case');
    assert.throws(() => parseCron('* * *'), /expected exactly 5 fields/);
    assert.throws(() => parseCron('61 * * * *'), /above maximum/);
    assert.equal(nextScheduleTime(parseCron('0 0 31 2 *'), SIMULATED_NOW), null);
  });
  it('CronJob: the next Job is named <cronjob>-<minutes since epoch of its scheduled time>', () => {
    const cj = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' }, spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template } } } };
    const out = runCronJob(cj, null, ctx());
    const t = SIMULATED_NOW + 60000;
    assert.equal(out.nextJob!.name, `hello-${t / 60000}`);
    assert.equal(out.nextJob!.scheduledTime, '2026-01-01T00:01:00Z');
    assert.equal(out.intents.length, 0);
    assert.equal(nextJobOf({ ...cj, spec: { ...cj.spec, suspend: true } }).next, null);
    assert.match(runCronJob({ ...cj, spec: { ...cj.spec, schedule: 'every day' } }, null, ctx()).warnings[0], /unparseable schedule/);
  });
});

describe('controllers/pod + hpa', () => {
  it('bare pods keep their name; generateName gets 5 characters; neither is an error', () => {
    const a = barePodIntent({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }, null, ctx());
    assert.ok(!('problem' in a) && a.pod.metadata!.name === 'p' && a.owner === null);
    const b = barePodIntent({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'job-' }, spec: {} }, null, ctx());
    assert.ok(!('problem' in b) && new RegExp(`^job-${SUFFIX}$`).test(b.pod.metadata!.name!));
    const c = barePodIntent({ apiVersion: 'v1', kind: 'Pod', metadata: {} }, null, ctx());
    assert.ok('problem' in c);
  });
  it('HPA clamps replicas into [minReplicas, maxReplicas]; 0 replicas disables it', () => {
    const hpa = (min: number | undefined, max: number) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: min, maxReplicas: max } });
    assert.equal(hpaDecision(hpa(2, 5), 1).replicas, 2);
    assert.equal(hpaDecision(hpa(2, 5), 9).replicas, 5);
    assert.equal(hpaDecision(hpa(2, 5), 3).replicas, 3);
    assert.equal(hpaDecision(hpa(undefined, 5), null).replicas, 1);
    assert.equal(hpaDecision(hpa(3, 5), null).replicas, 3);
    assert.equal(hpaDecision(hpa(2, 5), 0).replicas, null);
  });
});
