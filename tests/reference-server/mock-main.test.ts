/**
 * The standalone CLI, run as `npm run mock` runs it: from dist/, which `npm test` builds first.
 */
import { readFileSync } from 'node:fs';
import { SENDER_FIXTURES, type SeededSenderIds } from '../../src/reference-server';
import { startScriptedServer, portOf } from '../support/misbehaving-servers';
import { expectOneLineError } from '../support/one-line-error';
import { runCli, spawnCli, type CliRun } from '../support/run-cli';
import { rawRequest } from './raw-request';

/** The first stdout line of the CLI. */
interface MockInfo {
  baseUrl: string;
  apiKey: string;
  senders: SeededSenderIds;
}

/** Every role of fixtures/senders.json that the reference server seeds, with its seeded value(s). */
const seededRoles = Object.fromEntries(
  Object.entries((JSON.parse(readFileSync(SENDER_FIXTURES, 'utf8')) as { roles: Record<string, { seeded?: unknown }> }).roles).flatMap(
    ([name, role]) => (role.seeded === undefined ? [] : [[name, role.seeded]]),
  ),
);

const runMock = (args: string[]): Promise<CliRun> => runCli('mock-main.js', args);

function expectOneLineUsageFailure(result: CliRun, mentions: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expectOneLineError(result.stderr, mentions);
}

test('prints the JSON line first, serves requests, and exits 0 on SIGTERM', async () => {
  const mock = spawnCli('mock-main.js', ['--port', '0']);
  try {
    const info = JSON.parse(await mock.firstLine()) as MockInfo;
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(info.apiKey).toMatch(/^zv_test_[0-9a-f]{32}$/);
    // Every seeded role, straight from the fixture file: scripts configure a live-like run from this line.
    expect(info.senders).toEqual(seededRoles);
    expect(Object.keys(info.senders).sort()).toEqual(['coexistence', 'noWaba', 'notActive', 'notCoexistence', 'otherProject', 'syncable', 'syncableConcurrent']);

    const response = await rawRequest(info.baseUrl, `/v1/senders/${info.senders.coexistence[0] ?? ''}/whatsapp-sync`, `Bearer ${info.apiKey}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ sync: { isCoexistence: true } });
  } finally {
    mock.child.kill('SIGTERM');
  }
  expect(await mock.ended).toMatchObject({ code: 0, signal: null });
});

test('keeps one store while it runs: a start is seen by the GET after it and refused the second time', async () => {
  const mock = spawnCli('mock-main.js', ['--port', '0']);
  try {
    const info = JSON.parse(await mock.firstLine()) as MockInfo;
    const bearer = `Bearer ${info.apiKey}`;
    const path = `/v1/senders/${info.senders.syncable}/whatsapp-sync`;
    expect((await rawRequest(info.baseUrl, `${path}/history`, bearer, 'POST')).status).toBe(202);
    expect(JSON.parse((await rawRequest(info.baseUrl, path, bearer)).body)).toMatchObject({ sync: { history: { status: 'pending' } } });
    const again = await rawRequest(info.baseUrl, `${path}/history`, bearer, 'POST');
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body)).toMatchObject({ message: 'History sync is already in progress' });
  } finally {
    mock.child.kill('SIGTERM');
  }
  expect(await mock.ended).toMatchObject({ code: 0, signal: null });
});

test('--api-key sets the accepted key', async () => {
  const mock = spawnCli('mock-main.js', ['--port', '0', '--api-key', 'zv_test_chosen']);
  const first = await mock.firstLine();
  mock.child.kill('SIGINT');
  expect(JSON.parse(first)).toMatchObject({ apiKey: 'zv_test_chosen' });
  expect((await mock.ended).code).toBe(0);
});

// A closed terminal (SIGHUP) stops it as Ctrl+C does, port closed and exit 0, the code its --help says: not node's death by the signal (129), which --help lists nowhere.
test('exits 0 on SIGHUP, as on SIGINT and SIGTERM', async () => {
  const mock = spawnCli('mock-main.js', ['--port', '0']);
  await mock.firstLine();
  mock.child.kill('SIGHUP');
  expect(await mock.ended).toMatchObject({ code: 0, signal: null });
});

test('--help prints usage and exits 0', async () => {
  const result = await runMock(['--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/--port/);
});

test.each([
  [['--port', 'abc'], /--port "abc"/],
  [['--port', '65536'], /--port "65536"/],
  [['--port', '1.5'], /--port "1\.5"/],
  [['--port=-1'], /--port "-1"/],
  [['--bogus'], /--bogus/],
  [['extra'], /extra/],
  [['--api-key', ''], /--api-key/],
])('%j exits 2 with one line on stderr', async (args, mentions) => {
  expectOneLineUsageFailure(await runMock(args), mentions);
});

test('a port in use exits 2 with one line naming the address', async () => {
  const blocker = await startScriptedServer(() => undefined);
  try {
    const port = portOf(blocker);
    expectOneLineUsageFailure(await runMock(['--port', String(port)]), new RegExp(`127\\.0\\.0\\.1:${port}.*in use`));
  } finally {
    await blocker.close();
  }
});
