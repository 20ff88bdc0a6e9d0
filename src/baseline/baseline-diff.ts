/**
 * --baseline FILE: how this run compares with an earlier conformance.json. Case ids are the join
 * key, which is what makes runs comparable (DESIGN principle 9); ids of a baseline from before
 * operation ids are mapped first (legacy-ids.ts).
 */
import { SHA256_HEX } from '../text/canonical-json';
import { isSuiteBuild } from '../package-root';
import type { BaselineDiff, CaseResult, ConformanceReport, OtherContract, ResultStatus } from '../model';
import { caseLatency, LATENCY_RISE, moreThanOneStall, p95Rose } from '../repeat/latency';
import { isReadOnlySkip, isWriteSafetySkip, ranWrites } from '../model/result';
import { isFailingStatus } from '../report/summarize';
import { compareCodeUnits } from '../text/plain-text';
import { changedFailure } from './failure-faults';
import { withCurrentIds } from './legacy-ids';
import type { BaselineReport, BaselineResult } from './read-baseline';

export interface BaselineOptions {
  /** A case's p95 must grow by more than this share of the baseline's p95 (50 = +50 %). */
  latencyThresholdPct: number;
  /** …and by at least this many ms: 2 ms → 4 ms is +100 % but only noise. */
  minDeltaMs: number;
}

/**
 * What this run deliberately left out, beyond what its report says (its operations): the ids of
 * the cases of its whole plan that other shards run (--shard), which only the run knows.
 */
export interface BaselineScope {
  otherShards?: ReadonlySet<string>;
}

export const DEFAULT_BASELINE_OPTIONS: Readonly<BaselineOptions> = { latencyThresholdPct: LATENCY_RISE.pct, minDeltaMs: LATENCY_RISE.minDeltaMs };

function latencyRegression(current: CaseResult, before: BaselineResult, options: BaselineOptions): BaselineDiff['latencyRegressions'][number] | undefined {
  const now = caseLatency(current);
  const then = caseLatency(before);
  if (now === undefined || then === undefined) return undefined;
  const rule = { pct: options.latencyThresholdPct, minDeltaMs: options.minDeltaMs };
  if (!p95Rose(then.p95, now.p95, rule)) return undefined;
  if (!moreThanOneStall(current, now, (ms) => p95Rose(then.p95, ms, rule))) return undefined;
  return { id: current.id, baselineP95: then.p95, p95: now.p95 };
}

/**
 * The worst latency regressions first, so the console's and summary.md's first 10 are the ones to
 * look at: by the ratio of the p95s (a 20 ms case now at 400 ms is worse news than a 2 s one now at
 * 3 s, which the ms added would rank first; the threshold is a ratio too), then by ms added, then id.
 * A baseline p95 of 0 (a cached answer) makes any rise infinitely slower: those come first.
 */
export function byRegression(a: BaselineDiff['latencyRegressions'][number], b: BaselineDiff['latencyRegressions'][number]): number {
  const ratio = (r: typeof a): number => (r.baselineP95 > 0 ? r.p95 / r.baselineP95 : Number.POSITIVE_INFINITY);
  const ra = ratio(a);
  const rb = ratio(b);
  if (ra !== rb) return ra > rb ? -1 : 1;
  const delta = b.p95 - b.baselineP95 - (a.p95 - a.baselineP95);
  if (delta !== 0) return delta;
  return compareCodeUnits(a.id, b.id);
}

/**
 * Whether the baseline's case counts as failing, against the case's status now. A case the baseline
 * could not judge (error: a final 429, a check that crashed) had no verdict: it was not known to
 * fail, so a failure tonight is new (a night rate-limited throughout must not make the next
 * night's regression "still failing", which exits 0) and a pass tonight fixed nothing. Only a case
 * that could not be judged again tonight is the same as it was, still failing.
 */
function failedIn(baseline: ResultStatus, now: ResultStatus): boolean {
  if (baseline === 'error') return now === 'error';
  return isFailingStatus(baseline);
}

/** A spec's (and the case data's) sha256 and a suite's version as a suite writes them: anything else of a baseline (anyone's file) is not compared, nor shown. */
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$/;

/**
 * What of the contract differs from the baseline's run: its spec (by sha256), the suite that
 * judged it (its version, or its build of the same version) and the case data (runInfo.casesSha256). A spec edit (a property made required), a
 * suite with a new check or a case with a new step under its old id turns cases red that the
 * target never changed, and "56 new failures" alone reads as the target's regression.
 */
