/**
 * A matcher's or handler's words without any Zavu API key. What they quote comes from the answer
 * (an Error's message, a body cut to a bound) and from what the test handed them (an axios or SDK
 * error's message), and a target may echo the key it was sent ("Invalid API key zv_live_…", a debug
 * field): a failing assertion would print it into the CI log. The matchers never see the key the
 * test used, so every word shaped like one (zv_test_…, zv_live_…) goes, as from the CLI's lines.
 */
import { keyShapedWords } from '../model/http';

export const REDACTED = '[REDACTED]';

/** `text` with every word shaped like a Zavu key replaced by [REDACTED]. */
export function withoutKeys(text: string): string {
  // Longest first: a key that begins with another (a key and its own prefix cut by an excerpt) goes whole.
  const words = [...new Set(keyShapedWords(text))].sort((a, b) => b.length - a.length);
  return words.reduce((scrubbed, word) => scrubbed.split(word).join(REDACTED), text);
}

/**
 * `judge()`'s result, or the Error it threw, without the keys: a refusal quotes what it was handed
 * (a connection error's message, an operationId) as a verdict quotes the answer.
 */
export function keyless<T extends { explanation: string }>(judge: () => T): T {
  let verdict: T;
  try {
    verdict = judge();
  } catch (error) {
    if (error instanceof Error) {
      error.message = withoutKeys(error.message);
      if (error.stack !== undefined) error.stack = withoutKeys(error.stack);
    }
    throw error;
  }
  return { ...verdict, explanation: withoutKeys(verdict.explanation) };
}
