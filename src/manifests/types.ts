// What parsing produces: documents with source ranges, so every finding can point at the exact YAML node.

/** 0-based, like VS Code and LSP. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** A path into a Kubernetes object: ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export type ObjectPath = (string | number)[];

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid?: string; controller?: boolean }[];
  [key: string]: unknown;
}

/** A Kubernetes object as read from YAML (plain JSON values). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
  // Objects are arbitrary JSON below the top level; each reader narrows what it needs.
  [key: string]: unknown;
}

/** Where an object came from: file, document index in that file, and (for List items) the item index. */
export interface SourceLocation {
  path: string;
  /** index of the YAML document in its file */
  docIndex: number;
  /** index inside a `kind: List` document, else undefined */
  itemIndex?: number;
  /** range of the object's node (the document, or the List item) */
  range: Range;
}

/** One Kubernetes object found in a file, with a way to map object paths back to source ranges. */
export interface Manifest {
  object: KubeObject;
  source: SourceLocation;
  /**
   * Range of the node at `path` (relative to this object). `part` = 'key' gives the map key's range
   * (for unknown fields), 'value' (default) the value's. Falls back to the nearest existing ancestor.
   */
  rangeOf(path: ObjectPath, part?: 'key' | 'value'): Range;
}

export type FileKind = 'kubernetes' | 'template' | 'not-kubernetes' | 'too-large' | 'empty';

/** A diagnostic raised while reading a file (syntax errors, duplicate keys, missing kind...). */
export interface ParseProblem {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: Range;
}

export interface ParsedFile {
  path: string;
  kind: FileKind;
  manifests: Manifest[];
  problems: ParseProblem[];
  /** number of YAML documents in the file (including non-object ones) */
  documentCount: number;
}
