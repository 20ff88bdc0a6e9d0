/**
 * Runs the negative-input property: every hostile id the suite can think of (the fixed list,
 * then `numRuns` generated ones) must get the contract's answer. It does not stop at the first
 * failure: it goes on to find each distinct kind of failure (received status and check), and
 * fast-check shrinks each to the smallest input of that kind, the one a developer can act on.
 * Warnings (an answer that is correct HTTP but not the contract's) are kept too, one per kind.
 * Count and time are both bounded, so a slow or hostile target cannot stall a run.
 */
import * as fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import type { NegativeVerdict } from './judge-negative-exchange';
import { inputKey, type NegativeInput } from '../transport/path-segment';
import { findNewKind } from './property-round';
import { fixedNegativeInputs, negativeInputs } from './sender-id-arbitrary';

export interface NegativePropertyOptions {
  /** fast-check seed: the same seed, fixtures and judge give the same runs and findings. */
  seed: number;
  /** Generated runs, on top of the fixed examples (which always run first). */
  numRuns: number;
  /** Sender ids that exist on the target: never generated, and the source of near-misses. */
  fixtures: string[];
  /**
   * Fixtures to build the fixed one-edit near-misses from (default: all). Near-misses of ids that
   * share a shape ("snd_coex_a", "snd_coex_b") probe the same thing; one per role keeps every kind
   * of edit for a fraction of the requests. Placed near-misses and generated ones use all fixtures.
   */
  exampleFixtures?: string[];
  /** Fixtures the key must not see: each is also tried percent-encoded (the same resource, RFC 3986 §2.1). */
  hiddenFixtures?: string[];
  /** No new run (or shrink step) starts after this many milliseconds; running out is not a failure. */
  timeBudgetMs: number;
  /** Most judge calls spent shrinking each kind of failure (default 50); the smallest found by then is reported. */
  maxShrinks?: number;
  /** Most distinct kinds of failure reported (default 5); the search stops at the last one. */
  maxKinds?: number;
  /**
   * Inputs judged at once (default 1: one after another). Above 1, the next inputs of the run, as
   * the seed will produce them, are judged ahead while fast-check waits on the current one: the
   * same findings, and at most `lookahead - 1` inputs judged past where the property stopped (the
   * last kind of failure allowed, or the time budget), which the request count then includes.
   */
  lookahead?: number;
  /** Sends the input and says whether the answer honours the contract. A throw counts as a failure. */
  judge: (input: NegativeInput) => Promise<NegativeVerdict>;
}

/** One distinct kind of failure (shrunk) or warning (as first seen). */
export interface NegativeFinding {
  kind: string;
  input: NegativeInput;
  /** The judge's summary for that input. */
  summary: string;
  /** Failures: whether shrinking found a smaller input than the first one of this kind. */
  shrunk?: boolean;
  /** Failures: fast-check's replay path of the round that found it. */
  path?: string;
}

export interface NegativePropertyResult {
  ok: boolean;
  seed: number;
  /** Runs asked for: fixed examples plus generated runs. */
  numRuns: number;
  /** Runs done before the end, the last kind of failure the bound allows, or the time budget (shrink steps not counted). */
  runsDone: number;
  /** Each distinct kind of failure, in the order found. */
  failures: NegativeFinding[];
  /** Each distinct kind of warning, in the order found; kept whether the property passes or not. */
  warnings: NegativeFinding[];
  /** The first failure's shrunk input, summary and path (see failures). */
  counterexample?: NegativeInput;
  shrunk?: boolean;
  /** The first failure's summary, or why no input was judged at all. */
  failureSummary?: string;
  path?: string;
  /** True when the time budget ended the run early (the shrink limit does not count). */
  interrupted: boolean;
  /** Judge calls that reached the target, runs and shrink steps together (a repeated input is judged once). */
  judgeCalls: number;
}

async function verdictOf(judge: NegativePropertyOptions['judge'], input: NegativeInput): Promise<NegativeVerdict> {
  try {
    return await judge(input);
  } catch (error) {
    return { ok: false, summary: `the judge threw: ${error instanceof Error ? error.message : String(error)}`, kind: 'judge-error' };
  }
}

