/**
 * The bounds the transport keeps on what a target sends besides an answer's body: the response head
 * in bytes and in header lines, the trailer section after a chunked body in bytes (node:http holds
 * it to the head's bound on its own), the informational (1xx) heads before the answer by count and
 * in bytes, the content-codings stacked on a body. Each protects the run from a hostile target
 * (node:http would read and parse all of it); none is a setting. A request that crosses one ends with a
 * transport error that names the bound and carries it (`TransportError.bound`): the target answered,
 * past what the suite reads, and the run's stop line (target-guard.ts) says so from that field, not
 * from the words, rather than asking whether an HTTP server listens there.
 */
import type { TransportBound } from '../model';
import { MAX_STACKED_CODINGS } from './content-codings';

export { MAX_STACKED_CODINGS };

/** Response head bound (status line and headers): four times Node's default, as generous as curl's 100 KB. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** More headers than this is a flood, not an API response (real ones have a few dozen). */
export const MAX_HEADER_COUNT = 1000;
/**
 * Informational (1xx) answers before the final one: a real server sends one or two (100 Continue,
 * 103 Early Hints). node:http reads any number of them, parsing each head, so a flood of them kept
 * the process busy for the whole deadline and ended as a "timeout" that named no cause.
 */
export const MAX_INFORMATIONAL = 100;
/**
 * The bytes of a request's informational heads together (status lines, headers, blank lines). Each
 * head is held to MAX_HEADER_BYTES on its own and there are MAX_INFORMATIONAL at most, but that is
 * ~6.4 MB parsed before the answer: 99 Early Hints of 60 KB each pass both. Real ones are a few
 * hundred bytes (100 Continue is 25, a 103 with a dozen preload links ~1 KB), so one final head's
 * worth for all of them is ample, and what a request reads before its answer's body stays a few
 * heads' worth whatever the target sends.
 */
export const MAX_INFORMATIONAL_BYTES = MAX_HEADER_BYTES;

/** A byte bound as the reader is told it: exact, then in KiB (every byte bound is whole KiB). */
function bytes(bound: number): string {
  return `${bound} bytes (${bound / 1024} KiB)`;
}

/** Each bound with its size, as the reader is told it: what the suite takes at most. */
const AT_MOST: Readonly<Record<TransportBound, string>> = {
  'head-bytes': `at most ${bytes(MAX_HEADER_BYTES)} of response head`,
  'header-count': `at most ${MAX_HEADER_COUNT} header lines`,
  'trailer-bytes': `at most ${bytes(MAX_HEADER_BYTES)} of trailer fields after a body`,
  'informational-count': `at most ${MAX_INFORMATIONAL} informational (1xx) heads before an answer`,
  'informational-bytes': `at most ${bytes(MAX_INFORMATIONAL_BYTES)} of informational (1xx) heads before an answer`,
  'stacked-codings': `at most ${MAX_STACKED_CODINGS} stacked content-codings undone`,
};

/**
 * What a request ended at a bound crossed: one of the suite's own, not the target's, so the target
 * answered. Said so by the request's error and by the run's stop line (target-guard.ts) alike.
 */
export const PAST_A_BOUND = 'past a bound the suite keeps to protect itself';

/** "at most 65536 bytes (64 KiB) of response head": the bound and its size, for the run's stop line. */
export function boundWords(bound: TransportBound): string {
  return AT_MOST[bound];
}

/**
 * A request the transport ended at one of its bounds. The message, which a case's failure quotes
 * (and a recording keeps), says what crossed it and that the bound is the suite's own; `bound` says
 * which, for the guard, so no one parses the words back.
 */
export class BoundCrossed extends Error {
  constructor(
    readonly bound: TransportBound,
    crossed: string,
  ) {
    super(`${crossed}: ${PAST_A_BOUND}, ${boundWords(bound)}`);
  }
}
