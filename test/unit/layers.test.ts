// The layering rules of DESIGN.md, checked on the sources: which folder may import which, that nothing below
// src/extension imports `vscode` or reads files at module load (they run unchanged in the CLI, the extension
// host and tests), and that the webview bundle imports only d3 and the shared types.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'kube-preview') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

const root = repoRoot();

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tsFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

interface Import { file: string; spec: string; typeOnly: boolean; line: number }

/** Static imports, re-exports and top-level `require()` calls of a source file (comments stripped). */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: Import[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/.exec(line);
    if (m) out.push({ file, spec: m[2], typeOnly: !!m[1], line: i + 1 });
  });
  // multi-line `import {\n a,\n b\n} from '...'`: the `from` line closes the statement
  lines.forEach((line, i) => {
    const m = /^\s*\}\s*from\s+['"]([^'"]+)['"]/.exec(line);
    if (!m) return;
    let j = i;
    while (j > 0 && !/^\s*(import|export)\b/.test(lines[j])) j--;
    out.push({ file, spec: m[1], typeOnly: /^\s*(import|export)\s+type\b/.test(lines[j]), line: i + 1 });
  });
  // a require at column 0 runs when the module loads (requires inside functions are indented)
  lines.forEach((line, i) => {
    const m = /^(?:const|let|var)\s+[^=]+=\s*require\(['"]([^'"]+)['"]\)/.exec(line);
    if (m) out.push({ file, spec: m[1], typeOnly: false, line: i + 1 });
  });
  return out;
}

/** The top-level area of src/ an import resolves to ('core', 'manifests', ..., 'protocol.ts'), or null outside src/. */
function areaOf(imp: Import): string | null {
  if (!imp.spec.startsWith('.')) return null;
  const target = path.relative(path.join(root, 'src'), path.resolve(path.dirname(imp.file), imp.spec));
  if (target.startsWith('..')) return null;
  const first = target.split(path.sep)[0];
  return first === 'protocol' ? 'protocol.ts' : first;
}

const where = (imp: Import): string => `${path.relative(root, imp.file)}:${imp.line} imports ${imp.spec}`;

const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  manifests: ['core', 'manifests'],
  // validation's engine runs the simulation for the simulation rules; the cluster never imports validation
  validation: ['core', 'manifests', 'validation', 'cluster', 'protocol.ts'],
  cluster: ['core', 'manifests', 'cluster', 'protocol.ts'],
};

describe('layers (DESIGN.md)', () => {
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    it(`src/${layer} imports only ${allowed.join(', ')}; never vscode, the DOM or fs at load time`, () => {
      const files = tsFiles(path.join(root, 'src', layer));
      assert.ok(files.length > 0, `no sources under src/${layer}`);
      const bad: string[] = [];
      for (const file of files) {
        for (const imp of importsOf(file)) {
          if (imp.spec === 'vscode') bad.push(`${where(imp)} (vscode belongs to src/extension)`);
          if (!imp.typeOnly && /^(node:)?fs(\/promises)?$/.test(imp.spec)) bad.push(`${where(imp)} (fs at module load)`);
          const area = areaOf(imp);
          if (area && !allowed.includes(area)) bad.push(`${where(imp)} (src/${layer} may not depend on ${area})`);
        }
        const text = fs.readFileSync(file, 'utf8');
        if (/^\s*\/\/\/\s*<reference\s+lib=["']dom["']/m.test(text)) bad.push(`${path.relative(root, file)} references the DOM library`);
      }
      assert.deepEqual(bad, []);
    });
  }

  it('only src/extension imports vscode; src/cli never imports src/extension', () => {
    const bad: string[] = [];
    for (const file of tsFiles(path.join(root, 'src'))) {
      const rel = path.relative(path.join(root, 'src'), file).split(path.sep);
      for (const imp of importsOf(file)) {
        if (imp.spec === 'vscode' && rel[0] !== 'extension') bad.push(where(imp));
        if (rel[0] === 'cli' && areaOf(imp) === 'extension') bad.push(where(imp));
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the webview imports only d3, its own modules, and types from src/protocol.ts', () => {
    const files = tsFiles(path.join(root, 'webview'));
    assert.ok(files.length > 0);
    const bad: string[] = [];
    for (const file of files) {
      for (const imp of importsOf(file)) {
        if (!imp.spec.startsWith('.')) {
          if (imp.spec !== 'd3') bad.push(`${where(imp)} (package other than d3)`);
          continue;
        }
        const target = path.relative(root, path.resolve(path.dirname(file), imp.spec)).split(path.sep).join('/');
        if (target.startsWith('webview/')) continue;
        if (target !== 'src/protocol') bad.push(`${where(imp)} (only types from src/protocol.ts, which re-exports the snapshot's)`);
        else if (!imp.typeOnly) bad.push(`${where(imp)} (must be \`import type\`: nothing of src/ is bundled into the webview)`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('finds the imports it checks (self-test of the scanner)', () => {
    const parsed = importsOf(path.join(root, 'src', 'extension', 'extension.ts'));
    assert.ok(parsed.some((i) => i.spec === 'vscode' && !i.typeOnly));
    assert.ok(parsed.some((i) => i.spec === '../cluster/snapshot' && i.typeOnly));
    const relations = importsOf(path.join(root, 'webview', 'relations.ts'));
    assert.ok(relations.some((i) => i.spec === '../src/protocol' && i.typeOnly), 'multi-line import not found');
  });
});
