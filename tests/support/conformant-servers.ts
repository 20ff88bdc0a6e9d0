/**
 * The catalogue of unusual but conformant servers: the reference server with one choice the
 * contract allows and the reference itself does not make. The suite must pass each of them
 * (exit 0, nothing failed): a false alarm here is the suite's bug, not the target's.
 */
import { errorResponse, startMessages, type FaultContext, type ResponseFault, type SyncPart, type WhatsAppSyncStatus } from '../../src/reference-server';
import { child, editJsonBody, otherCoexistenceSenders } from './fault-builders';

export interface ConformantServer {
  /** Stable kebab-case name, used in test titles. */
  name: string;
  /** The unusual choice, in words, and why the contract allows it. */
  description: string;
  /** Extra CLI flags of the run (e.g. --allow-writes). */
  args?: string[];
  /**
   * The choice shows in the store, read by later requests, not in the answer the fault returns: a
   * returned answer then counts as a change, and the fault returns one only when it changed the
   * store (the test requires a change, so an entry that does nothing proves nothing).
   */
  changesState?: true;
  fault: ResponseFault;
}

/** The same instant as an RFC 3339 "…Z" date-time, spelled with a +05:30 offset and milliseconds. */
export function respelledInstant(text: string): string {
  const shifted = new Date(Date.parse(text) + 330 * 60_000).toISOString();
  return `${shifted.slice(0, 23)}+05:30`;
}

/** The part a start request is about, or undefined for a read. */
function startedPart(context: FaultContext): SyncPart | undefined {
  return context.operationId === 'startWhatsAppHistorySync' ? 'history' : context.operationId === 'startWhatsAppContactsSync' ? 'contacts' : undefined;
}

