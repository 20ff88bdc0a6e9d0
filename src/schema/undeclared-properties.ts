/**
 * Finds object keys in a body that its schema does not declare. The contract allows them (no
 * `additionalProperties: false`), so they are warnings at most, never schema failures.
 */
import type { UndeclaredProperties } from '../model/schema';
import { isRecord } from '../openapi/is-record';
import { appendPointer, commonPointer } from '../openapi/json-pointer';
import type { JsonSchema } from './json-schema';

/**
 * What the walk needs from the validator: ref lookup, "does this branch accept the data", and
 * "does this patternProperties pattern match the key" (a spec's pattern may backtrack
 * catastrophically on a target's key: the validator tests it under a bound, bounded-pattern.ts).
 */
export interface UndeclaredContext {
  resolve(ref: string): JsonSchema | undefined;
  matches(schema: JsonSchema, data: unknown): boolean;
  matchesPattern(pattern: string, key: string): boolean;
}

const NO_SCHEMAS: readonly JsonSchema[] = [];

// Deeper $ref/allOf nesting than this at one data node can only be a ref cycle.
const MAX_NESTING = 64;

/** The walk's tally: the pointers kept, the count of all, the place of the rest. */
interface Tally {
  keep: number;
  pointers: string[];
  count: number;
  restUnder?: string;
  /** Pointers found at objects the walk may reach more than once (see `once` in walk), to count each once. */
  seen: Set<string>;
}

/**
 * Undeclared keys (in data order, no duplicates): keys that no applicable schema lists in
 * `properties`, at objects where no applicable schema sets additionalProperties or
 * patternProperties. Applicable: the schema, `$ref` targets, every `allOf` member, and the first
 * `anyOf`/`oneOf` branch that validates. When no branch validates, what the object may hold is
 * unknown, so it and everything below it are skipped: the schema check reports that body anyway.
 * The first `keep` are given as JSON Pointers, the rest only counted: a body may hold 300,000, and
 * building every pointer to keep twenty was ~40 MiB of a run's peak RSS on the bench's hostile target.
 */
export function findUndeclaredProperties(schema: JsonSchema, data: unknown, context: UndeclaredContext, keep = Number.POSITIVE_INFINITY): UndeclaredProperties {
  const tally: Tally = { keep, pointers: [], count: 0, seen: new Set() };
  walk(schema, data, '', context, tally, true);
  return { pointers: tally.pointers, count: tally.count, ...(tally.restUnder !== undefined ? { restUnder: tally.restUnder } : {}) };
}

/**
 * `once`: no other walk reaches this object (nor did one before). Then its keys cannot be found
 * twice (keys of one object are distinct) and need no set to be counted once; an object two
 * schemas reach (two allOf members declaring the same property) is walked once by each, and only
 * there are the pointers found kept in a set.
 */
function walk(schema: JsonSchema, data: unknown, pointer: string, context: UndeclaredContext, tally: Tally, once: boolean): void {
  const views = applicable(schema, data, context, 0);
  if (views === undefined) return;
  if (Array.isArray(data)) {
    const itemSchemas = views.map((view) => view['items']).filter(isRecord);
    const itemsOnce = once && itemSchemas.length === 1;
    for (const items of itemSchemas) data.forEach((item, index) => walk(items, item, appendPointer(pointer, index), context, tally, itemsOnce));
    return;
  }
  if (!isRecord(data)) return;
  const open = views.some((view) => 'additionalProperties' in view || 'patternProperties' in view);
  // Worked out once per object, not once per key: a body may hold 300,000 keys.
  const propertyMaps = views.map((view) => view['properties']).filter(isRecord);
  const extraViews = views.filter((view) => isRecord(view['patternProperties']) || isRecord(view['additionalProperties']));
  // Object.keys, not Object.entries: on a 300,000-key object the latter is several times slower.
  for (const key of Object.keys(data)) {
    const value = data[key];
    // No array per key unless one is needed: the 300,000 keys of a hostile body are all undeclared.
    let declaring: JsonSchema[] | undefined;
    for (const properties of propertyMaps) {
      const child = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
      if (isRecord(child)) (declaring ??= []).push(child);
    }
    // An extra key that a map-like schema allows is still walked with the schema it gets.
    const children = declaring ?? (extraViews.length === 0 ? NO_SCHEMAS : extraViews.flatMap((view) => extraSchemas(view, key, context)));
    if (declaring === undefined && !open) found(tally, pointer, key, once);
    if (children.length === 0) continue;
    const at = appendPointer(pointer, key);
    for (const child of children) walk(child, value, at, context, tally, once && children.length === 1);
  }
}

/** Counts one undeclared key of the object at `pointer`; its pointer is built only if kept, or if the place of the rest may move. */
function found(tally: Tally, pointer: string, key: string, once: boolean): void {
  let at: string | undefined;
  if (!once) {
    at = appendPointer(pointer, key);
    if (tally.seen.has(at)) return;
    tally.seen.add(at);
  }
  tally.count += 1;
  if (tally.pointers.length < tally.keep) {
    tally.pointers.push(at ?? appendPointer(pointer, key));
    return;
  }
  // The place the rest share is already at or above this object: this key cannot move it.
  if (tally.restUnder !== undefined && atOrUnder(pointer, tally.restUnder)) return;
  at ??= appendPointer(pointer, key);
  tally.restUnder = tally.restUnder === undefined ? at : commonPointer(tally.restUnder, at);
}

/** Whether `pointer` is `under` itself or lies below it (whole tokens). */
function atOrUnder(pointer: string, under: string): boolean {
  return pointer.startsWith(under) && (pointer.length === under.length || pointer.charCodeAt(under.length) === 0x2f);
}

/** The schemas that apply to data at one node, or undefined when an anyOf/oneOf has no match. */
function applicable(schema: JsonSchema, data: unknown, context: UndeclaredContext, depth: number): JsonSchema[] | undefined {
  if (depth > MAX_NESTING) return [];
  const views = [schema];
  let decided = true;
  const expand = (child: unknown): void => {
    if (!isRecord(child)) return;
    const more = applicable(child, data, context, depth + 1);
    if (more === undefined) decided = false;
    else views.push(...more);
  };
  const ref = schema['$ref'];
  if (typeof ref === 'string') expand(context.resolve(ref));
  const allOf = schema['allOf'];
  if (Array.isArray(allOf)) allOf.forEach(expand);
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const match: unknown = branches.find((branch) => isRecord(branch) && context.matches(branch, data));
    if (match === undefined) decided = false;
    else expand(match);
  }
  return decided ? views : undefined;
}

function extraSchemas(view: JsonSchema, key: string, context: UndeclaredContext): JsonSchema[] {
  const schemas: JsonSchema[] = [];
  const patterns = view['patternProperties'];
  if (isRecord(patterns)) {
    for (const [pattern, child] of Object.entries(patterns)) {
      if (isRecord(child) && context.matchesPattern(pattern, key)) schemas.push(child);
    }
  }
  const additional = view['additionalProperties'];
  if (schemas.length === 0 && isRecord(additional)) schemas.push(additional);
  return schemas;
}
