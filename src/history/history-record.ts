/**
 * One line of the history store: a finished run of one target. Kept small (no messages, curls or
 * bodies: those are in that night's reports) so a year of nightly runs stays a few megabytes.
 */
import type { ConformanceReport, LatencyStats, NotRun, ResultStatus, RunMode } from '../model';
import { storedCoverage } from '../coverage';
import { isAggregateResult } from '../model/aggregate-result';
import { writesField } from '../model/result';
import { caseLatency, caseLeftOut } from '../repeat/latency';
import { notesOf, remarksOf } from './night-remarks';

/**
 * The store's format version, written into every record as `v`. Additive fields do not bump it
 * (readers ignore fields they do not know); a change readers cannot follow does, and a suite then
 * refuses records with a newer `v` than it knows, naming the file, line and version.
 */
export const HISTORY_FORMAT_VERSION = 1;

/** A run given no --operation: every operation of its contract was asked for. */
export const ALL_OPERATIONS = 'all';

/** What a run was asked to judge: every operation, or the operationIds --operation named. */
export type OperationFilter = typeof ALL_OPERATIONS | string[];

/**
 * The filter a record keeps of `operations` (the run's --operation, undefined without one), of a
 * contract whose operations are `every`: each named once, sorted; ALL_OPERATIONS when none was
 * named, or every one was. A list means narrower than the run's contract (history-window.ts reads it
 * so): kept as named, a CI naming each of its operations had every night of the old contract read
 * as a check once an upgrade added one, and dropped from the window, where a night given none
 * counted.
 */
export function operationFilterOf(operations: readonly string[] | undefined, every: readonly string[]): OperationFilter {
  const asked = new Set(operations);
  return asked.size === 0 || every.every((id) => asked.has(id)) ? ALL_OPERATIONS : [...asked].sort();
}

/** What a record says of its run. */
export interface HistoryRunInfo {
  target: string;
  mode: RunMode;
  specSha256: string;
  suiteVersion: string;
  /**
   * The run's runInfo.casesSha256 (the case data it was judged with); absent in records from before
   * it, which take the one of the judged run before them under the same spec and suite, else
   * compare as unknown: equal to any (derive-figures.ts judgedContracts, sameContract).
   */
  casesSha256?: string;
  /**
   * The run's runInfo.suiteBuild (the build of the suite that judged it: one version is many
   * builds); absent in records from before it or of a dist built without it. Recorded, not compared:
   * a build changes with every commit, and no night is a new contract for it (derive-figures.ts).
   */
  suiteBuild?: string;
  startedAt: string;
  finishedAt: string;
  /**
   * Present on a write run (runInfo.allowWrites: --allow-writes, the embedded server's with it or
   * without, a replay of a write run's recordings): it judges the write cases a read-only run skips,
   * against other requests, so the two are two series of a target, each run's window of its own
   * kind (history-window.ts seriesOf). Absent on a read-only run, and in records from before it:
   * they read as read-only, save the embedded server's (model/result.ts ranWrites).
   */
  allowWrites?: true;
  /**
   * The --operation filter the run was given: the operationIds asked for, or ALL_OPERATIONS when
   * none was. Absent in records from before it and in a merged run's (a shard's report does not
   * say it): their scope is inferred from the operations their cases cover (history-window.ts
   * inScopeOf), which cannot tell a contract that saw only one-operation checks from one of that
   * operation alone.
   */
  operationFilter?: OperationFilter;
  /** The number of shards a merged run was made of (`zavu-conformance merge`); absent for an unsharded run. */
  shards?: number;
  latencyBudgetMs?: number;
}

/** One case of a recorded run. */
export interface HistoryCaseRecord {
  id: string;
  status: ResultStatus;
  /** Ids of the checks with error violations, sorted, each once. */
  checks: string[];
  durationMs: number;
  /** With --repeat: percentiles over the case's attempts. */
  latency?: LatencyStats;
  /**
   * How many of its exchanges were left out of latency (a 5xx, no answer); absent when none was,
   * and in records from before. Without `latency`, every one was: the night has no p95 for the
   * case, its `durationMs` (a quick 502's) none either.
   */
  leftOut?: number;
}

export interface HistoryRecord {
  v: number;
  run: HistoryRunInfo;
  summary: { passed: number; failed: number; skipped: number; errors: number; flaky: number; total: number };
  /** The run's latency over every exchange, when measured. */
  latency?: LatencyStats;
  cases: readonly HistoryCaseRecord[];
  /**
   * What this run's answers covered (storedCoverage: the seen part of the report's `coverage`,
   * this run's alone, never the window's): unknown once read back, since a store is a file; the
   * coverage accumulation checks each value.
   */
  coverage?: unknown;
  /**
   * Present on a night the run stopped before judging (target unreachable, key refused, a silent
   * target, a signal to the CLI, a run from code aborted): why, in one bounded line without the key, and the exit code. Such a record judged
   * nothing: its summary counts are 0 and it has no cases, latency or coverage, so a suite that
   * predates the field reads it as a night with nothing judged, never as a pass or a fail.
   */
  stopped?: NotRun;
  /**
   * The night's warnings and notes (night-remarks.ts: its report's runWarnings and runInfo.notes,
   * bounded, one line each), so a night that saw a misbehaving keep-alive, or ran under a note,
   * reads so in the history; absent when it had none, and in records from before them.
   */
  warnings?: string[];
  notes?: string[];
}

