// Test helpers for the rules: parse YAML text into Manifests (the real parseManifests when present in the
// tree, else a minimal stand-in over the same yaml package), run rules, apply fixes and re-parse.
import { parseAllDocuments, LineCounter, isMap, isSeq, isScalar, isPair, type Node as YamlNode } from 'yaml';
import type { Manifest, ObjectPath, Range, KubeObject } from '../../../../src/manifests/types';
import type { RuleContext } from '../../../../src/validation/rules/rule';
import type { Finding } from '../../../../src/validation/finding';
import { runRules } from '../../../../src/validation/rules/run';
import { applyEdits } from '../../../../src/validation/rules/edits';
import type { RuleConfig } from '../../../../src/validation/config';

type ParseFn = (path: string, text: string) => { manifests: Manifest[] };

function realParser(): ParseFn | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require('../../../../src/manifests/parse') as { parseManifests?: ParseFn };
    return mod.parseManifests ?? null;
  } catch {
    return null;
  }
}

const real = realParser();
export const usingRealParser = real !== null;

function standIn(path: string, text: string): { manifests: Manifest[] } {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  const pos = (off: number) => { const p = lc.linePos(off); return { line: p.line - 1, character: p.col - 1 }; };
  const rng = (r: [number, number, number] | undefined | null): Range => r ? { start: pos(r[0]), end: pos(r[1]) } : { start: pos(0), end: pos(0) };
  const manifests: Manifest[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, docIndex) => {
    const obj = doc.toJS() as KubeObject | null;
    if (!obj || typeof obj !== 'object' || !doc.contents) return;
    const root = doc.contents as YamlNode;
    const expand = (o: KubeObject, node: YamlNode, itemIndex?: number) => {
      manifests.push({
        object: o,
        source: { path, docIndex, itemIndex, range: rng(node.range) },
        rangeOf(p: ObjectPath, part: 'key' | 'value' = 'value'): Range {
          let cur: unknown = node;
          let keyNode: unknown = null;
          for (const seg of p) {
            if (isMap(cur)) {
              const pair = cur.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
              if (!pair || !pair.value) { return rng((pair?.key as YamlNode | undefined)?.range ?? (cur as YamlNode).range); }
              keyNode = pair.key; cur = pair.value;
            } else if (isSeq(cur) && typeof seg === 'number' && cur.items[seg]) {
              keyNode = null; cur = cur.items[seg];
            } else break;
          }
          if (part === 'key' && keyNode) return rng((keyNode as YamlNode).range);
          return rng((cur as YamlNode).range);
        },
      });
    };
    if (obj.kind === 'List' && Array.isArray(obj.items) && isMap(root)) {
      const itemsPair = root.items.find((it) => isScalar(it.key) && it.key.value === 'items');
      const seq = itemsPair?.value;
      (obj.items as KubeObject[]).forEach((it, i) => { if (isSeq(seq)) expand(it, seq.items[i] as YamlNode, i); });
    } else expand(obj, root);
  });
  return { manifests };
}

export function parse(text: string, path = 'test.yaml'): Manifest[] {
  return (real ?? standIn)(path, text).manifests;
}

export function ctxOf(manifests: Manifest[], extra: Partial<RuleContext> = {}): RuleContext {
  return { manifests, snapshot: null, assumeExternal: new Set(), kubernetesVersion: '1.34', ...extra };
}

/** Lint one text with every rule (default config) and return the findings. */
export function lint(text: string, opts: { config?: RuleConfig; ctx?: Partial<RuleContext>; path?: string } = {}): Finding[] {
  const path = opts.path ?? 'test.yaml';
  const manifests = parse(text, path);
  return runRules(ctxOf(manifests, opts.ctx), opts.config ?? {}, (p) => (p === path ? text : undefined));
}

export function only(findings: Finding[], ruleId: string): Finding[] { return findings.filter((f) => f.ruleId === ruleId); }

/** Apply a finding's fix (by title prefix or the first non-suppression fix) and return the new text. */
export function applyFix(text: string, f: Finding, titlePrefix?: string): string {
  const fx = (f.fixes ?? []).find((x) => titlePrefix ? x.title.startsWith(titlePrefix) : !x.title.startsWith('Disable '));
  if (!fx) throw new Error(`no fix${titlePrefix ? ` "${titlePrefix}"` : ''} on ${f.ruleId}: ${JSON.stringify((f.fixes ?? []).map((x) => x.title))}`);
  return applyEdits(text, fx.edits);
}

/** Text of a range (for range assertions). */
export function textAt(text: string, r: Range): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}
