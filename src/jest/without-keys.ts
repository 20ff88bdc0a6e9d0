/**
 * A matcher's or handler's words without any Zavu API key. What they quote comes from the answer
 * (an Error's message, a body cut to a bound) and from what the test handed them (an axios or SDK
 * error's message), and a target may echo the key it was sent ("Invalid API key zv_live_…", a debug
 * field): a failing assertion would print it into the CI log. The matchers never see the key the
 * test used, so every word shaped like one (zv_test_…, zv_live_…) goes, as from the CLI's lines.
 */
export const REDACTED = '[REDACTED]';

/**
 * A Zavu key wherever it stands, as model/http.ts keyShapedWords finds one but also glued to what
 * comes before it ("Bearerzv_live_…", as the bearer-no-space variant echoes; "key_zv_test_…"), and
 * ending where another key begins ("zv_test_…zv_live_…": the first key's run of letters and digits
 * would take the second's "zv", leaving its secret shown after "_live_"). A key's secret has no
 * "_", so "zv_test_" or "zv_live_" inside a run is always the next key's start.
 * In any case: a target that upper-cases what it echoes ("INVALID KEY ZV_TEST_…") shows the same secret.
 */
const KEY_ANYWHERE = /zv_(?:test|live)_(?:(?!zv_(?:test|live)_)[A-Za-z0-9]){8,}/gi;

/**
 * `text` with every word shaped like a Zavu key replaced by [REDACTED]. One pass, each match taken
 * whole (a key and its own prefix cut by an excerpt go alike): a search of the text per distinct
 * key was quadratic (16,000 key-shaped words in 270 KB of a body took 14 s).
 */
export function withoutKeys(text: string): string {
  return text.replace(KEY_ANYWHERE, REDACTED);
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
