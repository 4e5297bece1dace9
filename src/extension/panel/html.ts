// The preview webview's HTML shell: the webview bundle builds its own DOM inside <div id="app">. Strict CSP:
// nothing inline without the per-load nonce, no eval, resources only from the extension's own roots (the
// codicon font loads through font-src ${cspSource}, its stylesheet through style-src ${cspSource}).
// No vscode import (the URIs come in as strings), so the policy can be unit-tested.

export interface ShellOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** dist/codicons/codicon.css: the codicon font's stylesheet (its url() resolves the font next to it) */
  codiconsUri?: string;
  title: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function makeNonce(random: (n: number) => Uint8Array): string {
  return Buffer.from(random(18)).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderShell(o: ShellOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${o.codiconsUri ? `<link rel="stylesheet" nonce="${escapeAttr(o.nonce)}" href="${escapeAttr(o.codiconsUri)}">\n` : ''}<link rel="stylesheet" nonce="${escapeAttr(o.nonce)}" href="${escapeAttr(o.styleUri)}">
<title>${escapeAttr(o.title)}</title>
</head>
<body>
<div id="app" role="application" aria-label="${escapeAttr(o.title)}"></div>
<script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}
