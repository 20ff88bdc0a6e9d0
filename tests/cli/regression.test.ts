/** Nightly regression end to end: repeats, flaky cases, latency budget, baselines, shards and merge. */
import { copyFileSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import type { ConformanceReport } from '../../src/model';
import { BROKEN_SERVERS, startBrokenServer } from '../support/broken-servers';
import { againstServer, expectedCaseCount, runConformanceCli, serverEnv } from '../support/conformance-run';
import { runCli, scratchDir } from '../support/run-cli';

const ACTIVE = 'snd_coex_active';
/** Few generated ids: these tests are about repeats and baselines, not the property. */
const quick = ['--fuzz-runs', '0', '--seed', '7'];

test('a server whose every third answer is a 503 is flaky: its own status, exit 1; --allow-flaky reports it and exits 0', async () => {
  let count = 0;
  const apiKey = 'zv_test_flaky0000000000000000000000000000';
  const server = await startReferenceServer({
    apiKey,
    // Only the valid-key reads of one sender: the auth cases that also name it stay steady.
    fault: ({ senderId, planned, authorization }) => {
      if (senderId !== ACTIVE || authorization !== `Bearer ${apiKey}` || planned.status !== 200) return undefined;
      count += 1;
      return count % 3 === 0 ? { status: 503, headers: planned.headers, body: '{"code":"unavailable","message":"try again"}' } : undefined;
    },
  });
  try {
    const run = await againstServer(server, ['--repeat', '3', ...quick]);
    expect(run.code).toBe(1);
    const flaky = run.report?.results.filter((r) => r.status === 'flaky') ?? [];
    expect(flaky.map((r) => r.id)).toEqual([`coexistence[${ACTIVE}]`]);
    expect(flaky[0]?.attempts?.map((a) => a.status)).toEqual(['passed', 'passed', 'failed']);
    expect(flaky[0]?.violations.map((v) => v.check)).toContain('flaky');
    expect(run.report?.summary.flaky).toBe(1);
    const allowed = await againstServer(server, ['--repeat', '3', '--allow-flaky', ...quick]);
    expect(allowed.code).toBe(0);
    expect(allowed.report?.runInfo.allowFlaky).toBe(true);
    expect(allowed.report?.summary.flaky).toBe(1);
  } finally {
    await server.close();
  }
});

/** A proxy in front of the reference server that delays one sender's answers. */
async function slowProxy(upstream: ReferenceServer, delayMs: number): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const proxy = createServer((req, res) => {
    const forward = () =>
      req.pipe(
        httpRequest(upstream.baseUrl + (req.url ?? '/'), { method: req.method, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        }),
      );
    // Only the valid-key read of one sender, so exactly one case is slow.
    const slow = req.url === `/v1/senders/${ACTIVE}/whatsapp-sync` && req.headers.authorization === `Bearer ${upstream.apiKey}`;
    if (slow) setTimeout(forward, delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { proxy.closeAllConnections(); proxy.close(() => resolve()); }),
  };
}

test('a p95 above --latency-budget-ms fails that case with check latency-budget; percentiles are reported', async () => {
  const server = await startReferenceServer();
  const proxy = await slowProxy(server, 120);
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--repeat', '2', '--latency-budget-ms', '60', ...quick], serverEnv(server));
    expect(run.code).toBe(1);
    const failed = run.report?.results.filter((r) => r.status === 'failed') ?? [];
    expect(failed.map((r) => r.id)).toEqual([`coexistence[${ACTIVE}]`]);
    expect(failed[0]?.violations.map((v) => v.check)).toEqual(['latency-budget']);
    expect(failed[0]?.latency?.p95).toBeGreaterThanOrEqual(120);
    expect(run.report?.latency?.max).toBeGreaterThanOrEqual(120);
    const generous = await runConformanceCli(['--base-url', proxy.baseUrl, '--repeat', '2', '--latency-budget-ms', '60000', ...quick], serverEnv(server));
    expect(generous.code).toBe(0);
  } finally {
    await proxy.close();
    await server.close();
  }
});

describe('--baseline', () => {
  const broken = (name: string) => {
    const entry = BROKEN_SERVERS.find((e) => e.name === name);
    if (!entry) throw new Error(`no broken server ${name}`);
    return entry;
  };
  async function reportOf(name: string | undefined, args: string[] = []): Promise<{ code: number | null; report?: ConformanceReport; stderr: string; file: string }> {
    const server = name === undefined ? await startReferenceServer() : await startBrokenServer(broken(name));
    try {
      const run = await againstServer(server, [...quick, ...args]);
      return { code: run.code, ...(run.report ? { report: run.report } : {}), stderr: run.stderr, file: join(run.reportsDir, 'conformance.json') };
    } finally {
      await server.close();
    }
  }
  let baseline: string;
  beforeAll(async () => {
    const last = await reportOf('no-waba-returns-200');
    baseline = join(scratchDir(), 'last-night.json');
    copyFileSync(last.file, baseline);
  });

  test('fixed since last night: listed, exit 0', async () => {
    const run = await reportOf(undefined, ['--baseline', baseline]);
    expect(run.code).toBe(0);
    expect(run.report?.baseline).toMatchObject({ newFailures: [], fixed: ['no-waba'], stillFailing: [] });
  });
  test('still failing: reported, exit 0 by default, exit 1 with --baseline-strict', async () => {
    const lenient = await reportOf('no-waba-returns-200', ['--baseline', baseline]);
    expect(lenient.code).toBe(0);
    expect(lenient.report?.baseline?.stillFailing).toEqual(['no-waba']);
    const strict = await reportOf('no-waba-returns-200', ['--baseline', baseline, '--baseline-strict']);
    expect(strict.code).toBe(1);
  });
  test('a new failure: exit 1, named in the diff and the summary', async () => {
    const run = await reportOf('wrong-key-accepted', ['--baseline', baseline]);
    expect(run.code).toBe(1);
    // A server that takes any bearer token also takes the oversized and wrong-checksum ones.
    expect(run.report?.baseline?.newFailures).toEqual(expect.arrayContaining(['wrong-key', 'wrong-checksum-key']));
    expect(run.report?.baseline?.fixed).toEqual(['no-waba']);
  });
  test('a missing or invalid baseline file: exit 2, one line naming it', async () => {
    const missing = await reportOf(undefined, ['--baseline', '/nonexistent/last.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringContaining('/nonexistent/last.json')]);
  });
});

test('shards 1/2 and 2/2 merge into exactly what one unsharded run reports', async () => {
  const server = await startReferenceServer();
  try {
    const shards = await Promise.all(['1/2', '2/2'].map((shard) => againstServer(server, ['--shard', shard, ...quick])));
    const whole = await againstServer(server, quick);
    for (const shard of shards) expect(shard.code).toBe(0);
    const out = join(scratchDir(), 'merged');
    const merge = await runCli('merge-main.js', ['--reports', out, ...shards.map((s) => s.reportsDir)]);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    const merged = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as ConformanceReport;
    const shape = (r: ConformanceReport | undefined) => r?.results.map((x) => [x.id, x.status]);
    expect(shape(merged)).toEqual(shape(whole.report));
    expect(merged.summary).toEqual(whole.report?.summary);
    expect(merged.certificate?.families).toEqual(whole.report?.certificate?.families);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(`tests="${expectedCaseCount()}"`);
    const incomplete = await runCli('merge-main.js', ['--reports', join(scratchDir(), 'x'), shards[0]?.reportsDir ?? '']);
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr.trim().split('\n')).toHaveLength(1);
  } finally {
    await server.close();
  }
});
