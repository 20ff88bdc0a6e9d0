/** A conformance run from code: the CLI's run, with typed options, resolving to the report. */
import { resolveRunConfig } from '../config/run-config';
import type { ConformanceReport } from '../model';
import { runConformance as runOnce } from '../runner/run-conformance';
import { flagsOf, type ConformanceOptions } from './options';
import { senderEnv } from './sender-env';

/** What a run that reached its verdict resolves to. */
export interface ConformanceResult {
  /** The report, as `conformance.json` holds it (certificate included). */
  report: ConformanceReport;
  /** What the CLI would exit with: 0 conformant, 1 contract violations. */
  exitCode: number;
  /** The files written (only with `reports`, or recordings with `mode: 'record'`). */
  written: string[];
}

/**
 * Runs are queued, one at a time: a run hands its engine to the Jest suite through one slot of
 * this process (src/runner/suite-session.ts), which a second run at once would find taken.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the conformance suite, as `zavu-conformance run` does, and resolves to the report and the
 * exit code the CLI would have used. Report files are written only when `options.reports` names
 * a folder; nothing is printed unless `options.out` is given.
 *
 * Rejects with a `ConformanceError` (its `exitCode` is 2 for a bad option, data file or
 * recording, 3 for an unreachable target) when the run cannot reach a verdict; the message is the
 * CLI's one line.
 *
 * @example
 * const { exitCode, report } = await runConformance({ baseUrl, apiKey, senders });
 */
export function runConformance(options: ConformanceOptions = {}): Promise<ConformanceResult> {
  const run = queue.then(() => runNow(options));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(options: ConformanceOptions): Promise<ConformanceResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = { ...(options.env ?? process.env) };
  let config = resolveRunConfig(flagsOf(options), { values: env }, cwd);
  if (options.senders !== undefined) {
    config = { ...config, env: { ...config.env, ...senderEnv(options.senders, config.operationsDir, config.fixturesDir) } };
  }
  const { report, exitCode, written } = await runOnce(config, { out: options.out ?? (() => undefined), writeReports: options.reports !== undefined, progress: false });
  return { report, exitCode, written };
}
