// Command-line parsing for `kube-preview lint|simulate`: `--opt value` and `--opt=value`, `--` ends
// options, `-` is a path (stdin). Every mistake becomes a UsageError (exit code 2) with a message that
// says what was wrong and what is accepted.

export class UsageError extends Error {}

export const LINT_FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export const SIMULATE_FORMATS = ['text', 'json'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
export type SimulateFormat = (typeof SIMULATE_FORMATS)[number];

export const DEFAULT_KUBERNETES_VERSION = '1.34';

export interface LintArgs {
  command: 'lint';
  paths: string[];
  kubernetesVersion: string;
  format: LintFormat;
  config: string | null;
  simulation: boolean;
  cluster: string | null;
  preset: string | null;
}

export interface SimulateArgs {
  command: 'simulate';
  paths: string[];
  kubernetesVersion: string;
  format: SimulateFormat;
  cluster: string | null;
  preset: string | null;
  seed: number | null;
  html: string | null;
  previous: string | null;
}

export type CliArgs =
  | LintArgs
  | SimulateArgs
  | { command: 'help'; topic: 'lint' | 'simulate' | null }
  | { command: 'version' };

interface OptionSpec { value: boolean }

const LINT_OPTIONS: Record<string, OptionSpec> = {
  '--kubernetes-version': { value: true },
  '--format': { value: true },
  '--config': { value: true },
  '--no-simulation': { value: false },
  '--cluster': { value: true },
  '--preset': { value: true },
};

const SIMULATE_OPTIONS: Record<string, OptionSpec> = {
  '--kubernetes-version': { value: true },
  '--format': { value: true },
  '--cluster': { value: true },
  '--preset': { value: true },
  '--seed': { value: true },
  '--html': { value: true },
  '--previous': { value: true },
};

/** "v1.34", "1.34.2" and "1.34" all mean 1.34 (schemas are per minor version). */
export function normalizeKubernetesVersion(v: string): string | null {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : null;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** Split argv into options (name -> value) and positional paths. */
function scan(command: string, argv: string[], specs: Record<string, OptionSpec>): { opts: Map<string, string | true>; paths: string[]; help: boolean } {
  const opts = new Map<string, string | true>();
  const paths: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { paths.push(...argv.slice(i + 1)); break; }
    if (a === '--help' || a === '-h') { help = true; continue; }
    if (a === '-' || !a.startsWith('-')) { paths.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option ${name} for "${command}" (see kube-preview ${command} --help)`);
    if (opts.has(name)) throw new UsageError(`${name} given twice`);
    if (!spec.value) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      opts.set(name, true);
      continue;
    }
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      value = argv[++i];
    }
    if (value === '') throw new UsageError(`${name} needs a value`);
    opts.set(name, value);
  }
  return { opts, paths, help };
}

function str(opts: Map<string, string | true>, name: string): string | null {
  const v = opts.get(name);
  return typeof v === 'string' ? v : null;
}

function kubernetesVersionOf(opts: Map<string, string | true>, supported: readonly string[]): string {
  const raw = str(opts, '--kubernetes-version');
  if (raw === null) return DEFAULT_KUBERNETES_VERSION;
  const v = normalizeKubernetesVersion(raw);
  if (!v || !supported.includes(v)) throw new UsageError(`--kubernetes-version must be one of ${supported.join(', ')} (got "${raw}")`);
  return v;
}

function presetOf(opts: Map<string, string | true>, presets: readonly string[]): string | null {
  const p = str(opts, '--preset');
  return p === null ? null : oneOf('--preset', p, presets);
}

export interface ParseContext {
  supportedVersions: readonly string[];
  presets: readonly string[];
}

export function parseArgs(argv: string[], ctx: ParseContext): CliArgs {
  if (argv.length === 0) return { command: 'help', topic: null };
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0] === 'lint' || rest[0] === 'simulate' ? rest[0] : null;
    return { command: 'help', topic };
  }
  if (command === '--version' || command === '-V' || command === 'version') return { command: 'version' };
  if (command === 'lint') {
    const { opts, paths, help } = scan('lint', rest, LINT_OPTIONS);
    if (help) return { command: 'help', topic: 'lint' };
    return {
      command: 'lint',
      paths,
      kubernetesVersion: kubernetesVersionOf(opts, ctx.supportedVersions),
      format: oneOf('--format', str(opts, '--format') ?? 'text', LINT_FORMATS),
      config: str(opts, '--config'),
      simulation: !opts.has('--no-simulation'),
      cluster: str(opts, '--cluster'),
      preset: presetOf(opts, ctx.presets),
    };
  }
  if (command === 'simulate') {
    const { opts, paths, help } = scan('simulate', rest, SIMULATE_OPTIONS);
    if (help) return { command: 'help', topic: 'simulate' };
    const seedText = str(opts, '--seed');
    let seed: number | null = null;
    if (seedText !== null) {
      if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(Number(seedText))) throw new UsageError(`--seed must be a non-negative integer (got "${seedText}")`);
      seed = Number(seedText);
    }
    return {
      command: 'simulate',
      paths,
      kubernetesVersion: kubernetesVersionOf(opts, ctx.supportedVersions),
      format: oneOf('--format', str(opts, '--format') ?? 'text', SIMULATE_FORMATS),
      cluster: str(opts, '--cluster'),
      preset: presetOf(opts, ctx.presets),
      seed,
      html: str(opts, '--html'),
      previous: str(opts, '--previous'),
    };
  }
  if (command.startsWith('-')) throw new UsageError(`unknown option ${command} (expected a command: lint or simulate)`);
  throw new UsageError(`unknown command "${command}" (expected lint or simulate)`);
}

export function helpText(topic: 'lint' | 'simulate' | null, ctx: ParseContext): string {
  const versions = ctx.supportedVersions.join(', ');
  const presets = ctx.presets.join(', ');
  if (topic === 'lint') {
    return `Usage: kube-preview lint [PATH...] [options]

Lint Kubernetes manifests: YAML syntax, the Kubernetes API schema (and CRDs found among the inputs),
cross-resource and best-practice rules, and what a simulated cluster makes of them.

PATH is a file or a folder (walked recursively for *.yaml, *.yml, *.json); "-" reads stdin.
Without PATH the current folder is linted.

Options:
  --kubernetes-version V   schema version: ${versions} (default ${DEFAULT_KUBERNETES_VERSION})
  --format F               text (default), json, sarif or junit
  --config FILE            rule configuration (YAML or JSON): rules (id: error|warning|info|off),
                           assumeExternal (kinds, or "all"), exclude (globs)
  --no-simulation          skip the simulation and the rules that need it
  --cluster FILE           nodes (and KubeSchedulerConfiguration, PriorityClasses) for the simulation
  --preset NAME            cluster preset when no nodes are given: ${presets}
  -h, --help               show this help

Exit status: 0 no error-severity finding, 1 at least one, 2 usage or I/O error.
`;
  }
  if (topic === 'simulate') {
    return `Usage: kube-preview simulate [PATH...] [options]

Run the manifests through a simulated cluster (controllers, the kube-scheduler, Services and
EndpointSlices) and print what it makes of them.

PATH is a file or a folder (walked recursively for *.yaml, *.yml, *.json); "-" reads stdin.
Without PATH the current folder is used.

Options:
  --cluster FILE           Node objects (and optionally a KubeSchedulerConfiguration, PriorityClasses)
  --preset NAME            cluster preset when no nodes are given: ${presets}
  --seed N                 seed for names, IPs and tie-breaks (same seed, same output)
  --format F               text (default) or json (the ClusterSnapshot)
  --html FILE              also write a standalone HTML page of the preview
  --previous FILE          previous version of the manifests, for the rolling-update preview
  --kubernetes-version V   ${versions} (default ${DEFAULT_KUBERNETES_VERSION})
  -h, --help               show this help

Exit status: 0 on success, 2 usage or I/O error.
`;
  }
  return `Usage: kube-preview <command> [PATH...] [options]

Commands:
  lint       lint manifests (schema, rules, simulation); exit 1 when an error is found
  simulate   show what a simulated cluster makes of the manifests

Run "kube-preview <command> --help" for the options of a command.
  -h, --help      show this help
  -V, --version   print the version
`;
}
