/** The JSON Pointer two pointers share, whole tokens only. */

/**
 * The longest pointer both `a` and `b` are at or under: "/sync/extra1" and "/sync/extra2" give
 * "/sync" (never "/sync/extra", which names neither); "" when they share no token.
 */
export function commonPointer(a: string, b: string): string {
  if (a === b) return a;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (longer.startsWith(`${shorter}/`)) return shorter;
  let end = 0;
  // The last "/" up to which both agree, and after which both have "/" or end.
  for (let i = 0; i < shorter.length && shorter[i] === longer[i]; i += 1) {
    const next = i + 1;
    const bothEnd = (shorter[next] === '/' || next === shorter.length) && (longer[next] === '/' || next === longer.length);
    if (bothEnd) end = next;
  }
  return shorter.slice(0, end);
}

/** How long a pointer a report keeps (a kept violation's instancePath, an omission's places): the rest is cut. */
export const POINTER_CHARS = 1000;

/** A pointer cut like any text, but never inside a "~0"/"~1" escape, so it stays a well-formed JSON Pointer. */
export function cutPointer(pointer: string, max: number = POINTER_CHARS): string {
  if (pointer.length <= max) return pointer;
  const head = pointer.slice(0, max);
  return `${head.endsWith('~') ? head.slice(0, -1) : head}… (${pointer.length} chars)`;
}
