// One Ajv instance per Kubernetes version: the version's definitions are added once under a base id, and each
// kind compiles to a small entry schema that $refs into them, so definitions shared by kinds (PodSpec, ObjectMeta)
// are compiled once and reused.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { SchemaBundle } from './bundle';

// Go's time.ParseDuration grammar ("300ms", "1h30m", "-1.5h"); Kubernetes CRD "duration" means this, not ISO 8601.
const GO_DURATION = /^[-+]?(?:0|(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
// Go's encoding/json decodes []byte with base64.StdEncoding, which skips \r and \n.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true, // every unknown field of a document, not just the first
    strict: false, // Kubernetes schemas carry keywords Ajv does not know
    verbose: true, // errors carry the failing data and schema, used for messages and suggestions
    logger: false,
    inlineRefs: false, // each definition compiles to its own function, shared by every kind that uses it
    validateSchema: false, // our schemas are generated; CRD schemas that Ajv rejects fail in compile() and are skipped
    addUsedSchema: false,
    code: { optimize: false }, // faster compilation; validation speed is not the bottleneck
  });
  addFormats(ajv, ['date-time', 'date']);
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => BASE64.test(s.replace(/[\r\n]/g, '')) });
  ajv.addFormat('k8s-duration', { type: 'string', validate: (s: string) => GO_DURATION.test(s) });
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
