/**
 * The negative-input case as the runner executes it: the scenario row's `expect` is the contract
 * for every hostile id, and a property that tried nothing is an error, never a pass.
 */
import type { CaseResult, Exchange, Expectation, HttpRequest, PlannedCase, Scenario } from '../../src/model';
import { validateReport } from '../../src/report/report-schema';
import { decodeOnce } from '../../src/negative/may-reach-fixture';
import { encodedOnceMore } from '../../src/negative/placed-near-misses';
import { budgetAdvice, executeNegativeCase } from '../../src/runner/execute-negative';
import { ANSWER_LET_GO } from '../../src/runner/negative-findings';
import { splitNegativeDescription } from '../../src/model/negative-description';
import type { CaseDeps } from '../../src/runner/execute-case';
import { createSchemaValidator } from '../../src/schema/create-validator';
import type { Transport } from '../../src/transport/transport';
import { report } from '../report/fixtures';
import { contract, operations, row as shippedRow, shippedCaseDeps } from '../support/shipped-contract';
import { planCase } from '../../src/registry/plan-cases';
import { LOST_AFTER, TargetGuardTransport } from '../../src/transport/target-guard';

const schemas = createSchemaValidator(contract.schemas);
const row: Scenario = shippedRow('getWhatsAppSyncStatus', 'negative-inputs');
const rowExpect: Expectation = row.expect ?? {};

/** A target that answers every request with `status` and an Error body, after `delayMs`. */
function answering(status: number, delayMs = 0): Transport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    send: async (request, id): Promise<Exchange> => {
      sent.push(request);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const bodyText = JSON.stringify({ code: 'not_found', message: 'Sender not found' });
      return { id, request, response: { status, headers: { 'content-type': 'application/json' }, bodyText }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1 };
    },
  };
}

function run(expect: Expectation, transport: Transport, timeBudgetMs = 20_000, operationId = 'getWhatsAppSyncStatus', concurrency = 1, hidden: { hiddenFixtures: string[]; writableHiddenFixtures?: string[] } = { hiddenFixtures: [] }): Promise<CaseResult> {
  const planned: PlannedCase = { id: `${operationId}/${row.id}`, operationId, scenario: { ...row, expect }, params: {}, steps: [], writes: operations.get(operationId)?.writes === true };
  const deps: CaseDeps = { transport, operations, rules: [], schemas, target: { baseUrl: 'http://target.test', apiKey: 'zv_test_key', unknownKey: 'zv_test_other' } };
  const fixtures = ['snd_a', ...hidden.hiddenFixtures];
  return executeNegativeCase(planned, deps, { seed: 7, numRuns: 3, timeBudgetMs, fixtures, exampleFixtures: fixtures, ...hidden }, concurrency);
}

describe('executeNegativeCase with --concurrency above 1', () => {
  /** A target answering 404 after a delay, counting requests in flight at once. */
  function counting(status: number): Transport & { sent: HttpRequest[]; most: () => number } {
    const inner = answering(status, 2);
    let inFlight = 0;
    let most = 0;
    return {
      sent: inner.sent,
      most: () => most,
      send: async (request, id) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await inner.send(request, id);
        } finally {
          inFlight -= 1;
        }
      },
    };
  }

  it('sends the same requests as one at a time, up to that many at once, and reaches the same verdict', async () => {
    for (const status of [404, 500]) {
      const one = counting(status);
      const four = counting(status);
      const sequential = await run(rowExpect, one, 20_000, 'getWhatsAppSyncStatus', 1);
      const concurrent = await run(rowExpect, four, 20_000, 'getWhatsAppSyncStatus', 4);
      expect(one.most()).toBe(1);
      expect(four.most()).toBe(4);
      expect(concurrent.status).toBe(sequential.status);
      expect(concurrent.violations).toEqual(sequential.violations);
      if (status === 404) {
        expect(concurrent.description).toBe(sequential.description);
        expect(four.sent.map((r) => r.url)).toEqual(one.sent.map((r) => r.url));
      }
    }
  });
});

