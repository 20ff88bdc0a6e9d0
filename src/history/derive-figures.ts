/**
 * The derived figures over a window of runs: pure functions of the stored records and the current
 * run's record. What a person asks of a month of nightly runs: since when has this case failed,
 * does it flip between nights, is its p95 creeping up, and how did pass rate and p95 go per night.
 */
import type { FlakyAcrossRuns, HistoryCase, HistoryFigures, HistoryRun, ResultStatus } from '../model';
import { FLAKY_MIN_FLIPS, P95_RISE_NIGHTS } from '../model/history';
import { ranWrites, writesField } from '../model/result';
import { caseP95, isStopped, type HistoryCaseRecord, type HistoryRecord } from './history-record';
import { seriesWindow, windowWithGaps, type SeriesWindow } from './history-window';
import { p95Rose } from '../repeat/latency';
import { LATENCY_BUDGET_CHECK } from '../repeat/latency-budget';

export interface DeriveOptions {
  store: string;
  target: string;
  /**
   * Without `current` (the history command): the target's series of write runs (ranWrites), not
   * its read-only one (history-window.ts Series). With `current`, its own kind is the series.
   */
  writes?: boolean;
  window: number;
  latencyBudgetMs?: number;
  /** --fail-on-flaky-rate. */
  flakyLimit?: number;
}

/**
 * A case's verdict across runs: a skip (or an absence) says nothing, nor does a case that could not
 * be judged (error: rate limited, a check that crashed), so a rate-limited night is no flip and no
 * failing night; a within-run flaky is not a pass.
 */
type Verdict = 'pass' | 'fail' | undefined;

export function verdictOf(status: ResultStatus | null | undefined): Verdict {
  if (status === 'passed') return 'pass';
  return status === 'failed' || status === 'flaky' ? 'fail' : undefined;
}

function runPoint(record: HistoryRecord, newContract: boolean, newBuild: string | undefined): HistoryRun {
  const remarks = { ...(record.warnings !== undefined ? { warnings: record.warnings } : {}), ...(record.notes !== undefined ? { notes: record.notes } : {}) };
  // A night stopped before judging is a gap: no rate, no p95, and why.
  if (record.stopped !== undefined) return { startedAt: record.run.startedAt, passRate: null, passed: 0, judged: 0, notRun: { reason: record.stopped.reason, exitCode: record.stopped.exitCode, ...(record.stopped.unfinished === true ? { unfinished: true } : {}) }, ...remarks };
  const s = record.summary;
  // A case that could not be judged (error: rate limited, a check that crashed) has no verdict, as
  // in the strips and flips: a night the target rate-limited throughout is n/a, not 0 %.
  const judged = s.total - s.skipped - s.errors;
  return {
    startedAt: record.run.startedAt,
    passRate: judged > 0 ? s.passed / judged : null,
    passed: s.passed,
    judged,
    // Nor a p95: what was timed that night was the limiter's (or a crashing check's) answers, not
    // the API's, and drawn in the trend it looked like a fast, healthy night.
    ...(record.latency !== undefined && judged > 0 ? { p95: record.latency.p95 } : {}),
    ...(newContract ? { newContract: true as const } : {}),
    ...(newBuild !== undefined ? { newBuild } : {}),
    ...remarks,
  };
}

/**
 * What a run was judged under: its spec's sha256, the suite's version and the case data's sha256
 * (runInfo.casesSha256: a case gaining steps under its old id changes the verdict while the suite's
 * version stays). The last is absent in records from before it. Not the suite's build
 * (run.suiteBuild, recorded): it changes with every commit, a comment's too, and a nightly rebuilt
 * from each day's commit would be a new contract every night: no pair compared, no flip counted.
 */
export interface ContractIdentity {
  specSha256: string;
  suiteVersion: string;
  casesSha256?: string;
}

/**
 * Whether two runs were judged under one contract. A missing case digest is unknown, so equal: a
 * store's old records next to the first one with a digest are not a new contract for lacking it
 * (the first night after an upgrade that adds the digest would otherwise be marked, with no change).
 * Not transitive so: a store's runs are compared as judgedContracts resolves them.
 */
export function sameContract(a: ContractIdentity | undefined, b: ContractIdentity | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.specSha256 !== b.specSha256 || a.suiteVersion !== b.suiteVersion) return false;
  return a.casesSha256 === undefined || b.casesSha256 === undefined || a.casesSha256 === b.casesSha256;
}

