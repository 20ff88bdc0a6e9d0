/** Converts one OpenAPI 3.0 Schema Object into a draft-07 JSON Schema that ajv's strict mode accepts. */
import { SpecError } from '../model/errors';
import { isRecord } from '../openapi/is-record';
import { appendPointer } from '../openapi/json-pointer';
import { rewriteSchemaRef } from './component-id';
import type { JsonSchema } from './json-schema';
import { orderKeywords } from './key-order';
import { makeNullable } from './nullable';

// OpenAPI-only keywords: draft-07 has no meaning for them and ajv strict mode rejects unknown
// keywords. `nullable` is applied (below), the others are documentation and go.
const DROPPED = new Set(['nullable', 'example', 'xml', 'externalDocs', 'discriminator', 'deprecated']);
const SUBSCHEMA = new Set(['items', 'not', 'additionalProperties']);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'items']);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', 'definitions']);

/**
 * The draft-07 form of `node`, found at `where` (a JSON Pointer used in SpecError messages).
 * Returns a fresh tree: nothing in it is shared with the OpenAPI document.
 */
export function convertSchema(node: unknown, where: string): JsonSchema {
  if (!isRecord(node)) throw new SpecError(`schema at ${where} is not an object`);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    // x-* extensions are vendor data, never validation.
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    out[key] = convertKeyword(key, value, appendPointer(where, key));
  }
  convertExclusiveBounds(out);
  return orderKeywords(node['nullable'] === true ? makeNullable(out) : out);
}

function convertKeyword(key: string, value: unknown, where: string): unknown {
  if (key === '$ref' && typeof value === 'string') return rewriteSchemaRef(value, where);
  if (SUBSCHEMA.has(key) && isRecord(value)) return convertSchema(value, where);
  if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) {
    return value.map((item, index) => convertSchema(item, appendPointer(where, index)));
  }
  if (SUBSCHEMA_MAP.has(key) && isRecord(value)) {
    // Keys here are property names, not keywords: "example" or "x-id" properties are kept.
    const map: JsonSchema = {};
    for (const [name, schema] of Object.entries(value)) map[name] = convertSchema(schema, appendPointer(where, name));
    return map;
  }
  return structuredClone(value);
}

/**
 * OpenAPI 3.0 (like draft-04) writes `minimum: 5, exclusiveMinimum: true`; draft-07 writes
 * `exclusiveMinimum: 5`. A boolean left in place would be a meta-schema error in ajv.
 */
function convertExclusiveBounds(schema: JsonSchema): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const exclusive = schema[flag];
    if (typeof exclusive !== 'boolean') continue;
    delete schema[flag];
    const limit = schema[bound];
    if (exclusive && typeof limit === 'number') {
      schema[flag] = limit;
      delete schema[bound];
    }
  }
}
