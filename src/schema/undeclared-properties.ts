/**
 * Finds object keys in a body that its schema does not declare. The contract allows them (no
 * `additionalProperties: false`), so they are warnings at most, never schema failures.
 */
import { isRecord } from '../openapi/is-record';
import { appendPointer } from '../openapi/json-pointer';
import type { JsonSchema } from './json-schema';

/** What the walk needs from the validator: ref lookup and "does this branch accept the data". */
export interface UndeclaredContext {
  resolve(ref: string): JsonSchema | undefined;
  matches(schema: JsonSchema, data: unknown): boolean;
}

// Deeper $ref/allOf nesting than this at one data node can only be a ref cycle.
const MAX_NESTING = 64;

/**
 * JSON Pointers (in data order, no duplicates) of keys that no applicable schema lists in
 * `properties`, at objects where no applicable schema sets additionalProperties or
 * patternProperties. Applicable: the schema, `$ref` targets, every `allOf` member, and the first
 * `anyOf`/`oneOf` branch that validates. When no branch validates, what the object may hold is
 * unknown, so it and everything below it are skipped: the schema check reports that body anyway.
 */
export function findUndeclaredProperties(schema: JsonSchema, data: unknown, context: UndeclaredContext): string[] {
  const found = new Set<string>();
  walk(schema, data, '', context, found);
  return [...found];
}

function walk(schema: JsonSchema, data: unknown, pointer: string, context: UndeclaredContext, found: Set<string>): void {
  const views = applicable(schema, data, context, 0);
  if (views === undefined) return;
  if (Array.isArray(data)) {
    for (const view of views) {
      const items = view['items'];
      if (isRecord(items)) data.forEach((item, index) => walk(items, item, appendPointer(pointer, index), context, found));
    }
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
    const at = appendPointer(pointer, key);
    let declared = false;
    for (const properties of propertyMaps) {
      const child = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
      if (!isRecord(child)) continue;
      declared = true;
      walk(child, value, at, context, found);
    }
    if (declared) continue;
    if (!open) found.add(at);
    // An extra key that a map-like schema allows is still walked with the schema it gets.
    for (const view of extraViews) for (const child of extraSchemas(view, key)) walk(child, value, at, context, found);
  }
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

function extraSchemas(view: JsonSchema, key: string): JsonSchema[] {
  const schemas: JsonSchema[] = [];
  const patterns = view['patternProperties'];
  if (isRecord(patterns)) {
    for (const [pattern, child] of Object.entries(patterns)) {
      if (isRecord(child) && new RegExp(pattern, 'u').test(key)) schemas.push(child);
    }
  }
  const additional = view['additionalProperties'];
  if (schemas.length === 0 && isRecord(additional)) schemas.push(additional);
  return schemas;
}
