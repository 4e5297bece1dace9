// Turns the CLI's PATH arguments into input texts: files as given, folders walked recursively for
// *.yaml, *.yml and *.json (sorted, so output order is stable), `-` read from stdin. Exclude globs apply
// to files found by walking a folder (a file named explicitly is always read).
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { matchesAny } from './glob';
import { decodeManifestBytes as decodeText } from '../manifests/decode';

export interface InputFile {
  /** path as shown in findings: the argument as given, joined with the path below a walked folder */
  path: string;
  text: string;
}

/** A problem reading inputs: the CLI reports it and exits with code 2. */
export class InputError extends Error {}

export const STDIN_PATH = '<stdin>';
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
/** Folders never worth walking into. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export interface CollectOptions {
  exclude?: readonly string[];
  cwd?: string;
  /** reads all of stdin (injected so tests and callers can replace it) */
  readStdin?: () => Promise<string>;
}

export function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    process.stdin.on('end', () => resolve(decodeText(Buffer.concat(chunks))));
    process.stdin.on('error', reject);
  });
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return e?.message ?? String(err);
  }
}

function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

function readText(path: string): string {
  try {
    return decodeText(fs.readFileSync(path));
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${describe(err)}`);
  }
}

/** Every manifest file below `dir`, depth first, names sorted. */
function walk(dir: string, out: string[], seenDirs: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (err) {
    throw new InputError(`cannot read ${dir}: ${describe(err)}`);
  }
  // Symlinked folders could loop forever.
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read ${dir}: ${describe(err)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = nodePath.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling link: nothing to read
      }
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(e.name)) walk(p, out, seenDirs);
    } else if (isFile && MANIFEST_EXTENSIONS.includes(nodePath.extname(e.name).toLowerCase())) {
      out.push(p);
    }
  }
}

/** Reads every input named by `paths`. Throws InputError for a missing or unreadable path. */
export async function collectInputs(paths: readonly string[], opts: CollectOptions = {}): Promise<InputFile[]> {
  const cwd = opts.cwd ?? process.cwd();
  const exclude = opts.exclude ?? [];
  const files: InputFile[] = [];
  const seen = new Set<string>();
  for (const arg of paths) {
    if (arg === '-') {
      if (seen.has(STDIN_PATH)) continue;
      seen.add(STDIN_PATH);
      files.push({ path: STDIN_PATH, text: await (opts.readStdin ?? readStdin)() });
      continue;
    }
    const abs = nodePath.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      throw new InputError(`cannot read ${arg}: ${describe(err)}`);
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(abs, found, new Set());
      for (const f of found) {
        if (seen.has(f)) continue;
        const rel = toPosix(nodePath.relative(cwd, f));
        const relToArg = toPosix(nodePath.relative(abs, f));
        if (exclude.length && (matchesAny(exclude, rel) || matchesAny(exclude, relToArg))) continue;
        seen.add(f);
        const shown = toPosix(nodePath.join(arg, nodePath.relative(abs, f)));
        files.push({ path: shown, text: readText(f) });
      }
    } else {
      if (seen.has(abs)) continue;
      seen.add(abs);
      files.push({ path: arg, text: readText(abs) });
    }
  }
  return files;
}
