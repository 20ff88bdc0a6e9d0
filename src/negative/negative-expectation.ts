/**
 * What the contract says about a request for a hostile sender id, in the same shape as a
 * scenario's `expect`, so status-code-expected can judge it like any other case.
 */
import type { Scenario } from '../model';
import { isCaseVariantOfFixture } from './near-miss';
import { escapesSegment, type NegativeInput } from './sender-path';

export type NegativeExpectation = Scenario['expect'];

/** Correct HTTP from a front proxy or server limit, not the operation's answer: worth a warning only. */
const LIMIT_STATUSES = [414, 431];

/**
 * - An id that is not a configured fixture names no sender: 404 with an Error body, or 400 when
 *   the server finds the id malformed (a bad escape, a NUL). Never 200, never 5xx, never a
 *   dropped connection (the last two are not listed, so they fail; not-a-server-error and
 *   transport-error say why).
 * - 414 / 431 for a long id are warnings: correct HTTP, but not what the contract documents.
 * - A near-miss that equals a fixture case-insensitively ("SND_A" for "snd_a"): ids are opaque
 *   and paths case-sensitive (RFC 3986 §6.2.2.1), so 404 is expected; a 200 is only a warning,
 *   because answering for a sender the caller may see anyway discloses nothing.
 * - A raw id that leaves its segment ("..", "/", "?", "#") may address another resource or be
 *   normalised onto a fixture; then 405 is accepted too, and 200 and redirects are warnings.
 * - A configured fixture itself is not a negative input: its own outcomes (200, 400) are accepted.
 */
export function expectationForNegativeId(input: NegativeInput, fixtures: readonly string[]): NegativeExpectation {
  if (!input.raw && fixtures.includes(input.id)) {
    return { status: 200, alsoAccept: [400], because: 'the id is a configured fixture, not a negative input' };
  }
  if (escapesSegment(input)) {
    return {
      status: 404,
      alsoAccept: [400, 405],
      warnOn: [200, 301, 302, 307, 308, ...LIMIT_STATUSES],
      because: 'the raw id leaves its path segment, so the request may address another resource; it still must not crash the server',
    };
  }
  const caseVariant = isCaseVariantOfFixture(input.id, fixtures);
  return {
    status: 404,
    alsoAccept: [400],
    warnOn: caseVariant ? [200, ...LIMIT_STATUSES] : LIMIT_STATUSES,
    because: caseVariant
      ? 'sender ids are opaque and case-sensitive: an id differing from a fixture only in case names no sender'
      : 'no sender has this id: the answer is a documented 4xx with an Error body (404, or 400 for a malformed id)',
  };
}
