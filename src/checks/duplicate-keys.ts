/** "duplicate-keys": an object in the body names a member twice, reported as a warning. */
import { countingCheck, type CheckFindings, type CountingCheck } from '../model/check';
import type { Violation } from '../model/violation';
import { appendPointer } from '../openapi/json-pointer';
import { excerpt } from '../text/plain-text';
import { judgedResponse } from './support/outside-contract';
import { parseJsonBody } from './support/parsed-body';

const NONE: CheckFindings = { violations: [], omitted: [] };

/** One repeated name: the pointer of its object, the name, and how many times the object names it. */
export interface DuplicateKey {
  pointer: string;
  name: string;
  /** 2 or more: every time the name is written in that object (in every object at that pointer). */
  times: number;
}

/** The repeated names of a text: the first `keep` in full, all counted, and the place of the rest. */
export interface DuplicateKeys {
  /** The first repeated names, in the order their second writing comes (at most the `keep` asked for). */
  repeats: DuplicateKey[];
  /** How many repeated names there are in all (a name per pointer, however often and in however many objects there), `repeats` included. */
  count: number;
  /** The pointer the objects of every repeat past `repeats` are at or under; absent when none is past. */
  restUnder?: string;
}

interface Frame {
  /** The frame of the container this one is in, and this one's name or index there. */
  parent?: Frame;
  key: string | number;
  object: boolean;
  /** Member names seen so far, each with how many times, made only when they are looked for. */
  names?: Map<string, number>;
  /** This frame's place, once a repeat in it needs one: every repeat in one object shares it. */
  place?: Place;
  /** An object's name awaiting its value (set by who reads names), or an array's next index. */
  next: string | number;
  expectName: boolean;
}

/**
 * A pointer, as a node of a tree of the places repeats were found at: every object at one pointer
 * (the name that holds them repeated) shares one, found with one lookup of its token. No pointer
 * is built to tell two places apart: a pointer is as long as the names it goes through, and
 * building or comparing one per repeat was quadratic on a hostile body (a 1 MB name holding
 * 100,000 repeats, or 100,000 objects in an array under it, hung the run for minutes).
 */
interface Place {
  parent?: Place;
  token: string | number;
  depth: number;
  /**
   * Children by index, a slot each: an array's elements (one place per element of an array of
   * 499,000 objects, each with a repeat: a Map entry and a Map of names per place held 165 MB of
   * such a 7 MB body), and an object's members named as a canonical index, the same pointer.
   */
  items?: Place[];
  /** Children by any other name. */
  members?: Map<string, Place>;
  /** The first name repeated here (most places have one) and its repeat: the kept one, or null for one only counted. */
  name: string | undefined;
  repeat: DuplicateKey | null | undefined;
  /** The names repeated here after the first. */
  more?: Map<string, DuplicateKey | null>;
  /** Its pointer, built only for a kept repeat and the place of the rest. */
  pointer?: string;
}

/** An index as a pointer spells it ("0", "12"; not "01"), within an array slot's reach, or undefined. */
const INDEX = /^(?:0|[1-9][0-9]{0,8})$/;

/** The repeat a place holds for a name: the kept one, null when only counted, undefined when none. */
function repeatAt(place: Place, name: string): DuplicateKey | null | undefined {
  return place.name === name ? place.repeat : place.more?.get(name);
}

function setRepeatAt(place: Place, name: string, repeat: DuplicateKey | null): void {
  if (place.name === undefined) {
    place.name = name;
    place.repeat = repeat;
  } else (place.more ??= new Map()).set(name, repeat);
}

/** A frame's place: its parent's, and one more token (an index as its digits, as a pointer spells it). */
function placeOf(frame: Frame, root: Place): Place {
  if (frame.place !== undefined) return frame.place;
  if (frame.parent === undefined) return (frame.place = root);
  const parent = placeOf(frame.parent, root);
  const index = typeof frame.key === 'number' ? frame.key : INDEX.test(frame.key) ? Number(frame.key) : undefined;
  let place = index !== undefined ? parent.items?.[index] : parent.members?.get(frame.key as string);
  if (place === undefined) {
    // Every field in the literal: one shape, in-object, no properties store added when a name is set.
    place = { parent, token: frame.key, depth: parent.depth + 1, name: undefined, repeat: undefined };
    if (index !== undefined) (parent.items ??= [])[index] = place;
    else (parent.members ??= new Map()).set(frame.key as string, place);
  }
  return (frame.place = place);
}

/** The JSON pointer of a place, built once per place. */
function pointerOf(place: Place): string {
  place.pointer ??= place.parent === undefined ? '' : appendPointer(pointerOf(place.parent), place.token);
  return place.pointer;
}

/** The deepest place both are at or under: a walk up of at most the depth limit, never a pointer compared. */
function commonPlace(a: Place, b: Place): Place {
  let x = a;
  let y = b;
  while (x.depth > y.depth) x = x.parent as Place;
  while (y.depth > x.depth) y = y.parent as Place;
  while (x !== y) {
    x = x.parent as Place;
    y = y.parent as Place;
  }
  return x;
}

