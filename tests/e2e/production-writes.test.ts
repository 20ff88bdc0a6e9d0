/**
 * The write-safety rules end to end (src/runner/write-safety.ts). --allow-writes with a key that is
 * not a zv_test_ one is refused unless --allow-live-writes is given, and then writes go only to
 * ZAVU_SENDER_SYNCABLE; --mock-target (writes to every sender) is refused with a Zavu key that is not
 * a sandbox key and against Zavu's own host, --allow-live-writes or not; a mock's made-up key writes
 * with --mock-target alone. A proxy in front of the reference server records every request it gets;
 * Zavu's own host name and a compose service's are resolved to it by a preload (hosts-preload.cjs),
 * so a rule that let a run through would be seen sending its POSTs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import type { MisbehavingServer } from '../support/misbehaving-servers';
import { passOn, startReferenceProxy } from '../support/reference-proxy';
import { expectOneLineError } from '../support/one-line-error';

const PRELOAD = join(__dirname, '..', 'support', 'hosts-preload.cjs');
/** Zavu's own API host (the contract's `servers` entry) and a docker-compose service's name, both resolved to the proxy. */
const HOSTS = { NODE_OPTIONS: `--require=${PRELOAD}`, ZVC_TEST_HOSTS: 'api.zavu.dev,zavu-mock' };
const LIVE_KEY = 'zv_live_LiveCanary0123456789abcdef01';
const MADE_UP_KEY = 'mock-secret-0123456789';
/** One write operation and no generated ids: the rules are the same for both starts, and each run stays short. */
const QUICK = ['--operation', 'startWhatsAppHistorySync', '--fuzz-runs', '0'];

let server: ReferenceServer;
let proxy: MisbehavingServer;

/** Every POST's bearer token as the proxy got it (the proxy's request lines carry no header). */
let postKeys: string[] = [];

/** The reference server taking `apiKey` (the key of the target under test), behind a proxy that records every request line. */
async function start(apiKey?: string, otherProjectApiKey?: string): Promise<void> {
  server = await startReferenceServer({ ...(apiKey === undefined ? {} : { apiKey }), ...(otherProjectApiKey === undefined ? {} : { otherProjectApiKey }) });
  postKeys = [];
  proxy = await startReferenceProxy(server, passOn, ({ method, authorization }) => {
    if (method === 'POST') postKeys.push(authorization ?? '');
    return false;
  });
}
afterEach(async () => {
  await proxy.close();
  await server.close();
});

/** The server's variables without any `…_WRITABLE=1` consent: the syncable sender is then the only one meant for writes. */
function withoutConsent(): Record<string, string> {
  return Object.fromEntries(Object.entries(serverEnv(server)).filter(([name]) => !name.endsWith('_WRITABLE')));
}
/** What the run wrote (its NOT RUN summary and junit.xml name the refusal): none of it holds the key. */
const written = (dir: string): string => (existsSync(dir) ? readdirSync(dir).map((file) => readFileSync(join(dir, file), 'utf8')).join('\n') : '');
const port = (): string => new URL(proxy.baseUrl).port;
const postedTo = (from = 0): Set<string | undefined> =>
  new Set(proxy.requests.slice(from).filter((line) => line.startsWith('POST ')).map((line) => /^POST \/v1\/senders\/([^/]*)\//.exec(line)?.[1]));
const everySender = (): string[] => [server.senders.syncable, ...server.senders.coexistence, server.senders.notActive];
const notForWrites = (): string[] => [...server.senders.coexistence, server.senders.notActive, server.senders.noWaba, server.senders.notCoexistence, server.senders.otherProject];

describe('--allow-writes with a key that is not a sandbox key: refused unless --allow-live-writes, as before', () => {
  test('a live key with --allow-writes alone: exit 2, one line naming where the key was given, no request', async () => {
    await start(LIVE_KEY);
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes', ...QUICK], serverEnv(server));
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: --allow-writes with a key that is not a sandbox key \(zv_test_…\), given in ZAVU_API_KEY: add --allow-live-writes to write to this target anyway$/);
    expect(run.stderr + run.stdout + written(run.reportsDir)).not.toContain('LiveCanary');
    expect(proxy.requests).toEqual([]);
  });

  test('a live key with --allow-writes --allow-live-writes on 127.0.0.1: starts go to ZAVU_SENDER_SYNCABLE alone', async () => {
    await start(LIVE_KEY);
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes', '--allow-live-writes', ...QUICK], withoutConsent());
    expect(run.stderr).toBe('');
    expect(run.report?.runInfo).toMatchObject({ allowWrites: true });
    expect(run.report?.runInfo.mockTarget).not.toBe(true);
    expect(postedTo().has(server.senders.syncable)).toBe(true);
    for (const id of notForWrites()) expect(postedTo().has(id)).toBe(false);
    expect(run.stdout + written(run.reportsDir)).not.toContain('LiveCanary');
  });

  test('a made-up key (no zv_ prefix) with --allow-writes alone and no --mock-target: refused as before, no request', async () => {
    await start(MADE_UP_KEY);
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes', ...QUICK], serverEnv(server));
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: --allow-writes with a key that is not a sandbox key \(zv_test_…\), given in ZAVU_API_KEY: add --allow-live-writes/);
    expect(proxy.requests).toEqual([]);
  });
});

