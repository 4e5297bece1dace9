// A workload whose selector does not match its own pod template labels: the API server rejects it
// ("selector does not match template labels"); an empty selector on an apps/v1 workload is rejected too.
import type { Rule, RuleFinding } from './rule';
import type { TextEditFix } from '../finding';
import { indexOf, get, isRecord, stringMap } from './resources';
import { labelSelector, labelsText } from './selection';
import { selectorMatches, isEmptySelector, mapSelectorMatches, formatSelector } from '../../core/labels';
import { addEntries, fix, replaceValue, type TextEdit } from './edits';

/** Kinds whose spec.selector is a metav1.LabelSelector vs. a plain map (ReplicationController, DeploymentConfig). */
const LABEL_SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);
const MAP_SELECTOR_KINDS = new Set(['ReplicationController', 'DeploymentConfig']);

export const workloadSelectorMismatch: Rule = {
  id: 'workload-selector-mismatch',
  defaultSeverity: 'error',
  description: "Workload selector does not match its pod template's labels (the API server rejects it).",
  docsAnchor: 'workload-selector-mismatch',
  category: 'cross-resource',
  check(ctx) {
    const idx = indexOf(ctx);
    const out: RuleFinding[] = [];
    for (const t of idx.templates) {
      const m = t.manifest;
      const raw = get(m.object, ['spec', 'selector']);
      if (raw === undefined || raw === null) continue; // required-field errors are the schema's job; RC/Job default it
      let matchLabels: Record<string, string>;
      let ok: boolean;
      let shown: string;
      if (LABEL_SELECTOR_KINDS.has(t.kind)) {
        // Jobs get a generated selector unless manualSelector is set; a user-given one must still match
        const sel = labelSelector(raw);
        if (!sel) continue;
        if (isEmptySelector(sel) && t.kind !== 'Job') {
          out.push({ manifest: m, path: ['spec', 'selector'], message: `${t.kind} has an empty selector, which the API server rejects (it would select every pod in the namespace)` });
          continue;
        }
        ok = selectorMatches(sel, t.labels);
        matchLabels = sel.matchLabels ?? {};
        shown = formatSelector(sel);
      } else if (MAP_SELECTOR_KINDS.has(t.kind)) {
        matchLabels = stringMap(raw);
        if (Object.keys(matchLabels).length === 0) continue;
        ok = mapSelectorMatches(matchLabels, t.labels);
        shown = labelsText(matchLabels);
      } else continue;
      if (ok) continue;
      const text = ctx.texts?.(m.source.path);
      const labelsPath = [...t.templatePath, 'metadata', 'labels'];
      const selPath = LABEL_SELECTOR_KINDS.has(t.kind) ? ['spec', 'selector', 'matchLabels'] : ['spec', 'selector'];
      // edits are computed only when someone asks for the fixes (the editor's code actions)
      const fixes = (): TextEditFix[] => {
        const list: TextEditFix[] = [];
        if (text === undefined || Object.keys(matchLabels).length === 0) return list;
        // 1. make the template carry the selector's labels
        const missing: Record<string, string> = {};
        const edits: TextEdit[] = [];
        for (const [k, v] of Object.entries(matchLabels)) {
          if (!(k in t.labels)) missing[k] = v;
          else if (t.labels[k] !== v) edits.push(...replaceValue(text, m, [...labelsPath, k], v));
        }
        if (Object.keys(missing).length > 0) edits.push(...addEntries(text, m, labelsPath, missing));
        const f1 = fix('Add the selector labels to the pod template', edits, true);
        if (f1) list.push(f1);
        // 2. or make the selector follow the template (only when the template has every selector key)
        const rawLabels = get(m.object, labelsPath);
        if (isRecord(rawLabels) && Object.keys(matchLabels).every((k) => k in t.labels)) {
          const e2: TextEdit[] = [];
          for (const [k, v] of Object.entries(matchLabels)) if (t.labels[k] !== v) e2.push(...replaceValue(text, m, [...selPath, k], t.labels[k]));
          const f2 = fix('Change the selector to match the pod template labels', e2);
          if (f2) list.push(f2);
        }
        return list;
      };
      out.push({
        manifest: m, path: ['spec', 'selector'],
        message: `selector ${shown} does not match the pod template labels (${labelsText(t.labels)}); the API server rejects this ${t.kind}`,
        fixes,
      });
    }
    return out;
  },
};
