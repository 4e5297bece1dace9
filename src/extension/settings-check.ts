// Settings a user can get wrong without anything saying so: settings.json takes any value (an enum value
// outside the list is only underlined there), and readSettings() quietly falls back to the default. A rule id
// with a typo in kubePreview.lint.rules would silently change nothing. This module names each such problem
// once — a warning with a button to the setting, and a line in the "Kube Preview" output channel — and keeps
// the current list for the test API.
import * as vscode from 'vscode';
import { PRESET_NAMES, SUPPORTED_VERSIONS } from './settings';

export interface SettingsProblem {
  /** the setting, without the kubePreview. prefix */
  key: string;
  message: string;
}

const SEVERITIES = ['error', 'warning', 'info', 'off'];
/** Rule ids the parser and the schema validator produce (prefixes), besides the rules of the registry. */
const EXTERNAL_RULE_PREFIXES = ['yaml/', 'manifest/', 'schema/', 'api/'];

const quote = (v: unknown): string => JSON.stringify(v) ?? String(v);

/**
 * The problems of the kubePreview settings seen from `scope`. `isRule` says whether a rule id exists; it is
 * only called when kubePreview.lint.rules has entries (it loads the rule registry).
 */
export function settingsProblems(config: vscode.WorkspaceConfiguration, isRule: (id: string) => boolean): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  const version = config.get<unknown>('kubernetesVersion');
  if (version !== undefined && !(typeof version === 'string' && SUPPORTED_VERSIONS.includes(version))) {
    out.push({ key: 'kubernetesVersion', message: `kubePreview.kubernetesVersion ${quote(version)} is not supported (${SUPPORTED_VERSIONS.join(', ')}): using 1.34` });
  }
  const preset = config.get<unknown>('preset');
  if (preset !== undefined && !(typeof preset === 'string' && PRESET_NAMES.includes(preset))) {
    out.push({ key: 'preset', message: `kubePreview.preset ${quote(preset)} is not a preset (${PRESET_NAMES.join(', ')}): using default` });
  }
  const scope = config.get<unknown>('preview.scope');
  if (scope !== undefined && !['file', 'folder', 'workspace'].includes(scope as string)) {
    out.push({ key: 'preview.scope', message: `kubePreview.preview.scope ${quote(scope)} is not one of file, folder, workspace: using folder` });
  }
  const seed = config.get<unknown>('seed');
  if (seed !== undefined && !(Number.isInteger(seed) && (seed as number) >= 0)) {
    out.push({ key: 'seed', message: `kubePreview.seed ${quote(seed)} is not a non-negative integer: using 1` });
  }
  const exclude = config.get<unknown>('exclude');
  if (exclude !== undefined && !(Array.isArray(exclude) && exclude.every((g) => typeof g === 'string'))) {
    out.push({ key: 'exclude', message: 'kubePreview.exclude must be a list of glob strings: the entries that are not strings are ignored' });
  }
  const rules = config.get<unknown>('lint.rules');
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) {
      out.push({ key: 'lint.rules', message: 'kubePreview.lint.rules must be an object of rule id → error, warning, info or off: ignored' });
    } else {
      const entries = Object.entries(rules as Record<string, unknown>);
      const unknown = entries.map(([id]) => id).filter((id) => !EXTERNAL_RULE_PREFIXES.some((p) => id.startsWith(p)) && !isRule(id));
      if (unknown.length) {
        out.push({ key: 'lint.rules', message: `kubePreview.lint.rules names ${unknown.length > 1 ? 'rules that do' : 'a rule that does'} not exist: ${unknown.join(', ')} (see docs/rules.md for the ids)` });
      }
      for (const [id, sev] of entries) {
        if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) {
          out.push({ key: 'lint.rules', message: `kubePreview.lint.rules: ${quote(sev)} for ${id} is not one of ${SEVERITIES.join(', ')}: ignored` });
        }
      }
    }
  }
  const assume = config.get<unknown>('lint.assumeExternal');
  if (assume !== undefined && assume !== 'all' && !(Array.isArray(assume) && assume.every((k) => typeof k === 'string'))) {
    out.push({ key: 'lint.assumeExternal', message: 'kubePreview.lint.assumeExternal must be "all" or a list of kinds: the entries that are not strings are ignored' });
  }
  return out;
}

/** Watches the settings and tells the user about each new problem once. */
export class SettingsCheck implements vscode.Disposable {
  private readonly shown = new Set<string>();
  private problems: SettingsProblem[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.OutputChannel, private readonly isRule: (id: string) => boolean) {}

  start(): void {
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubePreview')) this.check();
    }));
    this.check();
  }

  /** The problems found by the last check (every workspace folder, or the window without one). */
  current(): SettingsProblem[] { return [...this.problems]; }

  check(): void {
    const scopes: (vscode.Uri | undefined)[] = vscode.workspace.workspaceFolders?.map((f) => f.uri) ?? [undefined];
    const found = new Map<string, SettingsProblem>();
    for (const scope of scopes) {
      for (const p of settingsProblems(vscode.workspace.getConfiguration('kubePreview', scope), this.isRule)) found.set(p.message, p);
    }
    this.problems = [...found.values()];
    // a problem fixed and later made again is told again
    for (const message of [...this.shown]) if (!found.has(message)) this.shown.delete(message);
    for (const p of this.problems) {
      if (this.shown.has(p.message)) continue;
      this.shown.add(p.message);
      this.log.appendLine(`[settings] ${p.message}`);
      void vscode.window.showWarningMessage(`Kube Preview: ${p.message}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `kubePreview.${p.key}`);
      });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
