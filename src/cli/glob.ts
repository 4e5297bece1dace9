// A small glob matcher for `exclude` patterns (kubePreview.exclude, the config file's `exclude`).
// Supports `**` (any number of path segments), `*` and `?` (within one segment), `[abc]` / `[!abc]`
// character classes and `{a,b}` alternatives. Paths are matched with `/` separators. A pattern without
// a `/` matches a name at any depth (like .gitignore), and a pattern that matches a folder excludes
// everything below it.

const cache = new Map<string, RegExp>();

/** Escape one character for use in a RegExp. */
function esc(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

/** Translate a glob into a RegExp source (anchored by the caller). */
function translate(glob: string): string {
  let out = '';
  let i = 0;
  let braceDepth = 0;
  while (i < glob.length) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**` swallows whole segments: `a/**/b` matches a/b, a/x/b, a/x/y/b.
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        let j = i + 2;
        while (glob[j] === '*') j++;
        if (atSegmentStart && glob[j] === '/') {
          out += '(?:[^/]*/)*';
          i = j + 1;
          continue;
        }
        if (atSegmentStart && j === glob.length) {
          out += '.*';
          i = j;
          continue;
        }
        out += '[^/]*';
        i = j;
        continue;
      }
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
      } else {
        let body = glob.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        body = body.replace(/[\\\]^]/g, (c) => '\\' + c);
        out += negate ? `[^/${body}]` : `[${body}]`;
        i = close + 1;
        continue;
      }
    } else if (ch === '{') {
      braceDepth++;
      out += '(?:';
    } else if (ch === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (ch === ',' && braceDepth > 0) {
      out += '|';
    } else if (ch === '\\' && i + 1 < glob.length) {
      out += esc(glob[i + 1]);
      i += 2;
      continue;
    } else {
      out += esc(ch);
    }
    i++;
  }
  // An unbalanced `{` would leave an open group: close it so the RegExp stays valid.
  while (braceDepth-- > 0) out += ')';
  return out;
}

/** Compile a glob to an anchored RegExp (cached). */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    let g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
    if (g.endsWith('/')) g = g.slice(0, -1);
    // No slash: a name that may sit at any depth.
    const source = g.includes('/') ? translate(g.replace(/^\//, '')) : '(?:[^/]*/)*' + translate(g);
    try {
      re = new RegExp('^' + source + '$');
    } catch {
      // A pattern we cannot translate matches nothing rather than crashing the caller.
      re = /(?!)/;
    }
    cache.set(glob, re);
  }
  return re;
}

/** True when `path` (relative, `/`-separated) or one of its parent folders matches `glob`. */
export function globMatches(glob: string, path: string): boolean {
  const re = globToRegExp(glob);
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (re.test(p)) return true;
  // A matching folder excludes what is inside it.
  let slash = p.lastIndexOf('/');
  while (slash > 0) {
    if (re.test(p.slice(0, slash))) return true;
    slash = p.lastIndexOf('/', slash - 1);
  }
  return false;
}

/** True when any of `globs` matches `path`. */
export function matchesAny(globs: readonly string[], path: string): boolean {
  for (const g of globs) if (globMatches(g, path)) return true;
  return false;
}