describe('executeNegativeCase judges by the scenario row', () => {
  it('passes a target whose answer the edited row accepts (and the shipped one does not)', async () => {
    const accepts422 = { ...rowExpect, alsoAccept: [400, 422] };
    expect((await run(accepts422, answering(422))).status).toBe('passed');
    expect((await run(rowExpect, answering(422))).status).toBe('failed');
  });

  it('fails a target whose answer the edited row no longer accepts, and the replayed checks say why', async () => {
    const only404 = { ...rowExpect, alsoAccept: [], because: 'only 404 will do' };
    const result = await run(only404, answering(400));
    expect(result.status).toBe('failed');
    expect(result.violations[0]?.message).toContain('Expected: only 404 will do');
    // The rule is stated once, in the Expected half: not also as the Received half's "because".
    expect(result.violations[0]?.message).toMatch(/^Received: 400: expected 404 (\(shrunk[^)]*\) )?\/ Expected: only 404 will do\./);
    expect(result.violations[0]?.message.split('only 404 will do')).toHaveLength(2);
    expect(result.violations.map((v) => v.check)).toContain('status-code-expected');
    expect(result.receivedStatus).toBe(400);
    // One result over every hostile id tried: it says which parameter, and so stays out of latency (isAggregateResult).
    expect(result.fuzzed).toBe('senderId');
  });
});

describe('executeNegativeCase with no evidence', () => {
  it('reports a property that judged no input at all as an error, with the reason, never as passed', async () => {
    const result = await run(rowExpect, answering(404), 0);
    expect(result.status).toBe('error');
    expect(result.errorMessage).toBe('not one hostile id was judged: no run completed within the 0 ms time budget. Same inputs again: --seed 7');
    // The warning gives the run's pace and what --concurrency would do (budgetAdvice), not a bare "slow target".
    expect(result.violations).toEqual([expect.objectContaining({ check: 'negative-inputs', severity: 'warning', title: expect.stringMatching(/^Time budget reached: 0 of \d+ inputs tried$/), message: expect.stringContaining('even --concurrency 8 would not fit them all') })]);
    expect(validateReport(report([result]))).toBeTruthy();
  });
});

describe('executeNegativeCase under a wall clock that steps (NTP, a VM resumed)', () => {
  /** A transport whose first request moves Date.now by `stepMs` for the rest of the test. */
  function steppingClock(inner: Transport, stepMs: number): Transport {
    const realNow = Date.now.bind(Date);
    let stepped = false;
    return {
      send: async (request, id) => {
        if (!stepped) {
          stepped = true;
          jest.spyOn(Date, 'now').mockImplementation(() => realNow() + stepMs);
        }
        return inner.send(request, id);
      },
    };
  }

  afterEach(() => jest.restoreAllMocks());

  it('a clock set back an hour mid-property: its duration is still the time it took, never negative (the report schema refused the run, exit 2)', async () => {
    const result = await run(rowExpect, steppingClock(answering(404), -3_600_000));
    expect(result.status).toBe('passed');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThan(3_600_000);
    expect(validateReport(report([result]))).toBeTruthy();
  });

  it('a clock stepped a day ahead mid-property: its time budget is not spent by the step, and no duration of a day is reported', async () => {
    const result = await run(rowExpect, steppingClock(answering(500), 86_400_000));
    expect(result.status).toBe('failed');
    expect(result.violations.map((v) => v.title).filter((title) => title.startsWith('Time budget reached'))).toEqual([]);
    expect(result.durationMs).toBeLessThan(86_400_000);
  });
});

describe('executeNegativeCase against a rate limiter', () => {
  it('a property whose ids got a final 429 could not be judged: an error naming how many, never a pass that certifies them', async () => {
    const result = await run(rowExpect, answering(429));
    expect(result.status).toBe('error');
    expect(result.errorMessage).toMatch(/^(\d+) of \1 hostile ids got a final 429 and were not judged: the target rate-limited them \(slow the run with --rate\)\. Same inputs again: --seed 7$/);
    expect(result.violations.map((v) => v.title)).toEqual([expect.stringMatching(/got an answer that is only a warning \(429 rate-limited\)$/)]);
    expect(validateReport(report([result]))).toBeTruthy();
  });

  it('only some ids limited: still not a pass, and the count says how many of how many', async () => {
    const inner = answering(404);
    let n = 0;
    const someLimited: Transport = { send: async (request, id) => { n += 1; const exchange = await inner.send(request, id); return n % 10 === 0 ? { ...exchange, response: { ...exchange.response!, status: 429 } } : exchange; } };
    const result = await run(rowExpect, someLimited);
    expect(result.status).toBe('error');
    const [limited, total] = /^(\d+) of (\d+) hostile ids/.exec(result.errorMessage ?? '')?.slice(1).map(Number) ?? [];
    expect(limited).toBe(Math.floor((total ?? 0) / 10));
  });
});

