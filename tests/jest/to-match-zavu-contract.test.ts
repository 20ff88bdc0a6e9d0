/**
 * toMatchZavuContract on real answers of the reference server, in every shape a user's client
 * hands back (fetch read, axios, pactum, plain), and on broken answers: each broken one must fail
 * for the suite's own check, with its JSON pointer and received vs expected.
 */
import { ConformanceError } from '../../src/model/errors';
import { expectUsageMistakes } from '../support/thrown-message';
import { spec } from 'pactum';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { zavuMatchers } from '../../src/jest';
import { allChecks } from '../../src/checks/registry';
import { CONTRACT_CHECKS } from '../../src/jest/judge-response';

expect.extend(zavuMatchers);

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

const syncPath = (senderId: string): string => `${server.baseUrl}/v1/senders/${senderId}/whatsapp-sync`;
const auth = (): Record<string, string> => ({ authorization: `Bearer ${server.apiKey}` });

async function read(url: string, headers: Record<string, string> = auth()): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** A 200 answer of the operation with one field changed: what a broken server would send. */
const validStatus = { isCoexistence: true, status: 'active', history: { status: 'not_requested', canSync: true, requestedAt: null }, contacts: { status: 'not_requested', canSync: true } };
const json = { 'content-type': 'application/json' };

/** The failure message of a matcher call that must fail. */
function failureOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the matcher passed');
}

test('real answers of every documented status match, in the shape fetch gives', async () => {
  expect(await read(syncPath(server.senders.coexistence[0] ?? ''))).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 });
  expect(await read(syncPath(server.senders.noWaba))).toMatchZavuContract('getWhatsAppSyncStatus', { status: 400 });
  expect(await read(syncPath('snd_nope'))).toMatchZavuContract('getWhatsAppSyncStatus', { status: 404 });
  expect(await read(syncPath(server.senders.noWaba), {})).toMatchZavuContract('getWhatsAppSyncStatus', { status: 401 });
});

test("pactum's response object and an axios-shaped { status, headers, data } match", async () => {
  const response: unknown = await spec().get(syncPath(server.senders.syncable)).withHeaders(auth()).toss();
  expect(response).toMatchZavuContract('getWhatsAppSyncStatus');
  // axios hands back AxiosHeaders: its own properties are the headers, toJSON() the plain object.
  class AxiosLikeHeaders {
    constructor(values: Record<string, string>) {
      Object.assign(this, values);
    }
    toJSON(): Record<string, string> {
      return { ...this } as unknown as Record<string, string>;
    }
  }
  expect({ status: 200, headers: new AxiosLikeHeaders({ 'Content-Type': 'application/json; charset=utf-8' }), data: validStatus }).not.toMatchZavuContract('getWhatsAppSyncStatus');
  expect({ status: 200, headers: new AxiosLikeHeaders({ 'Content-Type': 'application/json; charset=utf-8' }), data: { sync: validStatus } }).toMatchZavuContract('getWhatsAppSyncStatus');
});

test("got's response and HTTPError, and supertest's response (its text, not the {} it parses a non-JSON body to), are judged as sent", async () => {
  const answer = await fetch(syncPath('snd_nope'), { headers: auth() });
  const headers = Object.fromEntries(answer.headers);
  const text = await answer.text();
  // got: { statusCode, headers, body } with the body as text; a 4xx is thrown as an HTTPError holding it.
  const gotResponse = { statusCode: 404, headers, body: text };
  expect(gotResponse).toMatchZavuContract('getWhatsAppSyncStatus', { status: 404 });
  expect(Object.assign(new Error('Response code 404 (Not Found)'), { name: 'HTTPError', response: gotResponse })).toMatchZavuContract('getWhatsAppSyncStatus', { status: 404 });
  // supertest: a JSON answer parsed in body, the same bytes in text.
  expect({ status: 404, headers, body: JSON.parse(text) as unknown, text }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 404 });
  // An HTML page under a JSON type: supertest's body is {}, which would be judged as JSON; the text is what came.
  const html = '<html><body>Not found</body></html>';
  const message = failureOf(() => expect({ status: 404, headers: { 'content-type': 'application/json' }, body: {}, text: html }).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(message).toContain('[json-body]');
});

