/**
 * The replay's `note:` lines about the recordings themselves: how their --repeat and this run's
 * line up, a recording written by a newer suite than this one, and cases recorded before the
 * role of their sender was kept. Pure: the files as read (or the cases planned from them), the
 * run's --repeat and the suite's version in, lines out.
 */
import { basename } from 'node:path';
import type { PlannedCase } from '../model';
import type { LoadedRecording } from '../recording/read-recordings';
import { plural } from '../text/plain-text';

/** "the recordings" when every file is meant, else their names (a few, then a count). */
function which(files: readonly LoadedRecording[], all: number): string {
  if (files.length === all) return all === 1 ? basename(files[0]?.file ?? '') : 'the recordings';
  const names = files.slice(0, 3).map((r) => basename(r.file));
  return files.length > 3 ? `${names.join(', ')} and ${files.length - 3} more` : names.join(', ');
}

/**
 * What this replay's --repeat does with recordings made with theirs. A recording made with
 * --repeat N holds N attempts of each request (log._zavu.repeat), served in their recorded order:
 * a replay with the same --repeat judges each attempt on its own answer (a flaky case replays as
 * flaky); with fewer it judges the first ones only, and says so; with more, the attempts past the
 * recorded ones get the last again. A recording of one attempt is judged --repeat times alike.
 */
export function repeatNotes(repeat: number, recordings: readonly LoadedRecording[]): string[] {
  const byRepeat = new Map<number, LoadedRecording[]>();
  for (const recording of recordings) byRepeat.set(recording.repeat, [...(byRepeat.get(recording.repeat) ?? []), recording]);
  return [...byRepeat].sort(([a], [b]) => a - b).flatMap(([recorded, files]): string[] => {
    const who = which(files, recordings.length);
    if (recorded === 1) {
      if (repeat === 1) return [];
      // Each attempt is the same recorded exchange: no new latency sample, no new chance to be flaky.
      const of = files.length === recordings.length ? '' : ` of ${who}`;
      return [`--repeat ${repeat} judges each recorded exchange${of} ${repeat} times: its latency is the recording's, and no attempt can differ`];
    }
    const held = `${who}: recorded with --repeat ${recorded} (${recorded} attempts of each request)`;
    if (repeat < recorded) return [`${held}; this replay judges the first ${repeat === 1 ? 'one' : repeat} of each only, --repeat ${recorded} judges them all, in their recorded order`];
    if (repeat > recorded) return [`${held}; --repeat ${repeat} judges the attempts past those ${recorded} on the last recorded one again`];
    return [];
  });
}

/** The numbers of "major.minor.patch" (a pre-release or build suffix ignored), or undefined for anything else. */
function versionParts(version: string): [number, number, number] | undefined {
  const match = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-+].*)?$/.exec(version);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Whether `version` is a later release than `than`; false when either is not a version. */
export function isNewerVersion(version: string, than: string): boolean {
  const a = versionParts(version);
  const b = versionParts(than);
  if (a === undefined || b === undefined) return false;
  const at = a.findIndex((part, i) => part !== b[i]);
  return at !== -1 && (a[at] ?? 0) > (b[at] ?? 0);
}

/**
 * A note naming the recordings a newer suite wrote (log.creator.version): their scenarios and steps
 * this suite does not have are not replayed, and nothing else would say so. A recording from an
 * older suite needs no note: what it lacks, the replay already names (exit 2, record again).
 */
export function newerRecordingNotes(recordings: readonly LoadedRecording[], suiteVersion: string): string[] {
  const newer = recordings.filter((r) => isNewerVersion(r.suiteVersion, suiteVersion));
  if (newer.length === 0) return [];
  const versions = [...new Set(newer.map((r) => r.suiteVersion))].slice(0, 3).join(', ');
  return [`${which(newer, recordings.length)} ${newer.length === 1 ? 'was' : 'were'} recorded by zavu-conformance ${versions}, newer than this suite (${suiteVersion}): cases and steps added since are not replayed; upgrade the suite to replay all of it`];
}

/**
 * The console's word on credential rows replayed from a recording made before the role of their
 * sender was kept (a step still stating statusByRole: withBinding had no role to narrow it to):
 * each is judged as any sender's answer, as before, not as its own sender's alone.
 */
export function unboundRoleNotes(cases: readonly PlannedCase[]): string[] {
  const loose = cases.filter((c) => c.skipReason === undefined && c.steps.some((step) => step.expect.statusByRole !== undefined));
  if (loose.length === 0) return [];
  const ids = loose.map((c) => c.id);
  return [
    `${plural(loose.length, 'case')} recorded without the role ${loose.length === 1 ? 'its' : 'their'} sender was bound to (a recording made before it was kept): ${loose.length === 1 ? 'its' : 'each'} status is judged as any sender's answer, not as its own sender's alone; record again to judge ${loose.length === 1 ? 'it' : 'them'} exactly (${ids.join(', ')})`,
  ];
}
