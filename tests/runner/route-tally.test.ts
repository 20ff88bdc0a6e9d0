/**
 * An operation every answer of which was 404, to requests with the key and without credentials,
 * is most likely a route the target does not serve (a mock half-done, a path under another
 * prefix): the run says so once, where its cases each read their 404 as the API's own (a sender
 * looked up before authenticating, a configured id the target does not know). One answer of
 * another status to that operation, a run without a request of either kind, or too few answers,
 * say nothing.
 */
import type { AuthVariant, Exchange, HttpMethod } from '../../src/model';
import { RouteTally } from '../../src/runner/route-tally';
import { noRouteWarning } from '../../src/report/run-warnings';

const operations = [
  { operationId: 'getWhatsAppSyncStatus', method: 'GET' as const, pathTemplate: '/v1/senders/{senderId}/whatsapp-sync' },
  { operationId: 'startWhatsAppContactsSync', method: 'POST' as const, pathTemplate: '/v1/senders/{senderId}/whatsapp-sync/contacts' },
];

function answer(method: HttpMethod, path: string, status: number, authVariant: AuthVariant = 'valid'): Exchange {
  return { id: 'e', request: { method, url: `http://127.0.0.1${path}`, path, headers: {}, authVariant }, response: { status, headers: {}, bodyText: '' }, startedAt: '', durationMs: 1 };
}

function tallied(...exchanges: Exchange[]): RouteTally {
  const tally = new RouteTally(operations);
  for (const exchange of exchanges) tally.note(exchange);
  return tally;
}

const contacts = (status: number, auth: AuthVariant = 'valid', id = 'snd_a'): Exchange => answer('POST', `/v1/senders/${id}/whatsapp-sync/contacts`, status, auth);
const read = (status: number, auth: AuthVariant = 'valid'): Exchange => answer('GET', '/v1/senders/snd_a/whatsapp-sync', status, auth);

