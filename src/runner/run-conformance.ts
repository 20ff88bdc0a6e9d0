/**
 * One conformance run, end to end: load the contract and scenarios, settle the target (live,
 * recorded or replayed), run the Jest suite, then write every report (unless told not to).
 * Returns the report and the exit code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { misspeltSetting, suiteSettingNames } from '../config/layered-env';
import { displayTarget, runSecrets, type RunConfig } from '../config/run-config';
import { serverPathNote } from './server-path-note';
import { liveWrites } from './live-writes';
import { AbortError, DataError, ExitCode, ConformanceError, moreDataLines, OtherKeyRefusedError, RecordingError, SpecError, UnreachableError, UsageError, type VerdictExitCode } from '../model/errors';
import { keyShapedWords, OTHER_PROJECT_KEY_ENV } from '../model/http';
import type { ConformanceReport, PlannedCase, RunWarning } from '../model';
import { EMBEDDED_TARGET, writesField } from '../model/result';
import { suiteIdentity, suiteVersion } from '../package-root';
import { didYouMean, excerpt, firstLineOf } from '../text/plain-text';
import { renderConsole } from '../report/render-console';
import { keptRunNotes } from '../report/run-notes';
import { withoutDataNote } from '../report/regression-text';
import { formatShard, planFingerprint, shardCases } from '../shard/shard';
import type { ShardNight } from '../shard/shard-night';
import { operationsWithoutData } from '../registry/load-contract';
import { contractOf, throwDataProblems } from '../registry/checked-contract';
import { checkRegistry } from '../registry/check-registry';
import { loadFixtures, readRegistry, type Registry } from '../registry/load-registry';
import { casesDigest } from '../registry/cases-digest';
import { wellFormedUnknownKey } from '../transport/auth-headers';
import { assembleReport, exitCodeOf, type AssembleOptions } from './assemble-report';
import { errorKeyShapedWords, scrubError, scrubUserNamed, textScrubber, valueScrubber } from './scrub-result';
import { FILE_REFUSED_VERDICT, markNotRun, NO_VERDICT, RECORDING_REFUSED_VERDICT } from './not-run';
import { fileSystemProblem, removeMadeDirs } from '../files/make-dirs';
import { handBackFolder, holdFolder, parseHolder } from '../files/lock-file';
import { foundReportStart, lockHolderId, unfinishedRecordingNote, unfinishedRunNote } from './unfinished-run-note';
import { checkPreconditions, ensureWritableReportsDir, keySourceOf, reportsDirObstacle, type Preconditions } from './preconditions';
import { prepareLive } from './prepare-live';
import type { RunContract } from './finish-recording';
import type { RunPlan } from './run-plan';
import type { PreparedRun } from './prepared-run';
import type { OpenedHistory } from '../history/run-history';
import type { HistoryRecord } from '../history/history-record';
import { runJestSuite } from './run-jest';
import { createSuiteEngine, type HostEngine } from './suite-engine';
import { withActiveEngine } from './suite-session';
import { coverageContract, type CoverageSubject } from '../coverage';
import type { OperationContract } from '../model';
import { realIsoNow } from '../text/real-clock';

function coverageSubject(operation: OperationContract | undefined, id: string): CoverageSubject {
  // The registry checked every case's operation against the spec: it is there.
  if (operation?.coverage === undefined) throw new Error(`operation ${id} is not in the contract`);
  return { operationId: id, operation: operation.label, contract: operation.coverage };
}

/** The progress line of the read sent at the run's end to confirm its target still answers (HostEngine.confirmEnd): `read` has the keys taken out. */
function confirmingLine(read: string, timeoutMs: number): string {
  return `confirming the target still answers: ${read} sent again, as the run ended on a row of requests unanswered (waiting up to --timeout, ${timeoutMs} ms)\n`;
}

/** No new hostile id is tried after this long; a slow target ends the property early, with a warning. */
const negativeBudgetMs = 30_000;

export interface RunIo {
  out: (text: string) => void;
  /** false: the report is only returned (the library's default); nothing goes to config.reportsDir. */
  writeReports?: boolean;
  /** false: no progress line per case on stdout. */
  progress?: boolean;
  /**
   * Called once the reports hold this run's verdict, before the recording and the history store
   * are written: from then on an interruption must not replace that verdict with NOT RUN.
   */
  verdictWritten?: () => void;
  /**
   * Called once a record run's recording is in its folder, whole (all its files, or none of them
   * before: finish-recording.ts): an interruption after it can say the recording is this run's.
   */
  recordingWritten?: () => void;
  /**
   * The caller's (a run from code): aborted, nothing more is sent (the engine's transports close,
   * cutting requests in flight) and the run ends with an AbortError before its verdict.
   */
  signal?: AbortSignal;
  /**
   * Told once the run is a night of its target (its settings and contract checked, its target
   * about to be tried), with the function that records the night in the history store as not run
   * should an interruption stop it before its verdict: the CLI calls it from its signal's handler.
   * `notes`: what holding the reports folder found (a killed run's lock taken over, scrubbed), which
   * the interruption's NOT RUN says as a stop's does.
   */
  onNight?: (record: RecordInterruption, shardNight?: ShardNightOf, notes?: readonly string[]) => void;
}

/**
 * A shard's night as its NOT RUN summary carries it for the merge (see shard-night.ts), given the
 * exit code it stopped with: handed to onNight only by a shard, whose interruption's summary writes it.
 */
export type ShardNightOf = (exitCode: number) => ShardNight;

/** What finishing a recording threw, once every case was judged: its NOT RUN verdict says so (RECORDING_REFUSED_VERDICT). */
const refusedRecordings = new WeakSet<object>();

/** The stop of a shard's night, once run() has thrown it: runConformance writes the night into the NOT RUN summary. */
interface NightStop {
  error?: unknown;
  night?: ShardNight;
}

