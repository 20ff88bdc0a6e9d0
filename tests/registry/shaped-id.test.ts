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

test('hex only while every sample of its kind is: a second sample of the same shape with a g makes the letters any letter', () => {
  const hexOnly = new Set<string>();
  const anyLetter = new Set<string>();
  for (let i = 0; i < 100; i += 1) {
    [...(idShapedLike(['aaaaaaaaaaaa', 'b1b1b1b1b1b1']) ?? '')].forEach((c) => hexOnly.add(c));
    [...(idShapedLike(['aaaaaaaaaaaa', 'gggggggggggg']) ?? '')].forEach((c) => anyLetter.add(c));
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
  const id = idShapedLike([sample, 'snd_zzzzzzzzzzzzzzzz'], () => (calls++ < 16 ? 0 : 1));
  expect(id).toBe('snd_bbbbbbbbbbbbbbbb');
  // A pick stuck on the sample: no id after a bounded number of draws.
  expect(idShapedLike([sample, 'snd_zzzzzzzzzzzzzzzz'], () => 0)).toBeUndefined();
});

test('digits alone are a number: a snowflake or an integer id stays digits, however long', () => {
  for (const sample of ['1234567890123456789', 'snd_48213977130422981']) {
    const id = idShapedLike([sample]) ?? '';
    expect(id.length).toBe(sample.length);
    expect(id.slice(-16)).toMatch(/^[1-9]{16}$/);
    expect(id.slice(0, sample.length - 16)).toBe(sample.slice(0, sample.length - 16));
  }
});

test("another role's ids of another kind do not decide: a UUID stays a UUID beside an ext_… id", () => {
  const id = idShapedLike(['5f538035-ab77-456b-ac95-233a1b2c3d4e', 'ext_8ZwV9qPlmT3xYz', '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3']) ?? '';
  expect(id).toMatch(/^5f538035-ab77-456b-ac95-[0-9a-f]{12}$/);
});

test("a UUID without dashes keeps its version and variant: fifteen hex digits change, not the 17th", () => {
  const sample = '3f2a9c0b7d1e4a5b9c8d1e2f3a4b5c6d';
  for (let i = 0; i < 100; i += 1) {
    const id = idShapedLike([sample]) ?? '';
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id.slice(0, 17)).toBe(sample.slice(0, 17));
  }
});

test('an upper-case UUID whose last group is digits only stays upper-case', () => {
  expect(idShapedLike(['3F2A9C0B-7D1E-4A5B-9C8D-123456789012'])).toMatch(/^3F2A9C0B-7D1E-4A5B-9C8D-[0-9A-F]{12}$/);
});

test('a type prefix does not hide hex: snd_ and an ObjectId stays hex past its prefix', () => {
  const id = idShapedLike(['snd_507f1f77bcf86cd799439011']) ?? '';
  expect(id).toMatch(/^snd_507f1f77b[0-9a-f]{15}$/);
  expect(idShapedLike(['SND_507F1F77BCF86CD799439011'])).toMatch(/^SND_507F1F77B[0-9A-F]{15}$/);
});
