/**
 * What the contract says about a request for a hostile sender id, in the same shape as a
 * scenario's `expect`, so status-code-expected can judge it like any other case.
 */
import type { ResolvedExpectation } from '../model';
import { decodeOnce } from './may-reach-fixture';
import { foldsToFixture, isCaseVariantOfFixture } from './near-miss';
import { encodesNul, escapesSegment, invalidSegment, overlongSegment, overlongUrl, senderSegment, type NegativeInput } from '../transport/path-segment';
import { REDIRECTS } from '../checks/support/outside-contract';

export type NegativeExpectation = ResolvedExpectation & {
  /** The id spells a sender of another project: a refusal of any kind (a 403) would confirm it exists. */
  spellsHidden?: true;
  /** The id is sent with an encoded NUL (`%00`), which fronts refuse with a 400 page of their own (encodesNul). */
  encodedNul?: true;
  /** The id's segment is longer than HTTP.sys lets through, which refuses it with a 400 page of its own (overlongSegment). */
  overlongSegment?: true;
  /** The id makes its request line as long as nginx and many CDNs let through, which refuse it with a page of their own (overlongUrl). */
  overlongUrl?: true;
};

/** Statuses from `first`, then those of `rest` not already there: the order reads as written. */
const union = (first: readonly number[], rest: readonly number[] = []): number[] => [...new Set([...first, ...rest])];

/**
 * True when the path the input produces may name no sender segment at all: the empty id, an id
 * that leaves its segment (a raw "/", or %2F however it came to be sent), "." or ".." even encoded,
 * since %2E is "." to a normalising hop (RFC 3986 §6.2.2.2) and the dot segment is then resolved
 * away, and a raw segment outside RFC 3986's grammar, which an HTTP layer may refuse before any route.
 */
export function mayMatchNoOperation(input: NegativeInput): boolean {
  return input.id === '' || escapesSegment(input) || invalidSegment(input) || /^(?:%2e){1,2}$/i.test(senderSegment(input));
}

/**
 * The one segment the input's path leaves once resolved as a normalising hop or a path-shaped key
 * resolves it, or undefined when it leaves none or several: the segment as sent decoded once (a
 * hop that decodes %2F, as a lookup does), "/" and "\\" as separators, empty and "." segments
 * dropped, ".." taking one back (RFC 3986 §5.2.4). "/snd_o", "../snd_o" and "x/../snd_o" all
 * resolve to "snd_o". Only for an input that leaves its segment: any other resolves to itself.
 */
export function resolvedSegment(input: NegativeInput): string | undefined {
  const kept: string[] = [];
  for (const part of decodeOnce(senderSegment(input)).split(/[/\\]/)) {
    if (part === '..') kept.pop();
    else if (part !== '' && part !== '.') kept.push(part);
  }
  return kept.length === 1 ? kept[0] : undefined;
}

/** Why mayMatchNoOperation holds for the input, in words. */
function noOperationWhy(input: NegativeInput): string {
  if (input.id === '') return 'the empty id leaves an empty segment';
  if (escapesSegment(input)) return input.raw ? 'the raw id leaves its path segment' : 'the id is sent as %2F or %5C, which a server or a front may decode before routing, or refuse';
  if (invalidSegment(input)) return 'the raw id is no valid path segment (RFC 3986), which an HTTP layer may refuse with a 400 of its own (RFC 9112 §3.2)';
  return 'the id is a dot segment once %2E is decoded';
}

