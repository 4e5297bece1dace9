// The same environment variable set twice in one container: the last one silently wins.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, asArray, isRecord } from './resources';

export const envDuplicate: Rule = {
  id: 'env-duplicate',
  defaultSeverity: 'warning',
  description: 'Container sets the same environment variable more than once (the last one wins).',
  docsAnchor: 'env-duplicate',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, true)) {
        const seen = new Map<string, number>();
        asArray(c.container.env).forEach((e, i) => {
          if (!isRecord(e) || typeof e.name !== 'string') return;
          const first = seen.get(e.name);
          if (first === undefined) { seen.set(e.name, i); return; }
          out.push({ manifest: t.manifest, path: [...c.path, 'env', i, 'name'], message: `environment variable ${e.name} is set twice in container "${c.name}" (env[${first}] and env[${i}]); the last one wins` });
        });
      }
    }
    return out;
  },
};
