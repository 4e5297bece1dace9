import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import { pickOneNode } from '../../../../src/cluster/scheduler/preemption';
import { podInfoOf } from '../../../../src/cluster/scheduler/pod-info';
import { simulateObjects } from '../../../../src/cluster/simulate';
import type { KubeObject } from '../../../../src/manifests/types';

describe('DefaultPreemption', () => {
  it('evicts a lower-priority pod, nominates the preemptor, and appends no PostFilter text', () => {
    const s = cluster([node('n1')], [pod('low', { nodeName: 'n1', cpu: '3', priority: 0 })]);
    const sch = scheduler();
    const hi = pod('hi', { cpu: '2', priority: 100 });
    const out = sch.scheduleOne(hi, s);
    assert.equal(out.nodeName, null);
    assert.equal(out.message, '0/1 nodes are available: 1 Insufficient cpu.');
    assert.equal(out.preemption?.node, 'n1');
    assert.deepEqual(out.preemption?.victims.map((v) => v.metadata?.name), ['low']);
    assert.equal(out.nominatedNodeName, 'n1');
    assert.equal(s.node('n1')!.pods.length, 0);
    // next attempt: the nominated node is tried first and fits
    assert.equal(sch.scheduleOne(hi, s).nodeName, 'n1');
  });

  it('waits for a lower-priority victim still terminating on its nominated node (DisruptionTarget PreemptionByScheduler)', () => {
    const leaving = (disruption: boolean) => {
      const p = pod('leaving', { nodeName: 'n1', cpu: '3', priority: 0 });
      p.metadata!.deletionTimestamp = '2026-01-01T00:00:00Z';
      if (disruption) p.status = { phase: 'Running', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] };
      return p;
    };
    const run = (disruption: boolean, nominatedNodeOpts = {}) => {
      const s = cluster([node('n1', nominatedNodeOpts)], [leaving(disruption)]);
      const hi = pod('hi', { cpu: '2', priority: 100 });
      s.nominate(hi, 'n1');
      return scheduler().scheduleOne(hi, s);
    };
    const waiting = run(true);
    assert.equal(waiting.preemption, null);
    assert.match(waiting.message!, /preemption: not eligible due to a terminating pod on the nominated node\.$/);
    // terminating for another reason (a rollout, a drain): no wait, the pod is a victim like any other
    assert.deepEqual(run(false).preemption?.victims.map((v) => v.metadata?.name), ['leaving']);
    // the nominated node can no longer take the pod at all (cordoned): preemption is looked for again
    assert.doesNotMatch(run(true, { unschedulable: true }).message!, /not eligible/);
  });

  it('reprieves the more important pods that can stay', () => {
    const s = cluster([node('n1')], [pod('keep', { nodeName: 'n1', cpu: '1500m', priority: 5 }), pod('evict', { nodeName: 'n1', cpu: '1500m', priority: 1 })]);
    const out = scheduler().scheduleOne(pod('hi', { cpu: '2', priority: 100 }), s);
    assert.deepEqual(out.preemption?.victims.map((v) => v.metadata?.name), ['evict']);
  });

  it('pods of equal or higher priority are never victims: "No preemption victims found"', () => {
    const s = cluster([node('n1')], [pod('peer', { nodeName: 'n1', cpu: '3', priority: 100 })]);
    const out = scheduler().scheduleOne(pod('hi', { cpu: '2', priority: 100 }), s);
    assert.equal(out.message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    assert.equal(out.preemption, null);
  });

  it('a node that still fails after removing every lower-priority pod reports that filter reason', () => {
    const s = cluster([node('n1', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] })], [pod('low', { nodeName: 'n1', cpu: '1', priority: 0 }), pod('peer', { nodeName: 'n1', cpu: '2500m', priority: 100 })]);
    const out = scheduler().scheduleOne(pod('hi', { cpu: '2', priority: 100 }), s);
    assert.equal(out.message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('preemptionPolicy Never', () => {
    const s = cluster([node('n1')], [pod('low', { nodeName: 'n1', cpu: '3', priority: 0 })]);
    const out = scheduler().scheduleOne(pod('hi', { cpu: '2', priority: 100, spec: { preemptionPolicy: 'Never' } }), s);
    assert.equal(out.message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.');
  });

  it('priority comes from PriorityClasses (globalDefault when none is named; system classes built in)', () => {
    const s = cluster([node('n1')], [pod('low', { nodeName: 'n1', cpu: '3' })]);
    s.addPriorityClass({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    s.addPriorityClass({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'base' }, value: 10, globalDefault: true });
    assert.equal(s.priorityOf(pod('x', { spec: { priorityClassName: 'high' } })), 1000);
    assert.equal(s.priorityOf(pod('y')), 10);
    assert.equal(s.priorityOf(pod('z', { spec: { priorityClassName: 'system-node-critical' } })), 2000001000);
    const out = scheduler().scheduleOne(pod('hi', { cpu: '2', spec: { priorityClassName: 'high' } }), s);
    assert.equal(out.preemption?.node, 'n1');
  });

  it('PodDisruptionBudgets: violating victims are avoided when another node has none', () => {
    const s = cluster([node('n1'), node('n2')], [
      pod('guarded', { nodeName: 'n1', cpu: '3', priority: 0, labels: { app: 'db' } }),
      pod('free', { nodeName: 'n2', cpu: '3', priority: 0, labels: { app: 'batch' } }),
    ]);
    s.addPodDisruptionBudget({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } } });
    const out = scheduler().scheduleOne(pod('hi', { cpu: '2', priority: 100 }), s);
    assert.equal(out.preemption?.node, 'n2');
  });

  it('PDB allowed disruptions as the disruption controller counts them: against the controller\'s replicas, not the placed pods', () => {
    // a ReplicaSet of 4 with 2 pods running: maxUnavailable 1 and minAvailable 50% both want 3 / 2 healthy
    const run = (spec: object) => {
      const s = cluster([node('n1'), node('n2'), node('n3')], [
        pod('lo-a', { nodeName: 'n1', cpu: '3', priority: 0, labels: { app: 'lo' } }),
        pod('lo-b', { nodeName: 'n2', cpu: '3', priority: 0, labels: { app: 'lo' } }),
        pod('mid', { nodeName: 'n3', cpu: '4', priority: 500 }),
      ]);
      s.addController({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'lo-rs', namespace: 'default' }, spec: { replicas: 4, selector: { matchLabels: { app: 'lo' } } } });
      for (const n of ['lo-a', 'lo-b']) {
        const placed = s.placedPods().find((p) => p.info.pod.metadata?.name === n)!.info.pod;
        placed.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'lo-rs', controller: true }];
      }
      s.addPodDisruptionBudget({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'lo', namespace: 'default' }, spec: { ...spec, selector: { matchLabels: { app: 'lo' } } } });
      return scheduler().scheduleOne(pod('hi', { cpu: '3', priority: 1000 }), s).preemption?.node;
    };
    // 4 expected − 1 = 3 desired > 2 healthy; 50 % of 4 = 2 desired = 2 healthy: no disruption allowed,
    // so the PDB-free node n3 (a higher-priority victim, but no violation) is chosen
    assert.equal(run({ maxUnavailable: 1 }), 'n3');
    assert.equal(run({ minAvailable: '50%' }), 'n3');
    // an integer minAvailable counts against the matching pods: 2 healthy − 1 = 1 allowed
    assert.notEqual(run({ minAvailable: 1 }), 'n3');
  });

  it('candidate choice: lowest highest-victim priority, then smallest priority sum, then fewest victims', () => {
    const prio = (p: ReturnType<typeof podInfoOf>) => p.pod.spec?.priority ?? 0;
    const mk = (name: string, ...ps: number[]) => ({ node: { name } as never, victims: ps.map((x, i) => podInfoOf(pod(`${name}-${i}`, { priority: x }))), numPDBViolations: 0 });
    assert.equal((pickOneNode([mk('a', 5), mk('b', 1)], prio)?.node as unknown as { name: string }).name, 'b');
    assert.equal((pickOneNode([mk('a', 3, 3), mk('b', 3)], prio)?.node as unknown as { name: string }).name, 'b');
    assert.equal((pickOneNode([{ ...mk('a', 1), numPDBViolations: 1 }, mk('b', 9)], prio)?.node as unknown as { name: string }).name, 'b');
  });
});