function otherContract(current: ConformanceReport, baseline: BaselineReport): OtherContract | undefined {
  const then = baseline.runInfo;
  const now = current.runInfo;
  const other: OtherContract = {};
  if (typeof then.specSha256 === 'string' && SHA256_HEX.test(then.specSha256) && then.specSha256 !== now.specSha256) other.spec = { baseline: then.specSha256, now: now.specSha256 };
  if (typeof then.suiteVersion === 'string' && VERSION.test(then.suiteVersion) && then.suiteVersion !== now.suiteVersion) other.suite = { baseline: then.suiteVersion, now: now.suiteVersion };
  // One version is many builds (a check changed, 0.2.0 unchanged): only when both name one, as the case data.
  else if (isSuiteBuild(then.suiteBuild) && now.suiteBuild !== undefined && then.suiteBuild !== now.suiteBuild) other.build = { baseline: then.suiteBuild, now: now.suiteBuild };
  // Only when both carry one: a baseline from before the digest is unknown, not another contract.
  if (typeof then.casesSha256 === 'string' && SHA256_HEX.test(then.casesSha256) && now.casesSha256 !== undefined && then.casesSha256 !== now.casesSha256) other.cases = { baseline: then.casesSha256, now: now.casesSha256 };
  return other.spec === undefined && other.suite === undefined && other.build === undefined && other.cases === undefined ? undefined : other;
}

/**
 * Each side's mode when one judged recorded answers (a replay) and the other the target (a live or
 * recording run), or undefined: a verdict changed between them may be the recordings' age. Only
 * the modes a suite writes are compared; a hand-made baseline's other value is not shown.
 */
function otherMode(current: ConformanceReport, baseline: BaselineReport): BaselineDiff['otherMode'] {
  const then = baseline.runInfo.mode;
  if (then !== 'live' && then !== 'record' && then !== 'replay') return undefined;
  return (then === 'replay') !== (current.runInfo.mode === 'replay') ? { baseline: then, now: current.runInfo.mode } : undefined;
}

/**
 * Compares `current` with `baseline` (read from `baselineFile`), per case id:
 * - newFailures: failing now, and not failing (or absent, or not judged) in the baseline;
 * - fixed: failing in the baseline, passed now (a case now skipped proves nothing, so it is not fixed;
 *   nor does one the baseline could not judge);
 * - stillFailing: failing in both, each fault tonight one of the baseline's failure (failure-faults.ts);
 * - changedFailures: failing in both, with a fault the baseline's failure did not show (or could
 *   not: its list cut, or none listed): these are in newFailures, and say what is new;
 * - newlySkipped: skipped now, ran in the baseline (coverage was lost);
 * - latencyRegressions: p95 above baseline p95 × (1 + latencyThresholdPct/100) and by ≥ minDeltaMs,
 *   the most slowed first (byRegression);
 * - missing: in the baseline, absent now though this run selected it (a run that silently lost
 *   cases must say so);
 * - outOfScope: how many baseline cases this run deliberately did not run, not compared: of an
 *   operation it does not certify (--operation), in another shard's slice (`scope.otherShards`),
 *   or skipped now by a rule of writes (no --allow-writes) after running in the baseline. Listed as
 *   missing or newly skipped they would bury the one case a run really lost;
 * - added: absent from the baseline, present now (with missing, how a renamed case shows);
 * - otherKind: set when the baseline is of the other kind (a write run on one side only, ranWrites):
 *   the cases only the write side ran (skipped for want of --allow-writes on the read-only side) are left out,
 *   counted there, so a write night read against a read-only gate's report (or the reverse) fails
 *   only on the cases both kinds run;
 * - otherMode: set when one side is a replay and the other is not;
 * - otherTarget: set when the baseline names another target;
 * - otherContract: set when the baseline was judged under another spec, by another suite version
 *   (or another build of it, both known) or with other case data (both digests known and different);
 * - mappedLegacyIds: how many baseline ids were from before operation ids, mapped by operation label.
 * Ids are sorted; latency regressions by how much slower.
 */
