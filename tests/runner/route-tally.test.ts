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
  expect(seen).toEqual({ routes: [{ operationId: 'startWhatsAppContactsSync', route: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts', answers: 3 }], every404: false });
  const line = noRouteWarning(seen!);
  expect(line.kind).toBe('no-route');
  expect(line.message).toMatch(/^every answer to startWhatsAppContactsSync \(POST \/v1\/senders\/\{senderId\}\/whatsapp-sync\/contacts\) was 404 \(3 answers\), with the key and without credentials: /);
  expect(line.message).toContain('the target likely does not serve this route');
  // What the cases said of those 404s is named, so a reader does not chase enumeration or the sender ids first.
  expect(line.message).toContain('looked up before authenticating');
  expect(line.message).toContain('does not know this sender');
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

test('a base URL with a path prefix: the operation is told by the end of the path, a query aside', () => {
  const prefixed = (status: number, auth: AuthVariant): Exchange => answer('POST', `/api/v1/senders/snd_a/whatsapp-sync/contacts?zvc=1`, status, auth);
  expect(tallied(prefixed(404, 'valid'), prefixed(404, 'none'), prefixed(404, 'valid'), read(200)).unrouted()?.routes.map((r) => r.operationId)).toEqual(['startWhatsAppContactsSync']);
});
