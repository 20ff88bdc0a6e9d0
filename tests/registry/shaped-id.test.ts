/**
 * An unknown id in the shape of the configured ones: what a server checking shapes would look up,
 * with enough randomness that it names no sender, or nothing when the shape has no room for it.
 */
import { idShapedLike, MIN_SHAPED_BITS } from '../../src/registry/shaped-id';

/** The same shape: each character a digit, lower, upper or itself at the same place. */
const classes = (id: string): string => id.replace(/[0-9]/g, '9').replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A');

test('a UUID stays a UUID of the same version and variant: only its last group changes, within hex and its case', () => {
  const sample = '3f2a9c0b-7d1e-4a5b-9c8d-1e2f3a4b5c6d';
  const seen = new Set<string>();
  for (let i = 0; i < 50; i += 1) {
    const id = idShapedLike([sample]) ?? '';
    expect(id).toMatch(/^3f2a9c0b-7d1e-4a5b-9c8d-[0-9a-f]{12}$/);
    seen.add(id);
  }
  expect(seen.size).toBe(50);
  expect(idShapedLike([sample.toUpperCase()])).toMatch(/^3F2A9C0B-7D1E-4A5B-9C8D-[0-9A-F]{12}$/);
});

test('a prefixed base62 id keeps its prefix and the class of every character; I, L, O, U and 0 never appear', () => {
  const sample = 'acct_1Nv0FGQ9RKHgCVdKx';
  const seen = new Set<string>();
  for (let i = 0; i < 200; i += 1) {
    const id = idShapedLike([sample]) ?? '';
    expect(id.slice(0, 6)).toBe('acct_1'); // the sixteen last characters change, no more
    expect(classes(id)).toBe(classes(sample));
    expect(id.slice(6)).not.toMatch(/[0ILOUilou]/);
    seen.add(id);
  }
  expect(seen.size).toBe(200);
});

test('a ULID keeps its time stamp (the first ten characters) and stays in Crockford base32', () => {
  const sample = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
  const id = idShapedLike([sample]) ?? '';
  expect(id.slice(0, 10)).toBe('01ARZ3NDEK');
  expect(id).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/);
});

test('hex only while every sample is: a second sample with a g makes the letters any letter', () => {
  const hexOnly = new Set<string>();
  const anyLetter = new Set<string>();
  for (let i = 0; i < 100; i += 1) {
    [...(idShapedLike(['aaaaaaaaaaaa', 'b1b1b1b1b1b1']) ?? '')].forEach((c) => hexOnly.add(c));
    [...(idShapedLike(['aaaaaaaaaaaa', 'gggg']) ?? '')].forEach((c) => anyLetter.add(c));
  }
  expect([...hexOnly].every((c) => '0123456789abcdef'.includes(c))).toBe(true);
  expect([...hexOnly].some((c) => /[0-9]/.test(c))).toBe(true); // hex: a digit may stand where the sample had a letter
  expect([...anyLetter].some((c) => !'abcdef'.includes(c))).toBe(true);
  expect([...anyLetter].every((c) => /[a-z]/.test(c))).toBe(true);
});

test(`a shape with less than ${MIN_SHAPED_BITS} bits of room gives nothing: the caller falls back to its own prefix`, () => {
  expect(idShapedLike(['snd_coex_active'])).toBeUndefined(); // six letters: ~27 bits
  expect(idShapedLike(['sender_abc123'])).toBeUndefined();
  expect(idShapedLike(['12345'])).toBeUndefined();
  expect(idShapedLike(['snd_'])).toBeUndefined(); // no letters or digits at its end
  expect(idShapedLike([])).toBeUndefined();
  // Ten hex digits are exactly 40 bits; nine letters of 22 are ~40.1, eight ~35.7.
  expect(idShapedLike(['abcdefabcd'])).toMatch(/^[0-9a-f]{10}$/);
  expect(idShapedLike(['abcdefabc'])).toBeUndefined();
  expect(idShapedLike(['snd_zzzzzzzzz'])).toMatch(/^snd_[a-z]{9}$/);
  expect(idShapedLike(['snd_zzzzzzzz'])).toBeUndefined();
});

test('never one of the samples: a draw that repeats one is drawn again', () => {
  const sample = 'snd_aaaaaaaaaaaaaaaa';
  // A pick that first reproduces the sample (index 0 of the letters is "a"), then takes index 1.
  // The second sample, not hex, keeps the letters letters.
  let calls = 0;
  const id = idShapedLike([sample, 'zzz'], () => (calls++ < 16 ? 0 : 1));
  expect(id).toBe('snd_bbbbbbbbbbbbbbbb');
  // A pick stuck on the sample: no id after a bounded number of draws.
  expect(idShapedLike([sample, 'zzz'], () => 0)).toBeUndefined();
});
