/**
 * Broken servers that judge credentials the wrong way (each accepts one form of the valid key a
 * server must refuse), and servers that break project isolation (another project's sender shown,
 * or confirmed with 403). Each must fail its own case for the status it answers.
 */
import type { BrokenServer } from './broken-server-entry';
import { findSeedSender, getWhatsAppSyncStatus, OWN_PROJECT, projectOf, scopeTo, type ResponseFault } from '../../src/reference-server';
import { acceptCredentials, both, caseFoldedRouteSkipsAuth, editJsonBody, isOtherProjectSender, isSenderKind, isStatus, isUnknownSender, jsonAnswer, storedSync, tokenAfter, when } from './fault-builders';

const GET = 'getWhatsAppSyncStatus';

/** Selects requests about a sender of `project` in the seed (whoever's key asked). */
const isSenderOf = (project: string) => (context: { senderId?: string }): boolean => {
  const sender = context.senderId === undefined ? undefined : findSeedSender(context.senderId);
  return sender !== undefined && projectOf(sender) === project;
};

/** A key-compare mistake: accepts `Bearer <token>` when `matches(token, key)` holds. */
const bearerTokenAccepted = (matches: (token: string, apiKey: string) => boolean) =>
  acceptCredentials((authorization, apiKey) => {
    const token = tokenAfter(authorization, 'bearer');
    return token !== undefined && matches(token, apiKey);
  });

/** A scheme mistake: accepts the exact key after a scheme word other than "Bearer" (or none between them). */
const keyAfterScheme = (scheme: string, separator = ' +') => acceptCredentials((authorization, apiKey) => tokenAfter(authorization, scheme, separator) === apiKey);

/**
 * Authentication matched on the exact path (or let through for `method`) while the router serves
 * `alias` (the raw path) as the documented read: a read there is served without credentials.
 */
const aliasSkipsAuth = (alias: RegExp, method = 'GET'): ResponseFault => (context) => {
  const match = context.method === method ? alias.exec(context.path) : null;
  const sender = match?.[1] === undefined ? undefined : context.store.get(decodeURIComponent(match[1]));
  return sender?.kind === 'coexistence' && sender.project === undefined ? jsonAnswer(200, { sync: sender.sync }) : undefined;
};

/**
 * A 401 whose WWW-Authenticate realm is `realmOf(other, answered)`: `other` when the sender asked
 * for belongs to another project than the key's, `answered` the count of 401s so far (a realm that
 * names the machine or counter that answered changes from answer to answer).
 */
