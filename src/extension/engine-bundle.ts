// Entry of dist/engine.js: the layers the extension uses on first need (engine, schemas, parser, rules,
// simulator), bundled apart from dist/extension.js so that loading the extension parses only its own small
// bundle. lazy.ts requires this file at run time; it must not import `vscode`.
export * as engine from '../validation/engine';
export * as loader from '../validation/schema/fs-loader';
export * as fieldInfo from '../validation/schema/field-info';
export * as rules from '../validation/rules/index';
export * as parse from '../manifests/parse';
export * as view from '../manifests/view-text';
export * as simulate from '../cluster/simulate';
