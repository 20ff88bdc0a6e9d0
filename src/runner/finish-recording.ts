/** After a record run: assemble the scrubbed entries the suite wrote into one HAR file per operation, the files as one set. */
import { removeOrphanedTemps } from '../files/atomic-write';
import { writeFileSetSync } from '../files/file-set';
import { makeDirs } from '../files/make-dirs';
import { join } from 'node:path';
import type { PlannedCase } from '../model';
import { buildHar, harText } from '../recording/har-file';
import { caseOfExchange } from '../model/exchange-id';
import { sinkOverflow } from '../recording/bounded-sink';
import { RecordingError } from '../model/errors';
import { idsInPaths } from '../recording/path-ids';
import { OWNER_KEY } from '../registry/plan-cases';
import type { RecordedContract, RecordedLoss, StoppedCase, ZavuEntry } from '../recording/zavu-fields';
import { suiteVersion } from '../package-root';
import { readJsonLines } from './json-lines';
import { realIsoNow } from '../text/real-clock';

/** The name of an operation's recording, whatever the operation: what record runs write in the recordings folder. */
function isHarName(name: string): boolean {
  return name.endsWith('.har') && name.length > '.har'.length;
}

/**
 * The contract one operation's file was judged by: the spec's identity, and the fingerprint of every
 * operation its cases sent to (a start's sequences read with the status operation, whose contract
 * judged those reads), none other, so a change to an operation the file never sent to is no change for it.
 */
function contractOfFile(contract: RunContract, cases: readonly PlannedCase[]): RecordedContract {
  const used = new Set(cases.flatMap((c) => [c.operationId, ...c.steps.map((step) => step.operationId)]));
  const operations = Object.fromEntries(Object.entries(contract.digests).filter(([id]) => used.has(id)));
  return { specTitle: contract.specTitle, specVersion: contract.specVersion, specSha256: contract.specSha256, operations };
}

/**
 * The run's configured fixtures (role → ids) narrowed to the ids the file's entries' paths hold, as
 * scrubbed (a step's own, a witness read, included): the file keeps no sender id its paths do not
 * hold already. Not the ids its cases were planned with: a case listed as sent whose request never
 * went out (stopped, the target lost) or a sequence's step after a failing one named an id no path
 * holds, and an id with a short key in it (allowed: bind-fixtures.ts KEY_IN_ID_MIN) is in its path
 * only as scrubbed, so its raw form refused the whole recording. Roles left with none are dropped.
 */
function fixturesOfFile(fixtures: Readonly<Record<string, readonly string[]>>, entries: readonly ZavuEntry[]): Record<string, string[]> {
  const held = idsInPaths(entries.map((e) => e._zavu.path));
  return Object.fromEntries(Object.entries(fixtures).flatMap(([role, ids]) => {
    const kept = ids.filter((id) => held.has(id));
    return kept.length > 0 ? [[role, kept]] : [];
  }));
}

/** The contract a record run judged by: the spec's identity and each operation's fingerprint (src/registry/contract-digest.ts). */
export interface RunContract {
  specTitle: string;
  specVersion: string;
  specSha256: string;
  digests: Record<string, string>;
}

/**
 * recordings/<operationId>.har: a new recording of an operation replaces its file whole (git shows
 * the diff), and the run's files replace the folder's as one set (writeFileSetSync): a signal or a
 * full disk meanwhile leaves the earlier recording whole, never one operation's new file beside
 * another's old one, a recording no run made.
 */
export function finishRecording(options: { sink: string; dir: string; cases: readonly PlannedCase[]; target: string; secrets: string[]; repeat?: number; contract?: RunContract; targetLost?: RecordedLoss; stopped?: readonly StoppedCase[]; fixtures?: Readonly<Record<string, readonly string[]>>; tlsUnverified?: boolean; writes?: boolean }): string[] {
  // Answers past what a replay reads were not kept: no file of them could be replayed, and reading them back once died of a string too long.
  const overflow = sinkOverflow(options.sink);
  if (overflow !== undefined) throw new RecordingError(`recording not written: ${overflow}; the recordings folder is left as it was (judge such a target live, without --mode record)`);
  const entries = readJsonLines<ZavuEntry>(options.sink);
  const operationOf = new Map(options.cases.map((c) => [c.id, c.operationId] as const));
  const operationIds = [...new Set(options.cases.map((c) => c.operationId))];
  makeDirs(options.dir);
  // A record run killed while writing an operation's file (SIGKILL) left its temp file in the
  // recordings folder, which a replay skips but nothing else removes; a dead writer's, a minute old, go.
  // Any operation's, not only those planned now: one since removed from the plan (the spec, or
  // --operation) would keep its temp file for good. Only the suite's temp names of a .har file
  // (.<name>.har.<pid>.<12 hex>.tmp) are candidates: a user's own files there are never touched.
  removeOrphanedTemps(options.dir, isHarName);
  const files: { target: string; data: string }[] = [];
  for (const operationId of operationIds) {
    const mine = entries.filter((e) => operationOf.get(caseOfExchange(e._zavu.caseId).caseId) === operationId);
    const skipped = options.cases
      .filter((c) => c.operationId === operationId && c.skipReason !== undefined)
      .map((c) => ({ caseId: c.id, scenario: c.scenario.id, reason: c.skipReason ?? '' }));
    // The negative property's inputs are generated again from a seed, never replayed.
    const sent = options.cases.filter((c) => c.operationId === operationId && c.skipReason === undefined && c.scenario.fuzz === undefined).map((c) => c.id);
    // Each file keeps the stops of the cases it lists as sent: a replay of it alone reports them as
    // the run did (the negative property's, never replayed, are none of its business).
    const stopped = (options.stopped ?? []).filter((stop) => sent.includes(stop.caseId));
    // Planned with the other project's key (ZAVU_OTHER_PROJECT_API_KEY): its replay plans them so too,
    // a case held back before its first request with the key included (no entry of it shows the key).
    const otherProjectKey = options.cases.some((c) => c.operationId === operationId && c.steps.some((step) => step.auth === OWNER_KEY));
    const contract = options.contract === undefined ? undefined : contractOfFile(options.contract, options.cases.filter((c) => c.operationId === operationId));
    const fixtures = options.fixtures === undefined ? undefined : fixturesOfFile(options.fixtures, mine);
    const har = buildHar(mine, { skipped, sent, suiteVersion: suiteVersion(), target: options.target, recordedAt: realIsoNow(), ...(options.repeat !== undefined ? { repeat: options.repeat } : {}), ...(contract !== undefined ? { contract } : {}), ...(options.targetLost !== undefined ? { targetLost: options.targetLost } : {}), stopped, otherProjectKey, ...(fixtures !== undefined ? { fixtures } : {}), ...(options.tlsUnverified === true ? { tlsUnverified: true } : {}), ...(options.writes === true ? { allowWrites: true } : {}) });
    // Each file checked for secrets before any is written: a refusal leaves the folder as it was.
    files.push({ target: join(options.dir, `${operationId}.har`), data: harText(har, options.secrets) });
  }
  writeFileSetSync(files, 'recordings');
  return files.map((file) => file.target);
}
