/**
 * A target whose upstream went down mid-run behind its front: nginx in front of a mock whose
 * process died answers every request after with its own 502 page. The cases judge those answers
 * as they are (verdicts and exit code unchanged), and the run says the one cause once, as a
 * headline above every case, in the console, summary.md and conformance.html, naming the request
 * the row began with. A front with one 502 among the API's answers says nothing of the kind.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startReferenceProxy } from '../support/reference-proxy';
import type { SeenRequest } from '../support/coexistence-case-reads';
import { scratchDir } from '../support/scratch-dir';

/** nginx's own 502 page, as a front with nothing behind it sends it. */
const NGINX_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A front before `server` that passes its first `after` requests on, then answers every one with nginx's 502 page; `first` the first it answered so, `seen` how many came. */
async function frontDownAfter(server: ReferenceServer, after: number): Promise<{ front: Awaited<ReturnType<typeof startReferenceProxy>>; seen: () => number; first: () => SeenRequest | undefined }> {
  let seen = 0;
  let first: SeenRequest | undefined;
  const front = await startReferenceProxy(
    server,
    (res) => res.writeHead(502, { 'content-type': 'text/html', server: 'nginx' }).end(NGINX_502),
    (request) => {
      seen += 1;
      if (seen <= after) return false;
      first ??= request;
      return true;
    },
  );
  return { front, seen: () => seen, first: () => first };
}

const ARGS = ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--concurrency', '1'];

test('the API answers, then its front answers 502 pages to every request: one headline first, naming the request it began with, verdicts as they were', async () => {
  const server = await startReferenceServer();
  // The first 8 requests reach the API; every one after gets the front's page.
  const down = await frontDownAfter(server, 8);
  const { front } = down;
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, ...ARGS], serverEnv(server));
    expect(run.stderr).toBe('');
    // The cases judged the front's answers, each failing as before: the exit code is a run with violations'.
    expect(run.code).toBe(1);
    const warnings = run.report?.runWarnings ?? [];
    expect(warnings.map((w) => w.kind)).toContain('upstream-down');
    const message = warnings.find((w) => w.kind === 'upstream-down')?.message ?? '';
    expect(down.first()).toBeDefined();
    expect(message.startsWith(`from ${down.first()?.method} ${down.first()?.path}, exchange `)).toBe(true);
    expect(message).toContain('an HTML page (text/html)');
    // Every request the front answered itself (all after the 8th) counted, each once, and nothing of its page repeated.
    expect(message).toContain(`(502 ×${down.seen() - 8}; ${down.seen() - 8} gateway answers in all, the first an HTML page (text/html)`);
    expect(message).toContain('and it answered as the API to none after');
    expect(message).not.toMatch(/Bad Gateway|nginx|</);
    expect(message).toContain('its upstream may have gone down behind its front');
    // Every case with an answer from then on, counted: none of them passed on an answer it never got from the API.
    const failing = run.report?.results.filter((r) => r.status === 'failed').length ?? 0;
    const counted = Number(/(\d+) cases? begun from it on \(their first request sent at or after it\) judged on the answers since/.exec(message)?.[1]);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(run.report?.results.length ?? 0);
    expect(failing).toBeGreaterThanOrEqual(counted - 1);

    // Said once, first: above the faults and every operation's block in the console, and not again among the warnings.
    const lines = run.stdout.split('\n');
    // And as it happened, among the progress lines, once: a reader watching the run live need not wait for its end.
    const live = lines.filter((line) => line.startsWith('  upstream down?'));
    expect(live).toHaveLength(1);
    expect(live[0]).toContain(`: from ${down.first()?.method} ${down.first()?.path}, exchange `);
    expect(live[0]).toContain('the target answered 5 requests in a row with a gateway error (502 ×5, the first an HTML page (text/html))');
    expect(live[0]).not.toMatch(/Bad Gateway|nginx|</);
    expect(lines.indexOf(live[0] ?? '')).toBeLessThan(lines.findIndex((line) => line.startsWith('UPSTREAM DOWN? ')));
    // The API never answered again: no line says it did.
    expect(lines.filter((line) => line.startsWith('  upstream back?'))).toEqual([]);
    const headline = lines.findIndex((line) => line.startsWith('UPSTREAM DOWN? from '));
    expect(lines.filter((line) => line.startsWith('UPSTREAM DOWN? '))).toHaveLength(1);
    expect(headline).toBeGreaterThanOrEqual(0);
    // After the progress lines, the rendered report: the headline before the faults and the operation's block.
    expect(headline).toBeLessThan(lines.findIndex((line) => line.startsWith('failures by fault')));
    expect(headline).toBeLessThan(lines.findIndex((line) => line.startsWith('GET /v1/senders/{senderId}/whatsapp-sync (getWhatsAppSyncStatus):')));
    expect(lines.filter((line) => line.includes('its upstream may have gone down') && !line.startsWith('  upstream down?'))).toHaveLength(1);
    // And the log's tail, what a CI page shows, points to it.
    expect(lines.find((line) => line.startsWith('failing (each above): '))).toContain("the target's upstream may have gone down (see the top)");
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary.split('\n').filter((line) => line.includes('its upstream may have gone down'))).toHaveLength(1);
    expect(summary.indexOf('**Upstream down?**')).toBeGreaterThan(0);
    expect(summary.indexOf('**Upstream down?**')).toBeLessThan(summary.indexOf('**Failures**'));
    const html = readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8');
    expect(html.split('its upstream may have gone down')).toHaveLength(2);
    expect(html.indexOf('class="upstream-down"')).toBeGreaterThan(0);
    expect(html.indexOf('class="upstream-down"')).toBeLessThan(html.indexOf('class="failure-list"') === -1 ? html.length : html.indexOf('class="failure-list"'));
    expect(readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8')).not.toContain('upstream may have gone down');
  } finally {
    await front.close();
    await server.close();
  }
}, 90_000);

