/**
 * How long a run waits out 429s (retry-on-429.ts), by default: its own file, so the runner's case
 * limits (jest-config.ts, suite-engine.ts) are derived from the policy the transport follows, and
 * read it without loading the transport (a replay never does).
 */
export const RETRY_ON_429 = {
  /** Retries after the first 429: at most maxRetries + 1 requests per exchange. */
  maxRetries: 3,
  /** Longest single wait, whatever Retry-After asks. */
  maxWaitMs: 30_000,
  /** All the waiting one run may do, over every request. */
  runBudgetMs: 60_000,
  /** Wait when Retry-After is missing or unreadable. */
  defaultWaitMs: 1000,
} as const;
