/**
 * An outage behind a load balancer answers quick 502s: those are not the target's latency. A proxy
 * in front of the reference server answers one sender's coexistence case alternately with an
 * immediate 502 and with the server's 200 held for 30 ms, and another sender's coexistence case
 * with an immediate 502 always (the sequences that read those senders with the key first are
 * answered as the server answers them). Under --repeat the first case's figures must be those of the 200s alone, with the 502s
 * counted as left out; the second case has no figures at all, and every report says why. Timing
 * is asserted against the proxy's own hold (a sample of a 200 cannot be shorter), never a wall clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../../src/model';
import { startReferenceServer } from '../../src/reference-server';
import { readReportFile } from '../../src/report/read-report';
import { readBaseline } from '../../src/baseline/read-baseline';
import { diffBaseline } from '../../src/baseline/baseline-diff';
import { escapeHtml } from '../../src/report/html-text';
import { leftOutText, noFiguresText } from '../../src/report/regression-text';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { startScriptedServer } from '../support/misbehaving-servers';
import { coexistenceCaseReads } from '../support/coexistence-case-reads';
import { forward, passOn } from '../support/reference-proxy';

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
const MIXED = 'snd_coex_active';
const DOWN = 'snd_coex_fresh';
const HOLD_MS = 30;
const REPEAT = 6;
/** What the 502s say: a target's words, which no latency line may show. */
const BODY_502 = 'UPSTREAM-DOWN <b>x</b>';

test('--repeat against quick 502s and slow 200s: figures of the 200s only, the 502s counted as left out; a case of 502s only has no figures', async () => {
  const server = await startReferenceServer();
  let mixedReads = 0;
  const mixedCase = coexistenceCaseReads(MIXED, server.apiKey);
  const downCase = coexistenceCaseReads(DOWN, server.apiKey);
  const proxy = await startScriptedServer((req, res) => {
    const seen = { method: req.method ?? 'GET', path: req.url ?? '/', ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }) };
    // Each tracker sees every request once, in order.
    const mixed = mixedCase(seen);
    const down = downCase(seen);
    const quick502 = (): void => void res.writeHead(502, { 'content-type': 'text/plain' }).end(BODY_502);
    if (down) return quick502();
    // The case's repeats run one after another: odd reads 502 at once, even ones 200 after the hold.
    if (mixed && (mixedReads += 1) % 2 === 1) return quick502();
    const arrived = process.hrtime.bigint();
    forward(server, req).then(
      (answer) => {
        if (!mixed) return passOn(res, answer);
        const waited = Number(process.hrtime.bigint() - arrived) / 1e6;
        setTimeout(() => passOn(res, answer), Math.max(0, HOLD_MS - waited));
      },
      (error: Error) => res.writeHead(500).end(`proxy: ${error.message}`),
    );
  });
  try {
    const cwd = scratchDir('zvc-latency-5xx-');
    let stdout = '';
    await library.runConformance({
      baseUrl: proxy.baseUrl,
      apiKey: server.apiKey,
      senders: server.senders,
      operation: 'getWhatsAppSyncStatus',
      repeat: REPEAT,
      latencyBudgetMs: 5000,
      fuzzRuns: 0,
      seed: 1,
      env: {},
      cwd,
      reports: 'reports',
      out: (text) => (stdout += text),
    });
    const reportsDir = join(cwd, 'reports');
    const report = JSON.parse(readFileSync(join(reportsDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    const mixed = report.results.find((r) => r.id === `getWhatsAppSyncStatus/coexistence[${MIXED}]`);
    const down = report.results.find((r) => r.id === `getWhatsAppSyncStatus/coexistence[${DOWN}]`);

    // The mixed case: each 502 attempt keeps no sample; the figures are the 200s', none shorter than the hold.
    const statuses = mixed?.attempts?.map((a) => a.receivedStatus);
    expect(statuses).toEqual(Array.from({ length: REPEAT }, (_, i) => (i % 2 === 0 ? 502 : 200)));
    expect(mixed?.attempts?.filter((a) => a.receivedStatus === 502).every((a) => a.exchangesMs?.length === 0)).toBe(true);
    expect(mixed?.latency?.samples).toBe(REPEAT / 2);
    // The held 200s, not the quick 502s (~1 ms): a timer may fire up to 1 ms early against hrtime (29.8 ms was seen).
    expect(mixed?.latency?.p50).toBeGreaterThanOrEqual(HOLD_MS - 1);
    expect(mixed?.latencyLeftOut).toEqual({ exchanges: REPEAT / 2, byStatus: [{ status: 502, count: REPEAT / 2 }] });

    // Every exchange a 502: no figures (not zeros), the count says why, and the budget says it could not be held to.
    expect(down?.latency).toBeUndefined();
    expect(down?.latencyLeftOut).toEqual({ exchanges: REPEAT, byStatus: [{ status: 502, count: REPEAT }] });
    expect(down?.violations.find((v) => v.check === 'latency-budget')).toMatchObject({ severity: 'warning', message: expect.stringContaining(noFiguresText(down!.latencyLeftOut!)) as unknown as string });

    // The run's figures leave the 502s out too, and count them over every case.
    const leftOut = report.latencyLeftOut;
    expect(leftOut?.exchanges).toBe(report.results.reduce((sum, r) => sum + (r.latencyLeftOut?.exchanges ?? 0), 0));
    expect(leftOut?.exchanges).toBeGreaterThanOrEqual(REPEAT + REPEAT / 2);
    const ran = report.results.filter((r) => r.family !== 'negative-inputs').flatMap((r) => (r.attempts ?? []).filter((a) => a.status !== 'skipped').flatMap((a) => a.exchangesMs ?? [a.durationMs]));
    expect(report.latency?.samples).toBe(ran.length);

    // Shown where the figures are: the console under --repeat, summary.md, the HTML table; no byte of the 502s' bodies.
    const line = stdout.split('\n').find((l) => l.startsWith('latency: '));
    expect(line).toContain(`; ${leftOutText(leftOut!)}`);
    const summary = readFileSync(join(reportsDir, 'summary.md'), 'utf8');
    expect(summary).toContain(leftOutText(leftOut!));
    const html = readFileSync(join(reportsDir, 'conformance.html'), 'utf8');
    const section = /<section class="latency">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain(escapeHtml(leftOutText(mixed!.latencyLeftOut!)));
    expect(section).toContain(escapeHtml(noFiguresText(down!.latencyLeftOut!)));
    for (const text of [line ?? '', section]) expect(text).not.toContain('UPSTREAM-DOWN');

    // The report as written reads back as this suite's own (a shard's, for merge; a baseline), no field ignored.
    const notes: string[] = [];
    expect(readReportFile(join(reportsDir, 'conformance.json'), 'shard', (n) => notes.push(n)).latencyLeftOut).toEqual(leftOut);
    expect(notes).toEqual([]);
    const file = join(reportsDir, 'conformance.json');
    expect(diffBaseline(report, readBaseline(file), file).latencyRegressions).toEqual([]);
  } finally {
    await proxy.close();
    await server.close();
  }
}, 60_000);
