/**
 * Broken servers whose reads change the state they read: every answer is right when judged alone,
 * and a read-only run (no --allow-writes, so no start and no witness) met none of them before
 * getWhatsAppSyncStatus/reads-change-nothing read each sender again (and, after a read refused
 * 401, unauthenticated-read-changes-nothing; after a HEAD with the key, head-changes-nothing).
 * GET and HEAD are safe (RFC 9110 §9.2.1), a refusal changes nothing, and requestedAt /
 * completedAt are "when the sync was last requested" / "when the sync was completed": no read
 * (nor a HEAD, a GET without its body) is either.
 */
import type { WhatsAppSyncStatus } from '../../src/reference-server';
import type { BrokenServer } from './broken-server-entry';
import { jsonAnswer, storedSync } from './fault-builders';
import type { FaultContext, ResponseFault } from '../../src/reference-server';

const GET = 'getWhatsAppSyncStatus';
const READS = `${GET}/reads-change-nothing`;
const REFUSED_READS = `${GET}/unauthenticated-read-changes-nothing`;
const HEADS = `${GET}/head-changes-nothing`;

/**
 * On the reads `selects` picks, stores what `edit` makes of the sender's sync (undefined: nothing).
 * The read answers the state after the edit when `answersEdited`, else as planned (the state it found).
 */
function readWrites(selects: (context: FaultContext) => boolean, edit: (sync: WhatsAppSyncStatus) => WhatsAppSyncStatus | undefined, answersEdited = false): ResponseFault {
  return (context) => {
    if (context.operationId !== GET || context.method !== 'GET' || !selects(context) || context.senderId === undefined) return undefined;
    const sync = storedSync(context);
    const edited = sync === undefined ? undefined : edit(sync);
    if (edited === undefined) return undefined;
    context.store.setSync(context.senderId, edited);
    return answersEdited ? jsonAnswer(200, { sync: edited }) : undefined;
  };
}

/**
 * On a HEAD with the key to a sender's read path, stores what `edit` makes of its sync (undefined:
 * nothing); the HEAD is answered as planned (the GET's status, no body): a HEAD route of its own, or
 * the GET's handler with its side effects run before the body is dropped.
 */
function headWrites(edit: (sync: WhatsAppSyncStatus) => WhatsAppSyncStatus | undefined): ResponseFault {
  return (context) => {
    if (context.operationId !== GET || context.method !== 'HEAD' || context.authorization !== `Bearer ${context.apiKey}` || context.senderId === undefined) return undefined;
    const sync = storedSync(context);
    const edited = sync === undefined ? undefined : edit(sync);
    if (edited !== undefined) context.store.setSync(context.senderId, edited);
    return undefined;
  };
}

