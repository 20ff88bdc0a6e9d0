/**
 * The slips a `--prune-before` is refused for, before anything is removed: a date in the future
 * (2027 typed for 2026), and a date that would remove every run of the store. Either removed the
 * whole history and exited 0; a nightly user who means it deletes the file (or, for one target's
 * runs, says so with --target).
 */
import { UsageError } from '../model/errors';
import { plural } from '../text/plain-text';
import { andNightsNotRun } from '../report/history-text';
import { isStopped } from './history-record';
import type { StoredRecord } from './read-history';

/** Refuses a `--prune-before` after `now`: no run has started after now, so it names every run up to it. */
export function refuseFuturePrune(given: string, before: Date, now: Date): void {
  if (before.getTime() > now.getTime()) {
    throw new UsageError(`--prune-before ${JSON.stringify(given)} is in the future (now ${now.toISOString()}): it would remove every run up to now; give a past date (a typo in the year?)`);
  }
}

/**
 * Refuses a prune without a target that keeps no judged run of a store that held one (the nights
 * not run it keeps are no figures: a date after the last judged run, the newest night the target
 * down, gutted the store as surely), or no record at all of a store of nights not run. With a
 * target, emptying it is what the user asked for by name, and the other targets' runs stay.
 */
export function refuseEmptyingPrune(store: string, records: readonly StoredRecord[], kept: readonly StoredRecord[], before: Date, target: string | undefined): void {
  if (target !== undefined || records.length === 0) return;
  const judged = records.filter((r) => !isStopped(r.record));
  const emptied = judged.length > 0 ? !kept.some((r) => !isStopped(r.record)) : kept.length === 0;
  if (!emptied) return;
  const notRun = records.length - judged.length;
  // Counted as every view counts them ("2 runs and 1 night not run"), dated by the newest run the date passed.
  const newest = (judged.length > 0 ? judged : records).reduce((a, b) => (Date.parse(b.record.run.startedAt) > Date.parse(a.record.run.startedAt) ? b : a)).record.run.startedAt;
  const what = judged.length > 0 ? `every run of ${store} (${plural(judged.length, 'run')}${andNightsNotRun(notRun)}, the newest ${notRun > 0 ? 'run ' : ''}started ${newest})` : `every night not run of ${store} (${plural(notRun, 'night')} not run, the newest started ${newest})`;
  throw new UsageError(
    `--prune-before ${before.toISOString()} would remove ${what}; nothing pruned: give a date on or before the newest run, add --target URL to remove one target's runs, or delete the file to start a new store`,
  );
}
