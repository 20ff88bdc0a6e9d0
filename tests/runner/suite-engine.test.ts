/**
 * The engine the Jest suite calls into, built once in the host process: its describe/test layout,
 * results kept in memory in plan order (a case never run says why), failures as text for Jest, a
 * case that throws recorded as an error instead of rejecting, and the key scrubbed from what is kept.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReferenceServer } from '../../src/reference-server';
import type { ReferenceServer } from '../../src/reference-server/types';
import { createSuiteEngine } from '../../src/runner/suite-engine';
import { MAX_GRACE_TIMEOUTS } from '../../src/transport/stall-grace';
import { MAX_EXCHANGE_DEADLINES } from '../../src/transport/exchange-deadlines';
import { STOPPED_BY_STRAY_ERROR } from '../../src/runner/timed-out';
import { isAggregateResult } from '../../src/model/aggregate-result';
import { caseLeftOut } from '../../src/model/latency-samples';
import { operations, row } from '../support/shipped-contract';
import { planCase } from '../../src/registry/plan-cases';
import { UPSTREAM_DOWN_AFTER } from '../../src/runner/gateway-tally';
import { enginePlan, shippedCase } from '../support/engine-plan';
import { startFront } from '../support/front-servers';
import { longestPlayedExchangeMs } from '../support/longest-exchange';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

test('one group per operation in plan order; a skipped case is declared skipped and already recorded', () => {
  const skipped = { ...shippedCase(server, 'getWhatsAppSyncStatus', 'no-credentials'), skipReason: 'no fixture' };
  const plan = enginePlan(server, [shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence'), skipped, shippedCase(server, 'startWhatsAppContactsSync', 'no-credentials')]);
  const engine = createSuiteEngine(plan, server.apiKey);
  expect(engine.groups.map((g) => [g.title, g.cases.map((c) => c.id)])).toEqual([
    [`getWhatsAppSyncStatus: ${operations.get('getWhatsAppSyncStatus')?.label}`, ['getWhatsAppSyncStatus/coexistence', 'getWhatsAppSyncStatus/no-credentials']],
    [`startWhatsAppContactsSync: ${operations.get('startWhatsAppContactsSync')?.label}`, ['startWhatsAppContactsSync/no-credentials']],
  ]);
  expect(engine.groups[0]?.cases[1]).toMatchObject({ skipReason: 'no fixture', concurrent: false });
  expect(engine.results('stopped').map((r) => r.status)).toEqual(['error', 'skipped', 'error']);
});

test('with --concurrency above 1 only the reads are declared concurrent: a case that writes runs alone, so no start falls between two witness reads of another case (the concurrent starts\' sender is one)', () => {
  const read = shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence');
  const write = shippedCase(server, 'startWhatsAppContactsSync', 'concurrent-starts');
  const witnessing = shippedCase(server, 'startWhatsAppHistorySync', 'start-syncable');
  expect([write.writes, witnessing.writes]).toEqual([true, true]);
  const engine = createSuiteEngine(enginePlan(server, [read, write, witnessing], { concurrency: 4 }), server.apiKey);
  expect(engine.groups.flatMap((g) => g.cases.map((c) => [c.id, c.concurrent]))).toEqual([
    [read.id, true],
    [write.id, false],
    [witnessing.id, false],
  ]);
});

test('results come back in plan order whatever order the cases ran in; a case never run says the suite stopped before it', async () => {
  const plan = enginePlan(server, ['coexistence', 'no-credentials', 'empty-bearer'].map((id) => shippedCase(server, 'getWhatsAppSyncStatus', id)));
  const engine = createSuiteEngine(plan, server.apiKey);
  await expect(engine.run('getWhatsAppSyncStatus/empty-bearer')).resolves.toBeUndefined();
  await expect(engine.run('getWhatsAppSyncStatus/coexistence')).resolves.toBeUndefined();
  const results = engine.results('the suite stopped before this case');
  expect(results.map((r) => [r.id, r.status])).toEqual([
    ['getWhatsAppSyncStatus/coexistence', 'passed'],
    ['getWhatsAppSyncStatus/no-credentials', 'error'],
    ['getWhatsAppSyncStatus/empty-bearer', 'passed'],
  ]);
  expect(results[1]?.errorMessage).toBe('no result recorded: the suite stopped before this case');
});

test('a negative-input case the suite never ran, or skipped, still says it is fuzzed: its error is no unanswered exchange in the latency figures', () => {
  const fuzz = { ...shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs'), params: {} };
  const skipped = { ...fuzz, id: 'getWhatsAppSyncStatus/negative-inputs-skipped', skipReason: 'negative inputs are generated live from a seed' };
  const [never, skip] = createSuiteEngine(enginePlan(server, [fuzz, skipped]), server.apiKey).results('the suite stopped before this case');
  expect(never).toMatchObject({ status: 'error', fuzzed: 'senderId' });
  expect(skip).toMatchObject({ status: 'skipped', fuzzed: 'senderId' });
  // As the one result of a property it is: not one request that went unanswered.
  expect(isAggregateResult(never!)).toBe(true);
  expect(caseLeftOut(never!)).toBeUndefined();
});

test('a failing case resolves to the text Jest shows, and its result is kept failed with the key scrubbed', async () => {
  // The "unknown" key is the server's own: the wrong-key case gets a 200 instead of its 401.
  const engine = createSuiteEngine(enginePlan(server, [shippedCase(server, 'getWhatsAppSyncStatus', 'wrong-key')], { unknownKey: server.apiKey }), server.apiKey);
  const failure = await engine.run('getWhatsAppSyncStatus/wrong-key');
  expect(failure).toMatch(/^getWhatsAppSyncStatus\/wrong-key: expected 401, received 200\n/);
  expect(failure).toContain('Reproduce with:');
  const [result] = engine.results('stopped');
  expect(result?.status).toBe('failed');
  expect(JSON.stringify(result)).not.toContain(server.apiKey);
});

test('a case that throws inside the engine resolves (never rejects) to an error naming the throw, kept for the reports', async () => {
  // A sequence whose first step calls an operation the plan lacks: executeCase throws, as a bug in the suite would.
  const sequence = shippedCase(server, 'startWhatsAppContactsSync', 'start-syncable');
  const plan = enginePlan(server, [sequence], { operations: [...operations.values()].filter((o) => o.operationId !== 'getWhatsAppSyncStatus') });
  const engine = createSuiteEngine(plan, server.apiKey);
  const failure = await engine.run(sequence.id);
  expect(failure).toContain('error: the suite crashed on this case: operation getWhatsAppSyncStatus is not in the plan');
  expect(engine.results('stopped')[0]).toMatchObject({ status: 'error', errorMessage: 'the suite crashed on this case: operation getWhatsAppSyncStatus is not in the plan' });
});

test('a schema that does not compile stops the engine before a single request', () => {
  const plan = enginePlan(server, [shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence')], { schemas: { Broken: { type: 'no-such-type' } } });
  expect(() => createSuiteEngine(plan, server.apiKey)).toThrow(/type/);
});

test('a case still running when the suite ends says so, not that the suite never reached it; after close nothing more is sent', async () => {
  // A target that never answers: the case is in flight when the results are taken (as after Jest's timeout for it).
  let requests = 0;
  const silent = createServer(() => {
    requests += 1;
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const plan = enginePlan({ baseUrl }, ['coexistence', 'no-credentials'].map((id) => shippedCase(server, 'getWhatsAppSyncStatus', id)), { timeoutMs: 60_000 });
    const engine = createSuiteEngine(plan, server.apiKey);
    const running = engine.run('getWhatsAppSyncStatus/coexistence');
    for (let i = 0; i < 400 && requests === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const results = engine.results('the suite stopped before this case');
    expect(results.map((r) => r.errorMessage)).toEqual([
      "no result recorded: the case was still running when the suite ended (Jest's timeout for it, a guard against a bug in the suite, ran out first)",
      'no result recorded: the suite stopped before this case',
    ]);
    engine.close();
    await running;
    // The other case, run after the close (as Jest may still do), sends nothing.
    await engine.run('getWhatsAppSyncStatus/no-credentials');
    expect(requests).toBe(1);
  } finally {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});

test('--concurrency reaches the negative-input property: with 4, its requests are in flight up to 4 at once; with 1, one at a time', async () => {
  let inFlight = 0;
  let most = 0;
  // Answers are held until `holdFor` requests are in flight (or, at the property's tail, 50 ms have
  // passed), then all go at once: on a loaded machine a 2 ms answer could leave before the fourth
  // request arrived, and the count fell short of a concurrency the suite did use.
  let holdFor = 1;
  let held: Array<() => void> = [];
  let fallback: NodeJS.Timeout | undefined;
  const release = (): void => {
    clearTimeout(fallback);
    const answers = held;
    held = [];
    for (const answer of answers) answer();
  };
  const counting = createServer((_req, res) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    held.push(() => {
      inFlight -= 1;
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'not_found', message: 'Sender not found' }));
    });
    if (held.length >= holdFor) release();
    else if (held.length === 1) fallback = setTimeout(release, 50);
  });
  await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
  try {
    const target = { baseUrl: `http://127.0.0.1:${(counting.address() as AddressInfo).port}` };
    const mostWith = async (concurrency: number): Promise<number> => {
      most = 0;
      holdFor = concurrency;
      const engine = createSuiteEngine(enginePlan(target, [shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs')], { concurrency }), server.apiKey);
      try {
        await engine.run('getWhatsAppSyncStatus/negative-inputs');
      } finally {
        engine.close();
      }
      return most;
    };
    expect(await mostWith(1)).toBe(1);
    expect(await mostWith(4)).toBe(4);
  } finally {
    counting.closeAllConnections();
    await new Promise<void>((resolve) => counting.close(() => resolve()));
  }
});

test("a case's progress-line duration is its recorded one (with --repeat the repeats' median); none for a case skipped or not judged", async () => {
  const skipped = { ...shippedCase(server, 'getWhatsAppSyncStatus', 'no-credentials'), skipReason: 'no fixture' };
  const engine = createSuiteEngine(enginePlan(server, [shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence'), skipped, shippedCase(server, 'getWhatsAppSyncStatus', 'empty-bearer')], { repeat: 3 }), server.apiKey);
  await engine.run('getWhatsAppSyncStatus/coexistence');
  const [judged] = engine.results('stopped');
  const title = (id: string): string => engine.groups.flatMap((g) => g.cases).find((c) => c.id === id)?.title ?? '';
  expect(judged?.attempts).toHaveLength(3);
  expect(engine.durationOf?.(title('getWhatsAppSyncStatus/coexistence'))).toBe(judged?.durationMs);
  expect(engine.durationOf?.(title('getWhatsAppSyncStatus/no-credentials'))).toBeUndefined();
  // Never run: no figure of its own, the line keeps Jest's.
  expect(engine.durationOf?.(title('getWhatsAppSyncStatus/empty-bearer'))).toBeUndefined();
});

test("an errored case's progress line keeps Jest's time: its recorded 0 ms (a crash, a case not judged) is no figure of its own", async () => {
  const sequence = shippedCase(server, 'startWhatsAppContactsSync', 'start-syncable');
  const engine = createSuiteEngine(enginePlan(server, [sequence], { operations: [...operations.values()].filter((o) => o.operationId !== 'getWhatsAppSyncStatus') }), server.apiKey);
  await engine.run(sequence.id);
  expect(engine.results('stopped')[0]?.status).toBe('error');
  const title = engine.groups.flatMap((g) => g.cases).find((c) => c.id === sequence.id)?.title ?? '';
  expect(title).not.toBe('');
  expect(engine.durationOf?.(title)).toBeUndefined();
});

test("a case stopped by its signal (Jest's timeout for it) ends its --write-settle-ms pause at once, sends nothing more, and is an error saying it timed out", async () => {
  let requests = 0;
  const counting = createServer((req, res) => {
    requests += 1;
    // The reference server's answers, through a counter.
    const forward = httpRequest(`${server.baseUrl}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
  try {
    const write = shippedCase(server, 'startWhatsAppContactsSync', 'start-predicted');
    // A 10 s pause after each write: the case sits in it after its first start until stopped.
    const engine = createSuiteEngine(enginePlan({ baseUrl: `http://127.0.0.1:${(counting.address() as AddressInfo).port}` }, [write], { writeSettleMs: 10_000 }), server.apiKey);
    const stop = new AbortController();
    const running = engine.run(write.id, stop.signal);
    for (let i = 0; i < 400 && requests < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    const failure = await running;
    const sent = requests;
    expect(sent).toBeLessThan(write.steps.length);
    const [result] = engine.results('the suite stopped before this case');
    expect(result?.status).toBe('error');
    expect(result?.errorMessage).toMatch(/^timed out: Jest's timeout for the case ran out and it was stopped; .*; step [a-z-]+: not sent: the case had been stopped$/);
    expect(failure).toContain("error: timed out: Jest's timeout for the case ran out");
    // The target was not taken for silent or lost by the requests the stop held back.
    expect([engine.silence(), engine.lost()]).toEqual([undefined, undefined]);
    engine.close();
    expect(requests).toBe(sent);
  } finally {
    counting.closeAllConnections();
    await new Promise<void>((resolve) => counting.close(() => resolve()));
  }
}, 5000);

test('a case stopped because an error nothing awaited failed its test (not its timeout) says so, not that its time ran out', async () => {
  // A 10 s settle after its first start: the case is in it when stopped.
  const write = shippedCase(server, 'startWhatsAppContactsSync', 'start-predicted');
  const engine = createSuiteEngine(enginePlan(server, [write], { writeSettleMs: 10_000 }), server.apiKey);
  try {
    const stop = new AbortController();
    const running = engine.run(write.id, stop.signal);
    // The reason the suite's test runner gives (suite-test-runner.ts) when a stray error stops a test.
    setImmediate(() => stop.abort(STOPPED_BY_STRAY_ERROR));
    await running;
    const [result] = engine.results('the suite stopped before this case');
    expect(result?.status).toBe('error');
    expect(result?.errorMessage).toMatch(/^stopped: an error nothing awaited failed its test/);
    expect(result?.errorMessage).not.toMatch(/timeout|time ran out/);
  } finally {
    engine.close();
  }
}, 5000);

test("the negative-input property's bound has room for the inputs in flight past its budget to wait their --rate ticks", async () => {
  const property = shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs');
  const boundOf = (overrides: Parameters<typeof enginePlan>[2]): number | undefined => createSuiteEngine(enginePlan(server, [property], overrides), server.apiKey).groups[0]?.cases[0]?.timeoutMs;
  const unpaced = boundOf({ concurrency: 4 }) ?? 0;
  // One request every 10 s, four in flight: the last waits 40 s for its tick, and again before
  // each of its 429's retries, which go through the pacing as any request does.
  expect(boundOf({ concurrency: 4, ratePerSecond: 0.1 })).toBeGreaterThanOrEqual(unpaced + 40_000);
  const timeBudgetMs = enginePlan(server, []).negative.timeBudgetMs;
  expect(boundOf({ concurrency: 4, ratePerSecond: 0.1 })).toBeGreaterThan(timeBudgetMs + (await longestPlayedExchangeMs(enginePlan(server, []).timeoutMs, 40_000)));
});

test("the negative-input property's bound has room for an input in flight past its budget to take the longest its exchange may: its deadline, the stall grace, a fresh connection's deadline and the decoding's", () => {
  const property = shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs');
  const timeoutMs = 10_000;
  const timeBudgetMs = 5000;
  const bound = createSuiteEngine(enginePlan(server, [property], { timeoutMs, negative: { seed: 1, numRuns: 0, timeBudgetMs, fixtures: [], exampleFixtures: [], hiddenFixtures: [] } }), server.apiKey).groups[0]?.cases[0]?.timeoutMs ?? 0;
  // http-transport.ts: one deadline, the run's busy time given back (stall-grace.ts), a read sent
  // again on a fresh connection after a silent reused one, one more for decoding a whole answer.
  // Stopped before, the property is an ERROR on a target that kept the run busy.
  expect(bound).toBeGreaterThanOrEqual(timeBudgetMs + (3 + MAX_GRACE_TIMEOUTS) * timeoutMs);
});

test("a rate-limited target's property is not stopped by its bound: an input answered 429 near the end of its budget, with a Retry-After longer than the bound once allowed, is waited out and judged", async () => {
  // The bound was its budget, one exchange's deadlines and 5 s: a conformant target that answered
  // an input 429 "Retry-After: 7" as the budget ran out had the property stopped as timed out (an
  // error) during the wait. The case's signal stands in for the suite's test runner, which aborts
  // it at the bound.
  let first: number | undefined;
  let limited = false;
  const front = await startFront(server, (_req, path) => {
    first ??= performance.now();
    if (limited || performance.now() - first < 700) return { path };
    limited = true;
    return { answer: (res) => res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"code":"rate_limited","message":"Too many requests"}') };
  });
  const property = shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs');
  const engine = createSuiteEngine(enginePlan({ baseUrl: front.baseUrl }, [property], { timeoutMs: 300, negative: { seed: 1, numRuns: 100_000, timeBudgetMs: 1000, fixtures: [], exampleFixtures: [], hiddenFixtures: [] } }), server.apiKey);
  try {
    const bound = engine.groups[0]?.cases[0]?.timeoutMs ?? 0;
    await engine.run(property.id, AbortSignal.timeout(bound));
    const [result] = engine.results('not run');
    expect(limited).toBe(true);
    expect([result?.status, result?.errorMessage]).toEqual(['passed', undefined]);
  } finally {
    engine.close();
    await front.close();
  }
}, 20_000);

test("a read case's bound has room, per step, for its longest exchange at --rate: each of its requests, the 429 retries too, waiting its tick behind --concurrency others", async () => {
  const read = shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence');
  const plan = enginePlan(server, [read], { concurrency: 4, ratePerSecond: 0.1 });
  const bound = createSuiteEngine(plan, server.apiKey).groups[0]?.cases[0]?.timeoutMs ?? 0;
  expect(bound).toBeGreaterThan(await longestPlayedExchangeMs(plan.timeoutMs, 40_000, read.steps.length));
});

test("the negative-input property's bound has room for an input in flight past its budget that is answered 429, slowly, and waits out each Retry-After", async () => {
  // It had none: an input answered 429 with "Retry-After: 30" as the budget ran out waited 30 s
  // that its bound (its budget, one exchange's deadlines and 5 s) did not hold, and the property
  // of a conformant, rate-limited target was stopped as timed out.
  const property = shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs');
  const timeoutMs = 10_000;
  const timeBudgetMs = 5000;
  const bound = createSuiteEngine(enginePlan(server, [property], { timeoutMs, negative: { seed: 1, numRuns: 0, timeBudgetMs, fixtures: [], exampleFixtures: [], hiddenFixtures: [] } }), server.apiKey).groups[0]?.cases[0]?.timeoutMs ?? 0;
  expect(bound).toBeGreaterThan(timeBudgetMs + (await longestPlayedExchangeMs(timeoutMs)));
});

test("a stopped case is waited for as long as the request it had on the wire may take, not its whole limit again: a case's stopGraceMs is one request's deadlines and a margin", () => {
  // The runner waited one more of the case's limit for a stopped case to end: with the limit 16
  // deadlines and a minute a step, a hung 11-step sequence held the run ~41 min more at the default
  // --timeout. Once stopped a case sends nothing more and ends with its request on the wire.
  const timeoutMs = 10_000;
  const sequence = shippedCase(server, 'startWhatsAppContactsSync', 'start-syncable');
  const property = shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs');
  const cases = createSuiteEngine(enginePlan(server, [sequence, property], { timeoutMs, repeat: 3, concurrency: 4, ratePerSecond: 0.1 }), server.apiKey).groups.flatMap((g) => g.cases);
  expect(cases).toHaveLength(2);
  for (const c of cases) {
    expect(c.stopGraceMs).toBeGreaterThanOrEqual(MAX_EXCHANGE_DEADLINES * timeoutMs);
    expect(c.stopGraceMs).toBeLessThanOrEqual(MAX_EXCHANGE_DEADLINES * timeoutMs + 30_000);
    expect(c.stopGraceMs).toBeLessThan(c.timeoutMs);
  }
});

test("a sequence's bound at --repeat has room for each of its steps' exchanges, every repeat's, and the run's minute of Retry-After once", async () => {
  const sequence = shippedCase(server, 'getWhatsAppSyncStatus', 'head-changes-nothing');
  expect(sequence.steps).toHaveLength(3);
  const plan = enginePlan(server, [sequence], { repeat: 3 });
  const bound = createSuiteEngine(plan, server.apiKey).groups[0]?.cases[0]?.timeoutMs ?? 0;
  const played = await longestPlayedExchangeMs(plan.timeoutMs, 0, 3 * sequence.steps.length);
  expect(bound).toBeGreaterThan(played);
  expect(bound).toBeLessThanOrEqual(played + 5000);
});

test("the row of gateway errors for the progress line, as found: the request named without the run's key, cut and inert, and the front's form in bounded words", async () => {
  // The API answers the first request; the front answers every one after with a page of a crafted media type.
  let seen = 0;
  const crafted = `text/x-\u0085evil${'y'.repeat(300)}`;
  const front = await startFront(server, (_req, path) => ((seen += 1) === 1 ? { path } : { answer: (res) => res.writeHead(502, { 'content-type': crafted }).end('<html>502</html>') }));
  // Senders whose id holds the key (a hostile input's would): the row's first request names one.
  const cases = [shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence'), ...Array.from({ length: UPSTREAM_DOWN_AFTER }, (_, i) => planCase(`getWhatsAppSyncStatus/k${i}`, 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: `snd_${server.apiKey}_${i}` }, operations))];
  const engine = createSuiteEngine(enginePlan({ baseUrl: front.baseUrl }, cases), server.apiKey);
  try {
    for (const c of cases.slice(0, -1)) await engine.run(c.id);
    expect(engine.upstreamRow()).toBeUndefined();
    await engine.run(cases[cases.length - 1]!.id);
    const found = engine.upstreamRow();
    expect(found?.statuses).toBe(`502 ×${UPSTREAM_DOWN_AFTER}`);
    expect(found?.at).toMatch(/^GET \/v1\/senders\/snd_.*\/whatsapp-sync, exchange getWhatsAppSyncStatus\/k0$/);
    expect(found?.at).not.toContain(server.apiKey);
    expect(found?.form).not.toContain('\u0085');
    expect(found?.form.length).toBeLessThanOrEqual(80);
    expect(found?.form).toContain('text/x-\\u0085evil');
    expect(found?.back).toBeUndefined();
  } finally {
    engine.close();
    await front.close();
  }
});

test("the row's first answer's form said without the run's key: a front that puts it in its Content-Type has it taken out of the progress line and the headline", async () => {
  // The media type is the target's bytes: a hostile front echoes the Bearer token it was sent into it.
  let seen = 0;
  const front = await startFront(server, (_req, path) => ((seen += 1) === 1 ? { path } : { answer: (res) => res.writeHead(502, { 'content-type': `text/${server.apiKey}` }).end('<html>502</html>') }));
  const cases = [shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence'), ...Array.from({ length: UPSTREAM_DOWN_AFTER }, (_, i) => planCase(`getWhatsAppSyncStatus/f${i}`, 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: `snd_f${i}` }, operations))];
  const engine = createSuiteEngine(enginePlan({ baseUrl: front.baseUrl }, cases), server.apiKey);
  try {
    for (const c of cases) await engine.run(c.id);
    const found = engine.upstreamRow();
    expect(found?.form).toMatch(/^a body of type text\//);
    expect(found?.form).not.toContain(server.apiKey);
    const headline = engine.warnings().find((w) => w.kind === 'upstream-down');
    expect(headline?.message).toMatch(/the first a body of type text\//);
    expect(headline?.message).not.toContain(server.apiKey);
  } finally {
    engine.close();
    await front.close();
  }
});

test("the no-JSON warning's media type said without the run's key: a front that echoes it into its Content-Type has it taken out", async () => {
  const front = await startFront(server, () => ({ answer: (res) => res.writeHead(200, { 'content-type': `text/${server.apiKey}` }).end('<html>hello</html>') }));
  const cases = Array.from({ length: 4 }, (_, i) => planCase(`getWhatsAppSyncStatus/h${i}`, 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: `snd_h${i}` }, operations));
  const engine = createSuiteEngine(enginePlan({ baseUrl: front.baseUrl }, cases), server.apiKey);
  try {
    for (const c of cases) await engine.run(c.id);
    const warning = engine.warnings().find((w) => w.kind === 'no-json-answer');
    expect(warning?.message).toMatch(/the first with Content-Type text\//);
    expect(warning?.message).not.toContain(server.apiKey);
  } finally {
    engine.close();
    await front.close();
  }
});

// answer-form.ts cut each media type at 100 characters with no "…": the scrubber takes a cut's piece
// of a key only before a "…" (recording/cut-pieces.ts), so a key across that cut left its head (under
// half the key, which no whole form matches) in the progress line's form and the headline.
test("the row's first answer's form said without a piece of the run's key: a Content-Type that puts it across the form's cut has none of it shown", async () => {
  const key = server.apiKey;
  const kept = Math.floor(key.length / 2) - 1;
  const type = `text/${'a'.repeat(95 - kept)}${key}`;
  let seen = 0;
  const front = await startFront(server, (_req, path) => ((seen += 1) === 1 ? { path } : { answer: (res) => res.writeHead(502, { 'content-type': type }).end('<html>502</html>') }));
  const cases = [shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence'), ...Array.from({ length: UPSTREAM_DOWN_AFTER }, (_, i) => planCase(`getWhatsAppSyncStatus/g${i}`, 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: `snd_g${i}` }, operations))];
  const engine = createSuiteEngine(enginePlan({ baseUrl: front.baseUrl }, cases), key);
  try {
    for (const c of cases) await engine.run(c.id);
    // Past the public prefix: "zv_test_" is no secret.
    const piece = key.slice(8, kept).toLowerCase();
    expect(engine.upstreamRow()?.form).toMatch(/^a body of type /);
    expect(engine.upstreamRow()?.form.toLowerCase()).not.toContain(piece);
    const headline = engine.warnings().find((w) => w.kind === 'upstream-down');
    expect(headline?.message).toMatch(/the first a body of type /);
    expect(headline?.message.toLowerCase()).not.toContain(piece);
  } finally {
    engine.close();
    await front.close();
  }
});

test("answers near --timeout make one warning, of the cases' answers only (the negative property's are an aggregate's), the request and case without the run's key", async () => {
  // 350 ms under --timeout 400: past its 80%, well inside it. No time is asserted, only the line.
  const slow = createServer((_req, res) => {
    setTimeout(() => res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'not_found', message: 'Sender not found' })), 350);
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const target = { baseUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}` };
  const negativeInputs = shippedCase(server, 'getWhatsAppSyncStatus', 'negative-inputs');
  // A case whose path holds the key, as a hostile id may: the line names the slowest's request and case.
  const keyed = planCase('getWhatsAppSyncStatus/keyed', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: server.apiKey }, operations);
  const plan = enginePlan(target, [negativeInputs, keyed], { timeoutMs: 400, concurrency: 8, negative: { ...enginePlan(target, []).negative, numRuns: 3, timeBudgetMs: 20_000 } });
  const engine = createSuiteEngine(plan, server.apiKey);
  try {
    await engine.run(negativeInputs.id);
    expect(engine.warnings().map((w) => w.kind)).not.toContain('near-timeout');
    await engine.run(keyed.id);
    const near = engine.warnings().filter((w) => w.kind === 'near-timeout');
    expect(near).toHaveLength(1);
    expect(near[0]?.message).toMatch(/^near the timeout: 1 answer took 80% of --timeout 400 ms or more \(the slowest [\d.]+ ms, GET \/v1\/senders\/.+\/whatsapp-sync, case getWhatsAppSyncStatus\/keyed; 1 case in all\)/);
    expect(near[0]?.message).not.toContain(server.apiKey);
  } finally {
    engine.close();
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  }
});