const served = (context: FaultContext): boolean => context.planned.status === 200;
const refused = (context: FaultContext): boolean => context.planned.status === 401;
const inFlight = (status: string): boolean => status === 'pending' || status === 'syncing';
const startable = (sync: WhatsAppSyncStatus, part: 'history' | 'contacts'): boolean => sync.status === 'active' && sync[part].status === 'not_requested' && sync[part].canSync;
const nowToTheSecond = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const READ_BREAKS: readonly BrokenServer[] = [
  {
    name: 'read-restamps-in-flight-requested-at',
    description:
      "every read of a part pending or syncing stores and answers its requestedAt as the read's own time (an ORM that touches an updated_at mapped as requested_at on every load): each answer is schema-valid and no time is ahead, but a sync never requested again reads as requested later at every read",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${READS}[snd_coex_syncing]`,
    expectedStep: 'read-after',
    fault: readWrites(served, (sync) => {
      const parts = (['history', 'contacts'] as const).filter((part) => inFlight(sync[part].status));
      if (parts.length === 0) return undefined;
      const touched = structuredClone(sync);
      // The read's own time, past the one it replaces (two reads may fall in one millisecond).
      for (const part of parts) touched[part].requestedAt = new Date(Math.max(Date.now(), Date.parse(sync[part].requestedAt ?? '') + 1 || 0)).toISOString();
      return touched;
    }, true),
  },
  {
    name: 'read-restamps-completed-at',
    description: "every read of a completed history stores and answers its completedAt as the read's own time: a sync completed once reads as completed again at every read",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${READS}[snd_coex_active]`,
    expectedStep: 'read-after',
    fault: readWrites(served, (sync) => (sync.history.status === 'completed' ? { ...sync, history: { ...sync.history, completedAt: new Date(Math.max(Date.now(), Date.parse(sync.history.completedAt ?? '') + 1 || 0)).toISOString() } } : undefined), true),
  },
  {
    name: 'read-forgets-completed-history',
    description:
      "a read of a completed history answers it, then resets it to never requested (a cache-eviction hook that deletes the sync row it just served): the next read shows not_requested, startable, no times: a sync once requested and completed that says it never was",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${READS}[snd_coex_active]`,
    expectedStep: 'read-after',
    fault: readWrites(served, (sync) => (sync.history.status === 'completed' ? { ...sync, history: { status: 'not_requested', canSync: true, requestedAt: null, completedAt: null } } : undefined)),
  },
  {
    name: 'read-moves-syncing-back-to-pending',
    description: 'a read of a history syncing puts it back to pending (a status poll that re-enqueues the job it finds running): the next read shows it pending, a step back no sync takes',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${READS}[snd_coex_syncing]`,
    expectedStep: 'read-after',
    fault: readWrites(served, (sync) => (sync.history.status === 'syncing' ? { ...sync, history: { ...sync.history, status: 'pending' } } : undefined)),
  },
  {
    name: 'refused-read-uses-up-the-limit',
    description:
      "a read refused 401 counts against the sender's sync limit (a failed-authentication counter stored on the sender): the part never requested reads canSync false after it, so anyone without a key can block a sender's syncs",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${REFUSED_READS}[snd_coex_active]`,
    expectedStep: 'read-after',
    fault: readWrites(refused, (sync) => (sync.status === 'active' && sync.contacts.status === 'not_requested' && sync.contacts.canSync ? { ...sync, contacts: { ...sync.contacts, canSync: false } } : undefined)),
  },
  {
    name: 'refused-read-starts-contacts',
    description: "a read refused 401 starts the contacts sync of the sender it names (the handler's warm-up, run before authentication, enqueues a contacts import when none was ever requested): the read after shows contacts pending, requested just now",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${REFUSED_READS}[snd_coex_active]`,
    expectedStep: 'read-after',
    fault: readWrites(refused, (sync) =>
      sync.status === 'active' && sync.contacts.status === 'not_requested' && sync.contacts.canSync ? { ...sync, contacts: { status: 'pending', canSync: false, requestedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') } } : undefined,
    ),
  },
  {
    name: 'read-starts-startable-history',
    description: "a read with the key starts the history sync of a sender whose history can be started (a dashboard's auto-sync moved into the status endpoint): the read answers the state it found, and the next read shows history pending",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${READS}[snd_coex_fresh]`,
    expectedStep: 'read-after',
    fault: readWrites(served, (sync) =>
      sync.status === 'active' && sync.history.status === 'not_requested' && sync.history.canSync ? { ...sync, history: { status: 'pending', canSync: false, requestedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), completedAt: null } } : undefined,
    ),
  },
  {
    name: 'head-with-key-starts-history',
    description:
      "a HEAD with the key starts the history sync of a sender whose history can be started (the status route's auto-sync runs for HEAD too, before the body is dropped): the HEAD is answered 200 without a body as it should be, and the next read shows history pending, requested just now, though only reads were sent",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HEADS}[snd_coex_fresh]`,
    expectedStep: 'read-after',
    fault: headWrites((sync) => (startable(sync, 'history') ? { ...sync, history: { status: 'pending', canSync: false, requestedAt: nowToTheSecond(), completedAt: null } } : undefined)),
  },
  {
    name: 'head-with-key-starts-contacts',
    description: 'a HEAD with the key starts the contacts sync of a sender whose contacts were never requested (a HEAD route of its own that warms the contacts import): the next read shows contacts pending',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HEADS}[snd_coex_active]`,
    expectedStep: 'read-after',
    fault: headWrites((sync) => (startable(sync, 'contacts') ? { ...sync, contacts: { status: 'pending', canSync: false, requestedAt: nowToTheSecond() } } : undefined)),
  },
  {
    name: 'head-with-key-restamps-completed-at',
    description: "a HEAD with the key of a completed history stores its completedAt as the HEAD's own time (a last-seen touch on every load, GET's reads spared by a cache in front of them): the next read shows the sync completed again",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HEADS}[snd_coex_active]`,
    expectedStep: 'read-after',
    fault: headWrites((sync) => (sync.history.status === 'completed' ? { ...sync, history: { ...sync.history, completedAt: new Date(Math.max(Date.now(), Date.parse(sync.history.completedAt ?? '') + 1000 || 0)).toISOString().replace(/\.\d{3}Z$/, 'Z') } } : undefined)),
  },
  {
    name: 'head-with-key-uses-up-the-limit',
    description: "a HEAD with the key counts against the sender's sync limit (a request counter shared by every method of the route): contacts never requested read canSync false after it, a start refused though none was sent",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${HEADS}[snd_coex_active]`,
    expectedStep: 'read-after',
    fault: headWrites((sync) => (startable(sync, 'contacts') ? { ...sync, contacts: { ...sync.contacts, canSync: false } } : undefined)),
  },
];
