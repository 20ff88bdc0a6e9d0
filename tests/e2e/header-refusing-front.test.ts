/**
 * Fronts that refuse a request's Authorization header before the API sees it: nginx with its own
 * 494 ("Request Header Too Large", kept on the wire by an error_page for 494) for the 8 KB token,
 * and a 400 for the byte 0x85 the control-characters token ends with (Kestrel, under ASP.NET Core
 * and YARP, with its bare 400; an edge before it with an HTML page). A conformant API behind them
 * passes, with warnings that name the front; an app that answers those statuses itself with JSON,
 * or a front's page to a credential no front refuses, still fails, and so does a start that took
 * effect behind such a page (the read after it is judged all the same).
 */
import type { IncomingMessage } from 'node:http';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startReferenceServer } from '../../src/reference-server';
import { headerBytesRefusingFront, nginx494ForLongHeaders, startFront, type Front } from '../support/front-servers';
import { forward, startMockBefore, type OwnAnswer } from '../support/reference-proxy';
import { startScriptedServer } from '../support/misbehaving-servers';
import type { ConformanceRun } from '../support/conformance-run';

const READ = 'getWhatsAppSyncStatus';

/** Both fronts, one after the other: the long token meets nginx, the byte 0x85 the other. */
const bothFronts = (page: 'kestrel' | 'html'): Front => {
  const bytes = headerBytesRefusingFront(page);
  return (req, path) => {
    const first = nginx494ForLongHeaders(req, path);
    return 'answer' in first ? first : bytes(req, path);
  };
};

const failed = (run: ConformanceRun): string[] => (run.report?.results ?? []).filter((r) => r.status !== 'passed' && r.status !== 'skipped').map((r) => r.id);
const resultOf = (run: ConformanceRun, scenario: string) => run.report?.results.find((r) => r.operationId === READ && r.scenario === scenario);

test.each(['kestrel', 'html'] as const)("nginx's 494 to the 8 KB token and a front's 400 (%s) to a byte past ASCII in it are fronts' refusals: warnings, exit 0", async (page) => {
  const server = await startReferenceServer();
  const front = await startFront(server, bothFronts(page));
  try {
    // Writes too (the embedded server is ours): the starts' sequences send both tokens as well.
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--seed', '1', '--allow-writes', '--mock-target'], serverEnv(server));
    expect(failed(run)).toEqual([]);
    const refused = (run.report?.results ?? []).filter((r) => r.scenario === 'oversized-bearer-token' || r.scenario === 'control-chars-in-token');
    // Each of the three operations has both cases, and each was judged (the starts' not skipped).
    expect(refused.map((r) => r.status)).toEqual(Array(6).fill('passed'));
    for (const result of refused) {
      expect(result.violations.map((v) => [v.check, v.severity])).toEqual([['status-code-expected', 'warning']]);
      expect(result.violations[0]?.message).toContain(result.scenario === 'oversized-bearer-token' ? "a front's refusal (nginx's own status" : "a front's refusal (Kestrel");
    }
    expect(run.code).toBe(0);
  } finally {
    await front.close();
    await server.close();
  }
}, 90_000);

/** The app's own wrong answers, each to one case: the statuses fronts send, but not as fronts send them. */
function wrongApp(req: IncomingMessage): OwnAnswer | undefined {
  const authorization = req.headers.authorization ?? '';
  const json = { 'content-type': 'application/json' };
  // 494 with the contract's Error body: the app's, not nginx's page.
  if (authorization.length > 8192) return { status: 494, headers: json, body: JSON.stringify({ code: 'header_too_large', message: 'Request header too large' }) };
  // A JSON 400 that is not the contract's Error: the app's own shape, which a client cannot read.
  if (/[\t\x80-\xff]/.test(authorization)) return { status: 400, headers: json, body: JSON.stringify({ ok: false }) };
  // An HTML 400 to a credential no front refuses (plain ASCII): the app's page, not a front's.
  if (authorization.endsWith(' extra')) return { status: 400, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>400 Bad Request</h1></body></html>' };
  // nginx's 494 page to a token no front refuses ("Bearer constructor", a dozen bytes).
  if (authorization === 'Bearer constructor') return { status: 494, headers: { 'content-type': 'text/html', server: 'nginx' }, body: '<html><head><title>494 Request Header Too Large</title></head><body></body></html>' };
  return undefined;
}

test('the same statuses from the app itself, with its own bodies, or to cases no front refuses, still fail', async () => {
  const server = await startReferenceServer();
  const app = await startMockBefore(server, wrongApp);
  try {
    const run = await runConformanceCli(['--base-url', app.baseUrl, '--operation', READ, '--seed', '1'], serverEnv(server));
    const checksOf = (scenario: string): string[] => [...new Set((resultOf(run, scenario)?.violations ?? []).filter((v) => v.severity === 'error').map((v) => v.check))].sort();
    expect(resultOf(run, 'oversized-bearer-token')?.status).toBe('failed');
    expect(checksOf('oversized-bearer-token')).toContain('status-code-expected');
    expect(resultOf(run, 'control-chars-in-token')?.status).toBe('failed');
    expect(checksOf('control-chars-in-token')).toContain('response-schema');
    expect(resultOf(run, 'key-then-word')?.status).toBe('failed');
    expect(checksOf('key-then-word')).toEqual(expect.arrayContaining(['content-type', 'json-body']));
    expect(resultOf(run, 'key-property-name')?.status).toBe('failed');
    expect(checksOf('key-property-name')).toContain('status-code-expected');
    expect(run.code).not.toBe(0);
  } finally {
    await app.close();
    await server.close();
  }
}, 90_000);

test("a start that took effect behind a front's bare 400 to the byte 0x85 still fails: the warning leaves the read after it judged", async () => {
  const server = await startReferenceServer();
  // An app that reads the control-characters token as the key (controls dropped), starts the sync,
  // then answers a bare 400 as Kestrel would: the answer alone looks like a front's refusal.
  const app = await startScriptedServer((req, res) => {
    const authorization = req.headers.authorization ?? '';
    const tampered = req.method === 'POST' && /[\x80-\xff]/.test(authorization);
    if (tampered) req.headers.authorization = `Bearer ${server.apiKey}`;
    forward(server, req).then(
      (answer) => (tampered ? res.writeHead(400, { 'content-length': '0' }).end() : res.writeHead(answer.status, answer.headers).end(answer.body)),
      (error: Error) => res.writeHead(502).end(`app: ${error.message}`),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', app.baseUrl, '--operation', 'startWhatsAppHistorySync', '--allow-writes', '--mock-target', '--fuzz-runs', '0', '--seed', '1'], serverEnv(server));
    const result = run.report?.results.find((r) => r.scenario === 'control-chars-in-token');
    expect(result?.status).toBe('failed');
    // The start's own answer is the front's warning; the read after it shows the sync was started.
    expect(result?.violations.some((v) => v.check === 'status-code-expected' && v.severity === 'warning' && v.message.includes("a front's refusal (Kestrel"))).toBe(true);
    expect(result?.violations.filter((v) => v.severity === 'error').some((v) => /was refused, so the history sync/.test(v.message))).toBe(true);
    expect(run.code).not.toBe(0);
  } finally {
    await app.close();
    await server.close();
  }
}, 90_000);