describe('--mock-target: refused by key and host, --allow-live-writes or not; a made-up key needs nothing more', () => {
  test('a live key with --mock-target --allow-live-writes, on 127.0.0.1 and under a compose name: exit 2, no request', async () => {
    await start(LIVE_KEY);
    for (const baseUrl of [proxy.baseUrl, `http://zavu-mock:${port()}`]) {
      const run = await runConformanceCli(['--base-url', baseUrl, '--allow-writes', '--mock-target', '--allow-live-writes', ...QUICK], { ...serverEnv(server), ...HOSTS });
      expect(run.code).toBe(2);
      expectOneLineError(run.stderr, /^zavu-conformance: --mock-target with a production key \(zv_live_…\), given in ZAVU_API_KEY: a mock needs no production key.*\(--allow-live-writes does not lift this\)$/);
      expect(run.stderr + run.stdout + written(run.reportsDir)).not.toContain('LiveCanary');
    }
    expect(proxy.requests).toEqual([]);
  });

  test("Zavu's own host with --mock-target --allow-live-writes: exit 2 with a sandbox key and a made-up one, no request; --allow-writes alone with a sandbox key writes to ZAVU_SENDER_SYNCABLE alone", async () => {
    await start();
    const zavu = ['--base-url', `http://api.zavu.dev:${port()}`, '--allow-writes', ...QUICK];
    for (const key of [server.apiKey, MADE_UP_KEY]) {
      const run = await runConformanceCli([...zavu, '--mock-target', '--allow-live-writes'], { ...serverEnv(server), ...HOSTS, ZAVU_API_KEY: key });
      expect(run.code).toBe(2);
      expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: --mock-target with --base-url http://api\\.zavu\\.dev:${port()}/?: that is Zavu's own API \\(zavu\\.dev\\), not a mock`));
      expect(run.stderr).not.toContain(key);
    }
    expect(proxy.requests).toEqual([]);
    const sandbox = await runConformanceCli(zavu, { ...withoutConsent(), ...HOSTS });
    expect(sandbox.stderr).toBe('');
    expect(postedTo().has(server.senders.syncable)).toBe(true);
    for (const id of notForWrites()) expect(postedTo().has(id)).toBe(false);
  });

  test('a mock on 127.0.0.1 and under a compose name, taking a made-up key, with --mock-target and no --allow-live-writes: starts go to every configured sender', async () => {
    await start(MADE_UP_KEY);
    // The compose name reaches the proxy only through the preload: this run is also the proof that the refusals above under that name would have been seen.
    for (const baseUrl of [proxy.baseUrl, `http://zavu-mock:${port()}`]) {
      const from = proxy.requests.length;
      const run = await runConformanceCli(['--base-url', baseUrl, '--allow-writes', '--mock-target', ...QUICK], { ...serverEnv(server), ...HOSTS });
      expect(run.stderr).toBe('');
      expect(run.report?.runInfo).toMatchObject({ allowWrites: true, mockTarget: true });
      for (const id of everySender()) expect(postedTo(from).has(id)).toBe(true);
    }
  });

  test("inside the GitHub Action, the lines name the action's inputs that gave the key and the target", async () => {
    await start(LIVE_KEY);
    const action = { ZAVU_CONFORMANCE_ACTION: 'true', ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_API_KEY ZAVU_BASE_URL' };
    const live = await runConformanceCli(['--allow-writes', ...QUICK], { ...serverEnv(server), ...action, ZAVU_BASE_URL: proxy.baseUrl });
    expect(live.code).toBe(2);
    expectOneLineError(live.stderr, /^zavu-conformance: --allow-writes with a key that is not a sandbox key \(zv_test_…\), given in api-key: add --allow-live-writes/);
    const mock = await runConformanceCli(['--allow-writes', '--mock-target', ...QUICK], { ...serverEnv(server), ...action, ZAVU_BASE_URL: proxy.baseUrl });
    expect(mock.code).toBe(2);
    expectOneLineError(mock.stderr, /^zavu-conformance: --mock-target with a production key \(zv_live_…\), given in api-key: /);
    const zavu = await runConformanceCli(['--allow-writes', '--mock-target', ...QUICK], { ...serverEnv(server), ...action, ...HOSTS, ZAVU_API_KEY: MADE_UP_KEY, ZAVU_BASE_URL: `http://api.zavu.dev:${port()}` });
    expect(zavu.code).toBe(2);
    expectOneLineError(zavu.stderr, /^zavu-conformance: --mock-target with base-url http:\/\/api\.zavu\.dev:\d+\/?: that is Zavu's own API/);
    expect(live.stderr + mock.stderr + live.stdout + mock.stdout).not.toContain('LiveCanary');
    expect(proxy.requests).toEqual([]);
  });
});

describe("the other project's key (ZAVU_OTHER_PROJECT_API_KEY) goes out with starts too: judged as the key is", () => {
  test('a live other-project key with --allow-writes alone, and with --mock-target --allow-live-writes: exit 2, one line naming its variable, no request', async () => {
    await start(undefined, LIVE_KEY);
    const env = serverEnv(server);
    expect(env['ZAVU_OTHER_PROJECT_API_KEY']).toBe(LIVE_KEY);
    const writes = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes', ...QUICK], env);
    expect(postKeys.filter((key) => key.includes('LiveCanary'))).toEqual([]);
    expect(writes.code).toBe(2);
    expectOneLineError(writes.stderr, /^zavu-conformance: --allow-writes with ZAVU_OTHER_PROJECT_API_KEY, a key that is not a sandbox key \(zv_test_…\): its starts go out with it too; add --allow-live-writes/);
    const mock = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes', '--mock-target', '--allow-live-writes', ...QUICK], env);
    expect(mock.code).toBe(2);
    expectOneLineError(mock.stderr, /^zavu-conformance: --mock-target with a production key \(zv_live_…\), given in ZAVU_OTHER_PROJECT_API_KEY: a mock needs no production key/);
    expect(writes.stderr + writes.stdout + written(writes.reportsDir) + mock.stderr + mock.stdout + written(mock.reportsDir)).not.toContain('LiveCanary');
    expect(proxy.requests).toEqual([]);
  });

  test('with --allow-live-writes, the live other-project key writes only where --allow-writes does: no start to a sender not meant for writes', async () => {
    await start(undefined, LIVE_KEY);
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes', '--allow-live-writes', ...QUICK], withoutConsent());
    expect(run.stderr).toBe('');
    expect(postKeys.some((key) => key === `Bearer ${LIVE_KEY}`)).toBe(true);
    for (const id of notForWrites()) expect(postedTo().has(id)).toBe(false);
  });
});