describe('DefaultPreemption in the simulation loop', () => {
  const n = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } });
  const pc = (name: string, value: number) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value });
  const running = (name: string, nodeName: string, startTime: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { nodeName, priorityClassName: 'low', containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '4' } } }] }, status: { phase: 'Running', startTime } });
  const hi = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hi' }, spec: { priorityClassName: 'high', containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '2' } } }] } };

  it('running input pods keep their start time: the victim is the one that started latest, whatever the seed', () => {
    for (const seed of [1, 2, 3, 4]) {
      const snap = simulateObjects([n('n1'), n('n2'), pc('low', 10), pc('high', 1000),
        running('old', 'n1', '2020-01-01T00:00:00Z'), running('new', 'n2', '2025-01-01T00:00:00Z'), hi] as KubeObject[], { seed });
      assert.deepEqual(snap.preemptions.map((p) => [p.node, p.victims]), [['n2', ['default/new']]], `seed ${seed}`);
    }
  });

  it('victims preempted a second time are not replaced again, and a warning says so', () => {
    const deploy = (name: string, replicas: number, cls: string, cpu: string, extra: object = {}) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } },
        spec: { priorityClassName: cls, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu } } }], ...extra } } },
    });
    // replacements of the evicted pods are pinned to n1 again (spec.nodeName): the preemptor evicts them twice
    const withHi = simulateObjects([n('n1'), pc('low', 10), pc('high', 1000), deploy('lo', 4, 'low', '1', { nodeName: 'n1' }), deploy('hi', 0, 'high', '2')] as KubeObject[],
      { seed: 1, whatIfs: [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'hi' }, replicas: 1 }] });
    const again = withHi.warnings.filter((w) => /was preempted again by default\/hi-\w+-\w+: its ReplicaSet's replacement is not simulated/.test(w.message));
    assert.ok(again.length > 0, JSON.stringify(withHi.warnings));
    assert.equal(withHi.pods.find((p) => p.name.startsWith('hi-'))?.nodeName, 'n1');
  });

  it('a nomination the scheduler clears stays cleared (the status field is not read back)', () => {
    const s = cluster([node('n1'), node('n2')], [pod('l1', { nodeName: 'n1', priority: 1, cpu: '4' }), pod('x2', { nodeName: 'n2', priority: 1000, cpu: '4' })]);
    const sch = scheduler();
    const p = pod('hi1', { cpu: '3', priority: 100 });
    const first = sch.scheduleOne(p, s);
    assert.equal(first.preemption?.node, 'n1');
    p.status = { ...(p.status ?? {}), nominatedNodeName: 'n1' }; // as the simulation writes it
    // a higher-priority pod takes n1: hi1's next attempt finds no victims and loses its nomination
    assert.equal(sch.scheduleOne(pod('top', { cpu: '3', priority: 200 }), s).nodeName, 'n1');
    sch.scheduleOne(p, s);
    assert.equal(s.nominatedNodeOf(p), null);
    assert.equal(p.status?.nominatedNodeName, undefined);
  });
});

