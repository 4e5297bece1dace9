// `kube-preview lint`: read the inputs, run the lint engine once over all of them (schema, rules,
// simulation), print the findings in the chosen format. Exit 0 when no finding is an error, 1 when one
// is, 2 for usage or I/O errors (thrown as UsageError / InputError and handled by main.ts).
import type { LintArgs } from './args';
import { UsageError } from './args';
import { collectInputs, InputError } from './files';
import { readFileOrFail, readClusterFile, type CliIO } from './io';
import { packageVersion, schemasDir } from './locate';
import { LintEngine } from '../validation/engine';
import { createFsSchemaLoader } from '../validation/schema/fs-loader';
import { PARSE_AND_SCHEMA_RULES } from '../validation/schema/rule-ids';
import { parseRuleConfig, ruleMetadata, RuleConfigError, type RuleConfig } from '../validation/config';
import { resourceRef } from '../validation/rules/run';
import type { Finding } from '../validation/finding';
import { compareFindings } from '../validation/report/summary';
import { renderText } from '../validation/report/text';
import { renderJson } from '../validation/report/json';
import { renderSarif } from '../validation/report/sarif';
import { renderJunit, type JunitFile } from '../validation/report/junit';
import type { ReportRule } from '../validation/report/rules-info';
import type { SimulateOptions } from '../cluster/options';

export function reportRules(): ReportRule[] {
  // The parser's and the schema validator's rules first (one list, src/validation/schema/rule-ids.ts), then the registry's.
  const rules: ReportRule[] = PARSE_AND_SCHEMA_RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity }));
  const seen = new Set(rules.map((r) => r.id));
  for (const r of ruleMetadata()) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    rules.push({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, helpUri: r.helpUri });
  }
  return rules;
}

function loadConfig(args: LintArgs, io: CliIO): RuleConfig {
  if (!args.config) return {};
  const text = readFileOrFail(args.config, io.cwd, 'config file');
  try {
    return parseRuleConfig(text);
  } catch (e) {
    if (e instanceof RuleConfigError) throw new UsageError(`${args.config}: ${e.message}`);
    throw e;
  }
}

export async function runLint(args: LintArgs, io: CliIO): Promise<number> {
  const config = loadConfig(args, io);
  const simulateOptions: SimulateOptions = { kubernetesVersion: args.kubernetesVersion };
  if (args.preset) simulateOptions.preset = args.preset;
  if (args.cluster) simulateOptions.clusterObjects = readClusterFile(args.cluster, io.cwd, args.kubernetesVersion, io);

  const started = performance.now();
  const inputs = await collectInputs(args.paths.length ? args.paths : ['.'], { cwd: io.cwd, exclude: config.exclude, readStdin: io.readStdin });
  const readTime = performance.now() - started;
  const loader = createFsSchemaLoader(schemasDir());
  try {
    // Load the bundle now (the loader caches it) so a broken install is one clear error, not a finding per document.
    loader(args.kubernetesVersion);
  } catch (e) {
    throw new InputError(`cannot load the Kubernetes ${args.kubernetesVersion} schemas from ${schemasDir()}: ${(e as Error).message}`);
  }
  const engine = new LintEngine({
    loader,
    kubernetesVersion: args.kubernetesVersion,
    ruleConfig: config,
    simulation: args.simulation,
    simulateOptions,
  });
  for (const f of inputs) engine.setFile(f.path, f.text);
  // Findings about no file (an unknown rule id in the configuration) point at the configuration file.
  const findings: Finding[] = engine
    .allFindings()
    .map((f) => (f.path === '' ? { ...f, path: args.config ?? '<config>' } : f))
    .sort(compareFindings);

  const files: JunitFile[] = inputs.map((f) => ({ path: f.path, resources: (engine.parsedFile(f.path)?.manifests ?? []).map(resourceRef) }));
  switch (args.format) {
    case 'json':
      io.out(renderJson(findings));
      break;
    case 'sarif':
      io.out(renderSarif(findings, { toolVersion: packageVersion(), rules: reportRules() }));
      break;
    case 'junit':
      io.out(renderJunit(findings, files));
      break;
    default:
      io.out(renderText(findings, { color: io.color, fileCount: inputs.length, resourceCount: engine.manifests().length }));
  }
  if (process.env.KUBE_PREVIEW_TIMINGS) {
    // For benchmarks: where the time went (milliseconds), on stderr so reports stay clean.
    const t = engine.timings;
    io.err(`kube-preview timings: read ${readTime.toFixed(0)} parse ${t.parse.toFixed(0)} schema ${t.schema.toFixed(0)} simulate ${t.simulate.toFixed(0)} rules ${t.rules.toFixed(0)} total ${(performance.now() - started).toFixed(0)}\n`);
  }
  if (inputs.length === 0) io.err('kube-preview: no manifest files found (looked for *.yaml, *.yml, *.json)\n');
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
