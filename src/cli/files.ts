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

/**
 * No input is read beyond this: the parser reads at most 10 MB per file (larger ones get a notice), and a
 * device or an endless pipe (`/dev/zero`, `yes |`) must end in a clear error, not an exhausted heap.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const tooBig = (what: string): InputError => new InputError(`cannot read ${what}: more than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);

export function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (c: Buffer | string): void => {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      total += b.length;
      if (total > MAX_INPUT_BYTES) {
        process.stdin.off('data', onData);
        process.stdin.pause();
        reject(tooBig('standard input'));
        return;
      }
      chunks.push(b);
    };
    process.stdin.on('data', onData);
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

/** A file's bytes, at most MAX_INPUT_BYTES of them (a device or FIFO is read until its end or the limit). */
export function readBounded(path: string, shownAs = path): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (err) {
    throw new InputError(`cannot read ${shownAs}: ${describe(err)}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new InputError(`cannot read ${shownAs}: is a directory`);
    if (st.isFile() && st.size > MAX_INPUT_BYTES) throw tooBig(shownAs);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // a regular file in one read (plus one that finds its end); a pipe, a device or /proc file in 1 MB steps
      const chunk = Buffer.allocUnsafe(st.isFile() && st.size > 0 ? Math.min(st.size + 1, MAX_INPUT_BYTES + 1 - total) : 1 << 20);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES) throw tooBig(shownAs);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${shownAs}: ${describe(err)}`);
  } finally {
    fs.closeSync(fd);
  }
}

function readText(path: string): string {
  return decodeText(readBounded(path));
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
