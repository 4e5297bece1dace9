import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, renderShell } from '../../../src/extension/panel/html';
import { randomBytes } from 'node:crypto';

describe('extension/panel/html (webview shell and CSP)', () => {
  it('builds the strict policy: nothing by default, scripts and styles only with the nonce or from the extension', () => {
    const csp = contentSecurityPolicy('https://file+.vscode-resource.example', 'abc123');
    assert.equal(csp, "default-src 'none'; img-src https://file+.vscode-resource.example data:; style-src https://file+.vscode-resource.example 'nonce-abc123'; script-src 'nonce-abc123'; font-src https://file+.vscode-resource.example");
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('makes fresh alphanumeric nonces', () => {
    const a = makeNonce((n) => randomBytes(n));
    const b = makeNonce((n) => randomBytes(n));
    assert.match(a, /^[A-Za-z0-9]{16,}$/);
    assert.notEqual(a, b);
  });

  it('puts the nonce on the one script and stylesheet and escapes attribute values', () => {
    const html = renderShell({ cspSource: 'vscode-resource:', nonce: 'N0NCE', scriptUri: 'vscode-resource:/dist/webview.js', styleUri: 'vscode-resource:/dist/webview.css', title: 'Kube Preview: "<x>"' });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="N0NCE" src="vscode-resource:\/dist\/webview\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" nonce="N0NCE" href="vscode-resource:\/dist\/webview\.css">/);
    assert.match(html, /<div id="app"/);
    assert.doesNotMatch(html, /"<x>"/);
    assert.match(html, /&quot;&lt;x&gt;&quot;/);
  });

  it('links the codicon stylesheet before the webview\'s own (which resizes the icons), with the nonce', () => {
    const html = renderShell({ cspSource: 'vscode-resource:', nonce: 'N0NCE', scriptUri: 'vscode-resource:/dist/webview.js', styleUri: 'vscode-resource:/dist/webview.css',
      codiconsUri: 'vscode-resource:/dist/codicons/codicon.css', title: 'Kube Preview' });
    const links = [...html.matchAll(/<link rel="stylesheet" nonce="N0NCE" href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(links, ['vscode-resource:/dist/codicons/codicon.css', 'vscode-resource:/dist/webview.css']);
  });
});
