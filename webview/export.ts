// Export the current view as SVG or PNG. The graph is already SVG: it is cloned with the theme's computed
// colours written onto each element (a saved file has no VS Code variables). HTML views are wrapped in an
// SVG foreignObject with the stylesheet and the resolved theme variables. PNG: that SVG drawn on a canvas.
const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor'];

function stylesheetText(): string {
  const parts: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const r of Array.from(sheet.cssRules)) {
        // The codicon font's rules stay out: the icons are dropped from exports (see serializeHtmlView).
        if (r instanceof CSSFontFaceRule || r.cssText.includes('codicon')) continue;
        parts.push(r.cssText);
      }
    } catch { /* a cross-origin sheet: not ours */ }
  }
  return parts.join('\n');
}

function copyComputed(from: Element, to: Element): void {
  const cs = getComputedStyle(from);
  const decl = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  to.setAttribute('style', decl);
  const a = from.children;
  const b = to.children;
  for (let i = 0; i < a.length && i < b.length; i++) copyComputed(a[i], b[i]);
}

function background(el: Element): string {
  return getComputedStyle(el).getPropertyValue('--kp-bg').trim() || getComputedStyle(document.body).backgroundColor || '#ffffff';
}

/** The graph SVG, cropped to its content, with inline styles. */
export function serializeGraph(svg: SVGSVGElement): string {
  const viewport = svg.querySelector('g.kp-viewport') as SVGGElement | null;
  const box = viewport ? viewport.getBBox() : { x: 0, y: 0, width: 100, height: 100 };
  const pad = 16;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  copyComputed(svg, clone);
  const vp = clone.querySelector('g.kp-viewport');
  vp?.removeAttribute('transform');
  clone.setAttribute('xmlns', SVG_NS);
  const w = Math.ceil(box.width + pad * 2);
  const hgt = Math.ceil(box.height + pad * 2);
  clone.setAttribute('viewBox', `${box.x - pad} ${box.y - pad} ${w} ${hgt}`);
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(hgt));
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('x', String(box.x - pad));
  bg.setAttribute('y', String(box.y - pad));
  bg.setAttribute('width', String(w));
  bg.setAttribute('height', String(hgt));
  bg.setAttribute('fill', background(svg));
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** An HTML view as an SVG with a foreignObject (stylesheet and resolved theme variables included). */
export function serializeHtmlView(view: HTMLElement): string {
  const css = stylesheetText();
  const names = new Set<string>();
  for (const m of css.matchAll(/var\((--[\w-]+)/g)) names.add(m[1]);
  const cs = getComputedStyle(view);
  const vars = [...names].map((n) => `${n}:${cs.getPropertyValue(n).trim() || 'initial'}`).join(';');
  const width = Math.max(view.scrollWidth, view.clientWidth, 200);
  const height = Math.min(Math.max(view.scrollHeight, view.clientHeight, 100), 30000);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  const fo = document.createElementNS(SVG_NS, 'foreignObject');
  fo.setAttribute('width', '100%');
  fo.setAttribute('height', '100%');
  const wrap = document.createElementNS(XHTML_NS, 'div');
  wrap.setAttribute('class', `kp-export ${document.body.className}`);
  wrap.setAttribute('style', `${vars};background:${background(view)};color:${cs.color};font-family:${cs.fontFamily};font-size:${cs.fontSize};width:${width}px;min-height:${height}px`);
  const style = document.createElementNS(XHTML_NS, 'style');
  style.textContent = css;
  const clone = view.cloneNode(true) as HTMLElement;
  // Codicons are decorative (aria-hidden) and their font cannot load inside an exported image: drop them
  // rather than leave empty boxes.
  for (const i of Array.from(clone.querySelectorAll('.codicon'))) i.remove();
  clone.style.overflow = 'visible';
  clone.style.height = 'auto';
  wrap.append(style, clone);
  fo.append(wrap);
  svg.append(fo);
  return new XMLSerializer().serializeToString(svg);
}

/** Draw an SVG document on a canvas and return a PNG data: URL. */
export function svgToPng(svgText: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      try {
        const w = img.naturalWidth || 800;
        const hgt = img.naturalHeight || 600;
        const scale = Math.min(2, 16000 / Math.max(w, hgt));
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(w * scale));
        canvas.height = Math.max(1, Math.round(hgt * scale));
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d canvas');
        ctx.scale(scale, scale);
        ctx.drawImage(img, 0, 0);
        resolve(canvas.toDataURL('image/png'));
      } catch (err) { reject(err); }
    };
    img.onerror = () => reject(new Error('the SVG could not be drawn'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
}
