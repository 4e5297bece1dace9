// Scheduler profiles: the v1.34 default profile and KubeSchedulerConfiguration
// (kubescheduler.config.k8s.io/v1) parsing with upstream's merge semantics.
//
// Upstream semantics followed (apis/config/v1 default_plugins.go mergePlugins/mergePluginSet and
// runtime/framework.go expandMultiPointPlugins, read via the code search):
// - The v1 defaults are one MultiPoint list. A user profile's per-point and multiPoint sets are merged
//   into the defaults with mergePluginSet: `disabled` names (or "*") drop default entries; an `enabled`
//   entry naming a default plugin replaces it in place (keeping the default order, taking the user's
//   weight); other enabled entries are appended.
// - MultiPoint is then expanded into every extension point the plugin implements, unless that point
//   disables it or "*" at that point; a plugin also enabled explicitly at a point is "overridden": the
//   point's order becomes [explicit overrides][multiPoint plugins][other explicit plugins].
// - Score weights: an explicit Score entry's weight wins over the MultiPoint weight; 0/absent -> 1.
import type { K8sObject } from '../k8s';
import { type ExtensionPoint, EXTENSION_POINTS, implementsPoint, type Plugin } from './framework';
import { REGISTRY } from './registry';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';

export interface PluginRef { name: string; weight?: number }
export interface PluginSet { enabled: PluginRef[]; disabled: PluginRef[] }

export type PluginsConfig = Record<ExtensionPoint | 'multiPoint', PluginSet>;

export interface Profile {
  schedulerName: string;
  /** merged plugin sets (defaults + user config), before MultiPoint expansion */
  plugins: PluginsConfig;
  /** plugin name -> parsed args (with upstream defaults) */
  pluginConfig: Record<string, unknown>;
  /** profile-level percentageOfNodesToScore (null = use the global one) */
  percentageOfNodesToScore: number | null;
  /** KubeSchedulerConfiguration.percentageOfNodesToScore (null/0 = adaptive) */
  globalPercentageOfNodesToScore: number | null;
}

/** The v1.34 default MultiPoint list (reference §1), DynamicResources included (DRA is GA and on). */
export const DEFAULT_MULTI_POINT: PluginRef[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DynamicResources' },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

function emptyPlugins(): PluginsConfig {
  const p = {} as PluginsConfig;
  for (const e of [...EXTENSION_POINTS, 'multiPoint'] as const) p[e] = { enabled: [], disabled: [] };
  return p;
}

function defaultArgs(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const noWarn = () => undefined;
  for (const [name, f] of Object.entries(REGISTRY)) if (f.parseArgs) out[name] = f.parseArgs({}, noWarn);
  return out;
}

export function defaultProfile(): Profile {
  const plugins = emptyPlugins();
  plugins.multiPoint.enabled = DEFAULT_MULTI_POINT.map((p) => ({ ...p }));
  return { schedulerName: DEFAULT_SCHEDULER_NAME, plugins, pluginConfig: defaultArgs(), percentageOfNodesToScore: null, globalPercentageOfNodesToScore: null };
}

/** upstream mergePluginSet */
export function mergePluginSet(defaults: PluginSet, custom: PluginSet): PluginSet {
  const disabled = new Set<string>();
  const disabledList: PluginRef[] = [];
  for (const d of [...custom.disabled, ...defaults.disabled]) {
    disabledList.push({ name: d.name });
    disabled.add(d.name);
  }
  const customIndex = new Map<string, number>();
  custom.enabled.forEach((p, i) => customIndex.set(p.name, i));
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults.enabled) {
      if (disabled.has(d.name)) continue;
      const i = customIndex.get(d.name);
      if (i !== undefined) {
        enabled.push(custom.enabled[i]);
        replaced.add(i);
      } else {
        enabled.push(d);
      }
    }
  }
  custom.enabled.forEach((p, i) => { if (!replaced.has(i)) enabled.push(p); });
  return { enabled, disabled: disabledList };
}

