/**
 * Exchange durations: process.hrtime (monotonic, nanoseconds) rather than Date.now, whose whole
 * milliseconds and clock steps would make a 40.4 ms exchange read 40 or 41 ms. Stored to 0.1 ms,
 * the resolution every latency figure is reported at: percentiles are nearest-rank samples
 * (repeat/latency.ts), so the report's figures are 0.1 ms values as stored, and a baseline read
 * back compares like with like. Finer digits would be noise (scheduling alone is ~0.1 ms).
 */

/** Milliseconds from `started` to `ended` (process.hrtime.bigint() readings; `ended` defaults to now), to 0.1 ms. */
export function elapsedMs(started: bigint, ended: bigint = process.hrtime.bigint()): number {
  // Tenths of a millisecond are 100,000 ns; integer division then /10 avoids binary-fraction noise.
  const tenths = (ended - started + 50_000n) / 100_000n;
  return Number(tenths) / 10;
}
