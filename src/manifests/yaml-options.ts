// How Kubernetes reads YAML: sigs.k8s.io/yaml decodes with go-yaml v2, a YAML 1.1 reader, so `yes`/`no`/`on`/`off`
// (and `y`/`n`) are booleans and `0644` is octal. But go-yaml v2 does not resolve timestamps for an untyped
// (interface{}) target the way YAML 1.1 does in JSON conversion, and it has no sexagesimal (`1:20`) numbers, so those
// stay strings. The `yaml` package has no YAML 1.1 "value" type either, so a plain `=` stays the string "=" (the
// corpus' prometheus-operator CRDs rely on that).
import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions } from 'yaml';

type Tags = NonNullable<SchemaOptions['customTags']>;
type TagList = Exclude<Tags, (...args: never[]) => unknown>;

function kubernetesTags(tags: TagList): TagList {
  return tags.filter((t) => {
    if (typeof t === 'string') return true;
    const tag = t as { tag?: string; format?: string };
    if (tag.tag === 'tag:yaml.org,2002:timestamp') return false;
    return tag.format !== 'TIME'; // sexagesimal int/float
  });
}

export const K8S_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: kubernetesTags as Tags,
  prettyErrors: false,
  // Duplicate keys are errors, but found by parse-chunk.ts in one pass: the package's check is quadratic.
  uniqueKeys: false,
  strict: true,
  // yaml would otherwise print process warnings (e.g. for collection keys) into the extension host's output.
  logLevel: 'silent',
};

/** maxAliasCount bounds alias expansion (billion-laughs); 100 is the yaml package's default, kept explicit. */
export const K8S_TOJS_OPTIONS: ToJSOptions = { maxAliasCount: 100 };
