/**
 * RFC 6901 JSON Pointers, used for local `$ref`s ("#/components/schemas/X") and for the
 * instance paths reported to users.
 */
import { isRecord } from './is-record';

/** Escapes one reference token ("~" → "~0", "/" → "~1"). */
export function escapePointerToken(token: string): string {
  // Most keys need no escape; skipping two regex passes matters for a body of 300,000 keys.
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a pointer and one more token, escaping the token. */
export function appendPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapePointerToken(String(token))}`;
}

/**
 * The longest pointer both `a` and `b` are at or under: "/sync/extra1" and "/sync/extra2" give
 * "/sync" (never "/sync/extra", which names neither); "" when they share no token. Here, beside
 * the other pointer helpers, as the checks fold an omission's place with it and the
 * undeclared-properties walk folds the place of the properties it only counts.
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

/**
 * Splits a pointer ("/a/b~1c") into unescaped tokens. A URI fragment pointer ("#/a%20b") is
 * percent-decoded first, because that is how `$ref` values spell it.
 */
export function parsePointer(pointer: string): string[] {
  let text = pointer;
  if (text.startsWith('#')) text = safeDecode(text.slice(1));
  if (text === '') return [];
  if (!text.startsWith('/')) throw new Error(`not a JSON Pointer: ${pointer}`);
  return text
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value the tokens lead to inside root, or undefined when any step is missing. */
export function getAtPointer(root: unknown, tokens: readonly string[]): unknown {
  let node: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      // Only canonical indexes: "01" or "-" do not name an element.
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, token)) {
      node = node[token];
    } else {
      return undefined;
    }
  }
  return node;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray "%" is not an escape; the pointer is then taken literally.
    return text;
  }
}
