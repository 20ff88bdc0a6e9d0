/**
 * Credentials in HTML or XML a target answered (a login page's `<input type="hidden"
 * name="csrf_token" value="…">`, Rails' `<meta name="csrf-token" content="…">`, an XML
 * `<access_token>…</access_token>`, an attribute `token="…"`): the value goes, the markup stays,
 * so a reader still sees what the target sent.
 */
import { isSensitiveName, redacted } from './sensitive-names';

/**
 * Where a start tag begins: "<" and a name. The lookahead ends the name where its characters end,
 * so a name is not given back a character at a time; its attributes and ">" are read by tagEnd.
 */
const TAG_NAME = /<([A-Za-z][\w:.-]*)(?![\w:.-])/g;

/** Up to the first "<" or ">": a start tag as read when a quoted value does not close (one character class). */
const PLAIN_TAG = /[^<>]*/y;

const isSpaceCode = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * Where the start tag whose attributes begin at `from` ends (the index of its ">"), or -1 when a
 * "<" or the text's end comes first. A value quoted after "=" (`"…"`, `'…'`, or `\"…\"` inside a
 * JSON string) is read to its closing quote, so a ">" inside it (`data-x="a>b"`) does not end the
 * tag early (read so, the `value` after it was kept). A quote that does not close before the next
 * "<" sends the tag back to its first ">", as it was read before. Nothing is read past the next
 * "<": each "<" is read on to it at most twice, and a tag whose quoted value holds a "<" is read as
 * before (its first ">"), so no tag inside such a value goes unread.
 */
function tagEnd(text: string, from: number): number {
  let afterEquals = false;
  for (let i = from; i < text.length; ) {
    const c = text.charAt(i);
    if (c === '>') return i;
    if (c === '<') return -1;
    const quote = !afterEquals ? '' : c === '"' || c === "'" ? c : c === '\\' && text.charAt(i + 1) === '"' ? '\\"' : '';
    if (quote !== '') {
      let close = -1;
      for (let k = i + quote.length; k < text.length && text.charAt(k) !== '<'; k += 1) {
        if (text.startsWith(quote, k)) {
          close = k;
          break;
        }
      }
      if (close < 0) {
        PLAIN_TAG.lastIndex = from;
        PLAIN_TAG.test(text);
        return text.charAt(PLAIN_TAG.lastIndex) === '>' ? PLAIN_TAG.lastIndex : -1;
      }
      i = close + quote.length;
      afterEquals = false;
      continue;
    }
    if (c === '=') afterEquals = true;
    else if (!isSpaceCode(c)) afterEquals = false;
    i += 1;
  }
  return -1;
}

/** Attributes that name a form field or a meta tag, whose value attribute then holds what the name says. */
const namingAttributes = new Set(['name', 'id', 'property', 'itemprop']);
/** Where a form field or a meta tag holds its value. */
const valueAttributes = new Set(['value', 'content']);

