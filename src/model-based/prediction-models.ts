/**
 * Model-based expectations: a write's answer predicted from the state read just before it, so the
 * suite is right on a fresh server and on a live sandbox that remembers last night. The model is
 * the order of checks for a start (authentication, sender, WABA, coexistence, then): not active →
 * in progress → rate limit → 202 with the part pending. A part read in flight may have finished by
 * the time the start arrives, so its refusal may name either; and where two refusals both hold (an
 * account not active with a part in flight) either may be answered: the contract lists its 400
 * examples, it orders none of them.
 */
import type { ResolvedAssertion, ResolvedExpectation } from '../model';
import { isRecord } from '../openapi/is-record';
import { appendPointer } from '../openapi/json-pointer';
import { predictFromRefusedRead } from './refused-read';
import { requestedDuring } from './requested-during';
import { afterStart, partOf, reachableFrom, syncOf, SYNC_PARTS } from './sync-lifecycle';
import { comparableChallenge } from '../text/comparable-challenge';
import { comparedNames } from '../text/request-id-name';
import { comparableMessage } from '../text/comparable-message';
import type { AnswerForm } from '../text/answer-form';

/** What a step saw: its status and its parsed JSON body (undefined when none). */
export interface Observation {
  status?: number;
  body?: unknown;
  /** The observation the step itself was predicted from, for models that look two steps back. */
  predictedFrom?: Observation;
  /** The request's path and query as sent: the id it asked for, which its answer may name. */
  path?: string;
  /** The answer's WWW-Authenticate challenge, when it had one. */
  challenge?: string;
  /** The answer's form (text/answer-form.ts): the contract's JSON error, or the media type sent in its place, or no body. */
  form?: AnswerForm;
  /**
   * The documented example of its own status whose words the answer gave ("no_waba"): the reason a
   * refusal told in the contract's words, which a start predicted from a refused read is judged by.
   */
  example?: string;
  /** The answer's Date header, as sent: the server's clock when it answered. */
  date?: string;
  /** The suite's clock when it sent the request (RFC 3339). */
  sentAt?: string;
}

/** A prediction, or why none can be made (reported as an error of the suite's evidence, not the target). */
export type Prediction = { expect: ResolvedExpectation } | { unpredictable: string };

export interface PredictionModel {
  parts: readonly string[];
  predict(part: string, from: Observation): Prediction;
  /**
   * Its status is the point (the same as the answer compared with): it wins over the step's stated
   * one and the statuses stated beside it, which stand only when the step it is predicted from was
   * left out (planCase).
   */
  statusBinds?: true;
  /**
   * The success it predicts when the state allows it (a start's 202): what a skipped sequence keeps
   * as its expected status, so a run whose only such case was skipped knows a success was never
   * asked for (report/regression-text unseenSuccessNotes), rather than that every one was refused.
   */
  successStatus?: number;
}

/** True/false values of an unknown id's answer compared with another answer's, at most. */
const MAX_COMPARED_FLAGS = 20;

/**
 * How far a 202's requestedAt may be from the Date of the answer that reports it: well under an
 * hour, the smallest time-zone offset, so local wall time written as UTC ("…Z" an hour off, a
 * server in CET or BST) fails, while clock drift between a server's database and its front (seconds)
 * passes.
 */
export const REQUESTED_JUST_NOW_MS = 900_000;

/**
 * How far the read after an accepted start may show its requestedAt from the one the 202 showed:
 * one request, timed by two clocks (the API host's, the database's DEFAULT now()), milliseconds
 * apart; a time from another record, or another request, is hours or days off.
 */
export const TWO_CLOCKS_ONE_REQUEST_MS = 5_000;

/**
 * How far an accepted start's requestedAt may stand outside the span of its own request (after the
 * read before it was answered, before the 202 was): the time is the database's or a worker's clock,
 * the bounds the front's Date and the suite's own, so this is two hosts' clocks, not one request's.
 * A minute: NTP keeps hosts within milliseconds, and one whose NTP stopped is minutes off (the
 * catalogue's ten), which is a wrong time a client reads; seconds of drift are no breach anyone
 * would act on, and failing them would fail a right server for its hosting.
 */
