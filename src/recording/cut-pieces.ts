/**
 * The head of a secret that a cut left behind. Checks quote what a target sent cut to a bound
 * (excerpt: "…(200 chars)"), and the reports' scrubber runs after them: a cut inside an echoed key
 * leaves its first characters, which no form matches whole. The partial form catches a piece of at
 * least half the key; a cut leaves any length, e.g. the prefix and 11 of the 32 secret characters,
 * and the hex and base64 forms have no partial form at all (a cut hex echo showed 53 of its 64
 * secret digits). Every cut the suite makes of received text is marked with "…" (excerpt,
 * cutWithSize, truncate, boundedJson, cutPointer), so the scrubber, which every output passes
 * through, can look at each cut instead of each cut site knowing the secrets: what ends just
 * before a "…" and begins a form of a secret (any of secretTexts, past its public prefix) goes.
 *
 * Linear in the text: one Aho-Corasick automaton over every form's text, run over at most the
 * longest form's length before each "…" (a cut's piece is never longer), from where the previous
 * window ended; a text without "…" costs one search for it.
 *
 * A run of backslashes reads as one, in the forms and in the text: a `\u0041` escape quoted in a
 * JSON string (a body's text quoted by json-body, a JSON text inside a string) is `\\u0041`, and
 * the escaped form's pattern takes any run before its `u` as well.
 */
import { secretTexts, type SecretText } from './secret-forms';
import { redacted } from './sensitive-names';

/** What marks a cut in every excerpt the suite writes. */
export const CUT_MARK = '\u2026';

/**
 * A piece shorter than this is kept, whatever it begins: three characters carry little, and a mock's
 * short key's first two would blank every "sy…" a report cuts. Past the public prefix, any character
 * of a real key's secret counts (the prefix itself is public and stays).
 */
export const MIN_CUT_PIECE = 4;

/**
 * ASCII letters folded to lower case by code unit, so a text keeps its length (toLowerCase does not:
 * "İ" becomes two). Every form is matched in any case, as most of them are (base64 too: a piece
 * that matches only so costs a redaction, never a leak).
 */
function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

interface Automaton {
  children: Map<number, number>[];
  fail: number[];
  /** The deepest node on each node's failure chain (itself included) whose text is a piece worth redacting, or -1. */
  best: number[];
  depth: number[];
  /** The longest form's length: no cut piece is longer. */
  longest: number;
}

const BACKSLASH = 0x5c;

/** Whether the character at `i` is read: not a backslash another one follows (a run reads as its last). */
function isRead(text: string, i: number): boolean {
  return !(text.charCodeAt(i) === BACKSLASH && text.charCodeAt(i + 1) === BACKSLASH);
}

/** `form` as the automaton reads it: each run of backslashes as one. */
function collapsed(form: SecretText): SecretText {
  const squeeze = (text: string): string => text.replace(/\\+/g, '\\');
  return { text: squeeze(form.text), publicChars: squeeze(form.text.slice(0, form.publicChars)).length };
}

function build(forms: readonly SecretText[]): Automaton {
  const children: Map<number, number>[] = [new Map()];
  const depth = [0];
  const worth = [false];
  let longest = 0;
  for (const { text, publicChars } of forms.map(collapsed)) {
    longest = Math.max(longest, text.length);
    let node = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = fold(text.charCodeAt(i));
      let next = (children[node] as Map<number, number>).get(code);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        depth.push(i + 1);
        worth.push(false);
        (children[node] as Map<number, number>).set(code, next);
      }
      // A piece that shows something of the secret: past the public prefix, and not too short to matter.
      if (i + 1 > publicChars && i + 1 >= MIN_CUT_PIECE) worth[next] = true;
      node = next;
    }
  }
  const fail = new Array<number>(children.length).fill(0);
  const best = new Array<number>(children.length).fill(-1);
  // Breadth first: a node's failure link and best are known once its parent's are.
  const queue: number[] = [];
  for (const child of (children[0] as Map<number, number>).values()) {
    queue.push(child);
    best[child] = worth[child] === true ? child : -1;
  }
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head] as number;
    for (const [code, child] of children[node] as Map<number, number>) {
      let f = fail[node] as number;
      while (f !== 0 && !(children[f] as Map<number, number>).has(code)) f = fail[f] as number;
      const target = (children[f] as Map<number, number>).get(code);
      fail[child] = target !== undefined && target !== child ? target : 0;
      best[child] = worth[child] === true ? child : (best[fail[child] as number] as number);
      queue.push(child);
    }
  }
  return { children, fail, best, depth, longest };
}

/** How many characters before `end` (scanned from `from` on) begin a form of a secret, worth redacting; 0 when none. */
function pieceBefore(a: Automaton, text: string, from: number, end: number): number {
  // Back from the end to the longest form's length of characters read (a run of backslashes counts one).
  let start = end;
  for (let read = 0; start > from && read < a.longest; ) {
    start -= 1;
    if (isRead(text, start)) read += 1;
  }
  let node = 0;
  for (let i = start; i < end; i += 1) {
    if (!isRead(text, i)) continue;
    const code = fold(text.charCodeAt(i));
    let next = (a.children[node] as Map<number, number>).get(code);
    while (next === undefined && node !== 0) {
      node = a.fail[node] as number;
      next = (a.children[node] as Map<number, number>).get(code);
    }
    node = next ?? 0;
  }
  const best = a.best[node] as number;
  if (best < 0) return 0;
  // Back from the end over the piece's characters read; a run of backslashes it begins with goes whole.
  let first = end;
  for (let read = 0; read < (a.depth[best] as number); ) {
    first -= 1;
    if (isRead(text, first)) read += 1;
  }
  while (first > start && text.charCodeAt(first - 1) === BACKSLASH) first -= 1;
  return end - first;
}

/** What redacts the heads of the secrets' forms that cuts left. */
export interface CutPieces {
  /** `text` with the piece of a secret that ends just before each "…" redacted. */
  atMarks(text: string): string;
  /** `text`, cut at its end with no mark, without the piece of a secret its end may hold. */
  atEnd(text: string): string;
}

/** For these secrets (empty ones ignored): nothing to do when none. */
export function cutPieces(secrets: readonly string[]): CutPieces {
  const texts = secrets.flatMap(secretTexts);
  if (texts.length === 0) return { atMarks: (text) => text, atEnd: (text) => text };
  // Built at the first text with a cut to look at (~15 ms with every escaped form): a run that cuts nothing pays nothing.
  let built: Automaton | undefined;
  const automaton = (): Automaton => (built ??= build(texts));
  return {
    atMarks(text) {
      let at = text.indexOf(CUT_MARK);
      if (at < 0) return text;
      // Built only where a piece goes: a text of marks and no secret is returned as it is.
      let out = '';
      let kept = 0;
      // Each window starts where the last one ended: the texts between marks are scanned once in all.
      let scanned = 0;
      while (at >= 0) {
        if (at > scanned) {
          const piece = pieceBefore(automaton(), text, scanned, at);
          if (piece > 0) {
            out += text.slice(kept, at - piece) + redacted;
            kept = at;
          }
        }
        scanned = at + CUT_MARK.length;
        at = text.indexOf(CUT_MARK, scanned);
      }
      return kept === 0 ? text : out + text.slice(kept);
    },
    atEnd(text) {
      const piece = pieceBefore(automaton(), text, 0, text.length);
      return piece === 0 ? text : text.slice(0, text.length - piece) + redacted;
    },
  };
}
