// A long-running container without a liveness probe: a hung process is never restarted. Jobs and
// CronJobs run to completion and are not reported.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, isRecord } from './resources';

export const probeMissingLiveness: Rule = {
  id: 'probe-missing-liveness',
  defaultSeverity: 'info',
  description: 'Long-running container has no liveness probe.',
  docsAnchor: 'probe-missing-liveness',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      if (t.kind === 'Job' || t.kind === 'CronJob') continue;
      if (t.kind === 'Pod' && (t.spec.restartPolicy === 'Never' || t.spec.restartPolicy === 'OnFailure')) continue;
      for (const c of containersOf(t, false)) {
        if (isRecord(c.container.livenessProbe)) continue;
        out.push({ manifest: t.manifest, path: [...c.path, 'name'], message: `container "${c.name}" has no liveness probe` });
      }
    }
    return out;
  },
};
