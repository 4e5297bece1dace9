// Entry point of dist/extension.js. activate() only wires providers and commands; the engine, schemas and
// simulator load on first use (see lazy.ts), which keeps activation in the low milliseconds.
import * as vscode from 'vscode';
import type { ClusterSnapshot } from '../cluster/snapshot';
import type { HostToWebview } from '../protocol';
import type { LintTimings } from '../validation/engine';
import { ResourceSets } from './workspace-set';
import { DiagnosticsPublisher } from './diagnostics';
import { KubeCodeActions } from './code-actions';
import { KubeCodeLenses, SHOW_IN_PREVIEW } from './codelens';
import { KubeHover } from './hover';
import { PreviewPanels, VIEW_TYPE } from './panel/panel';
import { lazy, loadedModules } from './lazy';
import { KubeStatus } from './status';
import { SettingsCheck } from './settings-check';

/** What activate() returns: `vscode.extensions.getExtension('kube-preview.kube-preview').exports`. */
export interface KubePreviewApi {
  /** milliseconds activate() took */
  activationMs: number;
  /** the engine/schema/simulator modules activate() had loaded when it returned (none: they load lazily) */
  modulesLoadedByActivation: string[];
  /** resolves once no scan, lint or preview update is outstanding */
  whenIdle(): Promise<void>;
  /** the lint engine's snapshot for the resource set of a document */
  lintSnapshot(uri: vscode.Uri): ClusterSnapshot | null;
  /** milliseconds the last lint of a document's resource set took, and how many lints it has had */
  lintStats(uri: vscode.Uri): { lastLintMs: number; lints: number; timings: LintTimings | null } | null;
  /** milliseconds the extension's own CodeLens and hover providers took on their last call */
  providerMs(): { codeLens: number; hover: number };
  panelCount(): number;
  /** the snapshot most recently posted to a preview panel */
  lastSnapshot(): ClusterSnapshot | null;
  lastPreviewMessage(): HostToWebview | null;
  /** the last (up to 20) messages posted to preview panels, newest last */
  recentPreviewMessages(): HostToWebview[];
  previewScopes(): string[];
  previewCsp(): string[];
  /** types of the messages the preview webviews posted themselves ('ready' once the bundle runs) */
  webviewMessages(): string[];
  /** restores a preview panel from a title and saved state the way the WebviewPanelSerializer does after a reload */
  restorePreview(title: string, state: unknown): Promise<void>;
  /** the status bar text for the active editor, or null when the item is hidden */
  statusText(): string | null;
  /** hands a message to the preview host as if the webview had posted it (validated like one) */
  deliverToPreview(message: unknown): Promise<boolean>;
  /** what is wrong with the kubePreview settings (each was shown to the user once as a warning) */
  settingsProblems(): string[];
  /** the problems of cluster files (kubePreview.cluster) shown to the user so far */
  clusterProblems(): string[];
}

const SELECTOR: vscode.DocumentFilter[] = [{ language: 'yaml' }];

export function activate(context: vscode.ExtensionContext): KubePreviewApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Kube Preview');
  const sets = new ResourceSets(context.extensionPath, log);
  const diagnostics = new DiagnosticsPublisher(sets);
  const lenses = new KubeCodeLenses(sets);
  const panels = new PreviewPanels(context.extensionUri, sets, log, context.workspaceState);
  const status = new KubeStatus(sets);
  const hover = new KubeHover(sets, context.extensionPath);
  // rule ids are checked against the registry only when kubePreview.lint.rules has entries (it loads the engine bundle)
  const settingsCheck = new SettingsCheck(log, (id) => lazy.rules().ruleById(id) !== undefined);

  context.subscriptions.push(
    log, sets, diagnostics, lenses, panels, status, settingsCheck,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new KubeCodeActions(sets, diagnostics), { providedCodeActionKinds: KubeCodeActions.kinds }),
    vscode.languages.registerCodeLensProvider(SELECTOR, lenses),
    // JSON too: a cluster file (kubePreview.cluster) may be JSON; the provider answers only for cluster files there
    vscode.languages.registerHoverProvider([...SELECTOR, { language: 'json' }], hover),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, panels),
    vscode.commands.registerCommand('kubePreview.openPreviewToSide', (uri?: unknown) => panels.open(uri instanceof vscode.Uri ? uri : undefined, true)),
    vscode.commands.registerCommand('kubePreview.openPreview', (uri?: unknown) => panels.open(uri instanceof vscode.Uri ? uri : undefined, false)),
    vscode.commands.registerCommand(SHOW_IN_PREVIEW, (key: unknown, uri?: unknown) => {
      const k = key as { kind?: unknown; namespace?: unknown; name?: unknown } | undefined;
      if (!k || typeof k.kind !== 'string' || typeof k.name !== 'string') return;
      const ns = typeof k.namespace === 'string' ? k.namespace : null;
      return panels.showObject({ kind: k.kind, namespace: ns, name: k.name }, uri instanceof vscode.Uri ? uri : undefined);
    }),
    vscode.commands.registerCommand('kubePreview.relint', () => {
      for (const set of sets.all()) { set.reconfigure(); sets.schedule(set, 0); }
    }),
  );
  // documents already open when the extension starts are picked up by start(), after the first paint
  setTimeout(() => { sets.start(); settingsCheck.start(); }, 0);

  const activationMs = performance.now() - started;
  log.appendLine(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    modulesLoadedByActivation: loadedModules(),
    whenIdle: async () => {
      for (let i = 0; i < 5; i++) {
        await sets.whenIdle();
        await panels.whenIdle();
      }
    },
    lintSnapshot: (uri) => sets.setFor(uri, false)?.snapshot() ?? null,
    lintStats: (uri) => {
      const set = sets.setFor(uri, false);
      return set ? { lastLintMs: set.lastLintMs, lints: set.generation, timings: set.lastTimings } : null;
    },
    providerMs: () => ({ codeLens: lenses.lastMs, hover: hover.lastMs }),
    panelCount: () => panels.info().count,
    lastSnapshot: () => panels.info().lastSnapshot,
    lastPreviewMessage: () => panels.info().lastMessage,
    recentPreviewMessages: () => [...panels.recent],
    previewScopes: () => panels.info().scopes,
    previewCsp: () => panels.info().csp,
    deliverToPreview: (m) => panels.deliver(m),
    statusText: () => status.text(),
    restorePreview: (title, state) => panels.restoreForTest(title, state),
    webviewMessages: () => [...panels.received],
    settingsProblems: () => settingsCheck.current().map((p) => p.message),
    clusterProblems: () => sets.clusterProblems(),
  };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