describe("executeNegativeCase and a 429 carrying the operation's own documented refusal", () => {
  const SYNC_LIMIT = JSON.stringify({ code: 'bad_request', message: 'Sync limit reached. Please wait 24 hours before trying again.' });
  /** A target that answers `limited` paths 429 with Retry-After: 86400 and `body`, every other 404 Sender not found. */
  function refusing(limited: (path: string) => boolean, body: string): Transport {
    return {
      send: async (request, id): Promise<Exchange> => {
        const status = limited(request.path) ? 429 : 404;
        const headers = { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '86400' } : {}) };
        return { id, request, response: { status, headers, bodyText: status === 429 ? body : NOT_FOUND }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1 };
      },
    };
  }

  it('is judged, as in a single-request case: the start property fails on the refusal sent as 429, not left unjudged as a limiter\'s', async () => {
    const result = await run(rowExpect, refusing(() => true, SYNC_LIMIT), 20_000, 'startWhatsAppHistorySync');
    expect(result.status).toBe('failed');
    expect(result.errorMessage).toBeUndefined();
    expect(result.receivedStatus).toBe(429);
    expect(result.violations[0]?.title).toMatch(/breaks the contract \(429 status-code-expected\)$/);
    // The full checks of the shrunk id tell the story a single-request case tells.
    expect(result.violations.find((v) => v.check === 'status-code-expected')?.message).toContain('the documented 400 refusal rate_limit ("Sync limit reached');
    expect(validateReport(report([result]))).toBeTruthy();
  });

  it('where any 4xx is correct (a dot segment, %2E), the refusal sent as 429 was judged and held: a pass, not "not judged"', async () => {
    const dotted = (path: string): boolean => /^\/v1\/senders\/(?:%2E){1,2}\//.test(path);
    const target = refusing(dotted, SYNC_LIMIT);
    const sent: string[] = [];
    const result = await run(rowExpect, { send: (request, id) => (sent.push(request.path), target.send(request, id)) }, 20_000, 'startWhatsAppHistorySync');
    expect(sent.filter(dotted)).not.toEqual([]);
    expect(result.errorMessage).toBeUndefined();
    expect(result.status).toBe('passed');
  });

  it("a limiter's 429 to a write, even with the words of another operation or Sender not found, stays not judged", async () => {
    for (const body of [NOT_FOUND, JSON.stringify({ code: 'rate_limited', message: 'Too many requests' })]) {
      const result = await run(rowExpect, refusing(() => true, body), 20_000, 'startWhatsAppHistorySync');
      expect(result.status).toBe('error');
      expect(result.errorMessage).toMatch(/hostile ids got a final 429 and were not judged/);
    }
    // The read documents no sync limit: those words from its limiter are the limiter's.
    expect((await run(rowExpect, refusing(() => true, SYNC_LIMIT))).errorMessage).toMatch(/hostile ids got a final 429 and were not judged/);
  });
});

