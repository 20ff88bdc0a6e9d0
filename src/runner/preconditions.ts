/**
 * What can be checked before the first request is checked then: a run that would fail at the end
 * (an unwritable reports folder, a missing baseline) must not first send its requests and then
 * leave a half-finished set of reports.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, lstatSync, openSync, readlinkSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { folderRefusal, makeDirs, removeMadeDirs } from '../files/make-dirs';
import { REPORT_FILES, reportFilesObstacle } from '../report/report-files';
import { ACTION_ENV, settingName } from '../config/action-run';
import type { RunConfig } from '../config/run-config';
import { UsageError } from '../model/errors';
import type { BaselineReport } from '../baseline/read-baseline';
import { writeSafetyRefusal } from './write-safety';
import { notRunReason } from './not-run';
import { escapeControl, truncate } from '../text/plain-text';

/**
 * Proves a file can be made in `dir` by making one and removing it: permission bits say yes to
 * root in /proc, or on a file system mounted read-only after the check, where every write fails.
 */
function probeWrite(dir: string): void {
  const probe = join(dir, `.zavu-conformance-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  closeSync(openSync(probe, 'wx'));
  unlinkSync(probe);
}

/** Creates the folder if needed and proves it can be written to, or one line saying why not; returns the folders it made. */
export function ensureWritableDir(dir: string, label: string): string[] {
  let made: string[] = [];
  try {
    made = makeDirs(dir);
    probeWrite(dir);
    return made;
  } catch (error) {
    removeMadeDirs(made);
    // EEXIST: the path is a file; ENOTDIR: a folder on the way to it is; a link to nothing, said as one.
    throw new UsageError(`${label} ${dir}: cannot write there (${folderRefusal(error, dir)})`, { path: dir, code: (error as { code?: string }).code });
  }
}

/**
 * The history store can be appended to: its folder made and writable, the store itself (when
 * there is one) writable. Else the run would send every request and only then say the store
 * refused it. Whether the store is a folder, or corrupt, is for reading it (history/read-history).
 */
export function ensureWritableStore(file: string, label: string): void {
  const dir = dirname(file);
  try {
    makeDirs(dir);
    probeWrite(dir);
    const store = statSync(file, { throwIfNoEntry: false });
    // The store itself a link to nothing (a cache not restored): the append would make a store at its
    // target, out of the user's sight; said as one, as for any folder to write (nothing made through it).
    if (store === undefined && lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
      throw Object.assign(new Error(`ENOENT: symbolic link to nothing, open '${file}'`), { code: 'ENOENT', danglingLink: readlinkSync(file) });
    }
    if (store?.isFile() === true) accessSync(file, constants.W_OK);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // A link to nothing on the way to it is said as one, naming where it points (folderRefusal).
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a part of its folder is a file, not a folder' : folderRefusal(error, '');
    throw new UsageError(`${label} ${file}: cannot append there (${why})`, { path: file, code });
  }
}

/** Whether `path` is a file; false where it cannot be told (a file on the way to it: ENOTDIR, EACCES). */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/**
 * ensureWritableDir for the reports folder: a folder that refuses this run but holds an earlier
 * run's reports says so, since a CI step that posts summary.md whatever the exit (`if: always()`)
 * would post that earlier verdict as this one's.
 */
export function ensureWritableReportsDir(dir: string, label: string): string[] {
  try {
    return ensureWritableDir(dir, label);
  } catch (error) {
    const earlier = Object.values(REPORT_FILES).filter((name) => isFile(join(dir, name)));
    if (!(error instanceof UsageError) || earlier.length === 0) throw error;
    throw new UsageError(`${error.message}; its ${earlier.join(', ')} ${earlier.length === 1 ? 'is' : 'are'} an earlier run's, not this one's`, { path: dir, code: error.code });
  }
}

/** No report file's name taken by a folder (after ensureWritableDir): found before a request, not after the whole run. */
export function reportsDirObstacle(dir: string, label: string): void {
  const obstacle = reportFilesObstacle(dir);
  if (obstacle !== undefined) throw new UsageError(`${label} ${dir}: ${obstacle}`);
}

export interface Preconditions {
  /** The --baseline report, read and validated up front. */
  baseline?: BaselineReport;
  /** Folders made for the recordings: taken back (when still empty) by a run that stops before writing them. */
  made: string[];
}


const ACTION_KEY_SOURCE = "the action's api-key input, or ZAVU_API_KEY in the job's env";

/**
 * Where the run's key is set, in its user's terms: inside the GitHub Action, the action's api-key
 * input first (a job whose secret is missing, misnamed or stale reads the fix in its own terms),
 * else undefined (the transport's own "--api-key or ZAVU_API_KEY"). Named by the line saying the
 * target refused the key; the line saying there is none names the same input.
 */
export function keySourceOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env[ACTION_ENV] !== 'true') return undefined;
  // The run step said its api-key input set the key (settingName): that input alone.
  const named = settingName('ZAVU_API_KEY', { values: env });
  return named === 'ZAVU_API_KEY' ? ACTION_KEY_SOURCE : `the action's ${named} input`;
}

/** Everything else that can fail before a request; runs after the reports folder is known to be writable. */
export function checkPreconditions(config: RunConfig): Preconditions {
  if (config.baseUrl !== undefined && config.apiKey === undefined && config.mode !== 'replay') {
    // Without a key only the unauthenticated cases could run, and a misnamed CI secret would pass the gate.
    // A mock's author may have no key to give ("my mock checks none"): say what to give it, and what that costs.
    const mock = config.mockTarget ? ' to the key your mock accepts (a mock that checks no key: any zv_test_ key; its authentication cases then fail, as the contract requires a key)' : '';
    // Inside the GitHub Action (action.yml sets ACTION_ENV on its run step) the key is most often given as
    // its api-key input: a job whose secret is missing or misnamed reads the fix in its own terms.
    const action = config.env[ACTION_ENV] === 'true';
    const where = action ? "the action's api-key input (a secret), or ZAVU_API_KEY in the job's env" : 'ZAVU_API_KEY (or --api-key)';
    // There but blank (`ZAVU_API_KEY=` in .env, a CI secret that does not exist, an empty shell
    // variable over .env's key): "set ZAVU_API_KEY" alone reads as wrong to whoever sees it set.
    if (!action && config.env['ZAVU_API_KEY'] !== undefined) {
      throw new UsageError(`no API key for ${new URL(config.baseUrl).host}: ZAVU_API_KEY is set but empty (in .env, or in the environment, whose empty value still wins over .env's): set it (or --api-key)${mock === '' ? " to the target's key" : mock}`);
    }
    throw new UsageError(`no API key for ${new URL(config.baseUrl).host}: set ${where}${mock}`);
  }
  // Writes the user did not open to this key, or a --mock-target that is no mock: said before anything is sent (write-safety.ts).
  const refusal = writeSafetyRefusal(config);
  if (refusal !== undefined) throw new UsageError(refusal);
  const made = config.mode === 'record' ? ensureWritableDir(config.recordingsDir, config.labels?.recordings ?? '--recordings') : [];
  try {
    // A shard does not append (the merge of its run does).
    if (config.history !== undefined && config.shard === undefined) {
      // A store named as one of the run's own reports: each would be written over the other (store-path.ts).
      // Loaded only with --history, as the rest of the history code is (a run without it loads none).
      const { storeAmongRecordings, storeAmongReports } = require('../history/store-path') as typeof import('../history/store-path');
      // So for a recording of a record run (written over the store) or a replay (read, then appended to).
      const clash = storeAmongReports(config.history.file, config.reportsDir, config.history.label) ?? (config.mode === 'live' ? undefined : storeAmongRecordings(config.history.file, config.recordingsDir, config.history.label));
      if (clash !== undefined) throw clash;
      ensureWritableStore(config.history.file, config.history.label);
    }
    if (config.baseline === undefined) return { made };
    // Loaded only with --baseline, like the diff (assemble-report.ts).
    const { readBaseline } = require('../baseline/read-baseline') as typeof import('../baseline/read-baseline');
    return { baseline: readBaselineOf(readBaseline, config.baseline.file, config.baseline.label), made };
  } catch (error) {
    removeMadeDirs(made);
    throw error;
  }
}

/**
 * The --baseline, read; missing beside a NOT RUN summary.md, the line says why. A nightly script
 * that passes last night's reports folder found no conformance.json after a night the target was
 * down (a night not run takes its reports back): the next night stopped on exit 2 with a bare "no
 * such file", a second night lost to one outage, and nothing said where the file went.
 */
function readBaselineOf(read: (file: string, label?: string) => BaselineReport, file: string, label: string | undefined): BaselineReport {
  try {
    return read(file, label);
  } catch (error) {
    if (!(error instanceof UsageError) || error.code !== 'ENOENT') throw error;
    const reason = notRunReason(dirname(file));
    if (reason === undefined) throw error;
    // The summary's line is a file's text: one line, cut, inert.
    const said = escapeControl(truncate(reason, 200));
    throw new UsageError(`${error.message}: its folder holds the NOT RUN summary.md of a night stopped before its verdict (${said}), which writes no conformance.json; give the last judged night's (keep a copy of each judged night's conformance.json aside, as the nightly workflow in the README does)`, { path: file, code: error.code });
  }
}