export const REQUESTED_DURING_MS = 60_000;

const assertion = (pointer: string, because: string, rule: Omit<ResolvedAssertion, 'pointer' | 'because' | 'check'>): ResolvedAssertion => ({ pointer, because, check: 'state-prediction', ...rule });

/** The states of a part in flight: they move on by themselves. */
const IN_FLIGHT = ['pending', 'syncing'] as const;
/**
 * The refusals of a start that meets its part in flight: `in_progress`, or `rate_limit` when it has
 * finished since (a live sandbox keeps syncing) and reached its limit. The engine judges the copies
 * of a concurrent start that were not accepted by the same list.
 */
export const IN_FLIGHT_REFUSALS: readonly string[] = ['in_progress', 'rate_limit'];
const inFlight = (status: unknown): boolean => IN_FLIGHT.some((state) => state === status);

/** A part at rest (not in flight): nothing but a start of its own may change it. */
const atRest = (part: string, status: unknown): status is string => typeof status === 'string' && reachableFrom(part, status).length === 1;

/**
 * What a request time that was `requestedAt` must still be, or nothing to hold: a string names the
 * same instant however spelled; null (never requested) stays null on a part at rest, as a start of
 * the other part, a refused start or a start to another sender must not request it. Left out, an
 * optional field claims nothing either way.
 */
function requestedAtHeld(pointer: string, because: string, part: string, was: { status?: unknown; requestedAt?: unknown }, whenStatus: number): ResolvedAssertion[] {
  if (typeof was.requestedAt === 'string') return [assertion(pointer, because, { whenStatus, sameInstant: was.requestedAt, ifPresent: true })];
  if (was.requestedAt === null && atRest(part, was.status)) return [assertion(pointer, `${because} (it was never requested: null)`, { whenStatus, oneOf: [null], ifPresent: true })];
  return [];
}

/** A history still in flight shows no completion time (null, or left out): it has not completed since. */
function uncompletedWhileInFlight(part: string, because: string, whenStatus: number): ResolvedAssertion {
  return assertion(`/sync/${part}/completedAt`, because, { whenStatus, oneOf: [null], ifPresent: true, when: { pointer: `/sync/${part}/status`, oneOf: [...IN_FLIGHT] } });
}

/**
 * What a history completion time that was `completedAt` must still be on a part at rest (a part in
 * flight may complete, and then gets one): the same instant however spelled, or null kept null.
 */
function completedAtHeld(pointer: string, because: string, part: string, was: { status?: unknown; completedAt?: unknown }, whenStatus: number): ResolvedAssertion[] {
  if (part !== 'history') return [];
  // In flight with no completion time: none while still in flight (a completion brings one; a
  // restart that keeps the last one needs a completion and a new start in between, which the
  // sync limit forbids within seconds).
  if (inFlight(was.status)) return was.completedAt === null ? [uncompletedWhileInFlight(part, `${because} (it was in flight, never completed: null, and a sync still in flight has not been completed since)`, whenStatus)] : [];
  if (!atRest(part, was.status)) return [];
  if (typeof was.completedAt === 'string') return [assertion(pointer, because, { whenStatus, sameInstant: was.completedAt, ifPresent: true })];
  if (was.completedAt === null) return [assertion(pointer, `${because} (it was never completed: null)`, { whenStatus, oneOf: [null], ifPresent: true })];
  return [];
}

/**
 * The other part and the account must not change because of this part's start (in-flight states
 * may advance). `earlier`, the read before the start, fills in what `sync` leaves out: a 202 may
 * omit the other part's optional requestedAt, and the read after must not move it all the same.
 */
