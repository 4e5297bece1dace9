// Shared by the schema tests: the repository root (tests run from out/), the real schemas, and a one-call lint.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseManifests } from '../../../../src/manifests/parse';
import type { ParsedFile } from '../../../../src/manifests/types';
import { createFsSchemaLoader } from '../../../../src/validation/schema/fs-loader';
import { SchemaValidator } from '../../../../src/validation/schema/validator';
import type { SchemaLoader } from '../../../../src/validation/schema/bundle';
import type { Finding } from '../../../../src/validation/finding';

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'kube-preview') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

export const corpusDir = (): string => path.resolve(repoRoot(), '..', 'shared', 'corpus');

let loader: SchemaLoader | null = null;
export function schemaLoader(): SchemaLoader {
  loader ??= createFsSchemaLoader(path.join(repoRoot(), 'schemas'));
  return loader;
}

/** Parse + schema findings of one text, with CRDs of the same text known. */
export function lint(text: string, opts: { version?: string; validator?: SchemaValidator; file?: string } = {}): { parsed: ParsedFile; findings: Finding[] } {
  const parsed = parseManifests(opts.file ?? 'test.yaml', text);
  const v = opts.validator ?? new SchemaValidator(schemaLoader(), opts.version ?? '1.34');
  if (!opts.validator) v.setCrds(parsed.manifests.filter((m) => m.object.kind === 'CustomResourceDefinition'));
  return { parsed, findings: parsed.manifests.flatMap((m) => v.validate(m)) };
}

export function walkYaml(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walkYaml(p, out);
    else if (/\.(ya?ml|json)$/.test(name) && !/^(EXPECTED|INDEX)\.json$/.test(name)) out.push(p);
  }
  return out;
}

/** A file's outcome in kubeconform's terms (see test/unit/corpus/schema-kubeconform.test.ts for the mapping). */
export type Outcome = 'valid' | 'invalid' | 'error';

const NO_SCHEMA = new Set(['schema/no-schema', 'schema/unknown-kind', 'api/deprecated-version']);

export function outcomeOf(text: string, file: string, validator: SchemaValidator): { outcome: Outcome; findings: { ruleId: string; severity: string; message: string }[] } {
  const parsed = parseManifests(file, text);
  const findings: { ruleId: string; severity: string; message: string }[] = [...parsed.problems];
  const schema: Finding[] = parsed.manifests.flatMap((m) => validator.validate(m));
  findings.push(...schema);
  let outcome: Outcome = 'valid';
  for (const f of findings) {
    const isParse = f.severity === 'error' && (f.ruleId === 'yaml/syntax' || f.ruleId.startsWith('manifest/'));
    if (isParse || NO_SCHEMA.has(f.ruleId)) return { outcome: 'error', findings };
    if (f.severity === 'error') outcome = 'invalid';
  }
  return { outcome, findings };
}