/** The longest reason a stopped record keeps: a line for a terminal, not an error's full text. */
export const STOP_REASON_CHARS = 300;

/** True for a night the run stopped before judging: the window's figures pass over it. */
export function isStopped(record: HistoryRecord): boolean {
  return record.stopped !== undefined;
}

/**
 * The record of a run that stopped before its verdict. `reason` must already be free of the run's
 * keys (the runner scrubs it, it alone knows them); here it is cut to one line of
 * STOP_REASON_CHARS, so a target's words quoted in it stay a line. `notes`: those the run had said
 * before it stopped (none when it stopped before saying them, as a target unreachable at start-up),
 * free of the keys too, kept as a judged night keeps its report's: a night stopped under a note
 * (a base URL repeating the paths) reads so in the history, as it would have judged.
 */
export function stoppedRecordOf(run: Omit<HistoryRunInfo, 'shards' | 'latencyBudgetMs' | 'operationFilter'>, reason: string, exitCode: number, notes: readonly string[] = []): HistoryRecord {
  const line = reason.split(/\r?\n/)[0] ?? '';
  const kept = line.length <= STOP_REASON_CHARS ? line : `${line.slice(0, STOP_REASON_CHARS - 1)}…`;
  return {
    v: HISTORY_FORMAT_VERSION,
    run: { target: run.target, mode: run.mode, specSha256: run.specSha256, suiteVersion: run.suiteVersion, ...(run.suiteBuild !== undefined ? { suiteBuild: run.suiteBuild } : {}), ...(run.casesSha256 !== undefined ? { casesSha256: run.casesSha256 } : {}), ...writesField(run.allowWrites), startedAt: run.startedAt, finishedAt: run.finishedAt },
    summary: { passed: 0, failed: 0, skipped: 0, errors: 0, flaky: 0, total: 0 },
    cases: [],
    stopped: { reason: kept, exitCode },
    ...notesOf(notes),
  };
}

/** What the caller knows of the run beyond its report: the shards a merge was made of, the --operation filter a run was given. */
export interface RunScope {
  shards?: number;
  operationFilter?: OperationFilter;
}

/**
 * The record a finished report makes; `scope.shards` for a merged run; `scope.operationFilter`,
 * the filter the run was given (operationFilterOf), when the caller knows it.
 */
export function recordOf(report: ConformanceReport, { shards, operationFilter }: RunScope = {}): HistoryRecord {
  const info = report.runInfo;
  const { passed, failed, skipped, errors, flaky, total } = report.summary;
  const coverage = report.coverage === undefined ? undefined : storedCoverage(report.coverage);
  return {
    v: HISTORY_FORMAT_VERSION,
    run: {
      target: info.target,
      mode: info.mode,
      specSha256: info.specSha256,
      suiteVersion: info.suiteVersion,
      ...(info.suiteBuild !== undefined ? { suiteBuild: info.suiteBuild } : {}),
      ...(info.casesSha256 !== undefined ? { casesSha256: info.casesSha256 } : {}),
      ...writesField(info.allowWrites),
      startedAt: info.startedAt,
      finishedAt: info.finishedAt,
      ...(operationFilter !== undefined ? { operationFilter } : {}),
      ...(shards !== undefined ? { shards } : {}),
      ...(info.latencyBudgetMs !== undefined ? { latencyBudgetMs: info.latencyBudgetMs } : {}),
    },
    summary: { passed, failed, skipped, errors, flaky, total },
    ...(report.latency !== undefined ? { latency: report.latency } : {}),
    cases: report.results.map((r) => ({
      id: r.id,
      status: r.status,
      checks: [...new Set(r.violations.filter((v) => v.severity === 'error').map((v) => v.check))].sort(),
      // An aggregate (the negative-input property) has a duration, not a latency: none is kept.
      durationMs: isAggregateResult(r) ? 0 : r.durationMs,
      ...latencyOf(r),
    })),
    ...(coverage !== undefined ? { coverage } : {}),
    ...remarksOf(report),
  };
}

/**
 * The latency a record keeps of a case: its percentiles with --repeat; for a sequence without it,
 * those of its steps' exchanges (its duration is their sum, not an exchange's latency).
 */
function latencyOf(r: ConformanceReport['results'][number]): { latency?: LatencyStats; leftOut?: number } {
  const leftOut = caseLeftOut(r)?.exchanges;
  // With some exchanges left out, the one duration is not the case's latency either: its figures are kept.
  const latency = r.latency ?? (r.steps !== undefined || leftOut !== undefined ? caseLatency(r) : undefined);
  return { ...(latency !== undefined ? { latency } : {}), ...(leftOut !== undefined ? { leftOut } : {}) };
}

/**
 * The case's p95 in a record: its percentiles with --repeat, else its one duration; null when
 * none, and when every exchange was left out (a night of quick 502s is no fast night).
 */
export function caseP95(record: HistoryCaseRecord): number | null {
  if (record.latency !== undefined) return record.latency.p95;
  if (record.leftOut !== undefined && record.leftOut > 0) return null;
  return record.durationMs > 0 ? record.durationMs : null;
}
