/** Nightly regression end to end: repeats, flaky cases, latency budget, baselines, shards and merge. */
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import type { ConformanceReport } from '../../src/model';
import { SUMMARY_HEADING } from '../../src/report/report-files';
import { escapeRegex } from '../../src/text/escape-regex';
import { BROKEN_SERVERS, startBrokenServer, type BrokenServer } from '../support/broken-servers';
import { againstServer, expectedCaseCount, runConformanceCli, serverEnv, type ConformanceRun } from '../support/conformance-run';
import { expectOneLineError } from '../support/one-line-error';
import { coexistenceCaseReads } from '../support/coexistence-case-reads';
import { delayedBy, passOn, startReferenceProxy } from '../support/reference-proxy';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const ACTIVE = 'snd_coex_active';
/** Few generated ids: these tests are about repeats and baselines, not the property. */
const quick = ['--fuzz-runs', '0', '--seed', '7'];

/**
 * A reference server whose every third read of ACTIVE by its coexistence case is a 503. Only that
 * case's reads: the auth cases that also name the sender, and the sequences that read it with the
 * key before that case (reads-change-nothing, unauthenticated-read-changes-nothing), stay steady.
 */
function startFlakyServer(apiKey: string): ReturnType<typeof startReferenceServer> {
  let count = 0;
  const isCaseRead = coexistenceCaseReads(ACTIVE, apiKey);
  return startReferenceServer({
    apiKey,
    fault: (context) => {
      if (!isCaseRead(context) || context.planned.status !== 200) return undefined;
      const { planned } = context;
      count += 1;
      return count % 3 === 0 ? { status: 503, headers: planned.headers, body: '{"code":"unavailable","message":"try again"}' } : undefined;
    },
  });
}

