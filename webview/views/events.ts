// Events view: the simulated control loop as a timeline (apiserver stores, controllers create, the scheduler
// binds or fails, endpoints are added). Filterable by object; clicking an entry selects its object. The list
// is virtualised (only the rows in sight exist) so 30,000 events scroll as smoothly as 30.
import type { SnapshotEvent } from '../../src/protocol';
import type { Actions, View } from '../actions';
import { h, replaceChildren } from '../dom';
import { keyOf, passesFilters, type AppState } from '../state';
import { scrollToKey } from './nodes';

const ROW_H = 26;
const OVERSCAN = 10;

export function createEventsView(actions: Actions): View {
  const el = h('div', { class: 'kp-view kp-events', role: 'tabpanel', id: 'kp-panel-events', 'aria-label': 'Events' });
  const objectFilter = h('input', { type: 'search', class: 'kp-input', placeholder: 'Filter by object (kind/namespace/name)…', 'aria-label': 'Filter events by object' });
  const onlySelected = h('input', { type: 'checkbox', id: 'kp-events-selected', 'aria-label': 'Only events of the selected object' });
  const count = h('span', { class: 'kp-muted' });
  const bar = h('div', { class: 'kp-view-bar' }, objectFilter, h('label', { for: 'kp-events-selected', class: 'kp-check' }, onlySelected, ' selected object only'), count);
  const scroller = h('div', { class: 'kp-event-scroller', role: 'list', 'aria-label': 'Event timeline' });
  const spacer = h('div', { class: 'kp-event-spacer' });
  const rows = h('div', { class: 'kp-event-rows' });
  spacer.append(rows);
  scroller.append(spacer);
  el.append(bar, scroller);

  let visible: SnapshotEvent[] = [];
  let lastState: AppState | null = null;
  let drawnRange = '';

  function rowFor(ev: SnapshotEvent): HTMLElement {
    const key = keyOf(ev.object);
    const o = ev.object;
    return h('div', { class: `kp-event ${ev.type === 'Warning' ? 'warning' : 'normal'}`, role: 'listitem', tabindex: 0, 'data-key': key,
      'aria-label': `${ev.type} ${ev.reason} ${o.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name}: ${ev.message}` },
    h('span', { class: 'kp-ev-seq' }, String(ev.seq)),
    h('span', { class: 'kp-ev-reason' }, ev.reason),
    h('span', { class: 'kp-ev-source' }, ev.source),
    h('span', { class: 'kp-ev-object' }, `${o.kind}/${o.namespace ? o.namespace + '/' : ''}${o.name}`),
    h('span', { class: 'kp-ev-msg', title: ev.message }, ev.message));
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
    replaceChildren(rows, ...visible.slice(first, last).map(rowFor));
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
