// Kustomize patch files. An overlay's patch (`patches: [{path: replicas.yaml}]`, `patchesStrategicMerge`,
// `patchesJson6902`) is a partial object — apiVersion, kind, name and only the fields it changes — merged into
// a base by `kustomize build`; it is never applied alone. Linted as a manifest it would lack every required
// field and duplicate the base's object. The engine keeps such files out of the rules and the simulation and
// drops their missing-required-field findings (unknown fields and wrong types are still worth reporting).
import { parse } from 'yaml';

const KUSTOMIZATION = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;

export function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION.test(path);
}

/** `a/b/../c/./d` -> `a/c/d`, with `/` separators (Windows paths compared the same way). */
export function normalizePath(path: string): string {
  const abs = path.startsWith('/') || path.startsWith('\\');
  const out: string[] = [];
  for (const seg of path.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

function relativeTo(kustomization: string, rel: string): string {
  const dir = kustomization.replace(/[\\/]?[^\\/]*$/, '');
  return normalizePath(dir ? `${dir}/${rel}` : rel);
}

/** The (normalized) paths of the patch files the kustomizations among `files` name. */
export function kustomizePatchPaths(files: Iterable<{ path: string; text: string }>): Set<string> {
  const out = new Set<string>();
  for (const { path, text } of files) {
    if (!isKustomizationPath(path)) continue;
    let doc: unknown;
    try { doc = parse(text, { logLevel: 'silent' }); } catch { continue; }
    if (!doc || typeof doc !== 'object') continue;
    const k = doc as Record<string, unknown>;
    const add = (p: unknown): void => {
      // inline patches (a YAML text instead of a file name) name no file
      if (typeof p === 'string' && p && !p.includes('\n')) out.add(relativeTo(path, p));
    };
    if (Array.isArray(k.patchesStrategicMerge)) for (const p of k.patchesStrategicMerge) add(p);
    for (const key of ['patches', 'patchesJson6902']) {
      const list = k[key];
      if (Array.isArray(list)) for (const p of list) if (p && typeof p === 'object') add((p as Record<string, unknown>).path);
    }
  }
  return out;
}
