// The resource set the rules and the simulation see: every manifest of a workspace folder (minus the
// kubePreview.exclude globs; Helm templates are in it but yield no objects), with the editor's unsaved text winning over the
// disk. Kept up to date incrementally — editor changes and FileSystemWatcher events each touch one file of
// the LintEngine, which re-parses/re-validates only what changed — and linted on a short debounce.
// An opened file does not wait for its folder: while the folder is being read, the open documents' own
// findings (parse and schema) are published first; rules and the simulation follow once the set is complete.
import * as vscode from 'vscode';
import type { LintEngine, LintTimings } from '../validation/engine';
import type { SchemaLoader } from '../validation/schema/validator';
import type { Finding } from '../validation/finding';
import type { KubeObject, Manifest } from '../manifests/types';
import type { ClusterSnapshot } from '../cluster/snapshot';
import { EDITOR_MAX_PODS, readSettings, type Settings } from './settings';
import { lazy } from './lazy';
import { findFilesExclude, globMatcher } from './glob';
// tiny and dependency-free: bundled into extension.js, not the lazily loaded engine
import { decodeManifestBytes } from '../manifests/decode';
import { firstErrorLine } from '../validation/finding';

/** The path string the engine knows a document by: the file system path, or the URI for untitled ones. */
export function pathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function isYamlDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri.path);
}

const LINT_DELAY_MS = 200;
/** settings the engine is built from (a change rebuilds it); the others only change what is shown */
const ENGINE_KEYS = ['kubernetesVersion', 'validation.schema', 'exclude', 'lint.rules', 'lint.assumeExternal', 'cluster', 'preset', 'simulation.enable', 'seed'];
/** Disk files above this size are not read into the set (the parser would only report them as too large). */
const MAX_DISK_FILE_BYTES = 8 * 1024 * 1024;
const MAX_FILES_PER_FOLDER = 5000;

let sharedLoader: SchemaLoader | undefined;
/** One schema loader for the window (it caches the bundles it has read). */
export function schemaLoader(extensionPath: string): SchemaLoader {
  if (!sharedLoader) {
    const path = require('node:path') as typeof import('node:path');
    sharedLoader = lazy.loader().createFsSchemaLoader(path.join(extensionPath, 'schemas'));
  }
  return sharedLoader;
}

/** Documents longer than this (UTF-16 units) have the YAML documents in view linted first on their first lint. */
const VIEW_FIRST_CHARS = 256 * 1024;
/** Lines assumed in view when no editor shows the document yet (an editor opens at the top). */
const DEFAULT_VIEW_LINES = 120;

/** A large document's text with only the YAML documents in its editors' view (see manifests/view-text.ts). */
function viewText(doc: vscode.TextDocument, text: string): string | null {
  const ranges = vscode.window.visibleTextEditors.filter((e) => e.document === doc).flatMap((e) => e.visibleRanges)
    .map((r) => [r.start.line, r.end.line] as const);
  if (!ranges.length) ranges.push([0, DEFAULT_VIEW_LINES]);
  return lazy.view().textInView(text, ranges);
}

/** The manifests of one workspace folder (or of one file outside every folder) and their lint results. */
export class ResourceSet {
  settings: Settings;
  private readonly texts = new Map<string, string>();
  private readonly uris = new Map<string, vscode.Uri>();
  /** document version of the text handed to the engine (undefined for disk text) */
  private readonly versions = new Map<string, number | undefined>();
  /** open documents changed since the last lint (their text is read at lint time) */
  private readonly pendingDocs = new Map<string, vscode.TextDocument>();
  /** paths whose text the engine has not been given yet */
  private readonly enginePending = new Set<string>();
  private lintedVersions = new Map<string, number | undefined>();
  private engineInstance: LintEngine | null = null;
  private stale = true;
  private findingsByPath = new Map<string, Finding[]>();
  private manifestsByPath: Map<string, Manifest[]> | null = null;
  private snap: ClusterSnapshot | null = null;
  private clusterObjects: KubeObject[] | undefined;
  private clusterLoaded = false;
  clusterError: string | null = null;
  engineError: string | null = null;
  /** wall time of the last lint (parse, schema, rules and simulation of what changed) */
  lastLintMs = 0;
  /** the engine's own breakdown of the last lint */
  lastTimings: LintTimings | null = null;
  /** bumped after every lint, so consumers can tell whether anything was recomputed */
  generation = 0;
  scanned: Promise<void> | null = null;
  /** folder scans under way (the set is incomplete while there is one) */
  scansRunning = 0;
  get scanning(): boolean { return this.scansRunning > 0; }

