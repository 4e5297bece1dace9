// The details pane: what is known about the selected object (kind, name, namespace, labels, owner, status,
// source file:line, "Reveal in editor"), and for a pod its scheduling explanation: every node with the filter
// that rejected it and why, or its per-plugin normalized scores, the weights and the weighted total.
import type { PodScheduling, SnapshotPod } from '../src/protocol';
import type { Actions } from './actions';
import { button, h, icon, replaceChildren } from './dom';
import { formatAmount } from './format';
import { keyOf, parseKey, podKey, type AppState } from './state';
import { groupKey } from './views/graph-layout';

function row(label: string, ...value: (Node | string | null)[]): HTMLElement {
  return h('div', { class: 'kp-drow' }, h('dt', {}, label), h('dd', {}, ...value));
}

function labelChips(labels: Record<string, string>): HTMLElement {
  const entries = Object.entries(labels);
  if (!entries.length) return h('span', { class: 'kp-muted' }, 'none');
  return h('span', { class: 'kp-tags' }, ...entries.map(([k, v]) => h('span', { class: 'kp-tag' }, v ? `${k}=${v}` : k)));
}

/** Abbreviate plugin names for narrow column headers (full name in the title). */
function shortPlugin(name: string): string {
  const caps = name.replace(/[^A-Z]/g, '');
  return caps.length >= 2 ? caps : name.slice(0, 6);
}

/** The explanation table, winner first, then scored nodes by total, then rejected nodes. */
export function explanationTable(p: SnapshotPod, sch: PodScheduling): HTMLElement {
  const selected = sch.selected !== undefined ? sch.selected : p.nodeName;
  const plugins = [...new Set(Object.values(sch.scores).flatMap((s) => Object.keys(s.plugins)))].sort();
  const scored = Object.entries(sch.scores).sort((a, b) => (a[0] === selected ? -1 : b[0] === selected ? 1 : 0) || b[1].total - a[1].total || a[0].localeCompare(b[0]));
  const filtered = Object.entries(sch.filtered).sort((a, b) => a[0].localeCompare(b[0]));
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Node'), h('th', { scope: 'col' }, 'Result'),
    ...plugins.map((pl) => h('th', { scope: 'col', title: `${pl}${sch.weights?.[pl] !== undefined ? ` (weight ${sch.weights[pl]})` : ''}`, class: 'kp-num' },
      shortPlugin(pl), sch.weights?.[pl] !== undefined ? h('span', { class: 'kp-weight' }, `×${sch.weights[pl]}`) : null)),
    h('th', { scope: 'col', class: 'kp-num' }, 'Total'));
  const body = h('tbody', {});
  for (const [node, s] of scored) {
    const win = node === selected;
    body.append(h('tr', { class: `kp-xrow scored${win ? ' winner' : ''}`, 'data-node': node, 'aria-label': `${node}${win ? ' (selected)' : ''}: total ${s.total}` },
      h('th', { scope: 'row' }, node),
      h('td', {}, win ? 'selected' : 'feasible'),
      ...plugins.map((pl) => h('td', { class: 'kp-num' }, s.plugins[pl] === undefined ? '–' : String(Math.round(s.plugins[pl] * 100) / 100))),
      h('td', { class: 'kp-num kp-total' }, String(Math.round(s.total * 100) / 100))));
  }
  for (const [node, reasons] of filtered) {
    body.append(h('tr', { class: 'kp-xrow filtered', 'data-node': node, 'aria-label': `${node}: rejected` },
      h('th', { scope: 'row' }, node),
      h('td', { class: 'kp-filter-reason', colspan: plugins.length + 2 },
        sch.filteredBy?.[node] ? h('strong', {}, `${sch.filteredBy[node]}: `) : null, reasons.join('; '))));
  }
  return h('div', { class: 'kp-explain' },
    h('h4', {}, 'Scheduling explanation'),
    h('div', { class: 'kp-table-scroll' }, h('table', { class: 'kp-explain-table', 'aria-label': `Scheduling of ${p.namespace}/${p.name}` }, h('thead', {}, head), body)),
    explanationNote(sch));
}