/**
 * The expectation for one hostile input, starting from `given`, the negative-input scenario row's
 * `expect` (specs/*.scenarios.json: by default 404, 400 accepted for a malformed id, 414 / 431 from a
 * front proxy or server limit only warnings; never 200, 5xx or a dropped connection, which are not
 * listed and so fail). Three kinds of input get the row adjusted, everything else gets it as is:
 * - A configured fixture itself is not a negative input: its own outcomes (200, 400) are accepted;
 *   so is a raw id whose percent-decoding is one ("snd%5Fa" on the wire is "snd_a", RFC 3986 §2.1).
 * - The empty id, a raw id that leaves its segment ("..", "/", "?", "#"), and "." or ".." even
 *   encoded (mayMatchNoOperation) may address another
 *   resource, no operation at all, or be normalised onto a fixture: any 4xx is correct and its body
 *   is a router's (anyClientError), as is a redirect to the same origin (judge-negative-exchange);
 *   a 200 and a redirect elsewhere are warnings.
 * - A near-miss that folds to a fixture ("SND_A", "snd_á", full-width forms or spaces around it
 *   for "snd_a", as a case- or accent-insensitive collation finds it): ids are opaque and paths
 *   case-sensitive (RFC 3986 §6.2.2.1), so the row's answer is expected; a 200 is only a
 *   warning, because answering for a sender the caller may see anyway discloses nothing.
 * - Unless the fixture is `hidden` (another project's sender): then any spelling of it, a raw one
 *   that decodes to it or one that folds to it, gets the row as is, and a 200 fails; and a path
 *   that leaves its segment but resolves onto it ("x/../snd_o": resolvedSegment) keeps a router's
 *   leeway (any 4xx, a same-origin redirect) but not the 200 warning: a 200 fails.
 * `lineAround`: the request line's characters besides the id (path-segment.ts requestLineAround),
 * by which an id near 8 KB is one a front's URL limit refuses.
 */
export function expectationForNegativeId(input: NegativeInput, fixtures: readonly string[], given: NegativeExpectation, hidden: readonly string[] = [], lineAround = 0): NegativeExpectation {
  // Whatever else the id is, a front may refuse its %00 or its length before the API sees it (judge-negative-exchange).
  const base: NegativeExpectation = {
    ...given,
    ...(encodesNul(input) ? { encodedNul: true } : {}),
    ...(overlongSegment(input) ? { overlongSegment: true } : {}),
    ...(overlongUrl(input, lineAround) ? { overlongUrl: true } : {}),
  };
  const named = input.raw ? decodeOnce(input.id) : input.id;
  // Another project's sender, spelled otherwise: answered as unknown, as the sender itself must be.
  if (hidden.includes(named) || isCaseVariantOfFixture(input.id, hidden) || foldsToFixture(input.id, hidden)) {
    return { ...base, spellsHidden: true, because: `the id spells a sender of another project (the same resource, or one a lookup may reach), which the key must not see: a 200 shows that project's data (${base.because})` };
  }
  // Another project's sender behind a path that resolves onto it ("x/../snd_o", sent as one
  // segment): a router's answer is still correct there, but a 200 shows that project's data.
  const resolved = escapesSegment(input) ? resolvedSegment(input) : undefined;
  if (resolved !== undefined && (hidden.includes(resolved) || foldsToFixture(resolved, hidden))) {
    return {
      ...base,
      anyClientError: true,
      spellsHidden: true,
      warnOn: union(REDIRECTS, base.warnOn),
      because: `${noOperationWhy(input)}, so the path may match no documented operation and any 4xx is correct there, whatever its body; but resolved, it names a sender of another project, which the key must not see: a 200 shows that project's data (${base.because})`,
    };
  }
  if (fixtures.includes(named)) {
    return { ...base, status: 200, alsoAccept: [400], because: 'the id is a configured fixture, not a negative input' };
  }
  if (mayMatchNoOperation(input)) {
    const what = noOperationWhy(input);
    return {
      ...base,
      anyClientError: true,
      warnOn: union([200, ...REDIRECTS], base.warnOn),
      because: `${what}, so the path may match no documented operation: any 4xx is correct there, whatever its body; it still must not crash the server (${base.because})`,
    };
  }
  const visible = fixtures.filter((fixture) => !hidden.includes(fixture));
  if (isCaseVariantOfFixture(input.id, visible) || foldsToFixture(input.id, visible)) {
    return {
      ...base,
      warnOn: union([200], base.warnOn),
      because: `sender ids are opaque: an id differing from a fixture only in case, accents, character width or trailing spaces names no sender (${base.because})`,
    };
  }
  return { ...base };
}