interface Attribute {
  name: string;
  /** The value as written, its quotes excluded: [start, end) in the tag's attribute text. */
  start: number;
  end: number;
  value: string;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * The attributes of a start tag (`name="v"`, `name='v'`, `name=v`, a name alone), read in one loop.
 * A value quoted `\"…\"` (a tag inside a JSON string) is read inside its escaped quotes; an
 * unclosed quote takes the value to the end: failing closed.
 */
function attributesOf(attrs: string): Attribute[] {
  const found: Attribute[] = [];
  let i = 0;
  while (i < attrs.length) {
    while (i < attrs.length && (isSpace(attrs.charAt(i)) || attrs.charAt(i) === '/')) i += 1;
    const nameStart = i;
    while (i < attrs.length && !isSpace(attrs.charAt(i)) && !'=/"\''.includes(attrs.charAt(i))) i += 1;
    const name = attrs.slice(nameStart, i);
    if (name === '') {
      i += 1; // a stray quote: skipped
      continue;
    }
    let j = i;
    while (j < attrs.length && isSpace(attrs.charAt(j))) j += 1;
    if (attrs.charAt(j) !== '=') continue;
    j += 1;
    while (j < attrs.length && isSpace(attrs.charAt(j))) j += 1;
    const quote = attrs.charAt(j);
    let start: number;
    let end: number;
    if (quote === '"' || quote === "'") {
      start = j + 1;
      const close = attrs.indexOf(quote, start);
      end = close < 0 ? attrs.length : close;
      i = close < 0 ? attrs.length : close + 1;
    } else if (attrs.startsWith('\\"', j)) {
      // `value=\"…\"` (a tag inside a JSON string): read to the closing escaped quote, spaces and
      // all (read to the first space, `\"my secret\"` kept "secret"), or to the end when it does
      // not close; the escaped quotes stay, so the string stays JSON.
      start = j + 2;
      const close = attrs.indexOf('\\"', start);
      end = close < 0 ? attrs.length : close;
      i = close < 0 ? attrs.length : close + 2;
    } else {
      start = j;
      while (j < attrs.length && !isSpace(attrs.charAt(j))) j += 1;
      end = j;
      i = j;
    }
    found.push({ name, start, end, value: attrs.slice(start, end) });
  }
  return found;
}

/** The spans of a tag's attribute text to redact: values of sensitive attributes, and a field's value when its name is sensitive. */
function attributeSpans(attrs: string): Array<[number, number]> {
  const attributes = attributesOf(attrs);
  const namedSensitive = attributes.some((a) => namingAttributes.has(a.name.toLowerCase()) && isSensitiveName(a.value));
  return attributes.filter((a) => a.end > a.start && (isSensitiveName(a.name) || (namedSensitive && valueAttributes.has(a.name.toLowerCase())))).map((a) => [a.start, a.end]);
}

/**
 * The spans of an element's text to redact, after its start tag at `from`: CDATA's content, or the
 * text up to a closing tag or to the text's end (an excerpt cut short: failing closed); text
 * followed by another start tag (`List<Token> of <b>x</b>`, prose) is no credential's value.
 */
function textSpan(text: string, from: number, cdataEnd: { at: number }): [number, number] | undefined {
  const CDATA = '<![CDATA[';
  if (text.startsWith(CDATA, from)) {
    const start = from + CDATA.length;
    // One search for "]]>" serves every CDATA before it: 8 MB of unclosed CDATA are read once.
    if (cdataEnd.at !== -1 && cdataEnd.at < start) cdataEnd.at = text.indexOf(']]>', start);
    const end = cdataEnd.at < 0 ? text.length : cdataEnd.at;
    return end > start ? [start, end] : undefined;
  }
  const next = text.indexOf('<', from);
  if (next >= 0 && text.charAt(next + 1) !== '/') return undefined;
  const end = next < 0 ? text.length : next;
  return text.slice(from, end).trim() === '' ? undefined : [from, end];
}

/**
 * The spans of `text` to redact: the value of an attribute with a sensitive name, the
 * `value`/`content` of a tag whose `name`/`id`/`property` is one, and the text of an element with
 * a sensitive name. One pass: each "<" is read on to the next "<" at most twice.
 */
function markupSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const cdataEnd = { at: -2 };
  TAG_NAME.lastIndex = 0;
  for (let match = TAG_NAME.exec(text); match !== null; match = TAG_NAME.exec(text)) {
    const name = match[1] ?? '';
    const attrsAt = match.index + 1 + name.length;
    const close = tagEnd(text, attrsAt);
    if (close < 0) continue;
    const attrs = text.slice(attrsAt, close);
    for (const [start, end] of attributeSpans(attrs)) spans.push([attrsAt + start, attrsAt + end]);
    TAG_NAME.lastIndex = close + 1;
    if (!attrs.trimEnd().endsWith('/') && isSensitiveName(name)) {
      const span = textSpan(text, close + 1, cdataEnd);
      if (span !== undefined) {
        spans.push(span);
        TAG_NAME.lastIndex = span[1];
      }
    }
  }
  return spans;
}

/**
 * Go's encoder (and others escaping HTML in JSON) writes "<" and ">" inside a JSON string as
 * `\u003c` and `\u003e`: a tag so written is no tag to TAG_NAME. The view reads each such escape
 * as its character; starts[i] is where the view's character i starts in the text (starts[length]
 * the text's length), so a span of the view maps back to the escapes' bytes, which stay. An
 * escaped backslash before one (`\\u003c`) is read as "<" too, and is kept so: it is how Go's
 * `\u003c` reads in a JSON string wrapped in another (a level further in), whose tag is then read;
 * where it was a backslash and the letters, that only fails closed. One loop over the text.
 */
const ANGLE_ESCAPE = /\\u003[ce]/gi;

function angleView(text: string): { view: string; starts: Int32Array } {
  const starts = new Int32Array(text.length + 1);
  let view = '';
  let length = 0;
  let from = 0;
  const plain = (end: number): void => {
    view += text.slice(from, end);
    for (let i = from; i < end; i += 1) starts[length++] = i;
  };
  ANGLE_ESCAPE.lastIndex = 0;
  for (let match = ANGLE_ESCAPE.exec(text); match !== null; match = ANGLE_ESCAPE.exec(text)) {
    plain(match.index);
    view += match[0].endsWith('c') || match[0].endsWith('C') ? '<' : '>';
    starts[length++] = match.index;
    from = match.index + match[0].length;
  }
  plain(text.length);
  starts[length] = text.length;
  return { view, starts: starts.subarray(0, length + 1) };
}

/**
 * `text` with the values of credentials in its HTML or XML replaced by the marker (markupSpans),
 * also in a tag written with `\u003c`/`\u003e` inside a JSON string (angleView).
 */
export function redactMarkupValues(text: string): string {
  const escaped = /\\u003c/i.test(text);
  if (!text.includes('<') && !escaped) return text;
  let spans: Array<[number, number]>;
  if (escaped) {
    const { view, starts } = angleView(text);
    spans = markupSpans(view).map(([start, end]) => [starts[start] ?? text.length, starts[end] ?? text.length]);
  } else spans = markupSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    if (start < from) continue;
    out += text.slice(from, start) + redacted;
    from = end;
  }
  return out + text.slice(from);
}
