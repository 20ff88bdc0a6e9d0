/**
 * The probe list (src/checks/registry.ts): the checks a HEAD's or an OPTIONS' answer gets in place of
 * allChecks. Each one it holds must still judge a probe, so dropping one from the list is caught
 * here; and no check of the body or its framing judges a probe, whose answer has no body of the
 * operation's (RFC 9110 §9.3.2).
 */
import { allChecks, probeChecks } from '../../src/checks/registry';
import { runChecks } from '../../src/checks/run-checks';
import type { Exchange, HttpResponse, TransportError } from '../../src/model/http';
import { context, exchange, response } from './support/exchange-factory';

/** A HEAD probe of the operation's path carrying `outcome`. */
function probe(outcome: HttpResponse | TransportError | undefined): Exchange {
  const sent = exchange(outcome);
  return { ...sent, request: { ...sent.request, method: 'HEAD' } };
}

const foundBy = (sent: Exchange, status = 200): string[] => runChecks(sent, context({ status }), probeChecks).violations.map((v) => `${v.check}:${v.severity}`);

describe('probeChecks', () => {
  it('lists the checks of whether an answer came and its status, in the order of allChecks', () => {
    expect(probeChecks.map((check) => check.id)).toEqual(['transport-error', 'timeout', 'rate-limited', 'not-a-server-error', 'status-code-expected', 'auth-challenge', 'allow-on-405', 'credential-echoed']);
    // The same objects, so a probe is judged by the very checks an ordinary answer is.
    for (const check of probeChecks) expect(allChecks).toContain(check);
  });

  it('judges a probe that got no answer: a transport error, a timeout', () => {
    expect(foundBy(probe({ kind: 'connection-refused', message: 'connect ECONNREFUSED 127.0.0.1:9' }))).toEqual(['transport-error:error']);
    expect(foundBy(probe({ kind: 'timeout', message: 'no response within 10000 ms' }))).toEqual(['timeout:error']);
    expect(foundBy(probe(undefined))).toEqual(['transport-error:error']);
  });

  it("judges a probe's status: a server error, a status it was not to get, a 401 with no challenge, a 405 with no Allow", () => {
    expect(foundBy(probe(response(500, '')))).toEqual(['not-a-server-error:error', 'status-code-expected:error']);
    expect(foundBy(probe(response(404, '')))).toEqual(['status-code-expected:error']);
    expect(foundBy(probe(response(401, '')), 401)).toEqual(['auth-challenge:warning']);
    expect(foundBy(probe(response(405, '')), 405)).toEqual(['allow-on-405:warning']);
  });

  it('warns of a probe that was rate-limited on the way', () => {
    expect(foundBy({ ...probe(response(200, '')), retries: [{ status: 429, waitedMs: 1000 }] })).toEqual(['rate-limited:warning']);
  });

  it("leaves a probe's body and framing alone: a bodiless 200 with no Content-Type passes the probe checks, not allChecks", () => {
    const bodiless = probe(response(200, ''));
    expect(runChecks(bodiless, context(), probeChecks)).toEqual({ violations: [], crashes: [], omitted: [] });
    expect(runChecks(bodiless, context()).violations.map((v) => v.check)).toContain('content-type');
  });
});
