// Settings take effect without a reload: Kubernetes version, rule severities, exclude globs, cluster file,
// validation and simulation switches. Changed at the user level and reset after each test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeLenses, describeDiagnostics, extensionApi, kubeDiagnostics, open, resetSettings, revertAndCloseAll, setSetting,
  waitFor, waitForDiagnostics, withCode,
} from './helpers';

const KEYS = ['kubernetesVersion', 'lint.rules', 'lint.assumeExternal', 'exclude', 'cluster', 'validation.enable', 'validation.schema', 'simulation.enable', 'preset', 'seed', 'preview.scope'];

describe('settings', () => {
  before(async () => { await extensionApi(); });
  afterEach(async () => {
    await revertAndCloseAll();
    await resetSettings(...KEYS);
  });

  it('kubePreview.kubernetesVersion switches the schema (a kind new in 1.36)', async () => {
    const { document } = await open('versions/mutating-policy.yaml');
    const under134 = await waitForDiagnostics(document.uri, (d) => d.some((x) => x.severity <= vscode.DiagnosticSeverity.Information && /MutatingAdmissionPolicy|admissionregistration/.test(x.message)), 'a finding about the unknown kind under 1.34');
    await setSetting('kubernetesVersion', '1.36');
    const under136 = await waitForDiagnostics(document.uri, (d) => !d.some((x) => /MutatingAdmissionPolicy|admissionregistration/.test(x.message)), 'no such finding under 1.36');
    assert.ok(under134.length > under136.length, `${describeDiagnostics(under134)}\nvs\n${describeDiagnostics(under136)}`);
  });

  it('kubePreview.lint.rules turns a rule off or changes its severity', async () => {
    const { document } = await open('quickfix/selector-mismatch.yaml');
    const ds = await waitForDiagnostics(document.uri, (d) => withCode(d, 'image-tag-latest').length > 0, 'image-tag-latest');
    assert.notEqual(withCode(ds, 'image-tag-latest')[0].severity, vscode.DiagnosticSeverity.Error);
    await setSetting('lint.rules', { 'image-tag-latest': 'error' });
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'image-tag-latest')[0]?.severity === vscode.DiagnosticSeverity.Error, 'image-tag-latest as an error');
    await setSetting('lint.rules', { 'image-tag-latest': 'off' });
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'image-tag-latest').length === 0, 'image-tag-latest off');
  });

  it('kubePreview.exclude takes files out of the resource set (a ConfigMap goes missing)', async () => {
    const { document } = await open('shop/web-deployment.yaml');
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'configmap-missing').length === 0, 'web-config resolved');
    await setSetting('exclude', ['extras/**']);
    const ds = await waitForDiagnostics(document.uri, (d) => withCode(d, 'configmap-missing').length > 0, 'configmap-missing once extras/ is excluded');
    assert.match(withCode(ds, 'configmap-missing')[0].message, /web-config/);
    await setSetting('exclude', []);
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'configmap-missing').length === 0, 'web-config back');
  });

  it('kubePreview.lint.assumeExternal silences references to kinds the cluster already has', async () => {
    const { document } = await open('shop/web-deployment.yaml');
    await setSetting('exclude', ['extras/**']);
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'configmap-missing').length > 0, 'configmap-missing');
    await setSetting('lint.assumeExternal', ['ConfigMap']);
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'configmap-missing').length === 0, 'ConfigMaps assumed external');
    await setSetting('lint.assumeExternal', []);
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'configmap-missing').length > 0, 'configmap-missing again');
    await setSetting('lint.assumeExternal', 'all');
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'configmap-missing').length === 0, 'every kind assumed external');
  });

  it('kubePreview.seed reseeds generated names and addresses', async () => {
    const api = await extensionApi();
    const { document } = await open('shop/web-deployment.yaml');
    const names = (): string => (api.lintSnapshot(document.uri)?.pods ?? []).filter((p) => p.workload?.name === 'web').map((p) => `${p.name}@${p.podIP}`).sort().join();
    const first = await waitFor(() => names(), 'web pods');
    await setSetting('seed', 7);
    const second = await waitFor(() => { const n = names(); return n && n !== first ? n : null; }, 'different names under seed 7');
    await setSetting('seed', 1);
    await waitFor(() => names() === first, 'the seed-1 names again');
    assert.notEqual(first, second);
  });

  it('kubePreview.exclude also silences an open file that it matches', async () => {
    const { document } = await open('broken/schema-errors.yaml');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'findings');
    await setSetting('exclude', ['broken']);
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'nothing for an excluded file');
  });

  it('kubePreview.cluster points the simulation at a cluster file', async () => {
    const api = await extensionApi();
    const { document } = await open('shop/web-deployment.yaml');
    await waitFor(() => api.lintSnapshot(document.uri)?.nodes.some((n) => n.name === 'worker-1'), 'the default cluster');
    await setSetting('cluster', 'cluster/small-cluster.json');
    const snap = await waitFor(() => {
      const s = api.lintSnapshot(document.uri);
      return s?.nodes.some((n) => n.name === 'small-1') ? s : null;
    }, 'the cluster file\'s nodes');
    assert.deepEqual(snap.nodes.map((n) => n.name).sort(), ['small-1', 'small-2']);
    // small-1 is tainted dedicated=batch:NoSchedule, so every web replica lands on small-2
    const lenses = await codeLenses(document.uri);
    assert.equal(lenses[0]?.command?.title, '3/3 scheduled · small-2');
  });

  it('kubePreview.cluster: a cluster file with a schema error is named once, and not simulated on', async () => {
    const api = await extensionApi();
    const broken = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'cluster', 'broken-cluster.yaml');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode(
      'apiVersion: v1\nkind: Node\nmetadata: {name: typo-node}\nstatus:\n  allocatable: {cpu: lots, memory: 8Gi, pods: "110"}\n'));
    try {
      const { document } = await open('shop/web-deployment.yaml');
      await setSetting('cluster', 'cluster/broken-cluster.yaml');
      const problems = await waitFor(() => (api.clusterProblems().some((p) => /broken-cluster/.test(p)) ? api.clusterProblems() : null), 'the cluster file problem');
      assert.ok(problems.includes('cluster file cluster/broken-cluster.yaml:5:22: status.allocatable.cpu must be a quantity (a number, or a string such as "500m", "2Gi" or "1.5"), got "lots"'), problems.join('\n'));
      // meanwhile the lint simulates on the preset, not on a node with no cpu
      const snap = await waitFor(() => api.lintSnapshot(document.uri), 'a snapshot');
      assert.ok(!snap.nodes.some((n) => n.name === 'typo-node'));
    } finally {
      await resetSettings('cluster');
      try { await vscode.workspace.fs.delete(broken); } catch { /* gone */ }
    }
  });

  it('kubePreview.preset picks the simulated cluster', async () => {
    const api = await extensionApi();
    const { document } = await open('shop/web-deployment.yaml');
    await waitFor(() => api.lintSnapshot(document.uri), 'a snapshot');
    await setSetting('preset', 'single-node');
    const snap = await waitFor(() => {
      const s = api.lintSnapshot(document.uri);
      return s && s.nodes.length === 1 ? s : null;
    }, 'a single node');
    assert.ok(snap.workloads.some((w) => w.name === 'web'));
    for (const p of snap.pods) if (p.nodeName) assert.equal(p.nodeName, snap.nodes[0].name);
  });

  it('kubePreview.validation.enable and .schema turn findings off', async () => {
    const { document } = await open('broken/schema-errors.yaml');
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'schema/unknown-field').length > 0, 'schema findings');
    await setSetting('validation.schema', false);
    await waitForDiagnostics(document.uri, (d) => d.every((x) => !/^schema\//.test(String(typeof x.code === 'object' ? x.code.value : x.code))), 'no schema findings');
    await setSetting('validation.enable', false);
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no findings at all');
    await resetSettings('validation.enable', 'validation.schema');
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'schema/unknown-field').length > 0, 'schema findings back');
  });

  it('kubePreview.simulation.enable off removes CodeLens and simulated findings', async () => {
    const { document } = await open('pending/big-requests.yaml');
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'unschedulable-replicas').length > 0, 'unschedulable-replicas');
    await setSetting('simulation.enable', false);
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'unschedulable-replicas').length === 0, 'no simulated finding');
    assert.deepEqual(await codeLenses(document.uri), []);
    assert.deepEqual(kubeDiagnostics(document.uri).filter((d) => /Insufficient/.test(d.message)), []);
  });

  it('names settings that cannot take effect (unknown rule id, bad severity, unsupported version) and falls back', async () => {
    const api = await extensionApi();
    const { document } = await open('quickfix/selector-mismatch.yaml');
    await waitForDiagnostics(document.uri, (d) => withCode(d, 'image-tag-latest').length > 0, 'image-tag-latest');
    assert.deepEqual(api.settingsProblems(), []);
    await setSetting('lint.rules', { 'image-tag-lates': 'off', 'image-tag-latest': 'fatal' });
    await setSetting('kubernetesVersion', '1.35');
    const problems = await waitFor(() => (api.settingsProblems().length >= 3 ? api.settingsProblems() : null), 'the settings problems');
    assert.deepEqual(problems.sort(), [
      'kubePreview.kubernetesVersion "1.35" is not supported (1.34, 1.36): using 1.34',
      'kubePreview.lint.rules names a rule that does not exist: image-tag-lates (see docs/rules.md for the ids)',
      'kubePreview.lint.rules: "fatal" for image-tag-latest is not one of error, warning, info, off: ignored',
    ]);
    // the fallbacks: lint still runs, under 1.34, with the rule at its default severity
    const ds = await waitForDiagnostics(document.uri, (d) => withCode(d, 'image-tag-latest').length > 0, 'image-tag-latest still reported');
    assert.notEqual(withCode(ds, 'image-tag-latest')[0].severity, vscode.DiagnosticSeverity.Error);
    await resetSettings('lint.rules', 'kubernetesVersion');
    await waitFor(() => (api.settingsProblems().length === 0 ? true : null), 'no problem once the settings are fixed');
  });
});
