import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitedCheck } from '../../src/checks/rate-limited';
import type { Exchange, HttpRequest, HttpResponse, TransportError } from '../../src/model';
import { HttpTransport } from '../../src/transport/http-transport';
import { parseRetryAfter, RetryOn429Transport } from '../../src/transport/retry-on-429';
import type { Transport } from '../../src/transport/transport';
import { context } from '../checks/support/exchange-factory';
import { requireBuilt, runInChild } from '../support/in-child';
import { startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';

const request: HttpRequest = { method: 'GET', url: 'http://127.0.0.1:1/v1/senders/a/whatsapp-sync', path: '/v1/senders/a/whatsapp-sync', headers: {}, authVariant: 'valid' };
const NOW = Date.parse('2026-01-01T00:00:00Z');

const status = (code: number, headers: Record<string, string> = {}): HttpResponse => ({ status: code, headers, bodyText: '{}' });

/** A transport that answers with the given outcomes in turn (the last one forever) and counts calls. */
function scripted(...outcomes: (HttpResponse | TransportError)[]): Transport & { calls: number } {
  const fake = {
    calls: 0,
    async send(req: HttpRequest, id: string): Promise<Exchange> {
      const outcome = outcomes[Math.min(fake.calls, outcomes.length - 1)];
      fake.calls += 1;
      const base = { id, request: req, startedAt: new Date(NOW).toISOString(), durationMs: 5 };
      return outcome !== undefined && 'kind' in outcome ? { ...base, error: outcome } : { ...base, response: outcome ?? status(200) };
    },
    sourceOf: (id: string) => `recording-of-${id}`,
  };
  return fake;
}

function retrying(inner: Transport, options: { maxRetries?: number; maxWaitMs?: number; runBudgetMs?: number } = {}) {
  const slept: number[] = [];
  const transport = new RetryOn429Transport(inner, { ...options, now: () => NOW, sleep: async (ms) => void slept.push(ms) });
  return { transport, slept };
}

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Thu, 01 Jan 2026 00:00:05 GMT', 5000],
    ['Thursday, 01-Jan-26 00:00:05 GMT', 5000], // obsolete RFC 850 form, still to be accepted
    ['Thu Jan  1 00:00:05 2026', 5000], // obsolete asctime form: UTC, though it writes no zone
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0], // in the past: retry now
  ])('%s → %i ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([undefined, '', '1.5', '-1', 'soon', '+3', '2026-01-01T00:00:05Z', 'Thu, 01 Jan 2026 00:00:05 PST'])('%s → undefined', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it.each([
    // A CDN whose clock is 16 minutes behind the suite's: its date is past by the suite's clock, two seconds on by its own.
    ['Wed, 31 Dec 2025 23:44:02 GMT', 'Wed, 31 Dec 2025 23:44:00 GMT', 2000],
    // A host 20 minutes fast: twenty minutes ahead by the suite's clock, one second on by its own.
    ['Thu, 01 Jan 2026 00:20:01 GMT', 'Thu, 01 Jan 2026 00:20:00 GMT', 1000],
    // Before its own Date: now.
    ['Thu, 01 Jan 2026 00:00:00 GMT', 'Thu, 01 Jan 2026 00:00:09 GMT', 0],
  ])('an HTTP-date %s is read against the answer\'s own Date %s → %i ms', (value, date, expected) => {
    expect(parseRetryAfter(value, NOW, date)).toBe(expected);
  });

  it.each([
    ['no Date', undefined],
    ['a Date that is no HTTP-date', '2026-01-01T00:00:00Z'],
  ])('with %s, an HTTP-date is read against the suite\'s clock; delta-seconds never read a Date', (_what, date) => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', NOW, date)).toBe(5000);
    expect(parseRetryAfter('3', NOW, 'Wed, 31 Dec 2025 23:44:00 GMT')).toBe(3000);
  });

  it("reads asctime as UTC in any time zone: Date.parse would wait hours in New York's", () => {
    // A process of its own: the time zone is read when a process starts.
    const child = runInChild(`process.stdout.write(String(${requireBuilt('transport/retry-on-429.js')}.parseRetryAfter('Thu Jan  1 00:00:05 2026', ${NOW})))`, { TZ: 'America/New_York' });
    expect(child.stdout).toBe('5000');
  });
});

