// Entry of dist/webview.js. Builds the whole UI inside <div id="app"> (or <body>), receives HostToWebview
// messages (validated first, see messages.ts), posts WebviewToHost messages through acquireVsCodeApi(), and
// persists the view, selection and filters with setState so a reload restores them.
import './styles.css';
import type { ClusterChoice, HostToWebview, ViewName, WebviewToHost } from '../src/protocol';
import type { Actions, View } from './actions';
import { createDetails } from './details';
import { h, replaceChildren } from './dom';
import { serializeGraph, serializeHtmlView, svgToPng } from './export';
import { hostMessageError } from './messages';
import { diffWhatIf } from './what-if-diff';
import { createSummary } from './summary';
import { createToolbar } from './toolbar';
import { buildIndex, initialState, keyOf, parseKey, restorePersisted, toPersisted, type AppState } from './state';
import { createEventsView } from './views/events';
import { createGraphView } from './views/graph';
import { createNodesView } from './views/nodes';
import { createServicesView } from './views/services';

interface VsCodeApi { postMessage(msg: unknown): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

function vscodeApi(): VsCodeApi {
  // Outside VS Code (a page opened directly) there is no host: keep working, post nowhere.
  if (typeof acquireVsCodeApi === 'function') return acquireVsCodeApi();
  return { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };
}

const vscode = vscodeApi();
const post = (msg: WebviewToHost): void => vscode.postMessage(msg);
const st: AppState = initialState();
restorePersisted(st, vscode.getState());

const root = document.getElementById('app') ?? document.body;
root.classList.add('kp-root');

function persist(): void {
  vscode.setState(toPersisted(st));
  post({ type: 'viewState', state: { view: st.view, selected: st.selected ? parseKey(st.selected) : null } });
}

const actions: Actions = {
  select(key, opts) {
    st.selected = key;
    persist();
    if (key && opts?.reveal && st.index.get(key)?.source) post({ type: 'reveal', object: parseKey(key) });
    renderAll();
  },
  reveal(key) {
    if (st.index.get(key)?.source) post({ type: 'reveal', object: parseKey(key) });
  },
  whatIf(change) { post({ type: 'whatIf', change }); },
  resetWhatIfs() { post({ type: 'resetWhatIf' }); },
  toggleGroup(groupKey) {
    if (st.expanded.has(groupKey)) st.expanded.delete(groupKey);
    else st.expanded.add(groupKey);
    st.selected = groupKey;
    persist();
    renderAll();
  },
  showView(view: ViewName) {
    if (st.view === view) return;
    st.view = view;
    persist();
    renderAll();
  },
  setFilter(field, value) {
    st.filters[field] = value;
    persist();
    renderAll();
  },
};

async function exportView(format: 'svg' | 'png'): Promise<void> {
  const view = views[st.view];
  try {
    view.beforeExport?.();
    const svgEl = view.exportSvg?.();
    const svg = svgEl ? serializeGraph(svgEl) : serializeHtmlView(view.el);
    post({ type: 'export', format, data: format === 'svg' ? svg : await svgToPng(svg) });
  } catch (err) {
    console.warn('kube-preview: export failed', err);
  }
}

const toolbar = createToolbar(actions, {
  setCluster: (cluster: Partial<ClusterChoice>) => post({ type: 'setCluster', cluster }),
  exportView: (format) => { void exportView(format); },
});
const summary = createSummary(actions);
const details = createDetails(actions);
const views: Record<ViewName, View> = {
  graph: createGraphView(actions),
  nodes: createNodesView(actions),
  services: createServicesView(actions),
  events: createEventsView(actions),
};
const banner = h('div', { class: 'kp-banner', role: 'alert', hidden: true });
const message = h('div', { class: 'kp-message' });
const viewHost = h('div', { class: 'kp-viewhost' }, ...Object.values(views).map((v) => v.el), message);
const main = h('div', { class: 'kp-main' }, viewHost, details.el);
root.append(toolbar.el, summary.el, banner, main);

let renders = 0;
/** Views other than the active one are drawn when they are shown (their state may be stale until then). */
const drawnWith = new Map<ViewName, unknown>();

function renderAll(): void {
  const t0 = performance.now();
  toolbar.render(st);
  summary.render(st);
  const hasSnapshot = st.mode === 'snapshot' || (st.mode === 'error' && st.snapshot !== null);
  for (const [name, v] of Object.entries(views) as [ViewName, View][]) v.el.hidden = !hasSnapshot || name !== st.view;
  main.classList.toggle('no-snapshot', !hasSnapshot);
  banner.hidden = st.mode !== 'error';
  if (st.mode === 'error') replaceChildren(banner, h('strong', {}, 'Simulation failed: '), st.errorMessage);
  message.hidden = hasSnapshot;
  if (!hasSnapshot) {
    if (st.mode === 'empty') {
      replaceChildren(message, h('h2', {}, 'No Kubernetes objects in this file'), h('p', { class: 'kp-muted' }, st.emptyReason),
        st.scopeLabel ? h('p', { class: 'kp-muted' }, st.scopeLabel) : null);
    } else if (st.mode === 'error') {
      replaceChildren(message, h('h2', {}, 'The preview could not be drawn'), h('p', {}, st.errorMessage));
    } else {
      replaceChildren(message, h('p', { class: 'kp-muted' }, 'Waiting for the simulation…'));
    }
  } else {
    views[st.view].render(st);
    drawnWith.set(st.view, st.snapshot);
  }
  details.render(st);
  renders++;
  document.documentElement.setAttribute('data-kp-renders', String(renders));
  document.documentElement.setAttribute('data-kp-view', st.view);
  document.dispatchEvent(new CustomEvent('kp:rendered', { detail: { ms: performance.now() - t0, view: st.view } }));
}

function handle(msg: HostToWebview): void {
  switch (msg.type) {
    case 'snapshot':
      st.mode = 'snapshot';
      st.snapshot = msg.snapshot;
      st.index = buildIndex(msg.snapshot);
      st.scopeLabel = msg.scopeLabel;
      st.whatIfs = msg.whatIfs;
      st.whatIfDiff = msg.whatIfs.length && msg.baseline ? diffWhatIf(msg.snapshot, msg.baseline) : null;
      st.cluster = msg.cluster;
      st.presets = msg.presets;
      st.versions = msg.versions;
      st.readOnly = msg.readOnly === true;
      break;
    case 'empty':
      st.mode = 'empty';
      st.snapshot = null;
      st.whatIfDiff = null;
      st.index = new Map();
      st.scopeLabel = msg.scopeLabel;
      st.emptyReason = msg.reason;
      break;
    case 'error':
      st.mode = 'error';
      st.errorMessage = msg.message;
      break;
    case 'highlight':
      st.highlighted = new Set(msg.objects.map(keyOf));
      break;
    case 'focus': {
      if (msg.view) st.view = msg.view;
      st.selected = keyOf(msg.object);
      persist();
      renderAll();
      views[st.view].reveal?.(st.selected);
      return;
    }
    case 'exportRequest':
      void exportView(msg.format);
      return;
  }
  renderAll();
}

window.addEventListener('message', (ev: MessageEvent) => {
  const err = hostMessageError(ev.data);
  if (err) { console.warn(`kube-preview: ignored a message from the host (${err})`); return; }
  handle(ev.data as HostToWebview);
});

// Keyboard: arrows move between the objects of the active view, Enter/Space select the focused one.
root.addEventListener('keydown', (ev) => {
  const target = ev.target as Element;
  if (target.closest('input, select, textarea, [role="tablist"], .kp-details')) return;
  const item = target.closest('[data-key]');
  if (!item) return;
  if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    item.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    return;
  }
  const dir = ev.key === 'ArrowDown' || ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowUp' || ev.key === 'ArrowLeft' ? -1 : 0;
  if (!dir) return;
  const items = Array.from(views[st.view].el.querySelectorAll<HTMLElement | SVGElement>('[data-key]'));
  const i = items.indexOf(item as HTMLElement);
  const next = items[i + dir];
  if (next) { ev.preventDefault(); next.focus(); }
});

window.addEventListener('resize', () => { if (st.view === 'events' && st.snapshot) views.events.render(st); });

renderAll();
post({ type: 'ready' });