function untouched(sync: Record<string, unknown>, part: string, status: number, earlier?: Record<string, unknown>, sameSender = true, by = `a ${part} start`): ResolvedAssertion[] {
  const rules: ResolvedAssertion[] = [];
  for (const other of SYNC_PARTS.filter((p) => p !== part)) {
    const was = partOf(sync, other).status;
    if (typeof was === 'string') rules.push(assertion(`/sync/${other}/status`, `${by} leaves ${other} as it was (${was})`, { whenStatus: status, oneOf: reachableFrom(other, was) }));
    // Syncing on does not request again: the other part's request time stays, however it is spelled.
    const shown = partOf(sync, other);
    const held = shown.requestedAt === undefined && earlier !== undefined ? { status: was, requestedAt: partOf(earlier, other).requestedAt } : shown;
    rules.push(...requestedAtHeld(`/sync/${other}/requestedAt`, `${by} does not request ${other} again`, other, held, status));
    // The completion time read before is judged with the status it was read with: in flight then,
    // the part may have completed since (a 202 showing it completed, its new time left out), and a
    // null read while in flight says nothing of the read after.
    const completed = shown.completedAt === undefined && earlier !== undefined ? { status: partOf(earlier, other).status, completedAt: partOf(earlier, other).completedAt } : shown;
    rules.push(...completedAtHeld(`/sync/${other}/completedAt`, `${by} does not complete ${other}, nor clear when it completed`, other, completed, status));
  }
  // Of the sender started only: another account's status moves on by itself (a registration
  // completes, a connection drops), whatever a start elsewhere did.
  if (sameSender && typeof sync['status'] === 'string') rules.push(assertion('/sync/status', `${by === `a ${part} start` ? 'a start' : by} does not change the account status`, { whenStatus: status, equals: sync['status'] }));
  return rules;
}

/**
 * A history just started and still in flight was not completed since: it shows no completion time,
 * when it had none before (a restart may keep the last completion's time, or clear it). `was` is the
 * history the prediction knows from before: null there is none; left out (an optional field, which
 * claims nothing) it is unknown, and may be a last completion kept, unless the history was never
 * requested (then it has none: not-requested-has-no-times).
 */
function notCompletedYet(part: string, was: { status?: unknown; completedAt?: unknown }, whenStatus: number): ResolvedAssertion[] {
  const none = was.completedAt === null || (was.completedAt === undefined && was.status === 'not_requested');
  if (part !== 'history' || !none) return [];
  return [uncompletedWhileInFlight(part, 'a history sync started and still in flight has not been completed (it had no completion time before the start)', whenStatus)];
}

/** The status of a start accepted. */
const START_ACCEPTED = 202;

