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
