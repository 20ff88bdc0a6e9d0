/**
 * Ids one small edit away from a configured fixture. They are the inputs most likely to be
 * answered with the wrong sender: a case-insensitive lookup, a prefix match ("LIKE 'id%'"), a
 * trimmed or truncated id. Random strings almost never come this close.
 */
import * as fc from 'fast-check';

/** The kinds of edit, each named for the lookup bug it would expose. */
export type NearMissKind = 'upper' | 'lower' | 'swap-case' | 'prefix' | 'suffix' | 'drop-first' | 'drop-last' | 'drop-prefix' | 'change-char';

export const NEAR_MISS_KINDS: readonly NearMissKind[] = ['upper', 'lower', 'swap-case', 'prefix', 'suffix', 'drop-first', 'drop-last', 'drop-prefix', 'change-char'];

const swapCase = (char: string): string => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase());

/** A different character for position `at`: a digit stays a digit, anything else becomes a letter. */
function changed(char: string): string {
  if (/\d/.test(char)) return char === '0' ? '1' : '0';
  return char === 'x' ? 'y' : 'x';
}

/**
 * Applies one edit. `at` picks the position (wrapped into range) and `extra` the added text
 * for prefix/suffix. "drop-prefix" removes a type prefix such as "snd_".
 */
export function nearMiss(fixture: string, kind: NearMissKind, at = 0, extra = 'x'): string {
  const index = fixture.length === 0 ? 0 : at % fixture.length;
  switch (kind) {
    case 'upper':
      return fixture.toUpperCase();
    case 'lower':
      return fixture.toLowerCase();
    case 'swap-case':
      return fixture.slice(0, index) + swapCase(fixture.charAt(index)) + fixture.slice(index + 1);
    case 'prefix':
      return extra + fixture;
    case 'suffix':
      return fixture + extra;
    case 'drop-first':
      return fixture.slice(1);
    case 'drop-last':
      return fixture.slice(0, -1);
    case 'drop-prefix':
      return fixture.replace(/^[a-z]+_/i, '');
    case 'change-char':
      return fixture.slice(0, index) + changed(fixture.charAt(index)) + fixture.slice(index + 1);
  }
}

/** Every printable ASCII character but the space as its full-width form (U+FF01–U+FF5E), whose NFKC form is that character. */
export function fullWidth(id: string): string {
  return id.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

/**
 * The id with its first vowel given an acute accent (precomposed: "snd_óther"), or undefined when it
 * has none. An accent-insensitive, case-sensitive collation (SQL Server's *_CS_AI, an ICU collation
 * at primary strength with case level, a search index with ASCII folding) finds the fixture from it,
 * which neither a case variant nor the full-width forms (NFKC) reach.
 */
export function accented(id: string): string | undefined {
  const at = id.search(/[aeiouAEIOU]/);
  return at < 0 ? undefined : `${id.slice(0, at)}${`${id.charAt(at)}\u0301`.normalize('NFC')}${id.slice(at + 1)}`;
}

/** True when `id` differs from a fixture only in letter case: an opaque id should not match it. */
export function isCaseVariantOfFixture(id: string, fixtures: readonly string[]): boolean {
  return fixtures.some((fixture) => fixture !== id && fixture.toLowerCase() === id.toLowerCase());
}

/** An id as a folding lookup compares it: compatibility forms (full width), accents, letter case and surrounding spaces (SQL's "=" pads, a trimming lookup) folded away. */
export const foldId = (id: string): string => id.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().trim();

/**
 * True when `id` is not a fixture but folds to one: what a lookup through an accent-, width- and
 * case-insensitive collation (SQL Server's *_CI_AI, *_CS_AI with "=" padding) finds.
 */
export function foldsToFixture(id: string, fixtures: readonly string[]): boolean {
  const mine = foldId(id);
  return fixtures.some((fixture) => fixture !== id && foldedFixture(fixture) === mine);
}

/** Folded fixtures, made once: the property asks about each of a few fixtures for every one of its hundreds of inputs. */
const foldedFixtures = new Map<string, string>();
function foldedFixture(fixture: string): string {
  let fold = foldedFixtures.get(fixture);
  if (fold === undefined) {
    // Bounded: fixtures are a run's configured ids, a few dozen at most; a library host running many configurations starts over.
    if (foldedFixtures.size >= 1024) foldedFixtures.clear();
    fold = foldId(fixture);
    foldedFixtures.set(fixture, fold);
  }
  return fold;
}

/** The fixed near-misses of each fixture: every edit once, plus padding, without duplicates or fixtures. */
export function fixedNearMisses(fixtures: readonly string[]): string[] {
  const variants = fixtures.flatMap((fixture) => [
    ...NEAR_MISS_KINDS.map((kind) => nearMiss(fixture, kind, fixture.length - 1)),
    nearMiss(fixture, 'swap-case', 0),
    nearMiss(fixture, 'prefix', 0, ' '),
    nearMiss(fixture, 'suffix', 0, ' '),
    nearMiss(fixture, 'suffix', 0, '%'),
    // A format extension a web framework strips before the lookup (Rails, Django REST, Express routes).
    nearMiss(fixture, 'suffix', 0, '.json'),
    // The fixture in full-width forms, which Unicode NFKC folds back into it: a lookup that normalises aliases them.
    fullWidth(fixture),
    // The fixture with a vowel accented: an accent-insensitive lookup folds it back into it.
    ...[accented(fixture)].filter((id): id is string => id !== undefined),
  ]);
  return [...new Set(variants)].filter((id) => id !== '' && !fixtures.includes(id));
}

/** Random near-misses of the fixtures; never a fixture itself. Requires at least one fixture. */
export function nearMissIds(fixtures: readonly string[]): fc.Arbitrary<string> {
  const extra = fc.constantFrom('x', '0', ' ', '_', '-', '/', '%', '.', 'é');
  return fc
    .tuple(fc.constantFrom(...fixtures), fc.constantFrom(...NEAR_MISS_KINDS), fc.nat(), extra)
    .map(([fixture, kind, at, added]) => nearMiss(fixture, kind, at, added))
    .filter((id) => !fixtures.includes(id));
}
