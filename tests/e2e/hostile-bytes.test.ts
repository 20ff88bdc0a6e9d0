/**
 * A hostile target cannot exhaust the run, bloat its reports or fool its verdict with bytes: a
 * proxy in front of the reference server sends a bomb, an endless body, a header flood or a huge
 * body for one request (the coexistence case's read of one sender); the run ends on its own,
 * fails that case for the right reason with exit 1, and its reports stay small.
 */
import { dirBytes } from '../../src/bench/peak-rss';
import { startReferenceServer } from '../../src/reference-server';
import { boundWords, MAX_HEADER_BYTES, MAX_HEADER_COUNT, MAX_INFORMATIONAL, MAX_INFORMATIONAL_BYTES } from '../../src/transport/transport-bounds';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { sendBomb, sendEndless } from '../support/hostile-bodies';
import { raw } from '../support/misbehaving-servers';
import { startReferenceProxy, type Misbehaviour } from '../support/reference-proxy';

const CASE = 'getWhatsAppSyncStatus/coexistence[snd_coex_active]';
const GIB = 1024 * 1024 * 1024;
/** A normal run's reports are ~200 KB; a hostile byte must not add to them. */
const REPORTS_BOUND = 1024 * 1024;

/** Requests the running proxy has received so far. */
let proxyRequests: () => number = () => 0;

async function withMisbehaviour(behave: Misbehaviour, args: string[] = []) {
  const server = await startReferenceServer();
  const proxy = await startReferenceProxy(server, behave);
  proxyRequests = () => proxy.requests.length;
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', ...args], serverEnv(server));
    const target = run.report?.results.find((r) => r.id === CASE);
    const failed = run.report?.results.filter((r) => r.status === 'failed').map((r) => r.id);
    return { run, target, failed, checks: target?.violations.map((v) => `${v.severity}:${v.check}`) ?? [], requests: proxy.requests.length };
  } finally {
    await proxy.close();
    await server.close();
  }
}

/** The run ended by itself (not killed), failed exactly the hostile case, and its reports stay small. */
function expectBoundedFailure(result: Awaited<ReturnType<typeof withMisbehaviour>>, check: string): string {
  expect(result.run.code).toBe(1);
  expect(result.run.report?.certificate?.level).toBe('failed');
  expect(result.run.report?.summary.failed).toBe(1);
  expect(result.failed).toEqual([CASE]);
  expect(result.checks).toEqual([`error:${check}`]);
  expect(dirBytes(result.run.reportsDir)).toBeLessThan(REPORTS_BOUND);
  return result.target?.violations[0]?.message ?? '';
}

// Every coding alone is covered at the transport (tests/transport/body-limits.test.ts); end to end, one and a stack.
test.each([
  [['gzip'], 'gzip'],
  [['gzip', 'br'], 'gzip, br'],
])('a 1 GiB %j bomb: body-too-large, and nothing else about that body', async (codings, header) => {
  const message = expectBoundedFailure(await withMisbehaviour((res) => sendBomb(res, codings, GIB), ['--max-body-bytes', '1048576']), 'body-too-large');
  expect(message).toContain(`decoded (Content-Encoding ${header}) to more than 1048576 bytes`);
});

test('a body that never ends: body-too-large at the bound, not a timeout', async () => {
  const message = expectBoundedFailure(await withMisbehaviour((res) => sendEndless(res, 256 * 1024 * 1024), ['--max-body-bytes', '1048576']), 'body-too-large');
  expect(message).toMatch(/^Received: a body that ran to more than 1048576 bytes \(\d+ read before the connection was dropped\)/);
});

/** A case's failure past one of the transport's bounds names the bound as the suite's own, with its size. */
const KEPT = ': past a bound the suite keeps to protect itself, ';

test('a flood of headers: transport-error naming the bound', async () => {
  const headers = Object.fromEntries(Array.from({ length: MAX_HEADER_COUNT + 1 }, (_, i) => [`x-h${i}`, 'v']));
  const message = expectBoundedFailure(await withMisbehaviour((res) => res.writeHead(200, headers).end('{}')), 'transport-error');
  expect(message).toContain(`the response has more than ${MAX_HEADER_COUNT} headers${KEPT}${boundWords('header-count')}`);
});

test('one huge header: transport-error naming the bound', async () => {
  const message = expectBoundedFailure(await withMisbehaviour((res) => res.writeHead(200, { 'x-huge': 'h'.repeat(2 * MAX_HEADER_BYTES) }).end('{}')), 'transport-error');
  expect(message).toContain(`response headers exceed ${MAX_HEADER_BYTES} bytes${KEPT}${boundWords('head-bytes')}`);
});

test.each([
  ['101 Switching Protocols to a read that asked for no upgrade', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n', 'the target answered 101 Switching Protocols (Upgrade: websocket) to a request that asked for no upgrade'],
  ['a flood of 103 Early Hints and no answer after', 'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n'.repeat(MAX_INFORMATIONAL * 20), `more than ${MAX_INFORMATIONAL} informational (1xx) responses before the answer${KEPT}${boundWords('informational-count')}`],
  ['99 Early Hints of 60 KB each (under the head and count bounds) and no answer after', `HTTP/1.1 103 Early Hints\r\nLink: </${'a'.repeat(60_000)}>; rel=preload\r\n\r\n`.repeat(MAX_INFORMATIONAL - 1), `informational (1xx) responses before the answer exceed ${MAX_INFORMATIONAL_BYTES} bytes${KEPT}${boundWords('informational-bytes')}`],
])('%s: transport-error saying so, not a timeout at the deadline', async (_name, head, said) => {
  // Written on the connection as it is and never ended: without a final answer node:http would wait for the deadline.
  const message = expectBoundedFailure(await withMisbehaviour((res) => res.socket?.write(head)), 'transport-error');
  expect(message).toContain(said);
});

test('a request that loses the deadline is hung up on before the run goes on', async () => {
  let atTarget = 0;
  let whenClosed: number | undefined;
  const result = await withMisbehaviour((res) => {
    atTarget = proxyRequests();
    res.socket?.once('close', () => (whenClosed = proxyRequests()));
    // Never idle, never done: a byte every 40 ms for 40 s (timers unref'd: the proxy's close ends them).
    if (res.socket) raw.trickle(40, 1000)(res.socket, (ms, run) => void setTimeout(run, ms).unref());
  }, ['--timeout', '500']);
  expectBoundedFailure(result, 'timeout');
  // Closed while at most one later request was on its way, not when the run ended.
  expect(result.requests).toBeGreaterThan(atTarget + 3);
  expect(whenClosed).toBeLessThanOrEqual(atTarget + 1);
});

test('a 50 MB body under a raised --max-body-bytes: received whole and judged (its extra property only a warning)', async () => {
  const { run, target, checks } = await withMisbehaviour(
    (res, up) => res.writeHead(up.status, up.headers).end(JSON.stringify({ ...(JSON.parse(up.body) as object), padding: 'x'.repeat(50 * 1000 * 1000) })),
    ['--max-body-bytes', String(64 * 1024 * 1024)],
  );
  expect(run.code).toBe(0);
  expect(target?.status).toBe('passed');
  expect(checks).toEqual(['warning:undocumented-properties']);
  expect(dirBytes(run.reportsDir)).toBeLessThan(REPORTS_BOUND);
});
