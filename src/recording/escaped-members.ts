/**
 * JSON written inside a JSON string, once or more (a wrapped upstream error that wraps another:
 * `{"e":"{\"inner\":\"{\\\"access_token\\\":\\\"…\\\"}\"}"}`), its quotes written `\"`, `\\\"`, …
 * or as `\u0022` (an encoder escaping more than it must), or both. Each level is read where it
 * stands, through a decoder of the levels above it, and loses the values under sensitive names as
 * redactMembers drops them from plain JSON; the text around them is kept byte for byte, and every
 * level of JSON stays JSON.
 */
import { isQuotedMarker, isSensitiveJsonKey, kindAtText, redactedKind, type RedactedKind } from './sensitive-names';

/**
 * The deepest level looked into: a credential in JSON escaped four times over is still found;
 * each level is a pass over the text, so the bound keeps a text of 8 MB of backslashes at 4 passes.
 */
export const MAX_ESCAPE_DEPTH = 4;

/**
 * A level's text marks with this the end of the string it is written in (an unescaped quote of the
 * level above, as the level reads it). A NUL the text itself holds is read as U+FFFD instead: no
 * value is cut short by one, and the view is only read, never written.
 */
const END = 0;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const REPLACEMENT = 0xfffd;

/** What a JSON string escape's letter stands for; any other letter (invalid JSON) is read as itself. */
const ESCAPED: Readonly<Record<number, number>> = { 0x6e: 0x0a, 0x74: 0x09, 0x72: 0x0d, 0x62: 0x08, 0x66: 0x0c };

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** A level of the text: the JSON as read that many string-escapings deep, and where each of its characters starts in the text. */
interface Level {
  view: string;
  /** starts[i]: the text's index where the view's character i starts; starts[view.length] is the text's length. */
  starts: Int32Array;
}

/** UTF-16 code units as a string, in native code (a spread of 8 million arguments would overflow the stack); a leading U+FEFF kept, a lone surrogate one U+FFFD: the length is the same. */
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function stringOf(codes: Uint16Array, length: number): string {
  return utf16.decode(codes.subarray(0, length));
}

/**
 * The level below `above` (the text itself when `above` is undefined): the string content of every
 * string of it, its `\"`, `\\`, `\n`, `\uXXXX` read as the characters they stand for, its unescaped
 * quotes (and its own ENDs) as END. One loop; a character starts where one of the level above does.
 */