export interface ExpandedProfile {
  /** plugin names per extension point, in execution order */
  points: Record<ExtensionPoint, string[]>;
  /** Score plugin -> weight */
  weights: Record<string, number>;
}

/**
 * Which plugins run at each point (upstream NewFramework: per-point lists, then expandMultiPointPlugins,
 * then getScoreWeights). `instances` are the plugin objects (to know which points each implements).
 */
export function expandProfile(profile: Profile, instances: ReadonlyMap<string, Plugin>, warn: (m: string) => void): ExpandedProfile {
  const points = {} as Record<ExtensionPoint, string[]>;
  for (const e of EXTENSION_POINTS) {
    const set = profile.plugins[e];
    const explicit: string[] = [];
    for (const p of set.enabled) {
      const inst = instances.get(p.name);
      if (!inst) continue;
      if (!implementsPoint(inst, e)) {
        warn(`plugin "${p.name}" does not extend ${e} plugin`);
        continue;
      }
      if (explicit.includes(p.name)) { warn(`plugin "${p.name}" already registered as ${e}`); continue; }
      explicit.push(p.name);
    }
    const disabled = new Set(set.disabled.map((d) => d.name));
    if (disabled.has('*')) {
      points[e] = explicit;
      continue;
    }
    const multi: string[] = [];
    const overrides = new Set<string>();
    for (const p of profile.plugins.multiPoint.enabled) {
      const inst = instances.get(p.name);
      if (!inst || !implementsPoint(inst, e)) continue;
      if (disabled.has(p.name)) continue;
      if (explicit.includes(p.name)) { overrides.add(p.name); continue; }
      if (multi.includes(p.name)) { warn(`plugin "${p.name}" already registered as ${e}`); continue; }
      multi.push(p.name);
    }
    points[e] = [...explicit.filter((n) => overrides.has(n)), ...multi, ...explicit.filter((n) => !overrides.has(n))];
  }
  const weights: Record<string, number> = {};
  for (const p of [...profile.plugins.score.enabled, ...profile.plugins.multiPoint.enabled]) {
    const inst = instances.get(p.name);
    if (!inst || !implementsPoint(inst, 'score')) continue;
    if (p.name in weights) continue;
    const w = typeof p.weight === 'number' && p.weight !== 0 ? p.weight : 1;
    weights[p.name] = w;
  }
  // only plugins actually at the Score point carry a weight
  for (const n of Object.keys(weights)) if (!points.score.includes(n)) delete weights[n];
  // NewFramework refuses these profiles; the simulation still sorts by priority and binds, and says so
  if (points.queueSort.length === 0) warn('no queue sort plugin is enabled (the scheduler would not start; pods are taken in arrival order)');
  if (points.bind.length === 0) warn('at least one bind plugin is needed (the scheduler would not start; pods are bound as DefaultBinder would)');
  return { points, weights };
}

// ------------------------------------------------------------------------------------ parsing

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

function parseRefs(x: unknown, where: string, warn: (m: string) => void, allowWildcard: boolean): PluginRef[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) {
    warn(`${where} must be a list`);
    return [];
  }
  const out: PluginRef[] = [];
  for (const p of x) {
    if (!isObj(p) || typeof p.name !== 'string' || p.name === '') {
      warn(`${where}: every entry needs a name`);
      continue;
    }
    if (p.name !== '*' && !(p.name in REGISTRY)) {
      warn(`${where}: plugin "${p.name}" does not exist (it is not an in-tree kube-scheduler plugin)`);
      continue;
    }
    if (p.name === '*' && !allowWildcard) {
      warn(`${where}: "*" is only meaningful in a disabled list`);
      continue;
    }
    const ref: PluginRef = { name: p.name };
    if (p.weight !== undefined) {
      if (typeof p.weight !== 'number' || !Number.isInteger(p.weight) || p.weight < 0) warn(`${where}: weight of "${p.name}" must be a non-negative integer`);
      else ref.weight = p.weight;
    }
    out.push(ref);
  }
  return out;
}

