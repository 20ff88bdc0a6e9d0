/**
 * A nightly pass's second night, one route slowed: a proxy in front of the reference server holds
 * every request to one sender's status read ~100 ms on the second night only. Every case that
 * sends only that request regresses; the console says so once, the request first ("GET
 * /v1/senders/snd_coex_active/whatsapp-sync: N cases slower, …"), not as N unrelated regressions
 * ordered by the noise in each case's previous p95. The built library's runConformance, in this
 * process, both nights on 127.0.0.1 and ephemeral ports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../../src/model';
import { startReferenceServer } from '../../src/reference-server';
import { caseRequestKey } from '../../src/report/latency-regression-groups';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward, passOn } from '../support/reference-proxy';

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
const SENDER = 'snd_coex_active';
const ROUTE = `GET /v1/senders/${SENDER}/whatsapp-sync`;

test('a route slowed ~100 ms on the second night is one line, before the other regressions; conformance.json still lists every case', async () => {
  const server = await startReferenceServer();
  let delayMs = 0;
  const proxy = await startScriptedServer((req, res) => {
    const slowed = req.method === 'GET' && req.url === `/v1/senders/${SENDER}/whatsapp-sync`;
    forward(server, req).then(
      (answer) => (slowed && delayMs > 0 ? setTimeout(() => passOn(res, answer), delayMs) : passOn(res, answer)),
      (error: Error) => res.writeHead(502).end(`proxy: ${error.message}`),
    );
  });
  try {
    const cwd = scratchDir('zvc-slowed-route-');
    const night = async (reports: string, baseline?: string): Promise<{ report: ConformanceReport; stdout: string }> => {
      let stdout = '';
      await library.runConformance({
        baseUrl: proxy.baseUrl,
        apiKey: server.apiKey,
        senders: server.senders,
        operation: 'getWhatsAppSyncStatus',
        fuzzRuns: 0,
        seed: 1,
        env: {},
        cwd,
        reports,
        ...(baseline === undefined ? {} : { baseline }),
        out: (text) => (stdout += text),
      });
      return { report: JSON.parse(readFileSync(join(cwd, reports, 'conformance.json'), 'utf8')) as ConformanceReport, stdout };
    };
    await night('prev');
    delayMs = 100;
    const { report, stdout } = await night('tonight', 'prev/conformance.json');
    const regressions = report.baseline?.latencyRegressions ?? [];
    const byId = new Map(report.results.map((r) => [r.id, r] as const));
    const onRoute = regressions.filter((r) => caseRequestKey(byId.get(r.id)!) === ROUTE);
    expect(onRoute.length).toBeGreaterThanOrEqual(3);
    // The list in conformance.json is the cases', as it was; the console says the route once, first.
    expect(regressions.length).toBeGreaterThan(0);
    const line = stdout.split('\n').find((l) => l.startsWith('  latency regressions: ')) ?? '';
    expect(line).toMatch(new RegExp(`^  latency regressions: ${ROUTE.replace(/[/{}]/g, '\\$&')}: ${onRoute.length} cases slower, p95 ~[\\d.]+ → ~[\\d.]+ ms \\(median of the cases\\)(;|$)`));
    for (const r of onRoute) expect(line).not.toContain(`${r.id} (`);
    const summary = readFileSync(join(cwd, 'tonight', 'summary.md'), 'utf8');
    expect(summary).toContain(`\`${ROUTE}\`: ${onRoute.length} cases slower`);
    const html = readFileSync(join(cwd, 'tonight', 'conformance.html'), 'utf8');
    expect(html).toContain(`<li><code>${ROUTE}</code>: ${onRoute.length} cases slower`);
  } finally {
    await proxy.close();
    await server.close();
  }
}, 120_000);
