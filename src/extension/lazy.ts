// The engine, schemas, parser and simulator are loaded on first use, not at activation: activate() only
// registers providers, so opening VS Code stays fast (esbuild keeps a require()d module's top-level code
// behind a lazy initializer in the bundle). Every access to those layers goes through these getters.
type EngineModule = typeof import('../validation/engine');
type LoaderModule = typeof import('../validation/schema/fs-loader');
type FieldInfoModule = typeof import('../validation/schema/field-info');
type RulesModule = typeof import('../validation/rules/index');
type ParseModule = typeof import('../manifests/parse');
type SimulateModule = typeof import('../cluster/simulate');

let engine: EngineModule | undefined;
let loader: LoaderModule | undefined;
let fieldInfo: FieldInfoModule | undefined;
let rules: RulesModule | undefined;
let parse: ParseModule | undefined;
let sim: SimulateModule | undefined;

/** Which of the lazy modules have been loaded so far (activation must load none of them). */
export function loadedModules(): string[] {
  return Object.entries({ engine, loader, fieldInfo, rules, parse, simulate: sim }).filter(([, m]) => m !== undefined).map(([k]) => k);
}

export const lazy = {
  engine: (): EngineModule => (engine ??= require('../validation/engine') as EngineModule),
  loader: (): LoaderModule => (loader ??= require('../validation/schema/fs-loader') as LoaderModule),
  fieldInfo: (): FieldInfoModule => (fieldInfo ??= require('../validation/schema/field-info') as FieldInfoModule),
  rules: (): RulesModule => (rules ??= require('../validation/rules/index') as RulesModule),
  parse: (): ParseModule => (parse ??= require('../manifests/parse') as ParseModule),
  simulate: (): SimulateModule => (sim ??= require('../cluster/simulate') as SimulateModule),
};
