/**
 * One conformance run, end to end: load the contract and scenarios, settle the target (live,
 * recorded or replayed), run the Jest suite, then write every report (unless told not to).
 * Returns the report and the exit code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../config/run-config';
import { ExitCode, ConformanceError, UsageError } from '../model/errors';
import type { ConformanceReport } from '../model';
import { suiteVersion } from '../package-root';
import { renderConsole } from '../report/render-console';
import { formatShard, shardSlice } from '../shard/shard';
import { writeReports } from '../report/write-reports';
import { loadContract } from '../registry/load-contract';
import { checkRegistry } from '../registry/check-registry';
import { loadRegistry, referencedOperationIds } from '../registry/load-registry';
import { wellFormedUnknownKey } from '../transport/auth-headers';
import { assembleReport, exitCodeOf, type AssembleOptions } from './assemble-report';
import { collectResults } from './collect-results';
import { markNotRun } from './not-run';
import { checkPreconditions, ensureWritableDir, type Preconditions } from './preconditions';
import { finishRecording } from './finish-recording';
import { prepareLive } from './prepare-live';
import { prepareReplay } from './prepare-replay';
import { keyEnv, planEnv, type RunPlan } from './run-plan';
import { runJestSuite } from './run-jest';
import { appendRun, failsFlakyRate, openHistory, shardHistoryNote, withHistory } from '../history/run-history';

/** No new hostile id is tried after this long; a slow target ends the property early, with a warning. */
const negativeBudgetMs = 30_000;

export interface RunIo {
  out: (text: string) => void;
  /** false: the report is only returned (the library's default); nothing goes to config.reportsDir. */
  writeReports?: boolean;
  /** false: no progress line per case on stdout. */
  progress?: boolean;
}

/** What a run that reached its verdict hands back. */
export interface RunOutcome {
  report: ConformanceReport;
  exitCode: number;
  /** Paths of the report (and recording) files written. */
  written: string[];
}

export async function runConformance(config: RunConfig, io: RunIo): Promise<RunOutcome> {
  if (io.writeReports === false) return run(config, io, checkPreconditions(config));
  // First, so that every later failure can replace an earlier verdict with a NOT RUN summary.
  ensureWritableDir(config.reportsDir, '--reports');
  try {
    return await run(config, io, checkPreconditions(config));
  } catch (error) {
    // The reports folder must not keep an earlier run's verdict.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    await markNotRun(config.reportsDir, message, error instanceof ConformanceError ? error.exitCode : ExitCode.usage).catch(() => undefined);
    throw error;
  }
}

