/**
 * The replay's `note:` lines about the recordings themselves: how their --repeat and this run's
 * line up, a recording written by a newer suite than this one, one made when the contract of an
 * operation it sent to was otherwise, and cases recorded before the role of their sender was kept.
 * Pure: the files as read (or the cases planned from them), the run's --repeat, the suite's
 * version and today's contract in, lines out.
 */
import { basename } from 'node:path';
import type { PlannedCase } from '../model';
import type { LoadedRecording } from '../recording/read-recordings';
import { caseOfExchange } from '../model/exchange-id';
import { compareCodeUnits, excerpt, listed, plural } from '../text/plain-text';
import { listedFirst, shownAndRest } from '../text/shown-and-rest';
import { isNewerVersion } from '../text/version-order';
import type { RunContract } from './finish-recording';

/** The most characters of a recording's file name a note shows: more than any name a record run writes. */
const FILE_NAME_CHARS = 80;

/**
 * A recording's file name as a note shows it: bounded, and inert. A file name may hold anything
 * but "/" and NUL (an escape sequence, a newline, a bidi override, a megabyte on some file
 * systems), and a note goes to the console and to every report (markup there is the renderer's to escape).
 */
function shownName(file: string): string {
  return excerpt(basename(file), FILE_NAME_CHARS);
}

/**
 * "the recordings" when every file is meant, else their names (a few, then a count). `all` is how
 * many files the replay was given: a note over a part of them (the files --operation replays, those
 * an older suite wrote) passes the whole count, or its "the recordings" reads as every file given.
 */
function which(files: readonly LoadedRecording[], all: number): string {
  if (files.length === all) return all === 1 ? shownName(files[0]?.file ?? '') : 'the recordings';
  return listedFirst(files.map((r) => shownName(r.file)), 3);
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

/**
 * A version as its release ("9.0.0-rc.1+x" → "9.0.0"), or undefined for anything else: a recording's
 * creator is read leniently (whatever follows - or + set aside, escaped when quoted), so a newer
 * suite's recording is named however its build spells the rest.
 */
function releaseOf(version: string): string | undefined {
  const match = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-+].*)?$/.exec(version);
  return match === null ? undefined : `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}`;
}

/** Whether `version` is a later release than `than` (text/version-order.ts's order of their releases); false when either is not a version. */
export function isNewerRelease(version: string, than: string): boolean {
  const a = releaseOf(version);
  const b = releaseOf(than);
  return a !== undefined && b !== undefined && isNewerVersion(a, b);
}

/**
 * A note naming the recordings a newer suite wrote (log.creator.version): their scenarios and steps
 * this suite does not have are not replayed, and nothing else would say so. It is their one word:
 * the notes on cases of operations or scenarios the suite lacks are for older recordings ("no
 * longer has", "remove them" would tell a newer suite's additions as removed, and say it twice). A recording from an
 * older suite needs no note: what it lacks, the replay already names (exit 2, record again).
 */
export function newerRecordingNotes(recordings: readonly LoadedRecording[], suiteVersion: string): string[] {
  const newer = recordings.filter((r) => isNewerRelease(r.suiteVersion, suiteVersion));
  if (newer.length === 0) return [];
  // A file's own words (a pre-release suffix may hold anything, an escape sequence, megabytes): bounded and inert.
  const versions = [...new Set(newer.map((r) => r.suiteVersion))].slice(0, 3).map((version) => excerpt(version, 40)).join(', ');
  return [`${which(newer, recordings.length)} ${newer.length === 1 ? 'was' : 'were'} recorded by zavu-conformance ${versions}, newer than this suite (${suiteVersion}): cases and steps added since are not replayed; upgrade the suite to replay all of it`];
}