test('a server whose every third answer is a 503 is flaky: its own status, exit 1; --allow-flaky reports it and exits 0', async () => {
  const apiKey = 'zv_test_flaky0000000000000000000000000000';
  const server = await startFlakyServer(apiKey);
  try {
    const run = await againstServer(server, ['--repeat', '3', ...quick]);
    expect(run.code).toBe(1);
    const flaky = run.report?.results.filter((r) => r.status === 'flaky') ?? [];
    expect(flaky.map((r) => r.id)).toEqual([`getWhatsAppSyncStatus/coexistence[${ACTIVE}]`]);
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

test('--allow-flaky with a baseline: a flaky case whose failing repeats show only the baseline\'s faults passes; one whose every other answer is a new wrong body fails the run, a <failure> in junit.xml, said in every report', async () => {
  const apiKey = 'zv_test_flakyfault0000000000000000000000';
  // Every other read of one sender by its coexistence case goes wrong, in the way `wrong` says: a
  // 503 last night (and tonight on the steady server), a 200 whose body breaks the schema on the regressed one.
  let wrong: 'unavailable' | 'body' = 'unavailable';
  let count = 0;
  const isCaseRead = coexistenceCaseReads(ACTIVE, apiKey);
  const server = await startReferenceServer({
    apiKey,
    fault: (context) => {
      if (!isCaseRead(context) || context.planned.status !== 200) return undefined;
      const { planned } = context;
      count += 1;
      if (count % 2 === 1) return undefined;
      if (wrong === 'unavailable') return { status: 503, headers: planned.headers, body: '{"code":"unavailable","message":"try again"}' };
      const body = JSON.parse(planned.body) as { sync: { history: { canSync: unknown } } };
      body.sync.history.canSync = 'yes';
      return { status: 200, headers: planned.headers, body: JSON.stringify(body) };
    },
  });
  const id = `getWhatsAppSyncStatus/coexistence[${ACTIVE}]`;
  const args = ['--operation', 'getWhatsAppSyncStatus', '--repeat', '3', '--allow-flaky', ...quick];
  const testcase = (dir: string): string => {
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    return new RegExp(`<testcase classname="getWhatsAppSyncStatus" name="coexistence\\[${ACTIVE}\\]: [^"]*"[^>]*(?:/>|>([\\s\\S]*?)</testcase>)`).exec(xml)?.[0] ?? '';
  };
  try {
    const lastNight = await againstServer(server, args);
    expect(lastNight.report?.results.find((r) => r.id === id)?.status).toBe('flaky');
    expect(lastNight.code).toBe(0);
    // No baseline: --allow-flaky lets every flaky case pass, so the live line is the verdict.
    expect(lastNight.stdout).toMatch(new RegExp(`\\n  FLAKY ${escapeRegex(id)}: [^\\n]* \\([\\d.]+ ms\\)\\n`));
    const baseline = join(scratchDir(), 'flaky-last-night.json');
    copyFileSync(join(lastNight.reportsDir, 'conformance.json'), baseline);

    // The same intermittent 503: known, only its verdict varies. Allowed, green everywhere.
    const steady = await againstServer(server, [...args, '--baseline', baseline]);
    expect(steady.report?.results.find((r) => r.id === id)?.status).toBe('flaky');
    expect(steady.report?.baseline).toMatchObject({ newFailures: [], stillFailing: [id] });
    expect(steady.code).toBe(0);
    expect(testcase(steady.reportsDir)).toContain('<system-out>flaky, allowed by --allow-flaky: ');
    expect(readFileSync(join(steady.reportsDir, 'summary.md'), 'utf8').split('\n')[0]).toBe(`${SUMMARY_HEADING}: CONFORMANT — 1 flaky case allowed`);

    // Every other answer a 200 with a wrong-typed field: a new intermittent bug, not a known flake.
    wrong = 'body';
    const regressed = await againstServer(server, [...args, '--baseline', baseline]);
    const flaky = regressed.report?.results.find((r) => r.id === id);
    expect(flaky?.status).toBe('flaky');
    expect(flaky?.attempts?.some((a) => a.checks.includes('response-schema'))).toBe(true);
    expect(regressed.report?.baseline?.newFailures).toEqual([id]);
    expect(regressed.report?.baseline?.changedFailures).toEqual([{ id, newFaults: expect.arrayContaining([expect.objectContaining({ check: 'response-schema', place: '/sync/history/canSync' })]) as unknown }]);
    expect(regressed.code).toBe(1);
    // The live line, printed before the baseline comparison, does not read as allowed.
    expect(regressed.stdout).toMatch(new RegExp(`\\n  FLAKY ${escapeRegex(id)}: [^\\n]* \\([\\d.]+ ms\\) \\(verdict after the baseline comparison\\)\\n`));
    expect(testcase(regressed.reportsDir)).toMatch(/<failure message="flaky with a new fault \(one the baseline did not show\), not allowed by --allow-flaky; still failing, and now also: [^"]*response-schema at \/sync\/history\/canSync/);
    const summary = readFileSync(join(regressed.reportsDir, 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toBe(`${SUMMARY_HEADING}: NOT CONFORMANT — 1 flaky case with a new fault (not allowed by --allow-flaky)`);
    expect(summary).toContain(`\`${id}\` — flaky with a new fault (one the baseline did not show), not allowed by --allow-flaky — `);
    expect(regressed.stdout).toContain('flaky with a new fault (one the baseline did not show), not allowed by --allow-flaky: it fails the run');
    expect(regressed.stdout).toMatch(new RegExp(`\\nfailing \\(each above\\): ${id.replace(/[[\]]/g, '\\$&')} \\(flaky\\)`));
  } finally {
    await server.close();
  }
});

test('a p95 above --latency-budget-ms fails that case with check latency-budget; percentiles are reported', async () => {
  const server = await startReferenceServer();
  // Only the coexistence case's read of one sender is slow, so exactly one case is over budget. The
  // margins are wide (a 1.5 s delay against a 1 s budget) so that an ordinary case on a loaded CI machine
  // never crosses the budget: the test is about which case trips it, not about how fast the rest is.
  const proxy = await startReferenceProxy(server, delayedBy(1500), coexistenceCaseReads(ACTIVE, server.apiKey));
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--repeat', '2', '--latency-budget-ms', '1000', ...quick], serverEnv(server));
    expect(run.code).toBe(1);
    const failed = run.report?.results.filter((r) => r.status === 'failed') ?? [];
    expect(failed.map((r) => r.id)).toEqual([`getWhatsAppSyncStatus/coexistence[${ACTIVE}]`]);
    expect(failed[0]?.violations.map((v) => v.check)).toEqual(['latency-budget']);
    expect(failed[0]?.latency?.p95).toBeGreaterThanOrEqual(1500);
    expect(run.report?.latency?.max).toBeGreaterThanOrEqual(1500);
    const generous = await runConformanceCli(['--base-url', proxy.baseUrl, '--repeat', '2', '--latency-budget-ms', '60000', ...quick], serverEnv(server));
    expect(generous.code).toBe(0);
  } finally {
    await proxy.close();
    await server.close();
  }
});

test('one stalled exchange of a repeated case is no latency-budget breach: a warning says so, exit 0', async () => {
  const server = await startReferenceServer();
  // Only the coexistence case's first read of one sender stalls (a GC pause, a cold connection):
  // with --repeat 2 that case's nearest-rank p95 is the stall, and it used to fail the budget alone.
  let stalls = 1;
  const proxy = await startReferenceProxy(server, (res, upstream) => {
    if (stalls > 0) {
      stalls -= 1;
      delayedBy(1500)(res, upstream);
    } else passOn(res, upstream);
  }, coexistenceCaseReads(ACTIVE, server.apiKey));
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--repeat', '2', '--latency-budget-ms', '1000', ...quick], serverEnv(server));
    expect(run.code).toBe(0);
    const stalled = run.report?.results.find((r) => r.id === `getWhatsAppSyncStatus/coexistence[${ACTIVE}]`);
    expect(stalled?.status).toBe('passed');
    expect(stalled?.latency?.p95).toBeGreaterThanOrEqual(1500);
    expect(stalled?.violations.find((v) => v.check === 'latency-budget')).toMatchObject({ severity: 'warning', title: 'one exchange over the latency budget (not a breach: one stall)' });
    expect(run.report?.results.filter((r) => r.status === 'failed')).toEqual([]);
  } finally {
    await proxy.close();
    await server.close();
  }
});

function broken(name: string): BrokenServer {
  const entry = BROKEN_SERVERS.find((e) => e.name === name);
  if (!entry) throw new Error(`no broken server ${name}`);
  // These tests follow one failing case from night to night: a fault the read's HEAD twin meets too
  // (head-no-waba beside no-waba) is kept to the GET, so each night fails the one case they name.
  const { fault } = entry;
  return { ...entry, fault: (context) => (context.method === 'HEAD' ? undefined : fault(context)) };
}

/** The reference server, or the broken server of that name. */
function serverFor(name: string | undefined): Promise<ReferenceServer> {
  return name === undefined ? startReferenceServer() : startBrokenServer(broken(name));
}

async function reportOf(name: string | undefined, args: string[] = []): Promise<{ code: number | null; report?: ConformanceReport; stderr: string; file: string }> {
  const server = await serverFor(name);
  try {
    const run = await againstServer(server, [...quick, ...args]);
    return { code: run.code, ...(run.report ? { report: run.report } : {}), stderr: run.stderr, file: join(run.reportsDir, 'conformance.json') };
  } finally {
    await server.close();
  }
}

/** Shards 1/2 and 2/2 of one run against `name` (undefined: the reference server), and the unsharded run. */
async function shardedRun(name: string | undefined): Promise<{ shards: ConformanceRun[]; whole: ConformanceRun }> {
  const server = await serverFor(name);
  try {
    const shards = await Promise.all(['1/2', '2/2'].map((shard) => againstServer(server, ['--shard', shard, ...quick])));
    return { shards, whole: await againstServer(server, quick) };
  } finally {
    await server.close();
  }
}

const merge = (out: string, args: string[]) => runCli('merge-main.js', ['--reports', out, ...args]);
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
const dirsOf = (runs: ConformanceRun[]) => runs.map((run) => run.reportsDir);
/** The body of the read operation's test case `caseId` in the junit.xml beside `conformanceJson`. */
const junitCase = (conformanceJson: string, caseId: string): string =>
  new RegExp(`<testcase classname="getWhatsAppSyncStatus" name="${caseId}: [^"]*"[^>]*>([\\s\\S]*?)</testcase>`).exec(readFileSync(join(conformanceJson, '..', 'junit.xml'), 'utf8'))?.[1] ?? '';

describe('--baseline', () => {
  let baseline: string;
  beforeAll(async () => {
    const last = await reportOf('no-waba-returns-200');
    baseline = join(scratchDir(), 'last-night.json');
    copyFileSync(last.file, baseline);
  });

  test('fixed since last night: listed, exit 0', async () => {
    const run = await reportOf(undefined, ['--baseline', baseline]);
    expect(run.code).toBe(0);
    expect(run.report?.baseline).toMatchObject({ newFailures: [], fixed: ['getWhatsAppSyncStatus/no-waba'], stillFailing: [] });
  });
  test('still failing: reported, exit 0 by default, exit 1 with --baseline-strict', async () => {
    const lenient = await reportOf('no-waba-returns-200', ['--baseline', baseline]);
    expect(lenient.code).toBe(0);
    expect(lenient.report?.baseline?.stillFailing).toEqual(['getWhatsAppSyncStatus/no-waba']);
    const strict = await reportOf('no-waba-returns-200', ['--baseline', baseline, '--baseline-strict']);
    expect(strict.code).toBe(1);
    // junit.xml agrees with the exit code: a known failure skipped (CI reporters stay green), a <failure> under --baseline-strict.
    expect(junitCase(lenient.file, 'no-waba')).toMatch(/^\s*<skipped message="known failure \(in baseline [^"]*" type="known-failure"\/>/);
    expect(junitCase(strict.file, 'no-waba')).toMatch(/^\s*<failure /);
  });
  test('still failing, but with a fault the baseline did not have (a 502 on one repeat): a new failure, red, <failure> in junit, said in every report', async () => {
    // Last night no-waba failed with a 200 (status-code-expected); tonight it answers right twice and
    // a 502 once: flaky, and its failing attempt has a 5xx the baseline never saw.
    let seen = 0;
    const noWaba = broken('no-waba-returns-200').fault;
    const server = await startReferenceServer({
      fault: (context) => {
        if (noWaba(context) === undefined) return undefined;
        seen += 1;
        return seen % 3 === 0 ? { status: 502, headers: { 'content-type': 'application/json' }, body: '{"code":"bad_gateway","message":"upstream"}' } : undefined;
      },
    });
    try {
      const run = await againstServer(server, ['--operation', 'getWhatsAppSyncStatus', '--repeat', '3', '--baseline', baseline, ...quick]);
      const id = 'getWhatsAppSyncStatus/no-waba';
      expect(run.report?.results.find((r) => r.id === id)?.status).toBe('flaky');
      expect(run.code).toBe(1);
      expect(run.report?.baseline?.stillFailing).toEqual([]);
      expect(run.report?.baseline?.newFailures).toEqual([id]);
      expect(run.report?.baseline?.changedFailures).toEqual([{ id, newFaults: expect.arrayContaining([{ check: 'not-a-server-error', place: '' }]) as unknown }]);
      expect(run.report?.baseline?.changedFailures?.[0]?.newFaults.map((f) => f.check)).not.toContain('status-code-expected');
      const file = join(run.reportsDir, 'conformance.json');
      expect(junitCase(file, 'no-waba')).toMatch(/^\s*<failure message="still failing, and now also: [^"]*not-a-server-error/);
      expect(junitCase(file, 'no-waba')).not.toContain('known-failure');
      expect(run.stdout).toMatch(/no-waba \(still failing, and now also: [^)]*not-a-server-error/);
      expect(run.stdout).not.toContain('KNOWN FAILURE');
      expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).toMatch(/no-waba.*still failing, and now also: .*not-a-server-error/);
      expect(readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8')).toMatch(/still failing, and now also: [^<]*not-a-server-error/);
    } finally {
      await server.close();
    }
  });
  describe('a case with more errors of one check than a report keeps in full (20), found in another order each night', () => {
    // The other project's sender answered with 12 flags at the top and 12 in details, each the
    // opposite of the unknown id's: 24 state-prediction errors in one answer, 20 kept, 4 counted.
    // Which ones are kept follows the unknown id's answer's key order, which this server varies by
    // night (as a hash map's does): an unchanged server whose kept 20 differ from last night's.
    const keys = (p: string) => Array.from({ length: 12 }, (_, i) => `${p}${String.fromCharCode(97 + i)}`);
    const id = 'getWhatsAppSyncStatus/other-project-sender';
    const only = ['--operation', 'getWhatsAppSyncStatus', ...quick];
    async function night(order: (names: string[]) => string[], also: string[] = []): Promise<ReferenceServer> {
      let other = '';
      const server = await startReferenceServer({
        fault: ({ planned, senderId, authorization, apiKey }) => {
          if (planned.status !== 404 || authorization !== `Bearer ${apiKey}`) return undefined;
          const flag = senderId === other;
          const body = JSON.parse(planned.body) as Record<string, unknown>;
          for (const k of order(keys('f'))) body[k] = flag;
          // `also`: details flags the unknown id's answer has too, and the other project's sender's answers the other way.
          body['details'] = Object.fromEntries([...order(keys('d')), ...also].map((k) => [k, flag]));
          return { ...planned, body: JSON.stringify(body) };
        },
      });
      other = server.senders.otherProject;
      return server;
    }
    async function runAgainst(server: ReferenceServer, args: string[]): Promise<ConformanceRun> {
      try {
        return await againstServer(server, [...only, ...args]);
      } finally {
        await server.close();
      }
    }
    let lastNight: string;
    beforeAll(async () => {
      const run = await runAgainst(await night((k) => k), []);
      const result = run.report?.results.find((r) => r.id === id);
      expect(result?.status).toBe('failed');
      expect(result?.violations.filter((v) => v.check === 'state-prediction')).toHaveLength(20);
      // conformance.json lists where the 4 only counted were: the kept 20 are not all of the faults.
      expect(result?.omittedViolations).toEqual([expect.objectContaining({ check: 'state-prediction', count: 4, places: ['/details/di', '/details/dj', '/details/dk', '/details/dl'] })]);
      lastNight = join(scratchDir(), 'last-night.json');
      copyFileSync(join(run.reportsDir, 'conformance.json'), lastNight);
    });

    test('the same errors kept in another order are the same failure: known, exit 0', async () => {
      const run = await runAgainst(await night((k) => [...k].reverse()), ['--baseline', lastNight]);
      const kept = run.report?.results.find((r) => r.id === id)?.violations.map((v) => v.instancePath) ?? [];
      // Tonight's kept 20 are not last night's: dl…de kept, where last night kept da…dh.
      expect(kept).toContain('/details/dl');
      expect(kept).not.toContain('/details/da');
      expect(run.report?.baseline).toMatchObject({ newFailures: [], stillFailing: [id] });
      expect(run.report?.baseline?.changedFailures).toBeUndefined();
      expect(run.code).toBe(0);
    });

    test('a fault at a place the baseline did not have is still new: exit 1, said as new (not as a baseline that cannot show it)', async () => {
      const run = await runAgainst(await night((k) => [...k].reverse(), ['dz']), ['--baseline', lastNight]);
      expect(run.report?.baseline?.newFailures).toEqual([id]);
      expect(run.report?.baseline?.changedFailures).toEqual([{ id, newFaults: [expect.objectContaining({ check: 'state-prediction', place: '/details/dz' })] }]);
      expect(run.stdout).toMatch(/other-project-sender \(still failing, and now also: state-prediction at \/details\/dz/);
      expect(run.code).toBe(1);
    });

    test('merged shards carry the places: known against the same baseline, exit 0', async () => {
      const server = await night((k) => [...k].reverse());
      let shards: ConformanceRun[];
      try {
        shards = await Promise.all(['1/2', '2/2'].map((shard) => againstServer(server, ['--shard', shard, ...only])));
      } finally {
        await server.close();
      }
      const out = join(scratchDir(), 'merged');
      const merged = await merge(out, ['--baseline', lastNight, ...dirsOf(shards)]);
      expect(merged.stderr).toBe('');
      expect(readReport(out).results.find((r) => r.id === id)?.omittedViolations?.[0]?.places).toHaveLength(4);
      expect(readReport(out).baseline).toMatchObject({ newFailures: [], stillFailing: [id] });
      expect(merged.code).toBe(0);
    });
  });
  test('a new failure: exit 1, named in the diff and the summary', async () => {
    const run = await reportOf('wrong-key-accepted', ['--baseline', baseline]);
    expect(run.code).toBe(1);
    // A server that takes any bearer token also takes the oversized and wrong-checksum ones.
    expect(run.report?.baseline?.newFailures).toEqual(expect.arrayContaining(['getWhatsAppSyncStatus/wrong-key', 'getWhatsAppSyncStatus/wrong-checksum-key']));
    expect(run.report?.baseline?.fixed).toEqual(['getWhatsAppSyncStatus/no-waba']);
  });
  test('a baseline kept in the reports folder itself outlives a run that stops (a target down, a typo): the NOT RUN keeps it', async () => {
    const cwd = scratchDir();
    mkdirSync(join(cwd, 'reports'));
    copyFileSync(baseline, join(cwd, 'reports', 'conformance.json'));
    const before = readFileSync(baseline, 'utf8');
    const down = await runCli('conformance-main.js', ['--base-url', 'http://127.0.0.1:9', '--baseline', 'reports/conformance.json', '--reports', 'reports', ...quick], { cwd, env: { ZAVU_API_KEY: 'zv_test_abcdefghijabcdefghij12345678' } });
    expect(down.code).toBe(3);
    expect(readFileSync(join(cwd, 'reports', 'conformance.json'), 'utf8')).toBe(before);
    expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN[\\s\\S]*\`conformance\\.json\` kept`));
    const typo = await runCli('conformance-main.js', ['--baseline=reports/conformance.json', '--fuzz-run', '3'], { cwd });
    expect(typo.code).toBe(2);
    expect(readFileSync(join(cwd, 'reports', 'conformance.json'), 'utf8')).toBe(before);
  });
  test("a shard read against a whole run's baseline: the other shard's cases are outside its scope, not missing", async () => {
    const server = await serverFor(undefined);
    try {
      const shard = await againstServer(server, ['--shard', '1/2', '--baseline', baseline, ...quick]);
      expect(shard.code).toBe(0);
      const diff = shard.report?.baseline;
      const whole = (JSON.parse(readFileSync(baseline, 'utf8')) as ConformanceReport).results.length;
      expect(diff?.missing).toBeUndefined();
      // Every baseline case is this shard's (compared) or the other's (counted once, not listed).
      expect(diff?.outOfScope).toBe(whole - (shard.report?.results.length ?? 0));
      expect(diff?.outOfScope).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
  test('a missing or invalid baseline file: exit 2, one line naming it', async () => {
    const missing = await reportOf(undefined, ['--baseline', '/nonexistent/last.json']);
    expect(missing.code).toBe(2);
    expectOneLineError(missing.stderr, /\/nonexistent\/last\.json/);
  });
  test('merged shards of a run still failing: exit 1 without a baseline, exit 0 with it (the failure is not new), exit 1 with --baseline-strict', async () => {
    const { shards } = await shardedRun('no-waba-returns-200');
    const plain = await merge(join(scratchDir(), 'merged'), dirsOf(shards));
    expect(plain.code).toBe(1);
    const out = join(scratchDir(), 'merged');
    const lenient = await merge(out, ['--baseline', baseline, ...dirsOf(shards)]);
    expect(lenient.stderr).toBe('');
    expect(lenient.code).toBe(0);
    expect(readReport(out).baseline).toMatchObject({ newFailures: [], fixed: [], stillFailing: ['getWhatsAppSyncStatus/no-waba'] });
    const strictOut = join(scratchDir(), 'merged');
    const strict = await merge(strictOut, ['--baseline', baseline, '--baseline-strict', ...dirsOf(shards)]);
    expect(strict.code).toBe(1);
    // As a run's: the merged junit.xml agrees with the merge's exit code.
    expect(junitCase(join(out, 'conformance.json'), 'no-waba')).toMatch(/^\s*<skipped message="known failure \(in baseline [^"]*" type="known-failure"\/>/);
    expect(junitCase(join(strictOut, 'conformance.json'), 'no-waba')).toMatch(/^\s*<failure /);
  });
});

describe('conformance:merge', () => {
  let clean: { shards: ConformanceRun[]; whole: ConformanceRun };
  beforeAll(async () => {
    clean = await shardedRun(undefined);
  });

  test('shards 1/2 and 2/2 merge into exactly what one unsharded run reports', async () => {
    for (const shard of clean.shards) expect(shard.code).toBe(0);
    const out = join(scratchDir(), 'merged');
    const run = await merge(out, dirsOf(clean.shards));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const merged = readReport(out);
    const shape = (r: ConformanceReport | undefined) => r?.results.map((x) => [x.id, x.status]);
    expect(shape(merged)).toEqual(shape(clean.whole.report));
    expect(merged.summary).toEqual(clean.whole.report?.summary);
    expect(merged.certificate?.families).toEqual(clean.whole.report?.certificate?.families);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(`tests="${expectedCaseCount()}"`);
  });

  test("each shard records its CI run's id; shards of two runs do not merge (exit 2, both folders and ids named); a shard without one is noted", async () => {
    const server = await startReferenceServer();
    const ran = (shard: string, env: Record<string, string>, args: string[] = []) => runConformanceCli(['--base-url', server.baseUrl, '--shard', shard, ...quick, ...args], { ...serverEnv(server), ...env });
    let tonight: ConformanceRun[];
    try {
      tonight = await Promise.all([
        ran('1/2', { GITHUB_RUN_ID: '111', GITHUB_RUN_ATTEMPT: '1' }),
        ran('2/2', { GITHUB_RUN_ID: '222' }),
        // The flag over the CI's id: the same run as shard 1.
        ran('2/2', { GITHUB_RUN_ID: '222' }, ['--run-id', 'github:111']),
        // Outside CI, without --run-id: none.
        ran('2/2', {}),
      ]);
    } finally {
      await server.close();
    }
    const [first, other, same, none] = tonight;
    expect(first?.report?.runInfo.runId).toBe('github:111');
    expect(other?.report?.runInfo.runId).toBe('github:222');
    expect(same?.report?.runInfo.runId).toBe('github:111');
    expect(none?.report?.runInfo).not.toHaveProperty('runId');
    const refused = await merge(join(scratchDir(), 'merged'), [first!.reportsDir, other!.reportsDir]);
    expect(refused.code).toBe(2);
    expectOneLineError(refused.stderr, new RegExp(`shards 1/2 \\(${first!.reportsDir}\\) and 2/2 \\(${other!.reportsDir}\\) are of different runs: run id "github:111" vs "github:222"`));
    const out = join(scratchDir(), 'merged');
    const merged = await merge(out, [first!.reportsDir, same!.reportsDir]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(readReport(out).runInfo.runId).toBe('github:111');
    expect(merged.stdout).not.toContain('note:');
    // A shard with no run id (run outside CI without --run-id): merged, and the merge says it could not check it.
    const unchecked = await merge(join(scratchDir(), 'merged'), [first!.reportsDir, none!.reportsDir]);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain(`note: run id not checked: shard 2/2 (${none!.reportsDir}) has none, the other shards have "github:111"`);
  }, 60_000);

  test('a bad --run-id or ZAVU_RUN_ID: exit 2 in one line, before any request', async () => {
    const flag = await runConformanceCli(['--shard', '1/2', '--run-id', 'night 7<b>']);
    expect(flag.code).toBe(2);
    expectOneLineError(flag.stderr, /--run-id has " " at character 6: use letters, digits and \. _ - :/);
    const env = await runConformanceCli([], { ZAVU_RUN_ID: 'x'.repeat(200) });
    expect(env.code).toBe(2);
    expectOneLineError(env.stderr, /ZAVU_RUN_ID is 200 characters long, at most 128/);
  });

  test('the shards of a flaky run merge into exit 1; --allow-flaky given to the merge, or to every shard, passes it (exit 0)', async () => {
    const apiKey = 'zv_test_flakymerge00000000000000000000000';
    // As the flaky test above: the shards run one after the other, so whichever shard holds that
    // case's reads sees pass, pass, fail.
    const server = await startFlakyServer(apiKey);
    const shardsOf = async (extra: string[]): Promise<ConformanceRun[]> => {
      const runs: ConformanceRun[] = [];
      for (const shard of ['1/2', '2/2']) runs.push(await againstServer(server, ['--shard', shard, '--operation', 'getWhatsAppSyncStatus', '--repeat', '3', ...extra, ...quick]));
      return runs;
    };
    try {
      const plain = await shardsOf([]);
      expect(plain.map((run) => run.report?.summary.flaky)).toContain(1);
      const red = await merge(join(scratchDir(), 'merged'), dirsOf(plain));
      expect(red.stderr).toBe('');
      expect(red.code).toBe(1);
      const allowedByMerge = await merge(join(scratchDir(), 'merged'), ['--allow-flaky', ...dirsOf(plain)]);
      expect(allowedByMerge.code).toBe(0);
      const allowedByShards = await shardsOf(['--allow-flaky']);
      expect(allowedByShards.map((run) => run.code)).toEqual([0, 0]);
      const out = join(scratchDir(), 'merged');
      const green = await merge(out, dirsOf(allowedByShards));
      expect(green.code).toBe(0);
      // Passed, not hidden: the merged report still says the case was flaky.
      expect(readReport(out).summary.flaky).toBe(1);
    } finally {
      await server.close();
    }
  });

  test('the shards of a failing run merge into exit 1, the failing case named', async () => {
    const { shards, whole } = await shardedRun('no-waba-returns-200');
    expect(whole.code).toBe(1);
    const out = join(scratchDir(), 'merged');
    const run = await merge(out, dirsOf(shards));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(readReport(out).results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual(['getWhatsAppSyncStatus/no-waba']);
    expect(run.stdout).toContain('status-code-expected');
  });

  test("OUT that is one of the shard folders: exit 2 before anything is written, the shard's reports as they were", async () => {
    const [first] = dirsOf(clean.shards);
    if (first === undefined) throw new Error('two shards');
    const before = readFileSync(join(first, 'conformance.json'), 'utf8');
    const run = await merge(first, dirsOf(clean.shards));
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /is one of the shard folders being merged/);
    expect(readFileSync(join(first, 'conformance.json'), 'utf8')).toBe(before);
  });

  test('one shard of two: exit 2, one line; OUT, which held an earlier merge, now says NOT RUN (no earlier verdict left standing)', async () => {
    const out = join(scratchDir(), 'x');
    expect((await merge(out, dirsOf(clean.shards))).code).toBe(0);
    const run = await merge(out, dirsOf(clean.shards).slice(0, 1));
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /shard 2\/2 is missing/);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`shard 2/2 is missing\``));
    // As a run's NOT RUN: junit.xml holds the reason as an error, so a CI test tab goes red saying why, not "no test results found".
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites name="zavu-conformance" tests="1" failures="0" errors="1"[\s\S]*<error message="shard 2\/2 is missing[^"]*" type="not-run">/);
  });

  test('no shard folder named: exit 2, and an OUT of this suite\'s says NOT RUN', async () => {
    const out = join(scratchDir(), 'x');
    expect((await merge(out, dirsOf(clean.shards))).code).toBe(0);
    const run = await merge(out, []);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /name the shard report directories to merge/);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`name the shard report directories`));
  });

  test('a misspelt flag: exit 2, and an OUT of this suite\'s says NOT RUN', async () => {
    const out = join(scratchDir(), 'x');
    expect((await merge(out, dirsOf(clean.shards))).code).toBe(0);
    const run = await merge(out, ['--bogus', ...dirsOf(clean.shards)]);
    expect(run.code).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`.*--bogus`));
  });

  test('a folder that is not a shard is named; a shard that did not run is named with its own reason', async () => {
    const [first] = dirsOf(clean.shards);
    const whole = join(scratchDir(), 'whole');
    cpSync(first ?? '', whole, { recursive: true });
    const report = JSON.parse(readFileSync(join(whole, 'conformance.json'), 'utf8')) as { runInfo: { shard?: string } };
    delete report.runInfo.shard;
    writeFileSync(join(whole, 'conformance.json'), JSON.stringify(report));
    const notShard = await merge(join(scratchDir(), 'x'), [first ?? '', whole]);
    expect(notShard.code).toBe(2);
    expectOneLineError(notShard.stderr, new RegExp(`${whole.replace(/[/.]/g, '\\$&')} is not a shard report`));
    const down = join(scratchDir(), 'down');
    mkdirSync(down);
    writeFileSync(join(down, 'summary.md'), `${SUMMARY_HEADING}: NOT RUN\n\n\`127.0.0.1:9 is unreachable: connection refused\`\n\nExit code 3: no case was judged, so there is no verdict.\n`);
    const run = await merge(join(scratchDir(), 'x'), [first ?? '', down]);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, new RegExp(`shard ${down.replace(/[/.]/g, '\\$&')} did not run \\(its summary.md says NOT RUN: 127\\.0\\.0\\.1:9 is unreachable: connection refused\\)`));
  });

  test("a shard whose run is still writing (its folder's lock names a live process) is refused, not merged from last night's files; so is an OUT another merge is writing", async () => {
    const copies = dirsOf(clean.shards).map((dir) => {
      const copy = join(scratchDir(), 'shard');
      cpSync(dir, copy, { recursive: true });
      return copy;
    });
    // This test's own process is the run still at work: alive, on this host.
    const holder = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
    const [, second] = copies;
    writeFileSync(join(second ?? '', '.zavu-conformance.lock'), holder);
    const out = join(scratchDir(), 'merged');
    const running = await merge(out, copies);
    expect(running.code).toBe(2);
    expectOneLineError(running.stderr, new RegExp(`${(second ?? '').replace(/[/.]/g, '\\$&')}: a shard's run is still writing there \\(pid ${process.pid} on `));
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'summary.md']);

    rmSync(join(second ?? '', '.zavu-conformance.lock'));
    expect((await merge(out, copies)).code).toBe(0);
    writeFileSync(join(out, '.zavu-conformance.lock'), holder);
    const busy = await merge(out, copies);
    expect(busy.code).toBe(2);
    expectOneLineError(busy.stderr, /--reports .+ is being written by another run/);
    // The other merge's files stand: no NOT RUN over them.
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: CONFORMANT`));
  });

  test('a shard directory without conformance.json: exit 2 naming it, and nothing but a NOT RUN summary is written to OUT', async () => {
    const [first, second] = dirsOf(clean.shards).map((dir) => {
      const copy = join(scratchDir(), 'shard');
      cpSync(dir, copy, { recursive: true });
      return copy;
    });
    // junit.xml is rendered from the merged report, so only conformance.json is needed from each shard.
    rmSync(join(second ?? '', 'conformance.json'));
    const out = join(scratchDir(), 'merged');
    const run = await merge(out, [first ?? '', second ?? '']);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance merge: shard \S+conformance\.json: no such file$/);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'summary.md']);
  });

  test('a shard folder that is not there, or a file given for one: exit 2 saying so of the folder, not of a file in it', async () => {
    const [first] = dirsOf(clean.shards);
    const missing = join(scratchDir(), 'never-downloaded');
    const file = join(scratchDir(), 'summary.md');
    writeFileSync(file, 'x');
    const gone = await merge(join(scratchDir(), 'merged'), [first ?? '', missing]);
    expect(gone.code).toBe(2);
    expectOneLineError(gone.stderr, /^zavu-conformance merge: shard \S+never-downloaded: no such folder$/);
    const notFolder = await merge(join(scratchDir(), 'merged'), [first ?? '', file]);
    expect(notFolder.code).toBe(2);
    expectOneLineError(notFolder.stderr, /^zavu-conformance merge: shard \S+summary\.md: not a folder \(merge takes the shards' --reports folders\)$/);
  });
});
