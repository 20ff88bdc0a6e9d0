/**
 * Warnings of the run: what it saw that is no case's and fails nothing, said once, one line each,
 * by the console, summary.md, conformance.html and conformance.json (not junit.xml, where a line is
 * a test, and a test that is not a failure would read as a pass). Today one kind: bytes the target
 * sent on an idle kept-alive connection (transport/keep-alive.ts), an answer no request asked for.
 * No case is wrong for it (no answer was misread: the suite reused no connection after it), but a
 * client that reuses connections, as every HTTP/1.1 client does, would take it for the answer to
 * its next request.
 */
import type { RunWarning } from '../model';
import { plural, truncate } from '../text/plain-text';

/**
 * What conformance.json holds of them (its schema's maxItems and maxLength say the same, a test
 * keeps the two together): a report that makes more, or longer ones (a merge prefixing each shard's
 * with its shard, of shards each at the bound), cuts them to these, or its own schema gate refuses it.
 */
export const RUN_WARNING_LIMITS = { count: 100, messageChars: 1100 } as const;

/** `warning` with `prefix` before its line, cut to RUN_WARNING_LIMITS.messageChars with a final "…" when longer. */
export function prefixedWarning(warning: RunWarning, prefix: string): RunWarning {
  return { ...warning, message: truncate(`${prefix}${warning.message}`, RUN_WARNING_LIMITS.messageChars) };
}

/** What the transports saw of unasked bytes: how many idle connections got some, and the first's excerpt (scrubbed, cut, escaped). */
export function unaskedBytesWarning(seen: { count: number; excerpt: string }): RunWarning {
  const where = seen.count === 1 ? 'an idle kept-alive connection' : `idle kept-alive connections (${plural(seen.count, 'connection')})`;
  return {
    kind: 'unasked-bytes',
    message:
      `the target sent bytes on ${where} while no request was outstanding, first "${seen.excerpt}": ` +
      'an answer no request asked for, which a client reusing the connection would read as its next request\'s answer ' +
      '(an HTTP/1.1 408 before closing an idle connection is allowed and not counted); the suite reused no connection after it',
  };
}