test("a replay of a recorded outage: no live line (it would be found in the replay's order, not the recorded run's), and its headline names the request the recorded run's row began with", async () => {
  const server = await startReferenceServer();
  const down = await frontDownAfter(server, 8);
  const { front } = down;
  const recordings = scratchDir('zvc upstream-down-');
  try {
    const recorded = await runConformanceCli(['--base-url', front.baseUrl, '--mode', 'record', '--recordings', recordings, ...ARGS], serverEnv(server));
    expect({ code: recorded.code, stderr: recorded.stderr }).toEqual({ code: 1, stderr: '' });
    expect(recorded.stdout.split('\n').filter((line) => line.startsWith('  upstream down?: from '))).toHaveLength(1);
  } finally {
    await front.close();
    await server.close();
  }
  // Nothing is listening now: the replay's answers are the recording's.
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, ...ARGS]);
  expect({ code: replay.code, stderr: replay.stderr }).toEqual({ code: 1, stderr: '' });
  const lines = replay.stdout.split('\n');
  expect(lines.filter((line) => line.startsWith('  upstream'))).toEqual([]);
  // The replay plays the coexistence senders in another order than the recorded run sent them: taken
  // as played, the row began at a request the recorded run sent after its row had begun.
  const headline = lines.filter((line) => line.startsWith('UPSTREAM DOWN? '));
  expect(headline).toHaveLength(1);
  expect(headline[0]).toContain(`UPSTREAM DOWN? from ${down.first()?.method} ${down.first()?.path}, exchange `);
  expect(replay.report?.runWarnings?.map((w) => w.kind)).toContain('upstream-down');
}, 120_000);

/** A front that sends its own answer in place of the API's to the requests `intercepts` picks (counted from 1). */
type Front = { answer: (res: ServerResponse) => void; intercepts: (seen: number) => boolean };

test.each<[string, Front]>([
  // The contract documents no 502, 503 or 504 (../shared/spec): a contract that documented a 503 with Retry-After would have its API answer so.
  [
    "a front that answers 503 in the contract's JSON error form, with Retry-After, to every request after the 8th: the API's own answers, judged",
    { answer: (res) => res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ code: 'service_unavailable', message: 'Try again shortly' })), intercepts: (seen) => seen > 8 },
  ],
  ["a flaky front, one 502 page among the API's answers: that case fails on it", { answer: (res) => res.writeHead(502, { 'content-type': 'text/html' }).end(NGINX_502), intercepts: (seen) => seen === 6 }],
])('%s, and no headline', async (_name, { answer, intercepts }) => {
  const server = await startReferenceServer();
  let seen = 0;
  const front = await startReferenceProxy(server, answer, () => intercepts((seen += 1)));
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, ...ARGS], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.report?.results.some((r) => r.status === 'failed')).toBe(true);
    expect(run.report?.runWarnings?.map((w) => w.kind) ?? []).not.toContain('upstream-down');
    expect(run.stdout).not.toContain('UPSTREAM DOWN?');
  } finally {
    await front.close();
    await server.close();
  }
}, 90_000);
