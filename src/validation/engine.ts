// The lint engine: parsing, schema validation, rules and simulation over a set of files, incrementally.
// Both the CLI (one pass over the given paths) and the VS Code extension (a long-lived engine fed every
// keystroke) use it. What makes a keystroke cheap:
// - ParseCache re-parses only the YAML documents whose text changed and keeps the Manifest objects of the
//   others (moving their ranges), so Manifest identity says "this document did not change";
// - schema findings are cached per Manifest (with the first line they were computed at, so a document
//   that only moved gets its findings shifted instead of re-validated), and per file when the file did
//   not change at all;
// - CRDs are collected from every file; when the CRD set changes, custom resources are re-validated (built-in
//   kinds are not: their schema does not depend on CRDs).
// Rules and the simulation run over the whole set each time (they are cross-resource by nature).
import type { Manifest, ParsedFile, ParseProblem, Range } from '../manifests/types';
import type { Finding, Severity } from './finding';
import type { ClusterSnapshot } from '../cluster/snapshot';
import type { SimulateOptions } from '../cluster/options';
import type { SchemaLoader } from './schema/validator';
import { SchemaValidator } from './schema/validator';
import { ParseCache } from '../manifests/parse-cache';
import { runRules, filterSuppressed, configuredSeverity } from './rules/run';
import { assumeExternalSet, isExcluded, type RuleConfig } from './config';
import { simulate } from '../cluster/simulate';
import { compareInFile } from './report/summary';
import { isKustomizationPath, kustomizePatchPaths, normalizePath } from './kustomize';

export interface LintEngineOptions {
  loader: SchemaLoader;
  kubernetesVersion: string;
  ruleConfig?: RuleConfig;
  /** run the simulation and the rules that need its snapshot (default true) */
  simulation?: boolean;
  /** schema validation (default true; users of Red Hat's YAML extension may turn it off) */
  schema?: boolean;
  /** rules (default true) */
  rules?: boolean;
  simulateOptions?: SimulateOptions;
}

/** Milliseconds spent in each phase of the last lint() (for benchmarks and the extension's log). */
export interface LintTimings { parse: number; schema: number; simulate: number; rules: number; total: number }

/** Rule id of the finding raised when the simulation itself fails (it never should; bad input must not crash). */
export const SIMULATION_ERROR_ID = 'internal/simulation-error';

interface SchemaEntry {
  /** where the manifest started when its findings were computed */
  line: number;
  character: number;
  /** CRD generation the findings were computed against (custom resources only) */
  crdGeneration: number;
  findings: Finding[];
}

interface FileState {
  path: string;
  text: string;
  parsed: ParsedFile;
  /** parse problems as findings (path filled in) */
  problemFindings: Finding[];
  /** schema findings of the file, valid while `schemaGeneration` equals the engine's */
  schemaFindings: Finding[] | null;
  schemaGeneration: number;
  /** the CRD generation they were computed against (matters for files with custom resources) */
  schemaCrdGeneration: number;
  hasCustomResources: boolean;
  /** does the text carry `# kube-preview-disable` comments (skip the suppression pass when not) */
  hasDirectives: boolean;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Built-in API groups: the core group ("v1"), dotless groups (apps, batch, policy...) and *.k8s.io. */
export function isBuiltinApiVersion(apiVersion: unknown): boolean {
  if (typeof apiVersion !== 'string') return true;
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return true;
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

export function isCrd(m: Manifest): boolean {
  const o = m.object;
  return o.kind === 'CustomResourceDefinition' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('apiextensions.k8s.io/');
}

function shiftRange(r: Range, dLine: number, dChar: number, firstLine: number): Range {
  // Only the manifest's first line can see a column shift (the text before it on that line changed).
  const sc = r.start.line === firstLine ? r.start.character + dChar : r.start.character;
  const ec = r.end.line === firstLine ? r.end.character + dChar : r.end.character;
  return { start: { line: r.start.line + dLine, character: sc }, end: { line: r.end.line + dLine, character: ec } };
}

/** A cached finding moved with its document. */
function shiftFinding(f: Finding, dLine: number, dChar: number, firstLine: number): Finding {
  const out: Finding = { ...f, range: shiftRange(f.range, dLine, dChar, firstLine) };
  if (f.fixes) {
    out.fixes = f.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((e) => (e.path === f.path ? { ...e, range: shiftRange(e.range, dLine, dChar, firstLine) } : e)),
    }));
  }
  return out;
}

