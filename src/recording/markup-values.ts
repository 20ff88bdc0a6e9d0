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

/** A CDATA section's end, also with the backslashes Go's escapes leave a level further in (`]]\\u003e` reads `]]\>`). */
const CDATA_END = /\]\](?:\\)*>/g;

/** Up to the first "<" or ">": a start tag as read when a quoted value does not close (one character class). */
const PLAIN_TAG = /[^<>]*/y;

const isSpaceCode = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * The quote that opens a value at `at`: `"`, `'`, or `"` escaped for a JSON string once or more
 * deep (`\"`, `\\\"`, …: an odd run of backslashes before it, as a tag inside a JSON string inside
 * another is written); '' when none.
 */
function quoteAt(text: string, at: number): string {
  const c = text.charAt(at);
  if (c === '"' || c === "'") return c;
  let i = at;
  while (text.charAt(i) === '\\') i += 1;
  return (i - at) % 2 === 1 && text.charAt(i) === '"' ? text.slice(at, i + 1) : '';
}

/**
 * Whether `quote` (as quoteAt gave it) closes at `at`: an escaped one only where no backslash
 * comes before it, or it is a deeper level's quote inside the value (`\\\"` holds `\"`).
 */
function closesAt(text: string, quote: string, at: number): boolean {
  return text.startsWith(quote, at) && (quote.length === 1 || text.charAt(at - 1) !== '\\');
}

/**
 * Where the start tag whose attributes begin at `from` ends (the index of its ">"), or -1 when a
 * "<" or the text's end comes first. A value quoted after "=" (`"…"`, `'…'`, or `\"…\"` inside a
 * JSON string, `\\\"…\\\"` a level further in) is read to its closing quote, so a ">" inside it
 * (`data-x="a>b"`) does not end the tag early (read so, the `value` after it was kept). A quote
 * that does not close before the next "<" sends the tag back to its first ">", as it was read
 * before. Nothing is read past the next "<": each "<" is read on to it at most twice; a tag whose
 * quoted value holds a "<" is read by openValueSpan.
 */
