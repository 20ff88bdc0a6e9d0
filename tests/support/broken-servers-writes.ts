/**
 * Broken servers for the write operations: starts that answer wrongly, change nothing, change the
 * wrong part, or need no credentials. Each is run with --allow-writes (the reference server's key
 * is a sandbox key), and must fail the intended operation, case, step and check.
 */
import { findSeedSender, OWN_PROJECT, projectOf, scopeTo, seededSenderIds, startMessages, startSync, startedSync, type WhatsAppSyncStatus } from '../../src/reference-server';
import type { BrokenServer } from './broken-server-entry';
import { both, caseFoldedRouteSkipsAuth, isSenderKind, child, editJsonBody, editOtherSenders, editStoredSync, editSync, isOtherProjectSender, isUnknownSender, jsonAnswer, startedPart, storedSync, when, withHeaders } from './fault-builders';
import type { FaultContext, PlannedResponse, ResponseFault, SyncPart } from '../../src/reference-server';
import { TRAILING_WORD } from '../../src/model/http';

const HISTORY = 'startWhatsAppHistorySync';
const EPOCH = '1970-01-01T00:00:00Z';
const CONTACTS = 'startWhatsAppContactsSync';
const writes = ['--allow-writes'];
const isStart = (operationId: string, status: number) => (context: FaultContext): boolean => context.operationId === operationId && context.planned.status === status;

/**
 * A start of either part sent with a key other than the run's own (another project's, which the
 * server knows) to a sender of the key's own project, which that key's project must not see.
 */
const isStartByOtherProject = (context: FaultContext): boolean => {
  const sender = context.senderId === undefined ? undefined : findSeedSender(context.senderId);
  return (context.operationId === HISTORY || context.operationId === CONTACTS) && context.authorization !== undefined && context.authorization !== `Bearer ${context.apiKey}` && sender !== undefined && projectOf(sender) === OWN_PROJECT;
};

/** A start of this operation refused as already in progress. */
const isRefusedInProgress = (operationId: string) => (context: FaultContext): boolean => isStart(operationId, 400)(context) && context.planned.body.includes('in progress');

/** An accepted history start that also starts the history of the other coexistence senders `pick` chooses. */
const historyStartAlsoStarts = (pick: (sync: WhatsAppSyncStatus) => boolean): ResponseFault =>
  editOtherSenders(isStart(HISTORY, 202), (sync) => (pick(sync) ? startedSync(sync, 'history', new Date()) : undefined));

/** An accepted start that records the epoch as the part's requestedAt, in the store and in its 202 alike. */
const startRecordsEpoch = (operationId: string, part: SyncPart): ResponseFault =>
  editStoredSync(
    isStart(operationId, 202),
    (sync) => ({ ...sync, [part]: { ...sync[part], requestedAt: EPOCH } }),
    (body) => {
      child(child(body, 'sync'), part)['requestedAt'] = EPOCH;
    },
  );

/** A contacts start answered `status` that records a request time on `part`, never requested before (null), in the store only. */
const contactsStartStamps = (status: number, part: SyncPart): ResponseFault =>
  editStoredSync(isStart(CONTACTS, status), (sync) => (sync[part].requestedAt === null ? { ...sync, [part]: { ...sync[part], requestedAt: new Date().toISOString() } } : undefined));