  constructor(
    readonly key: string,
    readonly folder: vscode.WorkspaceFolder | undefined,
    private readonly extensionPath: string,
  ) {
    this.settings = readSettings(folder?.uri);
  }

  /** workspace-relative path with '/' separators ('' outside the folder) */
  relative(uri: vscode.Uri): string {
    if (!this.folder) return uri.path.split('/').pop() ?? '';
    const root = this.folder.uri.path.replace(/\/$/, '');
    return uri.path.startsWith(root + '/') ? uri.path.slice(root.length + 1) : '';
  }

  clusterFileUri(): vscode.Uri | null {
    const f = this.settings.clusterFile;
    if (!f) return null;
    if (f.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f)) return vscode.Uri.file(f);
    return this.folder ? vscode.Uri.joinPath(this.folder.uri, f) : null;
  }

  isExcluded(uri: vscode.Uri): boolean {
    const cluster = this.clusterFileUri();
    if (cluster && cluster.toString() === uri.toString()) return true; // its Nodes describe the cluster, not the app
    return this.folder !== undefined && globMatcher(this.settings.exclude)(this.relative(uri));
  }

  has(path: string): boolean { return this.texts.has(path); }
  paths(): string[] { return [...this.texts.keys()]; }
  uriOf(path: string): vscode.Uri | undefined { return this.uris.get(path); }
  textOf(path: string): string | undefined { return this.texts.get(path); }

  setText(uri: vscode.Uri, text: string, version?: number): boolean {
    const path = pathOf(uri);
    this.versions.set(path, version);
    if (this.texts.get(path) === text) {
      // same text as was (or will be) linted: the results hold for this document version too
      this.lintedVersions.set(path, version);
      return false;
    }
    this.texts.set(path, text);
    this.uris.set(path, uri);
    this.enginePending.add(path);
    this.stale = true;
    return true;
  }

  /**
   * An editor changed: remember the document and read its text only when linting, so a burst of
   * keystrokes costs nothing here (the engine re-parses once per lint, not once per key).
   */
  noteDocument(doc: vscode.TextDocument): void {
    this.pendingDocs.set(pathOf(doc.uri), doc);
    this.stale = true;
  }

  /** Brings editor texts noted since the last lint into the set and the engine. */
  private applyPending(): void {
    for (const doc of this.pendingDocs.values()) if (!doc.isClosed) this.setText(doc.uri, doc.getText(), doc.version);
    this.pendingDocs.clear();
  }

  /** Hands texts the engine has not seen to it: all of them, or only those of `paths`. */
  private feedEngine(engine: LintEngine, paths?: string[]): void {
    for (const path of paths ?? [...this.enginePending]) {
      if (!this.enginePending.delete(path)) continue;
      const text = this.texts.get(path);
      if (text === undefined) engine.removeFile(path); else engine.setFile(path, text);
    }
  }

  remove(uri: vscode.Uri): boolean {
    const path = pathOf(uri);
    this.pendingDocs.delete(path);
    if (!this.texts.delete(path)) return false;
    this.uris.delete(path);
    this.versions.delete(path);
    this.enginePending.add(path);
    this.stale = true;
    return true;
  }

  /** Settings changed: the next lint builds a new engine (version, rules, simulation and cluster are fixed per engine). */
  reconfigure(): void {
    this.settings = readSettings(this.folder?.uri);
    this.engineInstance = null;
    this.clusterLoaded = false;
    this.stale = true;
  }

  invalidateCluster(): void {
    this.clusterLoaded = false;
    this.engineInstance = null;
    this.stale = true;
  }

  isStale(): boolean { return this.stale || !this.clusterLoaded; }

  /**
   * Parses and checks the cluster file's text with the engine (schema, no rules or simulation): its objects, or
   * its first YAML or schema error worded for people.
   */
  private checkClusterFile(path: string, text: string): { objects: KubeObject[]; error: string | null } {
    const { LintEngine } = lazy.engine();
    const engine = new LintEngine({
      loader: schemaLoader(this.extensionPath), kubernetesVersion: this.settings.kubernetesVersion, simulation: false, rules: false,
    });
    engine.setFile(path, text);
    const error = firstErrorLine(`cluster file ${this.settings.clusterFile}`, engine.lint().get(path) ?? []);
    if (error !== null) return { objects: [], error };
    return { objects: (engine.parsedFile(path)?.manifests ?? []).map((m) => m.object), error: null };
  }

  /** Reads the cluster file (kubePreview.cluster) before the engine is built; errors become a notice. */
  async loadCluster(): Promise<void> {
    if (this.clusterLoaded) return;
    this.clusterLoaded = true;
    this.clusterObjects = undefined;
    this.clusterError = null;
    const uri = this.clusterFileUri();
    if (!uri) return;
    try {
      const text = decodeManifestBytes(await vscode.workspace.fs.readFile(uri));
      // YAML and schema errors make the file unusable, as in the CLI: a Node whose allocatable cpu does not parse
      // would otherwise count as no cpu. The cluster file is not in the resource set, so this is where it is checked.
      const checked = this.checkClusterFile(pathOf(uri), text);
      if (checked.error) { this.clusterError = checked.error; return; }
      this.clusterObjects = checked.objects;
      if (!this.clusterObjects.length) this.clusterError = `cluster file ${this.settings.clusterFile} holds no Kubernetes objects`;
    } catch (err) {
      this.clusterError = `cannot read cluster file ${this.settings.clusterFile}: ${(err as Error).message}`;
    }
  }

  private engine(): LintEngine {
    if (!this.engineInstance) {
      const s = this.settings;
      const { LintEngine } = lazy.engine();
      const engine = new LintEngine({
        loader: schemaLoader(this.extensionPath),
        kubernetesVersion: s.kubernetesVersion,
        ruleConfig: { rules: s.rules, assumeExternal: s.assumeExternal },
        simulation: s.simulationEnabled,
        schema: s.schemaEnabled,
        simulateOptions: { seed: s.seed, preset: s.preset, clusterObjects: this.clusterObjects, kubernetesVersion: s.kubernetesVersion, maxPods: EDITOR_MAX_PODS },
      });
      // every text is new to a new engine (feedEngine hands them over)
      this.enginePending.clear();
      for (const path of this.texts.keys()) this.enginePending.add(path);
      this.engineInstance = engine;
    }
    return this.engineInstance;
  }

  /** Lints the set if anything changed since the last time (the engine re-checks only what changed). */
  lint(): boolean {
    if (!this.stale && this.engineInstance) return false;
    this.applyPending();
    this.stale = false;
    this.manifestsByPath = null;
    this.lintedVersions = new Map(this.versions);
    const started = performance.now();
    try {
      const engine = this.engine();
      this.feedEngine(engine);
      this.findingsByPath = engine.lint();
      this.snap = this.settings.simulationEnabled ? engine.snapshot() : null;
      this.engineError = null;
    } catch (err) {
      // a bug below must not take the editor down: keep the last results and say what happened
      this.engineError = (err as Error).stack ?? String(err);
      this.engineInstance = null;
    }
    this.lastLintMs = performance.now() - started;
    this.lastTimings = this.engineInstance ? { ...this.engineInstance.timings } : null;
    this.generation++;
    return true;
  }

  /**
   * Findings to show before the set's lint, from the same engine (lint() then reuses the work; rules and the
   * simulation wait for it, the set stays stale):
   * - while the folder is still being read (`wholeDocuments`), the parse and schema findings of the open
   *   documents changed since the last lint, so an opened file does not wait for every other file;
   * - a large document the engine has not parsed yet gets the YAML documents in view parsed and checked
   *   first (viewText): the rest of the file follows in lint(), which parses only what was left out.
   * Returns the paths whose findings were updated.
   */
  lintOpenDocuments(wholeDocuments: boolean): string[] {
    const docs = [...this.pendingDocs.values()].filter((d) => !d.isClosed);
    const whole: string[] = [];
    const views = new Map<string, string>();
    for (const d of docs) {
      const path = pathOf(d.uri);
      const firstLint = !this.engineInstance?.hasFile(path);
      if (!firstLint && !wholeDocuments) continue;
      const text = d.getText();
      const view = firstLint && text.length > VIEW_FIRST_CHARS ? viewText(d, text) : null;
      if (!view && !wholeDocuments) continue;
      this.setText(d.uri, text, d.version);
      this.pendingDocs.delete(path);
      if (view) { views.set(path, view); continue; } // the whole text stays pending for lint()
      whole.push(path);
      // its own findings are current for this version (code actions may use them); lint() resets the map
      this.lintedVersions.set(path, d.version);
    }
    const paths = [...whole, ...views.keys()];
    if (!paths.length) return [];
    try {
      const engine = this.engine();
      this.feedEngine(engine, whole);
      for (const [path, view] of views) engine.setFile(path, view);
      for (const [path, list] of engine.lintFiles(paths)) this.findingsByPath.set(path, list);
    } catch (err) {
      this.engineError = (err as Error).stack ?? String(err);
      this.engineInstance = null;
      return [];
    }
    return paths;
  }

  findings(path: string): Finding[] {
    const all = this.findingsByPath.get(path) ?? [];
    // A file with no apiVersion or kind in any document is some other YAML (an app's config, Ansible vars, a
    // translation file…). The extension runs on every YAML file, so it says nothing about such a file; the CLI,
    // pointed at files on purpose, reports "missing 'kind'" as kubeconform does. A binary file still gets its error.
    if (all.length && this.engineInstance?.parsedFile(path)?.kind === 'not-kubernetes') {
      return all.filter((f) => f.ruleId !== 'manifest/missing-kind' && f.ruleId !== 'manifest/missing-apiVersion');
    }
    return all;
  }
  snapshot(): ClusterSnapshot | null { return this.snap; }
  lintedVersion(path: string): number | undefined { return this.lintedVersions.get(path); }

  manifests(): Manifest[] {
    if (!this.engineInstance) return [];
    return this.engineInstance.manifests();
  }

  manifestsOf(path: string): Manifest[] {
    if (!this.manifestsByPath) {
      this.manifestsByPath = new Map();
      for (const m of this.manifests()) {
        const list = this.manifestsByPath.get(m.source.path);
        if (list) list.push(m); else this.manifestsByPath.set(m.source.path, [m]);
      }
    }
    return this.manifestsByPath.get(path) ?? [];
  }

  simulateOptions(): { seed: number; preset: string; clusterObjects: KubeObject[] | undefined; kubernetesVersion: string } {
    const s = this.settings;
    return { seed: s.seed, preset: s.preset, clusterObjects: this.clusterObjects, kubernetesVersion: s.kubernetesVersion };
  }
}

