// Services view: Ingress routes (host/path -> service:port) leading into each Service (type, clusterIP, ports,
// nodePorts), its EndpointSlices and their endpoints (address:port, pod, node, zone, conditions). A Service
// that reaches nothing stands out with the reason the simulation gave.
import * as d3 from 'd3';
import type { SnapshotEndpointSlice, SnapshotIngressRoute, SnapshotService } from '../../src/protocol';
import type { Actions, View } from '../actions';
import { button, h, icon, replaceChildren } from '../dom';
import { keyOf, passesFilters, type AppState } from '../state';
import { markSelection, scrollToKey } from './nodes';

type LazyBlock = HTMLElement & { __kpSig?: string; __kpPending?: ServiceBlock };
/** Service blocks drawn at once on each render; the rest when they come near the viewport. */
const EAGER_BLOCKS = 24;

interface ServiceBlock { svc: SnapshotService; slices: SnapshotEndpointSlice[]; routes: SnapshotIngressRoute[]; sig: string }

function portText(p: SnapshotService['ports'][number]): string {
  return `${p.name ? p.name + ' ' : ''}${p.port}→${p.targetPort}/${p.protocol}${p.nodePort !== null ? ` (nodePort ${p.nodePort})` : ''}`;
}

function link(kind: string, namespace: string | null, name: string, text: string, cls = 'kp-link'): HTMLElement {
  const key = keyOf({ kind, namespace, name });
  return h('span', { class: cls, 'data-key': key, tabindex: 0, role: 'button', 'aria-label': `${kind} ${namespace ? namespace + '/' : ''}${name}` }, text);
}

function cond(on: boolean, label: string): HTMLElement {
  return h('span', { class: `kp-cond ${on ? 'on' : 'off'}`, title: `${label}: ${on}`, 'aria-label': `${label} ${on}` }, on ? label : `not ${label}`);
}

const ENDPOINT_ROWS = 30;

function block(b: ServiceBlock, showAll: Set<string>, onChange: () => void): HTMLElement[] {
  const s = b.svc;
  const head = h('div', { class: 'kp-svc-head' },
    link('Service', s.namespace, s.name, `${s.namespace}/${s.name}`, 'kp-link kp-svc-name'),
    h('span', { class: 'kp-badge' }, s.type),
    h('span', { class: 'kp-mono' }, s.headless ? 'None (headless)' : (s.clusterIP ?? '—')),
    s.externalName ? h('span', { class: 'kp-mono' }, `→ ${s.externalName}`) : null);
  const out: HTMLElement[] = [];
  if (b.routes.length) {
    const routes = h('ul', { class: 'kp-routes', 'aria-label': 'Ingress routes' });
    for (const r of b.routes) {
      routes.append(h('li', { class: `kp-route${r.problem ? ' problem' : ''}` },
        link('Ingress', r.namespace, r.ingress, `ing/${r.ingress}`),
        h('span', { class: 'kp-mono' }, ` ${r.host ?? '*'}${r.path ?? '/'} → ${r.service ?? '?'}:${r.port ?? '?'}`),
        r.problem ? h('span', { class: 'kp-problem-text' }, ` ${r.problem}`) : null));
    }
    out.push(routes);
  }
  out.push(head);
  out.push(h('div', { class: 'kp-svc-ports' }, ...s.ports.map((p) => h('span', { class: 'kp-tag kp-mono' }, portText(p)))));
  if (s.problems.length) {
    out.push(h('div', { class: 'kp-problems', role: 'alert' }, ...s.problems.map((p) => h('div', { class: 'kp-problem' }, icon('warning'), ` ${p}`))));
  }
  for (const es of b.slices) {
    const ports = es.ports.map((p) => p.port);
    const table = h('table', { class: 'kp-endpoints', 'aria-label': `Endpoints of ${es.name}` },
      h('caption', {}, link('EndpointSlice', es.namespace, es.name, `EndpointSlice ${es.name}`), ` · ${es.addressType} · ${es.endpoints.length} endpoint${es.endpoints.length === 1 ? '' : 's'}`),
      h('thead', {}, h('tr', {}, ...['Address', 'Pod', 'Node', 'Zone', 'Conditions'].map((t) => h('th', { scope: 'col' }, t)))));
    const body = h('tbody', {});
    // A slice holds up to 100 endpoints; past ENDPOINT_ROWS the rest are drawn on request (keeps 10,000 pods fast).
    const all = showAll.has(`${es.namespace}/${es.name}`);
    const shown = all ? es.endpoints : es.endpoints.slice(0, ENDPOINT_ROWS);
    for (const ep of shown) {
      const addr = ep.addresses.map((a) => (ports.length ? ports.map((p) => `${a}:${p}`).join(', ') : a)).join(', ');
      body.append(h('tr', { class: `kp-endpoint${ep.conditions.ready ? '' : ' notready'}` },
        h('td', { class: 'kp-mono' }, addr),
        h('td', {}, ep.targetRef ? link('Pod', ep.targetRef.namespace, ep.targetRef.name, ep.targetRef.name) : '—'),
        h('td', {}, ep.nodeName ? link('Node', null, ep.nodeName, ep.nodeName) : '—'),
        h('td', {}, ep.zone ?? '—'),
        h('td', {}, cond(ep.conditions.ready, 'ready'), cond(ep.conditions.serving, 'serving'), ep.conditions.terminating ? cond(true, 'terminating') : null)));
    }
    table.append(body);
    out.push(table);
    if (shown.length < es.endpoints.length) {
      out.push(button(`Show all ${es.endpoints.length} endpoints of ${es.name}`, () => { showAll.add(`${es.namespace}/${es.name}`); onChange(); },
        { class: 'kp-btn kp-small' }, `Show all ${es.endpoints.length} endpoints`));
    }
  }
  if (!b.slices.length && s.type !== 'ExternalName') out.push(h('p', { class: 'kp-muted' }, 'No EndpointSlice'));
  return out;
}

