/**
 * The pactum expect handlers on real pactum specs: the reference server's answers pass, a broken
 * server's answers fail with the suite's own words (check, JSON pointer, received vs expected),
 * and the words are the Jest matchers' own, since both come from one verdict.
 */
import { AssertionError } from 'node:assert';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { handler, settings, spec } from 'pactum';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { registerZavuHandlers, ZAVU_EXPECT_HANDLERS } from '../../src/pactum';
import { toMatchZavuContract } from '../../src/jest/to-match-zavu-contract';
import { ConformanceError, UsageError } from '../../src/model/errors';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const execFileAsync = promisify(execFile);

let server: ReferenceServer;
let broken: Server;
let brokenUrl: string;

/** A 200 answer of getWhatsAppSyncStatus, valid but for what a route changes. */
const validStatus = { isCoexistence: true, status: 'active', history: { status: 'not_requested', canSync: true, requestedAt: null }, contacts: { status: 'not_requested', canSync: true } };

/** What the broken server answers, by path: each breaks one check. */
const routes: Record<string, { status: number; type: string; body: string }> = {
  '/wrong-schema': { status: 200, type: 'application/json', body: JSON.stringify({ sync: { ...validStatus, status: 'bogus' } }) },
  '/text': { status: 200, type: 'text/plain', body: 'OK' },
  '/json-string': { status: 200, type: 'application/json', body: '"ok"' },
  '/error-without-code': { status: 404, type: 'application/json', body: '{"message":"Sender not found"}' },
  // A 401 that quotes the key it refused, as some servers do.
  '/echo-key': { status: 401, type: 'application/json', body: '{"code":"unauthorized","message":"Invalid API key zv_live_0123456789abcdef0123456789abcdef"}' },
};