/**
 * A note naming the recordings made when the contract of an operation their cases sent to was
 * otherwise (log._zavu.contract: each operation's fingerprint, src/registry/contract-digest.ts):
 * their answers are judged by today's contract, as they should be, but a reader of a failure must
 * be told it may be the contract's change since, not the target's. An operation whose fingerprint
 * is unchanged needs no word, whatever else of the spec file changed (a comment, another operation).
 * A recording older than the field cannot tell and gets none. A recording's own words (its spec
 * title, which a hand may have edited) are bounded and inert here; the caller removes the key.
 */
export function contractNotes(recordings: readonly LoadedRecording[], today: RunContract, specPath: string, all = recordings.length): string[] {
  const changedIn = (r: LoadedRecording): string[] =>
    Object.entries(r.contract?.operations ?? {})
      .filter(([id, digest]) => Object.hasOwn(today.digests, id) && today.digests[id] !== digest)
      .map(([id]) => id);
  const stale = recordings.filter((r) => changedIn(r).length > 0);
  if (stale.length === 0) return [];
  const operations = [...new Set(stale.flatMap(changedIn))].sort();
  // The spec each was recorded with, once each (a folder may hold files of several record runs).
  const specs = [...new Map(stale.map((r) => [r.contract?.specSha256 ?? '', r.contract] as const)).values()].flatMap((c) => (c === undefined ? [] : [c]));
  const { shown, rest } = shownAndRest(specs, 2);
  const recordedWith = shown.map((c) => `${excerpt(`${c.specTitle} ${c.specVersion}`, 80)}, sha256 ${c.specSha256.slice(0, 12)}`).join('; ');
  const more = rest > 0 ? ` and ${rest} more` : '';
  const one = stale.length === 1;
  return [
    `${which(stale, all)} ${one ? 'was' : 'were'} made when the contract of ${listed(operations)} differed from today's (recorded with ${recordedWith}${more}; judged now by ${specPath}, sha256 ${today.specSha256.slice(0, 12)}): a failure there may be the contract's change, not the target's; record again (--mode record) to judge the target's answers by this contract`,
  ];
}

/** The operation a case id (or an exchange id) is of: its part before the first "/". */
function operationOfCase(id: string): string {
  return id.split('/', 1)[0] ?? '';
}

/** The operations a recording holds cases of: recorded, sent or skipped. */
function operationsOf(recording: LoadedRecording): string[] {
  const ids = [...recording.entries.map((e) => e.caseId), ...(recording.sent ?? []), ...recording.skipped.map((s) => s.caseId)];
  return [...new Set(ids.map(operationOfCase))];
}

/**
 * The recordings a replay judges a case of: every one, or with --operation (`only`) those holding
 * a case of an operation asked for. A note about the others (a contract changed since) would name
 * a file whose answers this run does not judge.
 */
export function replayedRecordings(recordings: readonly LoadedRecording[], only: readonly string[] | undefined): LoadedRecording[] {
  return only === undefined ? [...recordings] : recordings.filter((r) => operationsOf(r).some((id) => only.includes(id)));
}

/** The cases a recording holds, once each: recorded (a sequence's steps as their case), sent or skipped. */
function casesOf(recording: LoadedRecording): string[] {
  return [...new Set([...recording.entries.map((e) => caseOfExchange(e.caseId).caseId), ...(recording.sent ?? []), ...recording.skipped.map((s) => s.caseId)])];
}

/** "X, which is no operation of dir" / "X and Y, which are no operations of dir": at most 3 named, bounded and inert. */
function noOperations(ids: readonly string[], operationsDir: string): string {
  const shown = listedFirst(ids.map((id) => excerpt(id, 80)), 3);
  return `${shown}, which ${ids.length === 1 ? 'is no operation' : 'are no operations'} of ${operationsDir}`;
}

/**
 * Notes naming the recordings that hold cases of an operation this suite has no data for (one
 * since removed from operations/, or renamed): those cases are not replayed, yet the report's
 * target lists their files among those replayed, and nothing else would say so. A file of nothing
 * else is named as not replayed; one whose other cases are replayed (a log._zavu.sent or skipped
 * list naming a case of such an operation beside its own) names those cases alone, as the file
 * was replayed. Operations left out with --operation are the user's choice and need no word:
 * `known` is every operation of the suite.
 */
