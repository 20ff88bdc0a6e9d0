/**
 * Near-misses that go deeper than one edit: a hostile piece placed before, after or inside a real
 * id, and a real id with one character percent-encoded once more. They reach the bugs a random
 * string never does: a router that strips ";params", ".json" or a trailing "/", a lookup that trims
 * whitespace or stops at a NUL, and a server that percent-decodes twice ("snd%255Fa" → "snd%5Fa"
 * → "snd_a"). Every such id names no sender, so a 200 for it is a failure.
 */
import * as fc from 'fast-check';
import { percentEncodeCodePoint } from '../transport/path-segment';
import { RESERVED_PIECES, WHITESPACE_PIECES } from './hostile-pieces';

/** Reserved characters, percent-escapes and controls: the pieces placed around real ids. */
export const PLACED_PIECES: readonly string[] = [...new Set([...RESERVED_PIECES, ...WHITESPACE_PIECES])];

/** Where a piece goes: before the id, after it, or between two of its code points. */
export type Placement = 'before' | 'after' | 'inside';
/** Every placement, in the order the fixed list uses them. */
export const PLACEMENTS: readonly Placement[] = ['before', 'after', 'inside'];

/** Code points, so "inside" never splits a surrogate pair. */
const chars = (text: string): string[] => [...text];

/** The piece before, after, or inside the id (after code point `at`, wrapped; the middle by default). */
export function placePiece(id: string, piece: string, placement: Placement, at?: number): string {
  if (placement === 'before') return piece + id;
  if (placement === 'after') return id + piece;
  const points = chars(id);
  const index = points.length < 2 ? points.length : 1 + ((at ?? Math.floor(points.length / 2) - 1) % (points.length - 1));
  return points.slice(0, index).join('') + piece + points.slice(index).join('');
}

/**
 * The id with code point `at` (wrapped; the middle by default) replaced by its percent-encoding.
 * Sent encoded like any id, it reaches the wire encoded twice: only a server that decodes twice
 * turns it back into the real id.
 */
export function encodedOnceMore(id: string, at?: number): string {
  const points = chars(id);
  if (points.length === 0) return id;
  const index = (at ?? Math.floor(points.length / 2)) % points.length;
  return points.map((char, i) => (i === index ? percentEncodeCodePoint(char) : char)).join('');
}

/**
 * The fixed placed near-misses: every piece at every placement once, spread round-robin over the
 * configured ids (so each id gets a share and each piece all three placements, in 3 × pieces
 * requests whatever the number of fixtures), then every configured id encoded once more.
 */
export function fixedPlacedNearMisses(fixtures: readonly string[]): string[] {
  const usable = fixtures.filter((fixture) => fixture !== '');
  if (usable.length === 0) return [];
  // Piece p goes at its three placements to ids p, p+1, p+2: each id meets every placement and a share of the pieces.
  const placed = PLACED_PIECES.flatMap((piece, p) =>
    PLACEMENTS.map((placement, k) => placePiece(usable[(p + k) % usable.length] ?? '', piece, placement)),
  );
  const ids = [...placed, ...usable.map((fixture) => encodedOnceMore(fixture))];
  return [...new Set(ids)].filter((id) => !fixtures.includes(id));
}

/** Random placed near-misses and ids encoded once more, over every fixture; never a fixture. Requires at least one. */
export function placedNearMissIds(fixtures: readonly string[]): fc.Arbitrary<string> {
  const fixture = fc.constantFrom(...fixtures);
  const placed = fc.tuple(fixture, fc.constantFrom(...PLACED_PIECES), fc.constantFrom(...PLACEMENTS), fc.nat()).map(([id, piece, placement, at]) => placePiece(id, piece, placement, at));
  const encoded = fc.tuple(fixture, fc.nat()).map(([id, at]) => encodedOnceMore(id, at));
  return fc.oneof({ weight: 3, arbitrary: placed }, { weight: 1, arbitrary: encoded }).filter((id) => !fixtures.includes(id));
}