/**
 * k changes over the compared pairs of consecutive verdicts a case had (runs where it was skipped or
 * absent are passed over). `contracts` (aligned with the strip): what each run was judged under,
 * its spec, suite and case data; a pair judged under two is not compared, as a case that fails
 * after a spec edit (or a suite's new check, or a case's new step) and passes after its revert
 * changed with the contract, not with the target, and counted, two such nights put it over
 * --fail-on-flaky-rate.
 */
export function flipsOf(strip: readonly (ResultStatus | null)[], contracts: readonly (ContractIdentity | undefined)[] = [], budgets: readonly (BudgetOfNight | undefined)[] = []): { flips: number; compared: number } {
  const judged = strip.flatMap((status, i) => {
    const verdict = verdictOf(status);
    return verdict === undefined ? [] : [{ verdict, contract: contracts[i], budget: budgets[i] }];
  });
  let flips = 0;
  let compared = 0;
  for (let i = 1; i < judged.length; i += 1) {
    const [before, now] = [judged[i - 1]!, judged[i]!];
    if (!sameContract(now.contract, before.contract)) continue;
    compared += 1;
    if (now.verdict === before.verdict) continue;
    const [failing, passing] = now.verdict === 'fail' ? [now, before] : [before, now];
    if (!budgetExplains(failing.budget, passing.budget)) flips += 1;
  }
  return { flips, compared };
}

/**
 * Whether a pass and a fail on two nights are the latency budget's setting, not the target: the
 * fail was of the budget alone, and the passing night had no budget or a looser one (a p95 within
 * 5 ms one night and over 2 ms the next is one target). Counted, a budget set every other night put
 * every case over --fail-on-flaky-rate, the target unchanged. Over a budget as loose as the one it
 * passed under, the target slowed: a change. It only ever takes a flip away: a case failing both
 * nights (the budget one night, another check the next) never changed its verdict.
 */
function budgetExplains(failing: BudgetOfNight | undefined, passing: BudgetOfNight | undefined): boolean {
  if (failing?.overBudgetOnly !== true || failing.budgetMs === undefined) return false;
  return passing?.budgetMs === undefined || passing.budgetMs > failing.budgetMs;
}

/** A night's latency budget (`latencyBudgetMs`, absent when none was set) and whether the case failed on it alone. */
export interface BudgetOfNight {
  budgetMs: number | undefined;
  overBudgetOnly: boolean;
}

/** What flipsOf reads of the budget on one night of the case (a gap or an absence: undefined, as no verdict is compared there). */
function budgetOfNight(run: HistoryRecord, entry: HistoryCaseRecord | undefined): BudgetOfNight | undefined {
  if (entry === undefined) return undefined;
  return { budgetMs: run.run.latencyBudgetMs, overBudgetOnly: verdictOf(entry.status) === 'fail' && entry.checks.length > 0 && entry.checks.every((check) => check === LATENCY_BUDGET_CHECK) };
}

/**
 * What each judged run of `all` (oldest first) was judged under, for flipsOf and newContractRuns:
 * a run without the case data's sha256 (a build without it, of the same version) takes the last one
 * known before it under the same spec and suite. Compared pair by pair, "unknown is equal" joins
 * what differs (d = unknown = e): a case data change with such a night between went unmarked, and
 * its verdict changes counted as flips.
 */
export function judgedContracts(all: readonly HistoryRecord[]): Map<HistoryRecord, ContractIdentity> {
  const out = new Map<HistoryRecord, ContractIdentity>();
  let before: ContractIdentity | undefined;
  for (const record of all) {
    const { specSha256, suiteVersion, casesSha256: own } = record.run;
    // Not across a spec edit or a suite upgrade: there the data before says nothing of the data now.
    const carried = before !== undefined && before.specSha256 === specSha256 && before.suiteVersion === suiteVersion ? before.casesSha256 : undefined;
    const casesSha256 = own ?? carried;
    before = { specSha256, suiteVersion, ...(casesSha256 !== undefined ? { casesSha256 } : {}) };
    out.set(record, before);
  }
  return out;
}

/**
 * The judged runs of `all` (every judged run of the target, oldest first) judged under a contract
 * that differs from the judged run before them (judgedContracts): the pairs flipsOf does not compare,
 * which the views mark. The store's first run has none before it; a night not run was judged under nothing.
 */
export function newContractRuns(all: readonly HistoryRecord[], contracts: ReadonlyMap<HistoryRecord, ContractIdentity> = judgedContracts(all)): Set<HistoryRecord> {
  return new Set(all.filter((run, i) => i > 0 && !sameContract(contracts.get(run), contracts.get(all[i - 1]!))));
}