describe('executeNegativeCase on a write operation', () => {
  it('sends the operation\'s own method, and never an id that could reach a real fixture', async () => {
    const target = answering(404);
    const result = await run(rowExpect, target, 20_000, 'startWhatsAppHistorySync');
    expect(result.status).toBe('passed');
    expect(new Set(target.sent.map((r) => r.method))).toEqual(new Set(['POST']));
    // The fixture "snd_a" appears in no path, and no raw id leaves its segment.
    expect(target.sent.filter((r) => r.path.toLowerCase().includes('snd_a'))).toEqual([]);
    expect(result.description).toMatch(/withheld from a write/);
    // The same property on the GET sends near-misses of the fixture.
    const read = answering(404);
    await run(rowExpect, read);
    expect(read.sent.some((r) => r.path.toLowerCase().includes('snd_a'))).toBe(true);
  });

  it("sends another project's spellings only when a write may reach that sender all the same (consent, or the embedded server)", async () => {
    const spellings = (sent: HttpRequest[]) => sent.map((r) => r.path).filter((path) => path.startsWith('/v1/senders/%73nd_o/') || path.startsWith('/v1/senders/SND_O/'));
    const withheld = answering(404);
    await run(rowExpect, withheld, 20_000, 'startWhatsAppHistorySync', 1, { hiddenFixtures: ['snd_o'] });
    expect(spellings(withheld.sent)).toEqual([]);
    const consented = answering(404);
    await run(rowExpect, consented, 20_000, 'startWhatsAppHistorySync', 1, { hiddenFixtures: ['snd_o'], writableHiddenFixtures: ['snd_o'] });
    expect(spellings(consented.sent)).toEqual(expect.arrayContaining(['/v1/senders/%73nd_o/whatsapp-sync/history']));
    // Never the sender itself, nor the key's own fixture.
    expect(consented.sent.filter((r) => /\/senders\/(snd_o|snd_a)\//.test(r.path))).toEqual([]);
  });
});

/** A target that answers each request by a rule on its path: [status, body text, content type]. */
function byPath(rule: (path: string) => [number, string, string?]): Transport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    send: async (request, id): Promise<Exchange> => {
      sent.push(request);
      const [status, bodyText, type = 'application/json'] = rule(request.path);
      return { id, request, response: { status, headers: { 'content-type': type }, bodyText }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1 };
    },
  };
}
const NOT_FOUND = JSON.stringify({ code: 'not_found', message: 'Sender not found' });

describe('executeNegativeCase reports every kind it found', () => {
  it('one headline per kind, each with its id and a curl, and the full checks of each', async () => {
    const target = byPath((path) => (path.includes('%27') || path.includes("'") ? [500, '{"code":"internal","message":"boom"}'] : path.includes('%3B') ? [404, 'Not Found', 'text/plain'] : [404, NOT_FOUND]));
    const result = await run(rowExpect, target);
    expect(result.status).toBe('failed');
    const headlines = result.violations.filter((v) => v.check === 'negative-inputs' && v.severity === 'error');
    expect(headlines.map((v) => /\(([^()]+)\)$/.exec(v.title)?.[1]).sort()).toEqual(['404 json-body', '500 not-a-server-error']);
    expect(headlines.every((v) => v.message.includes('Reproduce: curl '))).toBe(true);
    expect(result.violations.map((v) => v.check)).toEqual(expect.arrayContaining(['not-a-server-error', 'json-body', 'content-type']));
    expect(result.description).toMatch(/2 kinds of failure/);
    expect(validateReport(report([result]))).toBeTruthy();
  });

  it('writes what its run tried where a report that names the case by its row (junit.xml) can leave it out: the seed and counts change every run', async () => {
    for (const result of [await run(rowExpect, answering(404)), await run(rowExpect, byPath((path) => (path.includes('%27') ? [500, '{}'] : path.includes('%3B') ? [404, 'x', 'text/plain'] : [404, NOT_FOUND])))]) {
      expect(splitNegativeDescription(result)).toEqual({ stable: row.description, run: expect.stringMatching(/^seed 7, \d+ of \d+ inputs, \d+ requests?(, 2 kinds of failure)?$/) });
    }
  });

  it('keeps a warning the property met when it passes: a case-changed fixture answered 200', async () => {
    const target = byPath((path) => (path.includes('SND_A') ? [200, '{"sync":{}}'] : [404, NOT_FOUND]));
    const result = await run(rowExpect, target);
    expect(result.status).toBe('passed');
    expect(result.violations).toEqual([expect.objectContaining({ check: 'negative-inputs', severity: 'warning', title: 'Hostile sender id "SND_A" got an answer that is only a warning (200 status-code-expected)' })]);
    expect(result.violations[0]?.message).toContain("Reproduce: curl");
  });

  it('fails a target that serves the real sender for an id encoded once more (decoded twice)', async () => {
    const twice = (path: string): string => decodeOnce(decodeOnce(path));
    const target = byPath((path) => (twice(path) === '/v1/senders/snd_a/whatsapp-sync' && decodeOnce(path) !== twice(path) ? [200, '{"sync":{}}'] : [404, NOT_FOUND]));
    const result = await run(rowExpect, target);
    expect(result.status).toBe('failed');
    expect(result.violations[0]?.title).toBe(`Hostile sender id "${encodedOnceMore('snd_a')}" breaks the contract (200 status-code-expected)`);
  });
});

