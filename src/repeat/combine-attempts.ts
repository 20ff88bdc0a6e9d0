/**
 * --repeat N: the N results of one case become one result. A verdict that changes between repeats
 * is itself the finding ("flaky"), shown with every outcome so a reviewer sees what varied.
 */
import type { Attempt, CaseResult, OmittedViolations, ResultStatus, Violation } from '../model';
import { omittedKey, unionPlaces, violationKey } from '../model/violation';
import { isAggregateResult } from '../model/aggregate-result';
import { describeOutcomes } from '../report/outcomes';
import { exchangeDurations, latencyStats } from './latency';
import { countLeftOut, runExchanges } from '../model/latency-samples';
import { combinedCoverage } from '../coverage/case-coverage';

/** Fields taken from the repeat a report shows: the first that went wrong, else the first. */
const SHOWN_FIELDS = ['expectedStatus', 'expectedAs', 'receivedStatus', 'headStatus', 'steps', 'failedStep', 'curl', 'exchangeId', 'source'] as const satisfies readonly (keyof CaseResult)[];

/** Check id of the violation that explains a flaky verdict. */
export const FLAKY_CHECK = 'flaky';
/** The warning of repeats left out of a case's verdict because they could not be judged. */
export const NOT_JUDGED_CHECK = 'not-judged';

function isFailing(status: ResultStatus): boolean {
  return status === 'failed' || status === 'error';
}

/**
 * What the report keeps of one repeat: enough to tell the outcomes apart, not the whole result.
 * Its latency samples when they are not its one duration: a sequence's exchanges, less those left
 * out (a 502, no answer), the only place the run's figures can tell them apart once combined.
 */
export function toAttempt(result: CaseResult): Attempt {
  const checks = [...new Set(result.violations.filter((v) => v.severity === 'error').map((v) => v.check))];
  // An aggregate's one duration is many requests': no latency, nothing to keep.
  const { samples, leftOut } = isAggregateResult(result) ? { samples: [], leftOut: [] } : runExchanges(result);
  const kept = result.steps !== undefined || leftOut.length > 0;
  const attempt: Attempt = { status: result.status, durationMs: result.durationMs, ...(kept ? { exchangesMs: samples } : {}), ...(leftOut.length > 0 ? { leftOutStatuses: leftOut } : {}), checks };
  if (result.receivedStatus !== undefined) attempt.receivedStatus = result.receivedStatus;
  // A head then a stalled body: the flaky outcome says what came, not "no response".
  else if (result.headStatus !== undefined) attempt.headStatus = result.headStatus;
  return attempt;
}

/**
 * {@link violationKey} plus severity and title, on purpose. The union below decides which
 * violations a combined result carries: were a breach a warning in one repeat and an error in
 * another, a key without severity would keep only the first seen, and a failed result could lose
 * the error that explains it. The title is kept so that no text a report shows is dropped either.
 */
function violationIdentity(v: Violation): string {
  return JSON.stringify([violationKey(v), v.severity, v.title]);
}

/**
 * Union of the attempts' violations, first occurrence first. It is a multiset union: a breach
 * found twice within one attempt stays twice (the reports show "×2"), but the same breach found
 * again by a later repeat is not added again, or N repeats would read as N times the problems.
 */
export function unionViolations(lists: readonly (readonly Violation[])[]): Violation[] {
  const kept = new Map<string, number>();
  const out: Violation[] = [];
  for (const list of lists) {
    const local = new Map<string, number>();
    for (const violation of list) {
      const key = violationIdentity(violation);
      const seen = (local.get(key) ?? 0) + 1;
      local.set(key, seen);
      if (seen > (kept.get(key) ?? 0)) {
        kept.set(key, seen);
        out.push(violation);
      }
    }
  }
  return out;
}

/**
 * The repeats' omitted counts, in the same spirit as {@link unionViolations}: the same overflow
 * seen again by a later repeat is not added again; the largest count of it is kept. An error
 * overflow's places are every repeat's (unionPlaces): a repeat whose answer listed its errors in
 * another order omitted other places, and a baseline compares a failure by all of them.
 */
export function unionOmitted(lists: readonly (readonly OmittedViolations[] | undefined)[]): OmittedViolations[] {
  const out = new Map<string, OmittedViolations>();
  for (const omitted of lists.flatMap((list) => list ?? [])) {
    const key = omittedKey(omitted);
    const known = out.get(key);
    if (known === undefined) {
      out.set(key, omitted);
      continue;
    }
    const { places: _p, placesCut: _c, ...larger } = known.count < omitted.count ? omitted : known;
    out.set(key, omitted.severity === 'error' ? { ...larger, ...unionPlaces(known, omitted) } : larger);
  }
  return [...out.values()];
}