/** startWhatsApp{History,Contacts}Sync on a coexistence sender whose state `from` read. */
function predictStart(part: string, from: Observation): Prediction {
  // A read refused 400 (a sender without a WABA, or not in coexistence mode): that refusal is the state.
  if (from.status === 400) return predictFromRefusedRead(part, from);
  const sync = syncOf(from.body);
  if (sync === undefined) return { unpredictable: `the step it is predicted from saw no sync status (status ${from.status ?? 'none'})` };
  const { status: partStatus, canSync } = partOf(sync, part);
  // Every refusal the state read allows, and only those: the documented words of another reason
  // name one that state rules out (error-message-documented).
  const refuse = (examples: string[], because: string): Prediction => ({ expect: { status: 400, examples, examplesFromState: true, because, assert: [] } });
  // Not active with the part in flight, both refusals hold, and the contract orders no two
  // refusals (its examples are a list, not a precedence): in progress, or its limit reached since,
  // is as true as not active. At rest, canSync false is the account's doing and hides whether the
  // limit was reached (a sync of the last 24 hours, or a limit of the account's): a server checking
  // the limit first answers rate_limit. Not in progress: a part read at rest is not in flight, and
  // an account not active starts none.
  if (sync['status'] !== 'active') {
    const account = `the account status read before was ${JSON.stringify(sync['status'])}, not "active"`;
    if (partStatus === 'pending' || partStatus === 'syncing') return refuse(['not_active', ...IN_FLIGHT_REFUSALS], `${account}, and the ${part} sync was already ${partStatus}`);
    return refuse(['not_active', 'rate_limit'], `${account} (or the ${part} sync at its limit: canSync false says nothing of it there)`);
  }
  // In flight, it may also have finished since the read (a live sandbox keeps syncing), its limit then reached.
  if (partStatus === 'pending' || partStatus === 'syncing') return refuse([...IN_FLIGHT_REFUSALS], `the ${part} sync read before was already ${partStatus}`);
  if (canSync !== true) return refuse([...IN_FLIGHT_REFUSALS], `the ${part} sync read before had canSync: ${JSON.stringify(canSync)} (status ${JSON.stringify(partStatus)})`);
  const because = `the account was active and the ${part} sync ${JSON.stringify(partStatus)} with canSync: true when read before`;
  return {
    expect: {
      status: START_ACCEPTED,
      because,
      assert: [
        assertion(`/sync/${part}/status`, `an accepted start makes the ${part} sync pending (or later)`, { whenStatus: 202, oneOf: afterStart(part) }),
        // While in flight: a sandbox with nothing to import and no limit may show it completed and startable at once.
        assertion(`/sync/${part}/canSync`, 'a sync that was just started, and is still in flight, cannot be started again', { whenStatus: 202, equals: false, when: { pointer: `/sync/${part}/status`, oneOf: [...IN_FLIGHT] } }),
        // Optional in the schema: left out it claims nothing; shown, it is a time. Null is a warning
        // (rule requested-has-times): the schema makes it nullable with no condition on the status,
        // so a server that does not record the time may say so; its examples show a time there.
        assertion(`/sync/${part}/requestedAt`, 'an accepted start records when it was requested (the contract\'s 202 examples show that time; null is allowed by the schema, yet tells a client nothing)', { whenStatus: 202, type: 'string', ifPresent: true, severity: 'warning' }),
        // Now, by the server's own clock: catches the epoch, seconds read as milliseconds, a wrong
        // year or zone (REQUESTED_JUST_NOW_MS).
        assertion(`/sync/${part}/requestedAt`, 'an accepted start was requested when it was sent', { whenStatus: 202, nearResponseDate: REQUESTED_JUST_NOW_MS, ifPresent: true }),
        // Within a minute, by the server's clocks: after the read before it, before its own 202.
        ...requestedDuring(part, from, REQUESTED_DURING_MS),
        // The rule sync-is-coexistence judges reads; the sync a 202 shows is the same account's.
        assertion('/sync/isCoexistence', 'a sync only starts on a coexistence account, and the 202 shows its sync', { whenStatus: 202, equals: true }),
        ...notCompletedYet(part, partOf(sync, part), 202),
        ...untouched(sync, part, 202),
      ],
    },
  };
}

/**
 * What a read right after an accepted start that still shows the state before it may be: a replica
 * behind the writes (the contract promises no read-your-writes). Said on each of its faults, its
 * status's and its requestedAt's alike, as each is a line of the failures by fault.
 */
const REPLICA_LAG = '(reads served by a replica behind the writes show the state before it for a while: --write-settle-ms waits that out)';

