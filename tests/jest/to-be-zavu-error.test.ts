/**
 * toBeZavuError on what the official SDK throws against the reference server, on raw responses,
 * and on error answers that break the contract (served by a fault of the reference server).
 */
import { expectUsageMistakes } from '../support/thrown-message';
import { APIConnectionError, Zavudev } from '@zavudev/sdk';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { zavuMatchers } from '../../src/jest';

expect.extend(zavuMatchers);

let server: ReferenceServer;
/** Answers every request to snd_broken with a 400 whose body lacks the Error schema's `code`. */
let broken: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
  broken = await startReferenceServer({
    fault: ({ senderId }) => (senderId === 'snd_broken' ? { status: 400, headers: { 'content-type': 'application/json' }, body: '{"message":"bad"}' } : undefined),
  });
});
afterAll(async () => {
  await server.close();
  await broken.close();
});

const client = (target: ReferenceServer, baseURL = target.baseUrl): Zavudev => new Zavudev({ apiKey: target.apiKey, baseURL, maxRetries: 0, timeout: 5000 });

/** The failure message of a matcher call that must fail. */
function failureOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the matcher passed');
}

async function thrown(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call did not throw');
}

test("the SDK's BadRequestError, NotFoundError and AuthenticationError are documented Zavu errors", async () => {
  await expect(client(server).senders.whatsappSync.retrieve(server.senders.noWaba)).rejects.toBeZavuError(400);
  await expect(client(server).senders.whatsappSync.retrieve('snd_nope')).rejects.toBeZavuError(404, 'getWhatsAppSyncStatus');
  const wrongKey = new Zavudev({ apiKey: 'zv_test_wrong', baseURL: server.baseUrl, maxRetries: 0 });
  await expect(wrongKey.senders.whatsappSync.retrieve(server.senders.syncable)).rejects.toBeZavuError(401);
  // A start refused for a sender without a WABA: an error of the write operation.
  await expect(client(server).senders.whatsappSync.startHistorySync(server.senders.noWaba)).rejects.toBeZavuError(400, 'startWhatsAppHistorySync');
});

test('another status fails with the status check', async () => {
  const error = await thrown(client(server).senders.whatsappSync.retrieve('snd_nope'));
  expect(error).not.toBeZavuError(400);
  expect(() => expect(error).toBeZavuError(400)).toThrow(/\[status-code-expected\] Expected status 400, received 404/);
});

test('an error body that breaks the Error schema fails with the schema check and pointer', async () => {
  const error = await thrown(client(broken).senders.whatsappSync.retrieve('snd_broken'));
  expect(() => expect(error).toBeZavuError(400)).toThrow(/\[response-schema\] The 400 body does not match the Error schema\n\s+Received: {"message":"bad"} \/ Expected: must have required property 'code'/);
});