describe('executeNegativeCase on a write withholds every deeper near-miss', () => {
  it('never sends a piece placed around the fixture or the fixture encoded once more', async () => {
    const target = answering(404);
    await run(rowExpect, target, 20_000, 'startWhatsAppHistorySync');
    const segment = (path: string): string => /^\/v1\/senders\/([^/]*)\//.exec(path)?.[1] ?? path;
    const decoded = target.sent.map((r) => decodeOnce(decodeOnce(segment(r.path))).toLowerCase().replace(/[^a-z0-9]/g, ''));
    expect(decoded.filter((path) => path.includes('snda'))).toEqual([]);
    expect(target.sent.length).toBeGreaterThan(20);
  });
});

describe('the advice of a property out of time', () => {
  it('says the pace of the run and the --concurrency that fits every input, or that none does', () => {
    // ~100 ms a round trip across the internet: 300 of 372 in 30 s at --concurrency 1.
    expect(budgetAdvice(300, 372, 30_000, 1)).toBe('~100 ms an input at --concurrency 1: --concurrency 2 fits them all');
    expect(budgetAdvice(100, 372, 30_000, 2)).toBe('~600 ms an input at --concurrency 2: --concurrency 8 fits them all');
    expect(budgetAdvice(20, 372, 30_000, 1)).toBe('~1500 ms an input at --concurrency 1: even --concurrency 8 would not fit them all: a rate-limiting target? see any rate-limited warning');
    expect(budgetAdvice(0, 372, 0, 1)).toMatch(/even --concurrency 8 would not fit them all/);
  });
});

describe('executeNegativeCase holds its findings\' answers within a bound', () => {
  /** One body of 12 Mi characters, shared by every answer: past the held budget after two, while the test holds it once. */
  const BIG = 'x'.repeat(12 * 1024 * 1024);

  it('never sends a write again to report a finding whose answer was let go: a write is never sent twice', async () => {
    // Every hostile id fails (a 500 of a big body), so the first findings' answers are let go by the newest.
    const target = byPath(() => [500, BIG, 'text/plain']);
    const result = await run(rowExpect, target, 20_000, 'startWhatsAppHistorySync');
    expect(result.status).toBe('failed');
    const paths = target.sent.map((r) => `${r.method} ${r.path}`);
    expect(paths.filter((path, i) => paths.indexOf(path) !== i)).toEqual([]);
    // The finding is still reported, with its curl, and says why its answer is not shown.
    const headline = result.violations.find((v) => v.check === 'negative-inputs' && v.severity === 'error');
    expect(headline?.message).toContain('Reproduce: curl ');
    expect(result.violations.some((v) => v.message.includes(ANSWER_LET_GO))).toBe(true);
    expect(validateReport(report([result]))).toBeTruthy();
  });
});

/** nginx's limit on the request line (large_client_header_buffers, 8k by default). */
const LINE_LIMIT = 8192;

/**
 * A front that refuses a request line of 8 KB or more with its own 400 page, as nginx does, and
 * otherwise the API's 404 for an unknown sender; no server, so no port: the answers are made here.
 */
function urlLimitedTransport(): CaseDeps['transport'] {
  return {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      const line = `${request.method} ${request.url.slice(new URL(request.url).origin.length)} HTTP/1.1`;
      const response = line.length >= LINE_LIMIT
        ? { status: 400, headers: { 'content-type': 'text/html', server: 'nginx' }, bodyText: '<html><head><title>400 Request Header Or Cookie Too Large</title></head><body><center><h1>400 Bad Request</h1></center><hr><center>nginx</center></body></html>' }
        : { status: 404, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify({ code: 'sender_not_found', message: 'Sender not found' }) };
      return { id, request, response, startedAt: new Date(0).toISOString(), durationMs: 1 };
    },
  };
}

