/** Deterministic keyword order, so regenerated schema files diff cleanly against the checked-in ones. */
import type { JsonSchema } from './json-schema';

// Identity and the keywords a reader looks for first; everything else follows alphabetically.
const HEAD = ['$schema', '$id', '$ref', 'title', 'description', 'type', 'format', 'enum', 'default'];

/**
 * A copy of schema with its keywords reordered: HEAD first, then the rest by code-unit order
 * (locale-independent). Values are not touched: property maps keep the document's order.
 */
export function orderKeywords(schema: JsonSchema): JsonSchema {
  const ordered: JsonSchema = {};
  for (const key of HEAD) if (key in schema) ordered[key] = schema[key];
  const rest = Object.keys(schema)
    .filter((key) => !HEAD.includes(key))
    .sort();
  for (const key of rest) ordered[key] = schema[key];
  return ordered;
}
