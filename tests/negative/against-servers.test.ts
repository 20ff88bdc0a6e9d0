/**
 * The negative property and the credential matrix end to end: real requests through
 * HttpTransport, against the reference server (which must pass) and against a server with a
 * bug only a hostile id reaches (which must be caught, with a shrunk counterexample).
 */
import type { OperationContract } from '../../src/model';
import { decodeOnce, expectationForNegativeId, judgeNegativeExchange, runNegativeProperty, senderPath, type NegativeInput } from '../../src/negative';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { wellFormedUnknownKey } from '../../src/transport/auth-headers';
import { buildRequest } from '../../src/transport/build-request';
import { HttpTransport } from '../../src/transport/http-transport';
import { startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';
import { resolveExpectation } from '../../src/model-based/resolve-expectation';
import { operation as shippedOperation, row } from '../support/shipped-contract';

const resolved = resolveExpectation(row('getWhatsAppSyncStatus', 'negative-inputs').expect ?? {}, []);
if ('unpredictable' in resolved) throw new Error(resolved.unpredictable);
const negativeExpect = resolved.expect;

const TEMPLATE = '/v1/senders/{senderId}/whatsapp-sync';
const transport = new HttpTransport(2000);

/** A judge that sends the input with a valid key and holds the answer to the contract. */
function judgeAgainst(baseUrl: string, apiKey: string, fixtures: string[]) {
  return async (input: NegativeInput) => {
    const path = senderPath(TEMPLATE, input);
    const exchange = await transport.send({ method: 'GET', url: baseUrl + path, path, headers: { authorization: `Bearer ${apiKey}` }, authVariant: 'valid' }, 'negative');
    return judgeNegativeExchange(exchange, expectationForNegativeId(input, fixtures, negativeExpect), shippedOperation('getWhatsAppSyncStatus'));
  };
}

describe('against the reference server', () => {
  let server: ReferenceServer;
  let fixtures: string[];
  beforeAll(async () => {
    server = await startReferenceServer();
    fixtures = [...server.senders.coexistence, server.senders.noWaba, server.senders.notCoexistence];
  });
  afterAll(() => server.close());

  it('answers every hostile id, fixed and generated, as the contract says', async () => {
    const result = await runNegativeProperty({ seed: 1, numRuns: 150, fixtures, timeBudgetMs: 20_000, judge: judgeAgainst(server.baseUrl, server.apiKey, fixtures) });
    expect(result).toMatchObject({ ok: true, interrupted: false, failures: [], warnings: [] });
    expect(result.runsDone).toBe(result.numRuns);
  });

  it('answers an 8192-character id of two-byte characters (49 KB on the wire) with its 404, not a 431 warning', async () => {
    const verdict = await judgeAgainst(server.baseUrl, server.apiKey, fixtures)({ id: 'é'.repeat(8192), raw: false });
    expect(verdict).toEqual({ ok: true, summary: '404 as expected' });
  });

  const operation: OperationContract = shippedOperation('getWhatsAppSyncStatus');
  const matrixCase = (id: string) => async () => {
    const scenario = row('getWhatsAppSyncStatus', id);
    const request = buildRequest(operation, { senderId: server.senders.coexistence[0] ?? '' }, scenario.auth ?? 'valid', { baseUrl: server.baseUrl, apiKey: server.apiKey, unknownKey: wellFormedUnknownKey(server.apiKey) });
    const exchange = await transport.send(request, id);
    expect(exchange.error).toBeUndefined();
    expect([scenario.expect?.status, ...(scenario.expect?.alsoAccept ?? [])]).toContain(exchange.response?.status);
  };

  it.each(['lowercase-bearer-scheme', 'padded-bearer-token', 'oversized-bearer-token', 'wrong-checksum-key'])('credential row %s gets its expected status', (id) => matrixCase(id)());

  // The token carries a tab and a C1 control (0x85): node:http must send it (DEL would be refused).
  it('credential row control-chars-in-token gets its expected status', matrixCase('control-chars-in-token'));
});

describe('against a server that crashes on a quote in the id', () => {
  let server: MisbehavingServer;
  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      const crashes = /'|%27/i.test(req.url ?? '');
      res.writeHead(crashes ? 500 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: crashes ? 'internal' : 'not_found', message: crashes ? 'unterminated quoted string' : 'Sender not found' }));
    });
  });
  afterAll(() => server.close());

  it('finds it, shrinks it to the quote alone, and says what came back', async () => {
    const result = await runNegativeProperty({ seed: 1, numRuns: 50, fixtures: ['snd_a'], timeBudgetMs: 20_000, judge: judgeAgainst(server.baseUrl, 'k', ['snd_a']) });
    expect(result).toMatchObject({ ok: false, seed: 1, counterexample: { id: "'" }, failureSummary: expect.stringContaining('500: a server error') });
  });
});

describe('against a server that percent-decodes the id twice', () => {
  let server: MisbehavingServer;
  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      const segment = /^\/v1\/senders\/([^/]*)\/whatsapp-sync$/.exec(req.url ?? '')?.[1] ?? '';
      const twice = decodeOnce(decodeOnce(segment));
      const served = twice === 'snd_a';
      res.writeHead(served ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(served ? { sync: {} } : { code: 'not_found', message: 'Sender not found' }));
    });
  });
  afterAll(() => server.close());

  it('is caught by the real id encoded once more: it names no sender, and got 200', async () => {
    const result = await runNegativeProperty({ seed: 1, numRuns: 0, fixtures: ['snd_a'], timeBudgetMs: 20_000, judge: judgeAgainst(server.baseUrl, 'k', ['snd_a']) });
    expect(result.failures.map((f) => [f.kind, decodeOnce(f.input.id)])).toEqual([['200 status-code-expected', 'snd_a']]);
    expect(result.counterexample?.raw).toBe(false);
  });
});

