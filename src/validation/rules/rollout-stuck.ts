// A rolling update the simulated Deployment controller could not finish (snapshot.rollouts[].stuck).
import type { Rule, RuleFinding } from './rule';
import { get } from './resources';
import { manifestFor } from './snapshot-lookup';

export const rolloutStuck: Rule = {
  id: 'rollout-stuck',
  defaultSeverity: 'warning',
  description: 'In the simulation, a Deployment rolling update can never make progress.',
  docsAnchor: 'rollout-stuck',
  category: 'simulation',
  needsSnapshot: true,
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const r of ctx.snapshot?.rollouts ?? []) {
      if (!r.stuck) continue;
      const m = manifestFor(ctx, 'Deployment', r.namespace, r.deployment);
      if (!m) continue;
      const path = get(m.object, ['spec', 'strategy']) !== undefined ? ['spec', 'strategy'] : ['spec', 'template'];
      out.push({ manifest: m, path, part: 'key', message: `rolling update cannot make progress: ${r.stuck}` });
    }
    return out;
  },
};