/** A status read right after a start agrees with it: what the 202 showed, or the state before a refused start. */
function predictAgreement(part: string, from: Observation): Prediction {
  const started = from.status === 202 ? syncOf(from.body) : undefined;
  if (started !== undefined) {
    const { status, requestedAt } = partOf(started, part);
    const reached = typeof status === 'string' ? reachableFrom(part, status) : afterStart(part);
    return {
      expect: {
        status: 200,
        because: 'the sender was readable just before',
        assert: [
          // A read served by a replica behind the write shows the state before the start for a
          // while (the contract promises no read-your-writes): the verdict names the way to wait it out.
          assertion(`/sync/${part}/status`, `the 202 just before showed the ${part} sync ${JSON.stringify(status)}: the start took effect ${REPLICA_LAG}`, { whenStatus: 200, oneOf: reached }),
          // The same instant, however spelled: a read may render a stored time with another offset or precision.
          // Within seconds: the 202 may show the API host's time and the row the database's now().
          ...(typeof requestedAt === 'string' ? [assertion(`/sync/${part}/requestedAt`, `the read agrees with the requestedAt the 202 reported ${REPLICA_LAG}`, { whenStatus: 200, sameInstant: requestedAt, sameInstantWithinMs: TWO_CLOCKS_ONE_REQUEST_MS, ifPresent: true })] : []),
          // A 202 that left it out pinned nothing: the read is the first to tell when the start was
          // requested, and that is now, by the read's own clock as by the 202's (a database's
          // DEFAULT now() in a column without a zone, read back hours off, fails here).
          ...(requestedAt === undefined ? [assertion(`/sync/${part}/requestedAt`, `the start just before, whose 202 left requestedAt out, was requested when it was sent: the read right after shows that time ${REPLICA_LAG}`, { whenStatus: 200, nearResponseDate: REQUESTED_JUST_NOW_MS, ifPresent: true })] : []),
          // What the 202 showed, or when it left the optional field out, what the read before it did.
          ...notCompletedYet(part, partOf(started, part).completedAt === undefined ? partOf(syncOf(from.predictedFrom?.body) ?? {}, part) : partOf(started, part), 200),
          ...untouched(started, part, 200, syncOf(from.predictedFrom?.body)),
          // The other part the 202 showed startable still is while the started one is in flight:
          // a limit the two share began with the start (the 202 says so) or when the start finishes.
          ...SYNC_PARTS.filter((other) => other !== part && partOf(started, other).canSync === true && atRest(other, partOf(started, other).status)).flatMap((other) =>
            stillInFlight(started, other).map((when) =>
              assertion(`/sync/${other}/canSync`, `the 202 just before showed the ${other} sync startable, and the ${part} sync it started has not finished: no limit they share began since`, { whenStatus: 200, equals: true, when }),
            ),
          ),
        ],
      },
    };
  }
  // A refused start changes nothing: compare with the state it was predicted from.
  const before = syncOf(from.predictedFrom?.body);
  if (before === undefined) return { unpredictable: 'neither the start nor the read before it showed a sync status' };
  return { expect: { status: 200, because: 'the sender was readable just before', assert: unchangedSince(before, part, `the start was refused (${from.status ?? 'no answer'})`) } };
}

/**
 * The condition "every part of `sync` but `name` that was in flight still is", as one `when`
 * (there are two parts: at most one other), or none when another part was at rest (then the
 * caller's quiet case applies) — so an assertion with it is held only while nothing finished.
 */
function stillInFlight(sync: Record<string, unknown>, name: string): { pointer: string; oneOf: unknown[] }[] {
  const others = SYNC_PARTS.filter((p) => p !== name && inFlight(partOf(sync, p).status));
  return others.length === 1 ? [{ pointer: `/sync/${others[0]}/status`, oneOf: [...IN_FLIGHT] }] : [];
}

/**
 * What a read shows when nothing took effect since `before` was read: the part as it was (an
 * in-flight state may advance) and not requested again (same requestedAt), the rest untouched.
 * Each part's canSync is held alike, the part a refused start named as well: what finishes between
 * the reads may begin a limit both parts share, whichever part the start named (or none, for reads).
 */
function unchangedSince(before: Record<string, unknown>, part: string, refused: string, sameSender = true, by?: string): ResolvedAssertion[] {
  const { status: was } = partOf(before, part);
  // A part at rest that could be started still can: a refused start must not use up its limit, nor
  // the other part's. Only true is held: a limit may run out between two reads (false → true), and
  // an in-flight part moves on. Only on the sender the start named: a limit may be the project's or
  // the account's, so another sender's part may stop being startable when this one's is started.
  // The other part's only when nothing on the sender was in flight: a limit shared by the two
  // parts may begin when an in-flight one finishes, between the two reads.
  // Not quiet, the other part's is held while what was in flight still is (then nothing finished).
  const quiet = SYNC_PARTS.every((name) => atRest(name, partOf(before, name).status));
  const stillStartable = (name: string): ResolvedAssertion[] => {
    const { status, canSync } = partOf(before, name);
    if (!(sameSender && canSync === true && atRest(name, status))) return [];
    const because = `${refused}, so the ${name} sync can still be started`;
    if (quiet) return [assertion(`/sync/${name}/canSync`, because, { whenStatus: 200, equals: true })];
    return stillInFlight(before, name).map((when) => assertion(`/sync/${name}/canSync`, `${because} (the ${when.pointer.split('/')[2]} sync in flight has not finished: no limit it shares began)`, { whenStatus: 200, equals: true, when }));
  };
  return [
    ...(typeof was === 'string' ? [assertion(`/sync/${part}/status`, `${refused}, so the ${part} sync stays ${was}`, { whenStatus: 200, oneOf: reachableFrom(part, was) })] : []),
    ...SYNC_PARTS.flatMap(stillStartable),
    ...requestedAtHeld(`/sync/${part}/requestedAt`, `${refused}, so the ${part} sync was not requested again`, part, partOf(before, part), 200),
    ...completedAtHeld(`/sync/${part}/completedAt`, `${refused}, so the ${part} sync's completion time stays`, part, partOf(before, part), 200),
    ...untouched(before, part, 200, undefined, sameSender, by),
  ];
}