export function unplannedNotes(recordings: readonly LoadedRecording[], known: readonly string[], operationsDir: string, all = recordings.length): string[] {
  const unknownIn = (r: LoadedRecording): string[] => operationsOf(r).filter((id) => !known.includes(id));
  const orphans = recordings.filter((r) => unknownIn(r).length > 0);
  if (orphans.length === 0) return [];
  const whole = orphans.filter((r) => operationsOf(r).every((id) => !known.includes(id)));
  const partly = orphans.filter((r) => !whole.includes(r));
  const notes: string[] = [];
  if (whole.length > 0) {
    const ids = [...new Set(whole.flatMap(unknownIn))].sort(compareCodeUnits);
    const one = whole.length === 1;
    notes.push(`${which(whole, all)} ${one ? 'holds' : 'hold'} cases of ${noOperations(ids, operationsDir)}: not replayed; remove ${one ? 'it' : 'them'}, or record again if the operation was renamed`);
  }
  if (partly.length > 0) {
    const ids = [...new Set(partly.flatMap(unknownIn))].sort(compareCodeUnits);
    const cases = [...new Set(partly.flatMap(casesOf).filter((id) => ids.includes(operationOfCase(id))))].sort(compareCodeUnits);
    const shownCases = listedFirst(cases.map((id) => excerpt(id, 80)), 3);
    const one = partly.length === 1;
    const single = cases.length === 1;
    notes.push(
      `${which(partly, all)}: ${plural(cases.length, 'case')} of ${noOperations(ids, operationsDir)}, ${single ? 'is' : 'are'} not replayed (${shownCases}); ${one ? 'its' : 'their'} other cases are; remove ${single ? 'it' : 'them'} from the ${one ? 'file' : 'files'}, or record again if the operation was renamed`,
    );
  }
  return notes;
}

/**
 * Notes naming the cases a recording holds of an operation this suite has, under a scenario it no
 * longer has (one removed from operations/, or renamed): the replay plans the operation's scenarios
 * of today, so such a case is judged by nothing, and the report would count fewer cases than the
 * file holds, in silence. `scenarios` is every scenario id of each operation the run replays (an
 * operation left out with --operation is the user's choice and needs no word). A case is of a
 * scenario as the replay plans it: its id, or its id and "[" (one instance per fixture sender).
 */
export function unknownScenarioNotes(recordings: readonly LoadedRecording[], scenarios: ReadonlyMap<string, readonly string[]>, operationsDir: string, all = recordings.length): string[] {
  const planned = (caseId: string): boolean => {
    const ids = scenarios.get(operationOfCase(caseId));
    if (ids === undefined) return true;
    const rest = caseId.slice(operationOfCase(caseId).length + 1);
    return ids.some((id) => rest === id || rest.startsWith(`${id}[`));
  };
  const strays = recordings.map((r) => ({ r, cases: casesOf(r).filter((id) => !planned(id)).sort(compareCodeUnits) })).filter((s) => s.cases.length > 0);
  if (strays.length === 0) return [];
  const cases = [...new Set(strays.flatMap((s) => s.cases))].sort(compareCodeUnits);
  const operations = [...new Set(cases.map(operationOfCase))].sort(compareCodeUnits);
  const files = strays.map((s) => s.r);
  const one = cases.length === 1;
  return [
    `${which(files, all)}: ${plural(cases.length, 'case')} of ${listedFirst(operations.map((id) => excerpt(id, 80)), 3)} under ${one ? 'a scenario' : 'scenarios'} ${operationsDir} no longer ${one ? 'has' : 'have'} ${one ? 'is' : 'are'} not replayed (${listedFirst(cases.map((id) => excerpt(id, 80)), 3)}); remove ${one ? 'it' : 'them'} from the ${files.length === 1 ? 'file' : 'files'}, or record again if the scenario was renamed`,
  ];
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
