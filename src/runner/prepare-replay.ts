/**
 * A replay run: no network and no key. Cases come from the scenario rows as today's suite defines
 * them, bound to the fixture values the recording used; every check then runs on the recorded
 * responses (and predicted steps are predicted again from the recorded reads).
 */
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { displayTarget, runSecrets, type RunConfig } from '../config/run-config';
import { RecordingError } from '../model/errors';
import type { OperationContract, PlannedCase, Scenario } from '../model';
import { readRecordings, type LoadedRecording } from '../recording/read-recordings';
import { caseOfExchange } from '../model/exchange-id';
import { RECORDED_SKIP_PREFIX, ranWrites } from '../model/result';
import { recordedCases, type RecordedCase } from '../recording/recorded-cases';
import type { Registry } from '../registry/load-registry';
import { OWNER_KEY, planCase, scenarioStepOf, withBinding } from '../registry/plan-cases';
import { hiddenOfRoles, sourceRoles, variablesOfRoles } from '../registry/bind-fixtures';
import { idsInPaths } from '../recording/path-ids';
import { recordedKeys } from '../recording/recorded-keys';
import type { PreparedRun } from './prepared-run';
import { textScrubber } from './scrub-result';
import { excerpt, listed } from '../text/plain-text';
import { packageRoot, suiteVersion } from '../package-root';
import { contractNotes, isNewerRelease, newerRecordingNotes, repeatNotes, replayedRecordings, unboundRoleNotes, unknownScenarioNotes, unplannedNotes } from './replay-notes';
import type { RunContract } from './finish-recording';

/** The recorded target's base URL: a request URL without the path the suite built. */
function recordedBaseUrl(recordings: readonly LoadedRecording[]): string {
  const entry = recordings.flatMap((r) => r.entries)[0];
  const request = entry?.exchange.request;
  return request && request.url.endsWith(request.path) ? request.url.slice(0, -request.path.length) : 'http://replay.invalid';
}