/**
 * The judged runs of `all` (oldest first) judged by a different build of the suite from the judged
 * run before them, under one contract (neither in newContractRuns), each with its build: what the views
 * mark "(new build …)", the pairs across them still compared (a build is no contract). A build
 * unknown on either side (a record from before it, a dist built without the id) is not compared.
 */
export function newBuildRuns(all: readonly HistoryRecord[], changed: ReadonlySet<HistoryRecord>): Map<HistoryRecord, string> {
  const out = new Map<HistoryRecord, string>();
  all.forEach((run, i) => {
    const build = run.run.suiteBuild;
    const before = i > 0 ? all[i - 1]!.run.suiteBuild : undefined;
    if (!changed.has(run) && build !== undefined && before !== undefined && build !== before) out.set(run, build);
  });
  return out;
}

/**
 * The first run of the current failing streak of `id`, over every run of the target (newest last):
 * only when the newest run failed it; earlier skips and absences neither break nor start the streak.
 * A streak no held pass closes is `atLeast`: the store may have lost its start (a prune), or never had it.
 */
export function failingSince(runs: readonly HistoryRecord[], id: string): { startedAt: string; runs: number; atLeast?: true } | undefined {
  // No streak unless the newest run failed it: a case skipped tonight after failing is not known to
  // fail now. Asked first, so a case passing or skipped tonight costs one look, not a walk of the
  // whole store (a live run without --allow-writes skips most cases on every night: each walked
  // every run, a search of its cases each time, and the figures of a long store took seconds).
  if (verdictOf(runs[runs.length - 1]?.cases.find((c) => c.id === id)?.status) !== 'fail') return undefined;
  let first: HistoryRecord | undefined;
  let count = 0;
  let closed = false;
  for (let i = runs.length - 1; i >= 0; i -= 1) {
    const run = runs[i]!;
    const verdict = verdictOf(run.cases.find((c) => c.id === id)?.status);
    if (verdict === 'pass') {
      closed = true;
      break;
    }
    // A skip or an absence neither breaks nor starts a streak.
    if (verdict === undefined) continue;
    first = run;
    count += 1;
  }
  return first === undefined ? undefined : { startedAt: first.run.startedAt, runs: count, ...(closed ? {} : { atLeast: true as const }) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The case's p95 rise over the window, or undefined: the median of its first 3 measured runs
 * against the median of its last 3, only from P95_RISE_NIGHTS measured runs (so the two ends never
 * overlap, and one noisy night at either end is outvoted by the two others), and only while the
 * newest run is above the rule as well. With fewer measured runs no rise is called: one night
 * against one night (2 or 3 measured), or medians of two (the mean of a stall and a normal night),
 * made one GC stall "p95 up 9308 % over the window" (history-text.ts says "not enough nights yet").
 */
export function p95RiseOf(p95: readonly (number | null)[]): { from: number; to: number } | undefined {
  const measured = p95.filter((v): v is number => v !== null);
  if (measured.length < P95_RISE_NIGHTS) return undefined;
  const k = P95_RISE_NIGHTS / 2;
  const from = median(measured.slice(0, k));
  const to = median(measured.slice(measured.length - k));
  // The baseline's rule (repeat/latency.ts): a creep the night-over-night diff never sees is called by the same measure once it adds up.
  const risen = (value: number): boolean => p95Rose(from, value);
  // The newest run must show it too: a case back to its old pace tonight is not creeping now.
  if (!risen(to) || !risen(measured[measured.length - 1]!)) return undefined;
  return { from: Math.round(from * 10) / 10, to: Math.round(to * 10) / 10 };
}

/**
 * The figures for `target` over the last `window` judged runs, `current` (this run) the newest;
 * without `current` (the history command) the newest stored judged run stands for it. The cases are
 * those of the newest judged run, in its order (the history command adds those only earlier runs of
 * the window had: shownCases). Nights the run stopped before judging are in
 * `runs` as gaps (and null in every strip and p95 list), and in no figure: no verdict, no rate,
 * no latency, neither breaking nor starting a streak.
 */
export function deriveFigures(records: readonly HistoryRecord[], options: DeriveOptions, current?: HistoryRecord): HistoryFigures {
  const series = { target: options.target, writes: current === undefined ? options.writes === true : ranWrites(current.run) };
  return figuresOfWindow(seriesWindow(records, series, current), options);
}

/** {@link deriveFigures} over a window already derived (seriesWindow: a run derives it once, for its figures and its coverage). */
export function figuresOfWindow(derived: SeriesWindow, options: Omit<DeriveOptions, 'writes'>): HistoryFigures {
  const { series, current } = derived;
  // Every judged run of the window's scope, unbounded: what the contracts are resolved over.
  const all = derived.judged;
  // Every judged run, whatever its scope (failing-since looks past the window): a one-operation
  // check's pass ends a streak, as the history command counts it.
  const every = current === undefined ? all : [...derived.runs.filter((r) => r !== current && !isStopped(r)), current];
  const window = windowWithGaps(derived, options.window);
  const byId = window.map((run) => new Map<string, HistoryCaseRecord>(run.cases.map((c) => [c.id, c])));
  // Over every judged run, not the window's: its first night may be the change from one before it,
  // and a night of the window without the case data's sha256 takes the one known before it. A
  // stopped night (a gap) has none: its strip entry is null, never compared.
  const judged = judgedContracts(all);
  const contracts = window.map((run) => judged.get(run));
  const changed = newContractRuns(all, judged);
  const rebuilt = newBuildRuns(all, changed);
  const newest = all[all.length - 1];
  const cases: HistoryCase[] = shownCases(every, window, current).map(({ id, upTo }) => {
    const strip = byId.map((m) => m.get(id)?.status ?? null);
    const { flips, compared } = flipsOf(strip, contracts, window.map((run, i) => budgetOfNight(run, byId[i]!.get(id))));
    const since = failingSince(upTo < every.length - 1 ? every.slice(0, upTo + 1) : every, id);
    const p95 = byId.map((m) => {
      const entry = m.get(id);
      // A case not judged that night (error: a final 429) has no latency of its own in the trend, as it has no verdict.
      return entry === undefined || entry.status === 'error' ? null : caseP95(entry);
    });
    const rise = p95RiseOf(p95);
    return {
      id,
      strip,
      p95,
      ...(since !== undefined ? { failingSince: since } : {}),
      flips,
      compared,
      flipRate: compared === 0 ? 0 : flips / compared,
      ...(rise !== undefined ? { p95Rise: rise } : {}),
    };
  });
  const budget = options.latencyBudgetMs ?? newest?.run.latencyBudgetMs;
  return {
    store: options.store,
    target: options.target,
    ...writesField(series.writes),
    window: options.window,
    runs: window.map((run) => runPoint(run, changed.has(run), rebuilt.get(run))),
    cases,
    ...(budget !== undefined ? { latencyBudgetMs: budget } : {}),
    ...(options.flakyLimit !== undefined ? { flakyRate: { limit: options.flakyLimit, over: overFlakyLimit(cases, options.flakyLimit) } } : {}),
  };
}

/**
 * The cases the figures cover, each with the index in `all` (every judged run) of the newest judged run that has it.
 * A run (`current` given) covers its own cases only: its report and its --fail-on-flaky-rate gate
 * are about what it ran. The history command covers every case of the window's judged runs, the
 * newest run's first: a night run with another --operation is the newest run of the target, and
 * taken alone it hid every case the nights before it judged (their streaks, flips and p95). A case
 * absent from the newest run has its failing streak counted up to the last run that had it (an
 * absence neither breaks nor starts a streak).
 */
function shownCases(all: readonly HistoryRecord[], window: readonly HistoryRecord[], current: HistoryRecord | undefined): { id: string; upTo: number }[] {
  const newest = all.length - 1;
  if (current !== undefined) return (all[newest]?.cases ?? []).map(({ id }) => ({ id, upTo: newest }));
  const seen = new Map<string, number>();
  for (let i = window.length - 1; i >= 0; i -= 1) {
    const run = window[i]!;
    if (run.stopped !== undefined) continue;
    const at = all.indexOf(run);
    for (const { id } of run.cases) if (!seen.has(id)) seen.set(id, at);
  }
  return [...seen].map(([id, upTo]) => ({ id, upTo }));
}

/**
 * The cases whose verdict flipped in more than `limit` of the window's compared pairs, and at least
 * twice: a case that changed once (passing, then failing since; or failing, then fixed) has not
 * come back, and that one change is a regression or a fix, which the baseline and "failing since"
 * tell. Counted as flakiness, it put a steady new failure over a young store's limit for nights
 * (1 of 1, 1 of 2, 1 of 3 > 0.3), failing nights whose baseline called it known.
 */
export function overFlakyLimit(cases: readonly HistoryCase[], limit: number): FlakyAcrossRuns[] {
  return cases.filter((c) => c.flips >= FLAKY_MIN_FLIPS && c.flipRate > limit).map((c) => ({ id: c.id, flips: c.flips, compared: c.compared, rate: c.flipRate }));
}