export async function runNegativeProperty(options: NegativePropertyOptions): Promise<NegativePropertyResult> {
  const maxShrinks = options.maxShrinks ?? 50;
  const maxKinds = Math.max(1, options.maxKinds ?? 5);
  // fixedNegativeInputs never yields a configured fixture, whichever subset its near-misses come from.
  const examples = fixedNegativeInputs(options.fixtures, options.exampleFixtures ?? options.fixtures, options.hiddenFixtures ?? []).map((input): [NegativeInput] => [input]);
  const numRuns = examples.length + Math.max(0, options.numRuns);
  // The budget is measured on the monotonic clock: the wall clock stepped a day ahead mid-property
  // spent it at once (a warning, the inputs cut short), one set back made it endless.
  const started = performance.now();
  // Each round replays the same seed up to where the last one stopped: the cache makes that free.
  const verdicts = new Map<string, Promise<NegativeVerdict>>();
  const failures: NegativeFinding[] = [];
  const warnings = new Map<string, NegativeFinding>();
  let judgeCalls = 0;
  const judgeOnce = (input: NegativeInput): Promise<NegativeVerdict> => {
    const key = inputKey(input);
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      judgeCalls += 1;
      verdict = verdictOf(options.judge, input);
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const ahead = judgeAhead(options, examples, judgeOnce, () => performance.now() - started < options.timeBudgetMs);
  const judged = async (input: NegativeInput): Promise<NegativeVerdict> => {
    const pending = judgeOnce(input);
    ahead(input);
    const verdict = await pending;
    // Warnings are kept in the order fast-check meets them, whichever answer came back first.
    if (verdict.warning === true && verdict.kind !== undefined && !warnings.has(verdict.kind) && warnings.size < maxKinds) {
      warnings.set(verdict.kind, { kind: verdict.kind, input, summary: verdict.summary });
    }
    return verdict;
  };
  try {
    let runsDone = 0;
    let interrupted = false;
    const base = () => ({ seed: options.seed, numRuns, runsDone, interrupted, judgeCalls, warnings: [...warnings.values()] });
    while (failures.length < maxKinds) {
      const remaining = Math.max(0, options.timeBudgetMs - (performance.now() - started));
      // The first round always runs (a budget that allows nothing is reported, not passed); a later one only with time left.
      if (failures.length > 0 && remaining === 0) {
        interrupted = true;
        break;
      }
      const round = await findNewKind(options, examples, numRuns, remaining, judged, new Set(failures.map((f) => f.kind)), maxShrinks);
      if (round.noEvidence) {
        interrupted = true;
        if (failures.length === 0) return { ok: false, ...base(), failures, failureSummary: `no run completed within the ${options.timeBudgetMs} ms time budget` };
        break;
      }
      runsDone = round.runsDone;
      interrupted = round.interrupted;
      if (round.finding === undefined) break;
      failures.push(round.finding);
      if (interrupted) break;
    }
    const first = failures[0];
    if (first === undefined) return { ok: true, ...base(), failures };
    return { ok: false, ...base(), failures, counterexample: first.input, shrunk: first.shrunk === true, failureSummary: first.summary, ...(first.path !== undefined ? { path: first.path } : {}) };
  } finally {
    // Nothing judged ahead is still on the wire when the property ends.
    await Promise.all(verdicts.values());
  }
}

/**
 * With a lookahead above 1: when fast-check asks for the next input of the run as it goes when
 * nothing fails (the fixed list, then what the seed generates, in fast-check's own order), starts
 * judging the `lookahead - 1` after it, while the time budget lasts. A cursor follows that order:
 * a round's replay of inputs already judged, and shrink steps, start nothing, so at most
 * `lookahead - 1` inputs are ever judged past the furthest one the property reached.
 */
function judgeAhead(options: NegativePropertyOptions, examples: [NegativeInput][], judgeOnce: (input: NegativeInput) => Promise<NegativeVerdict>, timeLeft: () => boolean): (input: NegativeInput) => void {
  const lookahead = Math.max(1, Math.floor(options.lookahead ?? 1));
  if (lookahead === 1) return () => undefined;
  const order = [...examples.map(([input]) => input), ...fc.sample(negativeInputs(options.fixtures), { seed: options.seed, numRuns: Math.max(0, options.numRuns) })];
  const keys = order.map(inputKey);
  let next = 0;
  return (input) => {
    if (next >= order.length || keys[next] !== inputKey(input)) return;
    next += 1;
    for (let i = next; i < Math.min(order.length, next + lookahead - 1) && timeLeft(); i += 1) void judgeOnce(order[i] as NegativeInput);
  };
}