test("an id of 1 KB behind a base path of 7 KB: the front's 400 for its request line is put down to the URL limit, which counts the line, not the segment alone", async () => {
  // The base path puts the line of the 1,024-character id past 8 KB, and leaves the short ids' under it.
  const deps = { ...shippedCaseDeps(urlLimitedTransport()), target: { baseUrl: `http://127.0.0.1:9/${'p'.repeat(7200)}`, apiKey: 'zv_test_x', unknownKey: 'zv_test_y' } };
  const planned = planCase('getWhatsAppSyncStatus/negative-inputs', 'getWhatsAppSyncStatus', shippedRow('getWhatsAppSyncStatus', 'negative-inputs'), { senderId: 'snd_a' }, operations);
  const negative = { seed: 1, numRuns: 0, timeBudgetMs: 60_000, fixtures: [], exampleFixtures: [], hiddenFixtures: [] };
  const result = await executeNegativeCase(planned, deps, negative);
  const warnings = result.violations.filter((v) => v.severity === 'warning').map((v) => v.message);
  expect(result.status).toBe('passed');
  expect(warnings.some((message) => message.includes("an id sent in a request line of 8 KB or more, a front's refusal"))).toBe(true);
});

describe('executeNegativeCase behind the target guard', () => {
  const resetExchange = (request: HttpRequest, id: string): Exchange => ({ id, request, error: { kind: 'reset', message: 'ECONNRESET: socket hang up' }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1 });
  const aRead: HttpRequest = { method: 'GET', url: 'http://target.test/v1/senders/snd_a/whatsapp-sync', path: '/v1/senders/snd_a/whatsapp-sync', headers: {}, authVariant: 'valid' };

  it("a front that resets every hostile-looking id (nginx 444) and answers the senders' typos is no lost target: every id is sent", async () => {
    const plain = answering(404);
    let resets = 0;
    // Resets every request the property marks hostile, as such a front does to ids spelled to probe; answers the rest.
    const front: Transport = {
      send: async (request, id, options) => {
        if (options?.hostile !== true) return plain.send(request, id, options);
        resets += 1;
        return resetExchange(request, id);
      },
    };
    const guard = new TargetGuardTransport(front, 'the target');
    await guard.send(aRead, 'a-read');
    const result = await run(rowExpect, guard);
    expect(resets).toBeGreaterThan(LOST_AFTER);
    expect(plain.sent.length).toBeGreaterThan(1);
    expect(guard.lostTarget()).toBeUndefined();
    expect(result.description).toMatch(/, (\d+) of \1 inputs, /);
  });

  it("a target that resets every request after it answered the run (its process gone) is lost at the ids of its senders' form a client could send (a typo of a sender: `snd_ax`)", async () => {
    const plain = answering(404);
    let calls = 0;
    const front: Transport = { send: async (request, id, options) => (calls++ === 0 ? plain.send(request, id, options) : resetExchange(request, id)) };
    const guard = new TargetGuardTransport(front, 'the target');
    await guard.send(aRead, 'a-read');
    // Senders enough for 5 typos: `snd_ax`, `snd_x`, `snd_other_bx`, `snd_other_`, `snd_other_x`, ….
    const result = await run(rowExpect, guard, 20_000, 'getWhatsAppSyncStatus', 1, { hiddenFixtures: ['snd_other_b', 'snd_other_c'] });
    expect(guard.lostTarget()?.why).toMatch(/^the target stopped answering mid-run: the last 5 requests in a row had their connection closed unanswered/);
    // The property's finding is the reset, as before; the ids after the loss were not sent.
    expect(result.status).toBe('failed');
    expect(result.violations[0]?.title).toMatch(/breaks the contract \(transport-error reset\)$/);
  });
});

