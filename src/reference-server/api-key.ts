/** The reference server's API key: how a default one is made, and which ones are usable. */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** A sandbox-style key: "zv_test_" and 32 random hex digits, like the real sandbox keys' prefix. */
export function generateApiKey(): string {
  return `zv_test_${randomBytes(16).toString('hex')}`;
}

/**
 * Why a key cannot be used as a bearer token, or undefined when it can. A token must be
 * non-empty visible ASCII without spaces, or no Authorization header could ever carry it.
 */
export function apiKeyProblem(apiKey: string): string | undefined {
  if (apiKey.length === 0) return 'the API key is empty';
  if (!/^[\x21-\x7e]+$/.test(apiKey)) return 'the API key must be visible ASCII without spaces';
  return undefined;
}

/** Compares a presented token with the key in constant time, so timing does not leak the key. */
export function tokenMatches(token: string, apiKey: string): boolean {
  // Hashing first gives equal-length buffers, which timingSafeEqual requires.
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(token), digest(apiKey));
}
