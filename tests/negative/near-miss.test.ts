import * as fc from 'fast-check';
import { fixedNearMisses, isCaseVariantOfFixture, nearMiss, nearMissIds, NEAR_MISS_KINDS } from '../../src/negative/near-miss';

const FIXTURE = 'snd_coex_active';

describe('nearMiss', () => {
  it.each([
    ['upper', 0, 'x', 'SND_COEX_ACTIVE'],
    ['lower', 0, 'x', FIXTURE],
    ['swap-case', 0, 'x', 'Snd_coex_active'],
    ['prefix', 0, ' ', ' snd_coex_active'],
    ['suffix', 0, '/', 'snd_coex_active/'],
    ['drop-first', 0, 'x', 'nd_coex_active'],
    ['drop-last', 0, 'x', 'snd_coex_activ'],
    ['drop-prefix', 0, 'x', 'coex_active'],
    ['change-char', 14, 'x', 'snd_coex_activx'],
    ['change-char', 29, 'x', 'snd_coex_activx'], // positions wrap around
  ] as const)('%s at %i with %j', (kind, at, extra, expected) => {
    expect(nearMiss(FIXTURE, kind, at, extra)).toBe(expected);
  });

  it('changes a digit into another digit', () => {
    expect(nearMiss('snd_0001', 'change-char', 7)).toBe('snd_0000');
  });
});

it('isCaseVariantOfFixture is true only for a different id equal ignoring case', () => {
  expect(isCaseVariantOfFixture('SND_COEX_ACTIVE', [FIXTURE])).toBe(true);
  expect(isCaseVariantOfFixture(FIXTURE, [FIXTURE])).toBe(false);
  expect(isCaseVariantOfFixture('snd_coex_activ', [FIXTURE])).toBe(false);
});

it('fixedNearMisses applies every kind of edit, and never yields a fixture or an empty id', () => {
  const fixtures = [FIXTURE, 'snd_sms_no_waba'];
  const misses = fixedNearMisses(fixtures);
  expect(misses).toEqual(expect.arrayContaining(['SND_COEX_ACTIVE', 'Snd_coex_active', 'xsnd_coex_active', 'snd_coex_activex', 'nd_coex_active', 'snd_coex_activ', 'coex_active', 'snd_coex_activx', ' snd_coex_active', 'snd_coex_active ']));
  expect(misses.filter((id) => fixtures.includes(id) || id === '')).toEqual([]);
  expect(new Set(misses).size).toBe(misses.length);
  // Aliases a framework or a normalising lookup makes of the fixture: a format extension, the full-width form.
  expect(misses).toEqual(expect.arrayContaining(['snd_coex_active.json', 'ｓｎｄ＿ｃｏｅｘ＿ａｃｔｉｖｅ']));
  expect('ｓｎｄ＿ｃｏｅｘ＿ａｃｔｉｖｅ'.normalize('NFKC')).toBe(FIXTURE);
  expect(NEAR_MISS_KINDS).toHaveLength(9);
});

it('nearMissIds stays one edit from a fixture and never generates the fixture', () => {
  const fixtures = [FIXTURE, 'SND_COEX_ACTIVE'];
  for (const id of fc.sample(nearMissIds(fixtures), { numRuns: 300, seed: 11 })) {
    expect(fixtures).not.toContain(id);
    expect(Math.abs(id.length - FIXTURE.length)).toBeLessThanOrEqual(4);
  }
});