/**
 * Records the night in the history store as not run, at once: synchronous, so a signal's handler
 * finishes it before the process exits and nothing of the interrupted run goes on meanwhile; the
 * store's lock waited for a moment at most. `reason`: what stopped it, one line (scrubbed of every
 * key here too); `exitCode`: the run's. Returns the line to print (recorded, or not and why), or
 * undefined when there is nothing to record: no --history, a shard (the merge records a sharded
 * run), or the night already recorded (a stop, or the verdict's own record).
 */
export type RecordInterruption = (reason: string, exitCode: number) => string | undefined;

/** What a run that reached its verdict hands back. */
export interface RunOutcome {
  report: ConformanceReport;
  /** The verdict's, or 2 when the history store refused the run's record (its verdict stands in the reports). */
  exitCode: VerdictExitCode | typeof ExitCode.usage;
  /** Paths of the report (and recording) files written. */
  written: string[];
}

/**
 * The run's assemble options, with the target's loss mid-run when it was lost and the run's
 * warnings when it had some (each said once by the reports).
 */
function withLossAndWarnings(options: AssembleOptions, lost: { why: string; at?: string } | undefined, runWarnings: readonly RunWarning[] = []): AssembleOptions {
  return { ...options, ...(lost === undefined ? {} : { targetLost: lost }), ...(runWarnings.length === 0 ? {} : { runWarnings }) };
}

/**
 * An error that stops a run may quote a setting or a file, and the key can be in either
 * (ZAVU_OPERATION=<key> in .env names an operation that does not exist): it never reaches the line
 * printed or summary.md, nor does any word shaped like a key.
 */
function withoutKey(error: unknown, keys: readonly string[]): unknown {
  // A word shaped like a key is one too (`--operation zv_test_…` with the key set nowhere).
  return scrubError(error, error instanceof Error ? [...keys, ...errorKeyShapedWords(error)] : keys);
}

export async function runConformance(config: RunConfig, io: RunIo): Promise<RunOutcome> {
  if (io.writeReports === false) {
    try {
      return await runPrepared(config, io);
    } catch (error) {
      throw withoutKey(error, runSecrets(config));
    }
  }
  // First, so that every later failure can replace an earlier verdict with a NOT RUN summary.
  const reportsLabel = config.labels?.reports ?? '--reports';
  const nightStop: NightStop = {};
  ensureWritableReportsDir(config.reportsDir, reportsLabel);
  let release: (() => void) | undefined;
  const folder: FolderFound = { notes: [], said: false, holders: [] };
  try {
    // One run at a time in a folder; a run refused here leaves the other's reports alone (markNotRun checks the lock).
    // A killed run's lock taken over is said among the run's notes, with whose the reports found are
    // (read now, before this run writes one).
    // The lock names this night's kind (nightKeyOf), so a run that takes it over after this one is
    // killed records the night in the store as did not finish (see run()).
    const night = nightKeyOf(config);
    const held = await holdFolder(
      config.reportsDir,
      reportsLabel,
      (staleText, staleMtimeMs) => {
        folder.notes.push(valueScrubber(runSecrets(config))(unfinishedRunNote(staleText, foundReportStart(config.reportsDir))) as string);
        const holder = lockHolderId(staleText);
        if (holder !== undefined) folder.holders.push(holder);
        if (night !== undefined) folder.takenOver = { ...deadNightOf(config, staleText, night), lock: staleText, mtimeMs: staleMtimeMs };
      },
      // With the suite that runs the night: if this run dies, its record says which version and build did.
      night === undefined ? undefined : { night, ...suiteIdentity() },
    );
    release = held;
    folder.held = held.held;
    // A folder in a report file's place: said now, before a request, not after the whole run.
    reportsDirObstacle(config.reportsDir, reportsLabel);
    return await runPrepared(config, io, nightStop, folder);
  } catch (caught) {
    const error = withoutKey(caught, runSecrets(config));
    // A run stopped before its notes (the target unreachable): what holding the folder found is said all the same.
    if (!folder.said) for (const note of folder.notes) io.out(`note: ${note}\n`);
    // The reports folder must not keep an earlier run's verdict; a shard whose night stopped says which night, for its merge.
    const night = nightStop.error !== undefined && nightStop.error === caught ? nightStop.night : undefined;
    try {
      // A file the disk refused (full, made read-only) is said as the console says it, naming the file; and
      // not as "no case was judged": the cases may all have been, only their reports could not be written.
      const refused = fileSystemProblem(error);
      // Nor when the recording was refused at the end: every case was judged by then.
      const verdict = refused !== undefined ? FILE_REFUSED_VERDICT : refusedRecordings.has(caught as object) ? RECORDING_REFUSED_VERDICT : NO_VERDICT;
      markNotRun(config.reportsDir, refused ?? firstLineOf(error), error instanceof ConformanceError ? error.exitCode : ExitCode.usage, config.baseline === undefined ? [] : [config.baseline.file], night, verdict, folder.notes, error instanceof DataError ? moreDataLines(error) : []);
    } catch {
      // The folder cannot be written, or is another run's: the error itself is what the user sees.
    }
    throw error;
  } finally {
    release?.();
  }
}

/**
 * A run that stops before its recordings are written leaves no empty folder made for them. A
 * record run holds its recordings folder as a run holds its reports folder: two record runs into
 * one folder would each replace operation files whole, and leave one run's recording of an
 * operation beside the other's of the next, a set no single run made (refused before a request).
 */