describe('executeNegativeCase marks its ids hostile by the credentials too', () => {
  it("an id of a sender's form sent without a client's credentials is hostile: a front may reset a request with no key, whatever its id", async () => {
    const marks = async (auth: 'valid' | 'none'): Promise<boolean[]> => {
      const plain = answering(404);
      const hostile: boolean[] = [];
      const watching: Transport = {
        send: (request, id, options) => {
          hostile.push(options?.hostile === true);
          return plain.send(request, id, options);
        },
      };
      const planned: PlannedCase = { id: `getWhatsAppSyncStatus/${row.id}`, operationId: 'getWhatsAppSyncStatus', scenario: { ...row, auth, expect: rowExpect }, params: {}, steps: [], writes: false };
      const deps: CaseDeps = { transport: watching, operations, rules: [], schemas, target: { baseUrl: 'http://target.test', apiKey: 'zv_test_key', unknownKey: 'zv_test_other' } };
      await executeNegativeCase(planned, deps, { seed: 7, numRuns: 3, timeBudgetMs: 20_000, fixtures: ['snd_a'], exampleFixtures: ['snd_a'], hiddenFixtures: [] }, 1);
      return hostile;
    };
    // With the run's key, the senders' typos (`snd_ax`) go as a client's; with none, not one does.
    expect((await marks('valid')).some((h) => !h)).toBe(true);
    const none = await marks('none');
    expect(none.length).toBeGreaterThan(1);
    expect(none.every((h) => h)).toBe(true);
  });
});

describe('executeNegativeCase and a timeout after the head', () => {
  it("carries the head's status on its result, as a case does: 'timeout after the head (status 200)', not 'no response'", async () => {
    const stalled: Transport = {
      send: async (request, id): Promise<Exchange> => ({ id, request, error: { kind: 'timeout', message: 'status 200 and 10 bytes of the answer came, not the rest, within 50 ms', headCame: true, headStatus: 200 }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 50 }),
    };
    const result = await run(rowExpect, stalled);
    expect(result.status).toBe('failed');
    expect(result.receivedStatus).toBeUndefined();
    expect(result.headStatus).toBe(200);
  });
});

describe('executeNegativeCase on a write withholds every id inside a sender', () => {
  // A server that finds a sender by suffix or substring (LIKE '%' || ?, endsWith, a search index)
  // starts a sync on the sender an inner part names: one not meant for writes, perhaps another project's.
  const planned = (operationId: string): PlannedCase => ({ id: `${operationId}/${row.id}`, operationId, scenario: { ...row, expect: rowExpect }, params: {}, steps: [], writes: operations.get(operationId)?.writes === true });
  const deps = (transport: Transport): CaseDeps => ({ transport, operations, rules: [], schemas, target: { baseUrl: 'http://target.test', apiKey: 'zv_test_key', unknownKey: 'zv_test_other' } });
  const fixtures = ['snd_plain', 'snd_coex_other'];
  const segment = (path: string): string => /^\/v1\/senders\/([^/]*)\//.exec(path)?.[1] ?? path;
  const squashed = (id: string): string => decodeOnce(decodeOnce(id)).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

  it('POSTs no suffix or inner part of a sender id (`nd_plain`, `plain`), in any case or spelling, and a GET still sends them', async () => {
    const write = answering(404);
    await executeNegativeCase(planned('startWhatsAppHistorySync'), deps(write), { seed: 1, numRuns: 60, timeBudgetMs: 20_000, fixtures, exampleFixtures: fixtures, hiddenFixtures: [] });
    const inside = (id: string): boolean => squashed(id) !== '' && fixtures.some((fixture) => squashed(fixture).includes(squashed(id)));
    expect(write.sent.map((r) => segment(r.path)).filter(inside)).toEqual([]);
    expect(write.sent.length).toBeGreaterThan(20);
    const read = answering(404);
    await executeNegativeCase(planned('getWhatsAppSyncStatus'), deps(read), { seed: 1, numRuns: 60, timeBudgetMs: 20_000, fixtures, exampleFixtures: fixtures, hiddenFixtures: [] });
    expect(read.sent.map((r) => segment(r.path))).toEqual(expect.arrayContaining(['nd_plain']));
    expect(read.sent.map((r) => segment(r.path)).filter(inside).length).toBeGreaterThan(0);
  });
});