test('a body as text, extra properties and OpenAPI nullable are judged as the suite judges them', () => {
  const body = { sync: { ...validStatus, extra: 'allowed', history: { ...validStatus.history, completedAt: null } } };
  expect({ status: 200, headers: json, body: JSON.stringify(body) }).toMatchZavuContract('getWhatsAppSyncStatus');
  expect({ status: 200, headers: json, body: Buffer.from(JSON.stringify(body)) }).toMatchZavuContract('getWhatsAppSyncStatus');
});

test('a body that breaks the schema fails with the check, the pointer, received and expected', () => {
  const message = failureOf(() => expect({ status: 200, headers: json, body: { sync: { ...validStatus, status: 'bogus' } } }).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(message).toContain('[response-schema]');
  expect(message).toContain('at /sync/status');
  expect(message).toContain('Received: "bogus" / Expected: must be equal to one of the allowed values');
  expect(message).toContain('GET /v1/senders/{senderId}/whatsapp-sync');
});

test('a date-time without a time zone is not RFC 3339', () => {
  const body = { sync: { ...validStatus, history: { ...validStatus.history, requestedAt: '2026-01-02T03:04:05' } } };
  const message = failureOf(() => expect({ status: 200, headers: json, body }).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(message).toMatch(/\[response-schema\].*at \/sync\/history\/requestedAt/);
  expect(message).toContain('date-time');
});

test.each([
  ['an undocumented status', { status: 418, headers: json, body: {} }, 'status-code-documented', 'Received: 418'],
  ['an HTML error page', { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>nope</h1>' }, 'content-type', 'Content-Type text/html'],
  ['a body that is not JSON', { status: 200, headers: json, body: '{"sync":' }, 'json-body', 'is not valid JSON'],
  ['an Error body without its code', { status: 404, headers: json, body: { message: 'Sender not found' } }, 'response-schema', "must have required property 'code'"],
])('%s fails with %s', (_name, response, check, mentions) => {
  const message = failureOf(() => expect(response).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(message).toContain(`[${check}]`);
  expect(message).toContain(mentions);
});

test('options.status requires that status, with the suite status check', async () => {
  const notFound = await read(syncPath('snd_nope'));
  expect(notFound).toMatchZavuContract('getWhatsAppSyncStatus');
  const message = failureOf(() => expect(notFound).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 }));
  expect(message).toContain('[status-code-expected] Expected status 200, received 404');
});

test('.not passes for a broken answer and fails for a good one', async () => {
  expect({ status: 418, headers: json, body: {} }).not.toMatchZavuContract('getWhatsAppSyncStatus');
  const good = await read(syncPath(server.senders.syncable));
  expect(failureOf(() => expect(good).not.toMatchZavuContract('getWhatsAppSyncStatus'))).toContain('honours the contract');
});

test('a mistake in the test is an error whatever .not says: unknown operation, unread fetch Response, not a response', async () => {
  expect(() => expect({ status: 200, headers: json, body: {} }).not.toMatchZavuContract('getWhatsappSyncStatus')).toThrow(/^toMatchZavuContract: no Zavu operation "getWhatsappSyncStatus" \(did you mean getWhatsAppSyncStatus\? there are: getWhatsAppSyncStatus, /);
  const res = await fetch(syncPath('snd_nope'), { headers: auth() });
  expect(() => expect(res).not.toMatchZavuContract('getWhatsAppSyncStatus')).toThrow(/body: await res\.json\(\)/);
  await res.arrayBuffer();
  expect(() => expect('200 OK').not.toMatchZavuContract('getWhatsAppSyncStatus')).toThrow(/expected a response object/);
  expect(() => expect({ headers: json }).not.toMatchZavuContract('getWhatsAppSyncStatus')).toThrow(/received no HTTP status/);
  expect(() => expect({ status: 200, headers: json, body: {} }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 2000 })).toThrow(/integer from 100 to 599/);
  // A status given as a string reads as one, not as the number it looks like.
  expect(() => expect({ status: 200, headers: json, body: {} }).toMatchZavuContract('getWhatsAppSyncStatus', { status: '404' as unknown as number })).toThrow(/integer from 100 to 599, received "404"$/);
});

test('a fetch Response whose body the test already read is told so: the message never asks for a second res.json(), which would throw', async () => {
  const res = await fetch(syncPath(server.senders.syncable), { headers: auth() });
  const body = (await res.json()) as unknown;
  const said = failureOf(() => expect(res).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(said).toBe('toMatchZavuContract: received a fetch Response whose body was already read (res.bodyUsed): pass the body you read, { status: res.status, headers: res.headers, body }');
  expect(failureOf(() => expect(res).toBeZavuError(404))).toContain('Not a Zavu error answer: received a fetch Response whose body was already read (res.bodyUsed)');
  expect({ status: res.status, headers: res.headers, body }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 });
});

test('a response not awaited is named as a Promise, not as an object without a status', async () => {
  const pending = fetch(syncPath(server.senders.syncable), { headers: auth() });
  expect(() => expect(pending).toMatchZavuContract('getWhatsAppSyncStatus')).toThrow(/received a Promise, not a response: await it first/);
  expect(failureOf(() => expect(pending).toBeZavuError(404))).toMatch(/received a Promise, not a response: await it first/);
  await (await pending).arrayBuffer();
});

test('a status given positionally or under another name fails the test instead of being ignored (a 200 passed a test written to require 404)', () => {
  const ok = { status: 200, headers: json, body: { sync: { isCoexistence: true, status: 'active' } } };
  const positional = () => (expect(ok) as unknown as { toMatchZavuContract(op: string, status: number): void }).toMatchZavuContract('getWhatsAppSyncStatus', 404);
  expect(positional).toThrow('toMatchZavuContract: the status goes in the options, { status: 404 }, not on its own');
  expect(() => expect(ok).toMatchZavuContract('getWhatsAppSyncStatus', { statusCode: 404 } as never)).toThrow('toMatchZavuContract: the options take only { status? }, not "statusCode"');
  expect(() => expect(ok).toMatchZavuContract('getWhatsAppSyncStatus', null as never)).toThrow(/the options must be \{ status\? \}, received object/);
});

test('the matchers run the suite checks themselves, not copies of them', () => {
  for (const check of CONTRACT_CHECKS) expect(allChecks).toContain(check);
});

test('an operationId that is no string is named as such, not as an operation called "undefined"', () => {
  const ok = { status: 200, headers: json, body: {} };
  const untyped = expect(ok) as unknown as { toMatchZavuContract(...args: unknown[]): void };
  expect(() => untyped.toMatchZavuContract()).toThrow(/^toMatchZavuContract: the operationId must be a string \(one of getWhatsAppSyncStatus, .*\), received nothing$/);
  expect(() => untyped.toMatchZavuContract(42)).toThrow(/the operationId must be a string .*, received 42$/);
});

test('what a target sent, handed to the matcher in place of a response, is shown cut and escaped', () => {
  // expect(await res.text()) and expect(await res.json()): the body itself, whatever its size and bytes.
  const text = `\u001b[2J${'z'.repeat(100_000)}`;
  const asText = failureOf(() => expect(text).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(asText.length).toBeLessThan(400);
  expect(asText).toContain('\\u001b[2J');
  expect(asText).not.toContain('\u001b');
  expect(asText).toContain('(a string of 100004 chars)');
  const parsed = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`\u001b[31mk${i}`, i]));
  const asObject = failureOf(() => expect(parsed).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(asObject.length).toBeLessThan(600);
  expect(asObject).not.toContain('\u001b');
  expect(asObject).toContain('… (5000 keys)');
  // An error whose message quotes the body it could not parse (a client's parse error).
  const parseError = new SyntaxError(`Unexpected token in JSON: \u001b]0;title\u0007${'<p>'.repeat(50_000)}`);
  const asError = failureOf(() => expect(parseError).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(asError.length).toBeLessThan(500);
  expect(asError).not.toMatch(/[\u0007\u001b]/);
  // An operationId the test built is echoed bounded too.
  expect(failureOf(() => expect({ status: 200, headers: json, body: {} }).toMatchZavuContract('x'.repeat(10_000))).length).toBeLessThan(400);
});

test("a required status that did not come says what came instead, not the suite's guesses about its configured sender and key", () => {
  // The suite's check tells a run to "check the configured sender id" or "set ZAVU_SENDER_UNKNOWN": settings a user's test does not have.
  const refused = { status: 400, headers: json, body: { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' } };
  const message = failureOf(() => expect(refused).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 }));
  expect(message).toContain('[status-code-expected] Expected status 200, received 400');
  expect(message).toContain('Received: 400 (the Error bad_request: Sender does not have a WhatsApp Business Account connected) / Expected: 200 because the test asked for it ({ status })');
  expect(message).not.toMatch(/ZAVU_|configured/);
  const unauthorized = failureOf(() => expect({ status: 401, headers: json, body: { code: 'unauthorized', message: 'Invalid API key' } }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 }));
  expect(unauthorized).toContain('Received: 401 (the Error unauthorized: Invalid API key)');
  expect(unauthorized).not.toMatch(/ZAVU_|configured/);
  const page = failureOf(() => expect({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 }));
  expect(page).toContain('Received: 502 (a text/html body) / Expected: 200');
  // A redirect is told by where it pointed (not followed), that address shown cut and inert.
  const moved = failureOf(() => expect({ status: 302, headers: { Location: `https://login.example/\u001b[2J${'x'.repeat(500)}` }, body: '' }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 }));
  expect(moved).toContain('Received: 302 (a redirect (not followed) to https://login.example/\\u001b[2Jxxx');
  expect(moved).not.toContain('\u001b');
  expect(moved).not.toContain('x'.repeat(400));
  // An Error's message that held a JSON "\\udc00" (a lone surrogate once parsed) shows it as that escape, not as U+FFFD.
  const lone = failureOf(() => expect({ status: 400, headers: json, body: '{"code":"bad_request","message":"no \\udc00 sender"}' }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 }));
  expect(lone).toContain('Received: 400 (the Error bad_request: no \\udc00 sender)');
});

