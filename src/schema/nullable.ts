/** OpenAPI 3.0 `nullable: true` expressed in draft-07, which has no such keyword. */
import type { JsonSchema } from './json-schema';

// Keywords whose meaning cannot be widened by editing `type`: null has to be a separate branch.
const COMPOSITE = ['$ref', 'allOf', 'anyOf', 'oneOf'];

// Annotations stay on the outer schema of a wrapped one, where a reader of the file sees them.
const ANNOTATIONS = new Set(['title', 'description', 'default', 'readOnly', 'writeOnly']);

/**
 * Makes an already-converted schema (without `nullable`) accept null, as OpenAPI 3.0.3 defines it.
 * - `type: T` → `type: [T, "null"]`; an `enum` also gains `null`, else it would still reject null;
 * - beside `$ref`/`allOf`/`anyOf`/`oneOf` → `anyOf: [<schema>, { type: "null" }]`, since
 *   `{ $ref, type: [...] }` would still require the referenced type. ajv's strict mode accepts
 *   both forms: a `"null"` member is the one union it allows without `allowUnionTypes`.
 * A schema with neither `type` nor a composite already accepts null and is returned as is.
 */
export function makeNullable(schema: JsonSchema): JsonSchema {
  if (COMPOSITE.some((key) => key in schema)) {
    const outer: JsonSchema = {};
    const inner: JsonSchema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(key)) outer[key] = value;
      else inner[key] = value;
    }
    outer['anyOf'] = [inner, { type: 'null' }];
    return outer;
  }
  const result: JsonSchema = { ...schema };
  const type = result['type'];
  if (typeof type === 'string' && type !== 'null') result['type'] = [type, 'null'];
  if (Array.isArray(type) && !type.includes('null')) result['type'] = [...(type as unknown[]), 'null'];
  const values = result['enum'];
  if (Array.isArray(values) && !values.includes(null)) result['enum'] = [...(values as unknown[]), null];
  return result;
}
