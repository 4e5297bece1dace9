// Reads schemas/v<version>.json from disk on first use. fs is required inside the function (not at module top)
// so the validation layer stays importable where there is no file system.
// Validators compiled at build time (scripts/gen-validators.mjs) are looked up beside this module: dist/ for the
// bundles (CLI, extension), out/src/validation/schema/ for the transpiled tree. They are used only when their
// schemaHash is the hash of the schema file read here; otherwise (missing, stale) kinds compile at run time.
import type { PrecompiledValidator, SchemaBundle, SchemaLoader } from './bundle';
import { SUPPORTED_VERSIONS } from './bundle';

export { SUPPORTED_VERSIONS };

interface GeneratedModule { schemaHash?: string; [kind: string]: unknown }

export function createFsSchemaLoader(schemasDir: string, validatorsDir: string = __dirname): SchemaLoader {
  const cache = new Map<string, SchemaBundle>();
  const hashes = new Map<string, string>();
  const compiled = new Map<string, Record<string, PrecompiledValidator> | null>();
  const loader: SchemaLoader = (version: string) => {
    const hit = cache.get(version);
    if (hit) return hit;
    if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
      throw new Error(`unsupported Kubernetes version "${version}" (supported: ${SUPPORTED_VERSIONS.join(', ')})`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('node:path') as typeof import('node:path');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const text = fs.readFileSync(path.join(schemasDir, `v${version}.json`), 'utf8');
    const bundle = JSON.parse(text) as SchemaBundle;
    hashes.set(version, crypto.createHash('sha256').update(text).digest('hex'));
    cache.set(version, bundle);
    return bundle;
  };
  loader.precompiled = (version: string) => {
    if (compiled.has(version)) return compiled.get(version) ?? null;
    loader(version); // the hash of the schema file the validators must match
    let result: Record<string, PrecompiledValidator> | null = null;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const path = require('node:path') as typeof import('node:path');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fs = require('node:fs') as typeof import('node:fs');
      const file = path.join(validatorsDir, `validators-v${version}.js`);
      if (fs.existsSync(file)) {
        // A computed require: bundlers must not inline the generated module (it is loaded on first need).
        const nodeRequire: (id: string) => unknown = require;
        const mod = nodeRequire(file) as GeneratedModule;
        if (mod.schemaHash === hashes.get(version)) result = mod as unknown as Record<string, PrecompiledValidator>;
      }
    } catch {
      result = null; // an unreadable generated module: compile at run time instead
    }
    compiled.set(version, result);
    return result;
  };
  return loader;
}
