// Reads schemas/v<version>.json from disk on first use. fs is required inside the function (not at module top)
// so the validation layer stays importable where there is no file system.
import type { SchemaBundle, SchemaLoader } from './bundle';
import { SUPPORTED_VERSIONS } from './bundle';

export { SUPPORTED_VERSIONS };

export function createFsSchemaLoader(schemasDir: string): SchemaLoader {
  const cache = new Map<string, SchemaBundle>();
  return (version: string) => {
    const hit = cache.get(version);
    if (hit) return hit;
    if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
      throw new Error(`unsupported Kubernetes version "${version}" (supported: ${SUPPORTED_VERSIONS.join(', ')})`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('node:path') as typeof import('node:path');
    const bundle = JSON.parse(fs.readFileSync(path.join(schemasDir, `v${version}.json`), 'utf8')) as SchemaBundle;
    cache.set(version, bundle);
    return bundle;
  };
}