/** A warning: some repeats could not be judged, and the verdict rests on the others. */
export function unjudgedRepeatsViolation(count: number, total: number, why: string | undefined): Violation {
  return {
    check: NOT_JUDGED_CHECK,
    severity: 'warning',
    title: `${count} of ${total} repeats could not be judged`,
    message: `Received: ${why ?? 'no verdict'} / Expected: every repeat judged (the verdict rests on the ${total - count} that were)`,
    instancePath: '',
  };
}

/** The violation that makes a flaky case fail: "Received: passed ×2, failed ×1 (503) / Expected: …". */
export function flakyViolation(attempts: readonly Attempt[]): Violation {
  return {
    check: FLAKY_CHECK,
    severity: 'error',
    title: 'The verdict differed between repeats',
    message: `Received: ${describeOutcomes(attempts)} / Expected: the same verdict on every repeat`,
    instancePath: '',
  };
}

/**
 * Combines the results of one case's repeats (same id, in run order) into one result:
 * - status: the common status of the repeats that were judged, or "flaky" when they differ (then a
 *   {@link flakyViolation} is added); "error" only when none was judged (else a warning says how many were not);
 * - attempts: one per repeat; latency: over the exchanges of the repeats that ran (a sequence's
 *   steps each a sample), those the target did not serve left out and counted in latencyLeftOut;
 *   durationMs: the median (p50) of the repeats' durations;
 * - violations: {@link unionViolations}; omittedViolations: {@link unionOmitted}; coverage: the union of every repeat's;
 * - expectedStatus, expectedAs, receivedStatus, headStatus, steps, failedStep, curl, exchangeId, source: from the first
 *   failed/error repeat, else the first, so the reproduction shown is one that went wrong (a
 *   sequence's expected status may be predicted, and differ between repeats).
 * A single result is accepted and gains a one-element `attempts`. Throws (a bug in the caller) for
 * no results or mixed case ids.
 */
export function combineAttempts(results: readonly CaseResult[]): CaseResult {
  const first = results[0];
  if (first === undefined) throw new Error('combineAttempts: no results to combine');
  const stranger = results.find((r) => r.id !== first.id);
  if (stranger) throw new Error(`combineAttempts: results of different cases (${first.id}, ${stranger.id})`);
  const attempts = results.map(toAttempt);
  // A repeat that could not be judged (a final 429, a check that crashed) has no verdict to differ
  // from the others: it is left out of the comparison, and said, rather than called flaky.
  const judged = results.filter((r) => r.status !== 'error');
  const statuses = new Set(judged.map((r) => r.status));
  const status: ResultStatus = judged[0] === undefined ? 'error' : statuses.size === 1 ? judged[0].status : 'flaky';
  const violations = unionViolations(results.map((r) => r.violations));
  if (status === 'flaky') violations.push(flakyViolation(attempts));
  const unjudged = results.filter((r) => r.status === 'error');
  if (status !== 'error' && unjudged.length > 0) violations.push(unjudgedRepeatsViolation(unjudged.length, results.length, unjudged[0]?.errorMessage));
  // The case's duration is its attempts' median; its latency is of the exchanges they sent.
  const ran = attempts.filter((a) => a.status !== 'skipped').map((a) => a.durationMs);
  const median = latencyStats(ran)?.p50;
  const latency = latencyStats(exchangeDurations({ ...(first.fuzzed !== undefined ? { fuzzed: first.fuzzed } : {}), status: first.status, durationMs: first.durationMs, attempts }));
  // Counted here, of each repeat's exchanges: an attempt keeps only its samples.
  const leftOut = isAggregateResult(first) ? undefined : countLeftOut(results.flatMap((r) => runExchanges(r).leftOut));
  const shown = results.find((r) => isFailing(r.status)) ?? first;
  const combined: CaseResult = {
    id: first.id,
    operationId: first.operationId,
    operation: first.operation,
    scenario: first.scenario,
    family: first.family,
    ...(first.fuzzed !== undefined ? { fuzzed: first.fuzzed } : {}),
    description: first.description,
    status,
    durationMs: median ?? first.durationMs,
    violations,
    attempts,
  };
  const omitted = unionOmitted(results.map((r) => r.omittedViolations));
  if (omitted.length > 0) combined.omittedViolations = omitted;
  if (status === 'skipped' && first.skipReason !== undefined) combined.skipReason = first.skipReason;
  const crashed = results.find((r) => r.errorMessage !== undefined)?.errorMessage;
  if ((status === 'error' || status === 'flaky') && crashed !== undefined) combined.errorMessage = crashed;
  // What was expected and seen, and the steps of a sequence, all from the one repeat shown.
  for (const key of SHOWN_FIELDS) {
    if (shown[key] !== undefined) Object.assign(combined, { [key]: shown[key] });
  }
  if (latency !== undefined) combined.latency = latency;
  if (leftOut !== undefined) combined.latencyLeftOut = leftOut;
  // Every repeat's answers count: a value seen once in N repeats was seen.
  Object.assign(combined, combinedCoverage(results));
  return combined;
}