describe.each([
  ['strips a format extension', (id: string) => id.replace(/\.json$/, ''), 'snd_a.json', 'failures'],
  // Folding (NFKC) finds the key's own sender, as a case-insensitive lookup does: a warning, as for letter case.
  ['folds Unicode (NFKC)', (id: string) => id.normalize('NFKC'), 'ｓｎｄ＿ａ', 'warnings'],
] as const)('against a server whose lookup %s: an alias of the fixture', (_name, lookup, alias, found) => {
  let server: MisbehavingServer;
  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      const segment = /^\/v1\/senders\/([^/]*)\/whatsapp-sync$/.exec(req.url ?? '')?.[1] ?? '';
      const served = lookup(decodeOnce(segment)) === 'snd_a';
      res.writeHead(served ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(served ? { sync: {} } : { code: 'not_found', message: 'Sender not found' }));
    });
  });
  afterAll(() => server.close());

  it(`is found by the fixed near-misses alone: the alias got 200 (${found})`, async () => {
    const result = await runNegativeProperty({ seed: 1, numRuns: 0, fixtures: ['snd_a'], timeBudgetMs: 20_000, judge: judgeAgainst(server.baseUrl, 'k', ['snd_a']) });
    expect(result[found].map((f) => [f.kind, decodeOnce(f.input.id)])).toEqual([['200 status-code-expected', alias]]);
    expect(result[found === 'failures' ? 'warnings' : 'failures']).toEqual([]);
  });
});

/**
 * nginx (and so OpenResty and Kong) refuses a path with an encoded NUL before any route, with its
 * own "400 Bad Request" HTML page: the API behind it never sees the id. Here a front that does so
 * in front of a conformant API, and one whose own HTML 400 greets a quote: only the first is a front's
 * refusal of %00; the second is the API's 400 without its Error body, still a failure.
 */
describe.each([
  ['an encoded NUL, as nginx does', /%00/i, true],
  ['a quote, with no NUL to explain it', /'|%27/i, false],
] as const)('behind a front that answers %s with its own 400 page', (_name, refused, passes) => {
  let server: MisbehavingServer;
  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      if (refused.test(req.url ?? '')) {
        res.writeHead(400, { 'content-type': 'text/html', server: 'nginx' }).end('<html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center><hr><center>nginx</center></body></html>');
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'not_found', message: 'Sender not found' }));
    });
  });
  afterAll(() => server.close());

  it(passes ? 'passes, with one warning that names the front and the %00' : 'fails on the 400 without an Error body', async () => {
    const result = await runNegativeProperty({ seed: 1, numRuns: 20, fixtures: ['snd_a'], timeBudgetMs: 20_000, judge: judgeAgainst(server.baseUrl, 'k', ['snd_a']) });
    if (passes) {
      expect(result).toMatchObject({ ok: true, failures: [] });
      expect(result.warnings.map((w) => w.kind)).toEqual(['400 status-code-expected']);
      expect(result.warnings[0]?.summary).toContain("a front's refusal (nginx");
      expect(senderPath(TEMPLATE, result.warnings[0]?.input ?? { id: '', raw: false })).toMatch(/%00/i);
    } else {
      expect(result.ok).toBe(false);
      expect(result.failures.map((f) => f.kind)).toContain('400 json-body');
    }
  });
});

/**
 * HTTP.sys (IIS, Azure App Service on Windows, Web Application Proxy) refuses a URL with a path
 * segment over 260 characters (UrlSegmentMaxLength) with its own "Bad Request - Invalid URL" page,
 * before any route: the property's 1 KB and 8 KB ids never reach the API behind it.
 */
describe('behind a front that refuses a path segment over 260 characters with its own 400 page, as HTTP.sys does', () => {
  let server: MisbehavingServer;
  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      if ((req.url ?? '').split('?')[0]?.split('/').some((segment) => segment.length > 260)) {
        res.writeHead(400, { 'content-type': 'text/html; charset=us-ascii', server: 'Microsoft-HTTPAPI/2.0' }).end('<HTML><HEAD><TITLE>Bad Request</TITLE></HEAD><BODY><h2>Bad Request - Invalid URL</h2><hr><p>HTTP Error 400. The request URL is invalid.</p></BODY></HTML>');
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'not_found', message: 'Sender not found' }));
    });
  });
  afterAll(() => server.close());

  it('passes, with one warning that names the front and the limit', async () => {
    const result = await runNegativeProperty({ seed: 1, numRuns: 20, fixtures: ['snd_a'], timeBudgetMs: 20_000, judge: judgeAgainst(server.baseUrl, 'k', ['snd_a']) });
    expect(result).toMatchObject({ ok: true, failures: [] });
    expect(result.warnings.map((w) => w.kind)).toEqual(['400 status-code-expected']);
    expect(result.warnings[0]?.summary).toContain('HTTP.sys');
  });
});
