/**
 * Loads the recordings a replay run answers from.
 *
 * Layout: a directory holding one or more `*.har` files, each one recorded run of one operation
 * (as a record run writes them: har-file.ts harText). Every `*.har` entry in it is used, in file-name order; other files and
 * subdirectories are ignored, but a subdirectory named `*.har` is refused. A path to a single `.har` file is accepted too.
 */
import { readdirSync, statSync } from 'node:fs';
import { unreadFolder } from '../files/unread-folder';
import { InputFileError, readInputFile, unreadFile } from '../files/read-input-file';
import * as path from 'node:path';
import type { Har } from 'har-format';
import type { AuthVariant, Exchange } from '../model';
import { RecordingError } from '../model/errors';
import { writesField } from '../model/result';
import { describeJsonError } from '../text/json-error';
import { excerpt } from '../text/plain-text';
import { fromHarEntry } from './har-entry';
import { harProblem } from './har-validator';
import { readLogFields, type RecordedContract, type RecordedLoss, type SkippedCase, type StoppedCase } from './zavu-fields';

/** One recorded exchange and its place in the file. */
export interface LoadedEntry {
  /** Position in log.entries (0-based). */
  index: number;
  caseId: string;
  scenario: string;
  authVariant: AuthVariant;
  /** `_zavu.boundAs`, when the recording keeps it. */
  boundAs?: Record<string, string>;
  exchange: Exchange;
}

/** One HAR file, read and checked. */
export interface LoadedRecording {
  file: string;
  target: string;
  entries: LoadedEntry[];
  skipped: SkippedCase[];
  /** The cases the recorded run sent (log._zavu.sent), when the recording says. */
  sent?: string[];
  /** --repeat of the recorded run (log._zavu.repeat; 1 when absent): each request has up to this many entries. */
  repeat: number;
  /** log.creator.version: the suite version that wrote it. */
  suiteVersion: string;
  /** log._zavu.contract: the contract its answers were judged by when recorded, when the recording says. */
  contract?: RecordedContract;
  /** log._zavu.targetLost: the target the recorded run lost mid-run, when it did. */
  targetLost?: RecordedLoss;
  /** log._zavu.stopped: the cases the recorded run stopped, and why, when it did. */
  stopped?: StoppedCase[];
  /** log._zavu.otherProjectKey: the recorded run had the other project's key. */
  otherProjectKey?: true;
  /** log._zavu.tlsUnverified: the recorded run verified no TLS certificate. */
  tlsUnverified?: true;
  /** log._zavu.allowWrites: the recorded run was a write run. */
  allowWrites?: true;
  /** log._zavu.fixtures: the recorded run's configured fixtures (role → sender ids) its cases used, when it says. */
  fixtures?: Record<string, string[]>;
}

/** The .har files to read; throws when there are none. */
function harFiles(location: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(location).isDirectory();
  } catch (error) {
    throw refusedFolder(location, error);
  }
  if (!isDirectory) {
    if (location.endsWith('.har')) return [location];
    throw new RecordingError(`${location}: not a directory of .har recordings`, { path: location });
  }
  // Every entry named *.har, not only regular files: a symlink to a recording is read through, and
  // a folder, a FIFO or a dangling link so named stops the replay with its name (readInputFile says
  // what it is) rather than being skipped, which would certify from fewer recordings than the
  // folder shows (a folder named so is a slip: a recording unzipped or copied into a folder of its name).
  let listed: string[];
  try {
    listed = readdirSync(location);
  } catch (error) {
    throw refusedFolder(location, error);
  }
  const names = listed.filter((name) => name.endsWith('.har')).sort();
  if (names.length === 0) throw new RecordingError(`${location}: no .har files in this directory (record a run first)`, { path: location });
  return names.map((name) => path.join(location, name));
}

/** The recording folder the file system refused, said as it said it (unread-folder.ts), with its code. */
function refusedFolder(location: string, error: unknown): RecordingError {
  const { reason, code } = unreadFolder(error, 'not found');
  return new RecordingError(`${location}: recording directory ${reason}`, { path: location, code });
}