function problemToFinding(path: string, p: ParseProblem): Finding {
  return { ruleId: p.ruleId, severity: p.severity, message: p.message, path, range: p.range, resource: null };
}

export class LintEngine {
  private readonly loader: SchemaLoader;
  readonly kubernetesVersion: string;
  private ruleConfig: RuleConfig;
  private simulationEnabled: boolean;
  private readonly schemaEnabled: boolean;
  private readonly rulesEnabled: boolean;
  private simulateOptions: SimulateOptions;

  private readonly parseCache = new ParseCache();
  private readonly files = new Map<string, FileState>();
  private validator: SchemaValidator | null = null;
  private readonly schemaCache = new WeakMap<Manifest, SchemaEntry>();
  private crdKey: Manifest[] = [];
  private crdGeneration = 0;
  /** bumps when every file's schema findings must be recomputed (config change) */
  private schemaGeneration = 0;

  private dirty = true;
  private lastResult: Map<string, Finding[]> | null = null;
  private lastManifests: Manifest[] | null = null;
  /** normalized paths of the Kustomize patch files the kustomizations of the set name (see kustomize.ts) */
  private patchFiles: Set<string> | null = null;
  private lastSnapshot: ClusterSnapshot | null = null;
  private snapshotStale = true;
  private lastSimulationError: string | null = null;
  private pendingParseTime = 0;
  timings: LintTimings = { parse: 0, schema: 0, simulate: 0, rules: 0, total: 0 };

  constructor(opts: LintEngineOptions) {
    this.loader = opts.loader;
    this.kubernetesVersion = opts.kubernetesVersion;
    this.ruleConfig = opts.ruleConfig ?? {};
    this.simulationEnabled = opts.simulation ?? true;
    this.schemaEnabled = opts.schema ?? true;
    this.rulesEnabled = opts.rules ?? true;
    this.simulateOptions = opts.simulateOptions ?? {};
  }

