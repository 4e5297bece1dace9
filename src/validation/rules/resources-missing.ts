// Containers without cpu/memory requests and limits: the scheduler cannot place them sensibly and
// nothing bounds their usage. Quick fix: add what is missing with modest starting values.
import type { Rule, RuleFinding } from './rule';
import { indexOf, containersOf, get, isRecord } from './resources';
import { addEntries, fix } from './edits';
import type { TextEditFix } from '../finding';

const DEFAULTS = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } } as const;

export const resourcesMissing: Rule = {
  id: 'resources-missing',
  defaultSeverity: 'warning',
  description: 'Container has no cpu/memory requests or limits.',
  docsAnchor: 'resources-missing',
  category: 'best-practice',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      for (const c of containersOf(t, false)) {
        const res = c.container.resources;
        const missing: string[] = [];
        const add: Record<string, Record<string, string>> = {};
        for (const kind of ['requests', 'limits'] as const) {
          for (const r of ['cpu', 'memory'] as const) {
            const v = get(res, [kind, r]);
            if (v === undefined || v === null || v === '') {
              missing.push(`${r} ${kind === 'requests' ? 'request' : 'limit'}`);
              (add[kind] ??= {})[r] = DEFAULTS[kind][r];
            }
          }
        }
        if (missing.length === 0) continue;
        const text = ctx.texts?.(t.manifest.source.path);
        // edits are computed only when someone asks for the fixes (the editor's code actions)
        const fixes = (): TextEditFix[] => {
          if (text === undefined) return [];
          // fill existing requests/limits maps first, then add missing maps under resources: when two inserts
          // land at the same offset (a map ending where resources ends) the deeper one must come first
          const edits = [];
          const newMaps: Record<string, Record<string, string>> = {};
          for (const [kind, vals] of Object.entries(add)) {
            if (isRecord(get(res, [kind]))) edits.push(...addEntries(text, t.manifest, [...c.path, 'resources', kind], vals));
            else newMaps[kind] = vals;
          }
          if (Object.keys(newMaps).length > 0) edits.push(...addEntries(text, t.manifest, [...c.path, 'resources'], newMaps));
          const whole = edits;
          const f = fix(`Add resource ${Object.keys(add).join(' and ')} (${Object.entries(add).map(([k, v]) => `${k}: ${Object.entries(v).map(([r, q]) => `${r} ${q}`).join(', ')}`).join('; ')})`, whole, true);
          return f ? [f] : [];
        };
        out.push({
          manifest: t.manifest, path: isRecord(res) ? [...c.path, 'resources'] : [...c.path, 'name'], part: isRecord(res) ? 'key' : 'value',
          message: `container "${c.name}" has no ${missing.join(', ')}`,
          fixes,
        });
      }
    }
    return out;
  },
};
