/** "duplicate-keys": an object in the body names a member twice, reported as a warning. */
import type { CheckFindings, CountingCheck } from '../model/check';
import type { Violation } from '../model/violation';
import { excerpt } from '../text/plain-text';
import { commonPointer } from './support/common-pointer';
import { judgedResponse } from './support/outside-contract';
import { parseJsonBody } from './support/parsed-body';

const NONE: CheckFindings = { violations: [], omitted: [] };

/** One repeated name: the pointer of its object and the name. */
export interface DuplicateKey {
  pointer: string;
  name: string;
}

interface Frame {
  pointer: string;
  object: boolean;
  /** Member names seen so far, made only when they are looked for. */
  names?: Set<string>;
  /** An object's name awaiting its value, or an array's next index. */
  next: string | number;
  expectName: boolean;
}

const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Calls `onName` with the frame of every member name of a JSON text, in document order, the
 * name's text between its quotes. Only called on a text that parsed, within the structure limits,
 * so a linear scan with no error handling suffices.
 */
function scanNames(text: string, onName: (frame: Frame, raw: string) => void): void {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.object === true && top.expectName) {
        onName(top, text.slice(i + 1, end));
        top.expectName = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      const parent = stack[stack.length - 1];
      const pointer = parent === undefined ? '' : `${parent.pointer}/${escapeToken(String(parent.next))}`;
      stack.push(char === '{' ? { pointer, object: true, next: '', expectName: true } : { pointer, object: false, next: 0, expectName: false });
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',') {
      const top = stack[stack.length - 1];
      if (top?.object === true) top.expectName = true;
      else if (top !== undefined) top.next = (top.next as number) + 1;
    }
  }
}

/**
 * The repeated member names of a JSON text, in document order, each with the pointer of its
 * object. JSON.parse keeps the last value of a repeated name and says nothing, and other parsers
 * keep the first: the one text means two different bodies, and every check here judged only one.
 */
export function duplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  scanNames(text, (frame, raw) => {
    // Only a name with an escape needs decoding: "a" and "\u0061" are the same name.
    const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    frame.names ??= new Set();
    if (frame.names.has(name)) found.push({ pointer: frame.pointer, name });
    frame.names.add(name);
    frame.next = name;
  });
  return found;
}

/**
 * Member names in the text, and keys in what JSON.parse made of it: equal when no name repeats.
 * Counted without a frame, a pointer or a string per name, so a body of 300,000 names costs a scan.
 */
function namesWritten(text: string): number {
  let count = 0;
  /** Per open container: 1 an object awaiting a name, 2 an object past it, 0 an array. */
  const stack: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 0x22) {
      if (stack[stack.length - 1] === 1) {
        count += 1;
        stack[stack.length - 1] = 2;
      }
      i += 1;
      while (text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
    } else if (char === 0x7b) stack.push(1);
    else if (char === 0x5b) stack.push(0);
    else if (char === 0x7d || char === 0x5d) stack.pop();
    else if (char === 0x2c && stack[stack.length - 1] === 2) stack[stack.length - 1] = 1;
  }
  return count;
}

function keysParsed(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const child of value) count += keysParsed(child);
    return count;
  }
  // Object.keys, not Object.values: the names exist already, an array of 300,000 values would not (30 MB).
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  count = names.length;
  for (const name of names) {
    const child = record[name];
    if (typeof child === 'object' && child !== null) count += keysParsed(child);
  }
  return count;
}

/**
 * RFC 8259 §4: names SHOULD be unique, and a text that repeats one is read differently by
 * different parsers. A warning, as the contract's schemas cannot say it; a server that sends a
 * wrong value first and a right one last passes every check that reads the last.
 */
export const duplicateKeysCheck: CountingCheck = {
  id: 'duplicate-keys',
  title: 'No object in the body names a member twice (warning only)',
  run(exchange, context) {
    return this.runCounted(exchange, context, Number.POSITIVE_INFINITY).violations;
  },
  runCounted(exchange, context, keep) {
    const response = judgedResponse(exchange, context.expect);
    const parsed = response === undefined ? undefined : parseJsonBody(response);
    if (response === undefined || parsed?.ok !== true) return NONE;
    // Counting first: a body of 300,000 distinct names needs no set of them to show that none repeats.
    if (namesWritten(response.bodyText) === keysParsed(parsed.value)) return NONE;
    const repeats = duplicateKeys(response.bodyText);
    if (repeats.length === 0) return NONE;
    const violations = repeats.slice(0, keep).map(({ pointer, name }): Violation => ({
      check: 'duplicate-keys',
      severity: 'warning',
      title: `The ${response.status} body names a member twice in one object`,
      message: `Received: "${excerpt(name, 120)}" more than once in ${pointer === '' ? 'the top-level object' : excerpt(pointer)} / Expected: unique member names (RFC 8259 §4): JSON.parse keeps the last value, other parsers the first, and the checks judged the last`,
      instancePath: pointer,
    }));
    const rest = repeats.slice(violations.length);
    if (rest.length === 0) return { violations, omitted: [] };
    return { violations, omitted: [{ check: 'duplicate-keys', severity: 'warning', count: rest.length, instancePath: rest.map((r) => r.pointer).reduce(commonPointer) }] };
  },
};
