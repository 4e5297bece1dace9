// Test harness: Debian's Chromium (playwright-core) showing the REAL dist/webview.js, dist/webview.css and the
// codicon font (dist/codicons/) in an HTML shell like VS Code's (the panel's CSP with a nonce, a stand-in
// acquireVsCodeApi that records what the webview posts, --vscode-* theme variables and body classes). Snapshots come from the real parser + simulator over
// ../shared/corpus when they are built, else from the hand-written fixture.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ClusterSnapshot } from '../../src/cluster/snapshot';
import type { HostToWebview } from '../../src/protocol';
import { contentSecurityPolicy } from '../../src/extension/panel/html';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus');
export const resultsDir = path.join(repoRoot, 'test-results', 'webview');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Theme variables as VS Code injects them (a subset of Light+/Dark+/High Contrast). */
export const THEMES: Record<'light' | 'dark' | 'hc', { bodyClass: string; vars: Record<string, string> }> = {
  light: { bodyClass: 'vscode-light', vars: {
    '--vscode-editor-background': '#ffffff', '--vscode-foreground': '#3b3b3b', '--vscode-focusBorder': '#005fb8', '--vscode-descriptionForeground': '#717171',
    '--vscode-panel-border': '#e5e5e5', '--vscode-sideBar-background': '#f8f8f8', '--vscode-charts-green': '#388a34', '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-red': '#e51400', '--vscode-charts-orange': '#d18616', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-purple': '#652d90',
    '--vscode-errorForeground': '#e51400', '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-input-background': '#ffffff', '--vscode-input-border': '#cecece',
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
  } },
  dark: { bodyClass: 'vscode-dark', vars: {
    '--vscode-editor-background': '#1f1f1f', '--vscode-foreground': '#cccccc', '--vscode-focusBorder': '#0078d4', '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b', '--vscode-sideBar-background': '#181818', '--vscode-charts-green': '#89d185', '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-red': '#f14c4c', '--vscode-charts-orange': '#d18616', '--vscode-charts-blue': '#3794ff', '--vscode-charts-purple': '#b180d7',
    '--vscode-errorForeground': '#f85149', '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc', '--vscode-input-background': '#313131', '--vscode-input-border': '#3c3c3c',
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
  } },
  hc: { bodyClass: 'vscode-high-contrast', vars: {
    '--vscode-editor-background': '#000000', '--vscode-foreground': '#ffffff', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df',
    '--vscode-charts-green': '#89d185', '--vscode-charts-yellow': '#ffd700', '--vscode-charts-red': '#f48771', '--vscode-errorForeground': '#f48771',
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
  } },
};

const NONCE = 'kpTestNonce0123456789';

function shellHtml(port: number, initialState: unknown): string {
  // The panel's own policy (src/extension/panel/html.ts) with this server standing in for webview.cspSource.
  const csp = contentSecurityPolicy(`http://127.0.0.1:${port}`, NONCE);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/codicons/codicon.css">
<link rel="stylesheet" href="/webview.css"></head>
<body class="vscode-light"><div id="app"></div>
<script type="application/json" id="initial-state">${JSON.stringify(initialState ?? null).replace(/</g, '\\u003c')}</script>
<script nonce="${NONCE}">
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  let state = JSON.parse(document.getElementById('initial-state').textContent);
  window.__state = () => state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => { state = s; },
  });
