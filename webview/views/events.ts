// Events view: the simulated control loop as a timeline (apiserver stores, controllers create, the scheduler
// binds or fails, the kubelet rejects, endpoints are added), one lane per component so the hand-offs read
// like a sequence diagram. Filterable by object; clicking an entry selects its object. The list is
// virtualised (only the rows in sight exist, joined by D3 on the event's sequence number) so 30,000 events
// scroll as smoothly as 30.
import * as d3 from 'd3';
import type { SnapshotEvent } from '../../src/protocol';
import type { Actions, View } from '../actions';
import { h } from '../dom';
import { keyOf, passesFilters, type AppState } from '../state';
import { scrollToKey } from './nodes';

const ROW_H = 26;
const OVERSCAN = 10;

/** The components of the control plane, left to right in the order they act on a manifest. */
export const LANES = [
  { id: 'apiserver', label: 'API server' },
  { id: 'controllers', label: 'controllers' },
  { id: 'scheduler', label: 'scheduler' },
  { id: 'kubelet', label: 'kubelet' },
  { id: 'endpoints', label: 'EndpointSlice controller' },
] as const;
const LANE_W = 14;

export function laneOf(source: string): number {
  if (source === 'apiserver') return 0;
  if (source.includes('scheduler')) return 2;
  if (source === 'kubelet') return 3;
  if (source.startsWith('endpointslice') || source.startsWith('endpoint-')) return 4;
  return 1;
}

/** The lane gutter of one row: a line per lane, a dot in the lane of the component that acted. */
function laneCell(cell: d3.Selection<HTMLSpanElement, SnapshotEvent, null, undefined>): void {
  const svg = cell.append('svg').attr('width', LANES.length * LANE_W).attr('height', ROW_H).attr('aria-hidden', 'true');
  svg.selectAll('line').data(LANES).join('line')
    .attr('class', 'kp-lane-line')
    .attr('x1', (_, i) => i * LANE_W + LANE_W / 2).attr('x2', (_, i) => i * LANE_W + LANE_W / 2)
    .attr('y1', 0).attr('y2', ROW_H);
  svg.append('circle')
    .attr('class', (d) => `kp-lane-dot lane-${LANES[laneOf(d.source)].id}${d.type === 'Warning' ? ' warning' : ''}`)
    .attr('cx', (d) => laneOf(d.source) * LANE_W + LANE_W / 2).attr('cy', ROW_H / 2).attr('r', 4);
}

