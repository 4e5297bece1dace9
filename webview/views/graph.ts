// Graph view: the objects and their relations, laid out in columns (see graph-layout.ts), drawn with D3 in SVG
// with zoom/pan and fit-to-view. Pods of one owner above a threshold collapse into a group node.
import * as d3 from 'd3';
import type { ClusterSnapshot } from '../../src/protocol';
import type { Actions, View } from '../actions';
import { button, h, icon, truncate } from '../dom';
import { buildEdges, buildEntities, type Edge, type Entity } from '../relations';
import { passesFilters, type AppState } from '../state';
import { groupPods, layoutGraph, NODE_H, NODE_W, type GraphNode } from './graph-layout';

/** Above this many boxes only those near the viewport are in the DOM. */
const CULL_THRESHOLD = 400;

const KIND_ABBR: Record<string, string> = {
  Deployment: 'deploy', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job', CronJob: 'cronjob', ReplicaSet: 'rs', Pod: 'pod',
  PodGroup: 'pods', Service: 'svc', EndpointSlice: 'eps', Ingress: 'ing', HorizontalPodAutoscaler: 'hpa',
  PodDisruptionBudget: 'pdb', ConfigMap: 'cm', Secret: 'secret', PersistentVolumeClaim: 'pvc', ServiceAccount: 'sa',
  ReplicationController: 'rc',
};