  /** Adds or updates a file. Parsing happens here (incrementally); validation waits for lint(). */
  setFile(path: string, text: string): void {
    const prev = this.files.get(path);
    if (prev && prev.text === text) return;
    const t0 = now();
    let parsed: ParsedFile;
    try {
      parsed = this.parseCache.parse(path, text);
    } catch (e) {
      // The parser is meant never to throw; if it does, the file gets one finding instead of a crash.
      this.parseCache.delete(path);
      parsed = {
        path, kind: 'kubernetes', manifests: [], documentCount: 0,
        problems: [{ ruleId: 'yaml/syntax', severity: 'error', message: `could not parse: ${(e as Error).message}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
      };
    }
    this.pendingParseTime += now() - t0;
    this.files.set(path, {
      path,
      text,
      parsed,
      problemFindings: parsed.problems.map((p) => problemToFinding(path, p)),
      schemaFindings: null,
      schemaGeneration: -1,
      schemaCrdGeneration: -1,
      hasCustomResources: parsed.manifests.some((m) => !isBuiltinApiVersion(m.object.apiVersion)),
      hasDirectives: text.includes('kube-preview-disable'),
    });
    this.markDirty();
  }

  removeFile(path: string): void {
    if (!this.files.delete(path)) return;
    this.parseCache.delete(path);
    this.markDirty();
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** Paths of every file in the set, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  text(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  parsedFile(path: string): ParsedFile | undefined {
    return this.files.get(path)?.parsed;
  }

  setRuleConfig(config: RuleConfig): void {
    this.ruleConfig = config;
    this.schemaGeneration++; // severities of schema findings may change
    this.markDirty();
  }

  setSimulateOptions(options: SimulateOptions): void {
    this.simulateOptions = options;
    this.markDirty();
  }

  setSimulation(enabled: boolean): void {
    if (enabled === this.simulationEnabled) return;
    this.simulationEnabled = enabled;
    this.markDirty();
  }

  /** The error message of the last failed simulation, or null. */
  simulationError(): string | null {
    return this.lastSimulationError;
  }

  private markDirty(): void {
    this.dirty = true;
    this.lastManifests = null;
    this.patchFiles = null;
    this.snapshotStale = true;
  }

  private sortedFiles(): FileState[] {
    return [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Every manifest the rules and the simulation see: files in path order, documents in file order. */
  manifests(): Manifest[] {
    if (!this.lastManifests) {
      const out: Manifest[] = [];
      for (const f of this.sortedFiles()) {
        // Templates are not YAML yet, and files that are not Kubernetes have nothing to check.
        if (f.parsed.kind === 'template' || f.parsed.kind === 'not-kubernetes') continue;
        // A Kustomize patch is part of an object, merged into its base by `kustomize build`.
        if (this.isPatchFile(f.path)) continue;
        for (const m of f.parsed.manifests) out.push(m);
      }
      this.lastManifests = out;
    }
    return this.lastManifests;
  }

  /** True when a kustomization of the set names the file as a patch. */
  private isPatchFile(path: string): boolean {
    if (!this.patchFiles) {
      const kustomizations = [...this.files.values()].filter((f) => isKustomizationPath(f.path));
      this.patchFiles = kustomizations.length ? kustomizePatchPaths(kustomizations) : new Set();
    }
    return this.patchFiles.size > 0 && this.patchFiles.has(normalizePath(path));
  }

  /** Schema findings as reported: a patch file lacks the required fields its base has (kustomize.ts). */
  private schemaFindingsShown(f: FileState): Finding[] {
    const all = this.schemaFindingsOf(f);
    return all.length && this.isPatchFile(f.path) ? all.filter((x) => x.ruleId !== 'schema/required') : all;
  }

  /** The simulated cluster for the current set (null when the simulation is off or failed). */
  snapshot(): ClusterSnapshot | null {
    if (!this.simulationEnabled) return null;
    if (this.snapshotStale) this.runSimulation();
    return this.lastSnapshot;
  }

  private runSimulation(): void {
    this.snapshotStale = false;
    this.lastSimulationError = null;
    try {
      this.lastSnapshot = simulate(this.manifests(), { kubernetesVersion: this.kubernetesVersion, ...this.simulateOptions });
    } catch (e) {
      this.lastSnapshot = null;
      this.lastSimulationError = (e as Error)?.message ?? String(e);
    }
  }

  private getValidator(): SchemaValidator {
    if (!this.validator) this.validator = new SchemaValidator(this.loader, this.kubernetesVersion);
    return this.validator;
  }

  /** Hands the current CRD set to the validator when it changed; returns true when it did. */
  private refreshCrds(): boolean {
    const crds: Manifest[] = [];
    for (const m of this.manifests()) if (isCrd(m)) crds.push(m);
    // Unchanged CRD documents keep their Manifest objects, so identity comparison is enough.
    const same = crds.length === this.crdKey.length && crds.every((m, i) => m === this.crdKey[i]);
    if (same) return false;
    this.crdKey = crds;
    this.crdGeneration++;
    this.getValidator().setCrds(crds);
    return true;
  }

  private validateManifest(v: SchemaValidator, m: Manifest): Finding[] {
    const cached = this.schemaCache.get(m);
    const custom = !isBuiltinApiVersion(m.object.apiVersion);
    const start = m.source.range.start;
    if (cached && (!custom || cached.crdGeneration === this.crdGeneration)) {
      if (cached.line === start.line && cached.character === start.character) return cached.findings;
      const shifted = cached.findings.map((f) => shiftFinding(f, start.line - cached.line, start.character - cached.character, cached.line));
      this.schemaCache.set(m, { line: start.line, character: start.character, crdGeneration: cached.crdGeneration, findings: shifted });
      return shifted;
    }
    let findings: Finding[];
    try {
      findings = v.validate(m);
    } catch (e) {
      findings = [{
        ruleId: 'schema/no-schema', severity: 'info', path: m.source.path, range: m.rangeOf([], 'key'), resource: null,
        message: `schema validation failed: ${(e as Error).message}`,
      }];
    }
    this.schemaCache.set(m, { line: start.line, character: start.character, crdGeneration: this.crdGeneration, findings });
    return findings;
  }

  private schemaFindingsOf(f: FileState): Finding[] {
    if (!this.schemaEnabled || f.parsed.kind === 'template' || f.parsed.kind === 'not-kubernetes') return [];
    // Files with custom resources are re-checked when the CRD set changed since their findings were made.
    const crdsChanged = f.hasCustomResources && f.schemaCrdGeneration !== this.crdGeneration;
    if (f.schemaFindings && f.schemaGeneration === this.schemaGeneration && !crdsChanged) return f.schemaFindings;
    const v = this.getValidator();
    const out: Finding[] = [];
    for (const m of f.parsed.manifests) for (const finding of this.validateManifest(v, m)) out.push(finding);
    f.schemaFindings = out;
    f.schemaGeneration = this.schemaGeneration;
    f.schemaCrdGeneration = this.crdGeneration;
    return out;
  }

  /** Parser and schema findings under the configuration: severity overrides, 'off', suppression comments. */
  private configured(f: FileState, findings: Finding[]): Finding[] {
    const rules = this.ruleConfig.rules;
    let out = findings;
    if (rules && Object.keys(rules).length > 0) {
      out = [];
      for (const x of findings) {
        const sev: Severity | null = configuredSeverity(this.ruleConfig, x.ruleId, x.severity);
        if (sev === null) continue;
        out.push(sev === x.severity ? x : { ...x, severity: sev });
      }
    }
    if (f.hasDirectives) out = filterSuppressed(out, (p) => (p === f.path ? f.text : undefined));
    return out;
  }

  /**
   * Findings of every file (an entry for each file, empty when clean, so callers can clear old ones),
   * sorted by position. Findings that concern no file (a bad rule id in the configuration) are under ''.
   */
  lint(): Map<string, Finding[]> {
    if (!this.dirty && this.lastResult) return new Map(this.lastResult);
    const t0 = now();
    const files = this.sortedFiles();
    const result = new Map<string, Finding[]>();
    for (const f of files) result.set(f.path, []);

    const tSchema = now();
    if (this.schemaEnabled) this.refreshCrds();
    for (const f of files) {
      // Excluded files still count as context for the rules, but report nothing themselves.
      if (isExcluded(f.path, this.ruleConfig.exclude)) continue;
      const list = result.get(f.path)!;
      for (const x of this.configured(f, f.problemFindings)) list.push(x);
      for (const x of this.configured(f, this.schemaFindingsShown(f))) list.push(x);
    }
    const schemaTime = now() - tSchema;

    let simulateTime = 0;
    let rulesTime = 0;
    if (this.rulesEnabled || this.simulationEnabled) {
      const tSim = now();
      const snapshot = this.snapshot();
      simulateTime = now() - tSim;
      if (this.simulationEnabled && this.lastSimulationError !== null && files.length > 0) {
        result.get(files[0].path)!.push({
          ruleId: SIMULATION_ERROR_ID, severity: 'warning', path: files[0].path, resource: null,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: `the simulation failed: ${this.lastSimulationError}`,
        });
      }
      if (this.rulesEnabled) {
        const tRules = now();
        const ruleFindings = runRules(
          { manifests: this.manifests(), snapshot, assumeExternal: assumeExternalSet(this.ruleConfig), kubernetesVersion: this.kubernetesVersion },
          this.ruleConfig,
          (p) => this.files.get(p)?.text,
        );
        for (const x of ruleFindings) {
          let list = result.get(x.path);
          if (!list) { list = []; result.set(x.path, list); }
          list.push(x);
        }
        rulesTime = now() - tRules;
      }
    }
    for (const list of result.values()) list.sort(compareInFile);

    this.timings = { parse: this.pendingParseTime, schema: schemaTime, simulate: simulateTime, rules: rulesTime, total: now() - t0 + this.pendingParseTime };
    this.pendingParseTime = 0;
    this.dirty = false;
    this.lastResult = result;
    return new Map(result);
  }

  /**
   * The parse and schema findings of some files only, configured as lint() configures them, without the rules
   * and the simulation (they judge the whole set). The editor shows an opened file's own problems with this
   * while the rest of its folder is still being read; lint() later reuses the work (parse, schema findings).
   * 'schema/no-schema' is left out: the CRD of a custom resource may be in a file not read yet.
   */
  lintFiles(paths: string[]): Map<string, Finding[]> {
    const result = new Map<string, Finding[]>();
    if (this.schemaEnabled) this.refreshCrds();
    for (const path of paths) {
      const f = this.files.get(path);
      if (!f) continue;
      const list: Finding[] = [];
      if (!isExcluded(f.path, this.ruleConfig.exclude)) {
        for (const x of this.configured(f, f.problemFindings)) list.push(x);
        for (const x of this.configured(f, this.schemaFindingsShown(f))) if (x.ruleId !== 'schema/no-schema') list.push(x);
      }
      result.set(path, list.sort(compareInFile));
    }
    return result;
  }

  /** Every finding of the last lint(), ordered by path then position. */
  allFindings(): Finding[] {
    const map = this.lint();
    const out: Finding[] = [];
    for (const path of [...map.keys()].sort()) for (const f of map.get(path)!) out.push(f);
    return out;
  }
}