/** A UTC instant as the wall time of a zone `offsetMs` east of UTC, written with "Z" (the zone dropped), to the second. */
const wallTimeAsUtc = (instant: string | null | undefined, offsetMs: number): string => new Date(Date.parse(instant ?? '') + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A start refused 400 with `said`'s documented message in place of the one the reference gives
 * (`gave`), on the parts `where` picks: the documented words of another reason.
 */
const refusalSays = (gave: 'no_waba' | 'not_active' | 'in_progress', said: 'no_waba' | 'not_coexistence' | 'not_active' | 'in_progress', where: (context: FaultContext, part: SyncPart) => boolean): ResponseFault =>
  when(
    (context) => {
      const part = startedPart(context);
      return part !== undefined && context.planned.status === 400 && context.planned.body.includes(startMessages(part)[gave]) && where(context, part);
    },
    (context) => jsonAnswer(400, { code: 'bad_request', message: startMessages(startedPart(context) ?? 'history')[said] }),
  );

/** The sender's part was read at rest (neither pending nor syncing) on an account not active. */
const atRestOnInactive = (context: FaultContext, part: SyncPart): boolean =>
  context.before !== undefined && context.before.status !== 'active' && context.before[part].status !== 'pending' && context.before[part].status !== 'syncing';

/**
 * A route that starts the sync it names past authentication, over the key's own project: `method`
 * on `path` (the raw path, with the sender and the part as its groups; a spelling authentication
 * does not match, or a method it lets through). It answers as the start does, or with `answer`.
 */
const startsPastAuth =
  (method: string, path: RegExp, answer?: PlannedResponse): ResponseFault =>
  (context) => {
    const match = context.method === method ? path.exec(context.path) : null;
    if (match?.[1] === undefined || match[2] === undefined) return undefined;
    const started = startSync(match[2] as SyncPart, decodeURIComponent(match[1]), scopeTo(context.store, OWN_PROJECT), () => new Date());
    return answer ?? started;
  };

/**
 * A start the key may make whose sender lookup finds nothing in the key's project (an unknown id,
 * another project's sender): answered 404, as documented, after the conditional update it runs
 * first has lost its sender filter. Prisma's updateMany drops a filter given as undefined
 * (`where: { senderId: sender?.id, ...startable }`), as does a MongoDB driver with ignoreUndefined;
 * an Express handler missing its `return` after the 404 gets there too. Every sender of the
 * project whose part could be started has it started; the answer, and a read of the id, are right.
 */
const notFoundStartStartsTheProject: ResponseFault = (context) => {
  const part = startedPart(context);
  if (part === undefined || context.planned.status !== 404 || context.senderId === undefined || context.authorization !== `Bearer ${context.apiKey}`) return undefined;
  const own = scopeTo(context.store, OWN_PROJECT);
  const ids = seededSenderIds();
  for (const id of [...ids.coexistence, ids.syncable]) {
    const sender = own.get(id);
    if (sender?.kind !== 'coexistence') continue;
    const { sync } = sender;
    const state = sync[part];
    if (sync.status === 'active' && state.canSync && state.status !== 'pending' && state.status !== 'syncing') own.setSync(id, startedSync(sync, part, new Date()));
  }
  return undefined;
};

/**
 * An accepted start whose request time the database sets (a column DEFAULT now(), the handler
 * never sees it, so its 202 leaves the optional requestedAt out) in a `timestamp without time zone`
 * column under a session in São Paulo (UTC-3): the reads render that wall time with "Z", three
 * hours in the past.
 */
const startTimedInWallTimeWestOfUtc = (operationId: string, part: SyncPart): ResponseFault =>
  editStoredSync(
    isStart(operationId, 202),
    (sync) => ({ ...sync, [part]: { ...sync[part], requestedAt: wallTimeAsUtc(sync[part].requestedAt, -3 * 3_600_000) } }),
    (body) => {
      delete child(child(body, 'sync'), part)['requestedAt'];
    },
  );

/**
 * An accepted start of `part` timed by a clock `offsetMs` off the server's (a worker host's whose
 * NTP stopped), to the second: its 202 and the store show that time, so the read after agrees.
 */
const startTimedBy = (operationId: string, part: SyncPart, offsetMs: number): ResponseFault => {
  const stamp = (): string => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return editStoredSync(
    isStart(operationId, 202),
    (sync) => ({ ...sync, [part]: { ...sync[part], requestedAt: stamp() } }),
    (body, context) => {
      child(child(body, 'sync'), part)['requestedAt'] = storedSync(context)?.[part].requestedAt;
    },
  );
};

/**
 * A start to another project's sender that gives the key's project that sender's sync: the start
 * upserts the sync row keyed on the sender id alone, setting project_id from the caller (INSERT …
 * ON CONFLICT (sender_id) DO UPDATE SET every column, a mass assignment), before the project check
 * on the sender answers 404. Reads, authorised on the sync row's project, then serve the key that
 * sync: another project's, its part now started.
 */
const notFoundStartClaimsTheSync = (): ResponseFault => {
  const claimed = new Set<string>();
  return (context) => {
    const id = context.senderId;
    if (id === undefined || !isOtherProjectSender(context) || context.authorization !== `Bearer ${context.apiKey}`) return undefined;
    const part = startedPart(context);
    const sync = storedSync(context);
    if (part !== undefined && context.planned.status === 404 && sync !== undefined) {
      claimed.add(id);
      if (sync.status === 'active' && sync[part].canSync) context.store.setSync(id, startedSync(sync, part, new Date()));
      return undefined;
    }
    return context.operationId === 'getWhatsAppSyncStatus' && claimed.has(id) && sync !== undefined ? jsonAnswer(200, { sync }) : undefined;
  };
};

/**
 * A start refused 400 for a sender the operation does not serve (`kind`: no WABA, or a WABA not in
 * coexistence mode) that stored a sync for it all the same: the start upserts the sync row, its
 * part pending, before it checks the sender (as unknown-start-leaves-a-sync does before the lookup),
 * and answers the documented refusal without rolling back. A read of that sender then finds the row
 * and answers with `read` (the sync it stored, or a 500 for the WABA the row's serializer misses)
 * where it answered its own 400 before.
 */
const refusedStartLeavesASync = (kind: 'no-waba' | 'not-coexistence', read: (sync: WhatsAppSyncStatus) => PlannedResponse): ResponseFault => {
  const left = new Map<string, WhatsAppSyncStatus>();
  const untouched: WhatsAppSyncStatus = { isCoexistence: kind === 'not-coexistence' ? false : true, status: 'active', history: { status: 'not_requested', canSync: true, requestedAt: null, completedAt: null }, contacts: { status: 'not_requested', canSync: true, requestedAt: null } };
  return (context) => {
    const id = context.senderId;
    if (id === undefined || !isSenderKind(kind)(context) || context.authorization !== `Bearer ${context.apiKey}`) return undefined;
    const part = startedPart(context);
    if (part !== undefined && context.planned.status === 400) {
      left.set(id, startedSync(left.get(id) ?? untouched, part, new Date()));
      return undefined;
    }
    const sync = left.get(id);
    return context.operationId === 'getWhatsAppSyncStatus' && sync !== undefined ? read(sync) : undefined;
  };
};

/**
 * A start that checks "in flight?" and sets "pending" with an await between: it reads the sync row,
 * calls Meta (`callMs`), then writes the row and answers. Sent one after another, its starts are
 * answered as the reference's are (each write lands before its answer); two sent at once both pass
 * the check before either has written, so both are accepted and the sync is started twice.
 */
const checkThenActStart =
  (callMs: number): ResponseFault =>
  (context) => {
    const id = context.senderId;
    if (startedPart(context) === undefined || context.planned.status !== 202 || id === undefined || context.before === undefined) return undefined;
    // The handler checked and wrote in one step: undo the write, and make it after the call.
    const written = storedSync(context);
    context.store.setSync(id, context.before);
    const call = new Promise<void>((resolve) => setTimeout(resolve, callMs));
    return {
      ...context.planned,
      after: call.then(() => {
        if (written !== undefined) context.store.setSync(id, written);
      }),
    };
  };

/**
 * An accepted start to the write fixture that also starts the same part on the concurrent starts'
 * sender (ZAVU_SENDER_SYNCABLE_CONCURRENT, set apart): the update is keyed on the WhatsApp Business
 * Account the two sandbox senders share, not on the sender named. Neither start's answer nor its
 * sender's reads show it, and the concurrent starts that follow meet a part already in flight,
 * which they answer rightly as in progress.
 */
const startAlsoStartsTheConcurrentSender: ResponseFault = (context) => {
  const part = startedPart(context);
  const ids = seededSenderIds();
  if (part === undefined || context.planned.status !== 202 || context.senderId !== ids.syncable) return undefined;
  const other = context.store.get(ids.syncableConcurrent);
  if (other?.kind !== 'coexistence') return undefined;
  const { sync } = other;
  const state = sync[part];
  if (sync.status === 'active' && state.canSync && state.status !== 'pending' && state.status !== 'syncing') context.store.setSync(ids.syncableConcurrent, startedSync(sync, part, new Date()));
  return undefined;
};

export const WRITE_BREAKS: readonly BrokenServer[] = [
  {
    name: 'not-found-start-claims-the-sync',
    description:
      "a start to another project's sender is refused 404 as documented, but its upsert, keyed on the sender id alone, wrote the key's project into that sender's sync row first (ON CONFLICT DO UPDATE SET every column): reads authorised on the sync row then serve the key that project's sync, its contacts now started",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/other-project-sender`,
    expectedStep: 'read-after',
    args: writes,
    fault: notFoundStartClaimsTheSync(),
  },
  {
    name: 'not-found-start-starts-the-project',
    description:
      "a start whose sender the key's project does not have (an unknown id, another project's sender, every hostile id) is answered 404 as documented, but the conditional update it ran first lost its sender filter (Prisma's updateMany with senderId: undefined, a missing return after the 404): every sender of the project whose part could be started has it started, and a read of the unknown id is still 404",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/unknown-sender`,
    expectedStep: 'read-other-after[snd_coex_active]',
    args: writes,
    fault: notFoundStartStartsTheProject,
  },
  {
    name: 'start-timed-in-wall-time-west-of-utc',
    description:
      "an accepted contacts start is timed by the database (DEFAULT now() in a timestamp without time zone, a session in UTC-3) and its 202 leaves the optional requestedAt out: the read right after shows the contacts pending since three hours ago, written with \"Z\", and nothing it is compared with disagrees",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'read-after',
    args: writes,
    fault: startTimedInWallTimeWestOfUtc(CONTACTS, 'contacts'),
  },
  {
    name: 'get-on-start-path-starts-the-sync',
    description: 'the start route answers any method (an app.all handler) and checks the method after the start: a GET to /whatsapp-sync/history with the key is refused 405, yet the sync has started (a link prefetcher or a crawler starts syncs)',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/get-changes-nothing`,
    expectedStep: 'read-after',
    args: writes,
    fault: (context) => {
      const part = /\/whatsapp-sync\/(history|contacts)$/.exec(context.path)?.[1] as SyncPart | undefined;
      if (context.method === 'GET' && part !== undefined && context.senderId !== undefined && context.authorization === `Bearer ${context.apiKey}`) startSync(part, context.senderId, context.store, () => new Date());
      return undefined;
    },
  },
  {
    name: 'get-on-start-path-answered-as-a-start',
    description: 'the start route answers any method: a GET to /whatsapp-sync/contacts with the key starts the sync and answers its 202',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/get-changes-nothing`,
    expectedStep: 'get',
    args: writes,
    fault: (context) =>
      context.method === 'GET' && context.path.endsWith('/whatsapp-sync/contacts') && context.senderId !== undefined && context.authorization === `Bearer ${context.apiKey}`
        ? startSync('contacts', context.senderId, context.store, () => new Date())
        : undefined,
  },
  {
    name: 'head-on-history-path-starts-history',
    description:
      'the start route is mounted for every method (router.all) and checks the method after the start: a HEAD with the key to /whatsapp-sync/history (a link checker, a monitor) is refused 405 with Allow: POST, as it should be, yet the history sync has started',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/head-changes-nothing`,
    expectedStep: 'read-after',
    args: writes,
    fault: (context) => {
      if (context.method === 'HEAD' && context.path.endsWith('/whatsapp-sync/history') && context.senderId !== undefined && context.authorization === `Bearer ${context.apiKey}`) startSync('history', context.senderId, context.store, () => new Date());
      return undefined;
    },
  },
  {
    name: 'head-on-contacts-path-starts-contacts',
    description: "the start route answers every method with the start's handler (router.all): a HEAD with the key to /whatsapp-sync/contacts starts the contacts sync and answers its 202, the body dropped as a HEAD's is",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/head-changes-nothing`,
    expectedStep: 'head',
    args: writes,
    fault: (context) =>
      context.method === 'HEAD' && context.path.endsWith('/whatsapp-sync/contacts') && context.senderId !== undefined && context.authorization === `Bearer ${context.apiKey}`
        ? startSync('contacts', context.senderId, context.store, () => new Date())
        : undefined,
  },
  {
    name: 'start-answers-200',
    description: 'an accepted history start answers 200 instead of the documented 202',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: when(isStart(HISTORY, 202), ({ planned }) => ({ ...planned, status: 200 })),
  },
  {
    name: 'start-without-message',
    description: 'the 202 of a history start has no message property (WhatsAppSyncStartResponse requires it)',
    expectedCheck: 'response-schema',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: editJsonBody(isStart(HISTORY, 202), (body) => {
      delete body['message'];
    }),
  },
  {
    name: 'start-changes-another-sender',
    description: "a history start to the writable sender also starts every other coexistence sender's history sync (the account's, not the sender's named)",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    // Every other coexistence sender is a witness, read in the order of their ids: the first shows it.
    expectedStep: 'read-other-after[snd_coex_active]',
    args: writes,
    fault: historyStartAlsoStarts(() => true),
  },
  {
    // A requested part read with a null time is allowed (the schema makes requestedAt nullable with
    // no condition: a warning, rule requested-has-times); a time the 202 reported and the read
    // right after lost is not: the read disagrees with the start it follows.
    name: 'read-loses-the-request-time',
    description: "reads show requestedAt: null for every part that was requested (the serializer reads a column never written), while a 202 shows the time it recorded: the read right after an accepted start says that start has no request time",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-after',
    args: writes,
    fault: editSync((sync) => {
      for (const part of ['history', 'contacts']) if (child(sync, part)['status'] !== 'not_requested') child(sync, part)['requestedAt'] = null;
    }),
  },
  {
    name: 'start-changes-nothing',
    description: 'a history start answers 202 but the stored state stays as it was (a GET after still not_requested)',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-after',
    args: writes,
    fault: (context) => {
      if (isStart(HISTORY, 202)(context) && context.senderId !== undefined && context.before !== undefined) context.store.setSync(context.senderId, context.before);
      return undefined;
    },
  },
  {
    name: 'second-start-accepted',
    description: 'a history start while one is already pending answers 202 again',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start-again',
    args: writes,
    fault: when(
      (context) => isStart(HISTORY, 400)(context) && context.planned.body.includes('already in progress'),
      (context) => jsonAnswer(202, { message: 'History sync initiated', sync: storedSync(context) }),
    ),
  },
  {
    name: 'not-active-accepted',
    description: 'a history start on a sender whose account is not active answers 202 and starts it',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/not-active`,
    args: writes,
    // The not-active sender is made the writable one too, so a live run may send it a start.
    env: { ZAVU_SENDER_SYNCABLE: 'snd_coex_pending_verification' },
    fault: when(
      (context) => isStart(HISTORY, 400)(context) && context.before !== undefined && context.before.status !== 'active',
      (context) => {
        const sync = startedSync(context.before ?? (storedSync(context) as WhatsAppSyncStatus), 'history', new Date());
        if (context.senderId !== undefined) context.store.setSync(context.senderId, sync);
        return jsonAnswer(202, { message: 'History sync initiated', sync });
      },
    ),
  },
  {
    name: 'not-active-refused-yet-stored',
    description:
      'a history start on a sender whose account is not active is refused 400 not_active as documented, but its upsert of the sync row ran before the account check: the read after shows the history sync pending, requested just now',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/not-active`,
    expectedStep: 'read-after',
    // A mock target, with the not-active sender among no other role: only the not-active row's
    // start goes to it, so only its read after can show what that start stored.
    args: [...writes, '--mock-target'],
    env: { ZAVU_SENDER_COEXISTENCE: seededSenderIds().coexistence.filter((id) => id !== 'snd_coex_pending_verification').join(',') },
    fault: (context) => {
      if (isStart(HISTORY, 400)(context) && context.before !== undefined && context.before.status !== 'active' && context.senderId !== undefined) context.store.setSync(context.senderId, startedSync(context.before, 'history', new Date()));
      return undefined;
    },
  },
  {
    name: 'contacts-start-changes-history',
    description: 'a contacts start also marks the history sync pending',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: when(isStart(CONTACTS, 202), (context) => {
      const sync = startedSync(storedSync(context) as WhatsAppSyncStatus, 'history', new Date());
      if (context.senderId !== undefined) context.store.setSync(context.senderId, sync);
      return jsonAnswer(202, { message: 'Contacts sync initiated', sync });
    }),
  },
  {
    name: 'other-project-sender-started',
    description: "a history start on another project's sender is accepted (202) and changes that project's sender: no project check",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/other-project-sender`,
    // The reference server's other project is its own fake: serverEnv consents to starts on it.
    args: writes,
    fault: when((context) => isStart(HISTORY, 404)(context) && isOtherProjectSender(context), (context) => context.unscoped()),
  },
  {
    name: 'not-found-start-starts-the-other-project',
    description:
      "a start to another project's sender is refused 404 as documented, and every read with the key still says 404, but the update ran before the project-scoped lookup (UPDATE sync SET … WHERE sender_id = $1, then SELECT … WHERE project_id = $2): that project's own sender has its history sync started, which only its owner's key can read",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/other-project-sender`,
    expectedStep: 'read-owner-after',
    args: writes,
    fault: editStoredSync(both(isStart(HISTORY, 404), (context) => isOtherProjectSender(context) && context.authorization === `Bearer ${context.apiKey}`), (sync) => startedSync(sync, 'history', new Date())),
  },
  {
    name: 'unauthenticated-start-starts-another-sender',
    description:
      "a history start without credentials is answered 401 and leaves the sender it names as it was, but the job its handler enqueued before authenticating, keyed on the account and not the sender, starts the history of every other sender whose history could be started: anyone without a key starts syncs, and sends approval prompts, on senders no request named",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/unauthenticated-start-changes-nothing`,
    expectedStep: 'read-other-after[snd_coex_fresh]',
    args: writes,
    fault: editOtherSenders(
      (context) => isStart(HISTORY, 401)(context) && context.authorization === undefined,
      (sync) => (sync.status === 'active' && sync.history.canSync && sync.history.status === 'not_requested' ? startedSync(sync, 'history', new Date()) : undefined),
    ),
  },
  {
    name: 'unauthenticated-start-takes-effect',
    description: 'a history start without credentials is answered 401 as documented, but the sync is started all the same (a GET after shows it pending)',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/unauthenticated-start-changes-nothing`,
    expectedStep: 'read-after',
    args: writes,
    fault: (context) => {
      if (isStart(HISTORY, 401)(context) && context.senderId !== undefined) context.authorized();
      return undefined;
    },
  },
  {
    name: 'wrong-key-start-takes-effect',
    description: 'a history start with a wrong key is answered 401 as documented, but the sync is started all the same (a GET after shows it pending)',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/wrong-key`,
    expectedStep: 'read-after',
    args: writes,
    fault: (context) => {
      if (isStart(HISTORY, 401)(context) && context.authorization !== undefined) context.authorized();
      return undefined;
    },
  },
  {
    name: 'unauthenticated-start-uses-up-the-limit',
    description: 'a history start without credentials is answered 401 and leaves the status as it was, but sets canSync to false: anyone can block a sender\'s syncs',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/unauthenticated-start-changes-nothing`,
    expectedStep: 'read-after',
    args: writes,
    fault: editStoredSync(isStart(HISTORY, 401), (sync) => ({ ...sync, history: { ...sync.history, canSync: false } })),
  },
  {
    name: 'start-shows-not-coexistence',
    description: 'the 202 of a history start shows the sync with isCoexistence: false',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: editJsonBody(isStart(HISTORY, 202), (body) => {
      (body['sync'] as Record<string, unknown>)['isCoexistence'] = false;
    }),
  },
  {
    // Contacts are certified first: by the history start, the writable sender's contacts have a requestedAt.
    name: 'history-start-requests-contacts-again',
    description: "a history start leaves contacts' status alone but moves its requestedAt an hour on",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: (context) => {
      const sync = storedSync(context);
      if (isStart(HISTORY, 202)(context) && context.senderId !== undefined && sync?.contacts.requestedAt) {
        const contacts = { ...sync.contacts, requestedAt: new Date(Date.parse(sync.contacts.requestedAt) + 3_600_000).toISOString() };
        context.store.setSync(context.senderId, { ...sync, contacts });
        return jsonAnswer(202, { message: 'History sync initiated', sync: { ...sync, contacts } });
      }
      return undefined;
    },
  },
  {
    name: 'refused-start-restarts',
    description: 'a history start refused with 400 (already in progress) requests the sync again all the same: a GET after shows a new requestedAt',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-after-again',
    args: writes,
    fault: (context) => {
      const sync = context.before;
      if (isStart(HISTORY, 400)(context) && context.senderId !== undefined && sync?.history.status === 'pending') {
        context.store.setSync(context.senderId, { ...sync, history: { ...sync.history, requestedAt: '2030-01-01T00:00:00Z' } });
      }
      return undefined;
    },
  },
  {
    name: 'start-requested-at-epoch',
    description: "an accepted contacts start records 1970-01-01T00:00:00Z as its requestedAt (a zero time stamp), in its 202 and in the state the read after shows: the two agree, so only the answer's own Date header shows it",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: startRecordsEpoch(CONTACTS, 'contacts'),
  },
  {
    name: 'start-changes-another-startable-sender',
    description: "a history start also starts the history of every other coexistence sender whose history could still be started (a lookup that lost its sender id): the first witness's history was already done, so only a witness that was startable shows it",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-other-after[snd_coex_fresh]',
    args: writes,
    fault: historyStartAlsoStarts((sync) => sync.status === 'active' && sync.history.canSync),
  },
  {
    name: 'start-also-starts-the-concurrent-sender',
    description:
      "an accepted start to the writable sender also starts the same part on the concurrent starts' own sender (the update keyed on the WhatsApp Business Account the two sandbox senders share): the start's answer and its sender's reads are right, and the concurrent starts that follow, meeting that part in flight, are rightly refused as in progress; only a read of that sender around the start shows it",
    expectedCheck: 'state-prediction',
    // The contacts operation runs first (operations in the order of their ids), its start-syncable before its concurrent starts.
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'read-concurrent-after',
    // Each part's start to the writable sender shows it there; every other case passes.
    onlyFailingCases: [`${CONTACTS}/start-syncable`, `${HISTORY}/start-syncable`],
    args: writes,
    fault: startAlsoStartsTheConcurrentSender,
  },
  {
    name: 'history-start-requests-contacts-again-unshown',
    description: "a history start moves contacts' requestedAt an hour on in the store, and its 202 leaves the optional contacts.requestedAt out: only the read after shows it, against the read before",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-after',
    args: writes,
    fault: editStoredSync(
      isStart(HISTORY, 202),
      (sync) => (sync.contacts.requestedAt ? { ...sync, contacts: { ...sync.contacts, requestedAt: new Date(Date.parse(sync.contacts.requestedAt) + 3_600_000).toISOString() } } : undefined),
      (body) => {
        delete child(child(body, 'sync'), 'contacts')['requestedAt'];
      },
    ),
  },
  {
    name: 'contacts-start-stamps-history-requested',
    description: 'a contacts start records a request time on history, which was never requested (null) and stays not_requested; its 202 shows history as it was',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'read-after',
    args: writes,
    fault: contactsStartStamps(202, 'history'),
  },
  {
    name: 'unauthenticated-start-records-request',
    description: 'a contacts start without credentials is answered 401 and leaves status and canSync alone, but records a request time on contacts, never requested before (null)',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/unauthenticated-start-changes-nothing`,
    expectedStep: 'read-after',
    args: writes,
    fault: contactsStartStamps(401, 'contacts'),
  },
  {
    name: 'unauthenticated-start-blocks-the-other-part',
    description: "a contacts start without credentials is answered 401 and leaves contacts alone, but sets history's canSync to false: anyone can block a sender's history sync",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/unauthenticated-start-changes-nothing`,
    expectedStep: 'read-after',
    args: writes,
    fault: editStoredSync(isStart(CONTACTS, 401), (sync) => (sync.history.canSync ? { ...sync, history: { ...sync.history, canSync: false } } : undefined)),
  },
  {
    name: 'start-shows-in-flight-part-startable',
    description: 'the 202 of a history start shows contacts pending (or syncing) with canSync: true, which the in_progress refusal contradicts',
    expectedCheck: 'in-flight-not-startable',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: editJsonBody(
      (context) => isStart(HISTORY, 202)(context) && ['pending', 'syncing'].includes(storedSync(context)?.contacts.status ?? ''),
      (body) => {
        child(child(body, 'sync'), 'contacts')['canSync'] = true;
      },
    ),
  },
  {
    name: 'start-epoch-under-an-epoch-date',
    description: "an accepted history start records 1970-01-01T00:00:00Z as its requestedAt and answers with a Date header of the same instant: the server's own clock clears it, the suite's does not",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: withHeaders(startRecordsEpoch(HISTORY, 'history'), { date: 'Thu, 01 Jan 1970 00:00:00 GMT' }),
  },
  {
    name: 'start-refusal-says-sender-exists',
    description: "a history start to another project's sender is refused 404 as documented, with details saying the sender exists and naming its project, which a start to an unknown id does not have",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/other-project-sender`,
    expectedStep: 'start',
    args: writes,
    fault: editJsonBody(
      (context) => isStart(HISTORY, 404)(context) && isOtherProjectSender(context),
      (body) => {
        body['details'] = { senderExists: true, project: 'other' };
      },
    ),
  },
  {
    name: 'start-takes-second-word-as-token',
    description: 'a contacts start takes the second word of "Bearer <key> extra" as the token (the read does not): the key followed by a word starts a sync',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/key-then-word`,
    expectedStep: 'start',
    args: writes,
    fault: when(
      (context) => isStart(CONTACTS, 401)(context) && context.senderId !== undefined && context.authorization === `Bearer ${context.apiKey} ${TRAILING_WORD}`,
      (context) => context.authorized(),
    ),
  },
  {
    name: 'start-with-query-skips-auth',
    description: 'a history start whose path carries a query string ("?zvc=1") is served without credentials: anyone who adds "?x" starts a sync',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/no-credentials-with-query`,
    args: writes,
    fault: when((context) => isStart(HISTORY, 401)(context) && context.senderId !== undefined && context.path.includes('?'), (context) => context.authorized()),
  },
  {
    name: 'start-with-query-skips-auth-on-a-busy-sender',
    description: 'the same on contacts, the sandbox sender already syncing: its start is served and refused as in progress (400), a status the row accepts for a parameter the operation does not take; the start to an unknown id on the same path before it, served too, answers 404 and shows it',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/no-credentials-with-query`,
    expectedStep: 'start-unknown',
    args: writes,
    fault: when(
      (context) => isStart(CONTACTS, 401)(context) && context.senderId !== undefined && context.path.includes('?'),
      (context) => {
        const sync = storedSync(context);
        if (sync !== undefined && context.senderId !== undefined) context.store.setSync(context.senderId, startedSync(sync, 'contacts', new Date()));
        return context.authorized();
      },
    ),
  },
  {
    name: 'write-lookup-before-auth',
    description: 'a history start for an unknown sender without credentials gets 404: the starts look the sender up before authenticating (ids can be enumerated)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/unknown-sender-no-credentials`,
    args: writes,
    fault: when(both(isStart(HISTORY, 401), isUnknownSender), () => jsonAnswer(404, { code: 'not_found', message: 'Sender not found' })),
  },
  {
    name: 'start-stamps-completed-at',
    description: 'an accepted history start stamps completedAt with its requestedAt (both "now"), in its 202 and in the store: a sync pending, never completed, says when it completed',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: editStoredSync(
      isStart(HISTORY, 202),
      (sync) => ({ ...sync, history: { ...sync.history, completedAt: sync.history.requestedAt ?? null } }),
      (body) => {
        const history = child(child(body, 'sync'), 'history');
        history['completedAt'] = history['requestedAt'];
      },
    ),
  },
  {
    name: 'history-202-says-contacts-initiated',
    description:
      'one handler serves both starts and picks its message from the wrong part: a history start is accepted and takes effect as documented, but its 202 says "Contacts sync initiated", the documented success of the other start',
    expectedCheck: 'accepted-message-not-refusal',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: editJsonBody(isStart(HISTORY, 202), (body) => {
      body['message'] = startMessages('contacts').started;
    }),
  },
  {
    name: 'start-requested-at-by-a-slow-clock',
    description:
      "an accepted contacts start is timed by a worker host whose clock runs ten minutes slow (its NTP stopped), in its 202 and the store alike: requested ten minutes before the read just before it showed contacts never requested, inside the quarter-hour any answer's time is allowed, and the read after agrees with the 202",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: startTimedBy(CONTACTS, 'contacts', -600_000),
  },
  {
    name: 'start-requested-at-by-a-fast-clock',
    description:
      "an accepted history start is timed by a worker host whose clock runs ten minutes fast, in its 202 and the store alike, while the front's Date is right: requested ten minutes after the 202 that accepts it, inside the quarter-hour any answer's time is allowed",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: startTimedBy(HISTORY, 'history', 600_000),
  },
  {
    name: 'start-requested-at-local-wall-time',
    description: 'an accepted contacts start records its requestedAt as the wall time of a server in UTC+1 (CET, or London in summer) written with "Z": an hour ahead, in its 202 and the store alike, exactly the hour the Date comparison allowed',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'start',
    args: writes,
    fault: editStoredSync(
      isStart(CONTACTS, 202),
      (sync) => ({ ...sync, contacts: { ...sync.contacts, requestedAt: wallTimeAsUtc(sync.contacts.requestedAt, 3_600_000) } }),
      (body) => {
        const contacts = child(child(body, 'sync'), 'contacts');
        contacts['requestedAt'] = wallTimeAsUtc(contacts['requestedAt'] as string, 3_600_000);
      },
    ),
  },
  {
    name: 'read-renders-local-wall-time',
    description: 'reads render a requestedAt of the last ten minutes in the wall time of a server in UTC+1, written with "Z" (the 202 had it right): an hour ahead of the answer\'s own Date, exactly the hour the rule once allowed',
    expectedCheck: 'times-not-ahead',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'read-after',
    args: writes,
    fault: editSync((sync) => {
      const contacts = child(sync, 'contacts');
      const at = typeof contacts['requestedAt'] === 'string' ? Date.parse(contacts['requestedAt']) : NaN;
      if (Date.now() - at < 600_000) contacts['requestedAt'] = wallTimeAsUtc(contacts['requestedAt'] as string, 3_600_000);
    }),
  },
  {
    name: 'start-clears-other-senders-completed-at',
    description: "an accepted history start clears completedAt of every other sender's completed history (an UPDATE that lost its sender filter): the witnesses still read completed, with no completion time",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-other-after[snd_coex_active]',
    args: writes,
    fault: editOtherSenders(isStart(HISTORY, 202), (sync) => (sync.history.completedAt ? { ...sync, history: { ...sync.history, completedAt: null } } : undefined)),
  },
  {
    name: 'refused-start-uses-up-the-other-part',
    description: "a contacts start refused as already in progress counts against a sync limit the two parts share (a limiter counting attempts, not starts): history, never requested and startable, reads canSync false after it, so the history start is refused as rate-limited ever after",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'read-after-again',
    args: writes,
    fault: editStoredSync(
      isRefusedInProgress(CONTACTS),
      (sync) => (sync.history.canSync && sync.history.status === 'not_requested' ? { ...sync, history: { ...sync.history, canSync: false } } : undefined),
    ),
  },
  {
    name: 'start-202-hides-the-shared-limit',
    description: "an accepted contacts start uses up a limit the two parts share (history canSync false in the store), and its 202 shows history as it was (canSync true, a snapshot from before the update): the read right after, contacts still pending, contradicts it",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'read-after',
    args: writes,
    fault: editStoredSync(isStart(CONTACTS, 202), (sync) => (sync.history.canSync ? { ...sync, history: { ...sync.history, canSync: false } } : undefined)),
  },
  {
    name: 'refused-start-stamps-completed-at',
    description: 'a history start refused as already in progress stamps completedAt on the history still pending (never completed): a read after shows a pending sync with a completion time',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-after-again',
    args: writes,
    fault: editStoredSync(
      isRefusedInProgress(HISTORY),
      (sync) => (sync.history.status === 'pending' && !sync.history.completedAt ? { ...sync, history: { ...sync.history, completedAt: new Date().toISOString() } } : undefined),
    ),
  },
  {
    name: 'start-stamps-in-flight-witness-completed-at',
    description: "an accepted history start stamps completedAt on every other sender's history still in flight with none (an UPDATE that lost its sender filter): the first witness read after it shows its history still pending with a completion time after its request (the syncing one too, where the witness model sees it)",
    expectedCheck: 'times-not-ahead',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'read-other-after[snd_coex_pending_registration]',
    args: writes,
    fault: editOtherSenders(isStart(HISTORY, 202), (sync) =>
      ['pending', 'syncing'].includes(sync.history.status) && !sync.history.completedAt ? { ...sync, history: { ...sync.history, completedAt: new Date().toISOString() } } : undefined,
    ),
  },
  {
    name: 'refused-start-starts-another-sender',
    description: "a contacts start refused as already in progress starts the history of every other sender whose history could be started (the refusal path runs an update that lost its sender filter): no witness was read after a refused start",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${CONTACTS}/start-syncable`,
    expectedStep: 'read-other-after-again[snd_coex_fresh]',
    args: writes,
    fault: editOtherSenders(isRefusedInProgress(CONTACTS), (sync) => (sync.status === 'active' && sync.history.canSync ? startedSync(sync, 'history', new Date()) : undefined)),
  },
  {
    name: 'unknown-start-leaves-a-sync',
    description: 'a start to an id that names no sender is answered 404, but stores a sync for that id all the same (an upsert of the sync row before the sender check): a read of the id answers 200 with it',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/unknown-sender`,
    expectedStep: 'read-after',
    args: writes,
    fault: (() => {
      const ghosts = new Map<string, WhatsAppSyncStatus>();
      const fresh: WhatsAppSyncStatus = { isCoexistence: true, status: 'active', history: { status: 'not_requested', canSync: true, requestedAt: null, completedAt: null }, contacts: { status: 'not_requested', canSync: true, requestedAt: null } };
      return (context: FaultContext) => {
        const id = context.senderId;
        if (id === undefined || !isUnknownSender(context) || context.authorization !== `Bearer ${context.apiKey}`) return undefined;
        if ((isStart(CONTACTS, 404)(context) || isStart(HISTORY, 404)(context))) {
          ghosts.set(id, startedSync(ghosts.get(id) ?? fresh, context.operationId === HISTORY ? 'history' : 'contacts', new Date()));
          return undefined;
        }
        const ghost = ghosts.get(id);
        return context.operationId === 'getWhatsAppSyncStatus' && ghost !== undefined ? jsonAnswer(200, { sync: ghost }) : undefined;
      };
    })(),
  },
  {
    name: 'options-preflight-starts-the-sync',
    description: 'the authentication middleware lets every OPTIONS through (for CORS preflights) and the start route answers any method: an OPTIONS to /whatsapp-sync/history, with no credentials, starts the sync and answers 204 like a preflight (OPTIONS is a safe method, RFC 9110 §9.2.1, §9.3.7)',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HISTORY}/options-changes-nothing`,
    expectedStep: 'read-after',
    args: writes,
    fault: startsPastAuth('OPTIONS', /^\/v1\/senders\/([^/?#]+)\/whatsapp-sync\/(history|contacts)$/, {
      status: 204,
      headers: { allow: 'POST, OPTIONS', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'authorization' },
      body: '',
    }),
  },
  {
    name: 'encoded-id-starts-other-project-sync',
    description: "the starts' project check runs on the raw path segment and the lookup on the decoded id (the read's is right): POST /v1/senders/%73nd_other_project/whatsapp-sync/history, the same URI as the other project's sender, starts that project's sync and answers 202 (the write property withheld every id with a %, even the spellings of a sender a write may reach all the same)",
    expectedCheck: 'negative-inputs',
    expectedCaseId: `${HISTORY}/negative-inputs`,
    args: writes,
    fault: (context) => {
      const raw = /^\/v1\/senders\/([^/?#]*)/.exec(context.path)?.[1] ?? '';
      const starts = context.operationId === HISTORY || context.operationId === CONTACTS;
      if (!starts || context.senderId !== seededSenderIds().otherProject || !raw.includes('%') || context.authorization !== `Bearer ${context.apiKey}`) return undefined;
      return context.unscoped();
    },
  },
  {
    name: 'start-trailing-slash-skips-auth',
    description: 'authentication matches the start path exactly while the router also serves it with a trailing slash (the read has the same guard, and its trailing-slash case): POST /v1/senders/<id>/whatsapp-sync/history/ without credentials starts the sync and answers 202',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/no-credentials-trailing-slash`,
    expectedStep: 'start',
    args: writes,
    fault: startsPastAuth('POST', /^\/v1\/senders\/([^/?#]+)\/whatsapp-sync\/(history|contacts)\/$/),
  },
  {
    name: 'start-dot-segment-skips-auth',
    description: 'authentication matches the start path as written while the router removes dot segments: POST /v1/senders/<id>/./whatsapp-sync/contacts, the same URI (RFC 3986 §6.2.2.3), starts the sync without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/no-credentials-dot-segment`,
    expectedStep: 'start',
    args: writes,
    fault: startsPastAuth('POST', /^\/v1\/senders\/([^/?#]+)\/\.\/whatsapp-sync\/(history|contacts)$/),
  },
  {
    name: 'start-path-parameter-skips-auth',
    description: 'the same container on the starts: POST /v1/senders/<id>/whatsapp-sync/history;x without credentials starts the sync (anyone can start syncs, and send approval prompts to the account owner)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/no-credentials-path-parameter`,
    expectedStep: 'start',
    args: writes,
    fault: startsPastAuth('POST', /^\/v1\/senders\/([^/?#;]+)\/whatsapp-sync\/(history|contacts);[^/?#]*$/),
  },
  {
    name: 'start-doubled-slash-skips-auth',
    // Both starts are secured ("security: - bearerAuth: []", 401 "Unauthorized."): no other spelling of their paths may start a sync without the key.
    description: 'the router that drops empty segments on the starts: POST /v1//senders/<id>/whatsapp-sync/history without credentials starts the sync (anyone can start syncs, and send approval prompts to the account owner)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/no-credentials-doubled-slash`,
    expectedStep: 'start',
    args: writes,
    fault: startsPastAuth('POST', /^\/v1\/\/senders\/([^/?#]+)\/whatsapp-sync\/(history|contacts)$/),
  },
  {
    name: 'start-trailing-dot-skips-auth',
    // Both starts are secured ("security: - bearerAuth: []", 401 "Unauthorized."): no other spelling of their paths may start a sync without the key.
    description: 'the router that drops a trailing "." on the starts: POST /v1/senders/<id>/whatsapp-sync/history. without credentials starts the sync (anyone can start syncs, and send approval prompts to the account owner)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/no-credentials-trailing-dot`,
    expectedStep: 'start',
    args: writes,
    fault: startsPastAuth('POST', /^\/v1\/senders\/([^/?#]+)\/whatsapp-sync\/(history|contacts)\.$/),
  },
  {
    name: 'case-folded-start-path-skips-auth',
    description:
      'the same router on the starts: POST /V1/Senders/<id>/WhatsApp-Sync/History without credentials starts the sync and answers 202 (anyone can start syncs, and send approval prompts to the account owner)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/no-credentials-case-folded-path`,
    expectedStep: 'start',
    args: writes,
    fault: caseFoldedRouteSkipsAuth('POST', /^\/v1\/senders\/([^/?#]+)\/whatsapp-sync\/(history|contacts)$/i, (senderId, context, part) =>
      startSync(part ?? 'history', senderId, scopeTo(context.store, OWN_PROJECT), () => new Date()),
    ),
  },
  {
    name: 'write-without-credentials',
    description: 'a history start without any Authorization header is served as if authenticated',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/no-credentials`,
    args: writes,
    fault: when((context) => isStart(HISTORY, 401)(context) && context.authorization === undefined, (context) => context.authorized()),
  },
  {
    name: 'no-waba-start-crashes',
    description:
      "a start to a sender without a WhatsApp Business Account answers 500: the read checks the WABA first, the start handler copied the coexistence check only and dereferences the sender's missing WABA (sender.waba.phoneNumberId, a TypeError); a live run used to skip every start to that sender, so only its read's 400 was ever seen",
    expectedCheck: 'not-a-server-error',
    expectedCaseId: `${HISTORY}/no-waba`,
    args: writes,
    env: { ZAVU_SENDER_NO_WABA_WRITABLE: '1' },
    fault: when((context) => startedPart(context) !== undefined && isSenderKind('no-waba')(context) && context.planned.status === 400, () => jsonAnswer(500, { code: 'internal_error', message: 'Internal server error' })),
  },
  {
    name: 'not-coexistence-start-accepted',
    description:
      'a contacts start to a sender with a WABA that is not in coexistence mode answers 202 "Contacts sync initiated": the start checks that a WABA is connected but not its mode (the read checks both), so a Cloud API number gets a sync that can never run, and its caller a success',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${CONTACTS}/not-coexistence`,
    args: writes,
    env: { ZAVU_SENDER_NOT_COEXISTENCE_WRITABLE: '1' },
    fault: when(
      (context) => startedPart(context) === 'contacts' && isSenderKind('not-coexistence')(context) && context.planned.status === 400,
      () => jsonAnswer(202, { message: 'Contacts sync initiated', sync: { isCoexistence: false, status: 'active', history: { status: 'not_requested', canSync: false, requestedAt: null, completedAt: null }, contacts: { status: 'pending', canSync: false, requestedAt: new Date().toISOString() } } }),
    ),
  },
  {
    name: 'sync-refusal-sent-as-429',
    description:
      'a start refused as already in progress or over the sync limit is answered 429 with Retry-After: 86400 and the documented 400 body ("History sync is already in progress", "Sync limit reached. Please wait 24 hours…"): HTTP\'s "too many requests" looks right to whoever wrote it, but the contract answers these refusals 400, and every client takes a 429 for the platform\'s rate limit and retries the start (the official SDK retries 429) instead of reading the refusal; the suite used to leave every final 429 to a POST unjudged, as a limiter\'s',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start-again',
    args: writes,
    fault: when(
      (context) => startedPart(context) !== undefined && context.planned.status === 400 && /already in progress|Sync limit reached/.test(context.planned.body),
      ({ planned }) => ({ ...planned, status: 429, headers: { ...planned.headers, 'retry-after': '86400' } }),
    ),
  },
  {
    name: 'odd-id-start-refused-as-sync-limit-429',
    description:
      'a start reads the sender\'s daily sync quota before it looks the sender up, under a cache key built from the id, and the key builder gives up (undefined) on an id with a character outside [A-Za-z0-9_-]; `if (!(quota?.remaining > 0))` then takes the missing quota for a spent one: every start to such an id, as the negative property sends them (a quote, a space, a NUL…), is answered 429 with Retry-After: 86400 and the documented rate_limit body ("Sync limit reached. Please wait 24 hours before trying again.") instead of 404, while the unknown and the other project\'s sender ids, plain words, get their 404; the property used to leave every final 429 unjudged, as a limiter\'s, and the run said "the target rate-limited them (slow the run with --rate)", which no pace would change',
    expectedCheck: 'negative-inputs',
    expectedCaseId: `${HISTORY}/negative-inputs`,
    args: writes,
    fault: when(
      (context) => context.method === 'POST' && startedPart(context) !== undefined && context.planned.status === 404 && context.authorization === `Bearer ${context.apiKey}` && !/^[\w-]+$/.test(context.senderId ?? ''),
      ({ planned }) => ({ status: 429, headers: { ...planned.headers, 'retry-after': '86400' }, body: JSON.stringify({ code: 'bad_request', message: startMessages('history').rate_limit }) }),
    ),
  },
  {
    name: 'not-coexistence-refused-start-leaves-a-sync',
    description:
      "a history start to a sender whose WABA is not in coexistence mode is refused 400 as documented, but its upsert of the sync row ran before the mode check: the read of that sender, 400 before, now finds the row and answers 200 with a history sync pending on a Cloud API number (the start rows of the refused senders were single requests, so nothing read them after)",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/not-coexistence`,
    expectedStep: 'read-after',
    args: writes,
    env: { ZAVU_SENDER_NOT_COEXISTENCE_WRITABLE: '1' },
    fault: refusedStartLeavesASync('not-coexistence', (sync) => jsonAnswer(200, { sync })),
  },
  {
    name: 'no-waba-refused-start-breaks-the-read',
    description:
      "a contacts start to a sender without a WABA is refused 400 as documented, but it left a sync row behind (an upsert before the WABA check): the read of that sender finds the row and its serializer dereferences the missing WABA, so every read of it is a 500 from then on",
    expectedCheck: 'not-a-server-error',
    expectedCaseId: `${CONTACTS}/no-waba`,
    expectedStep: 'read-after',
    args: writes,
    env: { ZAVU_SENDER_NO_WABA_WRITABLE: '1' },
    fault: refusedStartLeavesASync('no-waba', () => jsonAnswer(500, { code: 'internal_error', message: 'Internal server error' })),
  },
  {
    name: 'concurrent-starts-both-accepted',
    description:
      'a start reads the sync row, calls Meta, then writes "pending" (a check-then-act with an await between): every start sent alone is answered right, but two history starts sent at once both find the history startable, and both are accepted (202, 202): the sync is started twice',
    expectedCheck: 'concurrent-starts',
    expectedCaseId: `${HISTORY}/concurrent-starts`,
    expectedStep: 'start',
    // Every start sent alone is answered right: only the two starts sent at once (one case per part) see it.
    onlyFailingCases: [`${CONTACTS}/concurrent-starts`, `${HISTORY}/concurrent-starts`],
    args: writes,
    // Long beside a loopback request's few milliseconds and a loaded CI machine's pauses: the two
    // copies, sent together, both arrive within it (each start accepted alone waits it too: ~2 s a run).
    fault: checkThenActStart(1000),
  },
  {
    name: 'not-active-start-says-in-progress',
    description:
      "a start handler takes canSync false for a sync in flight (`if (!state.canSync) return inProgress`) before it checks the account: a history start on an account not active, its history read just before at rest (canSync false because the account is not active), is refused 400 \"History sync is already in progress\", the documented words of a reason that read rules out; a client that branches on the message waits for a sync that is not running. A warning before (examples are illustrative), as any other wording still is",
    expectedCheck: 'error-message-documented',
    expectedCaseId: `${HISTORY}/not-active`,
    expectedStep: 'start',
    // A mock target: every sender is written to, so the not-active row's start is sent.
    args: [...writes, '--mock-target'],
    fault: refusalSays('not_active', 'in_progress', atRestOnInactive),
  },
  {
    name: 'not-active-start-says-no-waba',
    description:
      "a contacts start looks the sender's WABA up joined on an active account (`where: { waba: { account: { status: 'active' } } }`), so a sender in coexistence mode whose account is not active finds none and is refused 400 \"Sender does not have a WhatsApp Business Account connected\": the read just before showed it connected in coexistence mode, and a client that branches on the documented words asks its user to connect a WABA they have",
    expectedCheck: 'error-message-documented',
    expectedCaseId: `${CONTACTS}/not-active`,
    expectedStep: 'start',
    args: [...writes, '--mock-target'],
    fault: refusalSays('not_active', 'no_waba', (context) => context.before !== undefined && context.before.status !== 'active'),
  },
  {
    name: 'no-waba-start-says-not-coexistence',
    description:
      "the start handler checks the sender's mode before its WABA (`if (!sender.isCoexistence) return notCoexistence`): a history start to a sender without a WhatsApp Business Account, which the status read just before refused in the documented no_waba words, is refused 400 \"History sync is only available for coexistence accounts\", the documented words of a reason that read rules out; a client that branches on the message asks its user to switch a WABA they do not have to coexistence mode. A warning before (no read before the start told the suite which reason held)",
    expectedCheck: 'error-message-documented',
    expectedCaseId: `${HISTORY}/no-waba`,
    expectedStep: 'start',
    args: writes,
    fault: refusalSays('no_waba', 'not_coexistence', () => true),
  },
  {
    name: 'in-progress-start-says-not-active',
    description:
      "the in-flight branch of the start handler returns the not-active message constant (a copy-paste of the branch above it): a second history start, the sync just accepted and pending on an account read active, is refused 400 \"WhatsApp account is not active\", the documented words of a reason the read just before rules out",
    expectedCheck: 'error-message-documented',
    expectedCaseId: `${HISTORY}/start-syncable`,
    expectedStep: 'start-again',
    args: writes,
    fault: refusalSays('in_progress', 'not_active', (context) => context.before?.status === 'active'),
  },
  {
    name: 'start-ignores-the-key-project',
    description:
      "the start handler looks the sender up by id alone (the read's lookup is scoped to the key's project, the start's is not): another project's key starts the key's own project's syncs, 202, and uses up their 24-hour limit; no start with the key can show it, and every read is answered right",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${HISTORY}/own-sender-other-project-key`,
    expectedStep: 'start',
    // Only another project's key on the key's own sender meets it: before those cases the run exited 0.
    onlyFailingCases: [`${CONTACTS}/own-sender-other-project-key`, `${HISTORY}/own-sender-other-project-key`],
    args: writes,
    fault: when((context) => context.planned.status === 404 && isStartByOtherProject(context), (context) => context.unscoped()),
  },
];
