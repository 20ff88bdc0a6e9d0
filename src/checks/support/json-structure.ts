/**
 * How deep and how large a parsed JSON body is, measured without recursion. JSON.parse accepts
 * 100,000 nested arrays, but much that comes after it recurses (ajv, node:util's deep equality,
 * JSON.stringify, the undeclared-properties walk) and would overflow the stack; and every value is
 * work for some check. A body beyond these limits is judged by "body-too-complex" alone.
 */

/**
 * Limits no real body comes near: the deepest schema of the contract nests a handful of levels, and
 * a real response holds dozens of values, not a million. The depth is far above that all the same:
 * an Error's `details` is free-form (additionalProperties: true, no depth the contract sets), so a
 * conformant server may nest there as it likes; 512 levels are still far from any stack's end.
 */
export const JSON_LIMITS = Object.freeze({
  /** Objects and arrays nested inside each other, the body itself being level 1. */
  depth: 512,
  /** Values in the whole body: objects, arrays, strings, numbers, booleans and nulls. */
  values: 1_000_000,
});

/** Why a body is beyond the limits, in words; undefined when it is within them. */
export function structureProblem(value: unknown, limits: { depth: number; values: number } = JSON_LIMITS): string | undefined {
  // An explicit stack of containers (and their depths, side by side): no recursion. Scalars are
  // only counted, never pushed: a 300,000-property object costs one pass over its keys.
  if (typeof value !== 'object' || value === null) return undefined;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  let seen = 1;
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop() ?? 1;
    if (depth > limits.depth) return `objects or arrays nested more than ${limits.depth} deep`;
    // Object.keys, not Object.values: on a 300,000-key object the latter is several times slower.
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    const size = keys === undefined ? (node as unknown[]).length : keys.length;
    seen += size;
    // Counted before they are walked: one container of ten million items is refused at once.
    if (seen > limits.values) return `more than ${limits.values} values`;
    for (let i = 0; i < size; i += 1) {
      const child = keys === undefined ? (node as unknown[])[i] : (node as Record<string, unknown>)[keys[i] ?? ''];
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}
