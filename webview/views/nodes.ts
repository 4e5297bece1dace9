// Nodes view: node cards grouped by zone (requested vs allocatable bars, taints, key labels, pods as chips
// coloured by owner and marked when a what-if moved or made them, what-if buttons) and a Pending lane with each
// pending pod's FailedScheduling message (and, under a what-if, where it ran before).
// A card is rebuilt only when its content changed (a signature per card), which keeps updates cheap at 500 nodes.
import * as d3 from 'd3';
import type { SnapshotNode, SnapshotPod } from '../../src/protocol';
import type { Actions, View } from '../actions';
import { button, h, icon, replaceChildren } from '../dom';
import { formatAmount, ownerClass } from '../format';
import { keyOf, parseKey, passesFilters, podKey, type AppState } from '../state';
import type { PodChange } from '../what-if-diff';

const KEY_LABELS = [/^node-role\.kubernetes\.io\//, /^node\.kubernetes\.io\/instance-type$/, /^kubernetes\.io\/arch$/, /^kubernetes\.io\/os$/];
const BAR_RESOURCES = ['cpu', 'memory', 'pods'];

interface CardData { node: SnapshotNode; pods: SnapshotPod[]; sig: string; changes: Map<string, PodChange> | null }
type LazyCard = HTMLElement & { __kpSig?: string; __kpPending?: CardData };

/** Cards filled at once on each render; the rest wait until they come near the viewport. */
const EAGER_CARDS = 48;

export function createNodesView(actions: Actions): View {
  const el = h('div', { class: 'kp-view kp-nodes', role: 'tabpanel', id: 'kp-panel-nodes', 'aria-label': 'Nodes' });
  const pendingLane = h('section', { class: 'kp-pending-lane', 'aria-label': 'Pending pods' });
  const zones = h('div', { class: 'kp-zones' });
  const hint = h('p', { class: 'kp-muted kp-nodes-hint' }, 'Pod chips are coloured by their workload; select a pod, a workload or a ReplicaSet to outline all its pods.');
  el.append(pendingLane, hint, zones);
  let readOnly = false;

  function card(d: CardData): HTMLElement[] {
    const n = d.node;
    const head = h('div', { class: 'kp-card-head' }, icon('node'), h('span', { class: 'kp-card-name' }, n.name),
      n.unschedulable ? h('span', { class: 'kp-badge kp-badge-warn' }, 'cordoned') : null,
      n.origin === 'what-if' ? h('span', { class: 'kp-badge' }, 'what-if') : null);
    const bars = h('div', { class: 'kp-bars' });
    for (const r of BAR_RESOURCES) {
      const alloc = n.allocatable[r] ?? 0;
      const req = r === 'pods' ? d.pods.length : (n.requested[r] ?? 0);
      const pct = alloc > 0 ? Math.min(100, (req / alloc) * 100) : 0;
      const fill = h('div', { class: `kp-bar-fill${req > alloc ? ' over' : pct > 85 ? ' high' : ''}` });
      fill.style.width = `${pct.toFixed(1)}%`;
      bars.append(h('div', { class: 'kp-bar-row', title: `${r}: ${formatAmount(r, req)} requested of ${formatAmount(r, alloc)} allocatable` },
        h('span', { class: 'kp-bar-label' }, r),
        h('div', { class: 'kp-bar', role: 'meter', 'aria-label': `${r} requested`, 'aria-valuemin': 0, 'aria-valuemax': alloc, 'aria-valuenow': req }, fill),
        h('span', { class: 'kp-bar-value' }, `${formatAmount(r, req)}/${formatAmount(r, alloc)}`)));
    }
    const meta = h('div', { class: 'kp-card-meta' });
    for (const t of n.taints) meta.append(h('span', { class: 'kp-tag kp-taint', title: 'taint' }, `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`));
    for (const [k, v] of Object.entries(n.labels)) if (KEY_LABELS.some((re) => re.test(k))) meta.append(h('span', { class: 'kp-tag', title: 'label' }, v ? `${k}=${v}` : k));
    const chips = h('div', { class: 'kp-chips', 'aria-label': `${d.pods.length} pods on ${n.name}` });
    for (const p of d.pods) {
      const key = keyOf({ kind: 'Pod', namespace: p.namespace, name: p.name });
      const change = d.changes?.get(key);
      const what = change ? `: ${change.text}` : '';
      chips.append(h('span', {
        class: `kp-chip ${ownerClass(p.workload ?? p.owner, p.namespace)}${p.ready ? '' : ' notready'}${change ? ` kp-changed kp-changed-${change.kind}` : ''}`, 'data-key': key, tabindex: -1, role: 'button',
        ...ownerAttrs(p),
        title: `${p.namespace}/${p.name}${p.workload ? ` (${p.workload.kind} ${p.workload.name})` : ''}${what}`, 'aria-label': `Pod ${p.namespace}/${p.name}${what}`,
      }));
    }
    const out = [head, bars, meta, chips];
    if (!readOnly) {
      const acts = h('div', { class: 'kp-card-actions' },
        n.unschedulable
          ? button(`Uncordon ${n.name}`, () => actions.whatIf({ kind: 'uncordon', node: n.name }), { class: 'kp-btn kp-small' }, 'Uncordon')
          : button(`Cordon ${n.name}`, () => actions.whatIf({ kind: 'cordon', node: n.name }), { class: 'kp-btn kp-small' }, 'Cordon'),
        button(`Take ${n.name} down`, () => actions.whatIf({ kind: 'nodeDown', node: n.name }), { class: 'kp-btn kp-small' }, 'Take down'),
        button(`Add a node like ${n.name}`, () => actions.whatIf({ kind: 'addNode', like: n.name }), { class: 'kp-btn kp-small' }, icon('plus'), 'Add like this'));
      out.push(acts);
    }
    return out;
  }

  function renderPending(pending: SnapshotPod[], changes: Map<string, PodChange> | null): void {
    replaceChildren(pendingLane);
    if (!pending.length) { pendingLane.hidden = true; return; }
    pendingLane.hidden = false;
    pendingLane.append(h('h3', { class: 'kp-section-title' }, icon('warning'), ` Pending (${pending.length})`));
    const list = h('ul', { class: 'kp-pending-list' });
    const shown = pending.slice(0, 300); // a long lane is summarised; the Events view lists every one
    for (const p of shown) {
      const key = keyOf({ kind: 'Pod', namespace: p.namespace, name: p.name });
      const change = changes?.get(key);
      const li = h('li', { class: 'kp-pending', 'data-key': key, tabindex: 0, role: 'button', 'aria-label': `Pending pod ${p.namespace}/${p.name}${change ? `: ${change.text}` : ''}`, ...ownerAttrs(p) },
        h('span', { class: `kp-chip ${ownerClass(p.workload ?? p.owner, p.namespace)}` }),
        h('span', { class: 'kp-pending-name' }, `${p.namespace}/${p.name}`,
          change ? h('span', { class: 'kp-tag kp-whatif kp-pending-change', title: change.text }, change.from ? `was on ${change.from}` : 'new') : null),
        h('span', { class: 'kp-pending-msg' }, p.message ?? 'not scheduled'));
      list.append(li);
    }
    pendingLane.append(list);
    if (pending.length > shown.length) pendingLane.append(h('p', { class: 'kp-muted' }, `… and ${pending.length - shown.length} more pending pods`));
  }

  function render(st: AppState): void {
    const snap = st.snapshot;
    if (!snap) return;
    readOnly = st.readOnly;
    const podsByName = new Map<string, SnapshotPod>();
    for (const p of snap.pods) podsByName.set(`${p.namespace}/${p.name}`, p);
    const f = st.filters;
    const nodeFilter = { ...f, kind: f.kind === 'Node' ? '' : f.kind };
    const podVisible = (p: SnapshotPod): boolean => passesFilters({ ...f, kind: f.kind === 'Pod' ? '' : f.kind }, { kind: 'Pod', namespace: p.namespace, name: p.name, labels: p.labels });
    const onlyNodes = f.kind === 'Node';
    const changes = st.whatIfDiff?.changes ?? null;
    renderPending(onlyNodes ? [] : snap.pods.filter((p) => p.phase === 'Pending' && !p.nodeName && podVisible(p)), changes);
    const byZone = new Map<string, CardData[]>();
    for (const n of snap.nodes) {
      const pods = n.pods.map((r) => podsByName.get(r)).filter((p): p is SnapshotPod => !!p && (onlyNodes || f.kind === 'Pod' || !f.kind ? podVisible(p) : true));
      const nodeMatches = passesFilters({ ...nodeFilter, namespace: '', label: f.kind === 'Node' ? f.label : '' }, { kind: 'Node', namespace: null, name: n.name, labels: n.labels });
      if (!nodeMatches && pods.length === 0) continue;
      const sig = `${readOnly}|${n.unschedulable}|${n.origin}|${JSON.stringify(n.requested)}|${JSON.stringify(n.allocatable)}|${n.taints.length}|${pods.map((p) => `${p.name}:${p.ready ? 1 : 0}:${changes?.get(keyOf({ kind: 'Pod', namespace: p.namespace, name: p.name }))?.text ?? ''}`).join(',')}`;
      const zone = n.zone ?? '(no zone)';
      const list = byZone.get(zone) ?? [];
      list.push({ node: n, pods, sig, changes });
      byZone.set(zone, list);
    }
    const zoneData = [...byZone.entries()].sort((a, b) => a[0].localeCompare(b[0]));
    const zoneSel = d3.select(zones).selectAll<HTMLElement, [string, CardData[]]>('section.kp-zone')
      .data(zoneData, (d) => d[0])
      .join((enter) => {
        const s = enter.append('section').attr('class', 'kp-zone');
        s.append('h3').attr('class', 'kp-section-title');
        s.append('div').attr('class', 'kp-cards');
        return s;
      });
    zoneSel.attr('aria-label', (d) => `zone ${d[0]}`).style('flex-grow', (d) => String(d[1].length));
    zoneSel.select('h3').text((d) => `${d[0]} · ${d[1].length} node${d[1].length === 1 ? '' : 's'}`);
    let eager = 0;
    zoneSel.select<HTMLElement>('div.kp-cards').each(function (d) {
      d3.select(this).selectAll<HTMLElement, CardData>('article.kp-card')
        .data(d[1], (c) => c.node.name)
        .join((enter) => enter.append('article').attr('class', 'kp-card').attr('tabindex', 0).attr('role', 'button'))
        .attr('data-key', (c) => keyOf({ kind: 'Node', namespace: null, name: c.node.name }))
        .attr('aria-label', (c) => `Node ${c.node.name}, ${c.pods.length} pods${c.node.unschedulable ? ', cordoned' : ''}`)
        .each(function (c) {
          const elc = this as LazyCard;
          if (elc.__kpSig === c.sig) return;
          // The first cards are filled now; the others when they scroll near the viewport (a 1,000-node
          // cluster then costs what the visible cards cost).
          if (eager++ < EAGER_CARDS || typeof IntersectionObserver === 'undefined') fill(elc, c);
          else { elc.__kpPending = c; elc.classList.add('kp-card-lazy'); observer?.observe(elc); }
        });
    });
    lastState = st;
    markSelection(el, st);
    markOwners(el, st);
  }

  function fill(elc: LazyCard, c: CardData): void {
    elc.__kpSig = c.sig;
    elc.__kpPending = undefined;
    elc.classList.remove('kp-card-lazy');
    replaceChildren(elc, ...card(c));
  }

  const observer = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      const elc = e.target as LazyCard;
      observer!.unobserve(elc);
      if (elc.__kpPending) {
        fill(elc, elc.__kpPending);
        if (lastState) { markSelection(elc, lastState); markOwners(elc, lastState); }
      }
    }
  }, { root: el, rootMargin: '600px 0px' });
  let lastState: AppState | null = null;

  /** Scroll to an object; a pod on a card not filled yet is reached through its node's card. */
  function reveal(key: string): void {
    if (el.querySelector(`[data-key="${CSS.escape(key)}"]`)) { scrollToKey(el, key); return; }
    const pod = lastState?.snapshot?.pods.find((p) => keyOf({ kind: 'Pod', namespace: p.namespace, name: p.name }) === key);
    if (pod?.nodeName) scrollToKey(el, keyOf({ kind: 'Node', namespace: null, name: pod.nodeName }));
  }

  el.addEventListener('click', (ev) => {
    const target = (ev.target as Element).closest('[data-key]');
    if (!target || (ev.target as Element).closest('button')) return;
    actions.select(target.getAttribute('data-key'), { reveal: true });
  });

  function beforeExport(): void {
    el.querySelectorAll<LazyCard>('.kp-card-lazy').forEach((c) => { if (c.__kpPending) fill(c, c.__kpPending); });
    if (lastState) { markSelection(el, lastState); markOwners(el, lastState); }
  }

  return { el, render, reveal, beforeExport };
}