beforeAll(async () => {
  settings.setLogLevel('SILENT'); // pactum prints every failing spec's request and response
  server = await startReferenceServer();
  broken = createServer((req, res) => {
    const route = routes[req.url ?? ''] ?? { status: 500, type: 'text/plain', body: 'no such route' };
    res.writeHead(route.status, { 'content-type': route.type }).end(route.body);
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
  registerZavuHandlers(handler);
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => broken.close(resolve));
});

const syncPath = (senderId: string): string => `${server.baseUrl}/v1/senders/${senderId}/whatsapp-sync`;
const auth = (): Record<string, string> => ({ authorization: `Bearer ${server.apiKey}` });

/** The error of a spec that must fail. */
async function failureOf(run: PromiseLike<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the spec passed');
}

test('the reference server answers honour the contract and its documented errors', async () => {
  await spec().get(syncPath(server.senders.coexistence[0] ?? '')).withHeaders(auth()).expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', status: 200 });
  await spec().get(syncPath(server.senders.syncable)).withHeaders(auth()).expect('zavuContract', 'getWhatsAppSyncStatus');
  await spec().get(syncPath(server.senders.noWaba)).withHeaders(auth()).expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', status: 400 });
  await spec().get(syncPath('snd_nope')).withHeaders(auth()).expect('zavuError', 404);
  await spec().get(syncPath(server.senders.syncable)).expect('zavuError', { status: 401, operationId: 'getWhatsAppSyncStatus' });
});

test('a body that breaks the schema fails with an AssertionError: the check, the pointer, received and expected', async () => {
  const error = await failureOf(spec().get(`${brokenUrl}/wrong-schema`).expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', status: 200 }));
  expect(error).toBeInstanceOf(AssertionError);
  expect(error.message).toContain(`.expect('zavuContract', {"operationId":"getWhatsAppSyncStatus","status":200})`);
  expect(error.message).toContain('The 200 response breaks the contract of getWhatsAppSyncStatus (GET /v1/senders/{senderId}/whatsapp-sync)');
  expect(error.message).toMatch(/\[response-schema\].* at \/sync\/status\n\s+Received: "bogus" \/ Expected: must be equal to one of the allowed values/);
});

test.each([
  ['a text body', '/text', 'content-type', 'Content-Type text/plain'],
  // pactum hands back the JSON string "ok" parsed, unquoted: the bytes received are what is judged.
  ['a JSON string body', '/json-string', 'response-schema', 'Received: "ok"'],
])('%s at %s fails', async (_name, path, check, mentions) => {
  const error = await failureOf(spec().get(`${brokenUrl}${path}`).expect('zavuContract', 'getWhatsAppSyncStatus'));
  expect(error.message).toContain(`[${check}]`);
  expect(error.message).toContain(mentions);
});

test('a documented answer with another status fails the status the spec requires', async () => {
  const error = await failureOf(spec().get(syncPath('snd_nope')).withHeaders(auth()).expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', status: 200 }));
  expect(error.message).toContain('[status-code-expected] Expected status 200, received 404');
  const wrongError = await failureOf(spec().get(syncPath('snd_nope')).withHeaders(auth()).expect('zavuError', 401));
  expect(wrongError.message).toContain('[status-code-expected] Expected status 401, received 404');
});

test('an error answer without the Error schema fails zavuError, and a success is no error', async () => {
  const error = await failureOf(spec().get(`${brokenUrl}/error-without-code`).expect('zavuError', 404));
  expect(error).toBeInstanceOf(AssertionError);
  expect(error.message).toContain('The 404 answer is not a documented 404 error');
  expect(error.message).toContain("[response-schema]");
  expect(error.message).toContain("must have required property 'code'");
  const success = await failureOf(spec().get(syncPath(server.senders.syncable)).withHeaders(auth()).expect('zavuError', 404));
  expect(success.message).toContain('[status-code-expected] Expected status 404, received 200');
});

test("the handler's words are the Jest matcher's: one verdict behind both", async () => {
  const response: unknown = await spec().get(`${brokenUrl}/wrong-schema`).toss();
  const jest = toMatchZavuContract.call({}, response, 'getWhatsAppSyncStatus').message();
  const error = await failureOf(spec().get(`${brokenUrl}/wrong-schema`).expect('zavuContract', 'getWhatsAppSyncStatus'));
  const explanation = (message: string): string => message.slice(message.indexOf('\n\n'));
  expect(explanation(error.message)).toBe(explanation(jest));
});

test('without an argument the handlers land on the pactum installed beside the package', async () => {
  handler.addExpectHandler(ZAVU_EXPECT_HANDLERS.contract, () => undefined);
  expect(registerZavuHandlers()).toEqual({ contract: 'zavuContract', error: 'zavuError' });
  expect((await failureOf(spec().get(`${brokenUrl}/text`).expect('zavuContract', 'getWhatsAppSyncStatus'))).message).toContain('[content-type]');
});

test("a mistake in the spec is the test's, in plain words", async () => {
  expect(() => registerZavuHandlers({} as never)).toThrow(/expected pactum's handler/);
  const noOperation = await failureOf(spec().get(syncPath('snd_nope')).expect('zavuContract', { status: 200 }));
  expect(noOperation).not.toBeInstanceOf(AssertionError);
  expect(noOperation.message).toBe('zavuContract: expected an operationId or { operationId, status? }, received {"status":200}');
  const misnamed = await failureOf(spec().get(syncPath('snd_nope')).expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', statusCode: 200 }));
  expect(misnamed.message).toBe('zavuContract: expected an operationId or { operationId, status? }, received {"operationId":"getWhatsAppSyncStatus","statusCode":200}');
  expect((await failureOf(spec().get(syncPath('snd_nope')).expect('zavuContract', 'getWhatsappSyncStatus'))).message).toMatch(/^zavuContract: no Zavu operation "getWhatsappSyncStatus"/);
  expect((await failureOf(spec().get(syncPath('snd_nope')).expect('zavuError', 200))).message).toBe('zavuError: 200 is not an error status (expected 4xx or 5xx)');
  // A misspelt operationId was ignored: the 404 then passed as any operation's, less than the spec asked.
  const errorMisnamed = await failureOf(spec().get(syncPath('snd_nope')).withHeaders(auth()).expect('zavuError', { status: 404, operationID: 'startWhatsAppHistorySync' }));
  expect(errorMisnamed).not.toBeInstanceOf(AssertionError);
  expect(errorMisnamed.message).toBe('zavuError: expected an error status or { status, operationId? }, received {"status":404,"operationID":"startWhatsAppHistorySync"}');
});

test("a mistake in the spec rejects as the library's UsageError (a ConformanceError, exit code 2), as the Jest matchers' do: told by class from a broken answer's AssertionError", async () => {
  const mistakes = [
    await failureOf(spec().get(syncPath('snd_nope')).expect('zavuContract', { status: 200 })),
    await failureOf(spec().get(syncPath('snd_nope')).expect('zavuContract', 'getWhatsappSyncStatus')),
    await failureOf(spec().get(syncPath('snd_nope')).expect('zavuError', 200)),
    await failureOf(spec().get(syncPath('snd_nope')).expect('zavuError', { status: 404, operationID: 'startWhatsAppHistorySync' })),
  ];
  let unregistered: unknown;
  try {
    registerZavuHandlers({} as never);
  } catch (error) {
    unregistered = error;
  }
  for (const error of [...mistakes, unregistered]) {
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toBeInstanceOf(ConformanceError);
    expect(error).toMatchObject({ name: 'UsageError', exitCode: 2 });
  }
});

test('data a spec passes is shown bounded, and a BigInt status is refused in the same words, not with a TypeError', async () => {
  // JSON.stringify throws on 404n ("Do not know how to serialize a BigInt"), naming neither the handler nor what it takes.
  const bigint = await failureOf(spec().get(syncPath('snd_nope')).expect('zavuError', 404n));
  expect(bigint.message).toBe('zavuError: expected an error status or { status, operationId? }, received 404n');
  const long = await failureOf(spec().get(syncPath('snd_nope')).expect('zavuContract', { operationId: 'x', note: 'q'.repeat(5000) }));
  expect(long.message).toMatch(/^zavuContract: expected an operationId or \{ operationId, status\? \}, received \{"operationId":"x","note":"q+… \(an object of 2 properties\)$/);
  expect(long.message.length).toBeLessThan(400);
});

test("in a user's own Jest test, a failing spec reads as the handler's message: no empty expected/received frame around it", async () => {
  // Jest formats node's AssertionError from its actual, expected and operator: without an operator
  // it framed the suite's words with "Expected value undefined / Received: undefined … Compared
  // values have no visual difference". A user's project, run by Jest in its own process.
  const project = scratchDir('zvc-pactum-user-');
  writeFileSync(
    join(project, 'gate.test.js'),
    `const { handler, settings, spec } = require(${JSON.stringify(join(repoRoot, 'node_modules/pactum'))});
    const { registerZavuHandlers } = require(${JSON.stringify(join(repoRoot, 'dist/pactum'))});
    settings.setLogLevel('SILENT');
    registerZavuHandlers(handler);
    test('a broken answer', async () => {
      await spec().get(${JSON.stringify(`${brokenUrl}/wrong-schema`)}).expect('zavuContract', 'getWhatsAppSyncStatus');
    });
`,
  );
  const config = JSON.stringify({ rootDir: project, testEnvironment: 'node', watchman: false, cacheDirectory: join(project, '.jest-cache') });
  const output = await execFileAsync(process.execPath, [join(repoRoot, 'node_modules/jest/bin/jest.js'), '--config', config, '--ci'], { cwd: project, env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 }).then(
    (ok) => ok.stdout + ok.stderr,
    (failed: { stdout?: string; stderr?: string }) => `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
  );
  expect(output).toMatch(/Tests: +1 failed, 1 total/);
  expect(output).toMatch(/Message:\n\s+\.expect\('zavuContract', "getWhatsAppSyncStatus"\)\n\n\s+The 200 response breaks the contract of getWhatsAppSyncStatus/);
  expect(output).toMatch(/\[response-schema\].* at \/sync\/status\n\s+Received: "bogus"/);
  expect(output).not.toMatch(/Expected value|Received:\n\s+undefined|no visual difference|^\s+at new\s*$/m);
});

test('an answer that quotes a key fails the spec without it, and data shaped like a key is not echoed by a refusal', async () => {
  const echoed = await failureOf(spec().get(`${brokenUrl}/echo-key`).expect('zavuError', 404));
  expect(echoed).toBeInstanceOf(AssertionError);
  expect(echoed.message).toContain('Received: 401 (the Error unauthorized: Invalid API key [REDACTED]) / Expected: 404');
  // A key passed where the status goes (a slip of the argument list) is refused without quoting it.
  const slipped = await failureOf(spec().get(`${brokenUrl}/echo-key`).expect('zavuError', 'zv_test_0123456789abcdef0123456789abcdef'));
  expect(slipped.message).toBe('zavuError: expected an error status or { status, operationId? }, received "[REDACTED]"');
  for (const error of [echoed, slipped]) expect(`${error.message}\n${error.stack}`).not.toContain('0123456789abcdef');
});
