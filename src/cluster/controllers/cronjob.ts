// CronJob controller: no pods exist until the schedule fires, so the preview shows the Job it will create
// next as a template: name <cronjob>-<scheduled time in minutes since the epoch> (getJobName), time taken
// from the schedule relative to the simulation's fixed clock (SIMULATED_NOW) so output is deterministic.
import type { K8sObject } from '../k8s';
import { namespaceOf, nameOf } from '../k8s';
import type { SourceRef } from '../snapshot';
import { type ControllerContext, type ControllerOutput, SIMULATED_NOW, emptyWorkload } from './common';
import { nextScheduleTime, parseCron } from './cron-schedule';
import type { Job } from './job';
import { activePods } from './job';

export interface CronJob extends K8sObject {
  spec?: {
    schedule?: string;
    timeZone?: string;
    suspend?: boolean;
    jobTemplate?: { metadata?: Job['metadata']; spec?: Job['spec'] };
    [key: string]: unknown;
  };
}

export interface NextJob { name: string; scheduledTime: string; parallelism: number; note: string | null }

export function nextJobOf(cj: CronJob): { next: NextJob | null; problem: string | null } {
  const name = nameOf(cj);
  if (cj.spec?.suspend === true) return { next: null, problem: null };
  let schedule = typeof cj.spec?.schedule === 'string' ? cj.spec.schedule : '';
  let note: string | null = null;
  // TZ=/CRON_TZ= prefixes and spec.timeZone: the simulated clock is UTC; other zones are read as UTC.
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(schedule);
  if (tz) { schedule = schedule.slice(tz[0].length); note = `time zone ${tz[1]} read as UTC`; }
  if (typeof cj.spec?.timeZone === 'string' && cj.spec.timeZone !== 'UTC' && cj.spec.timeZone !== 'Etc/UTC') note = `time zone ${cj.spec.timeZone} read as UTC`;
  try {
    const t = nextScheduleTime(parseCron(schedule), SIMULATED_NOW);
    if (t === null) return { next: null, problem: `schedule "${schedule}" never fires` };
    const job: Job = { apiVersion: 'batch/v1', kind: 'Job', spec: cj.spec?.jobTemplate?.spec };
    return {
      next: { name: `${name}-${Math.floor(t / 60000)}`, scheduledTime: new Date(t).toISOString().replace('.000Z', 'Z'), parallelism: activePods(job), note },
      problem: null,
    };
  } catch (e) {
    return { next: null, problem: `unparseable schedule "${schedule}": ${(e as Error).message}` };
  }
}

export function runCronJob(cj: CronJob, source: SourceRef, _ctx: ControllerContext): ControllerOutput & { nextJob: NextJob | null } {
  const ns = namespaceOf(cj);
  const workload = emptyWorkload('CronJob', cj, ns, source);
  const { next, problem } = nextJobOf(cj);
  const out = { intents: [], replicaSets: [], workload, events: [], warnings: [] as string[], nextJob: next };
  if (problem) out.warnings.push(`CronJob ${ns}/${nameOf(cj)}: ${problem}`);
  return out;
}
