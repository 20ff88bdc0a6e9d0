/**
 * Small builders for ResponseFaults, so each broken server in the catalogue reads as one line of
 * data ("when this, answer that") rather than as its own code path.
 */
import { findSeedSender, seededSenderIds, type SeedSender } from '../../src/reference-server';
import type { FaultContext, PlannedResponse, ResponseFault, SyncPart, WhatsAppSyncStatus } from '../../src/reference-server';

/** A JSON object being edited; faults deliberately write values the types would forbid. */
export type JsonObject = Record<string, unknown>;

/** Applies `replace` to the responses `predicate` selects; others pass unchanged. */
export function when(
  predicate: (context: FaultContext) => boolean,
  replace: (context: FaultContext) => PlannedResponse,
): ResponseFault {
  return (context) => (predicate(context) ? replace(context) : undefined);
}

/** Rewrites the JSON body of the responses `predicate` selects, keeping status and headers. */
export function editJsonBody(predicate: (context: FaultContext) => boolean, edit: (body: JsonObject, context: FaultContext) => unknown): ResponseFault {
  return when(predicate, (context) => {
    const { planned } = context;
    const body = JSON.parse(planned.body) as JsonObject;
    const edited = edit(body, context);
    // An edit that returns nothing mutated `body` in place.
    return { ...planned, body: JSON.stringify(edited === undefined ? body : edited) };
  });
}

/** Edits the `sync` object of every 200 body. */
export function editSync(edit: (sync: JsonObject) => void): ResponseFault {
  return editJsonBody(isStatus(200), (body) => {
    edit(body['sync'] as JsonObject);
  });
}

/** The nested object at `key` of a body being edited. */
export function child(object: JsonObject, key: string): JsonObject {
  return object[key] as JsonObject;
}

/**
 * Serves requests the reference refused with 401 as if they were authenticated, when their
 * Authorization header (undefined when absent) satisfies `accepts`, which also gets the server's
 * key (to compare with it the wrong way). Models broken auth.
 */
export function acceptCredentials(accepts: (authorization: string | undefined, apiKey: string) => boolean): ResponseFault {
  return when(
    (context) => context.planned.status === 401 && context.senderId !== undefined && accepts(context.authorization, context.apiKey),
    (context) => context.authorized(),
  );
}

/** The token of a header `<scheme><separator><token>`, for schemes matching `scheme` (case-insensitive), else undefined. */
export function tokenAfter(authorization: string | undefined, scheme: string, separator = ' +'): string | undefined {
  return new RegExp(`^(?:${scheme})${separator}(\\S+)$`, 'i').exec(authorization ?? '')?.[1];
}

/** Selects requests about a sender that exists in the store but belongs to another project than the key's. */
export function isOtherProjectSender(context: FaultContext): boolean {
  return context.senderId !== undefined && findSeedSender(context.senderId, context.store)?.project !== undefined;
}

/** Selects what both predicates select. */
export function both(
  first: (context: FaultContext) => boolean,
  second: (context: FaultContext) => boolean,
): (context: FaultContext) => boolean {
  return (context) => first(context) && second(context);
}

/** Selects responses with this status. */
export function isStatus(status: number): (context: FaultContext) => boolean {
  return (context) => context.planned.status === status;
}

/** Selects requests about a sender of this kind in the server's store (any authentication). */
export function isSenderKind(kind: SeedSender['kind']): (context: FaultContext) => boolean {
  return (context) => context.senderId !== undefined && findSeedSender(context.senderId, context.store)?.kind === kind;
}

/** Selects requests about a sender the server's store does not know. */
export function isUnknownSender(context: FaultContext): boolean {
  return context.senderId !== undefined && findSeedSender(context.senderId, context.store) === undefined;
}

/** A response with a JSON body and the correct Content-Type, for faults that only break the status. */
export function jsonAnswer(status: number, body: unknown): PlannedResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/** The stored sync of the sender a request names, when it is a coexistence sender. */
export function storedSync(context: FaultContext): WhatsAppSyncStatus | undefined {
  const sender = context.senderId === undefined ? undefined : context.store.get(context.senderId);
  return sender?.kind === 'coexistence' ? sender.sync : undefined;
}

/**
 * On the requests `predicate` selects, changes the stored sync of the sender named (a coexistence
 * one) to what `edit` returns (undefined: left as it is). The answer stays the planned one (a
 * server whose side effects go wrong while its answers look right), or, given `editBody`, its JSON
 * body is edited too when the store was (side effect and answer wrong together).
 */