async function runPrepared(config: RunConfig, io: RunIo, nightStop: NightStop = {}, folder: FolderFound = { notes: [], said: false, holders: [] }): Promise<RunOutcome> {
  const preconditions = checkPreconditions(config);
  let release: (() => void) | undefined;
  // A signal ends the process from the command's handler, past the catch below: the folders made
  // for the recording go on exit too (after the lock's release, which is on exit from before), so
  // a record run stopped mid-way leaves the folder as it found it, as its line says
  // (stop-on-interruption.ts). Empty ones only: once the recording is written, they stay.
  const removeMade = (): void => removeMadeDirs(preconditions.made);
  try {
    // The reports folder's lock already covers a recordings folder that is the same folder.
    if (config.mode === 'record' && !(io.writeReports !== false && resolve(config.recordingsDir) === resolve(config.reportsDir))) {
      const label = config.labels?.recordings ?? '--recordings';
      // A dead record run's lock here is said as its reports folder's is, once: not again when its reports lock was taken over too.
      // Two locks naming no holder are not known to be one run's: each is said.
      release = await holdFolder(config.recordingsDir, label, (staleText) => {
        const holder = lockHolderId(staleText);
        if (holder === undefined || !folder.holders.includes(holder)) folder.notes.push(valueScrubber(runSecrets(config))(unfinishedRecordingNote(staleText, `${label} ${config.recordingsDir}`)) as string);
      });
    }
    if (preconditions.made.length > 0) process.once('exit', removeMade);
    return await run(config, io, preconditions, nightStop, folder);
  } catch (error) {
    // Released before the folders made for this run are taken back: its lock file would keep one from being empty.
    release?.();
    removeMadeDirs(preconditions.made);
    throw error;
  } finally {
    process.off('exit', removeMade);
    // A second call is a no-op (the lock is ours no more).
    release?.();
  }
}

/** The ids of the whole plan's cases a shard leaves to the others: a baseline's cases among them are out of its scope, not missing. */
function otherShards(plan: readonly PlannedCase[], slice: readonly PlannedCase[]): Set<string> {
  const mine = new Set(slice.map((c) => c.id));
  return new Set(plan.map((c) => c.id).filter((id) => !mine.has(id)));
}

/** Every variable a run reads: its options', the process-wide ones and the fixtures' roles and consents. */
function settingNames(declared: Registry['roles']): string[] {
  const roles = [...declared.values()].flatMap(({ role }) => [role.env, role.writableWhen]);
  return [...new Set([...suiteSettingNames(), ...roles.filter((name): name is string => name !== undefined)])];
}

/**
 * A variable one or two edits from a setting the run reads (ZAVU_REPORT_DIR), as an error, or
 * undefined. A usage error, so it is found with the other settings, before the reports folder is
 * touched: the run command and the library call it as they read their settings, so it writes
 * nothing (no NOT RUN for a run that never began; the folder the user meant may be another one).
 * Fixture variables are known only from the fixtures: when they cannot be read, this says nothing,
 * and the run's own reading of them stops it (a bad data file is a NOT RUN, as before).
 */
export function misspeltRunSetting(config: RunConfig): UsageError | undefined {
  // The fixture files alone (their roles name the variables): the scenarios are the run's to read.
  let roles: Registry['roles'];
  try {
    roles = loadFixtures(config.fixturesDir, config.labels?.fixtures ?? '--fixtures').roles;
  } catch {
    return undefined;
  }
  return misspeltSetting(config.env, settingNames(roles), config.envFromDotenv);
}

/**
 * What holding the reports folder found (a killed run's lock): its notes (scrubbed), said first among
 * the run's (or before the line recording the dead run's night, when there is one), and whether they
 * have been (a run stopped before its notes says them as it stops).
 */
interface FolderFound {
  notes: string[];
  said: boolean;
  /** Who held each dead lock taken over that names its holder (lockHolderId): one dead run's two locks make one note. */
  holders: string[];
  /**
   * The dead run's lock this run took over, and this night's key (nightKeyOf: a live or record run
   * with --history, no --shard): its night is recorded before this run's. `mtimeMs`: when the lock
   * was last written, kept should this run hand it back (a signal before the night is recorded).
   */
  takenOver?: { lock: string; night: string; writes: boolean; mtimeMs: number | undefined };
  /** The text of the reports folder's lock this run holds (FolderRelease's): only that one is handed back. */
  held?: string;
}

/** The target as a night's record names it before there is a report (the embedded server, or the base URL shown). */
function nightTarget(config: RunConfig): string {
  return config.baseUrl === undefined ? EMBEDDED_TARGET : displayTarget(config.baseUrl);
}

/**
 * What a run writes into its reports folder's lock to name its night (unfinished-night.ts nightKey),
 * or undefined: only with --history and no --shard, and not for a replay, whose target ("replay of
 * … from …") is read from its recordings after the lock is taken: under nightTarget's (the embedded
 * server's) its killed night would be recorded as a target it never had. Hashed from the target
 * and the store as shown, keys scrubbed (the target as the record names it): a short key inside the
 * URL, hashed with words anyone can guess, is found again by trying keys against the lock.
 */
function nightKeyOf(config: RunConfig, writes = liveWrites(config)): string | undefined {
  if (config.history === undefined || config.shard !== undefined || config.mode === 'replay') return undefined;
  const hide = textScrubber(runSecrets(config));
  return historyModule().nightKey(hide(nightTarget(config)), config.mode, hide(resolve(config.history.file)), writes);
}

/**
 * The dead run's night a taken-over lock names: this run's own kind (`night`), or the target's
 * other series (a weekly write run killed, the nightly read-only gate taking its folder next, or
 * the reverse). The key names the kind, so a night looked for under this run's own key alone would
 * never be recorded when the next run in its folder is of the other kind.
 */
function deadNightOf(config: RunConfig, staleText: string, night: string): { night: string; writes: boolean } {
  const writes = liveWrites(config);
  const other = nightKeyOf(config, !writes);
  return other !== undefined && parseHolder(staleText)?.night === other ? { night: other, writes: !writes } : { night, writes };
}