/**
 * A status read after a start that had to be refused whatever the state (sent without valid
 * credentials, so a 401): the state `from` read before that start, unchanged. A server that
 * answers 401 yet starts the sync fails here, as no single answer can show it.
 */
function predictUnchanged(part: string, from: Observation): Prediction {
  const before = syncOf(from.body);
  if (before === undefined) return { unpredictable: `the step it is predicted from saw no sync status (status ${from.status ?? 'none'})` };
  return { expect: { status: 200, because: 'the sender was readable just before', assert: unchangedSince(before, part, `the ${part} start between the two reads was refused`) } };
}

/**
 * What else than a read may have changed a sender between two of its reads: only reads were sent
 * by this run, but a live target may have other users, and shards of one run may be run side by side.
 */
const OTHER_CLIENTS = '(by this run: on a target others use too, or that shards of this run write to side by side, another client may have started a sync of this sender between the two reads)';

/**
 * A status read after nothing but reads of the same sender (each with the key, without it, with a
 * wrong one): the state `from` read, unchanged. GET is safe (RFC 9110 §9.2.1) and requestedAt is
 * "when the sync was last requested": a read that restamps a time, uses up a limit, starts a part or
 * forgets a completed one fails here, which no single answer shows. In-flight parts may move on, as
 * between any two reads. Held over history and, through what it leaves untouched, contacts.
 */
function predictReadsChangeNothing(_part: string, from: Observation): Prediction {
  const before = syncOf(from.body);
  if (before === undefined) return { unpredictable: `the read it is predicted from saw no sync status (status ${from.status ?? 'none'})` };
  const cause = 'only reads were sent since (a read requests, starts or completes nothing: GET is safe)';
  // history is judged first; both parts are held alike (unchangedSince), as any part may finish between the reads.
  const held = unchangedSince(before, 'history', cause, true, 'a read');
  // Said on each of its faults, as each is a line of the failures by fault: the verdict would
  // otherwise call a GET unsafe for what another user of a shared sandbox did.
  return { expect: { status: 200, because: 'the sender was readable just before', assert: held.map((a) => ({ ...a, because: `${a.because} ${OTHER_CLIENTS}` })) } };
}

/**
 * A read of another sender (a witness) after a start to the scenario's own: the state `from` read
 * of the witness before that start, unchanged. A server that starts the sync of every sender of an
 * account, or of the wrong one, fails here: the start's own answer and its sender's read agree.
 */
function predictWitness(part: string, from: Observation): Prediction {
  const before = syncOf(from.body);
  if (before === undefined) return { unpredictable: `the witness read it is predicted from saw no sync status (status ${from.status ?? 'none'})` };
  return { expect: { status: 200, because: 'the witness was readable just before', assert: unchangedSince(before, part, `the ${part} start between the two reads named another sender, or an id that names none`, false) } };
}