/**
 * Calls `onName` with the frame and the quotes' positions of every member name of a JSON text, in
 * document order. Nothing is allocated per name, so a body of 300,000 names costs a scan when the
 * caller only counts. Only called on a text that parsed, within the structure limits, so a linear
 * scan with no error handling suffices.
 */
function scanNames(text: string, onName: (frame: Frame, start: number, end: number) => void): void {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (char === 0x22) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      if (top?.object === true && top.expectName) {
        onName(top, i, end);
        top.expectName = false;
      }
      i = end;
    } else if (char === 0x7b || char === 0x5b) {
      const at = { ...(top !== undefined ? { parent: top } : {}), key: top?.next ?? '' };
      stack.push(char === 0x7b ? { ...at, object: true, next: '', expectName: true } : { ...at, object: false, next: 0, expectName: false });
    } else if (char === 0x7d || char === 0x5d) {
      stack.pop();
    } else if (char === 0x2c && top !== undefined) {
      if (top.object) top.expectName = true;
      else top.next = (top.next as number) + 1;
    }
  }
}

/**
 * The repeated member names of a JSON text, once per name and object, each with the pointer of its
 * object and how many times it is written there: the first `keep` (every one when not given), the
 * rest counted with the place they share, as a report keeps them (a hostile text may repeat a name
 * 300,000 times, or 300,000 names). Once per name, not per repeat: each repeat of one name said the
 * same words, a report kept one of them, and its "and N more" left the others out. JSON.parse keeps
 * the last value of a repeated name and says nothing, and other parsers keep the first: the one
 * text means two different bodies, and every check here judged only one.
 */
export function duplicateKeys(text: string, keep = Number.POSITIVE_INFINITY): DuplicateKeys {
  const repeats: DuplicateKey[] = [];
  const root: Place = { token: '', depth: 0, name: undefined, repeat: undefined };
  let count = 0;
  let rest: Place | undefined;
  scanNames(text, (frame, start, end) => {
    const raw = text.slice(start + 1, end);
    // Only a name with an escape needs decoding: "a" and "\u0061" are the same name.
    const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    frame.names ??= new Map();
    const before = frame.names.get(name) ?? 0;
    frame.names.set(name, before + 1);
    frame.next = name;
    if (before === 0) return;
    const place = placeOf(frame, root);
    const known = repeatAt(place, name);
    // A third writing or more in this object: counted on its name, kept or not, when its second was.
    if (before > 1) {
      if (known) known.times += 1;
      return;
    }
    // Two objects at one place (the name that holds them repeated) would say the same words twice:
    // a name there is one repeat, kept or counted once, its writings in each object summed.
    if (known !== undefined) {
      if (known !== null) known.times += 2;
      return;
    }
    count += 1;
    if (repeats.length < keep) {
      const repeat = { pointer: pointerOf(place), name, times: 2 };
      repeats.push(repeat);
      setRepeatAt(place, name, repeat);
    } else {
      // Past the kept ones only the place is held, and the name, so another object there counts it no more.
      setRepeatAt(place, name, null);
      rest = rest === undefined ? place : commonPlace(rest, place);
    }
  });
  return { repeats, count, ...(rest !== undefined ? { restUnder: pointerOf(rest) } : {}) };
}

/** Member names in the text, and keys in what JSON.parse made of it: equal when no name repeats. */
function namesWritten(text: string): number {
  let count = 0;
  scanNames(text, () => {
    count += 1;
  });
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
export const duplicateKeysCheck: CountingCheck = countingCheck({
  id: 'duplicate-keys',
  title: 'No object in the body names a member twice (warning only)',
  runCounted(exchange, context, keep) {
    const response = judgedResponse(exchange, context.expect);
    const parsed = response === undefined ? undefined : parseJsonBody(response);
    if (response === undefined || parsed?.ok !== true) return NONE;
    // Counting first: a body of 300,000 distinct names needs no set of them to show that none repeats.
    if (namesWritten(response.bodyText) === keysParsed(parsed.value)) return NONE;
    const { repeats, count, restUnder } = duplicateKeys(response.bodyText, keep);
    if (count === 0) return NONE;
    // One warning per repeated name, with its count: the same words for each repeat were kept once.
    const violations = repeats.map(({ pointer, name, times }): Violation => ({
      check: 'duplicate-keys',
      severity: 'warning',
      title: `The ${response.status} body names a member twice in one object`,
      message: `Received: "${excerpt(name, 120)}" ${times} times in ${pointer === '' ? 'the top-level object' : excerpt(pointer)} / Expected: unique member names (RFC 8259 §4): JSON.parse keeps the last value, other parsers the first, and the checks judged the last`,
      instancePath: pointer,
    }));
    const rest = count - violations.length;
    if (rest === 0) return { violations, omitted: [] };
    return { violations, omitted: [{ check: 'duplicate-keys', severity: 'warning', count: rest, instancePath: restUnder ?? '' }] };
  },
});
