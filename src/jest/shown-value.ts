/**
 * A value a matcher or handler was handed, in one bounded, inert phrase for its message. What a
 * test hands a matcher may be what a target sent (`expect(await res.text())`, a parsed body with
 * a million keys, an error whose message quotes the body): JSON.stringify of it would put every
 * byte, and any terminal escape a hostile target chose, into the failure message.
 */
import { describeValue, excerpt, EXCERPT_LENGTH } from '../text/plain-text';

/** How many of an object's keys a message names before it says how many there were. */
const SHOWN_KEYS = 10;

/** The value as bounded JSON with control characters escaped; never throws (a BigInt, a throwing getter). */
export function shownValue(value: unknown, max: number = EXCERPT_LENGTH): string {
  // JSON has no BigInt: JSON.stringify throws on one, and a test may well write 404n.
  if (typeof value === 'bigint') return `${excerpt(String(value), max)}n`;
  try {
    return describeValue(value, max);
  } catch {
    return `a ${typeof value} that cannot be shown`;
  }
}

/** "k0, k1, … (5000 keys)": an object's first keys, each cut and escaped. */
export function shownKeys(keys: readonly string[]): string {
  if (keys.length === 0) return '(none)';
  const shown = keys.slice(0, SHOWN_KEYS).map((key) => excerpt(key, 40)).join(', ');
  return keys.length > SHOWN_KEYS ? `${shown}, … (${keys.length} keys)` : shown;
}
