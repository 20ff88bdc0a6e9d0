/**
 * The first key given twice in one object of a JSON text. JSON.parse keeps the last silently
 * (RFC 8259 §4 leaves it to the reader), while the YAML parser refuses one: a spec edited by hand
 * with `required` or an `operationId` twice would be judged by whichever came last, unsaid.
 */

/** A duplicate key, and where its second occurrence starts (a UTF-16 offset into the text). */
export interface DuplicateKey {
  key: string;
  offset: number;
}

/**
 * One open array or object. An array, and an object before its first key, hold no keys; an object
 * holds its first key as the string itself and a Set only from its second: a text of 64 MiB nested
 * 13 million objects deep keeps 13 million slots, not 13 million Sets (a peak of 0.5 GB, not 2.5,
 * where JSON.parse of it peaks at 1.2); a key without a backslash is sliced, not parsed again.
 */
type Frame = typeof ARRAY | typeof NO_KEY | string | Set<string>;
const ARRAY = 0;
const NO_KEY = 1;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * For a text JSON.parse accepted (the syntax is not checked again). One pass, no recursion: a
 * 64 MiB spec or one nested a million deep costs a walk and an array of frames, not the call stack.
 */
export function duplicateJsonKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  // The next string is a key: after an object's `{` or `,`. After a value closes, `,` or `}` comes.
  let keyNext = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      let end = i + 1;
      let escaped = false;
      for (let at = text.charCodeAt(end); at !== QUOTE; at = text.charCodeAt(end)) {
        if (at === BACKSLASH) {
          escaped = true;
          end += 2;
        } else end += 1;
      }
      if (keyNext) {
        // Decoded, so "a" and "\u0061" are the one key they are to JSON.parse; a key without an escape is its text.
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        const top = stack[stack.length - 1];
        if (top === NO_KEY) stack[stack.length - 1] = key;
        else if (typeof top === 'string') {
          if (top === key) return { key, offset: i };
          stack[stack.length - 1] = new Set([top, key]);
        } else if (top instanceof Set) {
          if (top.has(key)) return { key, offset: i };
          top.add(key);
        }
        keyNext = false;
      }
      i = end;
    } else if (code === 0x7b) {
      stack.push(NO_KEY);
      keyNext = true;
    } else if (code === 0x5b) {
      stack.push(ARRAY);
      keyNext = false;
    } else if (code === 0x7d || code === 0x5d) {
      stack.pop();
      keyNext = false;
    } else if (code === 0x2c) keyNext = stack[stack.length - 1] !== ARRAY;
  }
  return undefined;
}

/** 1-based line and column of a UTF-16 offset, as the YAML parser's errors give them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
