/**
 * The code of a Node system error (`ECONNREFUSED`, `ENOTFOUND`, `ERR_SSL_WRONG_VERSION_NUMBER`), as
 * UnreachableError carries it for a caller to act on. Node and OpenSSL name it, never the target;
 * still only a word shaped like a code is taken, so nothing else reaches a caller's branch or log.
 */

/** Upper-case letters, digits and underscores, as every code Node or OpenSSL gives: 64 at most. */
const CODE_SHAPE = /^[A-Z][A-Z0-9_]{1,63}$/;

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CODE_SHAPE.test(code) ? code : undefined;
}

/**
 * The error's code, or (an AggregateError of each address of a host tried, which may carry none
 * of its own) its first error's; undefined when there is none.
 */
export function systemErrorCode(error: unknown): string | undefined {
  const own = codeOf(error);
  if (own !== undefined) return own;
  const inner = error instanceof AggregateError ? (error.errors as unknown[])[0] : undefined;
  return codeOf(inner);
}
