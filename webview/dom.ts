// Safe element helpers. Manifest text (names, labels, annotations, messages) only ever reaches the DOM as
// text nodes or as values of attributes that are neither URLs nor event handlers. Nothing here parses HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attributes that could run code or load something: refused whatever the value. */
function isDangerousAttribute(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('on') || n === 'href' || n === 'src' || n === 'xlink:href' || n === 'action' ||
    n === 'formaction' || n === 'srcdoc' || n === 'style' || n === 'srcset' || n === 'background';
}

export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Set attributes, skipping null/false; throws on an attribute that could execute or load anything. */
export function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (isDangerousAttribute(name)) throw new Error(`refusing to set attribute ${name}`);
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

export type Child = Node | string | null | undefined | false;

function append(node: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** An HTML element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element (for icons and the graph). */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** Replace all children of `node` with `children`. */
export function replaceChildren(node: Element, ...children: Child[]): void {
  node.textContent = '';
  append(node, children);
}

/** A button with an accessible label; `onClick` is attached as a listener, never as an attribute. */
export function button(label: string, onClick: (ev: MouseEvent) => void, attrs: Attrs = {}, ...children: Child[]): HTMLButtonElement {
  const b = h('button', { type: 'button', 'aria-label': label, title: label, ...attrs }, ...(children.length ? children : [label]));
  b.addEventListener('click', onClick);
  return b;
}

/** Small codicon-like glyphs drawn as inline SVG (no icon font is bundled). */
const ICONS: Record<string, string> = {
  fit: 'M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4',
  reset: 'M3 8a5 5 0 1 0 1.5-3.5M3 2v3h3',
  reveal: 'M3 2h7l3 3v9H3zM10 2v3h3M5 8h6M5 11h4',
  export: 'M8 2v8M5 7l3 3 3-3M3 12v2h10v-2',
  node: 'M2 3h12v4H2zM2 9h12v4H2zM4 5h1M4 11h1',
  warning: 'M8 2l6.5 12h-13zM8 6v4M8 12v.5',
  plus: 'M8 3v10M3 8h10',
  minus: 'M3 8h10',
  close: 'M4 4l8 8M12 4l-8 8',
};

export function icon(name: keyof typeof ICONS | string): SVGSVGElement {
  return s('svg', { class: 'kp-icon', viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: ICONS[name] ?? ICONS.node, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.4, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }));
}

/** Cut a label to `max` characters for fixed-width boxes (the full text goes in a title/aria-label). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(1, max - 1)) + '…';
}