test('an answer that quotes a key (a 401 echoing it, a debug field) fails without it: every word shaped like a Zavu key is redacted', () => {
  const key = 'zv_test_fedcba9876543210fedcba9876543210';
  const echoed = { status: 401, headers: json, body: { code: 'unauthorized', message: `Invalid API key ${key}` } };
  const status = failureOf(() => expect(echoed).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 }));
  expect(status).toContain('Received: 401 (the Error unauthorized: Invalid API key [REDACTED]) / Expected: 200 because the test asked for it ({ status })');
  // A schema failure quotes the value at its pointer: a 200 whose field holds the key.
  const schema = failureOf(() => expect({ status: 200, headers: json, body: { sync: { ...validStatus, status: key } } }).toMatchZavuContract('getWhatsAppSyncStatus'));
  expect(schema).toMatch(/at \/sync\/status\n\s+Received: "\[REDACTED\]"/);
  for (const message of [status, schema]) expect(message).not.toContain('fedcba98');
});

test("a mistake in the test rejects as the library's UsageError (a ConformanceError, exit code 2), its words as before: a caller tells it from a failed assertion by class", () => {
  const ok = { status: 200, headers: json, body: {} };
  const untyped = (received: unknown): { toMatchZavuContract(...args: unknown[]): void } => expect(received) as unknown as { toMatchZavuContract(...args: unknown[]): void };
  const mistakes: [string, () => void][] = [
    ['unknown operation', () => untyped(ok).toMatchZavuContract('getWhatsappSyncStatus')],
    ['operationId not a string', () => untyped(ok).toMatchZavuContract(42)],
    ['status out of range', () => untyped(ok).toMatchZavuContract('getWhatsAppSyncStatus', { status: 2000 })],
    ['status positional', () => untyped(ok).toMatchZavuContract('getWhatsAppSyncStatus', 404)],
    ['options not an object', () => untyped(ok).toMatchZavuContract('getWhatsAppSyncStatus', null)],
    ['options misspelt', () => untyped(ok).toMatchZavuContract('getWhatsAppSyncStatus', { statusCode: 404 })],
    ['not a response', () => untyped('200 OK').toMatchZavuContract('getWhatsAppSyncStatus')],
  ];
  expectUsageMistakes(mistakes, /^toMatchZavuContract: /);
  // A contract the answer breaks is Jest's own assertion failure, never a UsageError.
  let failed: unknown;
  try {
    expect({ status: 418, headers: json, body: {} }).toMatchZavuContract('getWhatsAppSyncStatus');
  } catch (error) {
    failed = error;
  }
  expect(failed).toBeInstanceOf(Error);
  expect(failed).not.toBeInstanceOf(ConformanceError);
});
