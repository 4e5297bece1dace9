// What a command may touch of the process: output streams, terminal facts, environment, stdin. main.ts
// builds the real one; keeping it in one place makes commands easy to follow (and to drive in-process).
import * as nodePath from 'node:path';
import { InputError, readBounded, readStdin } from './files';
import { parseManifests } from '../manifests/parse';
import type { KubeObject, Manifest } from '../manifests/types';
import { decodeManifestBytes as decodeText } from '../manifests/decode';
import { SchemaValidator } from '../validation/schema/validator';
import { createFsSchemaLoader } from '../validation/schema/fs-loader';
import { schemasDir } from './locate';
import { firstErrorLine } from '../validation/finding';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** colour on stdout: a TTY and NO_COLOR unset */
  color: boolean;
  cwd: string;
  readStdin(): Promise<string>;
}

export function processIO(): CliIO {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (t) => { process.stdout.write(t); },
    err: (t) => { process.stderr.write(t); },
    color: Boolean(process.stdout.isTTY) && !noColor,
    cwd: process.cwd(),
    readStdin,
  };
}

export function readFileOrFail(path: string, cwd: string, what: string): string {
  try {
    return decodeText(readBounded(nodePath.resolve(cwd, path), `${what} ${path}`));
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new InputError(`cannot read ${what} ${path}: ${why}`);
  }
}

/**
 * The manifests of an auxiliary file (--cluster, --previous). A YAML error there is an input error:
 * simulating against half a cluster would mislead.
 */
export function readManifestFile(path: string, cwd: string, what: string): Manifest[] {
  const text = readFileOrFail(path, cwd, what);
  const parsed = parseManifests(path, text);
  const bad = parsed.problems.find((p) => p.severity === 'error');
  if (bad) throw new InputError(`${what} ${path}:${bad.range.start.line + 1}:${bad.range.start.character + 1}: ${bad.message}`);
  if (parsed.kind === 'template') throw new InputError(`${what} ${path} contains Helm/Go template syntax; render it first`);
  return parsed.manifests;
}

export function objectsOf(manifests: Manifest[]): KubeObject[] {
  return manifests.map((m) => m.object);
}

/**
 * The objects of a cluster file (--cluster). Schema errors stop the command, like YAML errors: a Node whose
 * allocatable cpu does not parse would silently count as no cpu at all. A file without a Node is allowed (a
 * KubeSchedulerConfiguration or PriorityClasses alone) but said on stderr: the nodes then come from the inputs
 * or the preset.
 */
export function readClusterFile(path: string, cwd: string, kubernetesVersion: string, io: Pick<CliIO, 'err'>): KubeObject[] {
  const manifests = readManifestFile(path, cwd, 'cluster file');
  let validator: SchemaValidator;
  try {
    validator = new SchemaValidator(createFsSchemaLoader(schemasDir()), kubernetesVersion);
  } catch (e) {
    throw new InputError(`cannot load the Kubernetes ${kubernetesVersion} schemas from ${schemasDir()}: ${(e as Error).message}`);
  }
  const error = firstErrorLine(`cluster file ${path}`, manifests.flatMap((m) => validator.validate(m)));
  if (error !== null) throw new InputError(error);
  if (!manifests.some((m) => m.object.kind === 'Node')) {
    io.err(`kube-preview: cluster file ${path} holds no Node: the nodes come from the inputs or the preset\n`);
  }
  return objectsOf(manifests);
}
