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

/**
 * The icons the views use, by role, mapped to real codicon names (the @vscode/codicons font VS Code itself
 * uses, so the glyphs match the workbench and take the theme's foreground colour). The font and its CSS are
 * copied to dist/codicons/ by the build and linked by the panel host (or inlined by the --html export).
 */
export const CODICONS = {
  fit: 'screen-full',
  reset: 'discard',
  reveal: 'go-to-file',
  export: 'export',
  node: 'server',
  warning: 'warning',
  plus: 'add',
  minus: 'remove',
  close: 'close',
} as const;

export type IconName = keyof typeof CODICONS;

/** A decorative codicon (hidden from assistive technology: the control around it carries the label). */
export function icon(name: IconName): HTMLSpanElement {
  return h('span', { class: `kp-icon codicon codicon-${CODICONS[name]}`, 'aria-hidden': 'true' });
}

/** Cut a label to `max` characters for fixed-width boxes (the full text goes in a title/aria-label). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(1, max - 1)) + '…';
}
