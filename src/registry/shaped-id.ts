/**
 * An id no one configured, in the shape of the ids someone did. A server that checks an id's shape
 * before it looks the id up (a UUID, a ULID, a `usr_` prefix and fourteen base62 characters) answers
 * a malformed id with 400, so the not-found cases need an unknown id that such a server would look
 * up: one that only a lookup can tell from a real one.
 *
 * The sample's last run of letters and digits keeps its length and, per position, whether it is a
 * digit, a lower-case or an upper-case letter; only its last sixteen characters change. So prefixes
 * (`snd_`), a UUID's version and variant (not in its last group), a ULID's or ObjectId's leading time
 * stamp stay as they are. Replacement characters avoid 0, I, L, O, U (and i, l, o, u), which base58
 * or Crockford's base32 leave out. When every sample's run is hex digits, the run is hex: any hex
 * digit at any place, in the sample's letter case.
 */
import { randomInt } from 'node:crypto';

/** A ULID's random part: more change than that reaches into time stamps and fixed fields. */
const MAX_CHANGED = 16;
/**
 * Under this much randomness a fresh id could name a real sender (a short tail over a dense id
 * space): the generator's own prefix and 64 random bits are used instead. The starts' unknown-id
 * cases are writes, so a collision would start a sync on someone's sender.
 */
export const MIN_SHAPED_BITS = 40;
const ATTEMPTS = 8;

const DIGITS = '123456789';
const LOWER = 'abcdefghjkmnpqrstvwxyz';
const HEX = '0123456789abcdef';

const tailOf = (id: string): string => /[A-Za-z0-9]+$/.exec(id)?.[0] ?? '';

/** The alphabet a character of the sample's run is replaced from (the run is letters and digits only). */
function alphabetOf(char: string, hex: string | undefined): string {
  if (hex !== undefined) return hex;
  if (char >= '0' && char <= '9') return DIGITS;
  return char >= 'a' && char <= 'z' ? LOWER : LOWER.toUpperCase();
}

/**
 * A fresh id shaped like `samples[0]` that is none of `samples`, or undefined when the sample's
 * shape leaves less than MIN_SHAPED_BITS of randomness (or ends in no letter or digit).
 * `pick(n)` is a uniform integer in [0, n): the tests pass a seeded one.
 */
export function idShapedLike(samples: readonly string[], pick: (n: number) => number = (n) => randomInt(n)): string | undefined {
  const sample = samples[0];
  if (sample === undefined) return undefined;
  const tail = tailOf(sample);
  const changed = Math.min(tail.length, MAX_CHANGED);
  const kept = sample.slice(0, sample.length - changed);
  // Hex only when every sample's run is: one `g` anywhere says the ids are not hex.
  const hex = samples.every((s) => /^[0-9a-fA-F]*$/.test(tailOf(s))) ? (/[A-F]/.test(tail) && !/[a-f]/.test(tail) ? HEX.toUpperCase() : HEX) : undefined;
  const alphabets = [...sample.slice(sample.length - changed)].map((char) => alphabetOf(char, hex));
  const bits = alphabets.reduce((sum, alphabet) => sum + Math.log2(alphabet.length), 0);
  if (bits < MIN_SHAPED_BITS) return undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const id = kept + alphabets.map((alphabet) => alphabet[pick(alphabet.length)] ?? '').join('');
    if (!samples.includes(id)) return id;
  }
  return undefined;
}
