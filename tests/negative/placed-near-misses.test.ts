import * as fc from 'fast-check';
import { encodedOnceMore, fixedPlacedNearMisses, placedNearMissIds, placePiece, PLACED_PIECES, PLACEMENTS } from '../../src/negative/placed-near-misses';
import { RESERVED_PIECES, WHITESPACE_PIECES } from '../../src/negative/hostile-pieces';
import { senderSegment } from '../../src/transport/path-segment';

const FIXTURE = 'snd_coex_active';

describe('placePiece', () => {
  it.each([
    ['before', undefined, ';snd_coex_active'],
    ['after', undefined, 'snd_coex_active;'],
    ['inside', undefined, 'snd_coe;x_active'],
    ['inside', 0, 's;nd_coex_active'],
    ['inside', 13, 'snd_coex_activ;e'],
    ['inside', 14, 's;nd_coex_active'], // wraps, and never lands before or after the id
  ] as const)('%s at %s', (placement, at, expected) => {
    expect(placePiece(FIXTURE, ';', placement, at)).toBe(expected);
  });

  it('never splits a surrogate pair', () => {
    expect(placePiece('a😀', '/', 'inside')).toBe('a/😀');
  });
});

describe('encodedOnceMore', () => {
  it('percent-encodes one character, so the wire carries it encoded twice', () => {
    expect(encodedOnceMore(FIXTURE)).toBe('snd_coe%78_active');
    expect(encodedOnceMore(FIXTURE, 3)).toBe('snd%5Fcoex_active');
    expect(senderSegment({ id: encodedOnceMore(FIXTURE, 3), raw: false })).toBe('snd%255Fcoex_active');
    expect(decodeURIComponent(decodeURIComponent(senderSegment({ id: encodedOnceMore(FIXTURE, 3), raw: false })))).toBe(FIXTURE);
  });
});

describe('fixedPlacedNearMisses', () => {
  const fixtures = [FIXTURE, 'snd_sms_no_waba', 'snd_waba_cloud_api'];
  const ids = fixedPlacedNearMisses(fixtures);

  it('places every reserved, percent-encoded and control piece before, after and inside a configured id', () => {
    expect(PLACED_PIECES).toEqual(expect.arrayContaining([...RESERVED_PIECES, ...WHITESPACE_PIECES]));
    for (const piece of PLACED_PIECES) {
      for (const placement of PLACEMENTS) {
        expect(fixtures.some((fixture) => ids.includes(placePiece(fixture, piece, placement)))).toBe(true);
      }
    }
  });

  it('spreads them over every configured id, and encodes each id once more', () => {
    for (const fixture of fixtures) {
      expect(ids.filter((id) => id !== fixture && id.includes(fixture)).length).toBeGreaterThan(10);
      expect(ids).toContain(encodedOnceMore(fixture));
    }
  });

  it('costs three requests per piece plus one per id, whatever the number of ids, and never yields a fixture', () => {
    expect(ids.length).toBeLessThanOrEqual(PLACED_PIECES.length * 3 + fixtures.length);
    expect(fixedPlacedNearMisses([...fixtures, 'a', 'b', 'c']).length).toBeLessThanOrEqual(PLACED_PIECES.length * 3 + fixtures.length + 3);
    expect(ids.filter((id) => fixtures.includes(id))).toEqual([]);
    expect(fixedPlacedNearMisses([])).toEqual([]);
  });
});

it('placedNearMissIds draws placed and once-more-encoded ids of every fixture, never a fixture', () => {
  const fixtures = [FIXTURE, 'snd_b'];
  const sample = fc.sample(placedNearMissIds(fixtures), { numRuns: 400, seed: 5 });
  expect(sample.filter((id) => fixtures.includes(id))).toEqual([]);
  expect(sample.some((id) => id.includes('snd_b'))).toBe(true);
  expect(sample.some((id) => /%[0-9A-F]{2}/.test(id) && decodeURIComponent(id) === FIXTURE)).toBe(true);
});
