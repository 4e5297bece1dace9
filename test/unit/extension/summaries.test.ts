import * as assert from 'node:assert/strict';
import { dominantReason, workloadSummary } from '../../../src/extension/summaries';
import { simulateObjects } from '../../../src/cluster/simulate';

describe('extension/summaries', () => {
  it('picks the reason that rejected the most nodes from a FailedScheduling message', () => {
    assert.equal(dominantReason('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.'), 'Insufficient cpu');
    assert.equal(dominantReason("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."), "didn't match Pod's node affinity/selector");
    assert.equal(dominantReason('0/2 nodes are available: 2 node(s) had untolerated taint {a: b, c: d}.'), 'had untolerated taint {a: b, c: d}');
    assert.equal(dominantReason('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.'), 'Insufficient cpu');
  });

  it('falls back to the message itself, shortened', () => {
    assert.equal(dominantReason(null), 'unschedulable');
    assert.equal(dominantReason('waiting for scheduling gates: [a b]'), 'waiting for scheduling gates: [a b]');
    assert.equal(dominantReason('x'.repeat(200)).length, 78);
  });

  it('a CronJob says when its next Job comes, not "scaled to 0"; a suspended one that it makes none', () => {
    const cron = (suspend: boolean) => ({
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop' },
      spec: { schedule: '*/5 * * * *', suspend, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'busybox:1.36' }] } } } } },
    });
    const snap = simulateObjects([cron(false)], { seed: 1 });
    const w = snap.workloads.find((x) => x.kind === 'CronJob')!;
    assert.ok(w.nextJob);
    assert.equal(workloadSummary(snap, w), `next Job ${w.nextJob.name} at ${w.nextJob.scheduledTime} (simulated clock)`);
    const suspended = simulateObjects([cron(true)], { seed: 1 });
    assert.equal(workloadSummary(suspended, suspended.workloads[0]), 'suspended or never scheduled: no Job');
  });
});