export function createServicesView(actions: Actions): View {
  const el = h('div', { class: 'kp-view kp-services', role: 'tabpanel', id: 'kp-panel-services', 'aria-label': 'Services' });
  const orphanRoutes = h('section', { class: 'kp-orphan-routes' });
  const list = h('div', { class: 'kp-svc-list' });
  el.append(orphanRoutes, list);
  const showAll = new Set<string>();
  let last: AppState | null = null;

  function render(st: AppState): void {
    last = st;
    const snap = st.snapshot;
    if (!snap) return;
    const slicesBy = new Map<string, SnapshotEndpointSlice[]>();
    for (const es of snap.endpointSlices) { const k = `${es.namespace}/${es.service}`; const l = slicesBy.get(k) ?? []; l.push(es); slicesBy.set(k, l); }
    const routesBy = new Map<string, SnapshotIngressRoute[]>();
    const svcNames = new Set(snap.services.map((s) => `${s.namespace}/${s.name}`));
    const orphans: SnapshotIngressRoute[] = [];
    for (const r of snap.ingressRoutes) {
      const k = `${r.namespace}/${r.service ?? ''}`;
      if (!svcNames.has(k)) { orphans.push(r); continue; }
      const l = routesBy.get(k) ?? []; l.push(r); routesBy.set(k, l);
    }
    const f = st.filters;
    const blocks: ServiceBlock[] = [];
    for (const svc of snap.services) {
      // The kind filter picks graph columns; here every block is a Service, so only namespace/label/text apply.
      if (!passesFilters({ ...f, kind: '' }, { kind: 'Service', namespace: svc.namespace, name: svc.name, labels: svc.selector ?? {} })) continue;
      const k = `${svc.namespace}/${svc.name}`;
      const slices = slicesBy.get(k) ?? [];
      const routes = routesBy.get(k) ?? [];
      const sig = JSON.stringify([svc, slices, routes, slices.map((s) => showAll.has(`${s.namespace}/${s.name}`))]);
      blocks.push({ svc, slices, routes, sig });
    }
    // Services that reach nothing come first: they are what a reader is looking for.
    blocks.sort((a, b) => Number(b.svc.problems.length > 0) - Number(a.svc.problems.length > 0));
    replaceChildren(orphanRoutes);
    if (orphans.length) {
      orphanRoutes.append(h('h3', { class: 'kp-section-title' }, icon('warning'), ' Ingress routes to missing Services'),
        h('ul', { class: 'kp-routes' }, ...orphans.map((r) => h('li', { class: 'kp-route problem' },
          link('Ingress', r.namespace, r.ingress, `ing/${r.ingress}`),
          h('span', { class: 'kp-mono' }, ` ${r.host ?? '*'}${r.path ?? '/'} → ${r.service ?? '?'}:${r.port ?? '?'}`),
          h('span', { class: 'kp-problem-text' }, ` ${r.problem ?? 'service not found'}`)))));
    }
    list.querySelectorAll('.kp-empty-view').forEach((e) => e.remove());
    let eager = 0;
    d3.select(list).selectAll<HTMLElement, ServiceBlock>('section.kp-svc')
      .data(blocks, (b) => `${b.svc.namespace}/${b.svc.name}`)
      .join('section')
      .attr('class', (b) => `kp-svc${b.svc.problems.length ? ' has-problems' : ''}`)
      .attr('aria-label', (b) => `Service ${b.svc.namespace}/${b.svc.name}${b.svc.problems.length ? ': ' + b.svc.problems.join('; ') : ''}`)
      .order()
      .each(function (b) {
        const e = this as LazyBlock;
        if (e.__kpSig === b.sig) return;
        // The first blocks are drawn now, the others when they scroll near the viewport (500 Services with
        // 10,000 endpoints would otherwise be 150,000 elements on every update).
        if (eager++ < EAGER_BLOCKS || !observer) fill(e, b);
        else { e.__kpPending = b; e.classList.add('kp-svc-lazy'); observer.observe(e); }
      });
    if (!blocks.length) list.append(h('p', { class: 'kp-muted kp-empty-view' }, snap.services.length ? 'No Service matches the filter.' : 'No Services in this input.'));
    markSelection(el, st);
  }

  function fill(e: LazyBlock, b: ServiceBlock): void {
    e.__kpSig = b.sig;
    e.__kpPending = undefined;
    e.classList.remove('kp-svc-lazy');
    replaceChildren(e, ...block(b, showAll, () => { if (last) render(last); }));
  }
  const observer = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((entries) => {
    for (const en of entries) {
      if (!en.isIntersecting) continue;
      const e = en.target as LazyBlock;
      observer!.unobserve(e);
      if (e.__kpPending) { fill(e, e.__kpPending); if (last) markSelection(e, last); }
    }
  }, { root: el, rootMargin: '600px 0px' });

  function beforeExport(): void {
    el.querySelectorAll<LazyBlock>('.kp-svc-lazy').forEach((e) => { if (e.__kpPending) fill(e, e.__kpPending); });
    if (last) markSelection(el, last);
  }

  el.addEventListener('click', (ev) => {
    const target = (ev.target as Element).closest('[data-key]');
    if (target) actions.select(target.getAttribute('data-key'), { reveal: true });
  });
  return { el, render, reveal: (key) => scrollToKey(el, key), beforeExport };
}
