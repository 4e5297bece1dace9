// The summary bar: workloads, pods scheduled/pending, services without endpoints, nodes; and the active
// what-ifs, what they changed (pods moved, new, Pending, gone) and a Reset button.
import type { WhatIf } from '../src/protocol';
import type { Actions } from './actions';
import { button, h, icon, replaceChildren } from './dom';
import type { AppState } from './state';
import { describeDiff } from './what-if-diff';

export function describeWhatIf(w: WhatIf): string {
  switch (w.kind) {
    case 'cordon': return `cordon ${w.node}`;
    case 'uncordon': return `uncordon ${w.node}`;
    case 'nodeDown': return `${w.node} down`;
    case 'addNode': return `add node like ${w.like}`;
    case 'scale': return `scale ${w.workload.kind} ${w.workload.name} to ${w.replicas}`;
  }
}

export function createSummary(actions: Actions): { el: HTMLElement; render(st: AppState): void } {
  const el = h('div', { class: 'kp-summary', role: 'status', 'aria-label': 'Summary' });

  function stat(name: string, value: string | number, cls = ''): HTMLElement {
    return h('span', { class: `kp-stat ${cls}`, 'data-stat': name }, h('span', { class: 'kp-stat-value' }, String(value)), ` ${name}`);
  }

  function render(st: AppState): void {
    const snap = st.snapshot;
    if (!snap) { replaceChildren(el); return; }
    const scheduled = snap.pods.filter((p) => p.nodeName).length;
    const pending = snap.pods.filter((p) => !p.nodeName && p.phase === 'Pending').length;
    const withEndpoints = new Set(snap.endpointSlices.filter((s) => s.endpoints.length > 0).map((s) => `${s.namespace}/${s.service}`));
    const noEndpoints = snap.services.filter((s) => s.type !== 'ExternalName' && !withEndpoints.has(`${s.namespace}/${s.name}`)).length;
    const parts: (HTMLElement | string)[] = [
      h('span', { class: 'kp-scope', title: st.scopeLabel }, st.scopeLabel),
      stat('workloads', snap.workloads.length),
      stat('pods scheduled', scheduled, 'ok'),
      stat('pending', pending, pending ? 'pending' : ''),
      stat('services without endpoints', noEndpoints, noEndpoints ? 'warning' : ''),
      stat('nodes', snap.nodes.length),
    ];
    if (st.whatIfs.length) {
      parts.push(h('span', { class: 'kp-whatifs', 'aria-label': 'Active what-ifs' }, h('span', { class: 'kp-muted' }, 'what-if:'),
        ...st.whatIfs.map((w) => h('span', { class: 'kp-tag kp-whatif' }, describeWhatIf(w))),
        st.whatIfDiff ? h('span', { class: 'kp-whatif-diff', 'data-stat': 'what-if changes', title: 'Compared with the same files without the what-ifs' }, describeDiff(st.whatIfDiff)) : null,
        st.readOnly ? null : button('Reset what-ifs', () => actions.resetWhatIfs(), { class: 'kp-btn kp-small' }, icon('reset'), 'Reset')));
    }
    replaceChildren(el, ...parts);
  }
  return { el, render };
}