test('a half-done mock (the read served, every start 404 with the key and without): the start is named, the read is not', () => {
  const seen = tallied(read(200), read(401, 'none'), contacts(404), contacts(404, 'none'), contacts(404, 'wrong-key', 'snd_zz'), read(200))?.unrouted();
  expect(seen).toEqual({ routes: [{ operationId: 'startWhatsAppContactsSync', route: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts', answers: 3, statuses: [404] }], every404: false });
  const line = noRouteWarning(seen!);
  expect(line.kind).toBe('no-route');
  expect(line.message).toMatch(/^every answer to startWhatsAppContactsSync \(POST \/v1\/senders\/\{senderId\}\/whatsapp-sync\/contacts\) was 404 \(3 answers\), with the key and without credentials: /);
  expect(line.message).toContain('the target likely does not serve this route');
  // What the cases said of those 404s is named, so a reader does not chase enumeration or the sender ids first.
  expect(line.message).toContain('looked up before authenticating');
  expect(line.message).toContain('does not know this sender');
  // The key's own sender 404 to credentials that must be refused reads "not refused" (status-story.ts): a route not served answers it so too.
  expect(line.message).toContain('credentials were not refused');
  expect(line.message).not.toContain("base URL the API's root");
});

test('every answer of the run 404: the base URL is named as the likelier cause', () => {
  const seen = tallied(read(404), read(404, 'none'), read(404), contacts(404), contacts(404, 'none'), contacts(404))?.unrouted();
  expect(seen?.routes.map((r) => r.operationId)).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppContactsSync']);
  expect(seen?.every404).toBe(true);
  const line = noRouteWarning(seen!);
  expect(line.message).toMatch(/^every answer to getWhatsAppSyncStatus \(GET [^)]+\) and startWhatsAppContactsSync \(POST [^)]+\) was 404 \(3 and 3 answers\)/);
  expect(line.message).toContain('does not serve these routes');
  expect(line.message).toContain("is the base URL the API's root?");
});

test('one answer of another status, no request without credentials or none with the key, or fewer than three answers: nothing said', () => {
  expect(tallied(contacts(404), contacts(404, 'none'), contacts(401, 'none'), contacts(404)).unrouted()).toBeUndefined();
  expect(tallied(contacts(404), contacts(404), contacts(404)).unrouted()).toBeUndefined();
  expect(tallied(contacts(404, 'none'), contacts(404, 'none'), contacts(404, 'wrong-key')).unrouted()).toBeUndefined();
  expect(tallied(contacts(404), contacts(404, 'none')).unrouted()).toBeUndefined();
  // Another method on the operation's path (a probe's GET, HEAD or OPTIONS) is not the operation's answer.
  expect(tallied(answer('GET', '/v1/senders/a/whatsapp-sync/contacts', 404), answer('OPTIONS', '/v1/senders/a/whatsapp-sync/contacts', 404, 'none'), answer('HEAD', '/v1/senders/a/whatsapp-sync/contacts', 404)).unrouted()).toBeUndefined();
});

test('a served route that looks the sender up before authenticating: every answer 404 to ids the target does not know, with the key and without, is no route unserved', () => {
  // A shard or --operation run of a start's unknown-id and negative-input cases, without the start
  // to a sender the target knows: the route is served, and the cases' reading ("looked up before
  // authenticating") is the right one; the run must not say it likely comes from a route not served.
  expect(tallied(read(200), read(401, 'none'), contacts(404, 'valid', 'snd_zz'), contacts(404, 'none', 'snd_zz'), contacts(404, 'valid', 'snd_yy')).unrouted()).toBeUndefined();
  // The same answers, and one 404 to a sender a read with the key found: that one the route does not serve.
  expect(tallied(read(200), contacts(404, 'valid', 'snd_zz'), contacts(404, 'none', 'snd_zz'), contacts(404, 'valid', 'snd_yy'), contacts(404, 'valid', 'snd_a')).unrouted()?.routes.map((r) => r.operationId)).toEqual(['startWhatsAppContactsSync']);
  // A 404 to that sender with another project's key is its due (a sender of another project is not found): no sign.
  expect(tallied(read(200), contacts(404, 'other-project-key'), contacts(404, 'none', 'snd_zz'), contacts(404, 'valid', 'snd_yy')).unrouted()).toBeUndefined();
  // Found after the start's 404 (the order of the cases) counts alike; found without the key, or refused, does not.
  expect(tallied(contacts(404), contacts(404, 'none', 'snd_zz'), contacts(404, 'valid', 'snd_yy'), read(200)).unrouted()).toBeDefined();
  expect(tallied(contacts(404), contacts(404, 'none', 'snd_zz'), contacts(404, 'valid', 'snd_yy'), read(200, 'none')).unrouted()).toBeUndefined();
});

test('a base URL with a path prefix: the request\'s path is the operation\'s own from the root (the prefix is in its URL only), a query aside', () => {
  // build-request.ts: `path` is the filled template (and query) as sent after the base URL's path; `url` holds the prefix.
  const prefixed = (status: number, auth: AuthVariant): Exchange => ({ ...contacts(status, auth), request: { ...contacts(status, auth).request, url: 'http://127.0.0.1/api/v1/senders/snd_a/whatsapp-sync/contacts?zvc=1', path: '/v1/senders/snd_a/whatsapp-sync/contacts?zvc=1' } });
  expect(tallied(prefixed(404, 'valid'), prefixed(404, 'none'), prefixed(404, 'valid'), read(200)).unrouted()?.routes.map((r) => r.operationId)).toEqual(['startWhatsAppContactsSync']);
});

test('a template that is the tail of another\'s does not take that operation\'s answers: each path is matched from its first segment, the most literal template first', () => {
  // Matched at the end of the path alone, POST /contacts took every answer of the start ahead of it
  // (plan order): the start's 401 without credentials hid the unserved /contacts, and the start was never tallied.
  const tail = { operationId: 'startContactsImport', method: 'POST' as const, pathTemplate: '/contacts' };
  const both = (...exchanges: Exchange[]): RouteTally => {
    const tally = new RouteTally([tail, ...operations]);
    for (const exchange of exchanges) tally.note(exchange);
    return tally;
  };
  const served = [contacts(202), contacts(401, 'none'), contacts(404, 'valid', 'snd_zz')];
  const unserved = [answer('POST', '/contacts', 404), answer('POST', '/contacts', 404, 'none'), answer('POST', '/contacts?zvc=1', 404)];
  expect(both(...served, ...unserved).unrouted()?.routes.map((r) => r.operationId)).toEqual(['startContactsImport']);
  // And the start's own 404s are the start's: named, not folded into /contacts.
  const start404 = [contacts(404), contacts(404, 'none'), contacts(404, 'valid', 'snd_zz')];
  expect(both(read(200), ...start404, answer('POST', '/contacts', 202), answer('POST', '/contacts', 401, 'none')).unrouted()?.routes.map((r) => r.operationId)).toEqual(['startWhatsAppContactsSync']);
  // A literal segment where another template has a parameter: the path is the literal one's, whichever the plan lists first.
  const sender = new RouteTally([{ operationId: 'getSender', method: 'GET', pathTemplate: '/v1/senders/{senderId}' }, { operationId: 'getOwnSender', method: 'GET', pathTemplate: '/v1/senders/me' }]);
  for (const exchange of [answer('GET', '/v1/senders/snd_a', 200), answer('GET', '/v1/senders/snd_a', 401, 'none'), answer('GET', '/v1/senders/me', 404), answer('GET', '/v1/senders/me', 404, 'none'), answer('GET', '/v1/senders/me', 404)]) sender.note(exchange);
  expect(sender.unrouted()?.routes.map((r) => r.operationId)).toEqual(['getOwnSender']);
  // A query that holds another operation's path is no request of it.
  expect(both(...served, answer('POST', '/x?next=/contacts', 404), answer('POST', '/x?next=/contacts', 404, 'none'), answer('POST', '/x?next=/contacts', 404)).unrouted()).toBeUndefined();
});

test('a half-done mock answering its starts 501 (a generated stub) or 405 (the path routed for another method): named with the statuses seen', () => {
  const stub = tallied(read(200), read(401, 'none'), contacts(501), contacts(501, 'none'), contacts(501, 'valid', 'snd_zz'))?.unrouted();
  expect(stub?.routes).toEqual([{ operationId: 'startWhatsAppContactsSync', route: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts', answers: 3, statuses: [501] }]);
  const line = noRouteWarning(stub!);
  expect(line.message).toMatch(/^every answer to startWhatsAppContactsSync \(POST [^)]+\) was 501 \(3 answers\), with the key and without credentials: /);
  // The cases' readings quoted are a 404's: not said of a 501.
  expect(line.message).not.toContain('looked up before authenticating');
  const mixed = tallied(read(200), read(401, 'none'), contacts(405), contacts(405, 'none'), contacts(404, 'valid', 'snd_zz'))?.unrouted();
  expect(mixed?.routes[0]?.statuses).toEqual([404, 405]);
  expect(noRouteWarning(mixed!).message).toMatch(/ was 404 or 405 \(3 answers\), /);
  // A served route's own refusals are no such status: one 400 or 401 among them, and nothing is said.
  expect(tallied(contacts(501), contacts(401, 'none'), contacts(501)).unrouted()).toBeUndefined();
  expect(tallied(contacts(405), contacts(405, 'none'), contacts(400)).unrouted()).toBeUndefined();
});

test('a half-done mock on node:http: the 431 (or 414) its server sends a negative input\'s long id before any route is reached says nothing of the route', () => {
  // node:http answers a request line or head past its 16 KiB limit 431 itself, before the mock's
  // handler: a long hostile id of the negative property got it on the unserved start's path, which
  // counted as "another status" and hid the no-route line the half-done mock was owed.
  const seen = tallied(read(200), read(401, 'none'), contacts(404), contacts(404, 'none'), contacts(431, 'valid', 'é'.repeat(3000)), contacts(414, 'valid', 'x'.repeat(9000)), contacts(404, 'valid', 'snd_zz'))?.unrouted();
  expect(seen?.routes).toEqual([{ operationId: 'startWhatsAppContactsSync', route: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts', answers: 3, statuses: [404] }]);
  // Nor do they make a run of 404s anything but one: the base URL stays the likelier cause.
  expect(tallied(read(404), read(404, 'none'), read(431), read(404), contacts(404), contacts(404, 'none'), contacts(404)).unrouted()?.every404).toBe(true);
  // They count for no route either: three 431s are not a route unserved.
  expect(tallied(read(200), contacts(431), contacts(431, 'none'), contacts(414)).unrouted()).toBeUndefined();
});