describe('RetryOn429Transport', () => {
  it('waits Retry-After, retries, and records the 429 on the final exchange', async () => {
    const inner = scripted(status(429, { 'retry-after': '2' }), status(200));
    const { transport, slept } = retrying(inner);
    const exchange = await transport.send(request, 'case#1');
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries).toEqual([{ status: 429, waitedMs: 2000 }]);
    expect(slept).toEqual([2000]);
    expect(inner.calls).toBe(2);
  });

  it('reads an HTTP-date Retry-After against the injected clock', async () => {
    const { transport, slept } = retrying(scripted(status(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), status(200)));
    expect((await transport.send(request, 'x')).retries).toEqual([{ status: 429, waitedMs: 3000 }]);
    expect(slept).toEqual([3000]);
  });

  it("waits what an HTTP-date Retry-After asks by the answer's own Date: a front 16 minutes behind is waited out, not retried at once", async () => {
    const { transport, slept } = retrying(scripted(status(429, { date: 'Wed, 31 Dec 2025 23:44:00 GMT', 'retry-after': 'Wed, 31 Dec 2025 23:44:02 GMT' }), status(200)));
    expect((await transport.send(request, 'x')).retries).toEqual([{ status: 429, waitedMs: 2000 }]);
    expect(slept).toEqual([2000]);
  });

  it('caps each wait at maxWaitMs and falls back to 1 s without a usable Retry-After', async () => {
    const inner = scripted(status(429, { 'retry-after': '86400' }), status(429), status(200));
    const { transport, slept } = retrying(inner, { maxWaitMs: 5000 });
    // The fallback is marked: the 429 named no wait a client could read.
    expect((await transport.send(request, 'x')).retries).toEqual([{ status: 429, waitedMs: 5000 }, { status: 429, waitedMs: 1000, retryAfter: 'missing' }]);
    expect(slept).toEqual([5000, 1000]);
  });

  it('a Retry-After that is neither seconds nor an HTTP-date ("soon") is waited out as none, marked unreadable, and the warning says the wait was the suite\'s own', async () => {
    const inner = scripted(status(429, { 'retry-after': 'soon' }), status(429), status(200));
    const { transport, slept } = retrying(inner);
    const exchange = await transport.send(request, 'x');
    expect(exchange.retries).toEqual([{ status: 429, waitedMs: 1000, retryAfter: 'unreadable' }, { status: 429, waitedMs: 1000, retryAfter: 'missing' }]);
    expect(slept).toEqual([1000, 1000]);
    expect(rateLimitedCheck.run(exchange, context())[0]?.message).toBe(
      "Received: 2 × 429, waited 2000 ms (no Retry-After on 1, an unreadable Retry-After on 1: the suite's default wait) / Expected: no rate limiting during a conformance run",
    );
  });

  it('gives up after maxRetries and returns the last 429 with every earlier one recorded', async () => {
    const inner = scripted(status(429, { 'retry-after': '1' }));
    const { transport } = retrying(inner, { maxRetries: 2 });
    const exchange = await transport.send(request, 'x');
    expect(exchange.response?.status).toBe(429);
    expect(exchange.retries).toHaveLength(2);
    expect(inner.calls).toBe(3);
  });

  it('spends one wait budget over the whole run: once it is gone, a 429 is the answer (a target that always says "Retry-After: 30" cannot hold a run for hours)', async () => {
    const inner = scripted(status(429, { 'retry-after': '30' }));
    const { transport, slept } = retrying(inner, { runBudgetMs: 75_000 });
    const first = await transport.send(request, 'a');
    const second = await transport.send(request, 'b');
    const third = await transport.send(request, 'c');
    // 30 + 30 s for the first request; a third 30 s wait is more than the 15 s left, and asking
    // again sooner than the target said would only meet another 429.
    expect(slept).toEqual([30_000, 30_000]);
    expect([first.retries?.length, second.retries, third.retries]).toEqual([2, undefined, undefined]);
    expect([first, second, third].map((e) => e.rateLimitBudgetSpent)).toEqual([true, true, true]);
    expect(third.response?.status).toBe(429);
    expect(inner.calls).toBe(5);
    // The warning names the budget and what to do, so the failed status is not a mystery.
    expect(rateLimitedCheck.run(third, context()).map((v) => v.message)).toEqual([expect.stringMatching(/waiting budget|waited out a minute.*--rate/)]);
  });

  it('defaults to a minute of waiting per run', async () => {
    const inner = scripted(status(429, { 'retry-after': '30' }));
    const { transport, slept } = retrying(inner);
    for (const id of ['a', 'b', 'c']) await transport.send(request, id);
    expect(slept).toEqual([30_000, 30_000]);
  });

  it('defaults to 3 retries', async () => {
    const inner = scripted(status(429, { 'retry-after': '0' }));
    await retrying(inner).transport.send(request, 'x');
    expect(inner.calls).toBe(4);
  });

  it.each([
    ['a 200', status(200)],
    ['a 503 with Retry-After', status(503, { 'retry-after': '1' })],
    ['a 401', status(401)],
    ['a transport error', { kind: 'reset', message: 'ECONNRESET' } as TransportError],
  ])('never retries %s and adds no retries field', async (_name, outcome) => {
    const inner = scripted(outcome);
    const { transport, slept } = retrying(inner);
    const exchange = await transport.send(request, 'x');
    expect(inner.calls).toBe(1);
    expect(slept).toEqual([]);
    expect(exchange).not.toHaveProperty('retries');
  });

  it('keeps the id and delegates sourceOf', async () => {
    const { transport } = retrying(scripted(status(429, { 'retry-after': '0' }), status(200)));
    expect((await transport.send(request, 'case#7')).id).toBe('case#7');
    expect(transport.sourceOf('case#7')).toBe('recording-of-case#7');
  });
});

