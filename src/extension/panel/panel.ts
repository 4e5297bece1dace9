// The preview panel's host: one webview panel per scope (the active file, its folder, or the workspace
// folder), following the active YAML editor, re-simulating on a debounce after each lint (never on the
// keystroke itself), applying what-ifs and toolbar cluster choices, and mapping clicks back to the source.
import * as vscode from 'vscode';
import type { ClusterSnapshot } from '../../cluster/snapshot';
import type { SimulateOptions } from '../../cluster/options';
import type { KubeObject, Manifest, SourceLocation } from '../../manifests/types';
import type { ClusterChoice, HostToWebview, ObjectKey, PanelState, PodPlacement, WebviewToHost, WhatIf } from '../../protocol';
import { pathOf, isYamlDocument, type ResourceSet, type ResourceSets } from '../workspace-set';
import { EDITOR_MAX_PODS, PRESET_NAMES, SUPPORTED_VERSIONS, readSettings, type PreviewScope } from '../settings';
import { lazy } from '../lazy';
import { manifestAt } from '../object-path';
import { contentSecurityPolicy, makeNonce, renderShell } from './html';
import { exportBytes, parseWebviewMessage } from './messages';
import { PreviousVersions } from './previous';

export const VIEW_TYPE = 'kubePreview.preview';
const UPDATE_DELAY_MS = 250;
const SCOPES_KEY = 'kubePreview.panelScopes';

/** Kinds without a namespace (the webview keys them with namespace null). */
const CLUSTER_SCOPED = new Set([
  'Node', 'Namespace', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'APIService',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'VolumeAttachment',
]);

export function objectKeyOf(o: KubeObject): ObjectKey | null {
  const name = o.metadata?.name;
  if (typeof name !== 'string' || typeof o.kind !== 'string') return null;
  const ns = typeof o.metadata?.namespace === 'string' ? o.metadata.namespace : null;
  return { kind: o.kind, namespace: CLUSTER_SCOPED.has(o.kind) ? null : ns ?? 'default', name };
}

export interface Scope {
  kind: PreviewScope;
  /** the scope setting it was opened with (kind falls back to 'file' outside workspace folders) */
  requested: PreviewScope;
  /** the file (kind 'file') or folder the preview covers */
  uri: vscode.Uri;
  label: string;
  key: string;
}

export function scopeFor(doc: vscode.Uri, requested: PreviewScope): Scope {
  const folder = vscode.workspace.getWorkspaceFolder(doc);
  // outside every workspace folder a file is its own resource set: previewing its folder would show nothing more
  const kind: PreviewScope = folder ? requested : 'file';
  const base = doc.path.split('/').pop() ?? doc.path;
  let uri = doc;
  let label = base;
  if (kind === 'folder') {
    uri = vscode.Uri.joinPath(doc, '..');
    label = folder ? vscode.workspace.asRelativePath(uri, false) : (uri.path.split('/').pop() ?? uri.path);
    if (folder && uri.toString() === folder.uri.toString()) label = folder.name;
    label = `${label}/`;
  } else if (kind === 'workspace' && folder) {
    uri = folder.uri;
    label = `${folder.name} (workspace)`;
  }
  return { kind, requested, uri, label, key: `${kind}:${uri.toString()}` };
}

function inScope(scope: Scope, path: string, set: ResourceSet): boolean {
  const uri = set.uriOf(path);
  if (!uri) return false;
  if (scope.kind === 'file') return uri.toString() === scope.uri.toString();
  const root = scope.uri.toString().replace(/\/$/, '') + '/';
  return uri.toString().startsWith(root);
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try { return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0; } catch { return false; }
}