/**
 * A sender that is not the caller's to see (another project's; any, without credentials) read
 * after an unknown id (the step `from`): answered as that unknown id was. The same status; the same
 * property names in the body and in its `details` (none where the unknown one had none), those that
 * name a request or its trace set aside while their values are ids (a tracer samples some answers,
 * text/request-id-name.ts), and details left out read as details holding only such ids, not as {};
 * and the same true/false values there: details naming the project, flagging that the sender exists or
 * showing its sync tell the two apart, which the status alone does not. Strings and numbers are not
 * compared (a message or a detail may name the id asked for, or a request id, a time). Another error
 * code is a warning after authentication (the generated id may be of a shape the server never
 * issues, and get a code of its own), and an error without it: a server that has not authenticated
 * the caller has no business looking at the id. Other words are likewise, except that after
 * authentication they are an error too under the unknown id's own code: that id's shape changed
 * nothing, and "belongs to another project" under not_found tells the sender apart all the same.
 * A 4xx's form is compared too, a router's answer's included (answeredInForm): an HTML page to the
 * unknown id and the contract's JSON error to the sender, or the reverse, is a warning.
 */
function predictSameAnswer(_part: string, from: Observation): Prediction {
  const body = from.body;
  const why = 'a sender the caller may not see must be answered as an unknown id (if the generated unknown id is not of your ids\' shape, set ZAVU_SENDER_UNKNOWN to a well-formed id that names no sender)';
  // A 4xx not in the contract's error shape ({code, message}: no JSON, or a framework's own, such
  // as a problem+json 404) passed only as a router's answer (a path its router does not decode or
  // does not serve): the same status, from the same router, is all there is to compare.
  const errorShaped = isRecord(body) && typeof body['code'] === 'string' && typeof body['message'] === 'string';
  // A redirect (a path spelled otherwise, sent to its documented spelling) is a router's answer too.
  // A 401's challenge too (a realm naming the owner's project tells what the body does not), the id asked for set aside.
  const challenge = from.status === 401 && from.path !== undefined ? { sameChallenge: comparableChallenge(from.challenge ?? '', from.path) } : {};
  const sameForm = answeredInForm(from);
  if (from.status !== undefined && ((from.status >= 400 && from.status < 500 && !errorShaped) || (from.status >= 300 && from.status < 400))) {
    return { expect: { status: from.status, routerAnswer: true, because: `an unknown id was answered ${from.status} with no error of the contract's shape (a router's answer): ${why}`, assert: sameForm, ...challenge } };
  }
  if (from.status === undefined) return { unpredictable: "the unknown id's request it is predicted from got no answer" };
  // No JSON object to compare (a preflight's 204, an OPTIONS' 200 with an Allow header): the status is all there is.
  if (!isRecord(body)) return { expect: { status: from.status, routerAnswer: true, because: `an unknown id was answered ${from.status} with no JSON body: ${why}`, assert: [] } };
  const whenStatus = from.status;
  const details = body['details'];
  // details compared on their own when an object or left out; anything else (no object: the schema's finding) by their name.
  const detailsApart = details === undefined || isRecord(details) ? ['details'] : [];
  // Another code or other words: an error before authentication (401), a warning after it (an id of
  // a shape the server never issues may get a code and words of its own).
  const ownWords = from.status === 401 ? {} : { severity: 'warning' as const };
  // At most a few: the object is a target's answer, and may have thousands of properties.
  const flags = (at: string, object: Record<string, unknown>): ResolvedAssertion[] =>
    Object.entries(object)
      .filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean')
      .slice(0, MAX_COMPARED_FLAGS)
      .map(([key, value]) => assertion(appendPointer(at, key), `${why}, whose answer said ${key}: ${value}`, { whenStatus, equals: value }));
  return {
    expect: {
      status: from.status,
      because: `an unknown id was answered ${from.status}: ${why}`,
      ...challenge,
      assert: [
        ...(typeof body['code'] === 'string'
          ? [assertion('/code', `${why}, whose answer had this code`, { whenStatus, equals: body['code'], ...ownWords })]
          : []),
        // Names, not presence alone: a tracer's sampled traceId (here or in details) names a request
        // and is set aside, and details left out read as details holding only such an id (a
        // sample's), not as {}: left out on one answer and {} on the other is a member one has and
        // the other has not; a member naming a project or flagging the sender's existence, on one
        // answer and not the other, still tells them apart. code and message are required: a
        // body without one fails the schema, whatever this comparison says.
        assertion('', `${why}, whose answer had these properties`, { whenStatus, sameKeys: comparedNames(body, detailsApart, from.path), sameKeysAside: { besides: detailsApart } }),
        ...sameForm,
        ...flags('', body),
        ...(details === undefined || isRecord(details)
          ? [assertion('/details', `${why}, whose ${details === undefined ? 'answer had no details' : 'details had these properties'}`, { whenStatus, sameKeys: isRecord(details) ? comparedNames(details, [], from.path) : [], sameKeysAside: { besides: [], ...detailsNothing(details) } })]
          : []),
        ...(isRecord(details) ? flags('/details', details) : []),
        // Its words too, once the id each asked for, times and request ids are set aside: "belongs to
        // another project" or "to access this sender" tells what the status does not.
        // After authentication, words of its own are a warning only while the code is its own too:
        // with the unknown id's code, the id's shape changed nothing, and the words alone tell the sender.
        ...(typeof body['message'] === 'string' && from.path !== undefined
          ? [assertion('/message', `${why}, whose message read so`, { whenStatus, sameText: comparableMessage(body['message'], from.path), ...ownWords, ...(from.status !== 401 && typeof body['code'] === 'string' ? { errorWhen: { pointer: '/code', oneOf: [body['code']] } } : {}) })]
          : []),
      ],
    },
  };
}

