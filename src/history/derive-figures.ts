/**
 * The derived figures over a window of runs: pure functions of the stored records and the current
 * run's record. What a person asks of a month of nightly runs: since when has this case failed,
 * does it flip between nights, is its p95 creeping up, and how did pass rate and p95 go per night.
 */
import type { FlakyAcrossRuns, HistoryCase, HistoryFigures, HistoryRun, ResultStatus } from '../model';
import { caseP95, type HistoryCaseRecord, type HistoryRecord } from './history-record';
import { runsOfTarget } from './history-window';

export interface DeriveOptions {
  store: string;
  target: string;
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

function runPoint(record: HistoryRecord): HistoryRun {
  const s = record.summary;
  const judged = s.total - s.skipped;
  return {
    startedAt: record.run.startedAt,
    passRate: judged > 0 ? s.passed / judged : null,
    passed: s.passed,
    judged,
    ...(record.latency !== undefined ? { p95: record.latency.p95 } : {}),
  };
}

/** k changes over n-1 compared pairs of the verdicts a case had (runs where it was skipped or absent are passed over). */
export function flipsOf(strip: readonly (ResultStatus | null)[]): { flips: number; compared: number } {
  const verdicts = strip.map(verdictOf).filter((v): v is 'pass' | 'fail' => v !== undefined);
  let flips = 0;
  for (let i = 1; i < verdicts.length; i += 1) if (verdicts[i] !== verdicts[i - 1]) flips += 1;
  return { flips, compared: Math.max(0, verdicts.length - 1) };
}

/**
 * The first run of the current failing streak of `id`, over every run of the target (newest last):
 * only when the newest run failed it; earlier skips and absences neither break nor start the streak.
 */
export function failingSince(runs: readonly HistoryRecord[], id: string): { startedAt: string; runs: number } | undefined {
  let first: HistoryRecord | undefined;
  let count = 0;
  for (let i = runs.length - 1; i >= 0; i -= 1) {
    const run = runs[i]!;
    const verdict = verdictOf(run.cases.find((c) => c.id === id)?.status);
    if (verdict === 'pass') break;
    // A skip or an absence neither breaks nor starts a streak.
    if (verdict === undefined) continue;
    first = run;
    count += 1;
  }
  // No streak unless the newest run failed it: a case skipped tonight after failing is not known to fail now.
  const newest = runs[runs.length - 1]?.cases.find((c) => c.id === id)?.status;
  return first !== undefined && verdictOf(newest) === 'fail' ? { startedAt: first.run.startedAt, runs: count } : undefined;
}

/**
 * The figures for `target` over the last `window` runs, `current` (this run) the newest; without
 * `current` (the history command) the newest stored run stands for it. The cases are those of the
 * newest run, in its order.
 */
export function deriveFigures(records: readonly HistoryRecord[], options: DeriveOptions, current?: HistoryRecord): HistoryFigures {
  const all = [...runsOfTarget(records, options.target), ...(current !== undefined ? [current] : [])];
  const window = all.slice(Math.max(0, all.length - options.window));
  const byId = window.map((run) => new Map<string, HistoryCaseRecord>(run.cases.map((c) => [c.id, c])));
  const newest = window[window.length - 1];
  const cases: HistoryCase[] = (newest?.cases ?? []).map(({ id }) => {
    const strip = byId.map((m) => m.get(id)?.status ?? null);
    const { flips, compared } = flipsOf(strip);
    const since = failingSince(all, id);
    return {
      id,
      strip,
      p95: byId.map((m) => {
        const entry = m.get(id);
        return entry === undefined ? null : caseP95(entry);
      }),
      ...(since !== undefined ? { failingSince: since } : {}),
      flips,
      compared,
      flipRate: compared === 0 ? 0 : flips / compared,
    };
  });
  const budget = options.latencyBudgetMs ?? newest?.run.latencyBudgetMs;
  return {
    store: options.store,
    target: options.target,
    window: options.window,
    runs: window.map(runPoint),
    cases,
    ...(budget !== undefined ? { latencyBudgetMs: budget } : {}),
    ...(options.flakyLimit !== undefined ? { flakyRate: { limit: options.flakyLimit, over: overFlakyLimit(cases, options.flakyLimit) } } : {}),
  };
}

/** The cases whose verdict flipped in more than `limit` of the window's compared pairs. */
export function overFlakyLimit(cases: readonly HistoryCase[], limit: number): FlakyAcrossRuns[] {
  return cases.filter((c) => c.compared > 0 && c.flipRate > limit).map((c) => ({ id: c.id, flips: c.flips, compared: c.compared, rate: c.flipRate }));
}
