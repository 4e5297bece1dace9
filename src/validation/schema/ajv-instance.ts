// One Ajv instance per Kubernetes version: the version's definitions are added once under a base id, and each
// kind compiles to a small entry schema that $refs into them, so definitions shared by kinds (PodSpec, ObjectMeta)
// are compiled once and reused. The same options serve scripts/gen-validators.mjs, which compiles every
// built-in kind at build time (standalone code), so precompiled and runtime-compiled validators agree.
import Ajv, { _ } from 'ajv';
import type { SchemaBundle } from './bundle';
import { KUBERNETES_FORMATS } from './formats';

/** `standalone`: keep the generated source (for ajv/dist/standalone), formats reached through ./formats. */
export function createAjv(opts: { standalone?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true, // every unknown field of a document, not just the first
    strict: false, // Kubernetes schemas carry keywords Ajv does not know
    verbose: true, // errors carry the failing data and schema, used for messages and suggestions
    logger: false,
    inlineRefs: false, // each definition compiles to its own function, shared by every kind that uses it
    validateSchema: false, // our schemas are generated; CRD schemas that Ajv rejects fail in compile() and are skipped
    addUsedSchema: false,
    code: opts.standalone
      ? { optimize: false, source: true, formats: _`require("./formats").KUBERNETES_FORMATS` }
      : { optimize: false }, // faster compilation; validation speed is not the bottleneck
  });
  for (const [name, format] of Object.entries(KUBERNETES_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

/** The id under which a version's definitions are registered; refs look like `${id}#/definitions/X`. */
export function bundleId(bundle: SchemaBundle): string {
  return `https://kube-preview.local/schemas/v${bundle.version}.json`;
}

export function addBundle(ajv: Ajv, bundle: SchemaBundle): string {
  const id = bundleId(bundle);
  if (!ajv.getSchema(id)) ajv.addSchema({ $id: id, definitions: bundle.definitions }, undefined, undefined, false);
  return id;
}

/** The entry schema of a built-in kind: a $ref into the version's definitions. */
export function kindEntrySchema(bundleRef: string, ref: string): { $ref: string } {
  return { $ref: `${bundleRef}#/definitions/${ref}` };
}
