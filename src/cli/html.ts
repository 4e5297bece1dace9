// `kube-preview simulate --html FILE`: a standalone page showing a snapshot with the same webview bundle.
// Safety: a Content-Security-Policy with a per-page nonce (no other script or style runs), the snapshot
// inlined as JSON inside a non-executable <script type="application/json"> with `<` and U+2028/2029 escaped
// (so no manifest text can close the element or start markup), read back with JSON.parse (never eval).
import { randomBytes } from 'node:crypto';
import type { ClusterSnapshot } from '../cluster/snapshot';

export interface StandaloneOptions {
  /** fixed nonce (tests); a random one by default */
  nonce?: string;
  title?: string;
  theme?: 'light' | 'dark' | 'auto';
  /** the codicon stylesheet and font (dist/codicons/): inlined, the font as a data: URI, so the page stays one file */
  codicons?: { css: string; font: Uint8Array };
}

/** The codicon stylesheet with its font reference (`url("./codicon.ttf?hash")`) replaced by the font itself. */
export function inlineCodiconCss(css: string, font: Uint8Array): string {
  const data = `url("data:font/ttf;base64,${Buffer.from(font).toString('base64')}")`;
  return css.replace(/url\((["']?)\.\/codicon\.ttf[^"')]*\1\)/g, data);
}

/** JSON that is inert inside an HTML element: `<` cannot start a tag and the line separators are escaped. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for inside <script>/<style>: a `</script` or `</style` in the bundle must not end the element. */
function inlineCode(code: string, tag: 'script' | 'style'): string {
  const re = tag === 'script' ? /<\/(script)/gi : /<\/(style)/gi;
  return code.replace(re, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The page's own glue: a stand-in for VS Code's acquireVsCodeApi that answers "ready" with the snapshot. */
function standIn(scopeLabel: string, theme: 'light' | 'dark' | 'auto'): string {
  return `(function () {
  var state;
  var theme = ${JSON.stringify(theme)};
  var dark = theme === 'dark' || (theme === 'auto' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.body.className = dark ? 'vscode-dark' : 'vscode-light';
  function send() {
    var snapshot = JSON.parse(document.getElementById('kp-snapshot').textContent);
    window.postMessage({
      type: 'snapshot', snapshot: snapshot, scopeLabel: ${inlineJson(scopeLabel)}, whatIfs: [], readOnly: true, presets: [], versions: [],
      cluster: { preset: snapshot.clusterSource, clusterFile: null, seed: snapshot.seed, kubernetesVersion: snapshot.kubernetesVersion }
    }, '*');
  }
  function download(msg) {
    var href = msg.format === 'svg' ? 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(msg.data) : String(msg.data);
    if (href.indexOf('data:image/') !== 0) return;
    var a = document.createElement('a');
    a.download = 'kube-preview.' + (msg.format === 'svg' ? 'svg' : 'png');
    a.href = href;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  window.acquireVsCodeApi = function () {
    return {
      postMessage: function (msg) {
        if (msg && msg.type === 'ready') send();
        else if (msg && msg.type === 'export') download(msg);
      },
      getState: function () { return state; },
      setState: function (s) { state = s; }
    };
  };
})();`;
}

export function renderStandaloneHtml(snapshot: ClusterSnapshot, webviewJs: string, webviewCss: string, opts: StandaloneOptions = {}): string {
  const nonce = opts.nonce ?? randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  if (!/^[A-Za-z0-9]+$/.test(nonce)) throw new Error('nonce must be alphanumeric');
  const title = opts.title ?? `Kube Preview: ${snapshot.pods.length} pods on ${snapshot.nodes.length} nodes`;
  const scopeLabel = `${snapshot.clusterSource} cluster · seed ${snapshot.seed} · Kubernetes ${snapshot.kubernetesVersion}`;
  // font-src data: only here: the page is one offline file, so the codicon font travels inside it.
  const fontSrc = opts.codicons ? ` font-src data:;` : '';
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:;${fontSrc} base-uri 'none'; form-action 'none'`;
  const codiconStyle = opts.codicons
    ? `<style nonce="${nonce}">${inlineCode(inlineCodiconCss(opts.codicons.css, opts.codicons.font), 'style')}</style>\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtmlText(title)}</title>
${codiconStyle}<style nonce="${nonce}">${inlineCode(webviewCss, 'style')}</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="kp-snapshot">${inlineJson(snapshot)}</script>
<script nonce="${nonce}">${standIn(scopeLabel, opts.theme ?? 'auto')}</script>
<script nonce="${nonce}">${inlineCode(webviewJs, 'script')}</script>
</body>
</html>
`;
}