/**
 * The form of a 4xx the unknown id got, which the sender's must have too (text/answer-form.ts): a
 * router's or an edge's page (HTML, a framework's problem+json, no body) to the unknown id and the
 * contract's JSON error to the sender, or the reverse, tell the two apart as two codes do, whatever
 * the status. Other media types with no contract error on either side (text/html and text/plain)
 * too: two producers answered, the same doubt and the same remedy; a charset spelt otherwise is the
 * same form. A warning only: a conformant API whose routes refuse ids of another shape with its
 * framework's page answers so to a generated unknown id not of its ids' shape, which the suite
 * cannot tell from a leak. Not of a redirect (a router's answer to both: its body is no one's word).
 */
function answeredInForm(from: Observation): ResolvedAssertion[] {
  if (from.form === undefined || from.status === undefined || from.status < 400 || from.status >= 500) return [];
  const because =
    "a sender the caller may not see must be answered in the form an unknown id was: if the generated unknown id is not of your ids' shape (a route that refuses such ids answers with its framework's page), set ZAVU_SENDER_UNKNOWN to a well-formed id that names no sender; else the answer's form alone tells the sender apart from an id that names none";
  return [assertion('', because, { whenStatus: from.status, sameForm: from.form, severity: 'warning' })];
}

/** How an unknown id's answer showed nothing in details, when it held not even a trace's id: left out, or {}. */
function detailsNothing(details: unknown): { nothing?: 'absent' | 'empty' } {
  if (details === undefined) return { nothing: 'absent' };
  return isRecord(details) && Object.keys(details).length === 0 ? { nothing: 'empty' } : {};
}

/** Every model a scenario may name in expect.predict.model. */
export const predictionModels: Readonly<Record<string, PredictionModel>> = {
  'start-sync': { parts: SYNC_PARTS, predict: predictStart, successStatus: START_ACCEPTED },
  'agrees-with-start': { parts: SYNC_PARTS, predict: predictAgreement },
  unchanged: { parts: SYNC_PARTS, predict: predictUnchanged },
  'witness-unchanged': { parts: SYNC_PARTS, predict: predictWitness },
  // About the whole sync, both parts: named without "part".
  'reads-change-nothing': { parts: [''], predict: predictReadsChangeNothing },
  // About a whole answer, not a part of a sync: named without "part".
  'answers-as-unknown': { parts: [''], predict: predictSameAnswer, statusBinds: true },
};

/**
 * The model a scenario names, or undefined for a name the suite has none of. Its own members only:
 * the name comes from a user's scenarios.json, whose pattern lets "constructor" by, and
 * `predictionModels["constructor"]` is Object's own function (the registry's check took it for a
 * model and crashed on its parts, past the one-line error a misspelt model gets).
 */
export function predictionModel(name: string): PredictionModel | undefined {
  return Object.hasOwn(predictionModels, name) ? predictionModels[name] : undefined;
}
