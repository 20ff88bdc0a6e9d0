/** Reads a JSON file someone else wrote (a baseline, a shard's report), failing with one usable line. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../model/errors';
import { describeJsonError } from '../text/json-error';

/** The reason an fs error happened, without Node's "ENOENT: …, open '<path>'" noise. */
function fsReason(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return `is a folder, not ${what}`;
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? String(error)})`;
}

/**
 * The parsed content of `file`. `label` names the role in the message ("--baseline"; '' for none), `what` the
 * file expected ("a conformance.json"). Throws UsageError (exit 2) with one line naming the file
 * when it is missing, unreadable, a folder or not JSON (with line and column).
 */
export function readJsonFile(file: string, label: string, what: string): unknown {
  const where = label === '' ? file : `${label} ${file}`;
  let text: string;
  try {
    // A byte-order mark (editors on Windows add one) is not JSON; read-recordings drops it too.
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`${where}: ${fsReason(error, what)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${where}: not JSON at ${describeJsonError(text, error as Error)}`);
  }
}
