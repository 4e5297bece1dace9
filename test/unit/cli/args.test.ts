import assert from 'node:assert/strict';
import { parseArgs, UsageError, normalizeKubernetesVersion, helpText } from '../../../src/cli/args';

const ctx = { supportedVersions: ['1.34', '1.36'], presets: ['single-node', 'default', 'ha'] };

describe('cli/args', () => {
  it('parses lint with defaults and options in both spellings', () => {
    assert.deepEqual(parseArgs(['lint', 'a.yaml'], ctx), {
      command: 'lint', paths: ['a.yaml'], kubernetesVersion: '1.34', format: 'text', config: null, simulation: true, cluster: null, preset: null,
    });
    const a = parseArgs(['lint', '--format=sarif', 'dir', '-', '--kubernetes-version', 'v1.36.1', '--no-simulation', '--config', 'c.yaml', '--preset=ha'], ctx);
    assert.deepEqual(a, { command: 'lint', paths: ['dir', '-'], kubernetesVersion: '1.36', format: 'sarif', config: 'c.yaml', simulation: false, cluster: null, preset: 'ha' });
  });
  it('parses simulate', () => {
    const a = parseArgs(['simulate', 'x.yaml', '--seed', '42', '--format', 'json', '--html', 'out.html', '--previous', 'old.yaml', '--cluster', 'c.yaml'], ctx);
    assert.deepEqual(a, { command: 'simulate', paths: ['x.yaml'], kubernetesVersion: '1.34', format: 'json', cluster: 'c.yaml', preset: null, seed: 42, html: 'out.html', previous: 'old.yaml' });
  });
  it('rejects what it does not understand, naming the problem', () => {
    const bad: [string[], RegExp][] = [
      [['lint', '--format', 'xml'], /--format must be one of text, json, sarif, junit/],
      [['simulate', '--format', 'sarif'], /--format must be one of text, json/],
      [['lint', '--kubernetes-version', '1.20'], /must be one of 1\.34, 1\.36/],
      [['lint', '--bogus'], /unknown option --bogus/],
      [['lint', '--format'], /--format needs a value/],
      [['simulate', '--seed', '-1'], /--seed must be a non-negative integer/],
      [['simulate', '--preset', 'huge'], /--preset must be one of single-node, default, ha/],
      [['deploy'], /unknown command "deploy"/],
      [['lint', '--no-simulation=yes'], /takes no value/],
      [['lint', '--format', 'json', '--format', 'text'], /given twice/],
    ];
    for (const [argv, re] of bad) assert.throws(() => parseArgs(argv, ctx), (e: unknown) => e instanceof UsageError && re.test((e as Error).message), argv.join(' '));
  });
  it('help and version', () => {
    assert.deepEqual(parseArgs([], ctx), { command: 'help', topic: null });
    assert.deepEqual(parseArgs(['--help'], ctx), { command: 'help', topic: null });
    assert.deepEqual(parseArgs(['lint', '--help'], ctx), { command: 'help', topic: 'lint' });
    assert.deepEqual(parseArgs(['--version'], ctx), { command: 'version' });
    assert.match(helpText('lint', ctx), /Exit status: 0 no error-severity finding, 1 at least one, 2 usage or I\/O error/);
  });
  it('everything after -- is a path', () => {
    assert.deepEqual((parseArgs(['lint', '--', '--odd-name.yaml'], ctx) as { paths: string[] }).paths, ['--odd-name.yaml']);
  });
  it('normalizes Kubernetes versions', () => {
    assert.equal(normalizeKubernetesVersion('1.34'), '1.34');
    assert.equal(normalizeKubernetesVersion('v1.36.0'), '1.36');
    assert.equal(normalizeKubernetesVersion('latest'), null);
  });
});
