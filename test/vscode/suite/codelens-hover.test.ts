// CodeLens and hover through vscode.executeCodeLensProvider / vscode.executeHoverProvider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLenses, extensionApi, fixture, hoverText, open, positionOf, resetSettings, revertAndCloseAll, setSetting } from './helpers';

async function lensTitles(rel: string): Promise<{ uri: vscode.Uri; lenses: vscode.CodeLens[] }> {
  const { document } = await open(rel);
  const found = await pollLenses(document.uri);
  return { uri: document.uri, lenses: found };
}

async function pollLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const api = await extensionApi();
  for (let i = 0; i < 100; i++) {
    await api.whenIdle();
    const lenses = await codeLenses(uri);
    if (lenses.length) return lenses;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no CodeLens in ${vscode.workspace.asRelativePath(uri)}`);
}

describe('CodeLens', () => {
  before(async () => { await extensionApi(); });
  afterEach(revertAndCloseAll);

  it('shows where a workload\'s replicas were scheduled', async () => {
    const { lenses } = await lensTitles('shop/web-deployment.yaml');
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    assert.match(lenses[0].command!.title, /^3\/3 scheduled · worker-\d(, worker-\d)*$/);
    assert.deepEqual(lenses[0].command!.arguments?.[0], { kind: 'Deployment', namespace: 'default', name: 'web' });
  });

  it('shows pending replicas with the dominant FailedScheduling reason', async () => {
    const { lenses } = await lensTitles('pending/big-requests.yaml');
    assert.equal(lenses[0].command!.title, '2 of 2 pending — Insufficient cpu');
    assert.equal(lenses[0].range.start.line, 1, 'above apiVersion, below the comment that opens the file');
  });

  it('shows a Service\'s ready endpoints, across files, or that it has none', async () => {
    const web = await lensTitles('shop/web-service.yaml');
    assert.equal(web.lenses[0].command!.title, '3 ready endpoints');
    const ghost = await lensTitles('broken/orphan-service.yaml');
    assert.match(ghost.lenses[0].command!.title, /^no endpoints/);
  });
});

describe('status bar', () => {
  afterEach(revertAndCloseAll);

  it('counts the simulated pods of the active file\'s workspace, and the pending ones', async () => {
    const api = await extensionApi();
    const { document } = await open('pending/big-requests.yaml');
    await pollLenses(document.uri);
    const snap = api.lintSnapshot(document.uri);
    assert.ok(snap);
    const pending = snap.pods.filter((p) => !p.nodeName).length;
    assert.ok(pending >= 2);
    assert.equal(api.statusText(), `$(server-process) ${snap.pods.length} pods · $(warning) ${pending} pending`);
  });
});

describe('hover', () => {
  before(async () => { await extensionApi(); });
  afterEach(revertAndCloseAll);

  it('gives a field\'s type and path from the schema of the selected Kubernetes version', async () => {
    const { document } = await open('shop/web-deployment.yaml');
    await pollLenses(document.uri);
    const text = await hoverText(document.uri, positionOf(document, 'replicas:', 0, 2));
    assert.match(text, /integer/);
    assert.match(text, /spec\.replicas/);
    assert.match(text, /Kubernetes 1\.34/);
  });

  it('lists the pods a selector matches', async () => {
    const { document } = await open('shop/web-service.yaml');
    await pollLenses(document.uri);
    const text = await hoverText(document.uri, positionOf(document, 'app: web', 0, 6));
    assert.match(text, /matches 3 pods/);
    assert.match(text, /web-[a-z0-9]+-[a-z0-9]+/);
  });

  it('says a malformed selector is malformed (and matches nothing) instead of failing', async () => {
    const file = fixture('extras/bad-selectors.yaml');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode([
      'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', '  name: bad', 'spec:', '  minAvailable: 1', '  selector:', '    matchExpressions: 5',
      '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: odd', 'spec:', '  selector:', '    app: {nested: x}', '  ports:', '    - port: 80', '',
    ].join('\n')));
    try {
      const { document } = await open('extras/bad-selectors.yaml');
      await pollLenses(document.uri);
      assert.match(await hoverText(document.uri, positionOf(document, 'matchExpressions', 0, 2)), /Selector\*\* is malformed/);
      assert.match(await hoverText(document.uri, positionOf(document, 'nested', 0, 2)), /Selector\*\* is malformed \(a Service selector/);
    } finally {
      try { await vscode.workspace.fs.delete(file); } catch { /* already gone */ }
    }
  });

  it('resolves a targetPort to the endpoints behind it', async () => {
    const { document } = await open('shop/web-service.yaml');
    await pollLenses(document.uri);
    const text = await hoverText(document.uri, positionOf(document, 'targetPort', 0, 2));
    assert.match(text, /resolves to 3 endpoints/);
    assert.match(text, /10\.244\.\d+\.\d+:8080/);
  });

  it('tells what runs on a node named in a pod', async () => {
    const { document } = await open('pending/pinned-pod.yaml');
    await pollLenses(document.uri);
    const text = await hoverText(document.uri, positionOf(document, 'worker-1', 0, 2));
    assert.match(text, /Node\*\* worker\\?-1/);
    assert.match(text, /pinned/);
  });

  it('tells which pods a taint of the cluster file keeps off its node', async () => {
    try {
      const { document: web } = await open('shop/web-deployment.yaml');
      await setSetting('cluster', 'cluster/small-cluster.json');
      const api = await extensionApi();
      for (let i = 0; i < 100 && !api.lintSnapshot(web.uri)?.nodes.some((n) => n.name === 'small-1'); i++) await new Promise((r) => setTimeout(r, 100));
      const { document } = await open('cluster/small-cluster.json');
      const text = await hoverText(document.uri, positionOf(document, '"dedicated"', 0, 3));
      assert.match(text, /\*\*Taint\*\* `dedicated=batch:NoSchedule` keeps \d+ pods? off small-1/);
      assert.match(text, /web-[a-z0-9]+-[a-z0-9]+/);
    } finally {
      await resetSettings('cluster');
    }
  });
});
