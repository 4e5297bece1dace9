// The preview panel: opened with its commands, it receives a snapshot of its scope; one panel per scope; what-ifs
// and reveal go through the host's message handling (validated like webview messages); it follows the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClusterSnapshot } from '../../../src/cluster/snapshot';
import { extensionApi, fixture, open, resetSettings, revertAndCloseAll, setSetting, undo, waitFor } from './helpers';

function workload(s: ClusterSnapshot | null, name: string) {
  return s?.workloads.find((w) => w.name === name);
}

describe('preview panel', () => {
  before(async () => { await extensionApi(); });
  afterEach(async () => {
    await revertAndCloseAll();
    await resetSettings('preview.scope');
  });

  it('opens beside the editor with a snapshot of the folder (Deployment and Service from two files)', async () => {
    const api = await extensionApi();
    await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    const snap = await waitFor(() => api.lastSnapshot(), 'a snapshot posted to the panel');
    assert.equal(api.panelCount(), 1);
    assert.equal(workload(snap, 'web')?.desired, 3);
    assert.equal(workload(snap, 'web')?.scheduled, 3);
    assert.ok(snap.services.some((s) => s.name === 'web'), 'the Service of the other file is in the folder scope');
    assert.equal(snap.endpointSlices.filter((e) => e.service === 'web').flatMap((e) => e.endpoints).length, 3);
    const msg = api.lastPreviewMessage();
    assert.ok(msg && msg.type === 'snapshot');
    // the real webview bundle ran under the CSP and greeted the host
    await waitFor(() => api.webviewMessages().includes('ready'), 'a ready message from the webview itself');
    assert.equal(msg.scopeLabel, 'shop/');
    assert.deepEqual(msg.presets, ['single-node', 'default', 'ha']);
    // a second open of the same scope reveals the same panel
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await api.whenIdle();
    assert.equal(api.panelCount(), 1);
  });

  it('"Open Preview" uses the editor\'s column and "to the Side" the next one; the workspace scope spans folders', async () => {
    const api = await extensionApi();
    await setSetting('preview.scope', 'workspace');
    const editor = await open('shop/web-service.yaml');
    const previewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ g, t })))
      .find(({ t }) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('kubePreview.preview'));
    await vscode.commands.executeCommand('kubePreview.openPreview');
    // a Service of shop/ and a Deployment of pending/ in one picture
    const snap = await waitFor(() => { const s = api.lastSnapshot(); return s && workload(s, 'cruncher') ? s : null; }, 'the workspace scope');
    assert.ok(snap.services.some((s) => s.name === 'web'));
    const msg = api.lastPreviewMessage();
    assert.ok(msg?.type === 'snapshot' && msg.scopeLabel.endsWith('(workspace)'), JSON.stringify(msg?.type === 'snapshot' ? msg.scopeLabel : msg));
    await waitFor(() => previewTab(), 'the preview tab');
    assert.equal(previewTab()!.g.viewColumn, editor.viewColumn);
    await vscode.window.tabGroups.close(previewTab()!.t);
    await waitFor(() => api.panelCount() === 0 || null, 'the panel closed');
    const again = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await waitFor(() => previewTab(), 'the preview tab beside');
    assert.equal(previewTab()!.g.viewColumn, (again.viewColumn ?? 1) + 1);
  });

  it('serves the webview under a strict nonce-based Content-Security-Policy', async () => {
    const api = await extensionApi();
    await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreview');
    await waitFor(() => api.lastSnapshot(), 'a snapshot');
    const [csp] = api.previewCsp();
    // webview.cspSource differs between hosts ("'self' https://*.vscode-cdn.net" in code-server)
    assert.match(csp, /^default-src 'none'; img-src [^;]+ data:; style-src [^;]+ 'nonce-([A-Za-z0-9]+)'; script-src 'nonce-\1'; font-src [^;]+$/);
    assert.doesNotMatch(csp, /unsafe/);
  });

  it('applies what-ifs from the webview without touching the file, and resets them', async () => {
    const api = await extensionApi();
    const { document } = await open('shop/web-deployment.yaml');
    const text = document.getText();
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await waitFor(() => workload(api.lastSnapshot(), 'web'), 'web in the preview');
    assert.equal(await api.deliverToPreview({ type: 'whatIf', change: { kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'web' }, replicas: 5 } }), true);
    await waitFor(() => workload(api.lastSnapshot(), 'web')?.desired === 5, 'web scaled to 5');
    const msg = api.lastPreviewMessage();
    assert.ok(msg?.type === 'snapshot' && msg.whatIfs.length === 1);
    // the run without the what-if travels along (pod placements only), so the views can show what changed
    assert.equal(msg.baseline?.filter((p) => p.owner?.kind === 'ReplicaSet' && p.name.startsWith('web-')).length, 3);
    assert.equal(document.getText(), text);
    assert.equal(document.isDirty, false);

    assert.equal(await api.deliverToPreview({ type: 'whatIf', change: { kind: 'cordon', node: 'worker-1' } }), true);
    await waitFor(() => api.lastSnapshot()?.nodes.find((n) => n.name === 'worker-1')?.unschedulable, 'worker-1 cordoned');

    assert.equal(await api.deliverToPreview({ type: 'resetWhatIf' }), true);
    await waitFor(() => workload(api.lastSnapshot(), 'web')?.desired === 3, 'back to the file\'s 3 replicas');
    assert.equal(api.lastSnapshot()?.nodes.find((n) => n.name === 'worker-1')?.unschedulable, false);
    const reset = api.lastPreviewMessage();
    assert.ok(reset?.type === 'snapshot' && reset.whatIfs.length === 0 && reset.baseline === undefined);
  });

  it('takes the cluster choice from the toolbar (preset, seed, version, cluster file)', async () => {
    const api = await extensionApi();
    await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    const base = await waitFor(() => api.lastSnapshot(), 'a snapshot');
    assert.equal(await api.deliverToPreview({ type: 'setCluster', cluster: { preset: 'ha' } }), true);
    const ha = await waitFor(() => { const s = api.lastSnapshot(); return s && s.clusterSource !== base.clusterSource ? s : null; }, 'the ha preset');
    assert.ok(ha.nodes.length > base.nodes.length, `ha has ${ha.nodes.length} nodes, default ${base.nodes.length}`);
    await api.deliverToPreview({ type: 'setCluster', cluster: { kubernetesVersion: '1.36', seed: 42 } });
    await waitFor(() => api.lastSnapshot()?.kubernetesVersion === '1.36' && api.lastSnapshot()?.seed === 42, 'version 1.36 and seed 42');
    const msg = api.lastPreviewMessage();
    assert.ok(msg?.type === 'snapshot');
    assert.deepEqual(msg.cluster, { preset: 'ha', clusterFile: null, seed: 42, kubernetesVersion: '1.36' });
    await api.deliverToPreview({ type: 'setCluster', cluster: { clusterFile: 'cluster/small-cluster.json' } });
    await waitFor(() => api.lastSnapshot()?.nodes.map((n) => n.name).sort().join() === 'small-1,small-2', 'the cluster file\'s nodes');
    // a preset or version the extension does not know is ignored
    await api.deliverToPreview({ type: 'setCluster', cluster: { preset: 'galaxy', kubernetesVersion: '0.1' } });
    const after = api.lastPreviewMessage();
    assert.ok(after?.type === 'snapshot' && after.cluster.preset === 'ha' && after.cluster.kubernetesVersion === '1.36');
  });

  it('drops malformed webview messages', async () => {
    const api = await extensionApi();
    await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    const before = await waitFor(() => api.lastSnapshot(), 'a snapshot');
    for (const bad of [{ type: 'whatIf', change: { kind: 'scale', replicas: 1e9 } }, { type: 'reveal', object: '<img onerror=x>' }, { type: 'eval', code: '1' }, null]) {
      assert.equal(await api.deliverToPreview(bad), false);
    }
    assert.equal(api.lastSnapshot(), before);
  });

  it('reveals the manifest of an object clicked in the webview', async () => {
    const api = await extensionApi();
    await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    const snap = await waitFor(() => api.lastSnapshot(), 'a snapshot');
    assert.equal(await api.deliverToPreview({ type: 'reveal', object: { kind: 'Service', namespace: 'default', name: 'web' } }), true);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === fixture('shop/web-service.yaml').toString(), 'web-service.yaml shown');
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 0);
    // a generated pod leads to its workload's manifest
    const pod = snap.pods.find((p) => p.workload?.name === 'web');
    assert.ok(pod);
    await api.deliverToPreview({ type: 'reveal', object: { kind: 'Pod', namespace: pod.namespace, name: pod.name } });
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === fixture('shop/web-deployment.yaml').toString(), 'web-deployment.yaml shown');
  });

  it('focuses an object from a CodeLens click', async () => {
    const api = await extensionApi();
    const { document } = await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.showInPreview', { kind: 'Deployment', namespace: 'default', name: 'web' }, document.uri);
    await waitFor(() => api.recentPreviewMessages().some((m) => m.type === 'focus' && m.object.name === 'web' && m.object.kind === 'Deployment'), 'a focus message');
    assert.equal(api.panelCount(), 1);
  });

  it('follows the active YAML editor (file scope) and shows an empty state for a file without objects', async () => {
    const api = await extensionApi();
    await setSetting('preview.scope', 'file');
    await open('pending/big-requests.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await waitFor(() => workload(api.lastSnapshot(), 'cruncher'), 'cruncher in the preview');
    assert.equal(workload(api.lastSnapshot(), 'cruncher')?.pending, 2);
    await open('shop/web-service.yaml');
    await waitFor(() => api.previewScopes()[0]?.endsWith('shop/web-service.yaml') && api.lastSnapshot()?.services.some((s) => s.name === 'web'), 'the preview following web-service.yaml');
    assert.equal(api.lastSnapshot()?.workloads.length, 0, 'file scope: the Deployment of the other file is not in it');
    await open('not-k8s/docker-compose.yml');
    await waitFor(() => api.lastPreviewMessage()?.type === 'empty', 'the empty state');
    const empty = api.lastPreviewMessage();
    assert.ok(empty?.type === 'empty' && empty.reason === 'No Kubernetes objects in this file.', JSON.stringify(empty));
    assert.equal(api.panelCount(), 1);
    // a Helm template says what it is and what to do, rather than "no objects"
    await open('templates/helm-deployment.yaml');
    const tpl = await waitFor(() => { const m = api.lastPreviewMessage(); return m?.type === 'empty' && /template/.test(m.reason) ? m : null; }, 'the template empty state');
    assert.match(tpl.reason, /it is a template \(.*line \d+\).*helm template/);
  });

  it('highlights the object under the editor cursor', async () => {
    const api = await extensionApi();
    const editor = await open('shop/web-service.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await waitFor(() => api.lastSnapshot(), 'a snapshot');
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    const active = vscode.window.activeTextEditor!;
    active.selection = new vscode.Selection(6, 4, 6, 4);
    await waitFor(() => api.recentPreviewMessages().some((m) => m.type === 'highlight' && m.objects.some((o) => o.kind === 'Service' && o.name === 'web' && o.namespace === 'default')), 'a highlight message for Service web');
  });

  it('previews a rolling update from the saved text to the unsaved edit', async () => {
    const api = await extensionApi();
    const editor = await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await waitFor(() => api.lastSnapshot(), 'a snapshot');
    assert.deepEqual(api.lastSnapshot()?.rollouts ?? [], [], 'no rollout while the file equals its saved text');
    const doc = editor.document;
    const at = doc.getText().indexOf('nginx:1.27.2');
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'nginx:1.27.2'.length)), 'nginx:1.27.3'));
    const snap = await waitFor(() => {
      const s = api.lastSnapshot();
      return s && s.rollouts.some((r) => r.deployment === 'web') ? s : null;
    }, 'a rollout of web');
    const rollout = snap.rollouts.find((r) => r.deployment === 'web')!;
    assert.notEqual(rollout.oldReplicaSet, rollout.newReplicaSet);
    assert.ok(rollout.steps.length > 0);
  });

  it('a replicas typo is simulated up to the editor\'s pod limit, with a warning', async () => {
    const api = await extensionApi();
    const editor = await open('shop/web-deployment.yaml');
    const doc = editor.document;
    const m = /replicas: \d+/.exec(doc.getText())!;
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length)), 'replicas: 1000000'));
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    const snap = await waitFor(() => {
      const s = api.lastSnapshot();
      return s && s.warnings.some((w) => /1,000,000 pods wanted/.test(w.message)) ? s : null;
    }, 'a snapshot cut at the pod limit');
    assert.ok(snap.pods.length <= 20_000, `${snap.pods.length} pods`);
    assert.ok(snap.warnings.some((w) => /the simulation stops at 20,000 pods/.test(w.message)));
    // back to the saved text before the next test, which then sees the fixture as it is
    await undo(editor);
    await waitFor(() => !doc.isDirty && api.lintSnapshot(doc.uri)?.workloads.some((w) => w.name === 'web' && w.desired === 3), 'the saved text linted again');
    await api.whenIdle();
  });

  it('comes back after a reload with its scope and selection (WebviewPanelSerializer)', async () => {
    const api = await extensionApi();
    await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await waitFor(() => api.lastSnapshot(), 'a snapshot');
    const [scope] = api.previewScopes();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => api.panelCount() === 0, 'no panel');
    // no editor is open: the scope must come from what the extension remembered for this panel
    await api.restorePreview('Preview shop/', { view: 'nodes', selected: { kind: 'Deployment', namespace: 'default', name: 'web' } });
    await waitFor(() => api.panelCount() === 1 && api.previewScopes()[0] === scope, 'the restored panel on the same scope');
    await waitFor(() => api.recentPreviewMessages().some((m) => m.type === 'focus' && m.view === 'nodes' && m.object.name === 'web'), 'the selection restored');
    await waitFor(() => workload(api.lastSnapshot(), 'web'), 'a snapshot in the restored panel');
  });

  it('previews a folder chosen in the explorer', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('kubePreview.openPreview', fixture('pending'));
    const snap = await waitFor(() => { const s = api.lastSnapshot(); return s && workload(s, 'cruncher') ? s : null; }, 'the pending/ folder previewed');
    assert.equal(api.previewScopes()[0], `folder:${fixture('pending').toString()}`);
    assert.ok(snap.pods.some((p) => p.name === 'pinned'), 'both files of the folder');
    assert.equal(workload(snap, 'web'), undefined, 'nothing from other folders');
  });

  it('closes cleanly', async () => {
    const api = await extensionApi();
    await open('shop/web-deployment.yaml');
    await vscode.commands.executeCommand('kubePreview.openPreviewToSide');
    await waitFor(() => api.panelCount() === 1, 'a panel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => api.panelCount() === 0, 'no panel');
  });
});

describe('activation', () => {
  it('registers providers only: the engine, schemas and simulator are not loaded by activate()', async () => {
    const api = await extensionApi();
    assert.deepEqual(api.modulesLoadedByActivation, []);
    assert.ok(Number.isFinite(api.activationMs));
  });
});
