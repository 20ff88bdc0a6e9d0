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

interface Frame {
  /** undefined for an array. */
  keys: Set<string> | undefined;
  /** The next string of this object is a key (after `{` or `,`). */
  keyNext: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * For a text JSON.parse accepted (the syntax is not checked again). One pass, no recursion: a
 * 64 MiB spec or one nested 100,000 deep costs a walk and a stack of frames, not the call stack.
 */
export function duplicateJsonKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      let end = i + 1;
      while (text.charCodeAt(end) !== QUOTE) end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys !== undefined && top.keyNext) {
        // Decoded, so "a" and "\u0061" are the one key they are to JSON.parse.
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { key, offset: i };
        top.keys.add(key);
        top.keyNext = false;
      }
      i = end;
    } else if (code === 0x7b) stack.push({ keys: new Set(), keyNext: true });
    else if (code === 0x5b) stack.push({ keys: undefined, keyNext: false });
    else if (code === 0x7d || code === 0x5d) stack.pop();
    else if (code === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys !== undefined) top.keyNext = true;
    }
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