describe('against rate-limiting servers, through HttpTransport', () => {
  let server: MisbehavingServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const get = (): HttpRequest => ({ ...request, url: `${server?.baseUrl ?? ''}${request.path}` });
  const tooMany =
    (retryAfter: string) =>
    (_req: IncomingMessage, res: ServerResponse): void => {
      // Its Date is the injected clock's: an HTTP-date Retry-After is read against it.
      res.writeHead(429, { 'content-type': 'application/json', date: new Date(NOW).toUTCString(), 'retry-after': retryAfter }).end('{"code":"rate_limited","message":"slow down"}');
    };
  function retrying() {
    const slept: number[] = [];
    // The sleep is injected so the test does not wait the seconds the server asks for.
    const transport = new RetryOn429Transport(new HttpTransport(2000), { now: () => NOW, sleep: async (ms) => void slept.push(ms) });
    return { transport, slept };
  }

  it('429 with Retry-After: 1, then 200 → retried once, the wait recorded and warned about', async () => {
    server = await startScriptedServer((req, res, index) => (index === 0 ? tooMany('1')(req, res) : res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
    const { transport, slept } = retrying();
    const exchange = await transport.send(get(), 'x');
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries).toEqual([{ status: 429, waitedMs: 1000 }]);
    expect(slept).toEqual([1000]);
    expect(server.requests).toHaveLength(2);
    expect(rateLimitedCheck.run(exchange, context())[0]?.message).toBe('Received: 1 × 429, waited 1000 ms / Expected: no rate limiting during a conformance run');
  });

  it('429 with an HTTP-date Retry-After → waits until that date', async () => {
    server = await startScriptedServer((req, res, index) => (index === 0 ? tooMany('Thu, 01 Jan 2026 00:00:02 GMT')(req, res) : res.end('{}')));
    const { transport, slept } = retrying();
    expect((await transport.send(get(), 'x')).retries).toEqual([{ status: 429, waitedMs: 2000 }]);
    expect(slept).toEqual([2000]);
  });

  it('429 forever → gives up after maxRetries and returns the last 429', async () => {
    server = await startScriptedServer(tooMany('1'));
    const { transport, slept } = retrying();
    const exchange = await transport.send(get(), 'x');
    expect(exchange.response?.status).toBe(429);
    expect(exchange.retries).toHaveLength(3);
    expect(slept).toEqual([1000, 1000, 1000]);
    expect(server.requests).toHaveLength(4);
  });
});

describe('the waits stay bounded whatever the options and the target ask', () => {
  it('caps a wait at 30 s by default: "Retry-After: 3600" is not waited out', async () => {
    const inner = scripted(status(429, { 'retry-after': '3600' }), status(200));
    const slept: number[] = [];
    const transport = new RetryOn429Transport(inner, { now: () => NOW, sleep: async (ms) => void slept.push(ms) });
    await transport.send(request, 'default-cap');
    expect(slept).toEqual([30_000]);
  });

  it('a negative maxWaitMs waits nothing, and spends nothing: the budget is not refilled by a negative wait', async () => {
    const inner = scripted(status(429, { 'retry-after': '5' }), status(200));
    const { transport, slept } = retrying(inner, { maxWaitMs: -10_000 });
    const exchange = await transport.send(request, 'negative');
    expect(slept).toEqual([0]);
    expect(exchange.retries).toEqual([{ status: 429, waitedMs: 0 }]);
  });
});

describe('a write is never sent twice', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('a %s answered 429 is not retried: the 429 is its answer, with no wait recorded', async (method) => {
    const inner = scripted(status(429, { 'retry-after': '1' }), status(200));
    const { transport, slept } = retrying(inner);
    const exchange = await transport.send({ ...request, method: method as HttpRequest['method'] }, 'write');
    expect(inner.calls).toBe(1);
    expect(exchange.response?.status).toBe(429);
    expect(exchange.retries).toBeUndefined();
    expect(slept).toEqual([]);
  });

  it('a HEAD answered 429 is retried, as a GET is', async () => {
    const inner = scripted(status(429, { 'retry-after': '1' }), status(200));
    const exchange = await retrying(inner).transport.send({ ...request, method: 'HEAD' }, 'head');
    expect(inner.calls).toBe(2);
    expect(exchange.response?.status).toBe(200);
  });
});

