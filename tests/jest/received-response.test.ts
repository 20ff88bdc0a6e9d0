import { headersOf } from '../../src/jest/received-response';

test('a header named constructor or __proto__ is read as the header it is, not through Object.prototype', () => {
  // A fetch Headers hands names as the server sent them: "constructor" was joined to Object's own
  // ("function Object() { [native code] }, evil"), and "__proto__" set no property at all.
  const sent = new Headers([['Constructor', 'evil'], ['__proto__', 'polluted'], ['content-type', 'application/json']]);
  const headers = headersOf(sent);
  expect(Object.entries(headers)).toEqual(expect.arrayContaining([['constructor', 'evil'], ['__proto__', 'polluted'], ['content-type', 'application/json']]));
  expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
});

test("headers as [name, value] pairs (fetch's HeadersInit) are read as the headers they are, not as headers named 0, 1, …", () => {
  // Read as a plain object, the pairs became "0: content-type, application/json": the matcher then
  // said the answer had no Content-Type, a fault of the target's that the test had not seen.
  expect(headersOf([['Content-Type', 'application/json'], ['x-a', '1'], ['X-A', '2']])).toEqual({ 'content-type': 'application/json', 'x-a': '1, 2' });
  // Anything else in the list is no header: left out, as an undefined value is.
  expect(headersOf([['x-b', '1'], 'stray', ['only-a-name'], null])).toEqual({ 'x-b': '1' });
});

test('a Map given as headers is read by its forEach, as fetch Headers are; a name that is no string is no header, not a TypeError', () => {
  // A Map's forEach gives its keys as they are: a number or a symbol threw "name.toLowerCase is not a function" from the matcher.
  expect(headersOf(new Map<unknown, string>([['Content-Type', 'application/json'], [1, 'x'], [Symbol('s'), 'y']]))).toEqual({ 'content-type': 'application/json' });
});

describe('the official SDK .withResponse() result', () => {
  // Real answers of the reference server through the real SDK: the shape is the SDK's, not a guess.
  const { Zavudev } = require('@zavudev/sdk') as typeof import('@zavudev/sdk');
  const { startReferenceServer } = require('../../src/reference-server') as typeof import('../../src/reference-server');
  const { zavuMatchers } = require('../../src/jest') as typeof import('../../src/jest');
  expect.extend(zavuMatchers);
  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  beforeAll(async () => {
    server = await startReferenceServer({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.close());

  test('is named with what to pass instead, by both matchers; what the message says to pass is judged', async () => {
    const client = new Zavudev({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0, timeout: 3000, logLevel: 'off' });
    const result = await client.senders.whatsappSync.retrieve(server.senders.syncable).withResponse();
    const said = /received an object with keys data, response, the official SDK's \.withResponse\(\): pass \{ status: response\.status, headers: response\.headers, body: data \}/;
    expect(() => expect(result).toMatchZavuContract('getWhatsAppSyncStatus')).toThrow(said);
    expect(() => expect(result).toBeZavuError(404)).toThrow(said);
    const { data, response } = result;
    expect({ status: response.status, headers: response.headers, body: data }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 });
  });
});