function levelBelow(text: string, above: Level | undefined): Level {
  const source = above === undefined ? text : above.view;
  const startOf = (i: number): number => (above === undefined ? i : (above.starts[i] ?? text.length));
  const codes = new Uint16Array(source.length);
  const starts = new Int32Array(source.length + 1);
  let length = 0;
  const emit = (code: number, at: number): void => {
    codes[length] = code;
    starts[length] = startOf(at);
    length += 1;
  };
  for (let i = 0; i < source.length; ) {
    const c = source.charCodeAt(i);
    if (c === QUOTE || (c === END && above !== undefined)) {
      emit(END, i);
      i += 1;
    } else if (c !== BACKSLASH) {
      emit(c === END ? REPLACEMENT : c, i);
      i += 1;
    } else {
      const letter = i + 1 < source.length ? source.charCodeAt(i + 1) : END;
      if (letter === END && (above !== undefined || i + 1 >= source.length)) {
        // Nothing to escape: the string (or the text) ends here.
        emit(REPLACEMENT, i);
        i += 1;
        continue;
      }
      let value = -1;
      if (letter === 0x75 && i + 6 <= source.length) {
        value = 0;
        for (let k = i + 2; k < i + 6 && value >= 0; k += 1) {
          const digit = hexDigit(source.charCodeAt(k));
          value = digit < 0 ? -1 : value * 16 + digit;
        }
      }
      if (value >= 0) {
        emit(value === END ? REPLACEMENT : value, i);
        i += 6;
      } else {
        emit(ESCAPED[letter] ?? (letter === END ? REPLACEMENT : letter), i);
        i += 2;
      }
    }
  }
  starts[length] = startOf(source.length);
  return { view: stringOf(codes, length), starts: starts.subarray(0, length + 1) };
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;

/** Where the string opening at `open` stops: at its closing quote, or at an END or the view's end (not closed). */
function stringStop(view: string, open: number): number {
  for (let i = open + 1; i < view.length; i += 1) {
    const c = view.charCodeAt(i);
    if (c === QUOTE || c === END) return i;
    if (c === BACKSLASH) {
      if (view.charCodeAt(i + 1) === END) return i + 1;
      i += 1;
    }
  }
  return view.length;
}

const closes = (view: string, stop: number): boolean => view.charCodeAt(stop) === QUOTE;

function skipSpace(view: string, from: number): number {
  let i = from;
  while (i < view.length && isSpace(view.charCodeAt(i))) i += 1;
  return i;
}

/** Where the value at `start` ends: past a string's closing quote, at an object's or array's matching bracket, a scalar at its first delimiter; an END ends any. */
function valueEnd(view: string, start: number): number {
  const first = view.charCodeAt(start);
  if (first === QUOTE) {
    const stop = stringStop(view, start);
    return closes(view, stop) ? stop + 1 : stop;
  }
  if (first !== 0x7b && first !== 0x5b) {
    for (let i = start; i < view.length; i += 1) {
      const c = view.charCodeAt(i);
      if (c === END || isSpace(c) || c === 0x2c || c === 0x7d || c === 0x5d || c === QUOTE || c === BACKSLASH) return i;
    }
    return view.length;
  }
  let depth = 0;
  for (let i = start; i < view.length; i += 1) {
    const c = view.charCodeAt(i);
    if (c === END) return i;
    if (c === QUOTE) {
      const stop = stringStop(view, i);
      if (!closes(view, stop)) return stop;
      i = stop;
    } else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return view.length;
}

/**
 * redactMembers on a level's view: the spans of it (start, end) holding a value under a sensitive
 * name. Every quote is tried as a key's opening; each character is read at most three times
 * (found, as a string's, as a key's): linear, and loops, not recursion.
 */
function memberSpans(view: string): Array<[number, number, RedactedKind | undefined]> {
  const found: Array<[number, number, RedactedKind | undefined]> = [];
  let from = 0;
  for (let open = view.indexOf('"'); open >= 0; open = view.indexOf('"', from)) {
    const stop = stringStop(view, open);
    if (!closes(view, stop)) {
      from = stop + 1;
      continue;
    }
    const colon = skipSpace(view, stop + 1);
    if (view.charCodeAt(colon) !== 0x3a) {
      // Its closing quote may be the opening of a key: tried next.
      from = stop;
      continue;
    }
    const start = skipSpace(view, colon + 1);
    if (start < view.length && isSensitiveJsonKey(view.slice(open + 1, stop))) {
      const end = valueEnd(view, start);
      // A marker already (a recording scrubbed again on replay) stays as it is, so a replay reads as live.
      const value = view.slice(start, end);
      if (!isQuotedMarker(value)) found.push([start, end, kindAtText(view.charAt(start))]);
      from = end;
    } else from = start;
  }
  return found;
}

/**
 * The marker as a string of the JSON `level` escapings deep: its quotes escaped that many times, so
 * every level stays JSON; of its kind when the value was no string ("[REDACTED number]").
 */
function markerAt(level: number, kind: RedactedKind | undefined): string {
  const quote = `${'\\'.repeat(2 ** level - 1)}"`;
  return `${quote}${redactedKind(kind)}${quote}`;
}

/** Whether a level's view may hold a quote of the level below: `\"`, or `\u0022` in either case. */
const mayHoldEscapedQuote = (view: string): boolean => view.includes('\\"') || /\\u0022/i.test(view);

/**
 * JSON deeper than MAX_ESCAPE_DEPTH, read on the safe side: the content of each string of the
 * deepest level read (or of a level above it, where the deeper JSON stands in no string of that
 * level: a string JSON-encoded five times over, its objects all in one) that holds quotes of the level below
 * (`\"`, `\u0022`) and, its backslashes however many taken away, a member with a sensitive name
 * (`"token":`), goes whole: the spans of those contents, each between two unescaped quotes or ends
 * of strings. Reading level after level would cost a pass over the text each; this is one, whatever
 * the depth, and a string with no credential's name in it is kept. One loop over the view; each
 * content is read once more, by collapsed (one character class a pattern) and memberSpans.
 */
function tooDeepSpans(view: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let from = 0;
  const content = (end: number): void => {
    const text = view.slice(from, end);
    if (mayHoldEscapedQuote(text) && memberSpans(collapsed(text)).length > 0) found.push([from, end]);
  };
  for (let i = 0; i < view.length; i += 1) {
    const c = view.charCodeAt(i);
    if (c === BACKSLASH) i += 1;
    else if (c === QUOTE || c === END) {
      content(i);
      from = i + 1;
    }
  }
  content(view.length);
  return found;
}

/**
 * A string's content with its escapes of every depth read loosely: a quote at any depth (`\\\"`,
 * `\\u0022`) as `"`, a line break or tab as a space, every other backslash dropped. Enough to see
 * `"token":` however deep it is written; never written back.
 */
const collapsed = (content: string): string =>
  content
    .replace(/\\+u0022/gi, '"')
    .replace(/\\+[nrt]/g, ' ')
    .replace(/\\+/g, '');

/**
 * The values under sensitive names of JSON written inside JSON strings, up to MAX_ESCAPE_DEPTH
 * escapings deep, each replaced by the marker as its level writes a string. A level is read only
 * when the one above holds what may be a quote of it; each is one linear pass. The spans of all
 * levels are taken from the text as it came: one of a deeper level lies within a string of the
 * level above, so inside a value redacted there (and is dropped) or outside it.
 */
export function redactEscapedMembers(text: string): string {
  // A bare span is a string's content (tooDeepSpans): its marker is written without quotes.
  const spans: Array<{ start: number; end: number; level: number; kind: RedactedKind | undefined; bare?: boolean }> = [];
  let above: Level | undefined;
  for (let level = 1; level <= MAX_ESCAPE_DEPTH; level += 1) {
    if (!mayHoldEscapedQuote(above === undefined ? text : above.view)) break;
    const current = levelBelow(text, above);
    for (const [start, end, kind] of memberSpans(current.view)) spans.push({ start: current.starts[start] ?? text.length, end: current.starts[end] ?? text.length, level, kind });
    above = current;
    // Deeper still: its strings holding a credential's name go whole, at this level (tooDeepSpans).
    if (level === MAX_ESCAPE_DEPTH && mayHoldEscapedQuote(current.view)) {
      for (const [start, end] of tooDeepSpans(current.view)) spans.push({ start: current.starts[start] ?? text.length, end: current.starts[end] ?? text.length, level, kind: undefined, bare: true });
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let from = 0;
  let last: (typeof spans)[number] | undefined;
  for (const span of spans) {
    if (last !== undefined && span.start < last.end) {
      // Within a value already redacted, or (text cut mid-way) overlapping it: the two go as one.
      if (span.end > last.end) last.end = span.end;
      continue;
    }
    if (last !== undefined) {
      out += text.slice(from, last.start) + (last.bare === true ? redactedKind(undefined) : markerAt(last.level, last.kind));
      from = last.end;
    }
    last = { ...span };
  }
  if (last !== undefined) {
    out += text.slice(from, last.start) + (last.bare === true ? redactedKind(undefined) : markerAt(last.level, last.kind));
    from = last.end;
  }
  return out + text.slice(from);
}