async function run(config: RunConfig, io: RunIo, preconditions: Preconditions, nightStop: NightStop, folder: FolderFound): Promise<RunOutcome> {
  const startedAt = realIsoNow();
  // Read first: a corrupt or newer store ends the run before any request. A shard leaves the
  // store to the merge of its run, so the run is recorded once.
  const history = config.history !== undefined && config.shard === undefined ? historyModule().openHistory(config.history) : undefined;
  if (config.history !== undefined && config.shard !== undefined) io.out(historyModule().shardHistoryNote(config.history.file, formatShard(config.shard)));
  // A run killed outright whose lock this run took over: its night goes in the store first, as did not finish.
  if (history !== undefined && folder.takenOver !== undefined) {
    const hideText = textScrubber(runSecrets(config));
    const hide = valueScrubber(hideText);
    const target = hideText(nightTarget(config));
    const taken = folder.takenOver;
    // Of the dead run's kind, as its lock named it (deadNightOf): its gap goes in its own series.
    const dead = { target, mode: config.mode, ...writesField(taken.writes) };
    // A signal while this append waits for the store's lock (another run's append, a hung one):
    // the handler records the night itself, at once, or, the lock still not free, hands the dead
    // run's lock back to the reports folder, so the next run takes it over and records the night.
    // This run is no night yet: nothing of its own to record.
    let waiting = true;
    io.onNight?.(
      () => {
        if (!waiting) return undefined;
        waiting = false;
        const now = historyModule().appendUnfinishedNow(history.settings, taken.lock, taken.night, dead, startedAt);
        if (now === undefined || !now.failed) return now === undefined ? undefined : (hide(now.line) as string);
        const handedBack = folder.held !== undefined && handBackFolder(config.reportsDir, folder.held, taken.lock, taken.mtimeMs);
        return hide(`${now.line}${handedBack ? `history: the dead run's lock is back in ${config.reportsDir}: the next run there with this store records its night\n` : ''}`) as string;
      },
      undefined,
      folder.notes,
    );
    const line = await historyModule().appendUnfinished(history, taken.lock, taken.night, dead, startedAt, (wait) => io.out(hide(wait) as string));
    waiting = false;
    if (line !== '') {
      // Its cause first, the takeover's note (said here, not again with the other notes): the line
      // recording a night as did not finish, alone before it, named a run the console had not mentioned.
      for (const note of folder.notes) io.out(`note: ${note}\n`);
      folder.said = true;
      io.out(hide(line) as string);
    }
  }
  const read = readRegistry(config.operationsDir, config.fixturesDir, config.labels);
  if (read.problems.count > 0) throwDataProblems(config.specPath, read);
  const { registry } = read;
  // Taken as loaded, before anything binds or plans from it: the case data this night is judged
  // with, part of its contract beside the spec's sha256 and the suite's version.
  const casesSha256 = casesDigest(registry);
  const misspelt = misspeltSetting(config.env, settingNames(registry.roles), config.envFromDotenv);
  if (misspelt !== undefined) throw misspelt;
  const unknown = config.operations?.find((id) => !registry.operations.some((o) => o.operationId === id));
  if (unknown !== undefined) {
    const ids = registry.operations.map((o) => o.operationId);
    // A case slip (getWhatsappSyncStatus) is named with the id meant, as the Jest matchers name it.
    throw new UsageError(`${config.labels?.operation ?? '--operation'} ${unknown}: no such operation in ${config.operationsDir} (${didYouMean(unknown, ids)}there are: ${ids.join(', ')})`);
  }
  const { spec, operations: loaded, schemas, specOperationIds, serverPaths } = contractOf(config.specPath, registry);
  // The spec's operations no request goes to, for want of data: named, so a certificate over the
  // others is not read as one over the whole spec. Those --operation left out are the user's choice.
  const withoutData = config.operations === undefined ? operationsWithoutData(specOperationIds, registry.operations.map((o) => o.operationId)) : [];
  // Each operation carries what coverage counts of it, so the suite observes every answer against it.
  const contracts = loaded.map((o) => ({ ...o, coverage: coverageContract(o, schemas) }));
  const operations = new Map(contracts.map((o) => [o.operationId, o] as const));
  // What a recording keeps of the contract, and a replay compares with it: only they need it.
  const runContract = (): RunContract => ({
    specTitle: spec.title,
    specVersion: spec.version,
    specSha256: spec.sha256,
    // Loaded only here: a live run never needs it.
    digests: (require('../registry/contract-digest') as typeof import('../registry/contract-digest')).operationDigests(loaded, schemas),
  });
  // Every row is checked against the spec and the other data files before a single request; each
  // assertion's pointer against the body it is judged on, so a typo is not a conformant target's failure.
  checkRegistry(registry, operations, undefined, undefined, schemas);
  if (config.mode === 'record' && config.apiKey !== undefined) refuseKeyInSuiteWords(config.apiKey, registry, contracts);
  if (config.mode === 'record' && config.otherProjectApiKey !== undefined) refuseKeyInSuiteWords(config.otherProjectApiKey, registry, contracts, OTHER_PROJECT_KEY_ENV);
  // A night the target stops before judging leaves a record in the store, so its trends show the
  // gap instead of skipping the night in silence (see stopNight); so does a night an interruption
  // stops (a signal to the CLI, the run's own signal aborted). One record a night at most: the
  // first of a stop, an interruption and the verdict's own record takes it ('waiting' while a
  // stop's append waits for the lock).
  const night: NightInfo = { target: nightTarget(config), specSha256: spec.sha256, casesSha256, startedAt, writes: liveWrites(config) };
  let nightRecord: 'open' | 'waiting' | 'done' = 'open';
  // The notes the run has said (scrubbed of the keys), from when it says them before its first case:
  // a night stopped or interrupted after that keeps them, as its verdict's record would have.
  // Before them, only what holding the folder found: a stop while preparing (the target unreachable)
  // comes before the other notes are made, and says the folder's as it stops.
  let saidNotes: readonly string[] = folder.notes;
  // A shard's night, for the NOT RUN summary of a stop (its merge records the night); the plan once it is known.
  let shardPlan: { cases: number; sha256: string } | undefined;
  const shardNight: ShardNightOf | undefined = config.shard === undefined ? undefined : shardNightOf(config, night, formatShard(config.shard), () => shardPlan);
  const stopNight = async (error: ConformanceError): Promise<never> => {
    if (shardNight !== undefined) Object.assign(nightStop, { error, night: shardNight(error.exitCode) });
    if (history !== undefined && nightRecord === 'open') {
      nightRecord = 'waiting';
      try {
        await recordStop(config, io, history, night, error, saidNotes);
      } finally {
        nightRecord = 'done';
      }
    }
    throw error;
  };
  const hideKeys = valueScrubber(runSecrets(config));
  const recordInterruption: RecordInterruption = (reason, exitCode) => {
    if (history === undefined || nightRecord === 'done') return undefined;
    if (nightRecord === 'waiting') return hideKeys(historyModule().recordStillWaiting(history)) as string;
    nightRecord = 'done';
    return hideKeys(historyModule().appendStopNow(history, stoppedRecord(config, night, reason, exitCode, saidNotes)).line) as string;
  };
  io.onNight?.(recordInterruption, shardNight, folder.notes);
  let prepared: PreparedRun;
  try {
    prepared = config.mode === 'replay' ? replayModule().prepareReplay(config, registry, operations, runContract()) : await prepareLive(config, registry, operations, io.signal);
  } catch (error) {
    // The target down or unreachable (exit 3), or the other project's key refused (exit 2, as the
    // key refused mid-run is): a night not run. Any other error here is the settings' (a fixture
    // variable missing), not the night's, and leaves no record.
    if (error instanceof UnreachableError || error instanceof OtherKeyRefusedError) await stopNight(error);
    throw error;
  }
  // From here a stop or an interruption names the night's target as its verdict would: a replay's is
  // "replay of … from …", read from its recordings just now (nightTarget names the embedded server).
  night.target = prepared.targetLabel;
  // And of its kind as its verdict would be: a replay's is its recordings' (prepare-replay.ts).
  night.writes = prepared.writes;
  // Contiguous slices: merging the shards' results in shard order gives the unsharded order back.
  let cases: PreparedRun['cases'];
  try {
    cases = config.shard === undefined ? prepared.cases : shardCases(prepared.cases, config.shard, config.labels?.shard ?? '--shard');
  } catch (error) {
    // A shard with no case is refused before the run's try below: its embedded server is closed here, or it keeps the caller's process alive.
    await prepared.close();
    throw error;
  }
  if (config.shard !== undefined) shardPlan = planFingerprint(prepared.cases);
  // Over the whole plan, not this shard's slice: every shard of a run names the same operations and families.
  const certified = [...new Set(prepared.cases.map((c) => c.operationId))];
  const assemble: AssembleOptions = {
    allowFlaky: config.allowFlaky,
    coverage: { subjects: certified.map((id) => coverageSubject(operations.get(id), id)), rules: config.minCoverage ?? [] },
    ...(config.latencyBudgetMs !== undefined ? { latencyBudgetMs: config.latencyBudgetMs } : {}),
    ...(config.baseline !== undefined ? { baseline: { ...config.baseline, ...(preconditions.baseline ? { report: preconditions.baseline } : {}), ...(config.shard !== undefined ? { otherShards: otherShards(prepared.cases, cases) } : {}) } } : {}),
  };
  // Only a recording needs a file: the transport appends each scrubbed HAR entry to it as it goes.
  const work = config.mode === 'record' ? mkdtempSync(join(tmpdir(), 'zavu-conformance-')) : undefined;
  const removeWork = (): void => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  };
  // A run interrupted by a signal exits from the command's handler, past the finally below.
  if (work !== undefined) process.once('exit', removeWork);
  try {
    const keySource = keySourceOf(config.env);
    const plan: RunPlan = {
      baseUrl: prepared.baseUrl,
      targetLabel: prepared.targetLabel,
      // Inside the GitHub Action, a key the target refuses is named by the action's api-key input.
      ...(keySource !== undefined ? { keySource } : {}),
      mode: config.mode,
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      operations: contracts,
      rules: registry.rules,
      schemas,
      cases,
      unknownKey: wellFormedUnknownKey(prepared.apiKey),
      ...(prepared.fixtureVariables !== undefined ? { fixtureVariables: prepared.fixtureVariables } : {}),
      ...(work !== undefined ? { recordSink: join(work, 'recorded.jsonl') } : {}),
      ...(config.mode === 'replay' ? { recordings: config.recordingsDir } : {}),
      concurrency: config.concurrency,
      writeSettleMs: config.mode === 'replay' ? 0 : config.writeSettleMs,
      repeat: config.repeat,
      ...(config.ratePerSecond !== undefined ? { ratePerSecond: config.ratePerSecond } : {}),
      negative: { seed: config.seed, numRuns: config.fuzzRuns, timeBudgetMs: negativeBudgetMs, fixtures: prepared.fixtures, exampleFixtures: prepared.exampleFixtures, hiddenFixtures: prepared.hiddenFixtures, ...(prepared.writableHiddenFixtures !== undefined ? { writableHiddenFixtures: prepared.writableHiddenFixtures } : {}) },
    };
    // Built here, once: the Jest suite calls into it (no second load of the engine inside Jest's sandbox).
    // A schema that does not compile stops the run here, before a single request.
    let engine: HostEngine;
    try {
      engine = createSuiteEngine(plan, prepared.apiKey ?? '', config.apiKey ?? '', prepared.otherProjectKey ?? config.otherProjectApiKey ?? '', prepared.recordedKeys);
    } catch (error) {
      // A schema that does not compile is the spec's: the line names the file it is in, and a
      // library caller's instanceof SpecError tells it from the suite's own failure to start.
      if (error instanceof SpecError) throw new SpecError(`the conformance suite could not run: ${config.specPath}: ${firstLineOf(error)}`);
      throw new ConformanceError(`the conformance suite could not run: ${firstLineOf(error)}`, ExitCode.usage);
    }
    io.out(`zavu-conformance ${suiteVersion()}: ${certified.join(', ')} against ${prepared.banner}${config.mode === 'live' ? '' : ` (${config.mode})`}\n`);
    // Every note bears on reading the verdict (prepared-run.ts): said here in full, before the run,
    // and kept in the report (runInfo.notes, bounded) for the reviewer of summary.md and the HTML,
    // who sees no console. Scrubbed of the keys once, for both: a recording's own words are in some.
    const hideNote = textScrubber([...runSecrets(config), ...(prepared.recordedKeys ?? [])]);
    const notes = [...folder.notes, ...[...(prepared.notes ?? []), ...serverPathNote(config, serverPaths)].map(hideNote)];
    // The folder's notes may have been said already, before the dead run's night was recorded.
    for (const note of folder.said ? notes.slice(folder.notes.length) : notes) io.out(`note: ${note}\n`);
    folder.said = true;
    saidNotes = notes;
    // The folder as the user named it (--operations), made inert: its ids are the spec's words.
    if (withoutData.length > 0) io.out(`note: ${withoutDataNote(withoutData, hideKeys(excerpt(config.operationsDir, 200)) as string)}\n`);
    // Console only: how to run the same inputs again, not how to read the verdict (a failure of the
    // property names its seed in its own description, in every report).
    if (cases.some((c) => c.scenario.fuzz !== undefined && c.skipReason === undefined)) {
      io.out(`negative inputs: seed ${config.seed}, ${config.fuzzRuns} generated ids after the fixed list (same inputs again: --seed ${config.seed})\n`);
    }
    const stopOnAbort = (): void => engine.close();
    io.signal?.addEventListener('abort', stopOnAbort, { once: true });
    if (io.signal?.aborted === true) engine.close();
    const outcome = await withActiveEngine(engine, () => runJestSuite({ timeoutMs: config.timeoutMs, concurrency: config.concurrency, ...(io.progress === false ? { progress: false } : {}), ...(config.allowFlaky && config.baseline !== undefined ? { flakyVerdictAfterBaseline: true } : {}) }))
      // A run that ends on hostile-looking requests reset sends one read a client sends, before the
      // sockets close: a target gone down is told from a front that resets those (suite-engine confirmEnd).
      // Not after an abort (the run's verdict is not written), nor of a suite that did not load.
      // Said as it is sent, with the progress: else a CI log shows nothing after the last case's line
      // for up to a --timeout (and its stall grace), and reads as a hang.
      .then(async (done) => {
        const sending = io.progress === false ? undefined : (read: string): void => io.out(confirmingLine(read, config.timeoutMs));
        if (done.loadError === undefined && io.signal?.aborted !== true) await engine.confirmEnd(io.signal, sending);
        return done;
      })
      .finally(() => {
        io.signal?.removeEventListener('abort', stopOnAbort);
        engine.close();
      });
    // An abort before the verdict is written: the run rejects, its reports folder says NOT RUN (runConformance).
    const abortedBeforeVerdict = (signal: AbortSignal | undefined): unknown => {
      const aborted = withoutKey(new AbortError(`the run was aborted by its signal before its verdict${abortReason(signal?.reason)}`), runSecrets(config));
      // The night is in the store as not run, as after a stop: at once, so the rejection is not delayed.
      const line = recordInterruption(firstLineOf(aborted), ExitCode.interrupted);
      if (line !== undefined) io.out(line);
      if (shardNight !== undefined) Object.assign(nightStop, { error: aborted, night: shardNight(ExitCode.interrupted) });
      return aborted;
    };
    // First: the cases its closing cut short are no verdict, nor a target that went silent.
    if (io.signal?.aborted === true) throw abortedBeforeVerdict(io.signal);
    if (outcome.loadError !== undefined) throw new ConformanceError(`the conformance suite could not run: ${outcome.loadError}`, ExitCode.usage);
    // A target that took connections and answered none of the first requests is not judged (it is down,
    // exit 3), nor one that refused the configured key on the first requests sent with it (exit 2).
    const stop = engine.stopped();
    // Silent: no answer judged; which of the first requests failed how, the line says, and its code
    // whether any connection was taken (target-guard's silentCode). The key refused is a setting's
    // fault, as a bad flag is: a UsageError, for a caller's instanceof.
    // An http:// target whose port closed every plain request unanswered may speak TLS: one handshake
    // then says so (tls-port-hint.ts), loaded only by a run so stopped.
    const silentWhy = async (why: string, reason: UnreachableError['reason']): Promise<string> =>
      config.mode === 'replay' ? why : (require('./tls-port-hint') as typeof import('./tls-port-hint')).withTlsPortHint(why, reason, config.baseUrl, config.timeoutMs);
    if (stop !== undefined) await stopNight(stop.cause === 'silent' ? new UnreachableError(await silentWhy(stop.why, stop.reason), stop.code, stop.reason) : new UsageError(stop.why));
    // A replay that needed an exchange its recordings lack judged a case on nothing: not the target's
    // failure (exit 1) but the recording's (exit 2), as a case missing whole is before the run. No
    // night in the history store: a replay's settings, not the target, stopped it.
    const unrecorded = engine.unrecorded();
    if (unrecorded !== undefined) throw new RecordingError(unrecorded);
    const results = engine.results('the suite stopped before this case');
    const assembled: ConformanceReport = assembleReport(
      {
        target: prepared.targetLabel,
        mode: config.mode,
        ...suiteIdentity(),
        specTitle: spec.title,
        specVersion: spec.version,
        specSha256: spec.sha256,
        casesSha256,
        startedAt,
        finishedAt: realIsoNow(),
        node: process.version,
        ...(config.repeat > 1 ? { repeat: config.repeat } : {}),
        ...(config.shard !== undefined ? { shard: formatShard(config.shard), shardPlan: planFingerprint(prepared.cases) } : {}),
        ...(config.runId !== undefined ? { runId: config.runId } : {}),
        ...(config.latencyBudgetMs !== undefined ? { latencyBudgetMs: config.latencyBudgetMs } : {}),
        ...(config.allowFlaky ? { allowFlaky: true } : {}),
        operations: certified.map((id) => ({ operationId: id, operation: operations.get(id)?.label ?? id })),
        families: registry.families.filter((f) => prepared.cases.some((c) => c.scenario.family === f.id)),
        // The writes this run was allowed to send (prepared.writes), not the flag alone: the embedded
        // server's without it too; a replay's its recordings' kind, with the flag or without it.
        ...writesField(prepared.writes),
        // The certificate tells a rule's violation (a success's content) by its id.
        ...(registry.rules.length > 0 ? { rules: registry.rules.map((r) => r.id) } : {}),
        // A FULL earned by writes to every sender says so: the run declared its target a mock. Not a
        // replay's: it sends nothing, and its note says --mock-target was not used.
        ...(config.mockTarget && config.allowWrites && config.mode !== 'replay' ? { mockTarget: true } : {}),
        // Its note is not in certificate.json, published on its own: the field carries it there.
        ...(prepared.tlsUnverified === true ? { tlsUnverified: true } : {}),
        ...(notes.length > 0 ? { notes: keptRunNotes(notes) } : {}),
        ...(withoutData.length > 0 ? { specOperationsWithoutData: withoutData } : {}),
      },
      results,
      withLossAndWarnings(assemble, engine.lost(), engine.warnings()),
    );
    // The record keeps the --operation filter the run was given: a later run's window tells a
    // one-operation check by it, not by which operations its cases happen to cover. Every operation
    // of the registry named is no filter: the night is as full as one given none.
    const operationFilter = history === undefined ? undefined : historyModule().operationFilterOf(config.operations, registry.operations.map((o) => o.operationId));
    const recorded = history === undefined ? undefined : historyModule().withHistory(assembled, history, { ...(operationFilter !== undefined ? { operationFilter } : {}) });
    // The key must reach no report through what the user named (a baseline, the history store's path).
    const hide = valueScrubber(runSecrets(config));
    const report = scrubUserNamed(recorded?.report ?? assembled, hide);
    // As exitCodeOf judges the run: every report says of a known failure what the exit code does.
    const judged = { allowFlaky: config.allowFlaky, baselineStrict: config.baseline?.strict === true };
    // The renderers load only when reports are written (a run from code without `reports` never loads them).
    let written: string[] = [];
    try {
      // The caller's signal reaches the writes: an abort while the reports are written stops the write
      // under way (its temp file removed, nothing renamed after), as a signal to the CLI stops its
      // writes (stopWrites, which is for a process about to exit and would stop every later write of
      // the host's process for good), and NOT RUN then takes back those already written.
      if (io.writeReports !== false) written = await (require('../report/write-reports') as typeof import('../report/write-reports')).writeReports(config.reportsDir, report, judged, undefined, io.signal);
    } catch (error) {
      if (isAborted(io.signal)) throw abortedBeforeVerdict(io.signal);
      throw error;
    }
    // An abort that came as the last report was renamed: no verdict either, as for the CLI before verdictWritten.
    if (isAborted(io.signal)) throw abortedBeforeVerdict(io.signal);
    io.verdictWritten?.();
    if (plan.recordSink !== undefined) {
      const { finishRecording } = require('./finish-recording') as typeof import('./finish-recording');
      // The loss is the run's: each file keeps it, so a replay of any of them heads its report with it, as this run's is.
      const lost = engine.lost();
      try {
        written.push(...finishRecording({ sink: plan.recordSink, dir: config.recordingsDir, cases, target: prepared.targetLabel, secrets: [prepared.apiKey ?? '', prepared.otherProjectKey ?? ''].filter((secret) => secret !== ''), repeat: config.repeat, contract: runContract(), ...(lost !== undefined ? { targetLost: lost } : {}), stopped: engine.stoppedCases(), ...(prepared.fixtureRoles !== undefined ? { fixtures: prepared.fixtureRoles } : {}), ...(prepared.tlsUnverified === true ? { tlsUnverified: true } : {}), writes: prepared.writes }));
      } catch (error) {
        if (error instanceof RecordingError) refusedRecordings.add(error);
        throw error;
      }
      io.recordingWritten?.();
      // A signal that came while the set was written (synchronously) is read in the loop's next
      // poll phase: two turns let its handler run now, and say the recording is whole, rather than
      // find the command's handlers released at its end and the signal dropped (exit 0).
      if (io.recordingWritten !== undefined) await new Promise((turned) => setImmediate(() => setImmediate(turned)));
    }
    // The verdict on the console before the append, which may wait for another run's lock: an
    // interruption there keeps the reports, and the reader has seen what they say.
    io.out(renderConsole(report, judged));
    // Paths the user named, which may hold the key.
    if (written.length > 0) io.out(`reports: ${written.map((file) => hide(file) as string).join(', ')}\n`);
    // After the verdict and the reports: a run that dies before this point is not in the store.
    // The night is the verdict's now: no interruption records it as not run.
    nightRecord = 'done';
    const appended = history === undefined || recorded === undefined ? undefined : await historyModule().appendRun(history, recorded.record, (line) => io.out(hide(line) as string));
    if (appended !== undefined) io.out(hide(appended.line) as string);
    const exitCode = appended?.failed === true ? ExitCode.usage : exitCodeOf(report, assemble);
    return { report, exitCode, written };
  } finally {
    process.off('exit', removeWork);
    removeWork();
    await prepared.close();
  }
}

