/** A pointer from an answer cut to what a report keeps, still a well-formed JSON Pointer. */

/** How long a pointer a report keeps (a kept violation's instancePath, an omission's places): the rest is cut. */
export const POINTER_CHARS = 1000;

/** A pointer cut like any text, but never inside a "~0"/"~1" escape, so it stays a well-formed JSON Pointer. */
export function cutPointer(pointer: string, max: number = POINTER_CHARS): string {
  if (pointer.length <= max) return pointer;
  const head = pointer.slice(0, max);
  return `${head.endsWith('~') ? head.slice(0, -1) : head}… (${pointer.length} chars)`;
}