describe("a case's stop (SendOptions.signal)", () => {
  test("a wait for Retry-After is handed the case's stop, which ends it (its timer cleared), and nothing is sent again: the 429 is its answer", async () => {
    const inner = scripted(status(429, { 'retry-after': '30' }), status(200));
    const stop = new AbortController();
    // A wait that ends only when its signal is aborted (never by its 30 s timer): the stop must
    // clear it, not only stop waiting for it.
    const handed: (AbortSignal | undefined)[] = [];
    let cleared = 0;
    const sleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
      new Promise<void>((resolve) => {
        handed.push(signal);
        signal?.addEventListener('abort', () => resolve(void (cleared += 1)), { once: true });
      });
    const transport = new RetryOn429Transport(inner, { now: () => NOW, sleep });
    const sending = transport.send(request, 'op/case', { signal: stop.signal });
    await new Promise((resolve) => setImmediate(resolve));
    expect(handed).toEqual([stop.signal]);
    stop.abort();
    const exchange = await sending;
    expect([cleared, inner.calls, exchange.response?.status]).toEqual([1, 1, 429]);
  });

  test("a stop during a wait charges the run's waiting budget (and the retry's record) only the part waited; the record says the stop cut it, no retry after it", async () => {
    // The stopped case's 429, then another case's 429 and its 200.
    const inner = scripted(status(429, { 'retry-after': '30' }), status(429, { 'retry-after': '30' }), status(200));
    let clock = 0;
    // A stopped case's wait ends at its stop, 10 s in; any other runs its whole time.
    const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
      if (signal === undefined) return Promise.resolve(void (clock += ms));
      return new Promise<void>((resolve) => {
        clock += 10_000;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    };
    const transport = new RetryOn429Transport(inner, { runBudgetMs: 40_000, now: () => NOW, monotonicNow: () => clock, sleep });
    const stop = new AbortController();
    const stopped = transport.send(request, 'op/stopped', { signal: stop.signal });
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    // Marked stopped: its 429 is the exchange's answer, not one a retry was sent after (unjudgedAnswer, the rate-limited warning).
    expect((await stopped).retries).toEqual([{ status: 429, waitedMs: 10_000, stopped: true }]);
    // 30 s of the 40 s are left, not 10 s: the next 30 s wait is within the budget; waited out, it is no stopped one.
    const next = await transport.send(request, 'op/next');
    expect([next.response?.status, next.rateLimitBudgetSpent, next.retries]).toEqual([200, undefined, [{ status: 429, waitedMs: 30_000 }]]);
    expect(inner.calls).toBe(3);
  });

  test('a case already stopped when its 429 comes back asks no more', async () => {
    const inner = scripted(status(429, { 'retry-after': '1' }), status(200));
    const { transport, slept } = retrying(inner);
    const stop = new AbortController();
    stop.abort();
    const exchange = await transport.send(request, 'op/case', { signal: stop.signal });
    expect([inner.calls, slept.length, exchange.response?.status]).toEqual([1, 0, 429]);
  });
});
