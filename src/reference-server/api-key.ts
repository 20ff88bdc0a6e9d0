/** The reference server's API key: how a default one is made, and which ones are usable. */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** A sandbox-style key: "zv_test_" and 32 random hex digits, like the real sandbox keys' prefix. */
export function generateApiKey(): string {
  return `zv_test_${randomBytes(16).toString('hex')}`;
}


/** Hashing first gives equal-length buffers, which timingSafeEqual requires. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The server's own keys' digests, made once each: a request then costs one hash (its token's), not
 * two per key it is compared with (~3 % of a negative property's time in one process, profiled).
 * Bounded, in case a caller compares with ever new keys.
 */
const keyDigests = new Map<string, Buffer>();

function keyDigest(apiKey: string): Buffer {
  let known = keyDigests.get(apiKey);
  if (known === undefined) {
    if (keyDigests.size >= 64) keyDigests.clear();
    known = digest(apiKey);
    keyDigests.set(apiKey, known);
  }
  return known;
}

/** A presented token, hashed once, compared with any number of keys in constant time each, so timing does not leak a key. */
export function tokenMatcher(token: string): (apiKey: string) => boolean {
  const presented = digest(token);
  return (apiKey) => timingSafeEqual(presented, keyDigest(apiKey));
}