export function diffBaseline(current: ConformanceReport, baseline: BaselineReport, baselineFile: string, options: BaselineOptions = DEFAULT_BASELINE_OPTIONS, scope: BaselineScope = {}): BaselineDiff {
  const { results: then, mapped } = withCurrentIds(baseline.results, current.runInfo.operations);
  const certified = new Set(current.runInfo.operations.map((o) => o.operationId));
  // A legacy id left unmapped has no operation to judge by: it stays missing, as before.
  const outside = (id: string): boolean => {
    const slash = id.indexOf('/');
    return (slash > 0 && !certified.has(id.slice(0, slash))) || scope.otherShards?.has(id) === true;
  };
  let outOfScope = 0;
  // The kinds differ: which side skipped the writes the other ran (history keeps them as two series too).
  const kindDiffers = ranWrites(baseline.runInfo) !== ranWrites(current.runInfo);
  let leftOutForKind = 0;
  const before = new Map(then.map((r) => [r.id, r] as const));
  const diff: BaselineDiff = {
    baseline: { file: baselineFile, startedAt: baseline.runInfo.startedAt, target: baseline.runInfo.target },
    newFailures: [],
    fixed: [],
    stillFailing: [],
    newlySkipped: [],
    latencyRegressions: [],
  };
  for (const result of current.results) {
    const old = before.get(result.id);
    // A write a read-only baseline skipped for want of --allow-writes has no verdict to compare with:
    // its failure tonight is not a regression (a write night read against the gate's report would fail
    // on every one). Only that rule (it marks the read-only side): a write baseline's skip for a fixture
    // not set is the configuration's, and a case failing tonight that it never judged is new.
    if (kindDiffers && old !== undefined && old.status === 'skipped' && isReadOnlySkip(old.skipReason) && result.status !== 'skipped') {
      leftOutForKind += 1;
      continue;
    }
    const wasFailing = old !== undefined && failedIn(old.status, result.status);
    // Failing in both, but not the same failure (a fault the baseline's did not have): new.
    const changed = wasFailing && result.status !== 'error' ? changedFailure(result, old) : undefined;
    if (changed !== undefined) (diff.changedFailures ??= []).push(changed);
    if (isFailingStatus(result.status)) (wasFailing && changed === undefined ? diff.stillFailing : diff.newFailures).push(result.id);
    else if (result.status === 'passed' && wasFailing) diff.fixed.push(result.id);
    else if (result.status === 'skipped' && old !== undefined && old.status !== 'skipped') {
      // Skipped by a rule of writes this run was given (a read-only live run): its choice, not coverage lost.
      // Against a write baseline, the read-only rule's is the kind's, said with it rather than as this
      // run's scope (a replay of a read-only recording repeats that rule, "skipped when recorded: …").
      if (kindDiffers && isReadOnlySkip(result.skipReason)) leftOutForKind += 1;
      else if (isWriteSafetySkip(result.skipReason)) outOfScope += 1;
      else diff.newlySkipped.push(result.id);
    }
    const regression = old === undefined ? undefined : latencyRegression(result, old, options);
    if (regression) diff.latencyRegressions.push(regression);
  }
  const now = new Set(current.results.map((r) => r.id));
  const gone = then.map((r) => r.id).filter((id) => !now.has(id));
  const missing = gone.filter((id) => !outside(id));
  if (missing.length > 0) diff.missing = missing;
  outOfScope += gone.length - missing.length;
  const added = current.results.map((r) => r.id).filter((id) => !before.has(id));
  if (added.length > 0) diff.added = added;
  if (kindDiffers) diff.otherKind = { baseline: ranWrites(baseline.runInfo) ? 'writes' : 'read-only', leftOut: leftOutForKind };
  const mode = otherMode(current, baseline);
  if (mode !== undefined) diff.otherMode = mode;
  if (baseline.runInfo.target !== current.runInfo.target) diff.otherTarget = true;
  const contract = otherContract(current, baseline);
  if (contract !== undefined) diff.otherContract = contract;
  if (mapped > 0) diff.mappedLegacyIds = mapped;
  if (outOfScope > 0) diff.outOfScope = outOfScope;
  for (const list of [diff.newFailures, diff.fixed, diff.stillFailing, diff.newlySkipped, diff.missing ?? [], diff.added ?? []]) list.sort(compareCodeUnits);
  diff.changedFailures?.sort((a, b) => compareCodeUnits(a.id, b.id));
  diff.latencyRegressions.sort(byRegression);
  return diff;
}

/**
 * Whether the comparison fails the run (true: exit 1). By default only new failures do, so a
 * nightly job stays green on known failures and turns red on regressions; `strict` also fails on
 * cases still failing and on latency regressions.
 */
export function baselineExitStatus(diff: BaselineDiff, strict: boolean): boolean {
  if (diff.newFailures.length > 0) return true;
  return strict && (diff.stillFailing.length > 0 || diff.latencyRegressions.length > 0);
}
