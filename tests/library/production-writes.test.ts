/**
 * A run from code keeps the CLI's write-safety rules (runner/write-safety.ts) in its caller's words:
 * `allowWrites` with a live key needs `allowLiveWrites`, and then writes only to the syncable sender;
 * `mockTarget` is refused with a live key and against Zavu's own host, `allowLiveWrites` or not, each
 * before any request; a mock's made-up key writes with `mockTarget` alone. The library as built
 * (dist/), against the reference server behind a proxy that records every request line.
 */
import dns from 'node:dns';
import { join } from 'node:path';
import type { ReferenceServer } from '../../src/library';
import type { MisbehavingServer } from '../support/misbehaving-servers';
import { passOn, startReferenceProxy } from '../support/reference-proxy';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
/** One write operation, no generated ids, no environment from the shell. */
const quick = { operation: 'startWhatsAppHistorySync', fuzzRuns: 0, env: {} } as const;
const LIVE_KEY = 'zv_live_LiveCanary0123456789abcdef01';

let server: ReferenceServer;
let proxy: MisbehavingServer;

async function start(apiKey?: string): Promise<void> {
  server = await library.startReferenceServer(apiKey === undefined ? {} : { apiKey });
  proxy = await startReferenceProxy(server as never, passOn);
}
afterEach(async () => {
  await proxy.close();
  await server.close();
});

const postedTo = (): Set<string | undefined> => new Set(proxy.requests.filter((line) => line.startsWith('POST ')).map((line) => /^POST \/v1\/senders\/([^/]*)\//.exec(line)?.[1]));

async function rejection(options: Parameters<typeof library.runConformance>[0]): Promise<InstanceType<typeof library.ConformanceError> | undefined> {
  return (await library.runConformance({ ...quick, senders: server.senders, cwd: scratchDir('zvc-lib-writes-'), ...options }).then(
    () => undefined,
    (e: unknown) => e,
  )) as InstanceType<typeof library.ConformanceError> | undefined;
}

/** `api.zavu.dev` resolved to 127.0.0.1 while `run` runs (node:net connects through dns.lookup), so a run let through would reach the proxy. */
async function withZavuHost<T>(run: () => Promise<T>): Promise<T> {
  const lookup = dns.lookup;
  const local = ((hostname: string, options: unknown, callback?: unknown) => {
    if (hostname !== 'api.zavu.dev') return (lookup as (...args: unknown[]) => unknown)(hostname, options, callback);
    const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
    return {};
  }) as typeof dns.lookup;
  dns.lookup = local;
  try {
    return await run();
  } finally {
    dns.lookup = lookup;
  }
}

describe('refused before any request, exit 2, one line in the options’ words, never the key', () => {
  beforeEach(() => start(LIVE_KEY));

  test.each([
    ['allowWrites alone', { allowWrites: true }, /^allowWrites with a key that is not a sandbox key \(zv_test_…\), given in apiKey: add allowLiveWrites to write to this target anyway$/],
    ['mockTarget, even with allowLiveWrites', { allowWrites: true, mockTarget: true, allowLiveWrites: true }, /^mockTarget with a production key \(zv_live_…\), given in apiKey: a mock needs no production key.*\(allowLiveWrites does not lift this\)$/],
  ])('a live key with %s', async (_name, options, message) => {
    const error = await rejection({ baseUrl: proxy.baseUrl, apiKey: LIVE_KEY, ...options });
    expect(error).toBeInstanceOf(library.ConformanceError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(message);
    expect(`${error?.message}\n${error?.stack}`).not.toContain('LiveCanary');
    expect(proxy.requests).toEqual([]);
  });
});

describe('the setups meant to write still write, where they are meant to', () => {
  test('a live key with allowWrites and allowLiveWrites: starts go to the syncable sender alone', async () => {
    await start(LIVE_KEY);
    const { report } = await library.runConformance({ ...quick, baseUrl: proxy.baseUrl, apiKey: LIVE_KEY, senders: server.senders, allowWrites: true, allowLiveWrites: true, cwd: scratchDir('zvc-lib-writes-') });
    expect(report.runInfo.mockTarget).not.toBe(true);
    expect(postedTo().has(server.senders.syncable)).toBe(true);
    for (const id of [...server.senders.coexistence, server.senders.notActive, server.senders.noWaba, server.senders.notCoexistence]) expect(postedTo().has(id)).toBe(false);
  });

  test('a mock taking a made-up key, with mockTarget and no allowLiveWrites: starts go to every configured sender', async () => {
    await start('mock-secret-0123456789');
    const { report } = await library.runConformance({ ...quick, baseUrl: proxy.baseUrl, apiKey: server.apiKey, senders: server.senders, allowWrites: true, mockTarget: true, cwd: scratchDir('zvc-lib-writes-') });
    expect(report.runInfo).toMatchObject({ allowWrites: true, mockTarget: true });
    for (const id of [server.senders.syncable, ...server.senders.coexistence, server.senders.notActive]) expect(postedTo().has(id)).toBe(true);
  });

  test("Zavu's own host with a sandbox key: allowWrites starts go to the syncable sender alone; mockTarget there is refused before any request, allowLiveWrites or not", async () => {
    await start();
    const baseUrl = `http://api.zavu.dev:${new URL(proxy.baseUrl).port}`;
    await withZavuHost(() => library.runConformance({ ...quick, baseUrl, apiKey: server.apiKey, senders: server.senders, allowWrites: true, cwd: scratchDir('zvc-lib-writes-') }));
    expect(postedTo().has(server.senders.syncable)).toBe(true);
    expect(postedTo().has(server.senders.notActive)).toBe(false);
    const before = proxy.requests.length;
    const error = await withZavuHost(() => rejection({ baseUrl, apiKey: server.apiKey, allowWrites: true, mockTarget: true, allowLiveWrites: true }));
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/^mockTarget with baseUrl http:\/\/api\.zavu\.dev:\d+\/?: that is Zavu's own API \(zavu\.dev\), not a mock/);
    expect(proxy.requests.slice(before)).toEqual([]);
  });
});

describe("the other project's key goes out with starts too: judged as the key is, in the options' words", () => {
  test('a live otherProjectApiKey with allowWrites alone, and with mockTarget and allowLiveWrites: exit 2, no request, never the key', async () => {
    server = await library.startReferenceServer({ otherProjectApiKey: LIVE_KEY });
    proxy = await startReferenceProxy(server as never, passOn);
    const base = { baseUrl: proxy.baseUrl, apiKey: server.apiKey, otherProjectApiKey: LIVE_KEY, allowWrites: true };
    for (const [options, message] of [
      [{}, /^allowWrites with otherProjectApiKey, a key that is not a sandbox key \(zv_test_…\): its starts go out with it too; add allowLiveWrites to write to this target anyway$/],
      [{ mockTarget: true, allowLiveWrites: true }, /^mockTarget with a production key \(zv_live_…\), given in otherProjectApiKey: a mock needs no production key.*\(allowLiveWrites does not lift this\)$/],
    ] as const) {
      const error = await rejection({ ...base, ...options });
      expect(error?.exitCode).toBe(2);
      expect(error?.message).toMatch(message);
      expect(`${error?.message}\n${error?.stack}`).not.toContain('LiveCanary');
    }
    expect(proxy.requests).toEqual([]);
  });
});
