// The shape of schemas/v<version>.json (written by scripts/gen-schemas.mjs) and how kinds are keyed.

export interface KindEntry {
  /** definition name inside `definitions` */
  ref: string;
  /** from the API paths: true for namespaced kinds, false for cluster-scoped, absent when unknown (List kinds) */
  namespaced?: boolean;
}

export type JsonSchema = Record<string, unknown>;

export interface SchemaBundle {
  /** Kubernetes minor version, "1.34" */
  version: string;
  source?: string;
  /** "<group>/<version>/<Kind>", core group "v1/<Kind>" */
  kinds: Record<string, KindEntry>;
  definitions: Record<string, JsonSchema>;
}

/** A built-in kind's validator compiled at build time (Ajv standalone code, same options as at run time). */
export type PrecompiledValidator = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/**
 * Loads the bundle of a Kubernetes version ("1.34"), lazily; throws for unknown versions. `precompiled`, when
 * the loader has it, answers the build-time validators of that version by kind key ("apps/v1/Deployment"), or
 * null when there are none matching the bundle (the validator then compiles at run time).
 */
export type SchemaLoader = ((version: string) => SchemaBundle) & {
  precompiled?: (version: string) => Record<string, PrecompiledValidator> | null;
};

export const SUPPORTED_VERSIONS = ['1.34', '1.36'] as const;
export const DEFAULT_KUBERNETES_VERSION = '1.34';

/** apiVersion "apps/v1" + kind "Deployment" -> "apps/v1/Deployment"; core "v1" + "Pod" -> "v1/Pod". */
export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Definition name for a `$ref` of the bundle ("#/definitions/core.v1.PodSpec" -> "core.v1.PodSpec"). */
export function refName(ref: string): string {
  const i = ref.lastIndexOf('/');
  return i >= 0 ? ref.slice(i + 1) : ref;
}
