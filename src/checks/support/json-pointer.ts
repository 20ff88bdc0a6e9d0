/** Reading a value at an RFC 6901 JSON Pointer, as found in ajv's instancePath. */

export type PointerResult = { found: true; value: unknown } | { found: false };

/**
 * The value at `pointer` in `data`. "" is the whole document. Reports "not found" instead of
 * returning undefined, because undefined is not a JSON value and must not be mistaken for one.
 */
export function getAtPointer(data: unknown, pointer: string): PointerResult {
  if (pointer === '') return { found: true, value: data };
  if (!pointer.startsWith('/')) return { found: false };
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    // Order matters (RFC 6901 §4): "~01" must decode to "~1", not "/".
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return { found: false };
      const index = Number(token);
      if (index >= current.length) return { found: false };
      current = current[index];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