/** What a bounded explanation left out (large clusters), and where a replica's full table is. */
function explanationNote(sch: PodScheduling): HTMLElement | null {
  const scores = sch.omitted?.scores ?? 0;
  const filtered = sch.omitted?.filtered ?? 0;
  const left = [scores ? `${scores} other scored node${scores === 1 ? '' : 's'}` : '', filtered ? `${filtered} rejected node${filtered === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  if (sch.groupExplanation) {
    const ref = podKey(sch.groupExplanation);
    return h('p', { class: 'kp-muted kp-explain-note' }, `Not listed for this replica${left ? `: ${left}` : ''}. A full table of the same controller's replicas: `,
      h('span', { class: 'kp-link', 'data-select': ref, tabindex: 0, role: 'button' }, parseKey(ref).name), '.');
  }
  return left ? h('p', { class: 'kp-muted kp-explain-note' }, `Not listed: ${left}.`) : null;
}

export function createDetails(actions: Actions): { el: HTMLElement; render(st: AppState): void } {
  const el = h('aside', { class: 'kp-details', 'aria-label': 'Details', 'aria-live': 'polite' });

  function podSection(p: SnapshotPod, st: AppState): HTMLElement[] {
    const out: HTMLElement[] = [];
    const change = st.whatIfDiff?.changes.get(keyOf({ kind: 'Pod', namespace: p.namespace, name: p.name }));
    out.push(h('dl', {},
      change ? row('What-if', h('span', { class: 'kp-whatif-diff kp-details-whatif' }, change.text)) : null,
      row('Node', p.nodeName ? h('span', { class: 'kp-link', 'data-select': keyOf({ kind: 'Node', namespace: null, name: p.nodeName }), tabindex: 0, role: 'button' }, p.nodeName) : 'not scheduled'),
      row('Pod IP', p.podIP ?? '—'),
      row('Priority', String(p.priority)),
      row('Requests', Object.entries(p.requests).map(([r, v]) => `${r} ${formatAmount(r, v)}`).join(', ') || 'none'),
      row('Containers', p.containers.map((c) => `${c.name} (${c.image})`).join(', ') || '—'),
      p.preemptedBy ? row('Preempted by', p.preemptedBy) : null,
    ));
    if (p.message) out.push(h('div', { class: 'kp-problem', role: 'note' }, icon('warning'), ` ${p.message}`));
    if (p.scheduling) out.push(explanationTable(p, p.scheduling));
    else if (p.phase !== 'Pending') out.push(h('p', { class: 'kp-muted' }, 'Placed by its manifest (spec.nodeName): the scheduler did not choose it.'));
    return out;
  }

  function render(st: AppState): void {
    const snap = st.snapshot;
    if (!snap || !st.selected) {
      replaceChildren(el, h('p', { class: 'kp-muted kp-details-empty' }, 'Select an object to see its details.'));
      return;
    }
    const info = st.index.get(st.selected);
    const key = parseKey(st.selected);
    if (key.kind === 'PodGroup') {
      const ownerSpec = key.name.split(':');
      const pods = snap.pods.filter((p) => p.namespace === key.namespace && p.owner?.kind === ownerSpec[0] && p.owner.name === ownerSpec.slice(1).join(':'));
      replaceChildren(el, h('h3', {}, `${pods.length} pods of ${ownerSpec.slice(1).join(':')}`),
        h('ul', { class: 'kp-plain-list' }, ...pods.map((p) => h('li', {}, h('span', { class: 'kp-link', 'data-select': keyOf({ kind: 'Pod', namespace: p.namespace, name: p.name }), tabindex: 0, role: 'button' }, p.name), ` ${p.phase}`))));
      return;
    }
    if (!info) {
      replaceChildren(el, h('h3', {}, `${key.kind} ${key.name}`), h('p', { class: 'kp-muted' }, 'Not in the current snapshot.'));
      return;
    }
    const src = info.source;
    const parts: (HTMLElement | null)[] = [
      h('div', { class: 'kp-details-head' }, h('span', { class: 'kp-badge' }, info.kind), h('h3', { class: 'kp-details-name' }, info.name)),
      h('dl', {},
        row('Namespace', info.namespace ?? '(cluster-scoped)'),
        row('Status', info.status || '—'),
        row('Owner', info.owner ? h('span', { class: 'kp-link', 'data-select': keyOf({ kind: info.owner.kind, namespace: info.namespace, name: info.owner.name }), tabindex: 0, role: 'button' }, `${info.owner.kind} ${info.owner.name}`) : 'none'),
        row('Labels', labelChips(info.labels)),
        row('Source', src ? `${src.path}:${src.range.start.line + 1}` : 'made by the simulation')),
      src ? button('Reveal in editor', () => actions.reveal(info.key), { class: 'kp-btn kp-primary' }, icon('reveal'), 'Reveal in editor') : null,
    ];
    if (info.kind === 'Pod') {
      const p = snap.pods.find((x) => x.namespace === info.namespace && x.name === info.name);
      const group = p?.owner ? groupKey(p.owner.kind, p.namespace, p.owner.name) : null;
      if (group && st.expanded.has(group)) {
        parts.push(button(`Collapse the pods of ${p!.owner!.name}`, () => actions.toggleGroup(group), { class: 'kp-btn kp-small' }, icon('minus'), `Collapse pods of ${p!.owner!.name}`));
      }
      if (p) parts.push(...podSection(p, st));
    }
    const w = snap.workloads.find((x) => x.kind === info.kind && x.namespace === info.namespace && x.name === info.name);
    if (w && !st.readOnly && ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(w.kind)) {
      const input = h('input', { type: 'number', min: 0, max: 10000, value: w.desired, class: 'kp-input kp-narrow', 'aria-label': `Replicas for ${w.name}` });
      parts.push(h('div', { class: 'kp-whatif-scale' }, h('span', {}, 'What if replicas = '), input,
        button(`Scale ${w.name}`, () => {
          const n = Number(input.value);
          if (Number.isInteger(n) && n >= 0) actions.whatIf({ kind: 'scale', workload: { kind: w.kind, namespace: w.namespace, name: w.name }, replicas: n });
        }, { class: 'kp-btn' }, 'Scale')));
    }
    if (info.kind === 'Node') {
      const n = snap.nodes.find((x) => x.name === info.name);
      if (n) {
        parts.push(h('dl', {},
          row('Zone', n.zone ?? '—'),
          row('Taints', n.taints.map((t) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`).join(', ') || 'none'),
          row('Allocatable', Object.entries(n.allocatable).map(([r, v]) => `${r} ${formatAmount(r, v)}`).join(', ')),
          row('Requested', Object.entries(n.requested).map(([r, v]) => `${r} ${formatAmount(r, v)}`).join(', ') || 'none'),
          row('Pods', String(n.pods.length))));
      }
    }
    if (info.kind === 'Service') {
      const s = snap.services.find((x) => x.namespace === info.namespace && x.name === info.name);
      if (s?.problems.length) parts.push(h('div', { class: 'kp-problems' }, ...s.problems.map((p) => h('div', { class: 'kp-problem' }, icon('warning'), ` ${p}`))));
    }
    replaceChildren(el, ...parts);
  }

  el.addEventListener('click', (ev) => {
    const t = (ev.target as Element).closest('[data-select]');
    if (t) actions.select(t.getAttribute('data-select'), { reveal: true });
  });
  el.addEventListener('keydown', (ev) => {
    const t = (ev.target as Element).closest('[data-select]');
    if (t && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); actions.select(t.getAttribute('data-select'), { reveal: true }); }
  });
  return { el, render };
}
