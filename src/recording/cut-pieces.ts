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
 * the escaped form's pattern takes any run before its `u` as well. So does a whole escape read as
 * one spelling of it (read): padded or in the other case, as the escaped form's pattern takes it.
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
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const HASH = 0x23;
const SEMICOLON = 0x3b;
const ZERO = 0x30;

/** Whether the character at `i` is read: not a backslash another one follows (a run reads as its last). */
function isRead(text: string, i: number): boolean {
  return !(text.charCodeAt(i) === BACKSLASH && text.charCodeAt(i + 1) === BACKSLASH);
}

/**
 * Whether the character at `i` may be read, for sizing a window from its end: isRead, and a zero
 * after `#`, `x` or another zero taken as a reference's padding (read says which are; counting too
 * few only widens the window, which stays within the text between two cuts).
 */
function mayBeRead(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== ZERO) return isRead(text, i);
  const before = text.charCodeAt(i - 1);
  return !(before === ZERO || before === HASH || (before | 0x20) === 0x78);
}

/** The value of `code` as a digit of the base (10 or 16), or -1. */
function digit(code: number, hex: boolean): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const letter = code | 0x20;
  return hex && letter >= 0x61 && letter <= 0x66 ? letter - 0x61 + 10 : -1;
}

/** The hex number text[from, to) spells, or -1 if a character of it is no hex digit. */
function hexNumber(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const d = digit(text.charCodeAt(i), true);
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/** Reads one escape as `canonical`, its characters placed from `at` on, none past `last`. */
function emitEscape(canonical: string, at: number, last: number, emit: (code: number, at: number) => void): void {
  for (let j = 0; j < canonical.length; j += 1) emit(canonical.charCodeAt(j), Math.min(at + j, last));
}

/**
 * text[start, end) as the automaton reads it, each code with where it stands in the text: a run of
 * backslashes as one (a `\u0041` escape quoted in a JSON string is `\\u0041`); letters folded; and
 * each whole escape (`\uXXXX`, `%XX`, `&#N;`, `&#xH;`) as one spelling of it, so that the escaped
 * forms' heads are found however an encoder spelt them: a reference's padding zeros (`&#0122;`,
 * `&#x007A;`) are not read, nor is the case its hex digits or its letter were written in (`&#65;`
 * reads as `&#97;`, `%5A` as `%7a`: a target that echoed the key escaped in a case mix of its own
 * is no token the suite sent, and an escape names one case's code, which folding its text cannot
 * turn into the other's). What a cut left of an escape is read as it stands, but for padding
 * zeros; secretTexts gives each letter's head in both cases. Each character is looked at a bounded
 * number of times (a reference's zeros and digits once, by the reference or after it).
 */
function read(text: string, start: number, end: number, emit: (code: number, at: number) => void): void {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH && c !== PERCENT && c !== AMPERSAND) {
      // Most of a text: one character, as it stands but for its case.
      emit(fold(c), i);
      i += 1;
    } else if (!isRead(text, i)) {
      i += 1;
    } else if (c === BACKSLASH && (text.charCodeAt(i + 1) | 0x20) === 0x75 && i + 6 <= end && hexNumber(text, i + 2, i + 6) >= 0) {
      emitEscape(`\\u${fold(hexNumber(text, i + 2, i + 6)).toString(16).padStart(4, '0')}`, i, i + 5, emit);
      i += 6;
    } else if (c === PERCENT && i + 3 <= end && hexNumber(text, i + 1, i + 3) >= 0) {
      emitEscape(`%${fold(hexNumber(text, i + 1, i + 3)).toString(16).padStart(2, '0')}`, i, i + 2, emit);
      i += 3;
    } else if (c === AMPERSAND && i + 1 < end && text.charCodeAt(i + 1) === HASH) {
      const hex = i + 2 < end && (text.charCodeAt(i + 2) | 0x20) === 0x78;
      const digitsAt = i + (hex ? 3 : 2);
      let significant = digitsAt;
      while (significant < end && text.charCodeAt(significant) === ZERO) significant += 1;
      // Eight digits at most: past a code point's; a longer run is read as it stands, digit by digit, once.
      let stop = significant;
      while (stop < end && stop - significant < 8 && digit(text.charCodeAt(stop), hex) >= 0) stop += 1;
      if (stop < end && stop > digitsAt && text.charCodeAt(stop) === SEMICOLON) {
        const code = stop === significant ? 0 : Number.parseInt(text.slice(significant, stop), hex ? 16 : 10);
        emitEscape(`&#${hex ? 'x' : ''}${fold(code).toString(hex ? 16 : 10)};`, i, stop, emit);
        i = stop + 1;
      } else {
        // A reference cut (or none): `&#`, its `x`, and past its padding zeros.
        emit(AMPERSAND, i);
        emit(HASH, i + 1);
        if (hex) emit(0x78, i + 2);
        i = significant;
      }
    } else {
      emit(fold(c), i);
      i += 1;
    }
  }
}

/** `form` as the automaton reads it (read): its codes, and how many of them its public prefix reads as. */
function normalized(form: SecretText): { codes: number[]; publicCodes: number } {
  const codes: number[] = [];
  let publicCodes = 0;
  // The public prefix ends where an escape does, so the codes read from before it are its own.
  read(form.text, 0, form.text.length, (code, at) => {
    codes.push(code);
    if (at < form.publicChars) publicCodes += 1;
  });
  return { codes, publicCodes };
}

function build(forms: readonly SecretText[]): Automaton {
  const children: Map<number, number>[] = [new Map()];
  const depth = [0];
  const worth = [false];
  let longest = 0;
  for (const { codes, publicCodes } of forms.map(normalized)) {
    longest = Math.max(longest, codes.length);
    let node = 0;
    for (let i = 0; i < codes.length; i += 1) {
      const code = codes[i] as number;
      let next = (children[node] as Map<number, number>).get(code);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        depth.push(i + 1);
        worth.push(false);
        (children[node] as Map<number, number>).set(code, next);
      }
      // A piece that shows something of the secret: past the public prefix, and not too short to matter.
      if (i + 1 > publicCodes && i + 1 >= MIN_CUT_PIECE) worth[next] = true;
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
  // Back from the end to the longest form's length of characters read (a run of backslashes counts one, padding zeros none).
  let start = end;
  for (let counted = 0; start > from && counted < a.longest; ) {
    start -= 1;
    if (mayBeRead(text, start)) counted += 1;
  }
  let node = 0;
  // Where each code read stands in the text, to find where the piece begins.
  const at: number[] = [];
  read(text, start, end, (code, where) => {
    at.push(where);
    let next = (a.children[node] as Map<number, number>).get(code);
    while (next === undefined && node !== 0) {
      node = a.fail[node] as number;
      next = (a.children[node] as Map<number, number>).get(code);
    }
    node = next ?? 0;
  });
  const best = a.best[node] as number;
  if (best < 0) return 0;
  // A run of backslashes the piece begins with goes whole.
  let first = at[at.length - (a.depth[best] as number)] as number;
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
  // secretTexts gives none for an empty secret alone.
  if (secrets.every((secret) => secret === '')) return { atMarks: (text) => text, atEnd: (text) => text };
  // The forms and their automaton, made at the first text with a cut to look at (~15 ms and ~25 ms in
  // a fresh process: every escaped form, each letter's head as a capital): a run that cuts nothing pays nothing.
  let built: Automaton | undefined;
  const automaton = (): Automaton => (built ??= build(secrets.flatMap(secretTexts)));
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
