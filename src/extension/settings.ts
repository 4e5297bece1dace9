// The extension's settings (contributes.configuration in package.json), read into one typed value per
// workspace folder so the rest of the extension never touches raw configuration.
import * as vscode from 'vscode';
import type { Severity } from '../validation/finding';

export type PreviewScope = 'file' | 'folder' | 'workspace';

export interface Settings {
  kubernetesVersion: string;
  validationEnabled: boolean;
  schemaEnabled: boolean;
  exclude: string[];
  rules: Record<string, Severity | 'off'>;
  assumeExternal: 'all' | string[];
  previewScope: PreviewScope;
  /** cluster file as configured (relative to the workspace folder, or absolute); '' when unset */
  clusterFile: string;
  preset: string;
  simulationEnabled: boolean;
  seed: number;
}

export const SUPPORTED_VERSIONS = ['1.34', '1.36'];
export const PRESET_NAMES = ['single-node', 'default', 'ha'];
/**
 * The most pods a simulation in the editor creates (the CLI's limit is 50,000): the editor re-simulates on
 * every edit, and a `replicas: 1000000` typo should cost about a second, not several.
 */
export const EDITOR_MAX_PODS = 20_000;
const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Settings for a resource (a document or workspace folder URI); invalid values fall back to defaults. */
export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('kubePreview', scope);
  const version = c.get<string>('kubernetesVersion', '1.34');
  const rules: Record<string, Severity | 'off'> = {};
  const lintRules = c.get<Record<string, unknown>>('lint.rules', {}) ?? {};
  for (const [id, sev] of Object.entries(lintRules)) {
    if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as Severity | 'off';
  }
  const assume = c.get<unknown>('lint.assumeExternal', []);
  const scopeRaw = c.get<string>('preview.scope', 'folder');
  const seed = c.get<number>('seed', 1);
  const preset = c.get<string>('preset', 'default');
  return {
    kubernetesVersion: SUPPORTED_VERSIONS.includes(version) ? version : '1.34',
    validationEnabled: c.get<boolean>('validation.enable', true) !== false,
    schemaEnabled: c.get<boolean>('validation.schema', true) !== false,
    exclude: stringArray(c.get<unknown>('exclude', [])),
    rules,
    assumeExternal: assume === 'all' ? 'all' : stringArray(assume),
    previewScope: scopeRaw === 'file' || scopeRaw === 'workspace' ? scopeRaw : 'folder',
    clusterFile: typeof c.get('cluster') === 'string' ? c.get<string>('cluster', '').trim() : '',
    preset: PRESET_NAMES.includes(preset) ? preset : 'default',
    simulationEnabled: c.get<boolean>('simulation.enable', true) !== false,
    seed: Number.isInteger(seed) && seed >= 0 ? seed : 1,
  };
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}