function planReplay(registry: Registry, only: readonly string[] | undefined, operations: ReadonlyMap<string, OperationContract>, recordings: readonly LoadedRecording[], where: string): PlannedCase[] {
  const scenarioOf = (caseId: string): Scenario | undefined => {
    const [operationId, rest = ''] = caseId.split('/', 2);
    const scenarioId = rest.replace(/\[.*$/, '');
    return registry.operations.find((o) => o.operationId === operationId)?.scenarios.find((s) => s.id === scenarioId);
  };
  const stepOf = (caseId: string, step: string | undefined) => (step === undefined ? undefined : scenarioOf(caseId)?.steps?.find((s) => s.id === scenarioStepOf(step)));
  // A row that writes the operation's path otherwise was recorded under that path.
  const templateOf = (caseId: string, step: string | undefined): OperationContract | undefined => {
    const operation = operations.get(stepOf(caseId, step)?.operation ?? caseId.split('/', 1)[0] ?? '');
    const written = stepOf(caseId, step)?.pathTemplate;
    return operation === undefined || written === undefined ? operation : { ...operation, pathTemplate: written };
  };
  const recorded = recordedCases(
    recordings,
    templateOf,
    (caseId, step) => stepOf(caseId, step)?.path !== undefined,
  );
  const skipped = recordings.flatMap((r) => r.skipped);
  const sent = recordings.flatMap((r) => r.sent ?? []);
  // The cases of a run that had the other project's key (log._zavu.otherProjectKey) were planned
  // with its requests, whether or not one went out: one held back or stopped before its first such
  // request is replayed as that run reported it, not skipped as a run without the key would skip it.
  const withOtherKey = new Set(recordings.filter((r) => r.otherProjectKey === true).flatMap((r) => [...(r.sent ?? []), ...r.entries.map((e) => caseOfExchange(e.caseId).caseId)]));
  const wanted = registry.operations.filter((o) => only === undefined || only.includes(o.operationId));
  // An operation the recordings hold nothing of was not recorded at all (a record run with
  // --operation): say which ones were, as its scenarios would each say "record again".
  const operationOf = (caseId: string): string => caseId.split('/', 1)[0] ?? '';
  const held = new Set([...recorded.keys(), ...skipped.map((s) => s.caseId), ...sent].map(operationOf));
  const absent = wanted.find((o) => !held.has(o.operationId));
  if (absent !== undefined && held.size > 0) {
    // Of every operation, not only those asked for: `--operation X` of one not recorded names the others.
    const recordedIds = registry.operations.map((o) => o.operationId).filter((id) => held.has(id));
    // One value, comma-separated as the flag takes it: a run from code reads `operation a,b`, which
    // its option takes as written, where a flag repeated read `operation a operation b`.
    const replayOthers = recordedIds.length === 0 ? 'what was recorded' : `only the recorded operations with --operation ${recordedIds.join(',')}`;
    // A file named for the operation that holds another's (a recording copied or renamed): that
    // file, and what it holds, say the mistake; "not recorded" alone sends its reader to record again.
    const misnamed = recordings.find((r) => basename(r.file) === `${absent.operationId}.har`);
    if (misnamed !== undefined) {
      // Operations of the suite only: the ids in a file are anyone's text.
      const ofFile = registry.operations.map((o) => o.operationId).filter((id) => misnamed.entries.some((e) => operationOf(e.caseId) === id));
      if (ofFile.length > 0) {
        throw new RecordingError(`${misnamed.file}: named for ${absent.operationId}, it holds no exchange of it, only of ${ofFile.join(', ')} (another operation's recording, copied or renamed?); record ${absent.operationId} with --mode record, or replay ${replayOthers}`);
      }
    }
    throw new RecordingError(`${where}: no exchange of ${absent.operationId} was recorded; record it with --mode record, or replay ${replayOthers}`);
  }
  return wanted
    .flatMap(({ operationId, scenarios }) =>
      scenarios.flatMap((scenario): PlannedCase[] => {
        const id = `${operationId}/${scenario.id}`;
        // The reads with the other project's key are replayed when they were recorded (the key was there to send).
        const plannedAs = (caseId: string, params: Record<string, string>, skipReason?: string, stepParams?: Record<string, Record<string, string>>, ownerReads = false): PlannedCase =>
          planCase(caseId, operationId, scenario, params, operations, skipReason, stepParams, ownerReads);
        if (scenario.fuzz !== undefined) return [plannedAs(id, {}, 'negative inputs are generated live from a seed; replay judges recorded exchanges only')];
        const ofScenario = (caseId: string): boolean => caseId === id || caseId.startsWith(`${id}[`);
        const cases = [...recorded].filter(([caseId]) => ofScenario(caseId));
        // A case the recorded run sent but whose exchanges are gone would leave the replay one case short, in silence.
        const missing = sent.find((caseId) => ofScenario(caseId) && !recorded.has(caseId));
        if (missing !== undefined) throw new RecordingError(`${where}: no recorded exchange for ${missing}, which the recording says was sent; record again with --mode record`);
        // Every instance skipped when recorded (one per fixture sender: start-predicted[snd_a], [snd_b]…), once each.
        const skips = new Map(skipped.filter((s) => ofScenario(s.caseId) && !recorded.has(s.caseId)).map((s) => [s.caseId, s.reason]));
        if (cases.length === 0 && skips.size === 0) throw new RecordingError(`${where}: no recorded exchange for ${id}; record again with --mode record`);
        return [
          ...cases.map(([caseId, c]: [string, RecordedCase]) => {
            const auth = scenario.auth ?? scenario.steps?.[0]?.auth;
            if (c.authVariant !== auth && scenario.steps === undefined) {
              throw new RecordingError(`${where}: ${caseId} was recorded with auth "${c.authVariant}" but scenario ${scenario.id} now sends "${auth ?? 'valid'}"; record again`);
            }
            // A path the scenario now writes otherwise than it was recorded under gives no values back.
            const lost = Object.keys(scenario.path ?? {}).filter((parameter) => !(parameter in c.params));
            // Unless it was never sent: a sequence that failed at a step with a path of its own (a
            // start to the unknown id answered wrongly) stopped before the case's own path went
            // out. Nothing recorded needs its values, and the replay stops where the recording did.
            const neverSent = scenario.steps !== undefined && !c.ownPathSent;
            if (lost.length > 0 && !neverSent) throw new RecordingError(`${where}: ${caseId} was recorded under a path the scenario no longer sends (no {${lost.join('}, {')}} in it); record again`);
            const params = neverSent ? { ...Object.fromEntries(lost.map((parameter) => [parameter, NOT_RECORDED])), ...c.params } : c.params;
            const boundAs = c.boundAs === undefined ? undefined : checkedBinding(caseId, c.boundAs, scenario, registry, where);
            return withBinding(plannedAs(caseId, params, undefined, c.stepParams, c.authVariants.includes(OWNER_KEY) || withOtherKey.has(caseId)), boundAs);
          }),
          ...[...skips].map(([caseId, reason]) => plannedAs(caseId, {}, `${RECORDED_SKIP_PREFIX}${reason}`)),
        ];
      }),
    );
}

/**
 * A recorded binding the scenario can have: each parameter one its path binds through a firstOf
 * role, each role one that firstOf role may take (sourceRoles). Anything else is a recording of
 * another suite's fixtures (or an edit): judged by it, a row would expect a status no role of
 * today's gets.
 */
function checkedBinding(caseId: string, boundAs: Readonly<Record<string, string>>, scenario: Scenario, registry: Registry, where: string): Record<string, string> {
  for (const [parameter, role] of Object.entries(boundAs)) {
    const declared = scenario.path?.[parameter];
    const sources = declared === undefined || registry.roles.get(declared)?.role.firstOf === undefined ? [] : sourceRoles(registry, declared);
    if (!sources.includes(role)) {
      const may = sources.length === 0 ? `the scenario binds no {${parameter}} through a role that takes one of several` : `{${parameter}}'s role ${declared ?? ''} takes one of ${sources.join(', ')}`;
      throw new RecordingError(`${where}: ${caseId} was recorded with {${parameter}} bound to role "${role}", and ${may}; record again`);
    }
  }
  return { ...boundAs };
}

/** Each id → its roles in one file's fixtures, as one word ("noWaba,notActive"): built once, so a file of many ids is read in one pass. */
function rolesById(fixtures: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const roles = new Map<string, string[]>();
  for (const role of Object.keys(fixtures).sort()) for (const id of new Set(fixtures[role])) roles.set(id, [...(roles.get(id) ?? []), role]);
  return new Map([...roles].map(([id, names]) => [id, names.join(',')]));
}

/**
 * The recorded runs' configured fixtures (log._zavu.fixtures), role → ids, of every file that keeps
 * them; undefined when none does (an embedded server's recording, or one made before the field was
 * written): its replay reads a 404 as a run without the variables does, as it always did. Never the
 * replaying machine's variables: they may be unset, or name another target's senders.
 *
 * A folder may hold files of several record runs (--operation), each with its own configuration,
 * and a replay reads one map for all: an id is read by its roles only when every file whose paths
 * hold it keeps the same roles for it (a file keeping none, of a run that had no such variable or
 * recorded before the field, counts). Merged, last week's no-WABA sender that tonight's run had as
 * the other project's read as both in either file; dropped, it reads as a run without the variables.
 */
export function recordedFixtures(recordings: readonly LoadedRecording[]): Record<string, string[]> | undefined {
  // Of the files replayed (--operation): another's, perhaps of another record run, names none of these cases' ids.
  if (!recordings.some((r) => r.fixtures !== undefined)) return undefined;
  const files = recordings.map((r) => ({ held: idsInPaths(r.entries.map((e) => e.exchange.request.path)), fixtures: r.fixtures ?? {}, rolesOf: rolesById(r.fixtures ?? {}) }));
  const agreed = (id: string): boolean => new Set(files.filter((f) => f.held.has(id)).map((f) => f.rolesOf.get(id) ?? '')).size === 1;
  const roles = Object.create(null) as Record<string, string[]>;
  for (const { fixtures } of files) {
    for (const [role, ids] of Object.entries(fixtures)) {
      const kept = ids.filter(agreed);
      if (kept.length > 0) roles[role] = [...new Set([...(roles[role] ?? []), ...kept])];
    }
  }
  return roles;
}

/**
 * A replay's kind (runInfo.allowWrites: its baseline's kind, its history series): its recordings',
 * --allow-writes or not, for a replay sends nothing and judges what was recorded. A write run's
 * file says so (log._zavu.allowWrites); one made before the field reads as its run's report would
 * (model/result.ts ranWrites: the embedded server's took every write). Of the files replayed only
 * (--operation): another's record run judged none of these cases. Of files of several record runs,
 * a write run when any is one: its write cases are judged.
 */
export function replayWrites(recordings: readonly LoadedRecording[], only: readonly string[] | undefined): boolean {
  return replayedRecordings(recordings, only).some((r) => ranWrites({ allowWrites: r.allowWrites, target: r.target, mode: 'record' }));
}

/** The value of a path parameter the recorded run never sent: a step that would need it has no recorded exchange either. */
const NOT_RECORDED = 'zvc-not-recorded';

/**
 * Settings a replay has no use for, named in its banner: a user who gave --base-url must not think it was the target.
 * Every note here goes to the report too (runInfo.notes), each for a reason a reviewer needs:
 * the unused flags (the CI job's --base-url was not what was judged), --repeat against the
 * recordings' (no attempt can differ: no flakiness, the recording's latency), a newer suite's
 * recordings and one of an operation the suite no longer has (cases not replayed, in silence
 * otherwise), and a contract changed since (a failure may be the contract's change).
 */
function unusedInReplay(config: RunConfig, recordings: readonly LoadedRecording[], contract: RunContract | undefined, registry: Registry): string[] {
  const known = registry.operations.map((o) => o.operationId);
  const replayed = registry.operations.filter((o) => config.operations === undefined || config.operations.includes(o.operationId));
  const unused = [
    ...(config.baseUrl !== undefined ? ['--base-url'] : []),
    ...(config.allowWrites ? ['--allow-writes'] : []),
    ...(config.mockTarget ? ['--mock-target'] : []),
    ...(config.ratePerSecond !== undefined ? ['--rate'] : []),
    ...(config.writeSettleMs > 0 ? ['--write-settle-ms'] : []),
  ];
  const named = listed(unused);
  // A newer suite's recording: what this suite lacks of it is newerRecordingNotes' one word.
  const older = recordings.filter((r) => !isNewerRelease(r.suiteVersion, suiteVersion()));
  return [
    ...(unused.length === 0 ? [] : [`${named} not used: a replay judges the recorded answers and sends nothing`]),
    ...repeatNotes(config.repeat, recordings),
    ...newerRecordingNotes(recordings, suiteVersion()),
    // A recording's own words (its spec's title) and the spec's path are in some: the run scrubs
    // every note of the keys once, for the console and the report alike (run-conformance.ts).
    ...unplannedNotes(older, known, config.operationsDir, recordings.length),
    ...unknownScenarioNotes(replayedRecordings(older, config.operations), new Map(replayed.map((o) => [o.operationId, o.scenarios.map((s) => s.id)])), config.operationsDir, recordings.length),
    ...(contract === undefined ? [] : contractNotes(replayedRecordings(recordings, config.operations), contract, config.specPath, recordings.length)),
  ];
}

/** A recorded target as the banner shows it: without user-info when it is a URL, as written when it is not one. */
function shownTarget(target: string): string {
  try {
    return target.startsWith('http') ? displayTarget(target) : target;
  } catch {
    return target;
  }
}

/**
 * The recordings, or an error that points at the package's own when the folder is missing: an
 * installed suite resolves --recordings from where it runs, and its shipped recordings are elsewhere.
 * Only a missing folder (ENOENT) gets the pointer, and keeps its `path` and `code`: one the file
 * system refused (EACCES) is no other folder's to find. Exported for its tests.
 */
export function recordingsOf(dir: string): LoadedRecording[] {
  try {
    return readRecordings(dir);
  } catch (error) {
    const shipped = join(packageRoot, 'recordings');
    if (!(error instanceof RecordingError) || error.code !== 'ENOENT' || error.path !== dir || existsSync(dir) || shipped === dir || !existsSync(shipped)) throw error;
    throw new RecordingError(`${error.message} (the suite's own recordings of its embedded server: --recordings ${shipped})`, { path: dir, code: error.code });
  }
}

/** The note of a replay whose recordings were made with no certificate verified (log._zavu.tlsUnverified). */
const UNVERIFIED_RECORDING = 'recorded with NODE_TLS_REJECT_UNAUTHORIZED=0: Node verified no TLS certificate when these answers were recorded, so they may not have come from the recorded target';

/** `contract`: the one this replay judges by, to name the recordings made when an operation's was otherwise. */
export function prepareReplay(config: RunConfig, registry: Registry, operations: ReadonlyMap<string, OperationContract>, contract?: RunContract): PreparedRun {
  const recordings = recordingsOf(config.recordingsDir);
  const cases = planReplay(registry, config.operations, operations, recordings, config.recordingsDir);
  // Of every file read, not only those replayed: a note may name any of them.
  const keys = recordedKeys(recordings);
  const hide = textScrubber([...runSecrets(config), ...keys]);
  // The recording's own word for its target: a file someone may have edited, so bounded, inert and without a key.
  const target = excerpt(hide(recordings[0]?.target ?? 'unknown target'), 200);
  // The variables the live run named a 404 to one of its senders by, through today's roles: the
  // recording keeps role names and ids, and the words shown are the registry's (an id is escaped where shown).
  const fixtures = recordedFixtures(replayedRecordings(recordings, config.operations));
  // The recorded run's answers came over TLS Node did not verify: the replay's verdict rests on them.
  const unverified = replayedRecordings(recordings, config.operations).some((r) => r.tlsUnverified === true);
  return {
    baseUrl: recordedBaseUrl(recordings),
    cases,
    fixtures: [],
    exampleFixtures: [],
    // Only the cases' 404 readings use them here: the negative property, which also would, is not replayed.
    hiddenFixtures: fixtures === undefined ? [] : hiddenOfRoles(fixtures, registry),
    ...(fixtures !== undefined ? { fixtureVariables: variablesOfRoles(fixtures, registry) } : {}),
    writes: replayWrites(recordings, config.operations),
    // Relative paths: the same recording reports the same target on every machine.
    // The files' names too: recordedKeys read them, and a file named after a key is in the history's record, the certificate, every report.
    targetLabel: `replay of ${target} from ${hide(recordings.map((r) => relative(process.cwd(), r.file) || r.file).join(', '))}`,
    banner: `recordings in ${hide(config.recordingsDir)} (recorded from ${shownTarget(target)})`,
    // The rows recorded before their sender's role was kept are judged by a looser rule: the verdict's to qualify (runInfo.notes).
    notes: [...(unverified ? [UNVERIFIED_RECORDING] : []), ...unusedInReplay(config, recordings, contract, registry), ...unboundRoleNotes(cases)],
    ...(unverified ? { tlsUnverified: true } : {}),
    ...(keys.length > 0 ? { recordedKeys: keys } : {}),
    close: async () => undefined,
  };
}