export function editStoredSync(
  predicate: (context: FaultContext) => boolean,
  edit: (sync: WhatsAppSyncStatus) => WhatsAppSyncStatus | undefined,
  editBody?: (body: JsonObject, context: FaultContext) => unknown,
): ResponseFault {
  return (context) => {
    const sync = storedSync(context);
    const edited = predicate(context) && sync !== undefined ? edit(sync) : undefined;
    if (edited === undefined || context.senderId === undefined) return undefined;
    context.store.setSync(context.senderId, edited);
    return editBody === undefined ? undefined : editJsonBody(() => true, editBody)(context);
  };
}

/** The answers of `fault` with these headers over their own (a Date of the fault's choosing, say). */
export function withHeaders(fault: ResponseFault, headers: Record<string, string>): ResponseFault {
  return (context) => {
    const answer = fault(context);
    return answer === undefined ? undefined : { ...answer, headers: { ...answer.headers, ...headers } };
  };
}

/**
 * A read that finds the sender's stored sync moved on by itself (a live sandbox): `next` of the
 * state before the read (undefined: as it was); the store keeps it, and the read answers it.
 */
export function readMovesOn(next: (before: WhatsAppSyncStatus) => WhatsAppSyncStatus | undefined): ResponseFault {
  return (context) => {
    const moved = context.operationId === 'getWhatsAppSyncStatus' && context.before !== undefined ? next(context.before) : undefined;
    if (moved === undefined || context.senderId === undefined) return undefined;
    context.store.setSync(context.senderId, moved);
    return jsonAnswer(200, { sync: moved });
  };
}

/** The part a start request is about, or undefined for a read. */
export function startedPart(context: FaultContext): SyncPart | undefined {
  return context.operationId === 'startWhatsAppHistorySync' ? 'history' : context.operationId === 'startWhatsAppContactsSync' ? 'contacts' : undefined;
}

/**
 * An accepted start that times its part's requestedAt otherwise (`stamp`, given the reference's
 * own): the store keeps `stored` (what the reads after show), the 202 shows `shown`.
 */
export function restampStart(stamp: (requestedAt: string | null | undefined) => { shown: string; stored: string }): ResponseFault {
  return (context) => {
    const part = startedPart(context);
    if (part === undefined || context.senderId === undefined || context.planned.status !== 202) return undefined;
    const body = JSON.parse(context.planned.body) as { message: string; sync: WhatsAppSyncStatus };
    const { shown, stored } = stamp(body.sync[part].requestedAt);
    const at = (requestedAt: string): WhatsAppSyncStatus => ({ ...body.sync, [part]: { ...body.sync[part], requestedAt } });
    context.store.setSync(context.senderId, at(stored));
    return { ...context.planned, body: JSON.stringify({ ...body, sync: at(shown) }) };
  };
}

/**
 * A host whose clock is `offsetMs` ahead of the real time (negative: behind), the process taking it
 * for UTC: every Date header says so, and every accepted start records that clock's time as its
 * part's requestedAt, in the store and in the 202 alike (the answer agrees with itself).
 */
export function hostClockOff(offsetMs: number): ResponseFault {
  const restamped = restampStart(() => {
    const now = new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { shown: now, stored: now };
  });
  return (context) => {
    const answer = restamped(context) ?? context.planned;
    return { ...answer, headers: { ...answer.headers, date: new Date(Date.now() + offsetMs).toUTCString() } };
  };
}

/** The coexistence senders of the store other than the one a request names, each with its stored sync. */
export function otherCoexistenceSenders(context: FaultContext): { id: string; sync: WhatsAppSyncStatus }[] {
  return seededSenderIds().coexistence
    .filter((id) => id !== context.senderId)
    .flatMap((id) => {
      const sender = context.store.get(id);
      return sender?.kind === 'coexistence' ? [{ id, sync: sender.sync }] : [];
    });
}

/**
 * On requests `selects` picks, changes the store of every other coexistence sender `edit` returns a
 * sync for (undefined: left as it is), and answers as planned: a side effect that lands on senders
 * the request did not name (an update that lost its sender filter).
 */
export function editOtherSenders(selects: (context: FaultContext) => boolean, edit: (sync: WhatsAppSyncStatus) => WhatsAppSyncStatus | undefined): ResponseFault {
  return (context) => {
    if (!selects(context)) return undefined;
    for (const { id, sync } of otherCoexistenceSenders(context)) {
      const changed = edit(sync);
      if (changed !== undefined) context.store.setSync(id, changed);
    }
    return undefined;
  };
}