async function run(config: RunConfig, io: RunIo, preconditions: Preconditions): Promise<RunOutcome> {
  const startedAt = new Date().toISOString();
  // Read first: a corrupt or newer store ends the run before any request. A shard leaves the
  // store to the merge of its run, so the run is recorded once.
  const history = config.history !== undefined && config.shard === undefined ? openHistory(config.history) : undefined;
  if (config.history !== undefined && config.shard !== undefined) io.out(shardHistoryNote(config.history.file, formatShard(config.shard)));
  const registry = loadRegistry(config.operationsDir, config.fixturesDir);
  const unknown = config.operations?.find((id) => !registry.operations.some((o) => o.operationId === id));
  if (unknown !== undefined) throw new UsageError(`--operation ${unknown}: no such operation in ${config.operationsDir} (there are: ${registry.operations.map((o) => o.operationId).join(', ')})`);
  const { spec, operations: contracts, schemas } = loadContract(config.specPath, referencedOperationIds(registry));
  const operations = new Map(contracts.map((o) => [o.operationId, o] as const));
  // Every row is checked against the spec and the other data files before a single request.
  checkRegistry(registry, operations);
  const prepared = config.mode === 'replay' ? prepareReplay(config, registry, operations) : await prepareLive(config, registry, operations);
  // Contiguous slices: merging the shards' results in shard order gives the unsharded order back.
  const cases = config.shard === undefined ? prepared.cases : shardSlice(prepared.cases, config.shard);
  const assemble: AssembleOptions = {
    allowFlaky: config.allowFlaky,
    ...(config.latencyBudgetMs !== undefined ? { latencyBudgetMs: config.latencyBudgetMs } : {}),
    ...(config.baseline !== undefined ? { baseline: { ...config.baseline, ...(preconditions.baseline ? { report: preconditions.baseline } : {}) } } : {}),
  };
  const work = mkdtempSync(join(tmpdir(), 'zavu-conformance-'));
  try {
    const plan: RunPlan = {
      baseUrl: prepared.baseUrl,
      mode: config.mode,
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      operations: contracts,
      rules: registry.rules,
      schemas,
      cases,
      unknownKey: wellFormedUnknownKey(prepared.apiKey),
      resultsFile: join(work, 'results.jsonl'),
      ...(config.mode === 'record' ? { recordSink: join(work, 'recorded.jsonl') } : {}),
      ...(config.mode === 'replay' ? { recordings: config.recordingsDir } : {}),
      concurrency: config.concurrency,
      repeat: config.repeat,
      ...(config.ratePerSecond !== undefined ? { ratePerSecond: config.ratePerSecond } : {}),
      negative: { seed: config.seed, numRuns: config.fuzzRuns, timeBudgetMs: negativeBudgetMs, fixtures: prepared.fixtures, exampleFixtures: prepared.exampleFixtures },
    };
    writeFileSync(join(work, 'plan.json'), JSON.stringify(plan), { mode: 0o600 });
    // Over the whole plan, not this shard's slice: every shard of a run names the same operations and families.
    const certified = [...new Set(prepared.cases.map((c) => c.operationId))];
    io.out(`zavu-conformance ${suiteVersion()}: ${certified.join(', ')} against ${prepared.banner}${config.mode === 'live' ? '' : ` (${config.mode})`}\n`);
    if (cases.some((c) => c.scenario.fuzz !== undefined && c.skipReason === undefined)) {
      io.out(`negative inputs: seed ${config.seed}, ${config.fuzzRuns} generated ids after the fixed list (same inputs again: --seed ${config.seed})\n`);
    }
    process.env[planEnv] = join(work, 'plan.json');
    process.env[keyEnv] = prepared.apiKey ?? '';
    const outcome = await runJestSuite({ timeoutMs: config.timeoutMs, concurrency: config.concurrency, ...(io.progress === false ? { progress: false } : {}) }).finally(() => {
      delete process.env[planEnv];
      delete process.env[keyEnv];
    });
    if (outcome.loadError !== undefined) throw new ConformanceError(`the conformance suite could not run: ${outcome.loadError}`, ExitCode.usage);
    const results = collectResults(plan.resultsFile, cases, operations, 'the suite stopped before this case');
    const assembled: ConformanceReport = assembleReport(
      {
        target: prepared.targetLabel,
        mode: config.mode,
        suiteVersion: suiteVersion(),
        specTitle: spec.title,
        specVersion: spec.version,
        specSha256: spec.sha256,
        startedAt,
        finishedAt: new Date().toISOString(),
        node: process.version,
        ...(config.repeat > 1 ? { repeat: config.repeat } : {}),
        ...(config.shard !== undefined ? { shard: formatShard(config.shard) } : {}),
        ...(config.latencyBudgetMs !== undefined ? { latencyBudgetMs: config.latencyBudgetMs } : {}),
        ...(config.allowFlaky ? { allowFlaky: true } : {}),
        operations: certified.map((id) => ({ operationId: id, operation: operations.get(id)?.label ?? id })),
        families: registry.families.filter((f) => prepared.cases.some((c) => c.scenario.family === f.id)),
        ...(config.allowWrites ? { allowWrites: true } : {}),
      },
      results,
      assemble,
    );
    const recorded = history === undefined ? undefined : withHistory(assembled, history);
    const report = recorded?.report ?? assembled;
    const written = io.writeReports === false ? [] : await writeReports(config.reportsDir, report, { allowFlaky: config.allowFlaky });
    if (plan.recordSink !== undefined) {
      written.push(...(await finishRecording({ sink: plan.recordSink, dir: config.recordingsDir, cases, target: prepared.targetLabel, secrets: prepared.apiKey ? [prepared.apiKey] : [] })));
    }
    // After the verdict and the reports: a run that dies before this point is not in the store.
    const appended = history !== undefined && recorded !== undefined ? await appendRun(history, recorded.record) : undefined;
    io.out(renderConsole(report, { allowFlaky: config.allowFlaky }));
    if (written.length > 0) io.out(`reports: ${written.join(', ')}\n`);
    if (appended !== undefined) io.out(appended.line);
    const exitCode = appended?.failed === true ? ExitCode.usage : failsFlakyRate(report) ? ExitCode.violations : exitCodeOf(report, assemble);
    return { report, exitCode, written };
  } finally {
    rmSync(work, { recursive: true, force: true });
    await prepared.close();
  }
}