export function createEventsView(actions: Actions): View {
  const el = h('div', { class: 'kp-view kp-events', role: 'tabpanel', id: 'kp-panel-events', 'aria-label': 'Events' });
  const objectFilter = h('input', { type: 'search', class: 'kp-input', placeholder: 'Filter by object (kind/namespace/name)…', 'aria-label': 'Filter events by object' });
  const onlySelected = h('input', { type: 'checkbox', id: 'kp-events-selected', 'aria-label': 'Only events of the selected object' });
  const count = h('span', { class: 'kp-muted' });
  const bar = h('div', { class: 'kp-view-bar' }, objectFilter, h('label', { for: 'kp-events-selected', class: 'kp-check' }, onlySelected, ' selected object only'), count);
  // the lane legend: each component's name over its lane (short names, full ones as tooltips)
  const laneHead = h('div', { class: 'kp-event-head', 'aria-hidden': 'true' },
    h('span', { class: 'kp-ev-seq' }, '#'),
    h('span', { class: 'kp-ev-lanes' }, ...LANES.map((l) => h('span', { class: `kp-lane-name lane-${l.id}`, title: l.label }, l.label[0].toUpperCase()))),
    h('span', {}, 'reason'), h('span', {}, 'component'), h('span', {}, 'object'), h('span', {}, 'message'));
  const scroller = h('div', { class: 'kp-event-scroller', role: 'list', 'aria-label': 'Event timeline' });
  const spacer = h('div', { class: 'kp-event-spacer' });
  const rows = h('div', { class: 'kp-event-rows' });
  spacer.append(rows);
  scroller.append(spacer);
  el.append(bar, laneHead, scroller);

  let visible: SnapshotEvent[] = [];
  let lastState: AppState | null = null;
  let drawnRange = '';

  /** Fills a new row (d3 enter): the text cells are set once, an event never changes under its seq. */
  function fillRow(row: d3.Selection<HTMLDivElement, SnapshotEvent, null, undefined>): void {
    const ev = row.datum();
    const o = ev.object;
    row.attr('class', `kp-event ${ev.type === 'Warning' ? 'warning' : 'normal'}`).attr('role', 'listitem').attr('tabindex', 0)
      .attr('data-key', keyOf(o))
      .attr('aria-label', `${ev.type} ${ev.reason} by ${LANES[laneOf(ev.source)].label} (${ev.source}): ${o.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name}: ${ev.message}`);
    row.append('span').attr('class', 'kp-ev-seq').text(String(ev.seq));
    laneCell(row.append('span').attr('class', 'kp-ev-lanes'));
    row.append('span').attr('class', 'kp-ev-reason').text(ev.reason);
    row.append('span').attr('class', 'kp-ev-source').text(ev.source);
    row.append('span').attr('class', 'kp-ev-object').text(`${o.kind}/${o.namespace ? o.namespace + '/' : ''}${o.name}`);
    row.append('span').attr('class', 'kp-ev-msg').attr('title', ev.message).text(ev.message);
  }

  function draw(force = false): void {
    const top = scroller.scrollTop;
    const height = scroller.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    const last = Math.min(visible.length, Math.ceil((top + height) / ROW_H) + OVERSCAN);
    const range = `${first}:${last}`;
    if (!force && range === drawnRange) return;
    drawnRange = range;
    rows.style.transform = `translateY(${first * ROW_H}px)`;
    d3.select(rows).selectAll<HTMLDivElement, SnapshotEvent>('div.kp-event')
      // keyed by content, not seq alone: a new snapshot numbers its events from 1 again, and a row is reused
      // only for the very same event
      .data(visible.slice(first, last), (d) => `${d.seq}\u0000${d.type}\u0000${d.reason}\u0000${d.source}\u0000${keyOf(d.object)}\u0000${d.message}`)
      .join((enter) => enter.append('div').each(function () { fillRow(d3.select<HTMLDivElement, SnapshotEvent>(this)); }))
      .order();
    if (lastState) {
      const sel = lastState.selected;
      rows.querySelectorAll('[data-key]').forEach((r) => {
        const k = r.getAttribute('data-key')!;
        r.classList.toggle('selected', k === sel);
        r.classList.toggle('highlighted', lastState!.highlighted.has(k));
      });
    }
  }

  function render(st: AppState): void {
    lastState = st;
    const snap = st.snapshot;
    if (!snap) return;
    const q = objectFilter.value.trim().toLowerCase();
    const sel = onlySelected.checked ? st.selected : null;
    visible = snap.events.filter((ev) => {
      const o = ev.object;
      if (sel && keyOf(o) !== sel) return false;
      if (q && !`${o.kind}/${o.namespace ?? ''}/${o.name}`.toLowerCase().includes(q)) return false;
      return passesFilters({ ...st.filters, label: '' }, o);
    });
    count.textContent = `${visible.length} of ${snap.events.length} events`;
    spacer.style.height = `${visible.length * ROW_H}px`;
    draw(true);
  }

  scroller.addEventListener('scroll', () => draw());
  const rerender = (): void => { if (lastState) render(lastState); };
  objectFilter.addEventListener('input', rerender);
  onlySelected.addEventListener('change', rerender);
  el.addEventListener('click', (ev) => {
    const target = (ev.target as Element).closest('[data-key]');
    if (target) actions.select(target.getAttribute('data-key'), { reveal: true });
  });

  function reveal(key: string): void {
    const i = visible.findIndex((e) => keyOf(e.object) === key);
    if (i < 0) return;
    scroller.scrollTop = Math.max(0, i * ROW_H - scroller.clientHeight / 3);
    draw();
    scrollToKey(el, key);
  }
  return { el, render, reveal };
}
