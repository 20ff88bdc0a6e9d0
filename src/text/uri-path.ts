/**
 * Paths compared as RFC 3986 §6.2.2 compares URIs: the same resource however its path is spelled.
 * The registry checks that a step's path written otherwise is the operation's; the checks take a
 * redirect to the same path spelled otherwise as a router's answer; a message is compared with the
 * id its request asked for set aside, however that path was spelled.
 */

/** The path with its percent-encoded unreserved characters decoded (RFC 3986 §6.2.2.2); every other escape kept as written. */
export function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape;
  });
}

/**
 * A path as RFC 3986 §6.2.2 compares it: unreserved characters decoded, other escapes in upper
 * case, dot segments removed (§5.2.4), doubled slashes inside it merged, and one trailing slash and
 * then one "." ending the last segment dropped (spellings the routers this is about take for the
 * path without them).
 */
export function comparablePath(raw: string): string {
  const decoded = decodeUnreserved(raw).replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
  const kept: string[] = [];
  const segments = decoded.split('/');
  segments.forEach((segment, index) => {
    if (segment === '.' || segment === '..') {
      if (segment === '..' && kept.length > 1) kept.pop();
      // A last dot segment leaves the path ending in "/" (RFC 3986 §5.2.4).
      if (index === segments.length - 1) kept.push('');
    } else kept.push(segment);
  });
  const path = kept.join('/').replace(/(?<!^)\/{2,}/g, '/');
  const unslashed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  // One "." after a segment's own text, not a dot segment ("/.", "/..") nor a second dot.
  return /[^/.]\.$/.test(unslashed) ? unslashed.slice(0, -1) : unslashed;
}
