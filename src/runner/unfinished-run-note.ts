/**
 * The run's note when it took over its reports folder's lock from a run that did not finish (killed
 * outright: SIGKILL, the OOM killer, a machine gone, so no handler marked the folder NOT RUN). The
 * reports that run found there were an earlier run's, and looked like its own; the note says so
 * once, on the console and in summary.md. The lock's words are anyone's who could write the folder:
 * each is cut and escaped, and a pid is shown only as a number.
 */
import { parseHolder } from '../files/lock-file';
import { excerpt } from '../text/plain-text';

/** A host name or an ISO time is short: past this, it is no lock a run wrote. */
const HOLDER_CHARS = 64;

const FOUND = 'taken over by this run): the reports this run found here were from an earlier run, not that one';

export function unfinishedRunNote(lockText: string): string {
  const holder = parseHolder(lockText);
  if (holder === undefined || !Number.isSafeInteger(holder.pid)) return `a run in this folder did not finish (its lock was left behind, naming no holder, ${FOUND}`;
  return `the run that started at ${excerpt(holder.since, HOLDER_CHARS)} (pid ${holder.pid} on ${excerpt(holder.host, HOLDER_CHARS)}) in this folder did not finish (its lock was left behind, ${FOUND}`;
}
