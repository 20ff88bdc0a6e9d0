/**
 * How deep and how large a parsed JSON body is, measured without recursion. JSON.parse accepts
 * 100,000 nested arrays, but much that comes after it recurses (ajv, node:util's deep equality,
 * JSON.stringify, the undeclared-properties walk) and would overflow the stack; and every value is
 * work for some check. A body beyond these limits is judged by "body-too-complex" alone.
 */

/**
 * Limits no documented body comes near: the deepest schema of the contract nests a handful of
 * levels, and a real response holds dozens of values, not a million.
 */
export const JSON_LIMITS = Object.freeze({
  /** Objects and arrays nested inside each other, the body itself being level 1. */
  depth: 64,
  /** Values in the whole body: objects, arrays, strings, numbers, booleans and nulls. */
  values: 1_000_000,
});

/** Why a body is beyond the limits, in words; undefined when it is within them. */
export function structureProblem(value: unknown, limits: { depth: number; values: number } = JSON_LIMITS): string | undefined {
  // An explicit stack (values and their depths side by side, no tuple per value): no recursion.
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  let seen = 0;
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop() ?? 1;
    seen += 1;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limits.depth) return `objects or arrays nested more than ${limits.depth} deep`;
    // Object.keys, not Object.values: on a 300,000-key object the latter is several times slower.
    const children: unknown[] = Array.isArray(node) ? node : Object.keys(node).map((key) => (node as Record<string, unknown>)[key]);
    // Counted before they are pushed: one container of ten million items is refused at once.
    if (seen + nodes.length + children.length > limits.values) return `more than ${limits.values} values`;
    for (const child of children) {
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
  return undefined;
}