</script>
<script nonce="${NONCE}" src="/webview.js"></script>
</body></html>`;
}

export interface WebviewPage {
  page: Page;
  /** messages the webview posted so far */
  posted(): Promise<{ type: string; [k: string]: unknown }[]>;
  clearPosted(): Promise<void>;
  /** post a message as the host would and wait until the webview rendered it */
  send(msg: HostToWebview | unknown, expectRender?: boolean): Promise<void>;
  setTheme(theme: keyof typeof THEMES): Promise<void>;
  close(): Promise<void>;
}

let server: http.Server | null = null;
let serverPort = 0;
let currentInitialState: unknown = null;

async function ensureServer(): Promise<number> {
  if (server) return serverPort;
  const dist = path.join(repoRoot, 'dist');
  server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(shellHtml(serverPort, currentInitialState));
    } else if (url === '/webview.js' || url === '/webview.css' || url === '/codicons/codicon.css' || url === '/codicons/codicon.ttf') {
      const file = path.join(dist, url.slice(1));
      const type = url.endsWith('.js') ? 'text/javascript' : url.endsWith('.ttf') ? 'font/ttf' : 'text/css';
      res.writeHead(200, { 'content-type': type });
      res.end(fs.readFileSync(file));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  serverPort = (server.address() as AddressInfo).port;
  return serverPort;
}

export async function stopServer(): Promise<void> {
  if (!server) return;
  await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = null;
}

export async function openWebview(browser: Browser, opts: { initialState?: unknown; width?: number; height?: number } = {}): Promise<WebviewPage> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'webview.js'))) throw new Error('dist/webview.js is missing: run node scripts/build.mjs');
  const port = await ensureServer();
  currentInitialState = opts.initialState ?? null;
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 } });
  page.on('pageerror', (err) => { console.error('page error:', err.message); });
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-kp-renders'));
  const renders = (): Promise<number> => page.evaluate(() => Number(document.documentElement.getAttribute('data-kp-renders')));
  const wp: WebviewPage = {
    page,
    posted: () => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted),
    clearPosted: () => page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; }),
    async send(msg, expectRender = true) {
      const before = await renders();
      await page.evaluate((m) => window.postMessage(m, '*'), msg as object);
      if (expectRender) await page.waitForFunction((n) => Number(document.documentElement.getAttribute('data-kp-renders')) > n, before);
      else await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    },
    async setTheme(theme) {
      const t = THEMES[theme];
      await page.evaluate(({ bodyClass, vars }) => {
        document.body.className = bodyClass;
        const s = document.documentElement.style;
        for (let i = s.length - 1; i >= 0; i--) if (s[i].startsWith('--vscode-')) s.removeProperty(s[i]);
        for (const [k, v] of Object.entries(vars)) s.setProperty(k, v);
      }, t);
    },
    close: () => page.close(),
  };
  await wp.setTheme('light');
  return wp;
}

export function snapshotMessage(snapshot: ClusterSnapshot, extra: Partial<Extract<HostToWebview, { type: 'snapshot' }>> = {}): HostToWebview {
  return {
    type: 'snapshot', snapshot, scopeLabel: 'shop.yaml', whatIfs: [], presets: ['single-node', 'default', 'ha'], versions: ['1.34', '1.36'],
    cluster: { preset: 'default', clusterFile: null, seed: snapshot.seed, kubernetesVersion: '1.34' }, ...extra,
  };
}

type SimulateFn = (manifests: unknown[], options?: { seed?: number; preset?: string; whatIfs?: unknown[] }) => ClusterSnapshot;
type ParseFn = (p: string, text: string) => { manifests: unknown[] };

/** The real parser and simulator (out/src/...), or null while they are not built. */
export function realEngine(): { parse: ParseFn; simulate: SimulateFn; simulateObjects?: (objs: unknown[], o?: object) => ClusterSnapshot } | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const parse = require(path.join(repoRoot, 'out/src/manifests/parse.js')).parseManifests as ParseFn;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sim = require(path.join(repoRoot, 'out/src/cluster/simulate.js')) as { simulate: SimulateFn; simulateObjects?: (objs: unknown[], o?: object) => ClusterSnapshot };
    if (typeof parse !== 'function' || typeof sim.simulate !== 'function') return null;
    return { parse, simulate: sim.simulate, simulateObjects: sim.simulateObjects };
  } catch {
    return null;
  }
}

/** Simulate YAML files (paths relative to the corpus) or inline texts; null when the engine is not built. */
export function simulateTexts(files: { path: string; text: string }[], options: { seed?: number; preset?: string; whatIfs?: unknown[] } = {}): ClusterSnapshot | null {
  const eng = realEngine();
  if (!eng) return null;
  const manifests = files.flatMap((f) => eng.parse(f.path, f.text).manifests);
  return eng.simulate(manifests, { seed: 1, ...options });
}

export function corpusFiles(...rel: string[]): { path: string; text: string }[] {
  return rel.map((r) => ({ path: path.join(corpusRoot, r), text: fs.readFileSync(path.join(corpusRoot, r), 'utf8') }));
}

export async function screenshot(wp: WebviewPage, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await wp.page.screenshot({ path: file });
  return file;
}
