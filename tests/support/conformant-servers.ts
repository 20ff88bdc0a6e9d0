/**
 * The catalogue of unusual but conformant servers: the reference server with one choice the
 * contract allows and the reference itself does not make. The suite must pass each of them
 * (exit 0, nothing failed): a false alarm here is the suite's bug, not the target's.
 */
import { errorResponse, handleRequest, seededSenderIds, startMessages, type PlannedResponse, type ResponseFault, type SenderStore, type WhatsAppSyncStatus } from '../../src/reference-server';
import { randomBytes } from 'node:crypto';
import { child, editJsonBody, hostClockOff, otherCoexistenceSenders, readMovesOn, restampStart, startedPart, withHeaders } from './fault-builders';

export interface ConformantServer {
  /** Stable kebab-case name, used in test titles. */
  name: string;
  /** The unusual choice, in words, and why the contract allows it. */
  description: string;
  /** Extra CLI flags of the run (e.g. --allow-writes). */
  args?: string[];
  /** Environment over serverEnv's (e.g. another fixture for a role, so the choice is met where it shows). */
  env?: Record<string, string>;
  /**
   * The choice shows in the store, read by later requests, not in the answer the fault returns: a
   * returned answer then counts as a change, and the fault returns one only when it changed the
   * store (the test requires a change, so an entry that does nothing proves nothing).
   */
  changesState?: true;
  /**
   * Cases whose answer is correct HTTP the contract does not document (an extra route, say): a
   * warning there is expected, and each must draw one; no other case may.
   */
  warns?: string[];
  fault: ResponseFault;
}

/** The same instant as an RFC 3339 "…Z" date-time, spelled with a +05:30 offset and milliseconds. */
export function respelledInstant(text: string): string {
  const shifted = new Date(Date.parse(text) + 330 * 60_000).toISOString();
  return `${shifted.slice(0, 23)}+05:30`;
}

/** A path and its query, apart ("?…" kept with the query). */
function splitTarget(path: string): { path: string; query: string } {
  const at = path.indexOf('?');
  return at < 0 ? { path, query: '' } : { path: path.slice(0, at), query: path.slice(at) };
}

/** A documented operation's path: a sender segment, then the read's path or a start's. */
const DOCUMENTED_PATH = /^\/v1\/senders\/[^/?#]+\/whatsapp-sync(?:\/history|\/contacts)?$/;

/** A documented operation's path written with a trailing slash. */
const slashedDocumented = (path: string): boolean => path.endsWith('/') && DOCUMENTED_PATH.test(path.slice(0, -1));

/**
 * A router that redirects some paths before any authentication: `locate` gives the Location's path
 * for a request's path (its query kept), or undefined to leave the request alone; `html`, with the
 * small HTML body Go's net/http writes, else an empty one.
 */
const redirecting =
  (status: number, locate: (path: string) => string | undefined, html = false): ResponseFault =>
  (context) => {
    const { path, query } = splitTarget(context.path);
    const to = locate(path);
    if (to === undefined) return undefined;
    const location = `${to}${query}`;
    return html ? { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: `<a href="${location}">Moved Permanently</a>.\n\n` } : { status, headers: { location, 'content-length': '0' }, body: '' };
  };

/**
 * Not a path by RFC 3986 §3.3: a "%" not followed by two hex digits, or a character outside
 * pchar and "/" (a raw `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, `[`, `]`).
 */
const INVALID_PATH = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/;

/** Every value of a parsed JSON body, `edit`ed where it is a string (keys and structure kept). */
function mapStrings(value: unknown, edit: (text: string) => string): unknown {
  if (typeof value === 'string') return edit(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, edit));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, edit)]));
  return value;
}

/** An RFC 3339 "…Z" date-time as Python's datetime.isoformat() writes the same instant: microseconds and "+00:00". */
export function pythonIsoformat(text: string): string {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(text)) return text;
  return `${new Date(Date.parse(text)).toISOString().slice(0, 23)}000+00:00`;
}

/**
 * An RFC 3339 "…Z" date-time spelled the `nth` way of five, each the same instant (RFC 3339 §5.6):
 * lower-case "t" and "z" (§5.6 NOTE: either case), nanoseconds (Go's RFC3339Nano), +02:00, the
 * unknown-offset -00:00 (§4.3), and no fraction. Anything else is left as it is.
 */
export function rotatedInstant(text: string, nth: number): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text);
  if (match === null) return text;
  const [, date = '', time = '', fraction = ''] = match;
  const dot = fraction === '' ? '' : `.${fraction}`;
  switch (nth % 5) {
    case 0:
      return `${date}t${time}${dot}z`;
    case 1:
      return `${date}T${time}.${fraction.padEnd(9, '0')}Z`;
    case 2:
      return `${new Date(Date.parse(text) + 2 * 3_600_000).toISOString().slice(0, 19)}${dot}+02:00`;
    case 3:
      return `${date}T${time}${dot}-00:00`;
    default:
      // No fraction: only a whole second can drop it and stay the same instant.
      return /^0*$/.test(fraction) ? `${date}T${time}Z` : text;
  }
}

/** Answers spelled so far by the entry that spells each one its own way. */
let answersSpelled = 0;

