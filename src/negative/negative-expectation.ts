/**
 * What the contract says about a request for a hostile sender id, in the same shape as a
 * scenario's `expect`, so status-code-expected can judge it like any other case.
 */
import type { ResolvedExpectation } from '../model';
import { isCaseVariantOfFixture } from './near-miss';
import { escapesSegment, type NegativeInput } from '../transport/path-segment';

export type NegativeExpectation = ResolvedExpectation;

/** Statuses from `first`, then those of `rest` not already there: the order reads as written. */
const union = (first: readonly number[], rest: readonly number[] = []): number[] => [...new Set([...first, ...rest])];

/**
 * The expectation for one hostile input, starting from `base`, the negative-input scenario row's
 * `expect` (specs/*.scenarios.json: by default 404, 400 accepted for a malformed id, 414 / 431 from a
 * front proxy or server limit only warnings; never 200, 5xx or a dropped connection, which are not
 * listed and so fail). Three kinds of input get the row adjusted, everything else gets it as is:
 * - A configured fixture itself is not a negative input: its own outcomes (200, 400) are accepted.
 * - A raw id that leaves its segment ("..", "/", "?", "#") may address another resource or be
 *   normalised onto a fixture; then 405 is accepted too, and 200 and redirects are warnings.
 * - A near-miss that equals a fixture case-insensitively ("SND_A" for "snd_a"): ids are opaque
 *   and paths case-sensitive (RFC 3986 §6.2.2.1), so the row's answer is expected; a 200 is only a
 *   warning, because answering for a sender the caller may see anyway discloses nothing.
 */
export function expectationForNegativeId(input: NegativeInput, fixtures: readonly string[], base: NegativeExpectation): NegativeExpectation {
  if (!input.raw && fixtures.includes(input.id)) {
    return { ...base, status: 200, alsoAccept: [400], because: 'the id is a configured fixture, not a negative input' };
  }
  if (escapesSegment(input)) {
    return {
      ...base,
      alsoAccept: union(base.alsoAccept ?? [], [405]),
      warnOn: union([200, 301, 302, 307, 308], base.warnOn),
      because: `the raw id leaves its path segment, so the request may address another resource; it still must not crash the server (${base.because})`,
    };
  }
  if (isCaseVariantOfFixture(input.id, fixtures)) {
    return {
      ...base,
      warnOn: union([200], base.warnOn),
      because: `sender ids are opaque and case-sensitive: an id differing from a fixture only in case names no sender (${base.because})`,
    };
  }
  return { ...base };
}