/** All resource sets of the window, and the listeners that keep them current. */
export class ResourceSets implements vscode.Disposable {
  private readonly sets = new Map<string, ResourceSet>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly linted = new vscode.EventEmitter<ResourceSet>();
  private readonly openLinted = new vscode.EventEmitter<{ set: ResourceSet; paths: string[] }>();
  private readonly disposables: vscode.Disposable[] = [this.linted, this.openLinted];
  /** fires after a set was linted (diagnostics, CodeLens and the preview refresh from it) */
  readonly onDidLint = this.linted.event;
  /** fires when open documents got their own findings ahead of their folder's lint (diagnostics only) */
  readonly onDidLintOpenDocuments = this.openLinted.event;

  constructor(private readonly extensionPath: string, private readonly log: vscode.OutputChannel) {}

  start(): void {
    const ws = vscode.workspace;
    this.disposables.push(
      ws.onDidOpenTextDocument((d) => this.documentChanged(d)),
      ws.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.documentChanged(e.document); }),
      ws.onDidCloseTextDocument((d) => this.documentClosed(d)),
      ws.onDidSaveTextDocument((d) => this.fileTouched(d.uri)),
      ws.onDidChangeConfiguration((e) => this.configurationChanged(e)),
      ws.onDidChangeWorkspaceFolders(() => this.rebuildAll()),
    );
    const watcher = ws.createFileSystemWatcher('**/*.{yaml,yml}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.diskChanged(u)),
      watcher.onDidChange((u) => this.diskChanged(u)),
      watcher.onDidDelete((u) => this.diskDeleted(u)),
    );
    for (const d of ws.textDocuments) this.documentChanged(d);
  }

  all(): ResourceSet[] { return [...this.sets.values()]; }

  /** The set a URI belongs to (created and scanned on first use); undefined when excluded. */
  setFor(uri: vscode.Uri, create = true): ResourceSet | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder ? folder.uri.toString() : `file:${uri.toString()}`;
    let set = this.sets.get(key);
    if (!set && create) {
      set = new ResourceSet(key, folder, this.extensionPath);
      this.sets.set(key, set);
      if (folder) set.scanned = this.track(this.scan(set));
    }
    if (set && set.isExcluded(uri)) return undefined;
    return set;
  }

  /** Resolves once no scan, read or lint is outstanding (tests and the preview wait on it). */
  async whenIdle(): Promise<void> {
    for (let i = 0; i < 50 && (this.pending.size || this.timers.size); i++) {
      await Promise.allSettled([...this.pending]);
      if (this.timers.size) {
        for (const key of [...this.timers.keys()]) this.flush(key);
        await Promise.allSettled([...this.pending]);
      }
    }
  }

  /** Lints a set right away (used when a provider needs fresh results). */
  lintNow(set: ResourceSet): void {
    const t = this.timers.get(set.key);
    if (t) { clearTimeout(t); this.timers.delete(set.key); }
    if (set.lint()) {
      if (set.engineError) this.log.appendLine(`[lint] ${set.engineError}`);
      this.linted.fire(set);
    }
  }

  schedule(set: ResourceSet, delay = LINT_DELAY_MS): void {
    const t = this.timers.get(set.key);
    if (t) clearTimeout(t);
    this.timers.set(set.key, setTimeout(() => this.flush(set.key), delay));
  }

  private flush(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    const set = this.sets.get(key);
    if (!set) return;
    this.track((async () => {
      await set.loadCluster(); // before the engine is built: it simulates on the cluster file's nodes
      if (set.clusterError) this.clusterProblem(set.clusterError);
      // cross-file rules judged on half a folder would flash false findings: wait for the scan, but show the
      // open documents' own findings meanwhile (and a large file's documents in view before the rest of it)
      const early = performance.now();
      const scanning = set.scanning;
      const paths = set.lintOpenDocuments(scanning);
      if (set.engineError) this.log.appendLine(`[lint] ${set.engineError}`);
      if (paths.length) {
        this.log.appendLine(`[lint] ${paths.length} open document(s) checked ahead of the whole set (${scanning ? 'folder still being read' : 'documents in view first'}): ${(performance.now() - early).toFixed(0)} ms`);
        this.openLinted.fire({ set, paths });
        // let the diagnostics reach the editor before the whole set's lint keeps this thread busy
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (set.scanned) await set.scanned;
      this.lintNow(set);
    })());
  }

  /** Cluster file problems already shown, each once (meanwhile lint simulates on the preset, the preview shows the error). */
  private readonly shownClusterProblems = new Set<string>();

  private clusterProblem(message: string): void {
    this.log.appendLine(`[cluster] ${message}`);
    if (this.shownClusterProblems.has(message)) return;
    this.shownClusterProblems.add(message);
    void vscode.window.showWarningMessage(`Kube Preview: ${message}`);
  }

  /** The cluster-file problems told to the user so far (for the test API). */
  clusterProblems(): string[] { return [...this.shownClusterProblems]; }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, (err) => { done(); this.log.appendLine(`[error] ${(err as Error).stack ?? err}`); });
    return p;
  }

  private documentChanged(doc: vscode.TextDocument): void {
    if (!isYamlDocument(doc) || doc.uri.scheme === 'git' || doc.uri.scheme === 'output') return;
    const set = this.setFor(doc.uri);
    if (!set) return;
    // The debounce is for typing; a document the set has not seen yet (just opened) is linted at once.
    const known = set.has(pathOf(doc.uri));
    set.noteDocument(doc);
    this.schedule(set, known ? LINT_DELAY_MS : 0);
  }

  private documentClosed(doc: vscode.TextDocument): void {
    if (!isYamlDocument(doc)) return;
    const set = this.setFor(doc.uri, false);
    if (!set) return;
    if (!set.folder || doc.uri.scheme !== 'file') {
      set.remove(doc.uri);
      if (!set.folder) { this.sets.delete(set.key); return; }
      this.schedule(set);
      return;
    }
    // back to what is on disk (the file may have been closed without saving, or deleted)
    this.track(this.readDisk(set, doc.uri));
  }

  private fileTouched(uri: vscode.Uri): void {
    for (const set of this.sets.values()) {
      const cluster = set.clusterFileUri();
      if (cluster && cluster.toString() === uri.toString()) { set.invalidateCluster(); this.schedule(set); }
    }
  }

  private diskChanged(uri: vscode.Uri): void {
    this.fileTouched(uri);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return; // the editor's text wins
    const set = this.setFor(uri, false);
    if (set) this.track(this.readDisk(set, uri));
  }

  private diskDeleted(uri: vscode.Uri): void {
    const set = this.setFor(uri, false);
    if (!set) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    // a deleted folder arrives as one event for the folder: drop every file below it
    const prefix = pathOf(uri);
    let changed = false;
    for (const p of set.paths()) {
      if (p === prefix || p.startsWith(prefix + '/') || p.startsWith(prefix + '\\')) {
        const u = set.uriOf(p);
        if (u) changed = set.remove(u) || changed;
      }
    }
    if (changed) this.schedule(set);
  }

  private async readDisk(set: ResourceSet, uri: vscode.Uri): Promise<void> {
    let text: string | null = null;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.File && stat.size <= MAX_DISK_FILE_BYTES) {
        text = decodeManifestBytes(await vscode.workspace.fs.readFile(uri));
      }
    } catch {
      text = null; // gone
    }
    // a file opened meanwhile has its editor text in the set already
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    // Templates stay in the set too: the parser tells a Helm template (one notice, no objects, nothing for the
    // rules) from `{{ }}` that is only text inside a string (a log format, a Grafana legend), which is data —
    // dropping every file with `{{` made references to such ConfigMaps look missing.
    const changed = text === null ? set.remove(uri) : set.setText(uri, text);
    if (changed) this.schedule(set);
  }

  private async scan(set: ResourceSet): Promise<void> {
    if (!set.folder) return;
    set.scansRunning++;
    try {
      await this.scanFolder(set, set.folder);
    } finally {
      set.scansRunning--;
    }
    this.schedule(set, 0);
  }

  private async scanFolder(set: ResourceSet, folder: vscode.WorkspaceFolder): Promise<void> {
    const exclude = findFilesExclude(set.settings.exclude);
    const files = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, '**/*.{yaml,yml}'),
      exclude ? new vscode.RelativePattern(folder, exclude) : undefined, MAX_FILES_PER_FOLDER);
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const todo = files.filter((u) => !open.has(u.toString()) && !set.isExcluded(u));
    // a few reads at a time: enough to hide latency without flooding the file service
    const workers = Array.from({ length: 8 }, async () => {
      for (let u = todo.pop(); u; u = todo.pop()) await this.readDisk(set, u);
    });
    await Promise.all(workers);
  }

  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration('kubePreview')) return;
    for (const set of this.sets.values()) {
      const scope = set.folder?.uri;
      if (!e.affectsConfiguration('kubePreview', scope)) continue;
      if (!ENGINE_KEYS.some((k) => e.affectsConfiguration(`kubePreview.${k}`, scope))) {
        // e.g. validation.enable or preview.scope: nothing to recompute, only to show differently
        set.settings = readSettings(scope);
        this.linted.fire(set);
        continue;
      }
      const oldExclude = JSON.stringify(set.settings.exclude);
      const oldCluster = set.settings.clusterFile;
      set.reconfigure();
      if (JSON.stringify(set.settings.exclude) !== oldExclude || set.settings.clusterFile !== oldCluster) {
        this.rescan(set);
      } else {
        this.schedule(set, 0);
      }
    }
  }

  /** Exclude globs or the cluster file changed: drop excluded files, re-add the ones now included. */
  private rescan(set: ResourceSet): void {
    for (const p of set.paths()) {
      const u = set.uriOf(p);
      if (u && set.isExcluded(u)) set.remove(u);
    }
    for (const d of vscode.workspace.textDocuments) {
      if (isYamlDocument(d) && this.setFor(d.uri) === set) set.setText(d.uri, d.getText(), d.version);
    }
    set.scanned = this.track(this.scan(set));
  }

  private rebuildAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const old = [...this.sets.values()];
    this.sets.clear();
    for (const d of vscode.workspace.textDocuments) this.documentChanged(d);
    // sets that no longer exist still need their diagnostics cleared
    for (const s of old) if (!this.sets.has(s.key)) this.linted.fire(s);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
