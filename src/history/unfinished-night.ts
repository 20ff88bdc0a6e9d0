/**
 * The record of a night that started and did not finish: a run killed outright (SIGKILL, the OOM
 * killer, a machine gone) ran no handler, so it appended nothing, and the store skipped that night
 * as if none was scheduled. The next run that takes over its reports folder's lock knows it started
 * (the lock's `since`) and that it is gone: it appends the night, before its own, as a night not
 * run marked `unfinished`, so every view shows a gap that says so, never a pass or a target's failure.
 *
 * Made by the taker, not by the dead run (a "started" record a finished run would complete): a
 * store shared by the shards of a merge and read by older suites keeps one complete line per
 * night, and no reader pairs lines. The lock is anyone's who could write the folder: the record
 * is made only when the lock names the same night (nightKey: this run's target, mode, store and
 * whether it writes),
 * so its target is this run's own; of the lock's words only a time, a pid, a cut, escaped host, and
 * the dead run's suite version and build when each is of the shape a suite writes (an npm version of
 * at most LOCK_WORD_CHARS, 12 hex), reach the store. Its spec's sha256 stays empty: the lock is taken
 * before the spec is read, so it never names one.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { LOCK_WORD_CHARS, parseHolder, type LockHolder } from '../files/lock-file';
import { SUITE_CLOCK_SKEW_MS } from '../model/scenario';
import { ranWrites, writesField } from '../model/result';
import { isSuiteBuild } from '../package-root';
import { excerpt } from '../text/plain-text';
import { isVersion } from '../text/version-order';
import { stoppedRecordOf, type HistoryRecord, type HistoryRunInfo } from './history-record';
import { inSeries } from './history-window';
import { isTime } from './parse-record';

/**
 * The exit code an unfinished record carries for suites that predate `unfinished` (they read it
 * as a night not run, exit 137): 128 + SIGKILL, how such a run usually ends. New readers show no
 * exit code for it: none was ever seen.
 */
export const UNFINISHED_EXIT_CODE = 137;

/**
 * What a run writes into its folder's lock so the run that takes it over can tell the night is
 * its own kind: the sha256 of the target, the mode and the store (resolved), and for a write run
 * (--allow-writes, or the embedded server's) that it writes (its night is of another series,
 * history-window.ts Series; a read-only run's key is the one a lock of a suite before the field
 * names, an embedded run's without --allow-writes included). A hash, not the words:
 * a lock stays a short line whatever the URL, and nothing of it is read back as text. Given as
 * shown, the keys scrubbed (the runner's nightKeyOf): a hash of guessable words and a short key is
 * no secret of that key.
 */
export function nightKey(target: string, mode: string, store: string, writes = false): string {
  return createHash('sha256').update(JSON.stringify([target, mode, resolve(store), ...(writes ? ['allow-writes'] : [])])).digest('hex');
}

/**
 * The record of the dead run whose lock (`lockText`) the run started at `takenAt` took over and records, or undefined
 * when the lock is not of this night (`key`), names no time this clock could have stamped, or
 * `records` already hold a run of this night (the target and the mode) started since (the dead run
 * appended its own before it was killed, or another taker did).
 */
export function unfinishedRecordOf(lockText: string, key: string, run: Pick<HistoryRunInfo, 'target' | 'mode' | 'allowWrites'>, takenAt: string, records: readonly HistoryRecord[]): HistoryRecord | undefined {
  const holder = parseHolder(lockText);
  if (holder === undefined || holder.night !== key || !Number.isSafeInteger(holder.pid) || !isTime(holder.since)) return undefined;
  const since = Date.parse(holder.since);
  // A start after this run's own (beyond two clocks' skew) is no night before it.
  if (since > Date.parse(takenAt) + SUITE_CLOCK_SKEW_MS) return undefined;
  // Of this night only, as the lock's key names it: its target, its mode and whether it writes (a
  // live run and a record run of one target are two nights, as a read-only gate and a write run are,
  // and one's record says nothing of the other's end); the store is the key's own, `records` read from it.
  const series = { target: run.target, writes: ranWrites(run) };
  if (records.some((r) => inSeries(r, series) && r.run.mode === run.mode && Date.parse(r.run.startedAt) >= since)) return undefined;
  // Escaped and cut (excerpt): a host name is short, and a lock's words are anyone's.
  const host = excerpt(holder.host, LOCK_WORD_CHARS);
  // The run that records it, which may not be the first to take the lock over: a taker stopped
  // before it could append hands the lock back (lock-file.ts handBackFolder), and a later run takes it
  // over again and records it. Which run wrote the record is what the reader can look up (its
  // console and reports say the takeover); who else found the lock on the way, no record knows.
  const reason = `the run (pid ${holder.pid} on ${host}) left its reports folder's lock behind, recorded by the run started at ${takenAt}: killed or lost, no exit code`;
  // Its spec is unknown (no report): empty, as nothing compares a night not run's; its suite, as the lock names it (a lock of an older suite names none: empty, no build). It finished at no known time: its start.
  const { suiteVersion, suiteBuild } = suiteOf(holder);
  const record = stoppedRecordOf({ target: run.target, mode: run.mode, ...writesField(run.allowWrites), specSha256: '', suiteVersion, ...(suiteBuild !== undefined ? { suiteBuild } : {}), startedAt: holder.since, finishedAt: holder.since }, reason, UNFINISHED_EXIT_CODE);
  return { ...record, stopped: { ...record.stopped!, unfinished: true } };
}

/**
 * The suite version and build a dead run's lock names, each only when of the shape a suite writes
 * (inert, bounded: the lock is anyone's file): a version npm takes, of at most LOCK_WORD_CHARS, and a
 * build of 12 hex; else '' and none, as a lock of a suite before the stamp gives.
 */
function suiteOf(holder: LockHolder): { suiteVersion: string; suiteBuild?: string } {
  const version = holder.suiteVersion;
  const build = holder.suiteBuild;
  return {
    suiteVersion: typeof version === 'string' && version.length <= LOCK_WORD_CHARS && isVersion(version) ? version : '',
    ...(isSuiteBuild(build) ? { suiteBuild: build } : {}),
  };
}
