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
 * or Crockford's base32 leave out. When the samples shaped like the first are hex digits
 * throughout (past a type prefix such as `snd_`), with a letter among them (digits alone are a number: they stay digits), the run is hex:
 * any hex digit at any place, in the letter case of the sample, and at most fifteen change, so a
 * UUID written without dashes keeps its variant (the 17th of its 32 digits).
 */
import { randomInt } from 'node:crypto';

/** A ULID's random part: more change than that reaches into time stamps and fixed fields. */
const MAX_CHANGED = 16;
/** Hex: a dashless UUID's last fifteen digits, after its variant. */
const MAX_CHANGED_HEX = 15;
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
/** Where the separators are: ids of one kind share it ("xxxxxxxx-xxxx-…", "snd_xxxxxxxx"). */
const skeleton = (id: string): string => id.replace(/[A-Za-z0-9]/g, 'x');

/** The hex alphabet in the sample's letter case, when the samples of its kind are hex; else undefined. */
function hexAlphabet(sample: string, samples: readonly string[]): string | undefined {
  // Only samples shaped like the first decide: another role's ids may be of another kind.
  // All of each id but a type prefix ("snd_"), not only its last run: a UUID whose last group
  // happens to be digits is still hex, and so is "snd_" and an ObjectId.
  const runs = samples.filter((s) => skeleton(s) === skeleton(sample)).map((s) => s.replace(/^[A-Za-z]+[_\-.:]/, '').replace(/[^A-Za-z0-9]/g, ''));
  if (!runs.every((run) => /^[0-9a-fA-F]*$/.test(run)) || !runs.some((run) => /[a-fA-F]/.test(run))) return undefined;
  const body = sample.replace(/^[A-Za-z]+[_\-.:]/, '');
  return /[A-F]/.test(body) && !/[a-f]/.test(body) ? HEX.toUpperCase() : HEX;
}

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
  const hex = hexAlphabet(sample, samples);
  const changed = Math.min(tail.length, hex === undefined ? MAX_CHANGED : MAX_CHANGED_HEX);
  const kept = sample.slice(0, sample.length - changed);
  const alphabets = [...sample.slice(sample.length - changed)].map((char) => alphabetOf(char, hex));
  const bits = alphabets.reduce((sum, alphabet) => sum + Math.log2(alphabet.length), 0);
  if (bits < MIN_SHAPED_BITS) return undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const id = kept + alphabets.map((alphabet) => alphabet[pick(alphabet.length)] ?? '').join('');
    if (!samples.includes(id)) return id;
  }
  return undefined;
}
