// Where the CLI finds its files: the package root is the nearest folder above this module holding
// kube-preview's package.json. dist/cli.js -> ../ (so schemas at ../schemas, the webview at ./webview.js);
// the transpiled copy under out/src/cli/ finds the same root further up.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

let cachedRoot: string | null | undefined;

export function packageRoot(): string | null {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = nodePath.join(dir, 'package.json');
    try {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string };
      if (json.name === 'kube-preview') return (cachedRoot = dir);
    } catch {
      // not here: keep climbing
    }
    const parent = nodePath.dirname(dir);
    if (parent === dir) return (cachedRoot = null);
    dir = parent;
  }
}

export function packageVersion(): string {
  const root = packageRoot();
  if (!root) return '0.0.0';
  try {
    return (JSON.parse(fs.readFileSync(nodePath.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The generated JSON Schemas: ../schemas next to dist/. */
export function schemasDir(): string {
  const root = packageRoot();
  return root ? nodePath.join(root, 'schemas') : nodePath.resolve(__dirname, '..', 'schemas');
}

/** The webview bundle files (dist/webview.js, dist/webview.css). */
export function distFile(name: string): string {
  const root = packageRoot();
  return root ? nodePath.join(root, 'dist', name) : nodePath.join(__dirname, name);
}