/** data-owner (the pod's direct owner) and data-workload (the top of its owner chain), as "ns/Kind/name". */
function ownerAttrs(p: SnapshotPod): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.owner) out['data-owner'] = `${p.namespace}/${p.owner.kind}/${p.owner.name}`;
  if (p.workload) out['data-workload'] = `${p.namespace}/${p.workload.kind}/${p.workload.name}`;
  return out;
}

/** The "ns/Kind/name" whose pods to outline: the selected workload or ReplicaSet, or the selected pod's workload. */
function selectedOwner(st: AppState): string | null {
  if (!st.selected) return null;
  const k = parseKey(st.selected);
  if (k.kind === 'Pod') {
    const p = st.snapshot?.pods.find((x) => x.name === k.name && x.namespace === k.namespace);
    const w = p?.workload ?? p?.owner;
    return p && w ? `${p.namespace}/${w.kind}/${w.name}` : null;
  }
  if (k.kind === 'Node' || k.kind === 'Service' || k.namespace === null) return null;
  return `${k.namespace}/${k.kind}/${k.name}`;
}

/** Outline (.kp-sibling) the pods of the selected workload, so its spread over nodes and zones shows at a glance. */
function markOwners(root: HTMLElement, st: AppState): void {
  root.querySelectorAll('.kp-sibling').forEach((e) => e.classList.remove('kp-sibling'));
  const owner = selectedOwner(st);
  if (!owner) return;
  const q = CSS.escape(owner);
  root.querySelectorAll(`[data-owner="${q}"], [data-workload="${q}"]`).forEach((e) => e.classList.add('kp-sibling'));
}

/** Toggle .selected/.highlighted on the elements of a view that carry a data-key. */
export function markSelection(root: HTMLElement, st: AppState): void {
  root.querySelectorAll('.selected, .highlighted').forEach((e) => e.classList.remove('selected', 'highlighted'));
  if (st.selected) root.querySelectorAll(`[data-key="${CSS.escape(st.selected)}"]`).forEach((e) => e.classList.add('selected'));
  for (const k of st.highlighted) root.querySelectorAll(`[data-key="${CSS.escape(k)}"]`).forEach((e) => e.classList.add('highlighted'));
}

export function scrollToKey(root: HTMLElement, key: string): void {
  const e = root.querySelector(`[data-key="${CSS.escape(key)}"]`);
  e?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

export { podKey };