test('a connection error is not a Zavu error', async () => {
  const closed = await startReferenceServer();
  await closed.close();
  const error = await thrown(client(server, closed.baseUrl).senders.whatsappSync.retrieve('snd_nope'));
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(error).not.toBeZavuError(404);
  expect(() => expect(error).toBeZavuError(404)).toThrow(/Not a Zavu error answer: received no HTTP status \(APIConnectionError/);
});

test("fetch's own connection failure (a TypeError from outside Jest's sandbox) is named, with its cause", async () => {
  const closed = await startReferenceServer();
  await closed.close();
  const error = await fetch(`${closed.baseUrl}/v1/senders/snd_nope/whatsapp-sync`).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(() => expect(error).toBeZavuError(404)).toThrow(/received no HTTP status \(TypeError: fetch failed \(ECONNREFUSED: no answer, a connection failure\)\)/);
});

test('raw responses are judged alike; a success is not an error', async () => {
  const res = await fetch(`${server.baseUrl}/v1/senders/snd_nope/whatsapp-sync`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  expect({ status: res.status, headers: res.headers, body: await res.json() }).toBeZavuError(404);
  expect({ status: 200, headers: { 'content-type': 'application/json' }, body: {} }).not.toBeZavuError(404);
  expect(() => expect({ status: 404, headers: {}, body: {} }).toBeZavuError(200)).toThrow(/200 is not an error status/);
  expect(() => expect({ status: 418, headers: {}, body: {} }).toBeZavuError(418)).toThrow(/No Zavu operation documents the status 418/);
  // A misspelt operation names the matcher it was given to, as its other refusals do.
  expect(() => expect({ status: 404, headers: {}, body: {} }).toBeZavuError(404, 'getWhatsappSyncStatus')).toThrow(/^toBeZavuError: no Zavu operation "getWhatsappSyncStatus"/);
  const untyped = expect({ status: 404, headers: {}, body: {} }) as unknown as { toBeZavuError(status: number, operationId: unknown): void };
  expect(() => untyped.toBeZavuError(404, 5)).toThrow(/^toBeZavuError: the operationId must be a string \(one of .*\), received 5$/);
  // A status of another type is named bounded and inert, as the operationId is: never a TypeError of
  // its own (an object without a prototype has no string form), never an array's every element.
  const status = (value: unknown): string => failureOf(() => (expect({ status: 404, headers: {}, body: {} }) as unknown as { toBeZavuError(status: unknown): void }).toBeZavuError(value));
  expect(status(Object.create(null))).toBe('toBeZavuError: the status must be an integer from 100 to 599, received {} (object)');
  const huge = status([`\u001b[2J${'4'.repeat(100_000)}`]);
  expect(huge).toMatch(/^toBeZavuError: the status must be an integer from 100 to 599, received \["\\u001b\[2J4+…?.* \(object\)$/);
  expect(huge).not.toContain('\u001b');
  expect(huge.length).toBeLessThan(300);
  expect(status(10n ** 5000n)).toMatch(/^toBeZavuError: the status must be an integer from 100 to 599, received 1000+….*\(bigint\)$/);
  expect(status(10n ** 5000n).length).toBeLessThan(300);
  expect(status(undefined)).toBe('toBeZavuError: the status must be an integer from 100 to 599, received undefined (undefined)');
  expect(status(null)).toBe('toBeZavuError: the status must be an integer from 100 to 599, received null (null)');
});

test("another error status than the one expected is told by the Error it carries, without the suite's advice for its own runs", () => {
  // The suite's story for 400-instead-of-404 ends "set ZAVU_SENDER_UNKNOWN": a run setting, meaningless in a user's test.
  const refused = { status: 400, headers: { 'content-type': 'application/json' }, body: { code: 'bad_request', message: 'Sync is only available for coexistence accounts' } };
  const message = failureOf(() => expect(refused).toBeZavuError(404));
  expect(message).toContain('Received: 400 (the Error bad_request: Sync is only available for coexistence accounts) / Expected: 404 because the test expects that error');
  expect(message).not.toMatch(/ZAVU_|configured|another project/);
  const served = failureOf(() => expect({ status: 200, headers: { 'content-type': 'application/json' }, body: { sync: {} } }).toBeZavuError(404));
  expect(served).toContain('Received: 200 (a JSON body (application/json)) / Expected: 404');
});

test('a success the contract documents, handed to toBeZavuError, is told as the body it is, never as an Error with an undefined code', async () => {
  // The 200 validates against the schema documented for its status: that made it pass for "the documented Error" before.
  const res = await fetch(`${server.baseUrl}/v1/senders/${server.senders.coexistence[0]}/whatsapp-sync`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  const success = { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
  expect(success).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 });
  const served = failureOf(() => expect(success).toBeZavuError(404));
  expect(served).toContain('Received: 200 (a JSON body (application/json)) / Expected: 404 because the test expects that error');
  expect(served).not.toContain('undefined');
  // toMatchZavuContract asking for an error status says the same of the success that came.
  const asked = failureOf(() => expect(success).toMatchZavuContract('getWhatsAppSyncStatus', { status: 404 }));
  expect(asked).toContain('Received: 200 (a JSON body (application/json)) / Expected: 404');
});

test("axios' thrown error is judged by its response; a status as text, or a body that is no JSON data, is named, not a TypeError", async () => {
  const res = await fetch(`${server.baseUrl}/v1/senders/snd_nope/whatsapp-sync`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  const axiosError = Object.assign(new Error('Request failed with status code 404'), { isAxiosError: true, response: { status: 404, headers: Object.fromEntries(res.headers), data: await res.json() } });
  expect(axiosError).toBeZavuError(404);
  expect(() => expect({ status: '404', headers: {}, body: {} }).toBeZavuError(404)).toThrow(/received the HTTP status as text \("404"\): it must be a number/);
  const circular: Record<string, unknown> = { message: 'x' };
  circular['self'] = circular;
  expect(() => expect({ status: 404, headers: { 'content-type': 'application/json' }, body: circular }).toBeZavuError(404)).toThrow(/received a body that is not JSON data \(Converting circular structure/);
});

test('a target that echoes the key it was sent never gets it into a failure message: every word shaped like a Zavu key is redacted', async () => {
  // A server that quotes the refused key in its 401 ("Invalid API key zv_live_…"): the SDK's error
  // carries it in its message and body, and a failing assertion would print it to the CI log.
  const key = 'zv_live_0123456789abcdef0123456789abcdef';
  const echoing = await startReferenceServer({
    fault: ({ authorization }) => ({ status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'unauthorized', message: `Invalid API key ${(authorization ?? '').replace('Bearer ', '')}` }) }),
  });
  try {
    const error = await thrown(new Zavudev({ apiKey: key, baseURL: echoing.baseUrl, maxRetries: 0 }).senders.whatsappSync.retrieve('snd_nope'));
    const message = failureOf(() => expect(error).toBeZavuError(404));
    expect(message).toContain('Received: 401 (the Error unauthorized: Invalid API key [REDACTED]) / Expected: 404');
    // The documented 401 passes: .not's message quotes no answer, and holds no key either.
    expect(failureOf(() => expect(error).not.toBeZavuError(401))).not.toContain('zv_live_');
    expect(message).not.toContain('0123456789abcdef');
  } finally {
    await echoing.close();
  }
  // An error with no status (a client's own, whose message quotes the request) is named without the key too.
  const refusal = failureOf(() => expect(new Error(`cannot send Authorization: Bearer ${key}`)).toBeZavuError(404));
  expect(refusal).toMatch(/received no HTTP status \(Error: cannot send Authorization: Bearer \[REDACTED\]\)/);
});

test('a key the answer quotes encoded (HTML references, \\u escapes, percent-encoded, Basic base64) never gets into a failure message either', () => {
  const key = 'zv_live_Qm7RxK2pLw9VnT4bHc8JdF3sYg6ZaE1u';
  const encodings = [
    [...key].map((c) => `&#${c.charCodeAt(0)};`).join(''),
    [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    [...Buffer.from(key)].map((b) => `%${b.toString(16).toUpperCase()}`).join(''),
    `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
  ];
  for (const encoded of encodings) {
    // As a test hands over what supertest or fetch read: the page a gateway's 401 is, as text.
    const message = failureOf(() => expect({ status: 401, headers: { 'content-type': 'text/html' }, body: `<p>Invalid credentials ${encoded}</p>` }).toBeZavuError(404));
    expect(message).toContain('[REDACTED]');
    expect({ encoded: encoded.slice(0, 12), leaked: [encoded.slice(60, 72), encoded.slice(-12)].filter((piece) => message.includes(piece)) }).toEqual({ encoded: encoded.slice(0, 12), leaked: [] });
  }
});

test("a mistake in the test rejects as the library's UsageError (a ConformanceError, exit code 2), its words as before", () => {
  const untyped = expect({ status: 404, headers: {}, body: {} }) as unknown as { toBeZavuError(...args: unknown[]): void };
  const mistakes: [string, () => void][] = [
    ['status not an integer', () => untyped.toBeZavuError('404')],
    ['not an error status', () => untyped.toBeZavuError(200)],
    ['unknown operation', () => untyped.toBeZavuError(404, 'getWhatsappSyncStatus')],
    ['operationId not a string', () => untyped.toBeZavuError(404, 5)],
  ];
  expectUsageMistakes(mistakes, /^toBeZavuError: /);
});