/**
 * A router that matches paths ignoring letter case (Express's default `caseSensitive: false`,
 * ASP.NET Core routing, IIS) behind an authentication guard keyed on the path as written
 * (`req.path.startsWith('/v1/senders/')`, a gateway route, a `location` block): a documented path
 * with a fixed segment in other capitals (`template`, matched with the `i` flag) reaches the
 * operation past authentication. `operation` answers for the decoded id over the key's project, with
 * the template's second group (a start's part) in lower case.
 */
export function caseFoldedRouteSkipsAuth(method: string, template: RegExp, operation: (senderId: string, context: FaultContext, part?: SyncPart) => PlannedResponse): ResponseFault {
  return (context) => {
    const path = context.path.split('?')[0] ?? context.path;
    const match = context.method === method ? template.exec(path) : null;
    const raw = match?.[1];
    if (raw === undefined) return undefined;
    // The documented spelling goes through the guard as it should; only another capitalisation slips past it.
    const fixed = path.replace(raw, '');
    if (fixed === fixed.toLowerCase()) return undefined;
    let senderId: string;
    try {
      senderId = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    return operation(senderId, context, match?.[2]?.toLowerCase() as SyncPart | undefined);
  };
}

/**
 * A rate limiter on a host whose clock is `offsetMs` off the real time (a front, a CDN, a gateway:
 * the catalogue already takes a front's Date 16 minutes behind, and an API host 20 minutes fast, as
 * conformant). Every 200th read opens a window of `windowMs` by that clock in which every read is
 * answered 429 with Retry-After as an HTTP-date (RFC 9110 §10.2.3 allows either form) naming the
 * window's end, and a Date header, both by the host's own clock; every other answer carries that
 * Date too. Retry-After and Date agree: the wait they ask for is the window's length.
 */
export function readLimiterOnOwnClock(offsetMs: number, windowMs: number): ResponseFault {
  let reads = 0;
  let blockedUntil = 0;
  const hostNow = (): number => Date.now() + offsetMs;
  return (context) => {
    const date = new Date(hostNow()).toUTCString();
    if (context.method === 'GET' && hostNow() >= blockedUntil) {
      reads += 1;
      // Seconds, as an HTTP-date tells them: the window ends on a whole second of the host's clock.
      if (reads % 200 === 0) blockedUntil = Math.ceil((hostNow() + windowMs) / 1000) * 1000;
    }
    if (context.method !== 'GET' || hostNow() >= blockedUntil) return { ...context.planned, headers: { ...context.planned.headers, date } };
    return {
      status: 429,
      headers: { 'content-type': 'application/json', date, 'retry-after': new Date(blockedUntil).toUTCString(), 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
      body: JSON.stringify({ code: 'rate_limited', message: 'Too many requests' }),
    };
  };
}

/**
 * A rate limiter in front of the API, as gateways send it: every `every`th read is answered 429
 * with Retry-After: 0 (seconds), X-RateLimit-* and a body of the limiter's own words, which no
 * operation documents; the read asked again is let through. `refused` is told of each read it
 * refused, so a test can see whom the limiter reached (the negative property's ids, say).
 */
export function readLimiterEvery(every: number, refused: (context: FaultContext) => void = () => undefined): ResponseFault {
  let reads = 0;
  return (context) => {
    if (context.method !== 'GET') return undefined;
    reads += 1;
    if (reads % every !== 0) return undefined;
    refused(context);
    return {
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '0', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' },
      body: JSON.stringify({ code: 'rate_limited', message: 'Rate limit exceeded. Please retry later.' }),
    };
  };
}

/**
 * Reads served by a replica `lagMs` behind the primary (PostgreSQL streaming replication under load,
 * DynamoDB's default eventually consistent reads): for that long after an accepted start, a read of
 * that sender still shows the state from before it. A 202 is "accepted for processing, but the
 * processing has not been completed" (RFC 9110 §15.3.3), and the contract promises no read-your-writes.
 */
export function readsFromAReplicaBehind(lagMs: number): ResponseFault {
  const lagging = new Map<string, { before: WhatsAppSyncStatus; until: number }>();
  return (context) => {
    const id = context.senderId;
    if (id === undefined) return undefined;
    if (startedPart(context) !== undefined && context.planned.status === 202 && context.before !== undefined) {
      lagging.set(id, { before: context.before, until: Date.now() + lagMs });
      return undefined;
    }
    const lag = lagging.get(id);
    if (context.operationId !== 'getWhatsAppSyncStatus' || context.method !== 'GET' || context.planned.status !== 200 || lag === undefined || Date.now() > lag.until) return undefined;
    return { ...context.planned, body: JSON.stringify({ sync: lag.before }) };
  };
}

