// Diagnostics in the Problems panel: ranges, codes (rule id linking to the docs), messages; following edits;
// cross-file resource sets; templates and non-Kubernetes files left alone; cleared on close.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf, describeDiagnostics, extensionApi, fixture, kubeDiagnostics, open, positionOf, revertAndCloseAll, undo,
  waitFor, waitForDiagnostics, withCode,
} from './helpers';

describe('diagnostics', () => {
  before(async () => { await extensionApi(); });
  afterEach(revertAndCloseAll);

  it('reports schema errors at the offending key and value, with the rule id linking to its docs', async () => {
    const editor = await open('broken/schema-errors.yaml');
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'schema/unknown-field').length > 0 && withCode(d, 'schema/type').length > 0, 'schema findings');
    const unknown = withCode(ds, 'schema/unknown-field')[0];
    const key = positionOf(doc, 'replica:');
    assert.deepEqual([unknown.range.start.line, unknown.range.start.character, unknown.range.end.character], [key.line, key.character, key.character + 'replica'.length]);
    assert.match(unknown.message, /replica/);
    assert.match(unknown.message, /did you mean "replicas"/);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknown.source, 'kube-preview');
    assert.ok(typeof unknown.code === 'object' && unknown.code.target instanceof vscode.Uri);
    assert.match(unknown.code.target.toString(true), /docs\/rules\.md#/);

    const type = withCode(ds, 'schema/type')[0];
    const value = positionOf(doc, 'eighty');
    assert.equal(type.range.start.line, value.line);
    assert.equal(type.range.start.character, value.character);
    assert.match(type.message, /integer/);
  });

  it('names the replacement of a removed apiVersion', async () => {
    const { document } = await open('broken/deprecated.yaml');
    const ds = await waitForDiagnostics(document.uri, (d) => withCode(d, 'api/deprecated-version').length > 0, 'api/deprecated-version');
    const d = withCode(ds, 'api/deprecated-version')[0];
    assert.equal(d.range.start.line, 0);
    assert.match(d.message, /apps\/v1/);
    assert.ok(d.tags?.includes(vscode.DiagnosticTag.Deprecated));
  });

  it('gives a template one information notice and a non-Kubernetes file nothing', async () => {
    const tpl = (await open('templates/helm-deployment.yaml')).document;
    const ds = await waitForDiagnostics(tpl.uri, (d) => d.length > 0, 'the template notice');
    assert.equal(ds.length, 1, describeDiagnostics(ds));
    assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Information);
    assert.equal(codeOf(ds[0]), 'manifest/template');

    const compose = (await open('not-k8s/docker-compose.yml')).document;
    await (await extensionApi()).whenIdle();
    assert.deepEqual(kubeDiagnostics(compose.uri), []);
  });

  it('checks a Service against a Deployment in another file of the workspace', async () => {
    const svc = (await open('shop/web-service.yaml')).document;
    const orphan = (await open('broken/orphan-service.yaml')).document;
    const ds = await waitForDiagnostics(orphan.uri, (d) => withCode(d, 'service-selects-nothing').length > 0, 'service-selects-nothing on the orphan');
    assert.match(withCode(ds, 'service-selects-nothing')[0].message, /app=ghost|ghost/);
    const webDs = kubeDiagnostics(svc.uri);
    assert.deepEqual(withCode(webDs, 'service-selects-nothing'), [], describeDiagnostics(webDs));
    assert.deepEqual(withCode(webDs, 'service-target-port'), [], describeDiagnostics(webDs));
  });

  it('reports replicas the simulated scheduler cannot place, with the upstream reason', async () => {
    const { document } = await open('pending/big-requests.yaml');
    const ds = await waitForDiagnostics(document.uri, (d) => withCode(d, 'unschedulable-replicas').length > 0, 'unschedulable-replicas');
    const d = withCode(ds, 'unschedulable-replicas')[0];
    assert.match(d.message, /2 of 2/);
    assert.match(d.message, /Insufficient cpu/);
  });

  it('follows edits as the user types, and undo brings the old diagnostics back', async () => {
    const editor = await open('shop/web-service.yaml');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (d) => withCode(d, 'service-selects-nothing').length === 0, 'a clean Service');
    const value = positionOf(doc, 'app: web', 0, 'app: '.length);
    const ok = await editor.edit((e) => e.replace(new vscode.Range(value, value.translate(0, 3)), 'nothing'));
    assert.ok(ok);
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'service-selects-nothing').length > 0, 'service-selects-nothing after the edit');
    assert.equal(withCode(ds, 'service-selects-nothing')[0].range.start.line >= 0, true);
    await undo(editor);
    assert.match(doc.getText(), /app: web/);
    await waitForDiagnostics(doc.uri, (d) => withCode(d, 'service-selects-nothing').length === 0, 'the finding gone after undo');
  });

  it('re-lints only what changed: an edit in one document leaves the others\' results intact', async () => {
    const a = (await open('broken/schema-errors.yaml')).document;
    const before = await waitForDiagnostics(a.uri, (d) => withCode(d, 'schema/unknown-field').length > 0, 'schema findings');
    const editor = await open('broken/deprecated.yaml');
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '# a comment\n'));
    await (await extensionApi()).whenIdle();
    const after = kubeDiagnostics(a.uri);
    assert.deepEqual(after.map((d) => [codeOf(d), d.message, d.range.start.line]), before.map((d) => [codeOf(d), d.message, d.range.start.line]));
  });

  it('clears a document\'s diagnostics when it closes', async () => {
    const { document } = await open('broken/schema-errors.yaml');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'any finding');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no findings after close', 10_000);
  });

  it('lints a file created on disk and forgets it when deleted (file system watcher)', async () => {
    const shop = (await open('shop/web-deployment.yaml')).document;
    await waitForDiagnostics(shop.uri, (d) => withCode(d, 'configmap-missing').length === 0, 'web-config found');
    // a second ConfigMap named like the first one: duplicate-object lands in the open document's set
    const extra = fixture('extras/web-config-copy.yaml');
    await vscode.workspace.fs.writeFile(extra, new TextEncoder().encode('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 81\n'));
    try {
      const svc = (await open('shop/web-service.yaml')).document;
      await waitForDiagnostics(svc.uri, (d) => withCode(d, 'duplicate-object').length > 0, 'duplicate-object from the new file');
      await vscode.workspace.fs.delete(extra);
      await waitForDiagnostics(svc.uri, (d) => withCode(d, 'duplicate-object').length === 0, 'duplicate-object gone with the file');
    } finally {
      try { await vscode.workspace.fs.delete(extra); } catch { /* already gone */ }
    }
  });

  it('keeps a file on disk that only quotes template text ("{{ .Time }}" in a value) in the resource set', async () => {
    // A log format, a Grafana legend, an alert description: `{{ }}` inside a string is data, not a Helm template.
    const config = fixture('extras/log-format.yaml');
    const pod = fixture('extras/log-writer.yaml');
    const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await write(config, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: log-format\ndata:\n  FORMAT: \'{{ .Time }} {{ .Level }} {{ .Message }}\'\n');
    await write(pod, [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: log-writer', 'spec:', '  containers:', '    - name: app',
      '      image: busybox:1.36', '      envFrom:', '        - configMapRef:', '            name: log-format', '',
    ].join('\n'));
    try {
      const doc = (await open('extras/log-writer.yaml')).document;
      await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'resources-missing'), 'the rules to have run on the pod');
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'configmap-missing').length === 0, 'the ConfigMap found in its file on disk');
      assert.deepEqual(withCode(ds, 'configmap-missing'), []);
      // and a real template on disk still stays out: no false findings from it
      const tpl = (await open('templates/helm-deployment.yaml')).document;
      const notice = await waitForDiagnostics(tpl.uri, (d) => d.length > 0, 'the template notice');
      assert.deepEqual(notice.map(codeOf), ['manifest/template']);
    } finally {
      await revertAndCloseAll();
      for (const u of [pod, config]) { try { await vscode.workspace.fs.delete(u); } catch { /* gone */ } }
    }
  });

  it('reads a UTF-16 file on disk (byte order mark, as Windows PowerShell writes) into the resource set', async () => {
    const config = fixture('extras/utf16-config.yaml');
    const pod = fixture('extras/utf16-reader.yaml');
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-windows\ndata:\n  A: b\n';
    const utf16 = new Uint8Array(2 + cm.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < cm.length; i++) { utf16[2 + 2 * i] = cm.charCodeAt(i) & 0xff; utf16[3 + 2 * i] = cm.charCodeAt(i) >> 8; }
    await vscode.workspace.fs.writeFile(config, utf16);
    await vscode.workspace.fs.writeFile(pod, new TextEncoder().encode([
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: utf16-reader', 'spec:', '  containers:', '    - name: app',
      '      image: busybox:1.36', '      envFrom:', '        - configMapRef:', '            name: from-windows', '',
    ].join('\n')));
    try {
      const doc = (await open('extras/utf16-reader.yaml')).document;
      await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'resources-missing'), 'the rules to have run on the pod');
      const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'configmap-missing').length === 0, 'the ConfigMap read from the UTF-16 file');
      assert.deepEqual(withCode(ds, 'configmap-missing'), []);
    } finally {
      await revertAndCloseAll();
      for (const u of [pod, config]) { try { await vscode.workspace.fs.delete(u); } catch { /* gone */ } }
    }
  });

  it('says nothing about a YAML file without apiVersion or kind, until the user starts a manifest in it', async () => {
    const settings = fixture('extras/app-settings.yaml');
    await vscode.workspace.fs.writeFile(settings, new TextEncoder().encode('server:\n  port: 8080\nfeatures: [a, b]\n'));
    try {
      const editor = await open('extras/app-settings.yaml');
      const api = await extensionApi();
      await api.whenIdle();
      await waitFor(() => api.lintStats(editor.document.uri)?.lints, 'the file to be linted');
      assert.deepEqual(kubeDiagnostics(editor.document.uri), [], describeDiagnostics(kubeDiagnostics(editor.document.uri)));
      // an apiVersion makes it a (broken) manifest: now the missing kind is worth an error
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'apiVersion: v1\n'));
      const ds = await waitForDiagnostics(editor.document.uri, (d) => withCode(d, 'manifest/missing-kind').length > 0, 'missing kind once apiVersion is typed');
      assert.equal(withCode(ds, 'manifest/missing-kind')[0].severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await revertAndCloseAll();
      try { await vscode.workspace.fs.delete(settings); } catch { /* gone */ }
    }
  });

  it('reads a Kustomize overlay patch as a patch: no missing required fields, no duplicate of its base', async () => {
    const files: [string, string][] = [
      ['kz/base/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kz-web}\nspec:\n  selector: {matchLabels: {app: kz-web}}\n  template:\n    metadata: {labels: {app: kz-web}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n'],
      ['kz/base/kustomization.yaml', 'resources: [deploy.yaml]\n'],
      ['kz/prod/kustomization.yaml', 'resources: [../base]\npatches:\n- path: replicas.yaml\n'],
      ['kz/prod/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kz-web}\nspec:\n  replicaz: 5\n'],
    ];
    for (const [rel, text] of files) await vscode.workspace.fs.writeFile(fixture(rel), new TextEncoder().encode(text));
    try {
      const patch = (await open('kz/prod/replicas.yaml')).document;
      // the new files reach the set through the file watcher, in any order: wait for the state they make together
      const ds = await waitForDiagnostics(patch.uri, (d) => d.length === 1 && codeOf(d[0]) === 'schema/unknown-field', 'only the typo in the patch');
      assert.match(ds[0].message, /Unknown field "replicaz" in Deployment spec — did you mean "replicas"\?/);
    } finally {
      await revertAndCloseAll();
      try { await vscode.workspace.fs.delete(fixture('kz'), { recursive: true }); } catch { /* gone */ }
    }
  });

  it('lints an untitled YAML document, and forgets it when it is closed', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: scratch\nspec:\n  ports:\n    - port: eighty\n',
    });
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, (d) => withCode(d, 'schema/type').length > 0, 'the port type error in an untitled document');
    const d = withCode(ds, 'schema/type')[0];
    assert.equal(d.message, 'spec.ports[0].port must be an integer, got "eighty"');
    assert.deepEqual([d.range.start.line, d.range.start.character], [6, 12]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(doc.uri, (x) => x.length === 0, 'no findings once closed', 10_000);
  });
});
