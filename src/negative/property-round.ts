/**
 * One round of the negative-input property: a fast-check run whose property fails only on a kind
 * of failure not yet known. runNegativeProperty runs rounds until no new kind turns up, or its
 * bounds are reached; a cache of verdicts makes each round's replay of the earlier inputs free.
 */
import * as fc from 'fast-check';
import type { NegativeVerdict } from './judge-negative-exchange';
import type { NegativeFinding, NegativePropertyOptions } from './run-property';
import type { NegativeInput } from '../transport/path-segment';
import { negativeInputs } from './sender-id-arbitrary';

/** The kind a refused connection gets (judge-negative-exchange): the target no longer listens. */
export const NO_LISTENER_KIND = 'transport-error connection-refused';

/** What one round found. */
export interface Round {
  finding?: NegativeFinding;
  runsDone: number;
  interrupted: boolean;
  /** fast-check failed the round before any run completed: no evidence at all. */
  noEvidence: boolean;
}

/**
 * One fast-check round whose property fails only on a kind not yet known; shrinking then stays
 * within that kind, so each finding is the smallest input of its own kind.
 */
export async function findNewKind(
  options: NegativePropertyOptions,
  examples: [NegativeInput][],
  numRuns: number,
  timeLimitMs: number,
  judged: (input: NegativeInput) => Promise<NegativeVerdict>,
  known: ReadonlySet<string>,
  maxShrinks: number,
): Promise<Round> {
  let target: string | undefined;
  let shrinkCalls = 0;
  let shrinkLimitReached = false;
  let lastFailure: { input: NegativeInput; summary: string } | undefined;
  let firstFailure: { input: NegativeInput; summary: string } | undefined;
  const property = fc.asyncProperty(negativeInputs(options.fixtures), async (input) => {
    if (target !== undefined) {
      // fast-check has no shrink limit. An interrupting precondition failure ends the round at
      // once and keeps the smallest failure so far as the counterexample.
      if (shrinkCalls >= maxShrinks) {
        shrinkLimitReached = true;
        throw new fc.PreconditionFailure(true);
      }
      shrinkCalls += 1;
    }
    const verdict = await judged(input);
    if (verdict.ok) return true;
    const kind = verdict.kind ?? 'failed';
    if (target === undefined && known.has(kind)) return true;
    if (target !== undefined && kind !== target) return true;
    target = kind;
    lastFailure = { input, summary: verdict.summary };
    firstFailure ??= lastFailure;
    return false;
  });
  const details = await fc.check(property, { seed: options.seed, numRuns, examples, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false });
  const interrupted = details.interrupted && !shrinkLimitReached;
  const round = { runsDone: details.numRuns, interrupted, noEvidence: false };
  if (!details.failed) return round;
  // fast-check fails a round interrupted before any success: no evidence is not a pass.
  if (details.counterexample === null || lastFailure === undefined || target === undefined) return { ...round, noEvidence: true };
  if (target === NO_LISTENER_KIND && firstFailure !== undefined) {
    // A refused connection is decided before the request is sent: no id causes its own. The first
    // id refused is the one the target went down on (or the one just after it); every shrink
    // candidate after that is refused too, so shrinking would drift to the empty id, a request
    // that never crashed anything, and its curl would not reproduce the crash on a fresh target.
    return { ...round, finding: { kind: target, input: firstFailure.input, summary: `${firstFailure.summary} (the first hostile id refused: the target stopped listening at this request or the one just before it — did it crash? — so it was not shrunk)`, shrunk: false } };
  }
  // Shrinking only moves on from a failing candidate, so the last failure of the kind is the counterexample.
  const [counterexample] = details.counterexample;
  return {
    ...round,
    finding: {
      kind: target,
      input: counterexample,
      summary: lastFailure.summary,
      shrunk: details.numShrinks > 0,
      ...(details.counterexamplePath !== null ? { path: details.counterexamplePath } : {}),
    },
  };
}
