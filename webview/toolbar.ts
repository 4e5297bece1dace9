// The toolbar: view tabs, the cluster choice (preset, seed, Kubernetes version -> setCluster), the filter bar
// (namespace, kind, label, text) and export buttons.
import type { ClusterChoice, ViewName } from '../src/protocol';
import type { Actions } from './actions';
import { button, h, icon } from './dom';
import { VIEWS, type AppState } from './state';

const TAB_TITLES: Record<ViewName, string> = { graph: 'Graph', nodes: 'Nodes', services: 'Services', events: 'Events' };

export interface ToolbarCallbacks {
  setCluster(c: Partial<ClusterChoice>): void;
  exportView(format: 'svg' | 'png'): void;
}

function fillSelect(sel: HTMLSelectElement, values: string[], current: string, emptyLabel?: string): void {
  const want = [...(emptyLabel !== undefined ? [''] : []), ...values];
  const have = [...sel.options].map((o) => o.value);
  if (have.join('\u0000') !== want.join('\u0000')) {
    sel.textContent = '';
    for (const v of want) sel.append(h('option', { value: v }, v === '' ? emptyLabel ?? '' : v));
  }
  sel.value = current;
}

export function createToolbar(actions: Actions, cb: ToolbarCallbacks): { el: HTMLElement; render(st: AppState): void } {
  const tabs = h('div', { class: 'kp-tabs', role: 'tablist', 'aria-label': 'Views' });
  const tabButtons = new Map<ViewName, HTMLButtonElement>();
  for (const v of VIEWS) {
    const b = button(`${TAB_TITLES[v]} view`, () => actions.showView(v), { class: 'kp-tab', role: 'tab', id: `kp-tab-${v}`, 'aria-controls': `kp-panel-${v}`, 'data-view': v }, TAB_TITLES[v]);
    tabButtons.set(v, b);
    tabs.append(b);
  }
  tabs.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const cur = VIEWS.findIndex((v) => tabButtons.get(v) === document.activeElement);
    if (cur < 0) return;
    const next = VIEWS[(cur + (ev.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length];
    actions.showView(next);
    tabButtons.get(next)!.focus();
    ev.preventDefault();
  });

  const preset = h('select', { class: 'kp-select', 'aria-label': 'Cluster preset' });
  const seed = h('input', { type: 'number', class: 'kp-input kp-narrow', min: 0, 'aria-label': 'Seed' });
  const version = h('select', { class: 'kp-select', 'aria-label': 'Kubernetes version' });
  preset.addEventListener('change', () => cb.setCluster({ preset: preset.value }));
  version.addEventListener('change', () => cb.setCluster({ kubernetesVersion: version.value }));
  seed.addEventListener('change', () => { const n = Number(seed.value); if (Number.isInteger(n) && n >= 0) cb.setCluster({ seed: n }); });
  const cluster = h('div', { class: 'kp-cluster' },
    h('label', { class: 'kp-field' }, 'Cluster ', preset), h('label', { class: 'kp-field' }, 'Seed ', seed), h('label', { class: 'kp-field' }, 'Kubernetes ', version));
  const exports = h('div', { class: 'kp-exports' },
    button('Export view as SVG', () => cb.exportView('svg'), { class: 'kp-btn' }, icon('export'), 'SVG'),
    button('Export view as PNG', () => cb.exportView('png'), { class: 'kp-btn' }, icon('export'), 'PNG'));
  const top = h('div', { class: 'kp-toolbar-row' }, tabs, cluster, exports);

  const ns = h('select', { class: 'kp-select', 'aria-label': 'Filter by namespace' });
  const kind = h('select', { class: 'kp-select', 'aria-label': 'Filter by kind' });
  const label = h('input', { type: 'search', class: 'kp-input', placeholder: 'label key=value', 'aria-label': 'Filter by label' });
  const text = h('input', { type: 'search', class: 'kp-input', placeholder: 'Search names…', 'aria-label': 'Search by name' });
  ns.addEventListener('change', () => actions.setFilter('namespace', ns.value));
  kind.addEventListener('change', () => actions.setFilter('kind', kind.value));
  label.addEventListener('input', () => actions.setFilter('label', label.value));
  text.addEventListener('input', () => actions.setFilter('text', text.value));
  const filters = h('div', { class: 'kp-toolbar-row kp-filters', role: 'search' }, ns, kind, label, text);
  const el = h('header', { class: 'kp-toolbar' }, top, filters);

  function render(st: AppState): void {
    for (const [v, b] of tabButtons) {
      b.setAttribute('aria-selected', String(v === st.view));
      b.tabIndex = v === st.view ? 0 : -1;
      b.classList.toggle('active', v === st.view);
    }
    cluster.hidden = st.readOnly || !st.cluster;
    if (st.cluster) {
      fillSelect(preset, st.presets.includes(st.cluster.preset) ? st.presets : [...st.presets, st.cluster.preset], st.cluster.preset);
      fillSelect(version, st.versions.includes(st.cluster.kubernetesVersion) ? st.versions : [...st.versions, st.cluster.kubernetesVersion], st.cluster.kubernetesVersion);
      if (document.activeElement !== seed) seed.value = String(st.cluster.seed);
    }
    const snap = st.snapshot;
    if (snap) {
      const namespaces = new Set<string>();
      const kinds = new Set<string>();
      for (const o of st.index.values()) { if (o.namespace) namespaces.add(o.namespace); kinds.add(o.kind); }
      fillSelect(ns, [...namespaces].sort(), st.filters.namespace, 'All namespaces');
      fillSelect(kind, [...kinds].sort(), st.filters.kind, 'All kinds');
    }
    if (document.activeElement !== label) label.value = st.filters.label;
    if (document.activeElement !== text) text.value = st.filters.text;
  }
  return { el, render };
}