class PreviewPanel {
  whatIfs: WhatIf[] = [];
  cluster: Partial<ClusterChoice> = {};
  lastSnapshot: ClusterSnapshot | null = null;
  lastMessage: HostToWebview | null = null;
  updates = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private clusterFileObjects: { path: string; objects: KubeObject[] | undefined; error: string | null } | null = null;
  readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    public scope: Scope,
    private readonly host: PreviewPanels,
  ) {
    this.configureWebview();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseWebviewMessage(raw);
        if (!msg) { host.log.appendLine(`[preview] dropped a malformed message from the webview`); return; }
        host.received.push(msg.type);
        void this.handle(msg);
      }),
      panel.onDidDispose(() => host.closed(this)),
    );
    this.retitle();
  }

  private configureWebview(): void {
    const ext = this.host.extensionUri;
    const webview = this.panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(ext, 'dist'), vscode.Uri.joinPath(ext, 'media')],
    };
    const nonce = makeNonce((n) => crypto.getRandomValues(new Uint8Array(n)));
    this.panel.iconPath = vscode.Uri.joinPath(ext, 'media', 'icon.png');
    webview.html = renderShell({
      cspSource: webview.cspSource,
      nonce,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'webview.css')).toString(),
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'codicons', 'codicon.css')).toString(),
      title: `Kube Preview: ${this.scope.label}`,
    });
    this.csp = contentSecurityPolicy(webview.cspSource, nonce);
  }
  csp = '';

  retarget(scope: Scope): void {
    if (scope.key === this.scope.key) return;
    this.scope = scope;
    this.whatIfs = [];
    this.retitle();
    this.host.rememberScope(this);
    this.schedule(0);
  }

  private retitle(): void {
    this.panel.title = `Preview ${this.scope.label}`;
  }

  schedule(delay = UPDATE_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.update(); }, delay);
  }

  pendingWork(): Promise<void> | null {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; return this.update(); }
    return this.running;
  }

  /** Re-simulates the scope; one run at a time, a request during a run queues exactly one more. */
  update(): Promise<void> {
    if (this.running) { this.again = true; return this.running; }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.compute();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private choice(set: ResourceSet): ClusterChoice {
    const s = set.settings;
    return {
      preset: this.cluster.preset ?? s.preset,
      clusterFile: this.cluster.clusterFile !== undefined ? this.cluster.clusterFile : (s.clusterFile || null),
      seed: this.cluster.seed ?? s.seed,
      kubernetesVersion: this.cluster.kubernetesVersion ?? s.kubernetesVersion,
    };
  }

  private async clusterObjects(set: ResourceSet, choice: ClusterChoice): Promise<{ objects: KubeObject[] | undefined; error: string | null }> {
    if (!choice.clusterFile) return { objects: undefined, error: null };
    if (choice.clusterFile === (set.settings.clusterFile || null)) {
      await set.loadCluster();
      return { objects: set.simulateOptions().clusterObjects, error: set.clusterError };
    }
    if (this.clusterFileObjects?.path === choice.clusterFile) return this.clusterFileObjects;
    const f = choice.clusterFile;
    const uri = f.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f) ? vscode.Uri.file(f)
      : set.folder ? vscode.Uri.joinPath(set.folder.uri, f) : vscode.Uri.file(f);
    let result: { path: string; objects: KubeObject[] | undefined; error: string | null };
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      result = { path: f, objects: lazy.parse().parseManifests(pathOf(uri), text).manifests.map((m) => m.object), error: null };
    } catch (err) {
      result = { path: f, objects: undefined, error: `cannot read cluster file ${f}: ${(err as Error).message}` };
    }
    this.clusterFileObjects = result;
    return result;
  }

  private async compute(): Promise<void> {
    const set = this.host.setOf(this.scope);
    if (!set) { this.post({ type: 'empty', scopeLabel: this.scope.label, reason: 'This file is excluded by kubePreview.exclude.' }); return; }
    if (set.scanned) await set.scanned;
    await set.loadCluster();
    if (set.isStale()) this.host.sets.lintNow(set);
    const manifests = set.manifests().filter((m) => inScope(this.scope, m.source.path, set));
    if (!set.settings.simulationEnabled) {
      this.post({ type: 'empty', scopeLabel: this.scope.label, reason: 'The simulation is turned off (kubePreview.simulation.enable).' });
      return;
    }
    if (!manifests.length) {
      this.post({ type: 'empty', scopeLabel: this.scope.label, reason: this.scope.kind === 'file' ? this.whyNoObjects(set) : 'No Kubernetes objects here.' });
      return;
    }
    const choice = this.choice(set);
    const cluster = await this.clusterObjects(set, choice);
    if (cluster.error) { this.post({ type: 'error', message: cluster.error }); return; }
    const options: SimulateOptions = {
      seed: choice.seed,
      preset: choice.preset,
      clusterObjects: cluster.objects,
      kubernetesVersion: choice.kubernetesVersion,
      maxPods: EDITOR_MAX_PODS,
      whatIfs: this.whatIfs.length ? this.whatIfs : undefined,
      previous: await this.previous(set, manifests),
    };
    let snapshot: ClusterSnapshot;
    try {
      snapshot = lazy.simulate().simulate(manifests, options);
    } catch (err) {
      this.host.log.appendLine(`[preview] simulation failed: ${(err as Error).stack ?? err}`);
      this.post({ type: 'error', message: `The simulation failed: ${(err as Error).message}` });
      return;
    }
    // With what-ifs active, the same files without them, so the views can show what moved and what became
    // Pending (only pod placements travel). Costs a second simulation, only while a what-if is applied.
    let baseline: PodPlacement[] | undefined;
    if (this.whatIfs.length) {
      try {
        baseline = lazy.simulate().simulate(manifests, { ...options, whatIfs: undefined }).pods
          .map((p) => ({ namespace: p.namespace, name: p.name, nodeName: p.nodeName, owner: p.owner ? { kind: p.owner.kind, name: p.owner.name } : null }));
      } catch (err) {
        this.host.log.appendLine(`[preview] simulation without the what-ifs failed: ${(err as Error).message}`);
      }
    }
    this.lastSnapshot = snapshot;
    this.updates++;
    this.post({
      type: 'snapshot', snapshot, scopeLabel: this.scope.label, whatIfs: this.whatIfs, cluster: choice,
      presets: PRESET_NAMES, versions: SUPPORTED_VERSIONS, ...(baseline ? { baseline } : {}),
    });
  }

  /** The empty state of a file: a template or unreadable YAML says so, rather than "no objects". */
  private whyNoObjects(set: ResourceSet): string {
    const findings = set.findings(pathOf(this.scope.uri));
    const at = (f: { range: { start: { line: number } } }): string => `line ${f.range.start.line + 1}`;
    const template = findings.find((f) => f.ruleId === 'manifest/template');
    if (template) {
      return `No Kubernetes objects in this file: it is a template (${template.message}, ${at(template)}). ` +
        'Kube Preview simulates rendered manifests: render it (helm template, kustomize build) and preview the output.';
    }
    const syntax = findings.find((f) => f.ruleId === 'yaml/syntax');
    if (syntax) return `No Kubernetes objects in this file: the YAML could not be read (${at(syntax)}: ${syntax.message}).`;
    return 'No Kubernetes objects in this file.';
  }

  private async previous(set: ResourceSet, manifests: Manifest[]): Promise<Manifest[] | undefined> {
    const paths = [...new Set(manifests.map((m) => m.source.path))];
    const out: Manifest[] = [];
    let changed = false;
    for (const path of paths) {
      const uri = set.uriOf(path);
      const current = set.textOf(path);
      const prev = uri && current !== undefined ? await this.host.previous.previousText(uri, current) : null;
      if (prev === null) { out.push(...manifests.filter((m) => m.source.path === path)); continue; }
      changed = true;
      try { out.push(...lazy.parse().parseManifests(path, prev).manifests); } catch { /* an unparsable old version has no rollout */ }
    }
    return changed ? out : undefined;
  }

  post(msg: HostToWebview): void {
    if (msg.type === 'snapshot' || msg.type === 'empty' || msg.type === 'error') this.lastMessage = msg;
    this.host.recent.push(msg);
    if (this.host.recent.length > 20) this.host.recent.shift();
    void this.panel.webview.postMessage(msg);
    this.host.notify(this);
  }

  /** Acts on a validated webview message (also the entry point of PreviewPanels.deliver). */
  async handle(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        if (this.lastMessage) this.post(this.lastMessage); else this.schedule(0);
        break;
      case 'reveal':
        await this.host.reveal(this, msg.object);
        break;
      case 'whatIf':
        this.whatIfs = [...this.whatIfs, msg.change].slice(-50);
        this.schedule(0);
        break;
      case 'resetWhatIf':
        this.whatIfs = [];
        this.schedule(0);
        break;
      case 'setCluster':
        if (msg.cluster.preset !== undefined && !PRESET_NAMES.includes(msg.cluster.preset)) return;
        if (msg.cluster.kubernetesVersion !== undefined && !SUPPORTED_VERSIONS.includes(msg.cluster.kubernetesVersion)) return;
        this.cluster = { ...this.cluster, ...msg.cluster };
        this.clusterFileObjects = null;
        this.schedule(0);
        break;
      case 'viewState':
        this.host.rememberScope(this, msg.state);
        break;
      case 'export':
        await this.host.exportImage(this, msg);
        break;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Everything the panels share, and the commands that open them. */
export class PreviewPanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels: PreviewPanel[] = [];
  readonly previous = new PreviousVersions();
  private readonly disposables: vscode.Disposable[] = [this.previous];
  private readonly changed = new vscode.EventEmitter<void>();
  /** fires whenever a panel posts a new state (tests wait on it) */
  readonly onDidPost = this.changed.event;
  private lastUpdated: PreviewPanel | null = null;
  /** types of the (valid) messages the webviews themselves posted, in order (for the API and tests) */
  readonly received: string[] = [];
  /** the last messages posted to any panel, newest last (for the API and tests) */
  readonly recent: HostToWebview[] = [];
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly sets: ResourceSets,
    readonly log: vscode.OutputChannel,
    private readonly memento: vscode.Memento,
  ) {
    this.disposables.push(
      this.changed,
      sets.onDidLint((set) => {
        for (const p of this.panels) if (this.setOf(p.scope, false) === set) p.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => { if (e) this.follow(e.document); }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.selectionChanged(e)),
    );
  }

  notify(p: PreviewPanel): void {
    this.lastUpdated = p;
    this.changed.fire();
  }

  /** The resource set a scope reads (a folder scope is looked up through a path inside it). */
  setOf(scope: Scope, create = true): ResourceSet | undefined {
    return this.sets.setFor(scope.kind === 'file' ? scope.uri : vscode.Uri.joinPath(scope.uri, '__scope__.yaml'), create);
  }

  /** Opens (or reveals) the preview of a document's scope. `toSide` puts it in the column beside the editor. */
  async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) { void vscode.window.showInformationMessage('Kube Preview: open a YAML file to preview it.'); return; }
    let kind = readSettings(target).previewScope;
    let scope = scopeFor(target, kind);
    if (uri && await isFolder(uri)) {
      // from the explorer's context menu on a folder: preview that folder
      kind = 'folder';
      scope = scopeFor(vscode.Uri.joinPath(uri, '__scope__.yaml'), 'folder');
    }
    const editorColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    const column = toSide ? vscode.ViewColumn.Beside : editorColumn;
    const existing = this.panels.find((p) => p.scope.key === scope.key) ?? this.panels.find((p) => p.scope.requested === kind);
    if (existing) {
      existing.retarget(scope);
      existing.panel.reveal(toSide ? undefined : column, true);
      existing.schedule(0);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Preview ${scope.label}`, { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    this.adopt(panel, scope);
  }

  /** Focuses an object in the preview of `uri`'s scope (CodeLens click). */
  async showObject(key: ObjectKey, uri?: vscode.Uri): Promise<void> {
    await this.open(uri, true);
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const panel = target ? this.panels.find((p) => p.scope.key === scopeFor(target, p.scope.requested).key) : this.panels[0];
    if (!panel) return;
    await panel.pendingWork();
    panel.post({ type: 'focus', object: key, view: key.kind === 'Service' ? 'services' : 'graph' });
  }

  /** WebviewPanelSerializer: a preview that was open before a reload comes back with its scope. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const s = (state && typeof state === 'object' ? state : {}) as Partial<PanelState>;
    const remembered = this.memento.get<Record<string, { scopeUri: string; kind: PreviewScope }>>(SCOPES_KEY, {});
    let scope: Scope | null = null;
    const fromUri = (raw: string | undefined, kind: PreviewScope): Scope | null => {
      try { return raw ? { ...scopeFor(vscode.Uri.parse(raw), kind) } : null; } catch { return null; }
    };
    if (typeof s.scopeUri === 'string') scope = fromUri(s.scopeUri, readSettings().previewScope);
    const title = panel.title;
    if (!scope) {
      const hit = Object.values(remembered).find((r) => title.endsWith(scopeFor(vscode.Uri.parse(r.scopeUri), r.kind).label));
      if (hit) scope = fromUri(hit.scopeUri, hit.kind);
    }
    const active = vscode.window.activeTextEditor?.document;
    if (!scope && active && isYamlDocument(active)) scope = scopeFor(active.uri, readSettings(active.uri).previewScope);
    if (!scope) {
      const first = Object.values(remembered)[0];
      scope = first ? fromUri(first.scopeUri, first.kind) : null;
    }
    if (!scope) { panel.dispose(); return; }
    const p = this.adopt(panel, scope);
    // the state comes from the webview's storage: only a well-formed selection is sent back
    const restored = parseWebviewMessage({ type: 'viewState', state: { view: s.view, selected: s.selected ?? null } });
    if (restored?.type === 'viewState' && restored.state.selected) {
      await p.pendingWork();
      p.post({ type: 'focus', object: restored.state.selected, view: restored.state.view });
    }
  }

  private adopt(panel: vscode.WebviewPanel, scope: Scope): PreviewPanel {
    const p = new PreviewPanel(panel, scope, this);
    this.panels.push(p);
    this.rememberScope(p);
    p.schedule(0);
    return p;
  }

  closed(p: PreviewPanel): void {
    const i = this.panels.indexOf(p);
    if (i >= 0) this.panels.splice(i, 1);
    if (this.lastUpdated === p) this.lastUpdated = null;
    p.dispose();
    // the remembered scope stays: on shutdown panels may be disposed before the window is restored
    this.changed.fire();
  }

  rememberScope(p: PreviewPanel, _view?: { view: string; selected: ObjectKey | null }): void {
    const all = { ...this.memento.get<Record<string, { scopeUri: string; kind: PreviewScope }>>(SCOPES_KEY, {}) };
    all[p.scope.requested] = { scopeUri: p.scope.kind === 'file' ? p.scope.uri.toString() : vscode.Uri.joinPath(p.scope.uri, 'x.yaml').toString(), kind: p.scope.requested };
    void this.memento.update(SCOPES_KEY, all);
  }

  private follow(doc: vscode.TextDocument): void {
    if (!isYamlDocument(doc) || !this.sets.setFor(doc.uri)) return;
    for (const p of this.panels) p.retarget(scopeFor(doc.uri, p.scope.requested));
  }

  private selectionChanged(e: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.panels.length || !isYamlDocument(e.textEditor.document)) return;
    if (this.highlightTimer) clearTimeout(this.highlightTimer);
    const doc = e.textEditor.document;
    const position = e.selections[0]?.active;
    this.highlightTimer = setTimeout(() => {
      const set = this.sets.setFor(doc.uri, false);
      if (!set || !position) return;
      const m = manifestAt(set.manifestsOf(pathOf(doc.uri)), position);
      const key = m ? objectKeyOf(m.object) : null;
      for (const p of this.panels) {
        if (p.scope.kind === 'file' ? p.scope.uri.toString() === doc.uri.toString() : inScope(p.scope, pathOf(doc.uri), set)) {
          p.post({ type: 'highlight', objects: key ? [key] : [] });
        }
      }
    }, 80);
  }

  /** Where an object of the snapshot came from: its own manifest, else its workload's (for generated pods). */
  sourceOf(p: PreviewPanel, key: ObjectKey): SourceLocation | null {
    const snap = p.lastSnapshot;
    const ns = key.namespace;
    if (snap) {
      const same = (o: { namespace?: string | null; name: string }): boolean => o.name === key.name && (o.namespace ?? null) === ns;
      const workloadSource = (w: { kind: string; name: string } | null | undefined, namespace: string): SourceLocation | null =>
        (w ? snap.workloads.find((x) => x.kind === w.kind && x.name === w.name && x.namespace === namespace)?.source ?? null : null) as SourceLocation | null;
      switch (key.kind) {
        case 'Node': { const n = snap.nodes.find((x) => x.name === key.name); if (n?.source) return n.source as SourceLocation; break; }
        case 'Pod': {
          const pod = snap.pods.find(same);
          if (pod?.source) return pod.source as SourceLocation;
          if (pod) return workloadSource(pod.workload, pod.namespace);
          break;
        }
        case 'Service': { const s = snap.services.find(same); if (s?.source) return s.source as SourceLocation; break; }
        case 'ReplicaSet': { const rs = snap.replicaSets.find(same); if (rs) return workloadSource(rs.owner, rs.namespace); break; }
        case 'EndpointSlice': {
          const es = snap.endpointSlices.find(same);
          const svc = es ? snap.services.find((s) => s.name === es.service && s.namespace === es.namespace) : undefined;
          if (svc?.source) return svc.source as SourceLocation;
          break;
        }
        case 'PersistentVolumeClaim': { const c = snap.persistentVolumeClaims.find(same); if (c?.source) return c.source as SourceLocation; break; }
        case 'Ingress': { const r = snap.ingressRoutes.find((x) => x.ingress === key.name && x.namespace === ns); if (r?.source) return r.source as SourceLocation; break; }
        default: break;
      }
      const w = snap.workloads.find((x) => x.kind === key.kind && same(x));
      if (w?.source) return w.source as SourceLocation;
      const o = snap.objects.find((x) => x.kind === key.kind && same(x));
      if (o?.source) return o.source as SourceLocation;
    }
    // not in the snapshot (or without a source): look the object up among the manifests
    const set = this.setOf(p.scope, false);
    const m = set?.manifests().find((x) => {
      const k = objectKeyOf(x.object);
      return k && k.kind === key.kind && k.name === key.name && k.namespace === ns;
    });
    return m ? m.source : null;
  }

  async reveal(p: PreviewPanel, key: ObjectKey): Promise<void> {
    const source = this.sourceOf(p, key);
    if (!source) return;
    const set = this.setOf(p.scope, false);
    const uri = set?.uriOf(source.path) ?? vscode.Uri.file(source.path);
    const panelColumn = p.panel.viewColumn;
    const editor = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== panelColumn);
    const column = editor?.viewColumn ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const r = source.range;
    const start = new vscode.Position(r.start.line, r.start.character);
    await vscode.window.showTextDocument(uri, { viewColumn: column, selection: new vscode.Range(start, start), preserveFocus: false });
    const shown = vscode.window.activeTextEditor;
    if (shown) shown.revealRange(new vscode.Range(r.start.line, 0, r.end.line, 0), vscode.TextEditorRevealType.AtTop);
  }

  async exportImage(p: PreviewPanel, msg: { format: 'svg' | 'png'; data: string }): Promise<void> {
    const base = p.scope.kind === 'file' ? vscode.Uri.joinPath(p.scope.uri, '..') : p.scope.uri;
    const name = `${p.scope.label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'kube-preview'}.${msg.format}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(base, name),
      filters: msg.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: 'Export Kube Preview',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, exportBytes(msg));
    void vscode.window.showInformationMessage(`Kube Preview: exported ${vscode.workspace.asRelativePath(target)}`);
  }

  /** Test and API view of the panels. */
  info(): { count: number; lastSnapshot: ClusterSnapshot | null; lastMessage: HostToWebview | null; scopes: string[]; csp: string[] } {
    const p = this.lastUpdated ?? this.panels[this.panels.length - 1] ?? null;
    return {
      count: this.panels.length,
      lastSnapshot: p?.lastSnapshot ?? null,
      lastMessage: p?.lastMessage ?? null,
      scopes: this.panels.map((x) => x.scope.key),
      csp: this.panels.map((x) => x.csp),
    };
  }

  /**
   * Runs the serializer's restore on a fresh panel titled like a saved one, as VS Code does after a reload
   * (for tests: a real reload would end the test run).
   */
  async restoreForTest(title: string, state: unknown): Promise<void> {
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    await this.deserializeWebviewPanel(panel, state);
  }

  /** Lets tests hand a message to the panels exactly as the webview would (validated the same way). */
  async deliver(raw: unknown): Promise<boolean> {
    const p = this.lastUpdated ?? this.panels[this.panels.length - 1];
    const msg = parseWebviewMessage(raw);
    if (!p || !msg) return false;
    await p.handle(msg);
    await p.pendingWork();
    return true;
  }

  async whenIdle(): Promise<void> {
    for (const p of this.panels) await p.pendingWork();
  }

  dispose(): void {
    if (this.highlightTimer) clearTimeout(this.highlightTimer);
    for (const p of [...this.panels]) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
