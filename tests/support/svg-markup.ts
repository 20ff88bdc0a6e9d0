/**
 * A strict little XML reader for the inline SVG of conformance.html: enough to prove each chart
 * is well-formed (tags balanced and properly nested, attributes quoted, entities known, no script)
 * and to count its marks. Used when no browser is at hand, and beside the browser when there is.
 */

export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  children: SvgElement[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|#39|#\d+);/g;

function decode(text: string, where: string): string {
  const stray = text.replace(ENTITY, '').indexOf('&');
  if (stray >= 0) throw new Error(`${where}: a bare "&" is not well-formed XML`);
  return text.replace(ENTITY, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? String.fromCharCode(Number(e.slice(1))));
}

/** Parses one `<svg …>…</svg>` fragment; throws on anything not well-formed. */
export function parseSvg(markup: string): SvgElement {
  const root: SvgElement = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  while (at < markup.length) {
    token.lastIndex = at;
    const m = token.exec(markup);
    if (m === null) throw new Error(`not well-formed at offset ${at}: ${markup.slice(at, at + 40)}`);
    at = token.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += decode(m[5], `text at ${at}`);
      continue;
    }
    const [, closing, name, attrs, selfClosing] = m;
    if (closing === '/') {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}> at offset ${at}`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of (attrs ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1]! in attributes) throw new Error(`attribute ${a[1]} twice on <${name}>`);
      attributes[a[1]!] = decode(a[2]!, `attribute ${a[1]}`);
    }
    const element: SvgElement = { name: name!, attributes, children: [], text: '' };
    top.children.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  const [svg, ...rest] = root.children;
  if (svg?.name !== 'svg' || rest.length > 0) throw new Error('expected exactly one <svg> root');
  return svg;
}

/** Every `<svg>…</svg>` of a page, in order (inline SVG does not nest here). */
export function svgFragments(html: string): string[] {
  return html.match(/<svg[\s>][\s\S]*?<\/svg>/g) ?? [];
}

/** Every element under `root` (itself included) that matches. */
export function findAll(root: SvgElement, match: (e: SvgElement) => boolean): SvgElement[] {
  return [...(match(root) ? [root] : []), ...root.children.flatMap((c) => findAll(c, match))];
}

export function byClass(root: SvgElement, className: string): SvgElement[] {
  return findAll(root, (e) => (e.attributes['class'] ?? '').split(/\s+/).includes(className));
}