/**
 * A run that stopped before judging (target unreachable, key refused, a silent target): with
 * --history (and no shard: the merge records a sharded run), the store gets a record of the night
 * as not run, with the stop's line (scrubbed of every key and key-shaped word, cut to one line)
 * and its exit code; the caller then throws the stop as it would have been, the record's line in
 * its `after` (printed after the stop's own line). A store that cannot be
 * written says so on one line and the stop's own exit code stands: the night was not run either way.
 */
async function recordStop(config: RunConfig, io: RunIo, history: OpenedHistory, run: NightInfo, error: ConformanceError, notes: readonly string[]): Promise<void> {
  const record = stoppedRecord(config, run, firstLineOf(error), error.exitCode, notes);
  const hide = valueScrubber(runSecrets(config));
  // A wait for the store's lock is said as it happens (a stop seemingly hung for seconds must say why).
  const appended = await historyModule().appendRun(history, record, (line) => io.out(hide(line) as string));
  // The record's line is said after the stop's own (the CLI's failLine; a library's out, see
  // run-conformance in src/library): written now, it came before the reason in a merged CI log.
  error.after = hide(appended.line) as string;
}

/** A shard's night (shard-night.ts): the target as a stopped record names it, without any key. */
function shardNightOf(config: RunConfig, run: NightInfo, shard: string, plan: () => { cases: number; sha256: string } | undefined): ShardNightOf {
  const target = textScrubber(runSecrets(config))(run.target);
  return (exitCode) => {
    const sliced = plan();
    return { shard, target, mode: config.mode, specSha256: run.specSha256, ...suiteIdentity(), startedAt: run.startedAt, finishedAt: realIsoNow(), exitCode, ...(sliced !== undefined ? { shardPlan: sliced } : {}), ...(config.runId !== undefined ? { runId: config.runId } : {}), ...writesField(run.writes) };
  };
}

