// The engine, schemas, parser and simulator are loaded on first use, not at activation: activate() only
// registers providers. They live in their own bundle, dist/engine.js (see engine-bundle.ts), which is
// required through a computed path so esbuild leaves it out of dist/extension.js: loading the extension
// then parses a small bundle, and the big one is read when the first YAML file is linted.
import * as path from 'node:path';
import * as fs from 'node:fs';

type Bundle = typeof import('./engine-bundle');

let bundle: Bundle | undefined;
const used = new Set<keyof Bundle>();

function load(): Bundle {
  if (!bundle) {
    // An indirect require is not followed by esbuild (it would inline the engine into extension.js again).
    const nodeRequire: (id: string) => unknown = require;
    const built = path.join(__dirname, 'engine.js');
    // From dist/ the sibling bundle; from transpiled sources (out/src/extension) the module itself.
    bundle = (fs.existsSync(built) ? nodeRequire(built) : nodeRequire('./engine-bundle')) as Bundle;
  }
  return bundle;
}

function get<K extends keyof Bundle>(key: K): Bundle[K] {
  used.add(key);
  return load()[key];
}

/** Which of the lazy modules have been used so far (activation must use none of them). */
export function loadedModules(): string[] {
  return bundle ? [...used] : [];
}

export const lazy = {
  engine: (): Bundle['engine'] => get('engine'),
  loader: (): Bundle['loader'] => get('loader'),
  fieldInfo: (): Bundle['fieldInfo'] => get('fieldInfo'),
  rules: (): Bundle['rules'] => get('rules'),
  parse: (): Bundle['parse'] => get('parse'),
  view: (): Bundle['view'] => get('view'),
  simulate: (): Bundle['simulate'] => get('simulate'),
};
