// `kube-preview simulate`: parse the inputs, run them through the simulated cluster, print the snapshot
// as text or JSON (the ClusterSnapshot, byte-identical for the same inputs and seed), optionally write a
// standalone HTML page of the preview. Exit 0, or 2 for usage / I/O errors. YAML problems in the inputs
// are reported on stderr and the rest is simulated.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { SimulateArgs } from './args';
import { collectInputs, InputError } from './files';
import { readManifestFile, readClusterFile, type CliIO } from './io';
import { distFile } from './locate';
import { renderSimulateText } from './simulate-text';
import { renderStandaloneHtml } from './html';
import { parseManifests } from '../manifests/parse';
import type { Manifest } from '../manifests/types';
import { simulate } from '../cluster/simulate';
import type { SimulateOptions } from '../cluster/options';
import type { ClusterSnapshot } from '../cluster/snapshot';

function writeHtml(file: string, snapshot: ClusterSnapshot, io: CliIO): void {
  const jsPath = distFile('webview.js');
  let js: string;
  try {
    js = fs.readFileSync(jsPath, 'utf8');
  } catch {
    throw new InputError(`cannot write ${file}: the webview bundle ${jsPath} is missing (run npm run build)`);
  }
  let css = '';
  try {
    css = fs.readFileSync(distFile('webview.css'), 'utf8');
  } catch {
    // The page still works without the stylesheet; it just looks plain.
  }
  let codicons: { css: string; font: Uint8Array } | undefined;
  try {
    codicons = { css: fs.readFileSync(distFile('codicons/codicon.css'), 'utf8'), font: fs.readFileSync(distFile('codicons/codicon.ttf')) };
  } catch {
    // Without the icon font the page works; its icons are just blank.
  }
  const target = nodePath.resolve(io.cwd, file);
  try {
    fs.writeFileSync(target, renderStandaloneHtml(snapshot, js, css, { codicons }));
  } catch (err) {
    throw new InputError(`cannot write ${file}: ${(err as Error).message}`);
  }
  io.err(`kube-preview: wrote ${file}\n`);
}

export async function runSimulate(args: SimulateArgs, io: CliIO): Promise<number> {
  const options: SimulateOptions = { kubernetesVersion: args.kubernetesVersion };
  if (args.seed !== null) options.seed = args.seed;
  if (args.preset) options.preset = args.preset;
  if (args.cluster) options.clusterObjects = readClusterFile(args.cluster, io.cwd, args.kubernetesVersion, io);
  if (args.previous) options.previous = readManifestFile(args.previous, io.cwd, 'previous version');

  const inputs = await collectInputs(args.paths.length ? args.paths : ['.'], { cwd: io.cwd, readStdin: io.readStdin });
  const manifests: Manifest[] = [];
  for (const f of inputs) {
    const parsed = parseManifests(f.path, f.text);
    // every problem, notices too: a template or an over-large file is left out of the simulation, and an
    // empty cluster without a word about why would puzzle
    for (const p of parsed.problems) {
      io.err(`${f.path}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.ruleId} ${p.message}\n`);
    }
    if (parsed.kind === 'template' || parsed.kind === 'not-kubernetes' || parsed.manifests.length === 0) {
      // lint stays quiet about other YAML (a workflow beside the manifests is normal); a simulation that
      // was handed it says why it had nothing from it
      if (parsed.problems.length === 0) {
        const why = parsed.kind === 'empty' ? 'the file is empty' : 'no document has apiVersion and kind';
        io.err(`${f.path}: no Kubernetes objects (${why}); nothing from it is simulated\n`);
      }
      continue;
    }
    manifests.push(...parsed.manifests);
  }
  if (inputs.length === 0) io.err('kube-preview: no manifest files found (looked for *.yaml, *.yml, *.json)\n');

  const snapshot = simulate(manifests, options);
  if (args.format === 'json') io.out(JSON.stringify(snapshot, null, 2) + '\n');
  else io.out(renderSimulateText(snapshot, { color: io.color }));
  if (args.html) writeHtml(args.html, snapshot, io);
  return 0;
}
