/**
 * Hostile sender ids as fast-check arbitraries, and the fixed list every run tries first.
 * Each class is built from pieces joined together, so shrinking drops pieces and a failure is
 * reported as the few characters that cause it, not as the 40-character string that found it.
 */
import * as fc from 'fast-check';
import { INJECTION_PIECES, LONG_ID_LENGTHS, RESERVED_PIECES, STANDALONE_IDS, UNICODE_PIECES, WHITESPACE_PIECES } from './hostile-pieces';
import { fixedNearMisses, nearMissIds } from './near-miss';
import { fixedPlacedNearMisses, placedNearMissIds } from './placed-near-misses';
import { escapesSegment, senderSegment, type NegativeInput } from '../transport/path-segment';

/** Short harmless text to surround hostile pieces with, like the rest of a real id. */
const word = fc.string({ unit: fc.constantFrom(...'abcsnd_0123456789'), minLength: 1, maxLength: 8 });

/** One to five pieces (or words) joined; shrinks to a single piece. */
function joined(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: word }), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
}

/**
 * Any string of code points, lone surrogates included. Built from an integer unit rather than
 * fast-check's `unit: 'binary'`, which costs ~0.8 s to construct (a whole-Unicode table) on every
 * run for the same code points.
 */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map(
  (code) => String.fromCodePoint(code),
  (char) => (typeof char === 'string' && char.length > 0 ? (char.codePointAt(0) ?? 0) : 0),
);
const anyText = fc.string({ unit: anyCodePoint, maxLength: 8192, size: 'small' });

/** An id of exactly one of LONG_ID_LENGTHS, repeating a short pattern (no surrogate pairs, so the length is exact). */
const longIds = fc
  .tuple(fc.constantFrom(...LONG_ID_LENGTHS), fc.string({ unit: fc.constantFrom('a', 'Z', '0', '_', '-', '%', '/', '.', 'é'), minLength: 1, maxLength: 3 }))
  .map(([length, pattern]) => pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length));

/**
 * Hostile sender ids: unicode, reserved characters and escapes, whitespace, quotes and
 * injection-looking strings, 1 KB and 8 KB ids, and near-misses of the configured fixtures
 * (never a fixture itself). `fixtures` are the ids that exist on the target.
 */
export function hostileSenderIds(fixtures: readonly string[]): fc.Arbitrary<string> {
  const classes: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: anyText },
    { weight: 2, arbitrary: joined(UNICODE_PIECES) },
    { weight: 2, arbitrary: joined(RESERVED_PIECES) },
    { weight: 1, arbitrary: joined(WHITESPACE_PIECES) },
    { weight: 2, arbitrary: joined(INJECTION_PIECES) },
    { weight: 1, arbitrary: longIds },
  ];
  if (fixtures.length > 0) classes.push({ weight: 2, arbitrary: nearMissIds(fixtures) });
  return fc.oneof(...classes).filter((id) => !fixtures.includes(id));
}

/**
 * Hostile ids with a choice of encoded or raw placement in the path; a piece placed around a real
 * id, or a real id encoded once more, always goes encoded: as one opaque segment it names no
 * sender, so a 200 is a failure, where raw it could be normalised onto the real id by correct HTTP.
 */
export function negativeInputs(fixtures: readonly string[]): fc.Arbitrary<NegativeInput> {
  const anyInput = fc.record({ id: hostileSenderIds(fixtures), raw: fc.boolean() });
  if (fixtures.length === 0) return anyInput;
  return fc.oneof({ weight: 4, arbitrary: anyInput }, { weight: 1, arbitrary: fc.record({ id: placedNearMissIds(fixtures), raw: fc.constant(false) }) });
}

/** The must-try ids, in a stable order: standalone classics, each piece alone, long ids, near-misses of the examples. */
export function fixedHostileIds(fixtures: readonly string[], exampleFixtures: readonly string[] = fixtures): string[] {
  const ids = [
    ...STANDALONE_IDS,
    ...UNICODE_PIECES.map((piece) => `snd_${piece}`),
    ...INJECTION_PIECES,
    ...LONG_ID_LENGTHS.map((length) => 'a'.repeat(length)),
    ...fixedNearMisses(exampleFixtures),
  ];
  return [...new Set(ids)].filter((id) => !fixtures.includes(id));
}

/**
 * A hidden fixture with its first letter or digit percent-encoded, sent raw: to RFC 3986 (§2.1,
 * §6.2.2.2) the same id, so a project check made on the raw segment and a lookup on the decoded one
 * would serve another project's sender.
 */
export function encodedSpelling(fixture: string): string | undefined {
  const at = fixture.search(/[A-Za-z0-9]/);
  if (at < 0) return undefined;
  return `${fixture.slice(0, at)}%${fixture.charCodeAt(at).toString(16).toUpperCase()}${fixture.slice(at + 1)}`;
}

/**
 * A hidden fixture behind a path that resolves onto it, each sent encoded (one segment: "%2F"):
 * "/x" (a hop that decodes %2F and merges "//", as Go's path.Clean and Node's path.normalize do),
 * "../x" (a lookup by a path-shaped key such as "<project>/<id>", normalised: "own/../x" is "x")
 * and "x/../x" (a hop that resolves dot segments but keeps empty ones, as a WHATWG URL does). A
 * project check made on the segment as sent and a lookup on the resolved path serve another
 * project's sender (negative-expectation.ts: resolvedSegment).
 */
export function traversalSpellings(fixture: string): string[] {
  return [`/${fixture}`, `../${fixture}`, `x/../${fixture}`];
}

/**
 * The fixed ids as inputs: each encoded, and raw as well when that puts different bytes on the
 * wire or lets the id leave its segment; then the placed near-misses of every fixture, encoded
 * only (see negativeInputs); then each hidden fixture percent-encoded (encodedSpelling), and
 * behind a path that resolves onto it (traversalSpellings), encoded. These are the property's
 * `examples`.
 */
export function fixedNegativeInputs(fixtures: readonly string[], exampleFixtures: readonly string[] = fixtures, hiddenFixtures: readonly string[] = []): NegativeInput[] {
  const fixed = fixedHostileIds(fixtures, exampleFixtures);
  const inputs = fixed.flatMap((id) => {
    const encoded: NegativeInput = { id, raw: false };
    const raw: NegativeInput = { id, raw: true };
    return senderSegment(raw) !== senderSegment(encoded) || escapesSegment(raw) ? [encoded, raw] : [encoded];
  });
  const placed = fixedPlacedNearMisses(fixtures).filter((id) => !fixed.includes(id));
  const encoded = hiddenFixtures.flatMap((fixture): NegativeInput[] => {
    const id = encodedSpelling(fixture);
    return [...(id === undefined ? [] : [{ id, raw: true }]), ...traversalSpellings(fixture).map((path) => ({ id: path, raw: false }))];
  });
  return [...inputs, ...placed.map((id): NegativeInput => ({ id, raw: false })), ...encoded];
}