/** Bytes that are not UTF-8 are no file this suite wrote (JSON.stringify writes UTF-8): decoded strictly, not guessed. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(file: string): unknown {
  let text: string;
  try {
    // A byte-order mark is common in HAR files saved by Windows tools, and JSON.parse rejects it.
    text = utf8.decode(readInputFile(file, undefined, 'a .har recording', { json: true })).replace(/^\uFEFF/, '');
  } catch (error) {
    const reason = error instanceof InputFileError ? error.message : 'not UTF-8 text: the file is damaged (record again)';
    throw new RecordingError(`${file}: ${reason}`, unreadFile(file, error));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // The file, as for one not UTF-8: no file-system code, since the file system refused nothing.
    throw new RecordingError(`${file}: not valid JSON at ${describeJsonError(text, error as Error)}`, { path: file });
  }
}

/** Reads one HAR file; every problem is a RecordingError of one line that names the file, and has it as its `path`. */
function readRecording(file: string): LoadedRecording {
  const data = parseJson(file);
  const problem = harProblem(data);
  if (problem !== undefined) throw new RecordingError(`${file}: not HAR 1.2 at ${problem}`, { path: file });
  // The schema has just vouched for the HAR shape; only the custom fields are unchecked.
  const { log } = data as Har & { log: { _zavu?: unknown } };
  if (log.version !== '1.2') throw new RecordingError(`${file}: not HAR 1.2 at /log/version: version is ${JSON.stringify(log.version)}`, { path: file });
  // Another tool's HAR (a browser's devtools export, Charles, a proxy's) beside the recordings: say
  // whose it is and what to do, as "_zavu is missing" alone leaves a user wondering which of them is damaged.
  if (log._zavu === undefined && log.creator.name !== 'zavu-conformance') {
    const by = excerpt(`${log.creator.name} ${log.creator.version}`.trim(), 60);
    throw new RecordingError(`${file}: a HAR written by ${by}, not a zavu-conformance recording (no log._zavu); a replay reads every .har in its folder: keep other HAR files elsewhere`, { path: file });
  }
  const fields = readLogFields(log._zavu);
  if (typeof fields === 'string') throw new RecordingError(`${file}: ${fields}`, { path: file });
  const entries = log.entries.map((entry, index): LoadedEntry => {
    try {
      return { index, ...fromHarEntry(entry) };
    } catch (error) {
      throw new RecordingError(`${file}: /log/entries/${index}: ${(error as Error).message}`, { path: file });
    }
  });
  const repeat = fields.repeat ?? 1;
  const extra = beyondRepeat(entries, repeat);
  if (extra !== undefined) {
    const { entry, first, count } = extra;
    const why =
      repeat === 1
        ? `records ${entry.caseId} again (first at /log/entries/${first}), and the recording was not made with --repeat (no log._zavu.repeat): a copy (a hand edit, or two recordings merged), which a replay would judge in place of the other or not at all; keep one of them, or record again`
        : `is exchange ${count} of ${entry.caseId} (first at /log/entries/${first}), and the recording was made with --repeat ${repeat} (log._zavu.repeat): a copy (a hand edit, or two recordings merged); keep ${repeat} of them, or record again`;
    throw new RecordingError(`${file}: /log/entries/${entry.index} ${why}`, { path: file });
  }
  return { file, target: fields.target, entries, skipped: fields.skipped, ...(fields.sent !== undefined ? { sent: fields.sent } : {}), repeat, suiteVersion: log.creator.version, ...(fields.contract !== undefined ? { contract: fields.contract } : {}), ...(fields.targetLost !== undefined ? { targetLost: fields.targetLost } : {}), ...(fields.stopped !== undefined ? { stopped: fields.stopped } : {}), ...(fields.otherProjectKey === true ? { otherProjectKey: true as const } : {}), ...(fields.fixtures !== undefined ? { fixtures: fields.fixtures } : {}), ...(fields.tlsUnverified === true ? { tlsUnverified: true as const } : {}), ...writesField(fields.allowWrites) };
}

/**
 * The first entry past the `repeat` a request may have, with the first entry of that request and
 * its count. A request is its exchange id: each is sent once per attempt (a sequence's steps each
 * have their own), so a second entry of one is another attempt (--repeat) or a copy.
 */
function beyondRepeat(entries: readonly LoadedEntry[], repeat: number): { entry: LoadedEntry; first: number; count: number } | undefined {
  const seen = new Map<string, { first: number; count: number }>();
  for (const entry of entries) {
    const known = seen.get(entry.caseId) ?? { first: entry.index, count: 0 };
    known.count += 1;
    seen.set(entry.caseId, known);
    if (known.count > repeat) return { entry, first: known.first, count: known.count };
  }
  return undefined;
}

/** Reads every recording in a directory (or one .har file). */
export function readRecordings(location: string): LoadedRecording[] {
  return harFiles(location).map(readRecording);
}