export function createGraphView(actions: Actions): View {
  const el = h('div', { class: 'kp-view kp-graph', role: 'tabpanel', id: 'kp-panel-graph', 'aria-label': 'Object graph' });
  const bar = h('div', { class: 'kp-view-bar' });
  const fitButton = button('Fit to view', () => fit(false), { class: 'kp-btn' }, icon('fit'), 'Fit');
  const legend = h('div', { class: 'kp-legend', 'aria-label': 'Legend' },
    ...(['ok', 'pending', 'missing', 'warning'] as const).map((s) =>
      h('span', { class: `kp-legend-item status-${s}` }, h('span', { class: 'kp-swatch' }), ({ ok: 'Running / ready', pending: 'Pending', missing: 'Missing reference', warning: 'Problem' })[s])));
  // shown while a what-if is applied: what the dashed outline means
  const changedKey = h('span', { class: 'kp-legend-item kp-legend-changed', hidden: true }, h('span', { class: 'kp-swatch' }), 'Changed by the what-if');
  legend.append(changedKey);
  const countLabel = h('span', { class: 'kp-muted kp-count' });
  bar.append(fitButton, legend, countLabel);
  const holder = h('div', { class: 'kp-graph-holder' });
  el.append(bar, holder);

  const svg = d3.select(holder).append('svg').attr('class', 'kp-graph-svg').attr('role', 'group').attr('aria-label', 'Object graph');
  const defs = svg.append('defs');
  defs.append('marker').attr('id', 'kp-arrow').attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
    .attr('markerWidth', 6).attr('markerHeight', 6).attr('orient', 'auto-start-reverse')
    .append('path').attr('d', 'M0,0L10,5L0,10z').attr('class', 'kp-arrowhead');
  const viewport = svg.append('g').attr('class', 'kp-viewport');
  const edgeLayer = viewport.append('g').attr('class', 'kp-edges');
  const nodeLayer = viewport.append('g').attr('class', 'kp-nodes');
  let transform = d3.zoomIdentity;
  const zoom = d3.zoom<SVGSVGElement, unknown>().scaleExtent([0.03, 3]).on('zoom', (ev: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
    transform = ev.transform;
    viewport.attr('transform', ev.transform.toString());
    if (drawnItems.length > CULL_THRESHOLD && !drawPending) {
      drawPending = true;
      requestAnimationFrame(() => { drawPending = false; draw(); });
    }
  });
  svg.call(zoom).on('dblclick.zoom', null);

  let snap: ClusterSnapshot | null = null;
  let entities: Entity[] = [];
  let allEdges: Edge[] = [];
  let previousY = new Map<string, number>();
  let size = { width: 0, height: 0 };
  let fitted = false;
  let nodesByKey = new Map<string, GraphNode>();
  let drawnItems: GraphNode[] = [];
  let drawnEdges: Edge[] = [];
  let lastState: AppState | null = null;
  let drawPending = false;

  /** Fit the graph in view; on first show a tall graph is fitted to the width only (readable), from its top. */
  function fit(initial = false): void {
    const box = holder.getBoundingClientRect();
    if (!box.width || !box.height || !size.width) return;
    const pad = 24;
    const kw = (box.width - pad * 2) / size.width;
    const kh = (box.height - pad * 2) / Math.max(size.height, 1);
    let k = Math.min(1.2, kw, kh);
    if (initial && k < 0.45) k = Math.min(1, kw);
    const tx = (box.width - size.width * k) / 2;
    const ty = Math.max(pad, (box.height - size.height * k) / 2);
    svg.call(zoom.transform, d3.zoomIdentity.translate(tx, ty).scale(k));
  }

  function render(st: AppState): void {
    if (!st.snapshot) return;
    if (st.snapshot !== snap) {
      snap = st.snapshot;
      entities = buildEntities(snap);
      allEdges = buildEdges(entities);
    }
    const visible = entities.filter((e) => passesFilters(st.filters, e));
    const keep = new Set(visible.map((e) => e.key));
    const edges = allEdges.filter((e) => keep.has(e.from) && keep.has(e.to));
    const grouped = groupPods(visible, edges, st.expanded);
    size = layoutGraph(grouped.items, grouped.edges, previousY);
    previousY = new Map(grouped.items.map((n) => [n.key, n.y]));
    nodesByKey = new Map(grouped.items.map((n) => [n.key, n]));
    countLabel.textContent = `${visible.length} objects${grouped.groups.size ? `, ${grouped.groups.size} pod groups` : ''}`;
    drawnItems = grouped.items.slice().sort((a, b) => a.layer - b.layer || a.row - b.row);
    drawnEdges = grouped.edges;
    lastState = st;
    if (!fitted && drawnItems.length) {
      const box = holder.getBoundingClientRect();
      if (box.width && box.height) { fitted = true; fit(true); } else requestAnimationFrame(() => { fitted = true; fit(true); });
    }
    draw();
  }

  /**
   * Join the drawn SVG with the layout. Past CULL_THRESHOLD boxes only those in (or near) the viewport exist,
   * redrawn as the user pans and zooms: a 10,000-pod graph then costs what its visible part costs.
   */
  function draw(): void {
    const st = lastState;
    if (!st) return;
    let items = drawnItems;
    let edges = drawnEdges;
    if (items.length > CULL_THRESHOLD) {
      const box = holder.getBoundingClientRect();
      const margin = 300 / transform.k;
      const [x0, y0] = transform.invert([0, 0]);
      const [x1, y1] = transform.invert([box.width || 1200, box.height || 800]);
      const inX = (a: number, b: number): boolean => b >= x0 - margin && a <= x1 + margin;
      const inY = (a: number, b: number): boolean => b >= y0 - margin && a <= y1 + margin;
      items = items.filter((n) => inX(n.x, n.x + NODE_W) && inY(n.y, n.y + NODE_H));
      edges = edges.filter((e) => {
        const a = nodesByKey.get(e.from)!;
        const b = nodesByKey.get(e.to)!;
        return inX(Math.min(a.x, b.x), Math.max(a.x, b.x) + NODE_W) && inY(Math.min(a.y, b.y), Math.max(a.y, b.y) + NODE_H);
      });
    }

    edgeLayer.selectAll<SVGPathElement, Edge>('path')
      .data(edges, (d) => `${d.from}>${d.to}`)
      .join('path')
      .attr('class', (d) => `kp-edge rel-${d.label.replace(/\s+/g, '-')}`)
      .attr('data-from', (d) => d.from)
      .attr('data-to', (d) => d.to)
      .attr('marker-end', 'url(#kp-arrow)')
      .attr('d', (d) => {
        const a = nodesByKey.get(d.from)!;
        const b = nodesByKey.get(d.to)!;
        const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x - 2, y2 = b.y + NODE_H / 2;
        const mx = (x1 + x2) / 2;
        return `M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
      });

    const sel = st.selected;
    const hl = st.highlighted;
    const changes = st.whatIfDiff?.changes;
    changedKey.hidden = !changes?.size;
    const changeOf = (d: GraphNode): string | null => {
      if (!changes) return null;
      if (d.group) { const n = d.group.pods.filter((p) => changes.has(p.key)).length; return n ? `${n} of its pods changed by the what-if` : null; }
      return changes.get(d.key)?.text ?? null;
    };
    const nodes = nodeLayer.selectAll<SVGGElement, GraphNode>('g.kp-gnode')
      .data(items, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'kp-gnode').attr('tabindex', 0).attr('role', 'button');
        g.append('rect').attr('class', 'kp-gbox').attr('width', NODE_W).attr('height', NODE_H).attr('rx', 4);
        g.append('rect').attr('class', 'kp-gstripe').attr('width', 4).attr('height', NODE_H).attr('rx', 2);
        g.append('text').attr('class', 'kp-gname').attr('x', 12).attr('y', 16);
        g.append('text').attr('class', 'kp-gdetail').attr('x', 12).attr('y', 31);
        g.append('title');
        g.on('click', (ev: MouseEvent, d) => {
          ev.stopPropagation();
          if (d.group) actions.toggleGroup(d.group.key);
          else actions.select(d.key, { reveal: true });
        });
        return g;
      });
    nodes
      .attr('data-key', (d) => d.key)
      .attr('transform', (d) => `translate(${d.x},${d.y})`)
      .attr('class', (d) => `kp-gnode status-${d.status}${d.group ? ' kp-group' : ''}${d.key === sel ? ' selected' : ''}${hl.has(d.key) || (d.group && d.group.pods.some((p) => hl.has(p.key))) ? ' highlighted' : ''}${changeOf(d) ? ' kp-changed' : ''}`)
      .attr('aria-label', (d) => `${d.kind} ${d.entity?.namespace ? d.entity.namespace + '/' : ''}${d.label}: ${d.detail}`)
      .attr('aria-pressed', (d) => (d.key === sel ? 'true' : 'false'));
    nodes.select('text.kp-gname').text((d) => truncate(d.label, 25));
    nodes.select('text.kp-gdetail').text((d) => truncate(`${KIND_ABBR[d.kind] ?? d.kind} · ${d.detail}`, 34));
    nodes.select('title').text((d) => { const c = changeOf(d); return `${d.kind} ${d.entity?.namespace ? d.entity.namespace + '/' : ''}${d.label}\n${d.detail}${c ? `\n${c}` : ''}`; });
  }

  function reveal(key: string): void {
    let n = nodesByKey.get(key);
    if (!n) for (const m of nodesByKey.values()) if (m.group?.pods.some((p) => p.key === key)) { n = m; break; }
    if (!n) return;
    const box = holder.getBoundingClientRect();
    const k = Math.max(transform.k, 0.6);
    svg.call(zoom.transform, d3.zoomIdentity.translate(box.width / 2 - (n.x + NODE_W / 2) * k, box.height / 2 - (n.y + NODE_H / 2) * k).scale(k));
  }

  /** For export every box is drawn (not only the visible ones), then the view goes back to culling. */
  function exportSvg(): SVGSVGElement | null {
    const saved = transform;
    const box = holder.getBoundingClientRect();
    const k = Math.min(box.width / Math.max(size.width, 1), box.height / Math.max(size.height, 1));
    transform = d3.zoomIdentity.scale(Math.max(k, 1e-3));
    draw();
    transform = saved;
    requestAnimationFrame(draw);
    return svg.node();
  }

  return { el, render, reveal, exportSvg };
}
