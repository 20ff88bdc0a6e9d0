/**
 * A set of files that must change together (generated schemas that `$ref` one another, a record
 * run's recording of each operation): each file written to a temp file beside it first, then all
 * renamed over their targets, or none.
 */
import { renameSync, rmSync } from 'node:fs';
import { UsageError } from '../model/errors';
import { firstLineOf } from '../text/plain-text';
import { keepAsideSync, renameTempFileSync, writeTempFileSync, type AtomicWriteFsSync } from './atomic-write';

/** How a caller puts a file system's refusal of `path` in words (its own errors); by default, as it comes. */
export type Attempt = <T>(path: string, action: () => T) => T;

const asItComes: Attempt = (_path, action) => action();

/**
 * Renames each temp file over its target, all or none: a rename can still be refused part-way (a
 * file made immutable, a folder where a file goes, a network share's EACCES), and the files renamed
 * before it would be a new set's beside the old set's rest. So each target's old content is kept
 * aside first (a hard link: the target stays in place meanwhile), and a refusal puts back every
 * target already renamed (a target that was new is removed) before the error goes up. The asides
 * are removed either way; no temp file is left. A SIGKILL in the middle is not covered (nothing runs).
 * `what` names the files in the line that says a refusal left them mixed ("schemas").
 */
function renameAllOrNone(pending: { temp: string; target: string }[], what: string, attempt: Attempt = asItComes, io?: AtomicWriteFsSync): void {
  const steps: { temp: string; target: string; aside: string | undefined; renamed: boolean }[] = [];
  try {
    for (const { temp, target } of pending) steps.push({ temp, target, aside: attempt(target, () => keepAsideSync(target)), renamed: false });
    for (const step of steps) {
      attempt(step.target, () => renameTempFileSync(step.temp, step.target, io));
      step.renamed = true;
    }
  } catch (error) {
    const notPutBack: string[] = [];
    for (const step of [...steps].reverse()) {
      if (!step.renamed) continue;
      try {
        if (step.aside === undefined) rmSync(step.target, { force: true });
        else renameSync(step.aside, step.target);
      } catch {
        notPutBack.push(step.target);
      }
    }
    for (const { temp } of pending) rmSync(temp, { force: true });
    // An aside that could not be put back is the only copy of that file's old content: left, for the user.
    for (const step of steps) if (step.aside !== undefined && !notPutBack.includes(step.target)) rmSync(step.aside, { force: true });
    // Putting back is renames in a folder the set was just renamed into: a refusal there too is said, not hidden.
    if (notPutBack.length > 0) throw new UsageError(`${firstLineOf(error)}; and ${notPutBack.join(', ')} could not be put back: the folder holds new and old ${what} mixed (the old ones are beside them, as temp files)`);
    throw error;
  }
  for (const step of steps) if (step.aside !== undefined) rmSync(step.aside, { force: true });
}

/**
 * Writes every file of the set (target → data), all or none, synchronously: every temp file is
 * written and flushed before any is renamed (a full disk part-way leaves the old set whole), then
 * renameAllOrNone. Synchronous on purpose: a signal's handler runs between two turns of the event
 * loop, never inside this, so a signal that comes meanwhile finds the old set or the whole new one.
 */
export function writeFileSetSync(files: readonly { target: string; data: string }[], what: string, attempt: Attempt = asItComes, io?: AtomicWriteFsSync): void {
  const pending: { temp: string; target: string }[] = [];
  try {
    for (const { target, data } of files) pending.push({ temp: attempt(target, () => writeTempFileSync(target, data, io)), target });
  } catch (error) {
    for (const { temp } of pending) rmSync(temp, { force: true });
    throw error;
  }
  renameAllOrNone(pending, what, attempt, io);
}