export const CONFORMANT_SERVERS: readonly ConformantServer[] = [
  {
    name: 'router-answers-unserved-paths-in-problem-json',
    description: "a router that serves the documented paths alone (no trailing slash, no dot segment, no percent-encoded letter) answers every other path 404 in its own problem+json before any authentication, for every id alike, as Prism does: the scenarios accept any 4xx there, its body being a router's",
    args: ['--allow-writes'],
    fault: (context) =>
      /\/$|\/\.\/|%73enders/.test(context.path.split('?')[0] ?? '')
        ? { status: 404, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route for ${context.method} ${context.path}` }) }
        : undefined,
  },
  {
    name: 'front-date-16-minutes-behind',
    description: "a front (a CDN, a proxy) whose clock is 16 minutes behind stamps every Date header; the API's own times, and the suite's clock, are right: a time near either clock is the API's present, not a zone gone wrong",
    args: ['--allow-writes'],
    fault: (context) => ({ ...context.planned, headers: { ...context.planned.headers, date: new Date(Date.now() - 16 * 60_000).toUTCString() } }),
  },
  {
    name: 'history-completes-in-the-202',
    description: 'a history with nothing to import completes at once: the 202 already shows it completed, with completedAt its requestedAt (a start completes nothing only while the sync is in flight)',
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.operationId !== 'startWhatsAppHistorySync' || context.planned.status !== 202 || context.senderId === undefined) return undefined;
      const body = JSON.parse(context.planned.body) as { message: string; sync: WhatsAppSyncStatus };
      const done = { ...body.sync, history: { ...body.sync.history, status: 'completed' as const, canSync: false, completedAt: body.sync.history.requestedAt ?? null } };
      context.store.setSync(context.senderId, done);
      return { ...context.planned, body: JSON.stringify({ ...body, sync: done }) };
    },
  },
  {
    name: 'head-not-routed',
    description: 'a router that serves GET alone: every HEAD, with or without credentials, is answered 405 with Allow: GET (the contract documents GET; a HEAD that reveals nothing is as good as a 401)',
    fault: (context) => (context.method === 'HEAD' ? { status: 405, headers: { allow: 'GET' }, body: '' } : undefined),
  },
  {
    name: 'head-answered-by-a-router-404',
    description: 'a router that matches no HEAD route answers every HEAD 404 in plain text, for a sender and an unknown id alike',
    fault: (context) => (context.method === 'HEAD' ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' } : undefined),
  },
  {
    name: 'start-202-spells-requested-at-otherwise',
    description: "a start's 202 spells requestedAt with an offset and milliseconds, the read after it in UTC: the same instant (RFC 3339 date-time), so the read agrees",
    args: ['--allow-writes'],
    fault: editJsonBody(
      (context) => context.planned.status === 202,
      (body) => {
        for (const part of ['history', 'contacts']) {
          const state = child(child(body, 'sync'), part);
          if (typeof state['requestedAt'] === 'string' && state['status'] === 'pending') state['requestedAt'] = respelledInstant(state['requestedAt']);
        }
      },
    ),
  },
  {
    name: 'sync-finishes-before-the-next-start',
    description:
      'a live sandbox: a part read as pending has completed by the time the next start arrives, with its 24-hour limit reached, so that start is refused with the documented rate_limit reason (in flight states move on by themselves)',
    args: ['--allow-writes'],
    fault: (context) => {
      const part = startedPart(context);
      const before = context.before;
      if (part === undefined || before === undefined || context.senderId === undefined || context.planned.status !== 400 || before[part].status !== 'pending') return undefined;
      // Completed now: a completed history says when (contacts have no completion time).
      const done = part === 'history' ? { ...before.history, status: 'completed' as const, canSync: false, completedAt: new Date().toISOString() } : { ...before.contacts, status: 'completed' as const, canSync: false };
      context.store.setSync(context.senderId, { ...before, [part]: done });
      return errorResponse(400, 'bad_request', startMessages(part).rate_limit);
    },
  },
  {
    name: 'sync-limit-shared-by-the-project',
    description:
      "a sync limit of the project, not of the sender: once a part is started on one sender, every other sender reports that part's canSync false (canSync only says whether a sync can be initiated; the contract does not say whose limit it is)",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      const part = startedPart(context);
      if (part === undefined || context.planned.status !== 202) return undefined;
      let changed = false;
      for (const { id, sync } of otherCoexistenceSenders(context)) {
        if (sync[part].canSync === false) continue;
        context.store.setSync(id, { ...sync, [part]: { ...sync[part], canSync: false } });
        // What the store says now, not what was meant: the change counted is the one made.
        const now = context.store.get(id);
        if (now?.kind === 'coexistence' && now.sync[part].canSync === false) changed = true;
      }
      // The 202 itself as planned; the change shows in the other senders' reads.
      return changed ? context.planned : undefined;
    },
  },
  {
    name: 'another-account-finishes-registering',
    description:
      "the account of the sender pending registration becomes active while a sync is started on another sender (a registration completes when it completes): a witness's account status is not the start's doing, and the contract ties it to no start",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      if (startedPart(context) === undefined || context.planned.status !== 202) return undefined;
      const registering = otherCoexistenceSenders(context).find(({ sync }) => sync.status === 'pending_registration');
      if (registering === undefined) return undefined;
      context.store.setSync(registering.id, { ...registering.sync, status: 'active' });
      // What the store says now, not what was meant: the change counted is the one made.
      const now = context.store.get(registering.id);
      return now?.kind === 'coexistence' && now.sync.status === 'active' ? context.planned : undefined;
    },
  },
  {
    name: 'reads-omit-requested-at',
    description: 'every read leaves out requestedAt, an optional property of both parts (only status and canSync are required): leaving it out claims nothing, so it agrees with a 202 that showed one',
    args: ['--allow-writes'],
    fault: editJsonBody(
      (context) => context.operationId === 'getWhatsAppSyncStatus' && context.planned.status === 200,
      (body) => {
        for (const part of ['history', 'contacts']) delete child(child(body, 'sync'), part)['requestedAt'];
      },
    ),
  },
  {
    name: 'start-202-omits-the-other-requested-at',
    description: "a start's 202 leaves out the other part's requestedAt, an optional field (its reads still show it): leaving it out claims no new request",
    args: ['--allow-writes'],
    fault: (context) => {
      const other = startedPart(context) === 'history' ? 'contacts' : 'history';
      return editJsonBody(
        (c) => c.planned.status === 202,
        (body) => {
          delete child(child(body, 'sync'), other)['requestedAt'];
        },
      )(context);
    },
  },
  {
    name: 'store-keeps-request-times-to-the-second',
    description:
      "a start's 202 shows requestedAt to the millisecond, as the request was timed; the store keeps it to the second (rounded, as a DATETIME(0) column does), so the reads after it show that second: one request time told at two precisions (RFC 3339 makes fractional seconds optional; the contract sets no precision)",
    args: ['--allow-writes'],
    fault: (context) => {
      const part = startedPart(context);
      if (part === undefined || context.senderId === undefined || context.planned.status !== 202) return undefined;
      const body = JSON.parse(context.planned.body) as { message: string; sync: WhatsAppSyncStatus };
      // The reference times a start to the second; this server timed it 623 ms into that second…
      const timed = Date.parse(body.sync[part].requestedAt ?? '') + 623;
      // …and its store rounds to the nearest second: the next one.
      const stored = { ...body.sync, [part]: { ...body.sync[part], requestedAt: new Date(Math.round(timed / 1000) * 1000).toISOString().replace('.000Z', 'Z') } };
      context.store.setSync(context.senderId, stored);
      const shown = { ...body.sync, [part]: { ...body.sync[part], requestedAt: new Date(timed).toISOString() } };
      return { ...context.planned, body: JSON.stringify({ ...body, sync: shown }) };
    },
  },
  {
    name: 'router-answers-undecoded-paths-in-plain-text',
    description:
      'a router that matches paths as written, without decoding unreserved escapes, answers "/v1/%73enders/…" with its own plain-text 404 before any authentication, for every id alike (the scenarios accept any 4xx there, its body being a router\'s)',
    args: ['--allow-writes'],
    fault: (context) =>
      context.path.startsWith('/v1/%73enders/') ? { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Cannot ${context.method} ${context.path}` } : undefined,
  },
  {
    name: 'start-202-omits-the-started-requested-at',
    description: "a start's 202 leaves out the started part's requestedAt, an optional field (only status and canSync are required); its reads show it",
    args: ['--allow-writes'],
    fault: editJsonBody(
      (context) => context.planned.status === 202,
      (body, context) => {
        delete child(child(body, 'sync'), startedPart(context) ?? 'history')['requestedAt'];
      },
    ),
  },
];