function realmByProject(realmOf: (other: boolean, answered: number) => string): ResponseFault {
  let answered = 0;
  return when(isStatus(401), (context) => {
    answered += 1;
    const sender = context.senderId === undefined ? undefined : findSeedSender(context.senderId, context.store);
    const realm = realmOf(sender !== undefined && projectOf(sender) !== OWN_PROJECT, answered);
    return { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': `Bearer realm="${realm}"` } };
  });
}

export const CREDENTIAL_BREAKS: readonly BrokenServer[] = [
  {
    name: 'key-compared-ignoring-case',
    description: 'keys are compared case-insensitively, so the key with its letters\' case swapped is accepted',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-case-changed`,
    fault: bearerTokenAccepted((token, apiKey) => token.toLowerCase() === apiKey.toLowerCase()),
  },
  {
    name: 'key-prefix-match-accepts-suffix',
    description: 'a token is accepted when it starts with the key, so the key with characters appended is accepted',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-with-suffix`,
    fault: bearerTokenAccepted((token, apiKey) => token.startsWith(apiKey)),
  },
  {
    name: 'key-hex-compared-ignoring-case',
    description: "the prefix is checked exactly and the secret after it case-insensitively, so the key with the case of its secret's letters swapped is accepted",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-case-changed`,
    fault: bearerTokenAccepted((token, apiKey) => token.slice(0, 8) === apiKey.slice(0, 8) && token.slice(8).toLowerCase() === apiKey.slice(8).toLowerCase()),
  },
  {
    name: 'key-suffix-match-accepts-prefix',
    description: 'a token is accepted when it ends with the key, so the key with characters put before it is accepted',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-with-prefix`,
    fault: bearerTokenAccepted((token, apiKey) => token.endsWith(apiKey)),
  },
  {
    name: 'key-environment-ignored',
    description: "the secret is compared and the environment prefix is not, so the sandbox key's secret under zv_live_ is accepted",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-other-environment`,
    fault: bearerTokenAccepted((token, apiKey) => /^zv_(test|live)_/.test(token) && token.slice(8) === apiKey.slice(8)),
  },
  {
    name: 'key-found-in-plain-object',
    description: 'keys are looked up in a plain object (keys[token] !== undefined), so "constructor" is a key every object has',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-property-name`,
    fault: bearerTokenAccepted((token, apiKey) => ({ [apiKey]: true } as Record<string, unknown>)[token] !== undefined),
  },
  {
    name: 'query-string-skips-auth',
    description: 'authentication is keyed on the path as received: a path with a query string ("?zvc=1") is served without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-with-query`,
    fault: when((context) => context.planned.status === 401 && context.senderId !== undefined && context.path.includes('?'), (context) => context.authorized()),
  },
  {
    name: 'encoded-path-skips-auth',
    description: 'authentication matches the path as written ("/v1/senders/…") while the router decodes it: "/v1/%73enders/<id>/whatsapp-sync", the same URI, is served without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-encoded-path`,
    fault: (context) => {
      const match = /^\/v1\/%73enders\/([^/?#]+)\/whatsapp-sync$/.exec(context.path);
      const sender = match?.[1] === undefined ? undefined : context.store.get(decodeURIComponent(match[1]));
      return sender?.kind === 'coexistence' ? jsonAnswer(200, { sync: sender.sync }) : undefined;
    },
  },
  {
    name: 'head-skips-authentication',
    description: 'authentication guards GET alone (HTTP verb tampering): HEAD, which the router serves as GET without its body, is answered without credentials, 200 for a sender and 404 for an unknown id',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/head-no-credentials`,
    expectedStep: 'head',
    fault: when(both(isStatus(401), (context) => context.method === 'HEAD'), (context) => context.authorized()),
  },
  {
    name: 'head-answered-by-existence',
    description: 'HEAD without credentials is refused 401 for a sender and 404 for an unknown id (the lookup before the authentication, for HEAD only): its status alone tells the sender exists',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/head-no-credentials`,
    expectedStep: 'head',
    fault: when(both(isUnknownSender, (context) => context.method === 'HEAD' && context.authorization === undefined), () => ({ status: 404, headers: { 'content-type': 'application/json' }, body: '' })),
  },
  {
    name: 'head-shows-other-project-sender',
    description: "HEAD with a valid key is served by a lightweight existence route that forgot the project scope: another project's sender is answered 200, an unknown id 404 (GET answers both 404), so the key tells which ids exist in other projects",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/other-project-sender`,
    expectedStep: 'head',
    fault: when((context) => context.method === 'HEAD' && isOtherProjectSender(context) && context.planned.status === 404, (context) => context.unscoped()),
  },
  {
    name: 'head-accepts-any-token',
    description: 'HEAD checks that a Bearer token is present, not that it is a key: with any token it is answered 200 for a coexistence sender, 400 for one without a WABA and 404 for an unknown id (GET refuses the same token 401), so any string enumerates the senders and tells their kind',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/head-wrong-key`,
    expectedStep: 'head',
    fault: when((context) => context.method === 'HEAD' && context.planned.status === 401 && context.senderId !== undefined && tokenAfter(context.authorization, 'bearer') !== undefined, (context) => context.authorized()),
  },
  {
    name: 'unauthorized-message-tells-sender-exists',
    description: 'without credentials every id that names a sender gets 401 with the message "Authentication required to access this sender", an unknown id the generic missing-header message: the same status and code, but the words enumerate sender ids for anyone',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/no-credentials`,
    expectedStep: 'read',
    fault: editJsonBody(
      (context) => context.planned.status === 401 && context.senderId !== undefined && findSeedSender(context.senderId, context.store) !== undefined,
      (body) => ({ ...body, message: 'Authentication required to access this sender' }),
    ),
  },
  {
    name: 'dot-segment-skips-auth',
    description: 'authentication matches the path as written while the router removes dot segments: "/v1/senders/<id>/./whatsapp-sync", the same URI (RFC 3986 §6.2.2.3), is served without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-dot-segment`,
    fault: aliasSkipsAuth(/^\/v1\/senders\/([^/?#]+)\/\.\/whatsapp-sync$/),
  },
  {
    name: 'trailing-slash-skips-auth',
    description: 'authentication matches the path exactly while the router also serves it with a trailing slash (Spring\'s trailing-slash match, Express without strict routing): "/v1/senders/<id>/whatsapp-sync/" is served without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-trailing-slash`,
    fault: aliasSkipsAuth(/^\/v1\/senders\/([^/?#]+)\/whatsapp-sync\/$/),
  },
  {
    name: 'path-parameter-skips-auth',
    description: 'authentication matches the path as received while the container strips ";" path parameters before routing (Tomcat/Jetty servlet path, Apache Shiro CVE-2020-1957 style): "/v1/senders/<id>/whatsapp-sync;x" is served without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-path-parameter`,
    fault: aliasSkipsAuth(/^\/v1\/senders\/([^/?#;]+)\/whatsapp-sync;[^/?#]*$/),
  },
  {
    name: 'doubled-slash-skips-auth',
    // The operation is secured ("security: - bearerAuth: []", 401 "Unauthorized."): no other spelling of its path may serve it without the key.
    description:
      'authentication is keyed on the path prefix as written ("/v1/senders/") while the router drops empty segments (Spring\'s AntPathMatcher, CVE-2016-5007 style; nginx merge_slashes before a path-keyed guard): "/v1//senders/<id>/whatsapp-sync" is served without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-doubled-slash`,
    expectedStep: 'read',
    fault: aliasSkipsAuth(/^\/v1\/\/senders\/([^/?#]+)\/whatsapp-sync$/),
  },
  {
    name: 'trailing-dot-skips-auth',
    // The operation is secured ("security: - bearerAuth: []", 401 "Unauthorized."): no other spelling of its path may serve it without the key.
    description:
      'authentication matches the path exactly while the router also serves it with a trailing "." (IIS drops trailing dots from a segment; Spring MVC\'s suffix pattern match takes "whatsapp-sync." for "whatsapp-sync.*"): "/v1/senders/<id>/whatsapp-sync." is served without credentials',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-trailing-dot`,
    expectedStep: 'read',
    fault: aliasSkipsAuth(/^\/v1\/senders\/([^/?#]+)\/whatsapp-sync\.$/),
  },
  {
    name: 'case-folded-path-skips-auth',
    description:
      'the router matches paths ignoring letter case (Express\'s default, ASP.NET Core, IIS) while authentication is keyed on the path as written ("/v1/senders/…"): GET /V1/Senders/<id>/WhatsApp-Sync, which the router serves as the read, is answered without credentials, 200 with the sender\'s sync status',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/no-credentials-case-folded-path`,
    expectedStep: 'read',
    fault: caseFoldedRouteSkipsAuth('GET', /^\/v1\/senders\/([^/?#]+)\/whatsapp-sync$/i, (senderId, context) => getWhatsAppSyncStatus(senderId, scopeTo(context.store, OWN_PROJECT))),
  },
  {
    name: 'other-project-not-found-in-own-words',
    description:
      "another project's sender is answered 404 with the same code as an unknown id (not_found) and the same properties, but in words of its own, \"This sender belongs to another project\" (a handler that knows the rule, 404 for what the key may not see, and writes a helpful message): the status and code hide the sender, the message confirms it exists",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    expectedStep: 'read',
    fault: editJsonBody(both(isOtherProjectSender, isStatus(404)), (body) => void (body['message'] = 'This sender belongs to another project')),
  },
  {
    name: 'options-reads-without-credentials',
    description: 'authentication lets every OPTIONS past (the common "permit OPTIONS /** for CORS preflight" rule) in front of a read route mapped without a method (Spring @RequestMapping, app.all): OPTIONS /v1/senders/<id>/whatsapp-sync without credentials is answered 200 with the sender\'s sync status, an unknown id as a preflight is',
    expectedCheck: 'status-code-expected',
    // The read's path is asked with OPTIONS beside the history start's, in that start's sequence: OPTIONS goes to a live target only with --allow-writes.
    expectedCaseId: 'startWhatsAppHistorySync/options-changes-nothing',
    expectedStep: 'options-read',
    args: ['--allow-writes'],
    fault: aliasSkipsAuth(/^\/v1\/senders\/([^/?#]+)\/whatsapp-sync(?:\?.*)?$/, 'OPTIONS'),
  },
  {
    name: 'second-word-taken-as-token',
    description: 'the header is split on spaces and its second word taken as the token, so "Bearer <key> extra" is accepted',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-then-word`,
    fault: acceptCredentials((authorization = '', apiKey) => /^bearer$/i.test(authorization.split(' ')[0] ?? '') && authorization.split(' ')[1] === apiKey),
  },
  {
    name: 'key-compared-to-shorter-length',
    description: 'a token is compared only up to its own length, so the key cut short is accepted',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/key-cut-short`,
    fault: bearerTokenAccepted((token, apiKey) => token.length >= 8 && apiKey.startsWith(token)),
  },
  {
    name: 'token-scheme-accepted',
    description: '"Token <key>" is accepted as if it were "Bearer <key>"',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/token-scheme-key`,
    fault: keyAfterScheme('token'),
  },
  {
    name: 'apikey-scheme-accepted',
    description: '"ApiKey <key>" is accepted as if it were "Bearer <key>"',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/apikey-scheme-key`,
    fault: keyAfterScheme('apikey'),
  },
  {
    name: 'bearer-without-space-accepted',
    description: '"Bearer<key>" with no space is accepted (the scheme is stripped as a prefix, not parsed)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/bearer-without-space`,
    fault: keyAfterScheme('bearer', ' *'),
  },
  {
    name: 'other-project-sender-shown',
    description: 'a sender of another project is served to the key (200 with its sync status): no project check',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: when(both(isOtherProjectSender, isStatus(404)), (context) => context.unscoped()),
  },
  {
    name: 'other-project-sender-forbidden',
    description: 'a sender of another project gets 403, which confirms that it exists (it must be 404, as an unknown id)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: when(both(isOtherProjectSender, isStatus(404)), () => jsonAnswer(403, { code: 'forbidden', message: 'This sender belongs to another project' })),
  },
  {
    name: 'other-project-key-sees-every-project',
    description:
      "the project check guards one direction only: another project's key is served the senders of the key's own project (a lookup scoped `WHERE project_id = $1 OR project_id = 'prj_main'`, a first project treated as shared), while the key's own requests to that project's sender get their 404; no read with the key can show it",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/own-sender-other-project-key[snd_coex_active]`,
    expectedStep: 'read-as-other-project',
    fault: when(
      (context) => context.planned.status === 404 && context.authorization !== undefined && context.authorization !== `Bearer ${context.apiKey}` && isSenderOf(OWN_PROJECT)(context),
      (context) => context.unscoped(),
    ),
  },
  {
    name: 'head-shows-own-sender-to-other-project',
    description:
      "HEAD is served by a lightweight existence route that checks the key and the id but not the sender's project: another project's key gets 200 for a sender of the key's own project and 404 for an unknown id (its GET answers both 404), so any project's key tells which ids exist in every other project",
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/own-sender-other-project-key[snd_coex_active]`,
    expectedStep: 'head-as-other-project',
    fault: when(
      (context) => context.method === 'HEAD' && context.planned.status === 404 && context.authorization !== undefined && context.authorization !== `Bearer ${context.apiKey}` && isSenderOf(OWN_PROJECT)(context),
      () => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' }),
    ),
  },
  {
    name: 'unauthorized-shows-the-sender',
    description: "a 401 without credentials carries the sender's sync status in details (the unknown id's 401 has none): the answer shows the sender to a caller who may not see it",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/no-credentials`,
    fault: editJsonBody(
      (context) => context.planned.status === 401 && context.authorization === undefined && storedSync(context) !== undefined,
      (body, context) => void (body['details'] = { senderId: context.senderId, sync: storedSync(context) }),
    ),
  },
  {
    name: 'other-project-sender-told-apart',
    description: "a sender of another project gets a 404, but with a code of its own and details naming the project: the answer confirms the sender exists",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: when(both(isOtherProjectSender, isStatus(404)), () => jsonAnswer(404, { code: 'sender_in_other_project', message: 'Sender not found', details: { project: 'another' } })),
  },
  {
    name: 'traced-details-name-the-project',
    description:
      "every 404 carries its trace's id in details, and another project's sender's also names that project there (same status, code and words): the trace id is set aside as a request's, the project is not, and it confirms the sender exists",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: editJsonBody(isStatus(404), (body, context) => {
      body['details'] = isOtherProjectSender(context) ? { traceId: 'a1b2c3d4e5f60718', project: 'another' } : { traceId: 'f0e1d2c3b4a59687' };
    }),
  },
  {
    name: 'traced-context-names-the-project',
    description:
      "every 404 carries its tracer's context in details (trace: {id}), and another project's sender's context also names that project (trace: {id, project}; same status, code and words): a tracer's object of ids alone is set aside as a request's, one with a project in it is not, and it confirms the sender exists",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: editJsonBody(isStatus(404), (body, context) => {
      body['details'] = { trace: isOtherProjectSender(context) ? { id: 'a1b2c3d4e5f60718', project: 'another' } : { id: 'f0e1d2c3b4a59687' } };
    }),
  },
  {
    name: 'traced-context-id-names-the-sender',
    description:
      "every 404 carries its tracer's context in details (trace: {id}), whose id is a trace's for an unknown id and holds the sender's own id, the one asked for, for another project's sender (trace: {id: \"snd_other_project-4bf92f35\"}; same status, code and words): an object of ids alone by its members' names, but no tracer's id names what was asked, and it confirms the sender exists",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: editJsonBody(isStatus(404), (body, context) => {
      // A digit in both, as a trace id has: only the sender id in it tells the two apart.
      body['details'] = { trace: { id: isOtherProjectSender(context) ? `${context.senderId ?? ''}-4bf92f35` : 'f0e1d2c3b4a59687' } };
    }),
  },
  {
    name: 'other-project-sender-without-message',
    description:
      "another project's sender gets the unknown id's 404 and code but no message (a handler that returns early before wording it): a required property's absence tells the sender apart, whatever else is set aside",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: editJsonBody(both(isOtherProjectSender, isStatus(404)), (body) => void delete body['message']),
  },
  {
    name: 'other-project-sender-request-echoed',
    description:
      "another project's sender gets the unknown id's 404, code and words, plus the request as the handler resolved it ({request: {senderId, project}}): a name that names a request sets aside an id, not an object that carries what was found",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: editJsonBody(both(isOtherProjectSender, isStatus(404)), (body, context) => void (body['request'] = { senderId: context.senderId, project: 'another' })),
  },
  {
    name: 'other-project-sender-empty-details',
    description:
      "another project's sender gets the unknown id's 404, code and words, and an empty details the unknown id's has not (a handler that begins details for a sender it found): the member's presence confirms the sender exists",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: editJsonBody(both(isOtherProjectSender, isStatus(404)), (body) => void (body['details'] = {})),
  },
  {
    name: 'not-found-details-tell-apart',
    description: 'every 404 and 401 carries details, {senderExists: false} for an id that names no sender and {senderExists: true, project, kind} for one that exists: the same code and status, but the details confirm another project\'s sender',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender`,
    fault: editJsonBody(
      (context) => context.planned.status === 404 || context.planned.status === 401,
      (body, context) => {
        const sender = context.senderId === undefined ? undefined : findSeedSender(context.senderId, context.store);
        body['details'] = sender === undefined ? { senderExists: false } : { senderExists: true, project: sender.project ?? 'this', kind: sender.kind };
      },
    ),
  },
  {
    name: 'unauthorized-shows-another-project',
    description: "a 401 without credentials for another project's sender carries that sender's project and sync in details: the status is right, the answer shows another project's data",
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/other-project-sender-no-credentials`,
    fault: editJsonBody(both(isOtherProjectSender, isStatus(401)), (body, context) => void (body['details'] = { senderId: context.senderId, project: 'other', sync: storedSync(context) ?? null })),
  },
  {
    name: 'unauthorized-says-no-waba',
    description: 'a 401 without credentials for the sender without a WhatsApp Business Account says so in details ({reason: "no_waba"}): the status is right, the details tell a caller without credentials what the sender is',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/no-waba-no-credentials`,
    fault: editJsonBody(both(isSenderKind('no-waba'), isStatus(401)), (body) => void (body['details'] = { reason: 'no_waba' })),
  },
  {
    name: 'unauthorized-code-tells-unknown',
    description: 'without credentials an id that names no sender gets the code unauthorized_unknown_sender, a real one unauthorized: the same 401, but its code enumerates ids',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/no-credentials`,
    fault: editJsonBody(both(isUnknownSender, isStatus(401)), (body) => void (body['code'] = 'unauthorized_unknown_sender')),
  },
  {
    name: 'wrong-key-message-tells-sender-exists',
    description: 'the key is checked against the project of the sender the path names: a wrong key gets 401 "API key is not valid for the project of this sender" for an id that names a sender, and the generic 401 for an unknown id: the same status and code, but any string as a key enumerates sender ids (and tells another project\'s apart)',
    expectedCheck: 'state-prediction',
    expectedCaseId: `${GET}/wrong-key`,
    expectedStep: 'read',
    fault: editJsonBody(
      (context) => context.planned.status === 401 && context.authorization !== undefined && context.senderId !== undefined && findSeedSender(context.senderId, context.store) !== undefined,
      (body) => void (body['message'] = 'API key is not valid for the project of this sender'),
    ),
  },
  {
    name: 'unauthorized-realm-names-the-project',
    description: 'the 401 challenge names the realm of the project that owns the sender (WWW-Authenticate: Bearer realm="<project>"), "zavu" for an unknown id: the body is the same, the header tells a caller without credentials which ids exist and which project owns them',
    expectedCheck: 'auth-challenge',
    expectedCaseId: `${GET}/other-project-sender-no-credentials`,
    expectedStep: 'read',
    fault: when(isStatus(401), (context) => {
      const sender = context.senderId === undefined ? undefined : findSeedSender(context.senderId, context.store);
      return { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': `Bearer realm="${sender === undefined ? 'zavu' : sender.project ?? 'proj_own'}"` } };
    }),
  },
  {
    name: 'unauthorized-realm-names-the-project-in-long-words',
    description:
      'the 401 challenge names the realm of the project that owns the sender in words of 8 letters or more (WWW-Authenticate: Bearer realm="acme-corp-project" for another project\'s sender, realm="zavu-production" for the key\'s own and for an unknown id): no digit and no id in either, so only a comparison of the realm as sent, not one that blanks every long word as a request id, sees that it tells a caller without credentials which project owns a sender',
    expectedCheck: 'auth-challenge',
    expectedCaseId: `${GET}/other-project-sender-no-credentials`,
    expectedStep: 'read',
    fault: realmByProject((other) => (other ? 'acme-corp-project' : 'zavu-production')),
  },
  {
    name: 'unauthorized-realm-names-the-project-beside-the-machine',
    description:
      'the 401 challenge names the project that owns the sender beside what answered it (WWW-Authenticate: Bearer realm="acme-corp-project eu-west-1 ip-10-0-1-23 pod-7f9c req-3" for another project\'s sender, "zavu-production …" for an unknown id): the region, host, pod and counter change from answer to answer and are set aside, the project is not, and it tells a caller without credentials which project owns a sender',
    expectedCheck: 'auth-challenge',
    expectedCaseId: `${GET}/other-project-sender-no-credentials`,
    expectedStep: 'read',
    fault: realmByProject((other, answered) => `${other ? 'acme-corp-project' : 'zavu-production'} ${['us-east-1', 'eu-west-1'][answered % 2]} ip-10-0-${answered % 8}-23 pod-${answered % 10}f9c req-${answered}`),
  },
  {
    name: 'unauthorized-realm-names-the-project-after-the-node',
    description:
      'the 401 challenge names the node that answered by the project it serves, with a digit, beside a request counter (WWW-Authenticate: Bearer realm="zavu node acme2 req-3" for another project\'s sender, "zavu node zavu2 req-4" for an unknown id): the counter is set aside, and a run with a digit after "node" is, when it is a counter\'s (digits, hex, a pod\'s suffix); "acme2" is none, and it tells a caller without credentials which project owns a sender',
    expectedCheck: 'auth-challenge',
    expectedCaseId: `${GET}/other-project-sender-no-credentials`,
    expectedStep: 'read',
    fault: realmByProject((other, answered) => `zavu node ${other ? 'acme' : 'zavu'}2 req-${answered}`),
  },
  {
    name: 'unauthorized-realm-names-the-project-in-camel-case',
    description:
      'the 401 challenge names the realm of the project that owns the sender in CamelCase with an acronym (WWW-Authenticate: Bearer realm="AcmeCorpAPIRealm" for another project\'s sender, "ZavuProdAPIRealm" for an unknown id): an acronym\'s capitals counted alone read as a nanoid\'s strewn ones, and set both aside; read as words, they tell a caller without credentials which project owns a sender',
    expectedCheck: 'auth-challenge',
    expectedCaseId: `${GET}/other-project-sender-no-credentials`,
    expectedStep: 'read',
    fault: realmByProject((other) => (other ? 'AcmeCorpAPIRealm' : 'ZavuProdAPIRealm')),
  },
  {
    name: 'wrong-key-error-code-tells-sender-exists',
    description:
      'a key the server does not know gets the RFC 6750 §3.1 error code insufficient_scope for an id that names a sender ("the key cannot see this one"), invalid_token for an unknown id: the same 401 and body, but the challenge\'s error code, a word of 18 characters, enumerates sender ids to any string as a key',
    expectedCheck: 'auth-challenge',
    expectedCaseId: `${GET}/wrong-key`,
    expectedStep: 'read',
    fault: when(isStatus(401), (context) => {
      const known = context.senderId !== undefined && findSeedSender(context.senderId, context.store) !== undefined;
      const error = context.authorization !== undefined && known ? 'insufficient_scope' : 'invalid_token';
      return { ...context.planned, headers: { ...context.planned.headers, 'www-authenticate': `Bearer realm="zavu", error="${error}"` } };
    }),
  },
  {
    name: 'other-project-trailing-slash-shows-sender',
    description: 'the project check is a per-route policy matched on the exact path (a gateway or middleware keyed on "/v1/senders/{id}/whatsapp-sync"), while the router also serves the path with a trailing slash (Express without strict routing, Spring\'s trailing-slash match): with a valid key, "/v1/senders/<other project\'s id>/whatsapp-sync/" shows another project\'s sync status',
    expectedCheck: 'status-code-expected',
    expectedCaseId: `${GET}/other-project-sender-trailing-slash`,
    expectedStep: 'read',
    fault: (context) => {
      const match = context.method === 'GET' && context.authorization === `Bearer ${context.apiKey}` ? /^\/v1\/senders\/([^/?#]+)\/whatsapp-sync\/$/.exec(context.path) : null;
      return match?.[1] === undefined ? undefined : getWhatsAppSyncStatus(decodeURIComponent(match[1]), context.store);
    },
  },
];