function tagEnd(text: string, from: number): number {
  let afterEquals = false;
  for (let i = from; i < text.length; ) {
    const c = text.charAt(i);
    if (c === '>') return i;
    if (c === '<') return -1;
    const quote = afterEquals ? quoteAt(text, i) : '';
    if (quote !== '') {
      let close = -1;
      for (let k = i + quote.length; k < text.length && text.charAt(k) !== '<'; k += 1) {
        if (closesAt(text, quote, k)) {
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
  /** The quote the value opened with ('' when none). */
  quote: string;
  /** Quoted, and not closed before the attribute text's end. */
  open: boolean;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * The attributes of a start tag (`name="v"`, `name='v'`, `name=v`, a name alone), read in one loop.
 * A value quoted `\"…\"` (a tag inside a JSON string; `\\\"…\\\"` a level further in, and so on) is
 * read inside its escaped quotes, to the closing one, spaces and all (read to the first space,
 * `\"my secret\"` kept "secret"), and the quotes stay, so each level stays JSON and the markup
 * keeps its quotes. An unclosed quote takes the value to the end: failing closed.
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
    const quote = quoteAt(attrs, j);
    let start: number;
    let end: number;
    let open = false;
    if (quote !== '') {
      start = j + quote.length;
      let close = attrs.indexOf(quote, start);
      while (close >= 0 && !closesAt(attrs, quote, close)) close = attrs.indexOf(quote, close + 1);
      open = close < 0;
      end = open ? attrs.length : close;
      i = open ? attrs.length : close + quote.length;
    } else {
      start = j;
      while (j < attrs.length && !isSpace(attrs.charAt(j))) j += 1;
      end = j;
      i = j;
    }
    found.push({ name, start, end, value: attrs.slice(start, end), quote, open });
  }
  return found;
}

/** Whether a tag with these attributes names a sensitive field (`name="csrf_token"`): its value attribute then holds one. */
const namesSensitive = (attributes: readonly Attribute[]): boolean => attributes.some((a) => namingAttributes.has(a.name.toLowerCase()) && isSensitiveName(a.value));

/** Whether the value of `a` is a credential's: its name is sensitive, or it is the value of a field so named. */
const holdsCredential = (a: Attribute, namedSensitive: boolean): boolean => isSensitiveName(a.name) || (namedSensitive && valueAttributes.has(a.name.toLowerCase()));

/** The spans of a tag's attribute text to redact: values of sensitive attributes, and a field's value when its name is sensitive. */
function attributeSpans(attrs: string): Array<[number, number]> {
  const attributes = attributesOf(attrs);
  const namedSensitive = namesSensitive(attributes);
  return attributes.filter((a) => a.end > a.start && holdsCredential(a, namedSensitive)).map((a) => [a.start, a.end]);
}

/** A search for a text from a point on that remembers its last answer: asked from points that only move on, it reads the text once. */
function forwardSearch(text: string): (needle: string, from: number) => number {
  const last = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const memo = last.get(needle);
    if (memo !== undefined && from >= memo.from && (memo.at < 0 || from <= memo.at)) return memo.at;
    const at = text.indexOf(needle, from);
    last.set(needle, { from, at });
    return at;
  };
}

/**
 * The span to redact of a start tag at `attrsAt` that tagEnd could not read: its last attribute's
 * quoted value is still open at the next "<" (`value="a<b SECRET"`) or at the text's end (an excerpt
 * cut inside the tag). When that value is a credential's (by its name, or the field's name before
 * it or after its close), it goes to its closing quote, if one comes before the next ">", else to
 * that ">" or the text's end: failing closed. The searches only move on (forwardSearch) and the
 * attributes after the close are read to the next "<": each part of the text is read a bounded
 * number of times.
 */
function openValueSpan(text: string, attrsAt: number, search: (needle: string, from: number) => number): [number, number] | undefined {
  const lt = text.indexOf('<', attrsAt);
  const attributes = attributesOf(text.slice(attrsAt, lt < 0 ? text.length : lt));
  const last = attributes[attributes.length - 1];
  if (last === undefined || !last.open) return undefined;
  const start = attrsAt + last.start;
  if (lt < 0) return holdsCredential(last, namesSensitive(attributes)) ? [start, text.length] : undefined;
  const gt = search('>', lt);
  let close = search(last.quote, lt);
  while (close >= 0 && !closesAt(text, last.quote, close)) close = search(last.quote, close + 1);
  const closed = close >= 0 && (gt < 0 || close < gt);
  // The tag's attributes after the value's close, to the next "<" or ">": `value="a<b x" name="token"`.
  let after: Attribute[] = [];
  if (closed) {
    const from = close + last.quote.length;
    const nextLt = search('<', from);
    const stop = [gt, nextLt].filter((at) => at >= 0);
    after = attributesOf(text.slice(from, stop.length === 0 ? text.length : Math.min(...stop)));
  }
  if (!holdsCredential(last, namesSensitive([...attributes, ...after]))) return undefined;
  return [start, closed ? close : gt < 0 ? text.length : gt];
}

/**
 * The spans of an element's text to redact, after its start tag at `from`: CDATA's content, or the
 * text up to a closing tag or to the text's end (an excerpt cut short: failing closed); text
 * followed by another start tag (`List<Token> of <b>x</b>`, prose) is no credential's value.
 */
function textSpan(text: string, from: number, cdataEnd: { at: number }): [number, number] | undefined {
  const CDATA = '<![CDATA[';
  // A level further in, Go's escapes leave backslashes before a "<" (`\\u003c![CDATA[` reads `\<![CDATA[`).
  let at = from;
  while (text.charAt(at) === '\\') at += 1;
  if (text.startsWith(CDATA, at)) {
    const start = at + CDATA.length;
    // One search for "]]>" (or "]]\>" a level further in) serves every CDATA before it: 8 MB of unclosed CDATA are read once.
    if (cdataEnd.at !== -1 && cdataEnd.at < start) {
      CDATA_END.lastIndex = start;
      cdataEnd.at = CDATA_END.exec(text)?.index ?? -1;
    }
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
  const search = forwardSearch(text);
  TAG_NAME.lastIndex = 0;
  for (let match = TAG_NAME.exec(text); match !== null; match = TAG_NAME.exec(text)) {
    const name = match[1] ?? '';
    const attrsAt = match.index + 1 + name.length;
    const close = tagEnd(text, attrsAt);
    if (close < 0) {
      const open = openValueSpan(text, attrsAt, search);
      if (open !== undefined) spans.push(open);
      continue;
    }
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
    // A span inside one already redacted (a tag inside a value that held a "<"): what it covers past that one goes too.
    if (start < from) {
      from = Math.max(from, end);
      continue;
    }
    out += text.slice(from, start) + redacted;
    from = end;
  }
  return out + text.slice(from);
}
