/** Reads a JSON file someone else wrote (a baseline, a shard's report), failing with one usable line. */
import { UsageError } from '../model/errors';
import { describeJsonError } from '../text/json-error';
import { readInputFile, unreadFile } from './read-input-file';

/**
 * The parsed content of `file`. `label` names the role in the message ("--baseline"; '' for none), `what` the
 * file expected ("a conformance.json"). Throws UsageError (exit 2) with one line naming the file
 * when it is missing, unreadable, a folder, not a regular file, too large or not JSON (with line and column);
 * the file is its `path`, with the file system's `code` when that refused it.
 */
export function readJsonFile(file: string, label: string, what: string): unknown {
  const where = label === '' ? file : `${label} ${file}`;
  let text: string;
  try {
    // A byte-order mark (editors on Windows add one) is not JSON; read-recordings drops it too.
    text = readInputFile(file, undefined, what, { json: true }).toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`${where}: ${(error as Error).message}`, unreadFile(file, error));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${where}: not JSON at ${describeJsonError(text, error as Error)}`, { path: file });
  }
}