/** What a night's record says of its run before there is a report: where, against what contract, since when. */
interface NightInfo {
  target: string;
  specSha256: string;
  casesSha256: string;
  startedAt: string;
  /** The night's kind (a write run: liveWrites, then prepared.writes once the target is prepared): its gap goes in that series. */
  writes: boolean;
}

/**
 * The record of a night not run, whatever stopped it (a stop's line, an interruption's): the one
 * place its words are made free of the keys and of any word shaped like one, before the store.
 * `notes`: those the run said before it stopped, scrubbed of the keys as the report's are.
 */
function stoppedRecord(config: RunConfig, run: NightInfo, reason: string, exitCode: number, notes: readonly string[]): HistoryRecord {
  // The target as judged runs name it, unless a key is part of it (a short key inside a word of
  // the URL's path, which the settings let through): the key never reaches the store.
  const target = textScrubber(runSecrets(config))(run.target);
  const said = textScrubber([...runSecrets(config), ...keyShapedWords(reason)])(reason);
  const { writes, ...info } = run;
  return historyModule().stoppedRecordOf({ ...info, target, mode: config.mode, ...writesField(writes), ...suiteIdentity(), finishedAt: realIsoNow() }, said, exitCode, notes);
}

/** Whether the run's signal is aborted now (a call, not a property TypeScript narrows across awaits). */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * An abort's reason in words for its line, `` (…)`` after what was aborted: an Error's message or a
 * string, cut to one short line; AbortController's default reason (an AbortError DOMException)
 * says nothing more than "aborted", so it adds nothing.
 */
