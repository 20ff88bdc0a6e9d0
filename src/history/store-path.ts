/**
 * Where a store may not be: one of the run's own files, a report or a recording of a record or
 * replay run. A run writes its reports (and recording), then appends its record to the store:
 * named `out/conformance.json` beside `--reports out`, the record went into the report (a
 * conformance.json no JSON reader takes, exit 0), and the next night refused the store and
 * retracted that report. Said as a setting, before anything is written.
 */
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../model/errors';
import { REPORT_FILES } from '../report/report-files';

/**
 * Whether two folders are one: by the file system when both exist (a symbolic link to the reports
 * folder, a case-insensitive volume's other spelling of it, name the same folder), else by their
 * resolved paths, compared as a case-insensitive volume would (macOS's and Windows' defaults).
 */
function sameFolder(a: string, b: string): boolean {
  try {
    const [one, two] = [statSync(a), statSync(b)];
    return one.dev === two.dev && one.ino === two.ino;
  } catch {
    return resolve(a).toLowerCase() === resolve(b).toLowerCase();
  }
}

/** The refusal of `store` (named by `label`) when it is a report file of `reportsDir`; undefined otherwise. */
export function storeAmongReports(store: string, reportsDir: string, label: string): UsageError | undefined {
  const dir = resolve(reportsDir);
  // A report's name in other case is the report itself on a case-insensitive volume; on another,
  // a store so named beside the reports is a slip all the same.
  const name = Object.values(REPORT_FILES).find((file) => basename(resolve(store)).toLowerCase() === file);
  if (name === undefined || !sameFolder(dirname(resolve(store)), dir)) return undefined;
  return new UsageError(
    `${label} ${store} is the run's own report ${name} in its reports folder ${dir}: the report would be written over the store, and the store's record appended to the report; give the store a file of its own (e.g. .zavu/history.jsonl)`,
  );
}

/**
 * The refusal of `store` when it is a `.har` file of the recordings folder of a record or replay
 * run; undefined otherwise. A record run wrote its recording over the store, then appended the
 * night's record to the recording (exit 0; the next replay refused the file); a replay reads every
 * `.har` of the folder, and appended its record to the one it had just read.
 */
export function storeAmongRecordings(store: string, recordingsDir: string, label: string): UsageError | undefined {
  const dir = resolve(recordingsDir);
  if (!basename(resolve(store)).toLowerCase().endsWith('.har') || !sameFolder(dirname(resolve(store)), dir)) return undefined;
  return new UsageError(
    `${label} ${store} is a .har file in the recordings folder ${dir}: a record run writes its recordings there, and a replay reads every .har file of it, so the store's record would be appended to a recording; give the store a file of its own (e.g. .zavu/history.jsonl)`,
  );
}
