/**
 * Runs the negative-input property: every hostile id the suite can think of (the fixed list,
 * then `numRuns` generated ones) must get the contract's answer. On a failure, fast-check
 * shrinks the input to the smallest one that still fails, which is the one a developer can
 * act on. Count and time are both bounded, so a slow or hostile target cannot stall a run.
 */
import * as fc from 'fast-check';
import type { NegativeVerdict } from './judge-negative-exchange';
import type { NegativeInput } from '../transport/path-segment';
import { fixedNegativeInputs, negativeInputs } from './sender-id-arbitrary';

export interface NegativePropertyOptions {
  /** fast-check seed: the same seed, fixtures and judge give the same runs and counterexample. */
  seed: number;
  /** Generated runs, on top of the fixed examples (which always run first). */
  numRuns: number;
  /** Sender ids that exist on the target: they are never generated, and near-misses are built from them. */
  fixtures: string[];
  /**
   * Fixtures to build the fixed near-miss examples from (default: all). Near-misses of ids that
   * share a shape ("snd_coex_a", "snd_coex_b") probe the same thing; one per role keeps every kind
   * of near-miss for a fraction of the requests. Generated near-misses still draw on all fixtures.
   */
  exampleFixtures?: string[];
  /** No new run (or shrink step) starts after this many milliseconds; running out is not a failure. */
  timeBudgetMs: number;
  /** Most judge calls spent shrinking a failure (default 50); the smallest failure found by then is reported. */
  maxShrinks?: number;
  /** Sends the input and says whether the answer honours the contract. A throw counts as a failure. */
  judge: (input: NegativeInput) => Promise<NegativeVerdict>;
}

export interface NegativePropertyResult {
  ok: boolean;
  seed: number;
  /** Runs asked for: fixed examples plus generated runs. */
  numRuns: number;
  /** Runs done before the first failure, the end, or the time budget (shrink steps not counted). */
  runsDone: number;
  /** The shrunk failing input. */
  counterexample?: NegativeInput;
  /** Whether shrinking found a smaller failing input than the first one. */
  shrunk?: boolean;
  /** The judge's summary for the counterexample. */
  failureSummary?: string;
  /** fast-check's replay path (with the seed, it reproduces the counterexample directly). */
  path?: string;
  /** True when the time budget ended the run early (the shrink limit does not count). */
  interrupted: boolean;
  /** Every judge call, runs and shrink steps together: what the target was sent. */
  judgeCalls: number;
}

async function verdictOf(judge: NegativePropertyOptions['judge'], input: NegativeInput): Promise<NegativeVerdict> {
  try {
    return await judge(input);
  } catch (error) {
    return { ok: false, summary: `the judge threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function runNegativeProperty(options: NegativePropertyOptions): Promise<NegativePropertyResult> {
  const maxShrinks = options.maxShrinks ?? 50;
  // Examples never include a configured fixture, whichever subset their near-misses come from.
  const examples = fixedNegativeInputs(options.exampleFixtures ?? options.fixtures)
    .filter((input) => input.raw || !options.fixtures.includes(input.id))
    .map((input): [NegativeInput] => [input]);
  let judgeCalls = 0;
  let shrinkCalls = 0;
  let shrinkLimitReached = false;
  let lastFailure: { input: NegativeInput; summary: string } | undefined;
  const property = fc.asyncProperty(negativeInputs(options.fixtures), async (input) => {
    if (lastFailure !== undefined) {
      // fast-check has no shrink limit. An interrupting precondition failure ends the run at
      // once and keeps the smallest failure so far as the counterexample.
      if (shrinkCalls >= maxShrinks) {
        shrinkLimitReached = true;
        throw new fc.PreconditionFailure(true);
      }
      shrinkCalls += 1;
    }
    judgeCalls += 1;
    const verdict = await verdictOf(options.judge, input);
    if (!verdict.ok) lastFailure = { input, summary: verdict.summary };
    return verdict.ok;
  });
  const numRuns = examples.length + Math.max(0, options.numRuns);
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns,
    examples,
    interruptAfterTimeLimit: options.timeBudgetMs,
    markInterruptAsFailure: false,
  });
  const interrupted = details.interrupted && !shrinkLimitReached;
  const base = { seed: options.seed, numRuns, runsDone: details.numRuns, interrupted, judgeCalls };
  if (!details.failed) return { ok: true, ...base };
  // fast-check fails a run interrupted before any success: no evidence is not a pass.
  if (details.counterexample === null) return { ok: false, ...base, failureSummary: `no run completed within the ${options.timeBudgetMs} ms time budget` };
  const [counterexample] = details.counterexample;
  // Shrinking only moves on from a failing candidate, so the last failing call is the counterexample.
  const failureSummary = lastFailure?.summary ?? 'failed';
  return {
    ok: false,
    ...base,
    counterexample,
    shrunk: details.numShrinks > 0,
    failureSummary,
    ...(details.counterexamplePath !== null ? { path: details.counterexamplePath } : {}),
  };
}