function parsePercentage(x: unknown, where: string, warn: (m: string) => void): number | null {
  if (x === undefined || x === null) return null;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 100) {
    warn(`${where}: percentageOfNodesToScore must be an integer in [0, 100]`);
    return null;
  }
  return x;
}

export interface ParsedConfig {
  /** the first profile (the one `default-scheduler` pods use unless another profile is named so) */
  profile: Profile;
  /** every profile, by schedulerName */
  profiles: Profile[];
  warnings: string[];
}

/** Parse a KubeSchedulerConfiguration object (already read from YAML). */
export function profileFromConfig(config: object): ParsedConfig {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const c = config as K8sObject & Obj;
  if (c.apiVersion !== CONFIG_API_VERSION) warn(`apiVersion ${String(c.apiVersion)} is not ${CONFIG_API_VERSION}; reading it as v1`);
  const global = parsePercentage(c.percentageOfNodesToScore, 'KubeSchedulerConfiguration', warn);
  const rawProfiles = Array.isArray(c.profiles) && c.profiles.length > 0 ? c.profiles : [{}];
  const profiles: Profile[] = [];
  rawProfiles.forEach((raw: unknown, i: number) => {
    const where = `profiles[${i}]`;
    const rp = isObj(raw) ? raw : {};
    const prof = defaultProfile();
    prof.globalPercentageOfNodesToScore = global;
    if (rp.schedulerName !== undefined) {
      if (typeof rp.schedulerName === 'string' && rp.schedulerName !== '') prof.schedulerName = rp.schedulerName;
      else warn(`${where}.schedulerName must be a non-empty string`);
    }
    if (profiles.some((p) => p.schedulerName === prof.schedulerName)) warn(`${where}: duplicate schedulerName "${prof.schedulerName}"`);
    prof.percentageOfNodesToScore = parsePercentage(rp.percentageOfNodesToScore, where, warn);
    const plugins = isObj(rp.plugins) ? rp.plugins : {};
    for (const key of Object.keys(plugins)) {
      if (!(key === 'multiPoint' || (EXTENSION_POINTS as string[]).includes(key))) warn(`${where}.plugins: unknown extension point "${key}"`);
    }
    for (const e of [...EXTENSION_POINTS, 'multiPoint'] as const) {
      const set = isObj(plugins[e]) ? plugins[e] as Obj : {};
      const custom: PluginSet = {
        enabled: parseRefs(set.enabled, `${where}.plugins.${e}.enabled`, warn, false),
        disabled: parseRefs(set.disabled, `${where}.plugins.${e}.disabled`, warn, true),
      };
      prof.plugins[e] = mergePluginSet(prof.plugins[e], custom);
    }
    if (prof.plugins.queueSort.enabled.length > 1) warn(`${where}: only one queueSort plugin can be enabled`);
    for (const pc of Array.isArray(rp.pluginConfig) ? rp.pluginConfig : []) {
      if (!isObj(pc) || typeof pc.name !== 'string') {
        warn(`${where}.pluginConfig: every entry needs a name`);
        continue;
      }
      const f = REGISTRY[pc.name];
      if (!f) {
        warn(`${where}.pluginConfig: plugin "${pc.name}" does not exist`);
        continue;
      }
      if (!f.parseArgs) {
        warn(`${where}.pluginConfig: plugin "${pc.name}" takes no args`);
        continue;
      }
      const a = isObj(pc.args) ? pc.args : {};
      if (typeof a.kind === 'string' && f.argsKind && a.kind !== f.argsKind) warn(`${where}.pluginConfig: args of "${pc.name}" must be ${f.argsKind}, not ${a.kind}`);
      prof.pluginConfig[pc.name] = f.parseArgs(a, (m) => warn(`${where}.pluginConfig ${pc.name}: ${m}`));
    }
    profiles.push(prof);
  });
  return { profile: profiles[0], profiles, warnings };
}

/** Is `obj` a KubeSchedulerConfiguration? */
export function isSchedulerConfiguration(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return obj.kind === 'KubeSchedulerConfiguration' && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('kubescheduler.config.k8s.io/');
}
