// Glob matching for kubePreview.exclude (no vscode import: unit-testable). Supports `**`, `*`, `?`,
// `{a,b}` and `[...]`, matched against a path relative to the workspace folder with '/' separators.
// A pattern without '/' matches at any depth (like .gitignore), so `secret.yaml` excludes it anywhere.

export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  if (!g.includes('/')) g = `**/${g}`;
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        // '**/' matches zero or more whole segments; a trailing '**' anything below
        const slash = g[i + 2] === '/';
        re += slash ? '(?:[^/]*(?:/|$))*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') { braces++; re += '(?:'; }
    else if (c === '}' && braces > 0) { braces--; re += ')'; }
    else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let cls = g.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  while (braces-- > 0) re += ')';
  // a pattern naming a folder excludes everything below it too
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** A predicate over workspace-relative paths; true when any of the globs matches. */
export function globMatcher(globs: string[]): (relativePath: string) => boolean {
  const res = globs.filter((g) => g.trim() !== '').map(globToRegExp);
  return (p) => {
    const rel = p.replace(/\\/g, '/').replace(/^\.\//, '');
    return res.some((r) => r.test(rel));
  };
}

/**
 * The exclude globs as one pattern for workspace.findFiles, so a folder scan does not spend its file budget
 * in node_modules; null when a glob has braces or commas of its own (findFiles patterns do not nest).
 * Results are still filtered with globMatcher, which stays the reference.
 */
export function findFilesExclude(globs: string[]): string | null {
  const parts: string[] = [];
  for (const raw of globs) {
    const g = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (!g) continue;
    if (/[{},]/.test(g)) return null;
    const anyDepth = g.includes('/') ? g : `**/${g}`;
    parts.push(anyDepth, anyDepth.endsWith('/**') ? anyDepth : `${anyDepth}/**`);
  }
  return parts.length ? `{${[...new Set(parts)].join(',')}}` : null;
}
