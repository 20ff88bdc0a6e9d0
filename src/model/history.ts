/**
 * The figures a run derives from its history store (--history): what conformance.json carries
 * under `history`, and what the HTML, summary.md and the console render. Never the whole store:
 * only the window of runs of this run's target, the current run as the newest point.
 */
import type { ResultStatus } from './result';

/**
 * One run of the window, oldest first; the last one is the current run. The nights the run stopped
 * on (notRun) stand between the judged runs, as gaps: the window counts judged runs only.
 */
export interface HistoryRun {
  startedAt: string;
  /**
   * passed / (passed + failed + flaky); null when no case was judged (all skipped, or none could
   * be judged: a night the target rate-limited throughout is no verdict, not a 0 % night).
   */
  passRate: number | null;
  passed: number;
  /** Cases with a verdict: every case but the skipped ones and those that could not be judged (error). */
  judged: number;
  /** The run's p95 latency in ms, when it measured any. */
  p95?: number;
  /**
   * A night the run stopped before judging (target unreachable, key refused, a silent target, an
   * interruption: a signal to the CLI, a run from code aborted):
   * a gap in the trends, with why and the exit code; passRate is null and nothing was judged.
   */
  notRun?: NotRun;
  /**
   * A judged night whose contract (spec sha256, suite version or case data's sha256: the suite's
   * version stays while a case gains a step under its old id) is not the judged run's before it
   * (before the window too): the views mark it "(new contract)", as the verdict changes across it
   * are the contract's, not counted as the target's (flipsOf). A record without the case data's
   * sha256 (from before it) takes the judged run's before it under the same spec and suite
   * (derive-figures.ts judgedContracts), else compares as unknown there: equal. Absent otherwise,
   * and on a night not run.
   */
  newContract?: true;
  /**
   * A judged night under the same contract as the judged run before it (before the window too) but
   * judged by another build of the suite (the record's run.suiteBuild; both runs naming one): this
   * night's build. The views mark it "(new build …)", as a verdict that changed that night may be a
   * check the suite changed; it is no new contract (a build changes with every commit), so the
   * verdict changes across it are compared. Absent otherwise: a new contract, a build unknown on
   * either side (records from before it, a dist built without it), a night not run.
   */
  newBuild?: string;
  /**
   * The night's warnings (its report's runWarnings: unasked bytes on an idle kept-alive connection)
   * and notes (runInfo.notes: what it said before its first case that bears on its verdict), as its
   * record keeps them (history/night-remarks.ts: bounded, one line each); absent when it had none,
   * and for nights recorded before records kept them.
   */
  warnings?: string[];
  notes?: string[];
}

/** Why a night was not judged: one line without the key, and the code the run exited with. */
export interface NotRun {
  reason: string;
  exitCode: number;
  /**
   * A night that started and did not finish (killed outright: SIGKILL, the OOM killer, a machine
   * gone), recorded by the run that took over its lock (history/unfinished-night.ts): it has no
   * exit code of its own (`exitCode` is 137 for suites that predate this field), and the views say
   * "did not finish". Absent otherwise, and in records from before it.
   */
  unfinished?: true;
}

/**
 * Measured nights a case needs before its p95 is called risen over the window: the median of its
 * first 3 against the median of its last 3, so at either end one noisy night (a GC stall, a cold
 * connection) is outvoted by the two others. With fewer, the two ends were medians of 1 or 2 (the
 * mean of two is no vote), and one stall among 2 or 3 nights read "p95 up 9308 % over the window".
 */
export const P95_RISE_NIGHTS = 6;

/**
 * Verdict changes a case needs to be over --fail-on-flaky-rate: one is a regression or a fix (the
 * baseline and "failing since" tell it), two a verdict that came back. So the rule needs a window
 * of one run more than that (run-config.ts refuses a smaller one: a gate that could never fail).
 */
export const FLAKY_MIN_FLIPS = 2;

/** One case of the current run, over the window. */
export interface HistoryCase {
  id: string;
  /** One entry per run of the window (same order as `runs`); null when the case was not in that run. */
  strip: (ResultStatus | null)[];
  /** The case's p95 (ms) per run of the window; null when not measured in that run. */
  p95: (number | null)[];
  /**
   * The first run of the current failing streak (failed, error or flaky in every run since, skips
   * and absences in between ignored), looked for over the whole store of this target, and how many
   * failing runs it counts; absent unless the newest run failed the case. `atLeast` when no pass
   * before it is held: the streak reaches the store's oldest run of the case, and may have begun
   * before it (runs a prune removed, or before the store began), so the date is a bound, not a start.
   */
  failingSince?: { startedAt: string; runs: number; atLeast?: true };
  /** Runs of the window whose verdict (passed vs not passed) differed from the case's previous verdict. */
  flips: number;
  /** Consecutive pairs of verdicts compared in the window (runs with a verdict, minus one). */
  compared: number;
  /** flips / compared, 0 when nothing was compared. */
  flipRate: number;
  /**
   * Present when the case's p95 rose across the window by the baseline's rule (more than 50 % and
   * at least 20 ms): the median of its first 3 measured runs against the median of its last 3,
   * called only from P95_RISE_NIGHTS measured runs. A creep of a few percent a night never trips a
   * night-over-night baseline.
   */
  p95Rise?: { from: number; to: number };
}

/** A case over --fail-on-flaky-rate: it fails the run. */
export interface FlakyAcrossRuns {
  id: string;
  flips: number;
  compared: number;
  rate: number;
}

export interface HistoryFigures {
  /** The store file, as given. */
  store: string;
  target: string;
  /**
   * Present when the figures are of the target's write runs (runInfo.allowWrites): a target's read-only
   * and write runs are two series (history-window.ts Series), each compared with its own kind only.
   */
  allowWrites?: true;
  /** --history-window: at most this many runs (the current one included). */
  window: number;
  runs: HistoryRun[];
  cases: HistoryCase[];
  /** p95 budget in ms of the current run, drawn on the trends. */
  latencyBudgetMs?: number;
  /** --fail-on-flaky-rate, and the cases over it (empty when none). */
  flakyRate?: { limit: number; over: FlakyAcrossRuns[] };
}