export function abortReason(reason: unknown): string {
  let text = '';
  if (typeof reason === 'string') text = reason;
  else if (typeof reason === 'object' && reason !== null && typeof (reason as Error).message === 'string' && (reason as Error).name !== 'AbortError') text = (reason as Error).message;
  const line = (text.split(/[\r\n]/)[0] ?? '').trim().slice(0, 200);
  return line === '' ? '' : ` (${line})`;
}

/** The history store loads only with --history: a run without it never pays for the store's code. */
function historyModule(): typeof import('../history/run-history') {
  return require('../history/run-history') as typeof import('../history/run-history');
}

/** The replay path (HAR reading and matching) loads only for a replay: a live run never pays for it. */
function replayModule(): typeof import('./prepare-replay') {
  return require('./prepare-replay') as typeof import('./prepare-replay');
}


/**
 * A recording names its cases and paths (getWhatsAppSyncStatus/…, /whatsapp-sync) and must hold no
 * form of the key: a key that is a piece of those words (a mock's "sync") cannot be kept out, and
 * every entry would be refused one by one. Said once, before a request, without the key.
 */
function refuseKeyInSuiteWords(apiKey: string, registry: Registry, contracts: readonly OperationContract[], what = 'the API key'): void {
  const key = apiKey.toLowerCase();
  const words = [...registry.operations.flatMap((o) => [o.operationId, ...o.scenarios.map((s) => s.id)]), ...contracts.map((c) => c.pathTemplate)];
  if (words.some((word) => word.toLowerCase().includes(key))) {
    throw new UsageError(`--mode record: ${what} (${apiKey.length} characters) is a piece of the suite's own case ids or paths, which a recording must name: record with a real key of the target`);
  }
}
