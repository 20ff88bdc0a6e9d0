/** Broken servers whose status codes are right but whose bodies or media types are not. */
import type { BrokenServer } from './broken-server-entry';
import { both, child, editJsonBody, editSync, isSenderKind, isStatus, isUnknownSender, jsonAnswer, when, type JsonObject } from './fault-builders';

const ACTIVE = 'getWhatsAppSyncStatus/coexistence[snd_coex_active]';

/** Bodies that break the response schemas, and responses that are not (labelled as) JSON. */
export const BODY_BREAKS: readonly BrokenServer[] = [
  {
    name: 'can-sync-as-string',
    description: 'history.canSync is the string "false" instead of a boolean',
    expectedCheck: 'response-schema',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => { child(sync, 'history')['canSync'] = String(child(sync, 'history')['canSync']); }),
  },
  {
    name: 'never-requested-part-has-times',
    description: 'contacts, not_requested, shows a requestedAt: a time at which a sync never requested was requested',
    expectedCheck: 'not-requested-has-no-times',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => {
      if (child(sync, 'contacts')['status'] === 'not_requested') child(sync, 'contacts')['requestedAt'] = '2024-01-15T10:00:00Z';
    }),
  },
  {
    name: 'completed-at-in-the-future',
    description: "a completed history's completedAt is a year after the answer's own Date: a completion that has not happened yet (a time zone or a clock gone wrong)",
    expectedCheck: 'times-not-ahead',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => {
      if (child(sync, 'history')['status'] === 'completed') child(sync, 'history')['completedAt'] = new Date(Date.now() + 365 * 86_400_000).toISOString();
    }),
  },
  {
    name: 'completed-before-requested',
    description: "a completed history's completedAt is a day before its requestedAt: completed before it was asked for",
    expectedCheck: 'times-not-ahead',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => {
      const history = child(sync, 'history');
      if (history['status'] === 'completed' && typeof history['requestedAt'] === 'string') history['completedAt'] = new Date(Date.parse(history['requestedAt']) - 86_400_000).toISOString();
    }),
  },
  {
    name: 'unknown-account-status',
    description: 'sync.status is "connected", which is not in the enum',
    expectedCheck: 'response-schema',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => { sync['status'] = 'connected'; }),
  },
  {
    name: 'contacts-status-rejected',
    description: 'contacts.status is "rejected", a value only history.status allows',
    expectedCheck: 'response-schema',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => { child(sync, 'contacts')['status'] = 'rejected'; }),
  },
  {
    name: 'missing-contacts',
    description: 'the required sync.contacts object is missing',
    expectedCheck: 'response-schema',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => { delete sync['contacts']; }),
  },
  {
    name: 'unwrapped-sync',
    description: 'the 200 body is the sync object itself, without the required "sync" wrapper',
    expectedCheck: 'response-schema',
    expectedCaseId: ACTIVE,
    fault: editJsonBody(isStatus(200), (body) => body['sync']),
  },
  {
    name: 'date-time-without-zone',
    description: 'history.requestedAt is "2026-01-15T10:00:00", a date-time without a time zone',
    expectedCheck: 'response-schema',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => { child(sync, 'history')['requestedAt'] = '2026-01-15T10:00:00'; }),
  },
  {
    name: 'null-can-sync',
    description: 'contacts.canSync is null, but it is not nullable',
    expectedCheck: 'response-schema',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => { child(sync, 'contacts')['canSync'] = null; }),
  },
  {
    name: 'is-coexistence-false',
    description: 'a coexistence sender reports isCoexistence: false (schema-valid, semantically wrong)',
    expectedCheck: 'sync-is-coexistence',
    expectedCaseId: ACTIVE,
    fault: editSync((sync) => { sync['isCoexistence'] = false; }),
  },
  {
    name: 'in-flight-startable',
    description: 'every read says canSync: true, even for a part pending or syncing (whose start is refused as in progress)',
    expectedCheck: 'in-flight-not-startable',
    expectedCaseId: 'getWhatsAppSyncStatus/coexistence[snd_coex_syncing]',
    fault: editSync((sync) => {
      child(sync, 'history')['canSync'] = true;
      child(sync, 'contacts')['canSync'] = true;
    }),
  },
  {
    name: 'inactive-startable',
    description: 'an account that is not active reports canSync: true for a part never requested (its start is refused as not active)',
    expectedCheck: 'inactive-not-startable',
    expectedCaseId: 'getWhatsAppSyncStatus/coexistence[snd_coex_error]',
    fault: editSync((sync) => {
      if (sync['status'] !== 'active') child(sync, 'history')['canSync'] = true;
    }),
  },
  {
    name: 'not-active-reads-active',
    description: 'the sender whose account is not active is read as active, both parts startable',
    expectedCheck: 'body-assertion',
    expectedCaseId: 'getWhatsAppSyncStatus/not-active',
    fault: editJsonBody(both(isStatus(200), (context) => context.senderId === 'snd_coex_pending_verification'), (body) => {
      const sync = child(body, 'sync');
      sync['status'] = 'active';
      child(sync, 'history')['canSync'] = true;
      child(sync, 'contacts')['canSync'] = true;
    }),
  },
  {
    name: 'error-without-message',
    description: 'the 404 Error body has a code but no required message',
    expectedCheck: 'response-schema',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender',
    fault: editJsonBody(isStatus(404), (body) => ({ code: body['code'] })),
  },
  {
    name: 'error-code-as-number',
    description: 'the not-coexistence 400 Error body has code 400 (a number) instead of a string',
    expectedCheck: 'response-schema',
    expectedCaseId: 'getWhatsAppSyncStatus/not-coexistence',
    fault: editJsonBody(both(isSenderKind('not-coexistence'), isStatus(400)), (body) => ({ ...body, code: 400 })),
  },
  {
    name: 'plain-text-401',
    description: 'every 401 is text/plain "Unauthorized" instead of a JSON Error',
    expectedCheck: 'content-type',
    expectedCaseId: 'getWhatsAppSyncStatus/no-credentials',
    fault: when(isStatus(401), ({ planned }) => ({
      ...planned,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' },
      body: 'Unauthorized',
    })),
  },
  {
    name: 'json-labelled-html',
    description: 'the 200 JSON body is labelled Content-Type: text/html',
    expectedCheck: 'content-type',
    expectedCaseId: ACTIVE,
    fault: when(isStatus(200), ({ planned }) => ({ ...planned, headers: { 'content-type': 'text/html; charset=utf-8' } })),
  },
  {
    name: 'authenticated-status-publicly-cacheable',
    description: "every 200 carries Cache-Control: public, max-age=300 (a framework's default for GETs): a CDN or proxy in front serves one project's sync status to the next caller of the URL, without credentials",
    expectedCheck: 'shared-cache',
    expectedCaseId: ACTIVE,
    fault: when(isStatus(200), ({ planned }) => ({ ...planned, headers: { ...planned.headers, 'cache-control': 'public, max-age=300' } })),
  },
  {
    name: 'error-answers-publicly-cacheable',
    description: "every 4xx carries Cache-Control: public, max-age=3600 (a gateway default the API overrides on its 2xx only): a CDN stores the 401 an anonymous request got and serves it, for an hour, to every caller of that URL with a valid key (cache poisoning), and the 404 one project's key got to the sender's owner",
    expectedCheck: 'shared-cache',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender-no-credentials',
    fault: when((context) => context.planned.status >= 400 && context.planned.status < 500, ({ planned }) => ({ ...planned, headers: { ...planned.headers, 'cache-control': 'public, max-age=3600' } })),
  },
  {
    name: 'unauthenticated-refusal-cacheable-by-max-age',
    description: 'a gateway adds "Cache-Control: max-age=300" to every answer (nginx "expires 5m", an API gateway default): the 401 to a request WITHOUT credentials is one RFC 9111 §3.5 does not restrict, so a shared cache stores it and serves it for 5 minutes to every caller of the URL, those with a valid key included',
    expectedCheck: 'shared-cache',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender-no-credentials',
    fault: ({ planned }) => ({ ...planned, headers: { ...planned.headers, 'cache-control': 'max-age=300' } }),
  },
  {
    name: 'qualified-no-cache-read-as-no-cache',
    description: 'every 200 carries Cache-Control: public, max-age=300, no-cache="Set-Cookie": the qualified no-cache withholds only the Set-Cookie field from reuse (RFC 9111 §5.2.2.4), so a shared cache serves the rest, the sender\'s sync status, to any caller of the URL for five minutes',
    expectedCheck: 'shared-cache',
    expectedCaseId: ACTIVE,
    fault: when(isStatus(200), ({ planned }) => ({ ...planned, headers: { ...planned.headers, 'cache-control': 'public, max-age=300, no-cache="Set-Cookie"' } })),
  },
  {
    name: 'must-revalidate-fresh-by-expires',
    description: 'every 200 carries Cache-Control: must-revalidate and an Expires an hour ahead: must-revalidate lets a shared cache store an answer to a request with Authorization (RFC 9111 §3.5) and Expires makes it fresh (§4.2.1), so a CDN serves the sync status to any caller of the URL for an hour',
    expectedCheck: 'shared-cache',
    expectedCaseId: ACTIVE,
    fault: when(isStatus(200), ({ planned }) => ({ ...planned, headers: { ...planned.headers, 'cache-control': 'must-revalidate', expires: new Date(Date.now() + 3_600_000).toUTCString() } })),
  },
  {
    name: 'cdn-cache-control-public',
    description: 'every 200 carries Cache-Control: private, and CDN-Cache-Control: public, max-age=300: a CDN obeys the targeted field and ignores Cache-Control (RFC 9213 §2.2), so it serves the sender\'s sync status to any caller of the URL',
    expectedCheck: 'shared-cache',
    expectedCaseId: ACTIVE,
    fault: when(isStatus(200), ({ planned }) => ({ ...planned, headers: { ...planned.headers, 'cache-control': 'private', 'cdn-cache-control': 'public, max-age=300' } })),
  },
  {
    name: 'missing-content-type',
    description: 'the no-WABA 400 Error is sent without any Content-Type header',
    expectedCheck: 'content-type',
    expectedCaseId: 'getWhatsAppSyncStatus/no-waba',
    fault: when(both(isSenderKind('no-waba'), isStatus(400)), ({ planned }) => ({ ...planned, headers: {} })),
  },
  {
    name: 'truncated-json',
    description: 'the 200 body, labelled application/json, is cut in half and does not parse',
    expectedCheck: 'json-body',
    expectedCaseId: ACTIVE,
    fault: when(isStatus(200), ({ planned }) => ({ ...planned, body: planned.body.slice(0, planned.body.length >> 1) })),
  },
  {
    name: 'server-error-for-unknown-sender',
    description: 'an unknown sender crashes the server: 500 instead of 404',
    expectedCheck: 'not-a-server-error',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender',
    fault: when((context) => isUnknownSender(context) && context.planned.status === 404, () => ({
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ code: 'internal_error', message: 'Cannot read properties of undefined' }),
    })),
  },
  {
    name: 'hostile-id-sql-error-in-400',
    description: 'the sender id is pasted into the SQL of the lookup, and the database error is answered as a 400 with the documented Error shape: an id with a quote gets 400 {code: "bad_request", message: "syntax error at or near \\"\'\\" (SQLSTATE 42601)"}, a documented status with a valid body, which is SQL injection all the same',
    expectedCheck: 'negative-inputs',
    expectedCaseId: 'getWhatsAppSyncStatus/negative-inputs',
    fault: when(
      (context) => context.senderId !== undefined && context.authorization === `Bearer ${context.apiKey}` && /['"]/.test(context.senderId),
      (context) => jsonAnswer(400, { code: 'bad_request', message: `syntax error at or near "${/['"]/.exec(context.senderId ?? '')?.[0] ?? ''}" (SQLSTATE 42601)` }),
    ),
  },
  {
    name: 'framework-debug-trace-in-404',
    description:
      "APP_DEBUG left on in production: Laravel renders every error answer with the exception, its file and line and a trace beside the API's own code and message (its / escaped, as PHP's json_encode writes it), so each 404 is a valid Error that names the server's files and framework (CWE-209), and only undocumented properties, a warning, showed it",
    expectedCheck: 'internal-error-exposed',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender',
    fault: when(isStatus(404), ({ planned }) => ({
      ...planned,
      body: JSON.stringify({
        ...(JSON.parse(planned.body) as JsonObject),
        exception: 'Symfony\\Component\\HttpKernel\\Exception\\NotFoundHttpException',
        file: '/var/www/html/vendor/laravel/framework/src/Illuminate/Foundation/Exceptions/Handler.php',
        line: 487,
        trace: [{ file: '/var/www/html/app/Http/Controllers/WhatsAppSyncController.php', line: 31, function: 'firstOrFail', class: 'Illuminate\\Database\\Eloquent\\Builder', type: '->' }],
      }).replace(/\//g, '\\/'),
    })),
  },
  {
    name: 'database-debug-details-in-404',
    description:
      "a debug error handler left on: each 404's Error carries, in its free-form details (the schema allows anything there), the query the lookup ran with the sender id pasted in and the database's connection URL with its user and password, so each 404 is a valid Error that names the server's tables, its internal database host and its credentials (CWE-209), and no other check, not even undocumented properties, showed it",
    expectedCheck: 'internal-error-exposed',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender',
    fault: when(isStatus(404), ({ planned, senderId }) => {
      const body = JSON.parse(planned.body) as JsonObject;
      return {
        ...planned,
        body: JSON.stringify({ ...body, details: { query: `SELECT * FROM senders WHERE id = '${senderId ?? ''}'`, db: 'postgres://app:secret@db-internal.local:5432/zavu' } }),
      };
    }),
  },
  {
    name: 'in-flight-history-completed-after-request',
    description: 'a history still syncing shows a completedAt an hour after its requestedAt (the worker stamps completedAt when a batch completes, or a retry puts the status back to syncing and keeps it): the answer says the sync requested at T completed at T+1 h and is still in flight',
    expectedCheck: 'times-not-ahead',
    expectedCaseId: 'getWhatsAppSyncStatus/coexistence[snd_coex_syncing]',
    fault: editSync((sync) => {
      const history = child(sync, 'history');
      if (history['status'] === 'syncing' && typeof history['requestedAt'] === 'string') history['completedAt'] = new Date(Date.parse(history['requestedAt']) + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }),
  },
  {
    name: 'surrogate-control-caches-the-status-at-the-edge',
    description:
      "every 200 carries Cache-Control: public, no-cache and Surrogate-Control: max-age=2592000 (fastly-rails' set_cache_control_headers defaults, Fastly's documented \"browser revalidates, edge caches\" pattern): the browser revalidates, but Fastly (and Varnish with ESI) reads Surrogate-Control in place of Cache-Control, and its default configuration stores an answer to a request with Authorization, so the edge serves the sender's sync status to any caller of the URL for 30 days",
    expectedCheck: 'shared-cache',
    expectedCaseId: ACTIVE,
    fault: when(isStatus(200), ({ planned }) => ({ ...planned, headers: { ...planned.headers, 'cache-control': 'public, no-cache', 'surrogate-control': 'max-age=2592000' } })),
  },
];