/** A JSON string with every ASCII letter written as a "\\u" escape and "/" as "\\/"; the rest as JSON.stringify writes it. */
function escapedString(text: string): string {
  const characters = Array.from(text, (character) => (/[A-Za-z]/.test(character) ? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}` : character === '/' ? '\\/' : JSON.stringify(character).slice(1, -1)));
  return `"${characters.join('')}"`;
}

/** A JSON text with its members in reverse order at every level, and every string, keys included, written by escapedString. */
function reversedAndEscaped(value: unknown): string {
  if (typeof value === 'string') return escapedString(value);
  if (Array.isArray(value)) return `[${value.map(reversedAndEscaped).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).reverse().map(([key, item]) => `${escapedString(key)}:${reversedAndEscaped(item)}`).join(',')}}`;
  return JSON.stringify(value);
}

/** A 200 read with history.completedAt left out (an optional field); other answers as they are. */
function withoutHistoryCompletedAt(answer: PlannedResponse): PlannedResponse {
  if (answer.status !== 200) return answer;
  const body = JSON.parse(answer.body) as { sync?: { history?: Record<string, unknown> } };
  if (body.sync?.history !== undefined) delete body.sync.history['completedAt'];
  return { ...answer, body: JSON.stringify(body) };
}

/** An active account's part in flight has finished by its next read, no limit reached: startable again. */
const finishesWithoutALimit = readMovesOn((before) => {
  const moving = (status: string): boolean => status === 'pending' || status === 'syncing';
  if (before.status !== 'active' || !moving(before.history.status)) return undefined;
  return { ...before, history: { ...before.history, status: 'completed', canSync: true, completedAt: new Date().toISOString() } };
});

/** 401s challenged so far by the entry that writes its challenges from maps. */
let challengesWritten = 0;

/** 401s challenged so far by the entry that writes its scheme in either case. */
let schemesWritten = 0;

/** 401s challenged so far by the entry whose realm quotes the request. */
let realmsQuoted = 0;

/** Errors answered so far by the entries that sample a trace id. */
let errorsTraced = 0;

/** 401s challenged so far by the entry whose realm names the machine that answered. */
let machinesNamed = 0;

/** Errors answered so far by the entry whose tracer adds its context object. */
let contextsTraced = 0;

/** The servers whose writable sender already has its history syncing (one store per server). */
const historyRunning = new WeakSet<SenderStore>();

/**
 * An active account's parts in flight, each one state on (pending → syncing → completed; a history
 * completed at `now`, and a completed part at its 24-hour limit), or undefined when none is in
 * flight. One state at a time, so a part an earlier case started is still in flight at the first
 * read of a later case and moves on before its second (the witness reads of the concurrent starts'
 * own sender, around the history starts, after the contacts concurrent starts left contacts pending).
 */
function oneStateOn(before: WhatsAppSyncStatus, now: string): WhatsAppSyncStatus | undefined {
  if (before.status !== 'active') return undefined;
  const { history, contacts } = before;
  const moving = (status: string): boolean => status === 'pending' || status === 'syncing';
  if (!moving(history.status) && !moving(contacts.status)) return undefined;
  return {
    ...before,
    history: history.status === 'pending' ? { ...history, status: 'syncing' } : history.status === 'syncing' ? { ...history, status: 'completed', canSync: false, completedAt: now } : history,
    contacts: contacts.status === 'pending' ? { ...contacts, status: 'syncing' } : contacts.status === 'syncing' ? { ...contacts, status: 'completed', canSync: false } : contacts,
  };
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
    name: 'host-clock-20-minutes-fast',
    description: "the API's host clock runs 20 minutes fast (no NTP): every Date header, and every requestedAt a start records, is 20 minutes ahead of the suite's clock, and agrees with each other; within the 30 minutes two machines' clocks may differ, the Date is the server's time, so nothing it shows is ahead of it",
    args: ['--allow-writes'],
    fault: hostClockOff(20 * 60_000),
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
    fault: restampStart((requestedAt) => {
      // The reference times a start to the second; this server timed it 623 ms into that second…
      const timed = Date.parse(requestedAt ?? '') + 623;
      // …and its store rounds to the nearest second: the next one.
      return { shown: new Date(timed).toISOString(), stored: new Date(Math.round(timed / 1000) * 1000).toISOString().replace('.000Z', 'Z') };
    }),
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
  {
    name: 'front-cache-control-public-max-age-0-must-revalidate',
    description:
      "a front (Vercel's and Netlify's default for dynamic answers) adds Cache-Control: public, max-age=0, must-revalidate to every answer: a shared cache may store it but, stale at once, MUST NOT reuse it without validating it with the origin (RFC 9111 §5.2.2.2, §4.3), which authenticates the next caller's own request: exactly what no-cache says (§5.2.2.4), which the suite accepts",
    args: ['--allow-writes'],
    fault: withHeaders((context) => context.planned, { 'cache-control': 'public, max-age=0, must-revalidate' }),
  },
  {
    name: 'trailing-slash-redirected-to-the-documented-path',
    description:
      "a router that redirects a documented path written with a trailing slash to the path without it, 307 with Location, before any authentication and for every id alike (Starlette's and FastAPI's redirect_slashes default): the URI with the slash is not the contract's, a redirect is correct HTTP (RFC 9110 §15.4.8) and serves nothing, and the client that follows it meets the 401",
    args: ['--allow-writes'],
    fault: redirecting(307, (path) => (slashedDocumented(path) ? path.slice(0, -1) : undefined)),
  },
  {
    name: 'dot-segment-redirected-to-the-normalised-path',
    description:
      "a router that answers a path with a \"/./\" segment by redirecting to the same URI with the dot segment removed (RFC 3986 §5.2.4), 301 with Location and a small HTML body, before any authentication and for every id alike, as Go's net/http ServeMux does: a redirect serves nothing, and the client that follows it meets the 401",
    args: ['--allow-writes'],
    fault: redirecting(301, (path) => (/^\/v1\/senders\/[^/]+\/\.\//.test(path) && !/^\/v1\/senders\/\.{1,2}\//.test(path) ? path.replace('/./', '/') : undefined), true),
  },
  {
    name: 'http-layer-400-for-an-invalid-request-target',
    description:
      "the HTTP layer refuses a request-target that is no URI path by RFC 3986 §3.3 (a lone \"%\", \"%zz\", a raw \"^\" or \"|\") with its own plain-text 400 and Connection: close, before the API sees it, as Go's net/http (invalid escapes), nginx and Tomcat do: RFC 9112 §3.2 asks for a 400 there, and no documented operation was requested",
    args: ['--allow-writes'],
    fault: (context) =>
      INVALID_PATH.test(splitTarget(context.path).path)
        ? { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, body: '400 Bad Request' }
        : undefined,
  },
  {
    name: 'front-refuses-encoded-slashes',
    description:
      "a front that refuses any path with an encoded slash (%2F) with its own HTML 404 before the API sees it, as Apache httpd does by default (AllowEncodedSlashes Off): the suite already accepts any 4xx for the raw id \"%2F\", and the percent-encoded id \"/\" is the very same request line",
    args: ['--allow-writes'],
    fault: (context) =>
      /%2f/i.test(splitTarget(context.path).path)
        ? { status: 404, headers: { 'content-type': 'text/html; charset=iso-8859-1' }, body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n' }
        : undefined,
  },
  {
    name: 'sandbox-without-a-sync-limit-completes-in-the-202',
    description:
      "a sandbox with nothing to import and no sync limit: a start completes at once, and its 202 already shows the part completed and, nothing being in flight and no limit reached, canSync: true (canSync only says whether a sync can be initiated; the rate_limit 400 is an example, not a duty), as the read after it does",
    args: ['--allow-writes'],
    fault: (context) => {
      const part = startedPart(context);
      if (part === undefined || context.planned.status !== 202 || context.senderId === undefined) return undefined;
      const body = JSON.parse(context.planned.body) as { message: string; sync: WhatsAppSyncStatus };
      const done =
        part === 'history'
          ? { ...body.sync, history: { ...body.sync.history, status: 'completed' as const, canSync: true, completedAt: body.sync.history.requestedAt ?? null } }
          : { ...body.sync, contacts: { ...body.sync.contacts, status: 'completed' as const, canSync: true } };
      context.store.setSync(context.senderId, done);
      return { ...context.planned, body: JSON.stringify({ ...body, sync: done }) };
    },
  },
  {
    name: 'sandbox-without-a-sync-limit-completes-just-after-its-202',
    description:
      "a sandbox with nothing to import and no sync limit whose 202 shows the part pending, as accepted (the contract's example does), and whose job completes it right after the answer, startable again (canSync true): a start arriving after that, however close behind (the second of two sent at once), is a new one and accepted, and the read after shows the part completed and startable",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      const part = startedPart(context);
      if (part === undefined || context.planned.status !== 202 || context.senderId === undefined) return undefined;
      const { sync } = JSON.parse(context.planned.body) as { sync: WhatsAppSyncStatus };
      const done = part === 'history' ? { ...sync, history: { ...sync.history, status: 'completed' as const, canSync: true, completedAt: new Date().toISOString() } } : { ...sync, contacts: { ...sync.contacts, status: 'completed' as const, canSync: true } };
      context.store.setSync(context.senderId, done);
      // The 202 as planned (pending): the completion shows in the next answers.
      return context.planned;
    },
  },
  {
    name: 'start-paths-also-serve-a-read-only-get',
    description:
      "GET on a start's path is served as a read of that part (authentication first, 200 with the part's state, nothing started), and HEAD as that GET without its body, as frameworks serve HEAD for every GET route: an operation the contract does not document but does not forbid; GET and HEAD stay safe (RFC 9110 §9.2.1), which is what the read after each checks",
    args: ['--allow-writes'],
    warns: ['startWhatsAppHistorySync/get-changes-nothing', 'startWhatsAppContactsSync/get-changes-nothing', 'startWhatsAppHistorySync/head-changes-nothing', 'startWhatsAppContactsSync/head-changes-nothing'],
    fault: (context) => {
      const { path, query } = splitTarget(context.path);
      const part = /\/whatsapp-sync\/(history|contacts)$/.exec(path)?.[1];
      if ((context.method !== 'GET' && context.method !== 'HEAD') || (part !== 'history' && part !== 'contacts')) return undefined;
      const read = { method: 'GET', path: `${path.slice(0, -part.length - 1)}${query}`, ...(context.authorization === undefined ? {} : { authorization: context.authorization }) };
      const answer = handleRequest(read, { apiKey: context.apiKey, store: context.store }).planned;
      if (answer.status !== 200) return answer;
      const { sync } = JSON.parse(answer.body) as { sync: WhatsAppSyncStatus };
      return { ...answer, body: JSON.stringify({ [part]: sync[part] }) };
    },
  },

  {
    name: 'head-on-start-paths-answered-by-a-router-404',
    description:
      "a router with no HEAD route on the starts' paths (they serve POST alone) answers a HEAD there 404 in plain text before any handler, with or without the key: a 405 would say more, but the path asked with a method it does not serve names no resource to that router, and nothing is started",
    args: ['--allow-writes'],
    fault: (context) => (context.method === 'HEAD' && /\/whatsapp-sync\/(?:history|contacts)$/.test(splitTarget(context.path).path) ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' } : undefined),
  },
  {
    name: '401-message-carries-a-letters-only-request-id',
    description:
      "every 401's message ends with the request's own id, twelve random lower-case letters (a nanoid with a letters-only alphabet, a correlation id a support desk asks for): it names the request, not the sender, so a real sender's 401 and an unknown id's differ only there and reveal nothing",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status !== 401) return undefined;
      const body = JSON.parse(context.planned.body) as { code: string; message: string };
      const id = Array.from(randomBytes(12), (b) => String.fromCharCode(97 + (b % 26))).join('');
      return { ...context.planned, body: JSON.stringify({ ...body, message: `${body.message} (request ${id})` }) };
    },
  },
  {
    name: 'normalising-router-and-401-naming-the-path-as-sent',
    description:
      "a router that decodes percent-encoded unreserved characters before matching (RFC 3986 §6.2.2.2: /v1/%73enders/… is /v1/senders/…), so the encoded-path rows meet the operation's own 401; each 401's message names the method and the request-target as received (the caller's own input, echoed): a real sender's and an unknown id's differ only by the id each asked for",
    args: ['--allow-writes'],
    fault: (context) => {
      const normalised = context.path.replace(/%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[Dd]|2[Ee]|5[Ff]|7[Ee])/g, (escape) => String.fromCharCode(Number.parseInt(escape.slice(1), 16)));
      const answer = normalised === context.path ? context.planned : handleRequest({ method: context.method, path: normalised, ...(context.authorization === undefined ? {} : { authorization: context.authorization }) }, { apiKey: context.apiKey, store: context.store }).planned;
      if (answer.status !== 401) return normalised === context.path ? undefined : answer;
      const body = JSON.parse(answer.body) as { code: string; message: string };
      return { ...answer, body: JSON.stringify({ ...body, message: `${body.message} (${context.method} ${context.path})` }) };
    },
  },
  {
    name: 'options-not-implemented',
    description:
      "a server that implements no OPTIONS answers it 501 Not Implemented, as RFC 9110 §9.1 asks of a method it does not implement (\"SHOULD respond with the 501\"), and as Python's http.server does; GET and HEAD, which every server MUST support, are served",
    args: ['--allow-writes'],
    fault: (context) =>
      context.method === 'OPTIONS'
        ? { status: 501, headers: { 'content-type': 'text/html;charset=utf-8', connection: 'close' }, body: "<!DOCTYPE HTML>\n<html><body><h1>Error response</h1><p>Error code: 501</p><p>Message: Unsupported method ('OPTIONS').</p></body></html>\n" }
        : undefined,
  },
  {
    name: 'public-cache-keyed-on-authorization',
    description:
      "every answer says Cache-Control: public, max-age=60 with Vary: Authorization: a shared cache may store it but reuse it only for a request whose Authorization matches the one it answered (RFC 9111 §4.1), so another project's key, or none, never gets it, and a refusal without credentials is served only to callers without any",
    args: ['--allow-writes'],
    fault: withHeaders((context) => context.planned, { 'cache-control': 'public, max-age=60', vary: 'Authorization' }),
  },
  {
    name: 'post-answers-public-max-age',
    description:
      "the starts' answers (POST) carry Cache-Control: public, max-age=60 and no Content-Location: a POST's answer is cacheable only with explicit freshness AND a Content-Location equal to its target (RFC 9110 §9.3.3), and a cache never answers a POST from its store, so no cache may reuse it",
    args: ['--allow-writes'],
    fault: (context) => (context.method === 'POST' ? { ...context.planned, headers: { ...context.planned.headers, 'cache-control': 'public, max-age=60' } } : undefined),
  },
  {
    name: 'go-servemux-cleans-every-path',
    description:
      "Go's net/http ServeMux: a path with a \".\" or \"..\" segment or an empty one (\"//\") is answered 301 to its cleaned form (path.Clean, trailing slash kept), with the query, before any handler or authentication, for every id alike, the \".\" and \"..\" ids included: a redirect serves nothing",
    args: ['--allow-writes'],
    fault: redirecting(
      301,
      (path) => {
        const kept: string[] = [];
        for (const segment of path.split('/').slice(1)) {
          if (segment === '..') kept.pop();
          else if (segment !== '.' && segment !== '') kept.push(segment);
        }
        const last = path.split('/').pop();
        const cleaned = `/${kept.join('/')}`;
        const slashed = (path.endsWith('/') || last === '.' || last === '..') && cleaned !== '/' ? `${cleaned}/` : cleaned;
        return slashed === path ? undefined : slashed;
      },
      true,
    ),
  },
  {
    name: 'trailing-slash-redirected-by-a-relative-reference',
    description:
      'a trailing slash answered 308 with a relative Location ("../whatsapp-sync", "../history"), which RFC 9110 §10.2.2 allows and resolves against the target URI (RFC 3986 §5): the documented path, before authentication, for every id alike',
    args: ['--allow-writes'],
    fault: redirecting(308, (path) => (slashedDocumented(path) ? `../${path.slice(0, -1).split('/').pop() ?? ''}` : undefined)),
  },
  {
    name: 'encoded-letter-redirected-to-the-plain-spelling',
    description:
      'a front that answers a path with a percent-encoded unreserved character (/v1/%73enders/…) 308 to its normalised spelling (RFC 3986 §6.2.2.2), absolute-path Location, before authentication: the same resource, and the client that follows meets the 401',
    args: ['--allow-writes'],
    fault: redirecting(308, (path) => (path.startsWith('/v1/%73enders/') ? `/v1/senders/${path.slice('/v1/%73enders/'.length)}` : undefined)),
  },
  {
    name: 'options-answered-as-a-preflight-or-with-allow',
    description:
      'OPTIONS without credentials is answered before authentication: on the history path a CORS preflight 204 with Access-Control-Allow-* headers, on the contacts path 200 with Allow: POST, OPTIONS and a small JSON body (RFC 9110 §9.3.7 lets OPTIONS describe the resource\'s options in a body): neither starts anything',
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.method !== 'OPTIONS') return undefined;
      if (context.path.includes('/history')) return { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' }, body: '' };
      return { status: 200, headers: { allow: 'POST, OPTIONS', 'content-type': 'application/json' }, body: JSON.stringify({ methods: ['POST', 'OPTIONS'] }) };
    },
  },
  {
    name: 'servlet-container-strips-path-parameters',
    description:
      "a Java servlet stack (Tomcat's CoyoteAdapter, Spring's UrlPathHelper/PathPattern defaults): a raw \";\" in a path segment starts that segment's parameters (RFC 3986 §3.3: \";\" and \"=\" delimit parameters applicable to the segment), which are removed before routing, so \"/v1/senders/<id>;x=1/whatsapp-sync\" is the sender <id>, the key's own only (an encoded %3B is data, left alone)",
    args: ['--allow-writes'],
    fault: (context) => {
      const { path, query } = splitTarget(context.path);
      if (!path.includes(';')) return undefined;
      const stripped = path.split('/').map((segment) => segment.split(';')[0] ?? '').join('/');
      return handleRequest({ method: context.method, path: `${stripped}${query}`, ...(context.authorization === undefined ? {} : { authorization: context.authorization }) }, { apiKey: context.apiKey, store: context.store }).planned;
    },
  },
  {
    name: 'start-202-and-store-timed-by-two-clocks',
    description:
      "the 202 shows requestedAt as the API host timed the request (its own clock, to the millisecond); the row is written with the database's DEFAULT now(), on another host, 41 ms later by its clock: the reads show that. One request time told by two clocks (the suite allows two clocks minutes apart elsewhere: the Date header, completedAt against requestedAt); the contract sets no precision or source for it",
    args: ['--allow-writes'],
    fault: restampStart(() => {
      const timed = Date.now() - 250;
      return { shown: new Date(timed).toISOString(), stored: new Date(timed + 41).toISOString() };
    }),
  },
  {
    name: 'bearer-challenge-with-realm-and-error',
    description:
      'every 401 carries a full RFC 6750 §3 challenge: realm and scope always, error="invalid_token" with an error_description when a token was presented, and a second, Basic challenge listed first (RFC 9110 §11.6.1 allows several)',
    args: ['--allow-writes'],
    fault: (context) =>
      context.planned.status === 401
        ? { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': `Basic realm="zavu", charset="UTF-8", Bearer realm="zavu", scope="senders"${context.authorization === undefined ? '' : ', error="invalid_token", error_description="The access token is invalid, expired or revoked"'}` } }
        : undefined,
  },
  {
    name: 'gateway-headers-on-every-answer',
    description:
      "an API gateway adds its own headers to every answer: X-Request-Id, X-RateLimit-Limit/-Remaining/-Reset and RateLimit-Policy (Zavu documents X-RateLimit-* on /v1/*), CORS (Access-Control-Allow-Origin: *, Expose-Headers), Vary: Origin, Accept-Encoding, Strict-Transport-Security, X-Content-Type-Options, Server-Timing and Via: none changes what the answer says",
    args: ['--allow-writes'],
    fault: withHeaders((context) => context.planned, {
      'x-request-id': '7f1c2a9e-4b3d-4e8a-9c51-2f6b0d1e8a47',
      'x-ratelimit-limit': '600',
      'x-ratelimit-remaining': '599',
      'x-ratelimit-reset': '60',
      'ratelimit-policy': '600;w=60',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
      vary: 'Origin, Accept-Encoding',
      'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
      'x-content-type-options': 'nosniff',
      'server-timing': 'app;dur=3.2',
      via: '1.1 gateway (zavu-edge)',
    }),
  },
  {
    name: 'reads-validated-with-etag-private-no-cache',
    description:
      'reads carry a strong ETag and a Last-Modified, with Cache-Control: private, no-cache (a browser may keep the answer but must revalidate it; no shared cache may store it, RFC 9111 §5.2.2.4, §5.2.2.7)',
    args: ['--allow-writes'],
    fault: (context) =>
      context.operationId === 'getWhatsAppSyncStatus' && context.planned.status === 200
        ? { ...context.planned, headers: { ...context.planned.headers, etag: `"${Buffer.from(context.planned.body).toString('base64url').slice(-16)}"`, 'last-modified': 'Wed, 03 Dec 2026 10:00:00 GMT', 'cache-control': 'private, no-cache' } }
        : undefined,
  },
  {
    name: 'content-type-spelled-in-capitals-with-a-quoted-charset',
    description: 'every JSON answer says Content-Type: Application/JSON; Charset="UTF-8": type, subtype and parameter names are case-insensitive and a parameter value may be quoted (RFC 9110 §8.3.1, §5.6.6)',
    args: ['--allow-writes'],
    fault: (context) => (context.planned.headers['content-type'] === undefined ? undefined : { ...context.planned, headers: { ...context.planned.headers, 'content-type': 'Application/JSON; Charset="UTF-8"' } }),
  },
  {
    name: 'challenges-written-from-maps',
    description:
      "every 401 carries a Basic and a Bearer challenge written from maps, as a Go server ranging over one does: the challenges, each one's parameters and the scope's tokens, in another order from answer to answer, and realm now a token, now a quoted string (RFC 9110 §11.2: parameter order carries nothing and either syntax is the same value; §11.6.1: a client picks the challenge it understands wherever it stands): an unknown id's 401 and a real sender's say the same",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status !== 401) return undefined;
      challengesWritten += 1;
      const flip = (n: number): boolean => Math.floor(challengesWritten / n) % 2 === 1;
      // The scope's tokens from a set as well: another order from answer to answer (RFC 6749 §3.3: order carries nothing).
      const bearer = flip(1) ? 'Bearer scope="senders:write senders:read", realm=zavu' : 'Bearer realm="zavu", scope="senders:read senders:write"';
      const basic = flip(2) ? 'Basic realm=zavu' : 'Basic realm="zavu"';
      return { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': flip(4) ? `${basic}, ${bearer}` : `${bearer}, ${basic}` } };
    },
  },
  {
    name: 'challenge-scheme-in-either-case',
    description:
      "every 401 carries a Bearer challenge, its scheme written \"Bearer\" by one route and \"bearer\" by another (two frameworks behind one gateway), its parameter names likewise (RFC 9110 §11.1: the auth-scheme is case-insensitive; §11.2: so are parameter names): an unknown id's 401 and a real sender's say the same, and \"bearer\" is the Bearer scheme",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status !== 401) return undefined;
      schemesWritten += 1;
      const challenge = schemesWritten % 2 === 1 ? 'Bearer realm="zavu", error="invalid_token"' : 'bearer REALM="zavu", Error="invalid_token"';
      return { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': challenge } };
    },
  },
  {
    name: 'challenge-realm-quotes-the-request',
    description:
      "every 401's realm names the deployment in long words and quotes the request: its id (a gateway's UUID, a tracer's W3C trace id, or a nanoid) and its time (RFC 3339, an HTTP-date, seconds since the epoch), and the sender it asked for; its error code is invalid_token whenever a key was presented. The realm is one for every sender: what names the request in it differs from answer to answer and tells nothing of the sender, so an unknown id's 401 and a real sender's say the same",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status !== 401) return undefined;
      realmsQuoted += 1;
      const n = realmsQuoted;
      const hex = (length: number): string => (n * 2654435761).toString(16).padStart(length, '0').slice(-length);
      // A gateway's request id (a UUID) on one answer, a tracer's trace id (32 hex digits) on another,
      // a nanoid (its "-" and "_" inside it, a short piece after them) on a third.
      const id = [`${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`, `${hex(16)}${hex(16)}`, `V${hex(6)}_Z${n % 10}${hex(6)}-q${hex(3)}`][n % 3];
      const at = new Date(Date.UTC(2026, 11, 3, 16, 0, n));
      const time = [at.toISOString(), at.toUTCString(), String(Math.floor(at.getTime() / 1000))][Math.floor(n / 3) % 3];
      const realm = `zavu-production (request ${id} at ${time} for ${context.senderId ?? 'none'})`;
      const error = context.authorization === undefined ? '' : ', error="invalid_token"';
      return { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': `Bearer realm="${realm}", scope="senders:read"${error}` } };
    },
  },
  {
    name: 'challenge-realm-names-the-answering-machine',
    description:
      "a fleet behind a load balancer: every 401's realm names the deployment and what answered it, which changes from answer to answer: the region (us-east-1, EU-WEST-1, ap-southeast-2, GCP's europe-west4), the host by its addresses (ip-10-0-a-b, an IPv6 fd00::…), the pod (pod-7f9c, a Kubernetes pod's generated name), a request counter (req-12) and a nanoid that drew no digit; its error code is invalid_token whenever a key was presented. None of it tells of the sender, so an unknown id's 401 and a real sender's say the same",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status !== 401) return undefined;
      machinesNamed += 1;
      const n = machinesNamed;
      const hex = (n * 2654435761).toString(16).padStart(8, '0');
      // Kubernetes draws a pod's name from an alphabet of consonants and digits: a replica set's hash, then the pod's own.
      const k8s = (length: number, seed: number): string => Array.from({ length }, (_, i) => 'bcdfghjklmnpqrstvwxz2456789'[(seed * 7 + i * 13) % 27]).join('');
      // In capitals on some machines, and GCP's continent-named regions on others.
      const region = ['us-east-1', 'EU-WEST-1', 'ap-southeast-2', 'europe-west4', 'asia-northeast1'][n % 5];
      // A nanoid with no digit in it (one in 35 draws none): its letters rotated, answer by answer.
      const nanoid = 'VStGXRkZqjdHiBmyTwPaL'.slice(n % 21) + 'VStGXRkZqjdHiBmyTwPaL'.slice(0, n % 21);
      const realm = `zavu-production ${region} ip-10-0-${n % 8}-${(n * 37) % 250} fd00::${hex.slice(-4)} pod-${n % 10}${hex.slice(-3)} api-${k8s(10, n)}-${k8s(5, n * 3)} req-${n} (request ${nanoid})`;
      const error = context.authorization === undefined ? '' : ', error="invalid_token"';
      return { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': `Bearer realm="${realm}"${error}` } };
    },
  },
  {
    name: 'error-details-carry-a-trace-context',
    description:
      "a tracer adds its context to one error in two, as an object in the documented optional details (additionalProperties: true): trace: {id} from one tracer, trace: {traceId, spanId} from another, {traceId, spanId, traceFlags} from OpenTelemetry, {trace_id, id, parent_id} from X-Ray; the other errors carry no details. The object holds ids alone, naming the request, not the sender, so an unknown id's 404 and another project's read alike whichever of them was traced",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status < 400 || !context.planned.body.startsWith('{')) return undefined;
      contextsTraced += 1;
      if (contextsTraced % 2 === 0) return undefined;
      const body = JSON.parse(context.planned.body) as Record<string, unknown>;
      // Four tracers' shapes in turn: an id alone, W3C's pair, OpenTelemetry's span context, X-Ray's segment.
      const shapes = [
        { id: randomBytes(16).toString('hex') },
        { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') },
        { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: 1 },
        { trace_id: `1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`, id: randomBytes(8).toString('hex'), parent_id: randomBytes(8).toString('hex') },
      ];
      const trace = shapes[((contextsTraced - 1) / 2) % shapes.length];
      return { ...context.planned, body: JSON.stringify({ ...body, details: { trace } }) };
    },
  },
  {
    name: 'errors-sample-a-trace-id',
    description:
      "a tracer samples one error in two: a sampled one carries its trace's id in the documented optional details (additionalProperties: true), an unsampled one no details at all: the id names the request, not the sender, so an unknown id's 404 and another project's read alike whichever of them was sampled",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status < 400 || !context.planned.body.startsWith('{')) return undefined;
      errorsTraced += 1;
      if (errorsTraced % 2 === 0) return undefined;
      const body = JSON.parse(context.planned.body) as Record<string, unknown>;
      const traceId = randomBytes(16).toString('hex');
      return { ...context.planned, body: JSON.stringify({ ...body, details: { traceId } }) };
    },
  },
  {
    name: 'error-details-sample-a-trace-id',
    description:
      "every error carries a documentation link in details (additionalProperties: true), and a tracer adds its trace's id there (trace_id) to one error in three: an unknown id's 404 and another project's read alike whichever of them was sampled",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status < 400 || !context.planned.body.startsWith('{')) return undefined;
      errorsTraced += 1;
      const body = JSON.parse(context.planned.body) as Record<string, unknown>;
      const details: Record<string, unknown> = { docs: `https://docs.zavu.dev/errors/${String(body['code'])}` };
      if (errorsTraced % 3 === 0) details['trace_id'] = randomBytes(8).toString('hex');
      return { ...context.planned, body: JSON.stringify({ ...body, details }) };
    },
  },
  {
    name: 'errors-carry-details',
    description:
      "every error carries the documented optional details object (additionalProperties: true): the request's id, a documentation link, and for a 400 the sender's id as asked: the same properties for every error of a kind, so an unknown id's 404 and another project's still read alike",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status < 400) return undefined;
      const body = JSON.parse(context.planned.body) as Record<string, unknown>;
      const details: Record<string, unknown> = { requestId: `req_${randomBytes(8).toString('hex')}`, docs: `https://docs.zavu.dev/errors/${String(body['code'])}` };
      if (context.planned.status === 400 && context.senderId !== undefined) details['senderId'] = context.senderId;
      return { ...context.planned, body: JSON.stringify({ ...body, details }) };
    },
  },
  {
    name: 'errors-tagged-with-a-hex-request-id',
    description:
      "a gateway tags every answer with its request's id, 32 random hex digits as a key might be (X-Request-Id), and appends it to every error's message (\"… (request 3f2a…)\"), as frameworks do to find the request in their logs: the documented message with a log tag is the documented reason, and a random hex id is no credential",
    args: ['--allow-writes'],
    fault: (context) => {
      const id = randomBytes(16).toString('hex');
      const headers = { ...context.planned.headers, 'x-request-id': id };
      if (context.planned.status < 400 || !context.planned.body.startsWith('{')) return { ...context.planned, headers };
      const body = JSON.parse(context.planned.body) as Record<string, unknown>;
      return { ...context.planned, headers, body: JSON.stringify({ ...body, message: `${String(body['message'])} (request ${id})` }) };
    },
  },
  {
    name: 'error-sentences-punctuated-otherwise',
    description:
      "every error message ends with a full stop where the documented example has none, and without one where it has one (\"Sync limit reached. Please wait 24 hours before trying again\"), as a server whose messages follow its own style guide writes them: the same words, the same reason",
    args: ['--allow-writes'],
    fault: editJsonBody(
      (context) => context.planned.status >= 400 && context.planned.body.startsWith('{'),
      (body) => {
        const message = body['message'];
        if (typeof message === 'string') body['message'] = message.endsWith('.') ? message.slice(0, -1) : `${message}.`;
      },
    ),
  },
  {
    name: 'json-pretty-printed',
    description: 'every JSON body is pretty-printed with two-space indentation and a trailing newline (insignificant whitespace, RFC 8259 §2)',
    args: ['--allow-writes'],
    fault: (context) => {
      if (!context.planned.body.startsWith('{')) return undefined;
      return { ...context.planned, body: `${JSON.stringify(JSON.parse(context.planned.body), null, 2)}\n` };
    },
  },
  {
    name: 'start-202-names-the-status-resource',
    description: "a start's 202 names where to follow the sync: Location and Content-Location of the read's path, and Retry-After: 5 as a polling hint (RFC 9110 §15.3.3: a 202 may point to a status monitor)",
    args: ['--allow-writes'],
    fault: (context) => {
      if (context.planned.status !== 202 || context.senderId === undefined) return undefined;
      const read = `/v1/senders/${encodeURIComponent(context.senderId)}/whatsapp-sync`;
      return { ...context.planned, headers: { ...context.planned.headers, location: read, 'retry-after': '5' } };
    },
  },
  {
    name: 'history-declined-at-once-and-startable-again',
    description:
      "a sandbox whose business owner declines every history request at once: the 202 shows it pending, the next read rejected (no completion time), and, a declined request using no limit, startable again (canSync true): rejected is a documented state, and canSync only says whether a sync can be initiated",
    args: ['--allow-writes'],
    changesState: true,
    fault: readMovesOn((before) => (before.history.status === 'pending' && before.status === 'active' ? { ...before, history: { ...before.history, status: 'rejected', canSync: true, completedAt: null } } : undefined)),
  },
  {
    name: 'in-flight-syncs-finish-when-next-read',
    description:
      'a live sandbox: an active account\'s part pending or syncing has finished by its next read (history with its completion time, now), at its 24-hour limit (canSync false): in-flight states move on by themselves, witnesses\' too',
    args: ['--allow-writes'],
    changesState: true,
    fault: readMovesOn((before) => {
      const moving = (status: string): boolean => status === 'pending' || status === 'syncing';
      if (before.status !== 'active' || (!moving(before.history.status) && !moving(before.contacts.status))) return undefined;
      const now = new Date().toISOString();
      return {
        ...before,
        history: moving(before.history.status) ? { ...before.history, status: 'completed', canSync: false, completedAt: now } : before.history,
        contacts: moving(before.contacts.status) ? { ...before.contacts, status: 'completed', canSync: false } : before.contacts,
      };
    }),
  },
  {
    name: 'in-flight-syncs-move-on-a-read-behind',
    description:
      "a live sandbox whose syncs take a while: an active account's part pending or syncing moves on one state after each read of it (pending, then syncing, then completed, history with its completion time, at its 24-hour limit), the read answering the state before it moved: a part an earlier start left in flight moves on between two reads of a case that did not start it, the concurrent starts' own sender's witness reads too",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      const before = context.before;
      if (context.operationId !== 'getWhatsAppSyncStatus' || context.planned.status !== 200 || before === undefined || context.senderId === undefined) return undefined;
      const moved = oneStateOn(before, new Date().toISOString());
      if (moved === undefined) return undefined;
      context.store.setSync(context.senderId, moved);
      // The read is answered as planned, with the state before the move: the next read shows it.
      return context.planned;
    },
  },
  {
    name: 'date-times-written-by-python-isoformat',
    description:
      "every date-time, in reads and 202s alike, is written as Python's datetime.isoformat() writes an aware UTC time: microseconds and \"+00:00\" (2026-01-15T10:00:00.000000+00:00), as FastAPI and Django APIs commonly answer: RFC 3339 §5.6 date-time, the same instants",
    args: ['--allow-writes'],
    fault: (context) => (context.planned.body.startsWith('{') ? { ...context.planned, body: JSON.stringify(mapStrings(JSON.parse(context.planned.body), pythonIsoformat)) } : undefined),
  },
  {
    name: 'date-times-spelled-otherwise-answer-by-answer',
    description:
      "each answer spells its date-times another way than the one before it, read after read: lower-case t and z, nine fractional digits, a +02:00 offset, -00:00, no fraction where it is .000 (RFC 3339 §5.6): the same instants, so a read agrees with the 202 and the read before it however each spells them",
    args: ['--allow-writes'],
    fault: (context) => {
      if (!context.planned.body.startsWith('{')) return undefined;
      answersSpelled += 1;
      const nth = answersSpelled;
      return { ...context.planned, body: JSON.stringify(mapStrings(JSON.parse(context.planned.body), (text) => rotatedInstant(text, nth))) };
    },
  },
  {
    name: 'json-members-reversed-and-strings-escaped',
    description:
      'every JSON body lists its members in reverse order at every level and writes every letter of every string, keys included, as a \\u escape and "/" as "\\/" (RFC 8259 §4: members are unordered; §7: any character may be escaped): the same JSON values',
    args: ['--allow-writes'],
    fault: (context) => (context.planned.body.startsWith('{') ? { ...context.planned, body: reversedAndEscaped(JSON.parse(context.planned.body)) } : undefined),
  },
  {
    name: 'one-sync-at-a-time-per-account',
    description:
      "an account runs one sync at a time: while one part is pending or syncing, the other, at rest, reports canSync false (in reads and in the 202 that started the first), and a start of it is refused with the documented rate_limit 400 (the 24-hour message names no part); canSync only says whether a sync can be initiated",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      const busy = (status: string): boolean => status === 'pending' || status === 'syncing';
      const gate = (sync: WhatsAppSyncStatus): WhatsAppSyncStatus => ({
        ...sync,
        history: busy(sync.contacts.status) && !busy(sync.history.status) ? { ...sync.history, canSync: false } : sync.history,
        contacts: busy(sync.history.status) && !busy(sync.contacts.status) ? { ...sync.contacts, canSync: false } : sync.contacts,
      });
      const part = startedPart(context);
      const before = context.before;
      if (part !== undefined && before !== undefined && context.senderId !== undefined && context.planned.status === 202) {
        const other = part === 'history' ? 'contacts' : 'history';
        if (busy(before[other].status)) {
          context.store.setSync(context.senderId, before);
          return errorResponse(400, 'bad_request', startMessages(part).rate_limit);
        }
      }
      if (context.planned.status !== 200 && context.planned.status !== 202) return undefined;
      const body = JSON.parse(context.planned.body) as { message?: string; sync?: WhatsAppSyncStatus };
      if (body.sync === undefined) return undefined;
      return { ...context.planned, body: JSON.stringify({ ...body, sync: gate(body.sync) }) };
    },
  },
  {
    name: 'restart-keeps-the-last-completion-reads-leave-out',
    description:
      "reads leave out history.completedAt, an optional field; a history in flight has finished by its next read with no limit reached (canSync true), and a restart keeps the last completion's time (pending, completedAt the earlier sync's, before its new request) in its 202 and its store: left out of the read before, a completion time is unknown, not none",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      if (context.operationId === 'getWhatsAppSyncStatus') {
        const answer = finishesWithoutALimit(context) ?? context.planned;
        return answer.status === 200 ? withoutHistoryCompletedAt(answer) : undefined;
      }
      const kept = context.before?.history.completedAt;
      if (startedPart(context) !== 'history' || context.planned.status !== 202 || context.senderId === undefined || typeof kept !== 'string') return undefined;
      const body = JSON.parse(context.planned.body) as { message: string; sync: WhatsAppSyncStatus };
      const sync = { ...body.sync, history: { ...body.sync.history, completedAt: kept } };
      context.store.setSync(context.senderId, sync);
      return { ...context.planned, body: JSON.stringify({ ...body, sync }) };
    },
  },
  {
    name: 'other-part-finishes-before-a-202-that-leaves-its-completion-out',
    description:
      "a live sandbox whose writable sender has a history sync running (syncing, requested a minute before the run) and contacts never requested: the history has finished by the contacts start, whose 202 shows it completed but leaves out its completedAt, an optional field (the reads show it): the null read while it was syncing says nothing of the read after",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      const syncable = seededSenderIds().syncable;
      if (!historyRunning.has(context.store)) {
        historyRunning.add(context.store);
        const sender = context.store.get(syncable);
        if (sender?.kind !== 'coexistence') return undefined;
        const requestedAt = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        context.store.setSync(syncable, { ...sender.sync, history: { status: 'syncing', canSync: false, requestedAt, completedAt: null } });
        // The state is the run's from its first request on: one about that sender is answered from it.
        return context.senderId === syncable ? handleRequest({ method: context.method, path: context.path, ...(context.authorization === undefined ? {} : { authorization: context.authorization }) }, { apiKey: context.apiKey, store: context.store }).planned : context.planned;
      }
      const history = context.before?.history;
      if (startedPart(context) !== 'contacts' || context.planned.status !== 202 || context.senderId === undefined || (history?.status !== 'pending' && history?.status !== 'syncing')) return undefined;
      const body = JSON.parse(context.planned.body) as { message: string; sync: WhatsAppSyncStatus };
      const done = { ...body.sync.history, status: 'completed' as const, canSync: false, completedAt: new Date().toISOString() };
      context.store.setSync(context.senderId, { ...body.sync, history: done });
      const { completedAt: _left, ...shown } = done;
      return { ...context.planned, body: JSON.stringify({ ...body, sync: { ...body.sync, history: shown } }) };
    },
  },
  {
    name: 'start-202-shows-the-part-already-syncing',
    description: "an accepted start goes straight to syncing (nothing to wait for: the 202 and the reads after show syncing, never pending): syncing is a documented state after a request, the example's pending is an example",
    args: ['--allow-writes'],
    changesState: true,
    fault: (context) => {
      const part = startedPart(context);
      if (part === undefined || context.planned.status !== 202 || context.senderId === undefined) return undefined;
      const body = JSON.parse(context.planned.body) as { message: string; sync: WhatsAppSyncStatus };
      const sync = { ...body.sync, [part]: { ...body.sync[part], status: 'syncing' } };
      context.store.setSync(context.senderId, sync);
      return { ...context.planned, body: JSON.stringify({ ...body, sync }) };
    },
  },
  {
    name: 'mock-checks-in-progress-before-the-account-status',
    description:
      "a mock server (every sender written to) that checks whether a part is in flight before the account status: a start of a part pending or syncing on an account not active (pending_registration, both parts pending) is refused with the documented in_progress 400, not not_active; both reasons hold, and the contract orders no two refusals",
    args: ['--allow-writes', '--mock-target'],
    // The not-active role's own sender, both parts in flight: the not-active rows meet the choice
    // too, not only the start-predicted rows on each coexistence sender (pending_verification, the
    // default, has both parts at rest).
    env: { ZAVU_SENDER_NOT_ACTIVE: 'snd_coex_pending_registration' },
    fault: (context) => {
      const part = startedPart(context);
      const state = part === undefined ? undefined : context.before?.[part].status;
      const inFlight = state === 'pending' || state === 'syncing';
      return part !== undefined && inFlight && context.planned.status === 400 && context.planned.body.includes(startMessages(part).not_active) ? errorResponse(400, 'bad_request', startMessages(part).in_progress) : undefined;
    },
  },
  {
    name: 'mock-checks-the-sync-limit-before-in-progress',
    description:
      "a mock server (every sender written to) that checks the 24-hour limit before whether a part is in flight: a start of a part pending or syncing is refused with the documented rate_limit 400, not in_progress (a part in flight may have used up its limit; the contract orders no two refusals)",
    args: ['--allow-writes', '--mock-target'],
    fault: (context) => {
      const part = startedPart(context);
      return part !== undefined && context.planned.status === 400 && context.planned.body.includes(startMessages(part).in_progress) ? errorResponse(400, 'bad_request', startMessages(part).rate_limit) : undefined;
    },
  },
  {
    name: 'mock-checks-the-sync-limit-before-the-account-status',
    description:
      "a mock server (every sender written to) that checks the 24-hour limit before the account status: a start of a part at rest with canSync false on an account not active (pending_verification, disconnected, error) is refused with the documented rate_limit 400, not not_active; canSync false there says nothing of the limit, and the contract orders no two refusals",
    args: ['--allow-writes', '--mock-target'],
    fault: (context) => {
      const part = startedPart(context);
      const before = context.before;
      if (part === undefined || before === undefined || before.status === 'active') return undefined;
      const atRest = before[part].status !== 'pending' && before[part].status !== 'syncing';
      return atRest && !before[part].canSync && context.planned.status === 400 && context.planned.body.includes(startMessages(part).not_active) ? errorResponse(400, 'bad_request', startMessages(part).rate_limit) : undefined;
    },
  },
  {
    name: 'one-not-coexistence-sentence-for-every-operation',
    description:
      "one error helper words the not-coexistence refusal for every operation alike, in the read's documented words (\"Sync is only available for coexistence accounts\"), starts included: the contract's own sentence for that reason, which it documents for the read; the starts' \"History sync is …\" is the same reason named per part",
    args: ['--allow-writes'],
    fault: editJsonBody(
      (context) => context.planned.status === 400 && startedPart(context) !== undefined,
      (body, context) => (body['message'] === startMessages(startedPart(context) ?? 'history').not_coexistence ? { ...body, message: 'Sync is only available for coexistence accounts' } : body),
    ),
  },
  {
    name: 'refusals-in-codes-of-their-own-the-wait-in-minutes',
    description:
      "every documented 400 refusal keeps its documented message under a code of its own (no_waba, not_coexistence, not_active, in_progress, sync_limit_reached: the Error schema types code as any string, its own example invalid_request), and the limit tells the time left in minutes (\"Please wait 45 minutes before trying again.\"): the same reasons, in the documented words",
    args: ['--allow-writes', '--mock-target'],
    fault: editJsonBody(
      (context) => context.planned.status === 400,
      (body) => {
        const message = String(body['message']);
        const limit = /^Sync limit reached\. Please wait \d+ hours? before trying again\.$/.test(message);
        const code = limit ? 'sync_limit_reached' : / is already in progress$/.test(message) ? 'in_progress' : message === 'WhatsApp account is not active' ? 'not_active' : /only available for coexistence accounts$/.test(message) ? 'not_coexistence' : /WhatsApp Business Account connected$/.test(message) ? 'no_waba' : body['code'];
        return { ...body, code, message: limit ? 'Sync limit reached. Please wait 45 minutes before trying again.' : message };
      },
    ),
  },
];
