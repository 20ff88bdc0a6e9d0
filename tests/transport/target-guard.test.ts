/**
 * A target that takes connections and answers nothing, or refuses the configured key, is told from
 * one that answers wrongly: the first requests all unanswered (or the key answered 401 before any
 * answer shows it taken), the run stops; one such answer before that, and the guard stands down.
 */
import type { Exchange, HttpRequest, TransportError } from '../../src/model';
import { TARGET_LOST_NOTE } from '../../src/model/result';
import { KEY_REFUSED_AFTER, LOST_AFTER, SILENT_AFTER, TargetGuardTransport, type TargetStop } from '../../src/transport/target-guard';
import { stoppedExchange } from '../../src/transport/case-stopped';
import type { Transport } from '../../src/transport/transport';

const request: HttpRequest = { method: 'GET', url: 'http://127.0.0.1:1/v1/senders/a/whatsapp-sync', path: '/v1/senders/a/whatsapp-sync', headers: {}, authVariant: 'valid' };
const timeout: TransportError = { kind: 'timeout', message: 'no complete response within 1000 ms' };

/** Answers with the outcomes in turn (undefined: a 200), and counts what reached it. */
function scripted(...outcomes: (TransportError | undefined)[]): Transport & { calls: number } {
  const fake = {
    calls: 0,
    async send(req: HttpRequest, id: string): Promise<Exchange> {
      const outcome = outcomes[fake.calls];
      fake.calls += 1;
      const base = { id, request: req, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1000 };
      return outcome === undefined ? { ...base, response: { status: 200, headers: {}, bodyText: '{}' } } : { ...base, error: outcome };
    },
  };
  return fake;
}

/** Where a guard in front of `target` stands after the first requests went so. */
async function stoppedAfter(target: string, ...outcomes: TransportError[]): Promise<TargetStop | undefined> {
  const guard = new TargetGuardTransport(scripted(...outcomes), target);
  for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request, `c${i}`);
  return guard.stopped();
}

test(`${SILENT_AFTER} unanswered requests before any answer: silent, and nothing more is sent`, async () => {
  const inner = scripted(timeout, { kind: 'reset', message: 'socket hang up' }, timeout, timeout);
  const guard = new TargetGuardTransport(inner, 'http://127.0.0.1:9');
  for (let i = 1; i < SILENT_AFTER; i += 1) {
    await guard.send(request, `c${i}`);
    expect(guard.stopped()?.why).toBeUndefined();
  }
  await guard.send(request, 'c3');
  expect(guard.stopped()?.cause).toBe('silent');
  expect(guard.stopped()?.why).toBe('http://127.0.0.1:9 accepted connections but answered none of the first 3 requests (the last: timeout, no complete response within 1000 ms): is it the API, and up? (a slow one: raise --timeout)');
  const held = await guard.send(request, 'c4');
  expect(inner.calls).toBe(SILENT_AFTER);
  expect(held.error).toEqual({ kind: 'other', message: `not sent: ${guard.stopped()?.why ?? ''}` });
});

test("a silent stop's code: ECONNREFUSED when every first request was refused (the target went down after the preflight), else the suite's ZAVU_NO_ANSWER", async () => {
  const refused: TransportError = { kind: 'connection-refused', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' };
  const codeAfter = async (...outcomes: TransportError[]): Promise<string | undefined> => {
    const guard = new TargetGuardTransport(scripted(...outcomes), 'http://127.0.0.1:9');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request, `c${i}`);
    const stop = guard.stopped();
    return stop?.cause === 'silent' ? stop.code : undefined;
  };
  // Nothing took the connections: "start it first" is what a caller acting on ECONNREFUSED does, and the right thing here.
  expect(await codeAfter(refused, refused, refused)).toBe('ECONNREFUSED');
  // Connections taken (timed out, closed unanswered), or only some refused: no one system error says why.
  expect(await codeAfter(timeout, timeout, timeout)).toBe('ZAVU_NO_ANSWER');
  expect(await codeAfter({ kind: 'reset', message: 'socket hang up' }, timeout, timeout)).toBe('ZAVU_NO_ANSWER');
  expect(await codeAfter(refused, timeout, refused)).toBe('ZAVU_NO_ANSWER');
});

test("a silent stop's reason tells apart what one code (ZAVU_NO_ANSWER) covers: timed out, reset, refused by the parser, past a bound, nothing to judge, or mixed", async () => {
  const reasonAfter = async (...outcomes: TransportError[]): Promise<string | undefined> => {
    const guard = new TargetGuardTransport(scripted(...outcomes), 'http://127.0.0.1:9');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request, `c${i}`);
    const stop = guard.stopped();
    return stop?.cause === 'silent' ? stop.reason : undefined;
  };
  const reset: TransportError = { kind: 'reset', message: 'ECONNRESET: read ECONNRESET' };
  const refused: TransportError = { kind: 'connection-refused', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' };
  const notHttp: TransportError = { kind: 'other', message: 'HPE_INVALID_CONSTANT: Parse Error: Expected HTTP/' };
  const parserRefused: TransportError = { kind: 'other', message: "HPE_INVALID_CHUNK_SIZE: the target answered, but node:http's HTTP/1.1 parser refused its answer's bytes (Invalid character in chunk size)" };
  const headOver: TransportError = { kind: 'other', message: 'response headers exceed 65536 bytes', bound: 'head-bytes' };
  const switched: TransportError = { kind: 'other', message: 'the target answered 101 Switching Protocols', unjudgeable: true };
  expect(await reasonAfter(timeout, timeout, timeout)).toBe('timeout');
  expect(await reasonAfter(reset, reset, reset)).toBe('reset');
  expect(await reasonAfter(refused, refused, refused)).toBe('connection-refused');
  expect(await reasonAfter(notHttp, notHttp, notHttp)).toBe('other');
  expect(await reasonAfter(parserRefused, parserRefused, parserRefused)).toBe('parser-refused');
  expect(await reasonAfter(headOver, headOver, headOver)).toBe('past-bound');
  expect(await reasonAfter(switched, switched, switched)).toBe('unjudgeable');
  // Different ways: no one of them is the reason (the line says how many went each way).
  expect(await reasonAfter(reset, timeout, timeout)).toBe('mixed');
  expect(await reasonAfter(headOver, timeout, timeout)).toBe('mixed');
});

test('a target whose every first request was refused a connection (it went down after the preflight took one) is not said to have accepted connections', async () => {
  const refused: TransportError = { kind: 'connection-refused', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' };
  const guard = new TargetGuardTransport(scripted(refused, refused, refused), 'http://127.0.0.1:9');
  for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request, `c${i}`);
  const why = guard.stopped()?.why ?? '';
  expect(why).not.toContain('accepted connections');
  expect(why).not.toContain('parser');
  expect(why).toMatch(/^http:\/\/127\.0\.0\.1:9 refused a connection to each of the first 3 requests \(the last: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:9\), after the check before the run reached it: nothing listens there now; did the server stop, or restart on another port\?$/);
});

test('a host name that stopped resolving after the check before the run reached it is named a DNS failure, with its code: not a target that accepted connections, nor a parser refusal', async () => {
  // A resolver that answered the preflight, then failed (a flaky resolver, a record removed mid-deploy): getaddrinfo's codes.
  const again: TransportError = { kind: 'dns', message: 'EAI_AGAIN: getaddrinfo EAI_AGAIN api.example.test' };
  const notFound: TransportError = { kind: 'dns', message: 'ENOTFOUND: getaddrinfo ENOTFOUND api.example.test' };
  const stopAfter = (...outcomes: TransportError[]): Promise<TargetStop | undefined> => stoppedAfter('http://api.example.test:8080', ...outcomes);
  const stop = await stopAfter(notFound, again, again);
  expect(stop).toEqual({
    cause: 'silent',
    code: 'EAI_AGAIN',
    reason: 'dns',
    why: 'http://api.example.test:8080: its host name did not resolve for any of the first 3 requests (the last: EAI_AGAIN: getaddrinfo EAI_AGAIN api.example.test), after the check before the run resolved it: is the name still in DNS, and its resolver reachable from here?',
  });
  expect(await stopAfter(again, again, notFound)).toMatchObject({ code: 'ENOTFOUND', reason: 'dns' });
  // One of another kind among them: no one cause, said as before.
  expect(await stopAfter(again, timeout, again)).toMatchObject({ code: 'ZAVU_NO_ANSWER', reason: 'mixed' });
});

test('unanswered requests of mixed kinds, some of which made no connection (a name that did not resolve, a refusal): never said to have accepted connections, nor given the parser hint', async () => {
  // A flaky resolver in front of a slow target: one request resolved and timed out, two did not resolve.
  const again: TransportError = { kind: 'dns', message: 'EAI_AGAIN: getaddrinfo EAI_AGAIN api.example.test' };
  const refused: TransportError = { kind: 'connection-refused', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' };
  const whyAfter = async (...outcomes: TransportError[]): Promise<string | undefined> => (await stoppedAfter('http://api.example.test:8080', ...outcomes))?.why;
  expect(await whyAfter(again, timeout, again)).toBe(
    'http://api.example.test:8080 answered none of the first 3 requests (the last: dns, EAI_AGAIN: getaddrinfo EAI_AGAIN api.example.test): is it the API, and up? (its host name did not resolve: is the name still in DNS, and its resolver reachable from here?)',
  );
  expect(await whyAfter(timeout, refused, refused)).toBe(
    'http://api.example.test:8080 answered none of the first 3 requests (the last: connection-refused, ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9): is it the API, and up? (nothing listens there now: did the server stop, or restart on another port?)',
  );
  // The last a timeout: its own hint, still without "accepted connections" (two took none).
  expect(await whyAfter(again, refused, timeout)).toBe(
    'http://api.example.test:8080 answered none of the first 3 requests (the last: timeout, no complete response within 1000 ms): is it the API, and up? (a slow one: raise --timeout)',
  );
  // Beside an answer the suite could not judge, the unanswered ones' hint is said too.
  const headOver: TransportError = { kind: 'other', message: 'response headers exceed 65536 bytes', bound: 'head-bytes' };
  expect(await whyAfter(headOver, again, again)).toMatch(/2 with no answer \(the last: dns, EAI_AGAIN: getaddrinfo EAI_AGAIN api\.example\.test; its host name did not resolve: is the name still in DNS, and its resolver reachable from here\?\)$/);
});

test('a TLS handshake that failed for every first request, after the check before the run completed one, is named a TLS failure: not a target that accepted connections, nor a parser refusal', async () => {
  // A certificate renewed or expired mid-run, or a front that stopped speaking TLS: classify-error.ts's tls kind.
  const expired: TransportError = { kind: 'tls', message: 'CERT_HAS_EXPIRED: certificate has expired' };
  const plain: TransportError = { kind: 'tls', message: 'ERR_SSL_WRONG_VERSION_NUMBER: wrong version number' };
  const stop = await stoppedAfter('https://api.example.test', expired, expired, plain);
  expect(stop).toEqual({
    cause: 'silent',
    code: 'ZAVU_NO_ANSWER',
    reason: 'tls',
    why: 'https://api.example.test: the TLS handshake failed for each of the first 3 requests (the last: ERR_SSL_WRONG_VERSION_NUMBER: wrong version number), after the check before the run completed one: did its certificate change or expire, or does the port now answer without TLS?',
  });
  // Among other kinds, the last a tls failure: its own hint, and no "accepted connections" (a failed handshake carried no request).
  const why = (await stoppedAfter('https://api.example.test', timeout, expired, expired))?.why ?? '';
  expect(why).toBe('https://api.example.test answered none of the first 3 requests (the last: tls, CERT_HAS_EXPIRED: certificate has expired): is it the API, and up? (the TLS handshake failed: did its certificate change or expire, or does the port now answer without TLS?)');
});

test("a TLS 1.3 target asking for a client certificate: named as that, not as a certificate changed since the check before the run", async () => {
  // TLS 1.3 asks for a client certificate after the client's side of the handshake is done: the
  // check before the run completes, each request is written, and the alert (116) comes back in its
  // place. classify-error.ts reads it as tls; "did its certificate change?" would send its owner after the wrong fault.
  const required: TransportError = { kind: 'tls', message: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: tlsv13 alert certificate requiredSSL alert number 116' };
  const why = (await stoppedAfter('https://api.example.test', required, required, required))?.why ?? '';
  expect(why).toBe('https://api.example.test: the TLS handshake failed for each of the first 3 requests (the last: ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: tlsv13 alert certificate requiredSSL alert number 116), after the check before the run completed one: the target asks for a client certificate, which the suite does not send (TLS 1.3 asks only after the client\'s side of the handshake, so the check before the run could not see it)');
  // Among other kinds, its hint says the same.
  const mixed = (await stoppedAfter('https://api.example.test', timeout, required, required))?.why ?? '';
  expect(mixed).toMatch(/\(the TLS handshake failed: the target asks for a client certificate, which the suite does not send \(TLS 1\.3 asks only after the client's side of the handshake, so the check before the run could not see it\)\)$/);
});

test('the hint follows how the last request went: a longer --timeout only for a timeout', async () => {
  const parse = { kind: 'other' as const, message: 'Parse Error: Expected HTTP/' };
  const speaksSsh = new TargetGuardTransport(scripted(parse, parse, parse), 'http://127.0.0.1:22');
  for (let i = 0; i < SILENT_AFTER; i += 1) await speaksSsh.send(request, `c${i}`);
  expect(speaksSsh.stopped()?.why).toMatch(/\(the last: other, Parse Error: Expected HTTP\/\): is it the API, and up\? \(an answer the suite's strict HTTP\/1\.1 parser \(node:http's\) refuses, for the reason before: is an HTTP server listening on this port\?\)$/);
  const reset = { kind: 'reset' as const, message: 'socket hang up' };
  const hangsUp = new TargetGuardTransport(scripted(reset, reset, reset), 'the target');
  for (let i = 0; i < SILENT_AFTER; i += 1) await hangsUp.send(request, `c${i}`);
  expect(hangsUp.stopped()?.why).toMatch(/\(connections closed unanswered: a proxy, a firewall or a server that refuses these requests\?\)$/);
  expect(hangsUp.stopped()?.why).not.toContain('--timeout');
});

test('one answer first (any status) and the guard stands down: later silence is the checks\' to judge', async () => {
  const inner = scripted(timeout, undefined, timeout, timeout, timeout, timeout);
  const guard = new TargetGuardTransport(inner, 'the target');
  for (let i = 0; i < 6; i += 1) await guard.send(request, `c${i}`);
  expect(guard.stopped()?.why).toBeUndefined();
  expect(inner.calls).toBe(6);
});

/** Answers each request with the next status in turn, and counts what reached it. */
function statuses(...codes: number[]): Transport & { calls: number } {
  const fake = {
    calls: 0,
    async send(req: HttpRequest, id: string): Promise<Exchange> {
      const status = codes[Math.min(fake.calls, codes.length - 1)] ?? 200;
      fake.calls += 1;
      return { id, request: req, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, response: { status, headers: {}, bodyText: '{}' } };
    },
  };
  return fake;
}

const withAuth = (authVariant: HttpRequest['authVariant']): HttpRequest => ({ ...request, authVariant });

test(`${KEY_REFUSED_AFTER} requests with the configured key answered 401 before any other answer to it: the key is refused, and nothing more is sent`, async () => {
  const inner = statuses(401);
  const guard = new TargetGuardTransport(inner, 'https://api.example.test');
  // 401s to requests without the key, or with a wrong one, say nothing of the key.
  for (const auth of ['none', 'wrong-key', 'no-scheme'] as const) await guard.send(withAuth(auth), auth);
  for (let i = 1; i < KEY_REFUSED_AFTER; i += 1) {
    await guard.send(request, `k${i}`);
    expect(guard.stopped()).toBeUndefined();
  }
  await guard.send(request, 'k3');
  expect(guard.stopped()).toEqual({ cause: 'key-refused', why: "https://api.example.test answered 401 to each of the first 3 requests sent with the configured key: is it this target's key (--api-key or ZAVU_API_KEY), and still valid?" });
  const held = await guard.send(request, 'k4');
  expect(held.error?.message).toMatch(/^not sent: https:\/\/api\.example\.test answered 401/);
  expect(inner.calls).toBe(3 + KEY_REFUSED_AFTER);
});

test('the key-refused line names where the key is set as the run says it (the GitHub Action: its api-key input)', async () => {
  const guard = new TargetGuardTransport(statuses(401), 'the target', (text) => text, "the action's api-key input, or ZAVU_API_KEY in the job's env");
  for (let i = 0; i < KEY_REFUSED_AFTER; i += 1) await guard.send(request, `k${i}`);
  expect(guard.stopped()?.why).toMatch(/: is it this target's key \(the action's api-key input, or ZAVU_API_KEY in the job's env\), and still valid\?$/);
});

test('a 404 or 400 to the key (a router\'s, maybe, before any authentication) says nothing of it: the 401s still count', async () => {
  const inner = statuses(404, 400, 401, 404, 401, 401);
  const guard = new TargetGuardTransport(inner, 'the target');
  for (let i = 0; i < 6; i += 1) await guard.send(request, `c${i}`);
  expect(guard.stopped()?.cause).toBe('key-refused');
  expect(inner.calls).toBe(6);
});

test('one answer to the key that shows it was taken (a 2xx, a 403) first, and the key guard stands down: later 401s are the checks\' to judge', async () => {
  const forbidden = statuses(403, 401, 401, 401, 401);
  const byForbidden = new TargetGuardTransport(forbidden, 'the target');
  for (let i = 0; i < 5; i += 1) await byForbidden.send(request, `c${i}`);
  expect(byForbidden.stopped()).toBeUndefined();
  const inner = statuses(200, 401, 401, 401, 401);
  const guard = new TargetGuardTransport(inner, 'the target');
  for (let i = 0; i < 5; i += 1) await guard.send(request, `c${i}`);
  expect(guard.stopped()).toBeUndefined();
  expect(inner.calls).toBe(5);
});

test('undecided while the next answers may still stop the run: nothing answered yet, or the key refused and not yet taken', async () => {
  const silent = new TargetGuardTransport(scripted(timeout, timeout, timeout), 'the target');
  expect(silent.undecided()).toBe(true);
  await silent.send(request, 'a');
  expect(silent.undecided()).toBe(true);
  await silent.send(request, 'b');
  await silent.send(request, 'c');
  // Stopped: decided.
  expect(silent.undecided()).toBe(false);
  const speaks = new TargetGuardTransport(scripted(timeout, undefined), 'the target');
  await speaks.send(request, 'a');
  await speaks.send(request, 'b');
  expect(speaks.undecided()).toBe(false);
  // Answered, then the key refused once: undecided until it is taken (or refused enough).
  const refused = new TargetGuardTransport(statuses(401, 401, 200), 'the target');
  await refused.send(withAuth('none'), 'n');
  expect(refused.undecided()).toBe(false);
  await refused.send(request, 'k1');
  expect(refused.undecided()).toBe(true);
  await refused.send(request, 'k2');
  expect(refused.undecided()).toBe(false);
});

test(`a target that answered, then left ${LOST_AFTER} requests in a row unanswered, is lost: judged so far, nothing more sent, each request after saying so in one short note, the why said once by lostTarget()`, async () => {
  const refused = { kind: 'connection-refused' as const, message: 'connect ECONNREFUSED 127.0.0.1:9' };
  const garbled = { kind: 'other' as const, message: 'Parse Error: Expected HTTP/' };
  // An answer, four unanswered, an answer (the count starts again), a garbled answer (an answer all the same), then five unanswered.
  const inner = scripted(undefined, timeout, timeout, refused, timeout, undefined, garbled, timeout, timeout, timeout, timeout, timeout, undefined);
  const guard = new TargetGuardTransport(inner, 'http://127.0.0.1:9');
  for (let i = 0; i < 11; i += 1) await guard.send(request, `c${i}`);
  expect(inner.calls).toBe(11);
  expect(guard.stopped()).toBeUndefined();
  expect(guard.undecided()).toBe(false);
  await guard.send(request, 'c11');
  const held = await guard.send(request, 'c12');
  expect(inner.calls).toBe(12);
  // Each request after: the short note, not the sentence (90 cases after a crash each repeated it).
  expect(held.error).toEqual({ kind: 'other', message: TARGET_LOST_NOTE });
  expect(guard.lostTarget()).toEqual({
    why: 'http://127.0.0.1:9 stopped answering mid-run: the last 5 requests in a row got no answer (the last: timeout, no complete response within 1000 ms) after it had answered earlier ones, so nothing more was sent (did a request crash it? The first request left unanswered since its last answer: GET /v1/senders/a/whatsapp-sync, exchange c6)',
    at: 'GET /v1/senders/a/whatsapp-sync, exchange c6',
  });
  expect(guard.lostTarget()?.why).not.toContain('c1,');
  // Not a stop: the run is judged (exit 1 for what failed), not NOT RUN.
  expect(guard.stopped()).toBeUndefined();
});

test('a target lost mid-run names the request it went down on: the first left unanswered since its last answer, a reset counted, the path one bounded line', async () => {
  // A mock that crashes on a raw "%" (decodeURIComponent throws): that request is reset, every one after refused.
  const reset = { kind: 'reset' as const, message: 'socket hang up' };
  const refused = { kind: 'connection-refused' as const, message: 'connect ECONNREFUSED 127.0.0.1:9' };
  const inner = scripted(undefined, reset, undefined, reset, refused, refused, refused, refused, refused);
  const guard = new TargetGuardTransport(inner, 'http://127.0.0.1:9');
  const crasher: HttpRequest = { ...request, path: `/v1/senders/%\u001b[2J${'x'.repeat(5000)}/whatsapp-sync`, url: 'http://127.0.0.1:9/' };
  // A reset the target answered after (a front dropping one id) is not the suspect.
  for (let i = 0; i < 3; i += 1) await guard.send(request, `ok${i}`);
  await guard.send(crasher, 'getWhatsAppSyncStatus/negative-inputs#12');
  for (let i = 0; i < 5; i += 1) await guard.send(request, `after${i}`);
  const held = await guard.send(request, 'next');
  expect(held.notSent).toBe(true);
  const message = guard.lostTarget()?.why ?? '';
  expect(guard.lostTarget()?.at).toMatch(/^GET \/v1\/senders\/% \[2Jx+…, exchange getWhatsAppSyncStatus\/negative-inputs#12$/);
  expect(message).toContain('The first request left unanswered since its last answer: GET /v1/senders/% [2Jxxx');
  expect(message).toContain('…, exchange getWhatsAppSyncStatus/negative-inputs#12');
  expect(message).not.toContain('ok1');
  // eslint-disable-next-line no-control-regex
  expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(message.length).toBeLessThan(1000);
});

test("a lost target's suspect has the key taken out of its exchange id as well as its path", async () => {
  const key = 'zv_test_5f1c9a0b7d3e42a8b6c1d0e9f8a7b6c5';
  const refused = { kind: 'connection-refused' as const, message: 'connect ECONNREFUSED 127.0.0.1:9' };
  const guard = new TargetGuardTransport(scripted(undefined, refused, refused, refused, refused, refused), 'the target', (text) => text.split(key).join('[key]'));
  await guard.send(request, 'ok');
  await guard.send({ ...request, path: `/v1/senders/${key}/whatsapp-sync` }, `getWhatsAppSyncStatus/${key}#1`);
  for (let i = 0; i < 4; i += 1) await guard.send(request, `after${i}`);
  expect(guard.lostTarget()?.at).toBe('GET /v1/senders/[key]/whatsapp-sync, exchange getWhatsAppSyncStatus/[key]#1');
  expect(JSON.stringify(guard.lostTarget())).not.toContain(key.slice(8, 24));
});

test('an answer the suite cannot judge (a 101 to no upgrade, one past a bound, one the parser refused) mid-run is an answer: the row of unanswered requests starts again after it', async () => {
  // A lost line reading "the last 5 requests in a row got no answer" with a 101 among them would
  // send a mock's author after a crash that did not happen: the target answered.
  const switched: TransportError = { kind: 'other', message: 'the target answered 101 Switching Protocols (Upgrade: websocket) to a request that asked for no upgrade: no HTTP answer follows', unjudgeable: true };
  const headOver: TransportError = { kind: 'other', message: 'response headers exceed 65536 bytes', bound: 'head-bytes' };
  const parserRefused: TransportError = { kind: 'other', message: "HPE_INVALID_CHUNK_SIZE: the target answered, but node:http's HTTP/1.1 parser refused its answer's bytes (Invalid character in chunk size)" };
  for (const answer of [switched, headOver, parserRefused]) {
    const inner = scripted(undefined, timeout, timeout, timeout, timeout, answer, timeout, timeout, timeout, timeout, timeout, undefined);
    const guard = new TargetGuardTransport(inner, 'the target');
    for (let i = 0; i < 10; i += 1) await guard.send(request, `c${i}`);
    expect([answer.message, guard.lostTarget()]).toEqual([answer.message, undefined]);
    await guard.send(request, 'c10');
    // Five in a row after it: lost, the suspect the first of them, not the request it answered.
    expect([answer.message, guard.lostTarget()?.at]).toEqual([answer.message, 'GET /v1/senders/a/whatsapp-sync, exchange c6']);
  }
});

test(`a host name that stops resolving mid-run makes the target lost after ${LOST_AFTER} requests in a row: nothing more sent, the sentence a DNS question, no request blamed`, async () => {
  // Without it every later request failed one by one as a dns error (a record removed, the
  // resolver down), the run going on with no "target lost" headline: a name that does not resolve
  // answers nothing, as a timeout or a refusal does not.
  const again: TransportError = { kind: 'dns', message: 'EAI_AGAIN: getaddrinfo EAI_AGAIN api.example.test' };
  const inner = scripted(undefined, undefined, again, again, again, again, again, undefined);
  const guard = new TargetGuardTransport(inner, 'https://api.example.test');
  for (let i = 0; i < 2 + LOST_AFTER; i += 1) await guard.send(request, `c${i}`);
  const held = await guard.send(request, 'next');
  expect(inner.calls).toBe(2 + LOST_AFTER);
  expect(held.error).toEqual({ kind: 'other', message: TARGET_LOST_NOTE });
  // No request brought it down, nor is one "the first left unanswered" to look at: its name went.
  expect(guard.lostTarget()).toEqual({
    why: 'https://api.example.test stopped answering mid-run: its host name did not resolve for the last 5 requests in a row (the last: dns, EAI_AGAIN: getaddrinfo EAI_AGAIN api.example.test) after it had answered earlier ones, so nothing more was sent (is the name still in DNS, and its resolver reachable from here?)',
  });
  expect(guard.stopped()).toBeUndefined();
});

test('a row of unanswered requests with some that got past the name (a timeout, a reset) and some that did not resolve is a loss as any: the crash question, the suspect named', async () => {
  const notFound: TransportError = { kind: 'dns', message: 'ENOTFOUND: getaddrinfo ENOTFOUND api.example.test' };
  const inner = scripted(undefined, timeout, notFound, notFound, notFound, notFound);
  const guard = new TargetGuardTransport(inner, 'the target');
  for (let i = 0; i < 1 + LOST_AFTER; i += 1) await guard.send(request, `c${i}`);
  expect(guard.lostTarget()?.why).toContain('(the last: dns, ENOTFOUND: getaddrinfo ENOTFOUND api.example.test)');
  expect(guard.lostTarget()?.why).toContain('did a request crash it? The first request left unanswered since its last answer');
  expect(guard.lostTarget()?.at).toBe('GET /v1/senders/a/whatsapp-sync, exchange c1');
});

test('resets of hostile ids do not make a target lost: a front drops the hostile-looking requests it refuses (nginx 444) while it answers every other', async () => {
  const reset = { kind: 'reset' as const, message: 'socket hang up' };
  const inner = scripted(undefined, reset, reset, reset, reset, reset, reset, undefined);
  const guard = new TargetGuardTransport(inner, 'the target');
  await guard.send(request, 'c0');
  for (let i = 1; i < 8; i += 1) await guard.send(request, `p#${i}`, { hostile: true });
  expect(inner.calls).toBe(8);
  expect(guard.lostTarget()).toBeUndefined();
});

test(`${LOST_AFTER} ordinary requests in a row reset make a target lost: a mock that closes every connection unanswered (a process gone behind the port's proxy) is down, not failing each case`, async () => {
  // Measured: a mock resetting every request after its 60th ran 159 cases to transport-error, and
  // its certificate said "0 families certified, 9 failed", where a crash says where it was lost.
  const reset = { kind: 'reset' as const, message: 'ECONNRESET: socket hang up' };
  const inner = scripted(undefined, reset, reset, reset, reset, reset, undefined);
  const guard = new TargetGuardTransport(inner, 'the target');
  for (let i = 0; i < 7; i += 1) await guard.send(request, `c${i}`);
  expect(inner.calls).toBe(1 + LOST_AFTER);
  // Said as resets, not as a silence: "got no answer" and a crash alone would send its author after a hang.
  expect(guard.lostTarget()?.why).toBe(`the target stopped answering mid-run: the last ${LOST_AFTER} requests in a row had their connection closed unanswered (the last: reset, ECONNRESET: socket hang up) after it had answered earlier ones, so nothing more was sent (did a request crash it, or did its process go down behind a port something still takes connections on, as a container's proxy does? The first request left unanswered since its last answer: GET /v1/senders/a/whatsapp-sync, exchange c1)`);
  expect(guard.lostTarget()?.at).toBe('GET /v1/senders/a/whatsapp-sync, exchange c1');
});

test('a reset counts by how the request was sent, not by its path: a read of a real id percent-encoded counts, an odd spelling marked hostile does not', async () => {
  const reset = { kind: 'reset' as const, message: 'socket hang up' };
  // A sender id with a colon and a plus (whatsapp:+1555…), behind a base URL with a path of its own.
  const encoded = { ...request, path: '/v1/senders/whatsapp%3A%2B15550001/whatsapp-sync', url: 'http://127.0.0.1:1/api/zavu/v1/senders/whatsapp%3A%2B15550001/whatsapp-sync' };
  const odd = { ...request, path: '/V1/Senders/a/WhatsApp-Sync' };
  const inner = scripted(undefined, ...Array.from({ length: 2 * LOST_AFTER }, () => reset));
  const guard = new TargetGuardTransport(inner, 'the target');
  await guard.send(request, 'c0');
  for (let i = 1; i <= LOST_AFTER; i += 1) await guard.send(odd, `odd${i}`, { hostile: true });
  expect(guard.lostTarget()).toBeUndefined();
  for (let i = 1; i <= LOST_AFTER; i += 1) await guard.send(encoded, `c${i}`);
  expect(guard.lostTarget()?.at).toBe('GET /V1/Senders/a/WhatsApp-Sync, exchange odd1');
});

test('a row of resets and timeouts is said as answers that did not come, the last named: not as connections closed', async () => {
  const reset = { kind: 'reset' as const, message: 'socket hang up' };
  const guard = new TargetGuardTransport(scripted(undefined, timeout, reset, reset, reset, reset), 'the target');
  for (let i = 0; i < 6; i += 1) await guard.send(request, `c${i}`);
  expect(guard.lostTarget()?.why).toMatch(/^the target stopped answering mid-run: the last 5 requests in a row got no answer \(the last: reset, socket hang up\) after it had answered earlier ones, so nothing more was sent \(did a request crash it\? The first/);
});

test('a hostile reset among ordinary ones breaks no row: it neither counts nor answers', async () => {
  const reset = { kind: 'reset' as const, message: 'socket hang up' };
  const inner = scripted(undefined, reset, reset, reset, reset, reset, reset);
  const guard = new TargetGuardTransport(inner, 'the target');
  await guard.send(request, 'c0');
  for (let i = 1; i <= 3; i += 1) await guard.send(request, `c${i}`);
  await guard.send(request, 'p#1', { hostile: true });
  await guard.send(request, 'c5');
  expect(guard.lostTarget()).toBeUndefined();
  await guard.send(request, 'c6');
  expect(guard.lostTarget()?.at).toBe('GET /v1/senders/a/whatsapp-sync, exchange c1');
});

test('the transport error quoted in a stop is one bounded line: control characters a target sent are blanked, a long message cut', async () => {
  // A message carries what the peer sent (a garbled status line); it goes into every NOT RUN line.
  const hostile: TransportError = { kind: 'other', message: `Parse Error: \u001b[2J\r\n::error::${'x'.repeat(5000)}` };
  const guard = new TargetGuardTransport(scripted(hostile, hostile, hostile), 'the target');
  for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request, `c${i}`);
  const why = guard.stopped()?.why ?? '';
  expect(why).toContain('Parse Error:  [2J ::error::xxx');
  // eslint-disable-next-line no-control-regex
  expect(why).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(why).toContain('x…');
  expect(why.length).toBeLessThan(600);
});

test("requests a stopped case did not send (its Jest timeout ran out) say nothing of the target: not silence, not a loss", async () => {
  const stoppedCase: Transport = { send: async (req, id) => stoppedExchange(req, id) };
  const guard = new TargetGuardTransport(stoppedCase, 'the target');
  for (let i = 0; i < SILENT_AFTER + LOST_AFTER; i += 1) await guard.send(request, `c${i}`);
  expect([guard.stopped(), guard.lostTarget(), guard.undecided()]).toEqual([undefined, undefined, true]);
});

describe('first requests that failed for different reasons: the stop line says each, not only the last one\'s', () => {
  const headOver: TransportError = { kind: 'other', message: 'response headers exceed 65536 bytes: past a bound the suite keeps to protect itself, at most 65536 bytes (64 KiB) of response head', bound: 'head-bytes' };
  const parserRefused: TransportError = { kind: 'other', message: "HPE_INVALID_CHUNK_SIZE: the target answered, but node:http's HTTP/1.1 parser refused its answer's bytes (Invalid character in chunk size)" };
  const reset: TransportError = { kind: 'reset', message: 'socket hang up' };

  async function stopLine(...outcomes: TransportError[]): Promise<string | undefined> {
    const guard = new TargetGuardTransport(scripted(...outcomes), 'http://127.0.0.1:9');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request, `c${i}`);
    expect(guard.stopped()?.cause).toBe('silent');
    return guard.stopped()?.why;
  }

  it('an answer past a bound first, then two timeouts: it answered one (no "answered none"), and the timeouts keep their hint', async () => {
    expect(await stopLine(headOver, timeout, timeout)).toBe(
      'http://127.0.0.1:9 answered 1 of the first 3 requests, but none in a form the suite could judge: 1 past a bound the suite keeps to protect itself (the last past the bound of at most 65536 bytes (64 KiB) of response head); 2 with no answer (the last: timeout, no complete response within 1000 ms; a slow one: raise --timeout)',
    );
  });

  it('two timeouts, then an answer past a bound: the timeouts are not hidden behind the bound the last request crossed', async () => {
    const why = await stopLine(timeout, timeout, headOver);
    expect(why).toBe(
      'http://127.0.0.1:9 answered 1 of the first 3 requests, but none in a form the suite could judge: 1 past a bound the suite keeps to protect itself (the last past the bound of at most 65536 bytes (64 KiB) of response head); 2 with no answer (the last: timeout, no complete response within 1000 ms; a slow one: raise --timeout)',
    );
  });

  it('an answer the parser refused among resets: it answered, the parser named; no question whether HTTP listens there', async () => {
    const why = await stopLine(reset, parserRefused, reset);
    expect(why).toBe(
      "http://127.0.0.1:9 answered 1 of the first 3 requests, but none in a form the suite could judge: 1 refused by node:http's HTTP/1.1 parser (the last: HPE_INVALID_CHUNK_SIZE: Invalid character in chunk size); 2 with no answer (the last: reset, socket hang up; connections closed unanswered: a proxy, a firewall or a server that refuses these requests?)",
    );
    expect(why).not.toContain('HTTP server listening');
  });

  it('a bound and a parser refusal, every request answered: both said, none called unanswered', async () => {
    expect(await stopLine(headOver, headOver, parserRefused)).toBe(
      "http://127.0.0.1:9 answered 3 of the first 3 requests, but none in a form the suite could judge: 2 past a bound the suite keeps to protect itself (the last past the bound of at most 65536 bytes (64 KiB) of response head); 1 refused by node:http's HTTP/1.1 parser (the last: HPE_INVALID_CHUNK_SIZE: Invalid character in chunk size)",
    );
  });

  it('bytes that never were HTTP beside an answer past a bound: no hint asking whether an HTTP server listens there, which the answer already says', async () => {
    const why = await stopLine({ kind: 'other', message: 'Parse Error: Expected HTTP/' }, headOver, { kind: 'other', message: 'Parse Error: Expected HTTP/' });
    expect(why).toBe(
      'http://127.0.0.1:9 answered 1 of the first 3 requests, but none in a form the suite could judge: 1 past a bound the suite keeps to protect itself (the last past the bound of at most 65536 bytes (64 KiB) of response head); 2 with no answer (the last: other, Parse Error: Expected HTTP/)',
    );
  });

  const switched: TransportError = { kind: 'other', message: 'the target answered 101 Switching Protocols (Upgrade: websocket) to a request that asked for no upgrade: no HTTP answer follows', unjudgeable: true };

  it('every first request answered 101 to no upgrade (or a status under 100): it answered, with nothing to judge; no question whether an HTTP server listens there', async () => {
    const why = await stopLine(switched, switched, switched);
    expect(why).toBe(
      'http://127.0.0.1:9 answered the first 3 requests, but with nothing an HTTP client can judge (the last: the target answered 101 Switching Protocols (Upgrade: websocket) to a request that asked for no upgrade: no HTTP answer follows): is this base URL the API\'s, not a WebSocket or other endpoint beside it?',
    );
    expect(why).not.toContain('HTTP server listening');
    expect(why).not.toContain('answered none');
  });

  it('a 101 among timeouts: counted as an answer, each said', async () => {
    expect(await stopLine(timeout, switched, timeout)).toBe(
      'http://127.0.0.1:9 answered 1 of the first 3 requests, but none in a form the suite could judge: 1 with nothing an HTTP client can judge (the last: the target answered 101 Switching Protocols (Upgrade: websocket) to a request that asked for no upgrade: no HTTP answer follows); 2 with no answer (the last: timeout, no complete response within 1000 ms; a slow one: raise --timeout)',
    );
  });

  it('each the same way: the lines of old, each naming the last of its kind', async () => {
    expect(await stopLine(headOver, headOver, headOver)).toMatch(/^http:\/\/127\.0\.0\.1:9 answered, but past a bound the suite keeps to protect itself, so none of the first 3 requests/);
    expect(await stopLine(timeout, reset, timeout)).toMatch(/^http:\/\/127\.0\.0\.1:9 accepted connections but answered none of the first 3 requests \(the last: timeout/);
    expect(await stopLine(parserRefused, parserRefused, parserRefused)).toMatch(/^http:\/\/127\.0\.0\.1:9 answered, but node:http's HTTP\/1\.1 parser refused the answers to the first 3 requests/);
  });
});

describe("a timeout after the answer's head came (a body that stalled or dripped) is some answer: the lines say none came in full, not that none came", () => {
  const dripped: TransportError = { kind: 'timeout', message: 'status 200 and 81 bytes of the answer came, not the rest, within 1000 ms', headCame: true };

  it('every first request so: answered none in full', async () => {
    expect((await stoppedAfter('http://127.0.0.1:9', dripped, dripped, dripped))?.why).toBe(
      'http://127.0.0.1:9 accepted connections but answered none of the first 3 requests in full (the last: timeout, status 200 and 81 bytes of the answer came, not the rest, within 1000 ms): is it the API, and up? (a slow one: raise --timeout)',
    );
  });

  it('beside an answer past a bound: no complete answer', async () => {
    const headOver: TransportError = { kind: 'other', message: 'response headers exceed 65536 bytes', bound: 'head-bytes' };
    expect((await stoppedAfter('http://127.0.0.1:9', headOver, dripped, dripped))?.why).toContain('; 2 with no complete answer (the last: timeout, status 200');
  });

  it(`${LOST_AFTER} in a row after an answer: lost, with no complete answer`, async () => {
    const guard = new TargetGuardTransport(scripted(undefined, dripped, dripped, dripped, dripped, dripped), 'http://127.0.0.1:9');
    for (let i = 0; i < 1 + LOST_AFTER; i += 1) await guard.send(request, `c${i}`);
    expect(guard.lostTarget()?.why).toMatch(/^http:\/\/127\.0\.0\.1:9 stopped answering mid-run: the last 5 requests in a row got no complete answer \(the last: timeout, status 200 and 81 bytes/);
  });

  // Whether a head came is said of the requests the line counts, not of its last alone: two heads
  // then a silent third did answer something, and "answered none" (or "got no answer") would deny it.
  it('a head to any of the first requests, the last silent: still none in full', async () => {
    expect((await stoppedAfter('http://127.0.0.1:9', dripped, dripped, timeout))?.why).toMatch(/^http:\/\/127\.0\.0\.1:9 accepted connections but answered none of the first 3 requests in full \(the last: timeout, no complete response within 1000 ms\)/);
  });

  it('beside an answer past a bound, a head to one of the unanswered, the last silent: no complete answer', async () => {
    const headOver: TransportError = { kind: 'other', message: 'response headers exceed 65536 bytes', bound: 'head-bytes' };
    expect((await stoppedAfter('http://127.0.0.1:9', headOver, dripped, timeout))?.why).toContain('; 2 with no complete answer (the last: timeout, no complete response within 1000 ms');
  });

  it(`heads to the first of the ${LOST_AFTER} in a row, the last silent: lost, with no complete answer`, async () => {
    const guard = new TargetGuardTransport(scripted(undefined, dripped, dripped, dripped, dripped, timeout), 'http://127.0.0.1:9');
    for (let i = 0; i < 1 + LOST_AFTER; i += 1) await guard.send(request, `c${i}`);
    expect(guard.lostTarget()?.why).toMatch(/^http:\/\/127\.0\.0\.1:9 stopped answering mid-run: the last 5 requests in a row got no complete answer \(the last: timeout, no complete response within 1000 ms\)/);
  });

  it('a head before the last answer does not count for the row after it: no answer', async () => {
    const guard = new TargetGuardTransport(scripted(undefined, dripped, undefined, timeout, timeout, timeout, timeout, timeout), 'http://127.0.0.1:9');
    for (let i = 0; i < 3 + LOST_AFTER; i += 1) await guard.send(request, `c${i}`);
    expect(guard.lostTarget()?.why).toMatch(/^http:\/\/127\.0\.0\.1:9 stopped answering mid-run: the last 5 requests in a row got no answer \(the last: timeout/);
  });
});

describe('a run that ends while the target had stopped answering, before enough of a client\'s requests made it lost', () => {
  const reset = { kind: 'reset' as const, message: 'ECONNRESET: socket hang up' };
  /** The guard after an answer, then these requests, each a client's (false) or marked hostile (true), every one reset. */
  async function endedAfter(hostile: readonly boolean[]): Promise<TargetGuardTransport> {
    const guard = new TargetGuardTransport(scripted(undefined, ...hostile.map(() => reset)), 'the target');
    await guard.send(request, 'c0');
    for (const [i, marked] of hostile.entries()) await guard.send(request, `c${i + 1}`, marked ? { hostile: true } : undefined);
    return guard;
  }

  it(`is said at the run's end when a client's requests were reset among ${LOST_AFTER} in a row or more: not lost, nothing held back`, async () => {
    // A one-operation run whose mock went down in the auth rows: 2 reads a client sends, 16 hostile-looking probes, all reset.
    const guard = await endedAfter([false, true, true, false, ...Array.from({ length: 14 }, () => true)]);
    expect(guard.lostTarget()).toBeUndefined();
    expect(guard.stoppedAtEnd()).toEqual({
      why: `the target answered none of the last 18 requests of the run, 2 of them sent as a client sends them: each had its connection closed unanswered (the last: reset, ECONNRESET: socket hang up), fewer of a client's in a row than the ${LOST_AFTER} that make a target lost, so the run went on and their cases failed on it; the verdicts stand (did a request crash it, or did its process go down behind a port something still takes connections on, as a container's proxy does? The first request left unanswered since its last answer: GET /v1/senders/a/whatsapp-sync, exchange c1)`,
      at: 'GET /v1/senders/a/whatsapp-sync, exchange c1',
    });
  });

  it("counts a client's requests among them, not every one counted toward a loss: a hostile one timed out counts there, and is no client's", async () => {
    const guard = new TargetGuardTransport(scripted(undefined, timeout, reset, reset, reset, reset, reset), 'the target');
    await guard.send(request, 'c0');
    for (let i = 1; i <= 6; i += 1) await guard.send(request, `c${i}`, i === 2 ? undefined : { hostile: true });
    expect(guard.stoppedAtEnd()?.why).toMatch(/^the target answered none of the last 6 requests of the run, 1 of them sent as a client sends it: none got an answer \(the last: reset, ECONNRESET: socket hang up\), fewer .*\(did a request crash it\? The first request/);
  });

  it("is not said of a front that resets only hostile-looking requests (nginx 444): none of a client's went unanswered", async () => {
    expect((await endedAfter(Array.from({ length: 30 }, () => true))).stoppedAtEnd()).toBeUndefined();
  });

  it("is not said of a conformant API behind a front that resets hostile-looking requests, whose one slow answer near the end timed out: a timeout is a slow answer, and a hostile request's reset the front's", async () => {
    // A client's read timed out, then the run's last requests, probes and negative inputs, were each reset by the front (nginx 444).
    const slowRead = new TargetGuardTransport(scripted(undefined, timeout, ...Array.from({ length: 12 }, () => reset)), 'the target');
    await slowRead.send(request, 'c0');
    await slowRead.send(request, 'c1');
    for (let i = 2; i <= 13; i += 1) await slowRead.send(request, `c${i}`, { hostile: true });
    expect(slowRead.lostTarget()).toBeUndefined();
    expect(slowRead.stoppedAtEnd()).toBeUndefined();
    // Not even a client's: a hostile-looking request timed out among the front's resets.
    const slowProbe = new TargetGuardTransport(scripted(undefined, timeout, ...Array.from({ length: 12 }, () => reset)), 'the target');
    await slowProbe.send(request, 'c0');
    for (let i = 1; i <= 13; i += 1) await slowProbe.send(request, `c${i}`, { hostile: true });
    expect(slowProbe.stoppedAtEnd()).toBeUndefined();
  });

  it("is not said once an answer came after a client's closed request: the row after that answer is hostile-looking resets only", async () => {
    // A client's read reset, then answered, then a front's resets of probes (nginx 444) to the end: the closed read is before the row.
    const guard = new TargetGuardTransport(scripted(undefined, reset, undefined, ...Array.from({ length: 12 }, () => reset)), 'the target');
    await guard.send(request, 'c0');
    await guard.send(request, 'c1');
    await guard.send(request, 'c2');
    for (let i = 3; i <= 14; i += 1) await guard.send(request, `c${i}`, { hostile: true });
    expect(guard.stoppedAtEnd()).toBeUndefined();
  });

  it("takes the run's key out of the request it names, a hostile path's that carried it, before it is cut", async () => {
    const key = `zv_test_${'k'.repeat(40)}`;
    const keyed: HttpRequest = { ...request, path: `/v1/senders/${'x'.repeat(190)}${key}/whatsapp-sync` };
    const guard = new TargetGuardTransport(scripted(undefined, ...Array.from({ length: 8 }, () => reset)), 'the target', (text) => text.split(key).join('[key]'));
    await guard.send(request, 'c0');
    await guard.send(keyed, `c1-${key}`, { hostile: true });
    await guard.send(request, 'c2');
    for (let i = 3; i <= 8; i += 1) await guard.send(request, `c${i}`, { hostile: true });
    const seen = guard.stoppedAtEnd();
    expect(seen?.why).toContain('exchange c1-[key]');
    expect(JSON.stringify(seen)).not.toContain(key.slice(0, 20));
  });

  it(`is not said of fewer than ${LOST_AFTER} requests in a row, nor once an answer came after them, nor of a target lost (its headline says it)`, async () => {
    expect((await endedAfter([false, true, true, true])).stoppedAtEnd()).toBeUndefined();
    const answeredAfter = new TargetGuardTransport(scripted(undefined, reset, reset, reset, reset, reset, undefined), 'the target');
    for (let i = 0; i < 7; i += 1) await answeredAfter.send(request, `c${i}`, i >= 2 && i <= 5 ? { hostile: true } : undefined);
    expect(answeredAfter.stoppedAtEnd()).toBeUndefined();
    const lost = await endedAfter(Array.from({ length: LOST_AFTER }, () => false));
    expect(lost.lostTarget()).toBeDefined();
    expect(lost.stoppedAtEnd()).toBeUndefined();
  });
});

describe("a run that ends on a row of hostile-looking requests reset, none of a client's closed: one read a client sends, sent again to confirm", () => {
  const reset = { kind: 'reset' as const, message: 'ECONNRESET: socket hang up' };
  const keyed: HttpRequest = { ...request, headers: { authorization: 'Bearer zv_test_key' } };
  /** A guard whose client read (keyed) was answered, then `hostile` hostile-marked requests were reset. */
  async function endedOnResets(hostile: number, first: HttpRequest = keyed, target = 'the target'): Promise<TargetGuardTransport> {
    const guard = new TargetGuardTransport(scripted(undefined, ...Array.from({ length: hostile }, () => reset)), target);
    await guard.send(first, 'c0');
    for (let i = 1; i <= hostile; i += 1) await guard.send(request, `c${i}`, { hostile: true });
    return guard;
  }
  /** What the confirming read reaches: its request, and how it goes. */
  function confirmer(outcome: TransportError | undefined): Transport & { sent: { request: HttpRequest; id: string }[] } {
    const inner = scripted(outcome);
    const sent: { request: HttpRequest; id: string }[] = [];
    return { sent, send: (req, id) => (sent.push({ request: req, id }), inner.send(req, id)) };
  }

  it('a target that went down after the run\'s last read a client sends: the read sent again is closed too, so it is said to have stopped answering, the read named', async () => {
    const guard = await endedOnResets(30);
    expect(guard.stoppedAtEnd()).toBeUndefined();
    const via = confirmer(reset);
    await guard.confirmAtEnd(via, 'confirming-read');
    // The read as it was sent, its key and all, once; never again.
    expect(via.sent).toEqual([{ request: keyed, id: 'confirming-read' }]);
    await guard.confirmAtEnd(via, 'confirming-read');
    expect(via.sent).toHaveLength(1);
    expect(guard.lostTarget()).toBeUndefined();
    expect(guard.stoppedAtEnd()).toEqual({
      why: "the target answered none of the last 30 requests of the run, none of them sent as a client sends them: each had its connection closed unanswered (the last: reset, ECONNRESET: socket hang up), and a last read sent to confirm, GET /v1/senders/a/whatsapp-sync, got no answer either (reset, ECONNRESET: socket hang up), so it stopped answering before the run ended, too near the end to be lost, and their cases failed on it; the verdicts stand (did a request crash it, or did its process go down behind a port something still takes connections on, as a container's proxy does? The first request left unanswered since its last answer: GET /v1/senders/a/whatsapp-sync, exchange c1)",
      at: 'GET /v1/senders/a/whatsapp-sync, exchange c1',
    });
  });

  it('refused a connection, or timed out: said too, as no answer', async () => {
    for (const error of [{ kind: 'connection-refused' as const, message: 'ECONNREFUSED 127.0.0.1:9' }, timeout]) {
      const guard = await endedOnResets(8);
      await guard.confirmAtEnd(confirmer(error), 'confirming-read');
      expect(guard.stoppedAtEnd()?.why).toContain(`: none got an answer (the last: reset, ECONNRESET: socket hang up), and a last read sent to confirm, GET /v1/senders/a/whatsapp-sync, got no answer either (${error.kind}, ${error.message})`);
    }
  });

  it('a front that resets only hostile-looking requests (nginx 444) answers the read: nothing is said', async () => {
    const guard = await endedOnResets(30);
    const via = confirmer(undefined);
    await guard.confirmAtEnd(via, 'confirming-read');
    expect(via.sent).toHaveLength(1);
    expect(guard.stoppedAtEnd()).toBeUndefined();
    // An answer the suite cannot judge is an answer all the same.
    const refused = await endedOnResets(30);
    await refused.confirmAtEnd(confirmer({ kind: 'other', message: 'Parse Error: Invalid header value char' }), 'confirming-read');
    expect(refused.stoppedAtEnd()).toBeUndefined();
  });

  it("sends nothing unless the run ends so: fewer than the row, a client's closed (said already), a target lost, nothing answered to send again, a write, a hostile or keyless read, or the run aborted", async () => {
    const none = async (guard: TargetGuardTransport, signal?: AbortSignal): Promise<void> => {
      const via = confirmer(reset);
      await guard.confirmAtEnd(via, 'confirming-read', signal);
      expect(via.sent).toEqual([]);
    };
    await none(await endedOnResets(LOST_AFTER - 1));
    const clientClosed = new TargetGuardTransport(scripted(undefined, ...Array.from({ length: 8 }, () => reset)), 'the target');
    for (let i = 0; i <= 8; i += 1) await clientClosed.send(keyed, `c${i}`, i === 1 || i === 0 ? undefined : { hostile: true });
    const said = clientClosed.stoppedAtEnd();
    expect(said).toBeDefined();
    await none(clientClosed);
    expect(clientClosed.stoppedAtEnd()).toEqual(said);
    const lost = new TargetGuardTransport(scripted(undefined, ...Array.from({ length: 8 }, () => reset)), 'the target');
    for (let i = 0; i <= 8; i += 1) await lost.send(keyed, `c${i}`);
    expect(lost.lostTarget()).toBeDefined();
    await none(lost);
    await none(await endedOnResets(30, { ...keyed, method: 'POST' }));
    await none(await endedOnResets(30, { ...keyed, authVariant: 'none' }));
    const hostileRead = new TargetGuardTransport(scripted(undefined, ...Array.from({ length: 8 }, () => reset)), 'the target');
    for (let i = 0; i <= 8; i += 1) await hostileRead.send(keyed, `c${i}`, { hostile: true });
    await none(hostileRead);
    const aborted = new AbortController();
    aborted.abort();
    await none(await endedOnResets(30), aborted.signal);
  });

  it("says nothing when the run's abort cut the read while it was out: a cut read tells nothing of the target", async () => {
    const guard = await endedOnResets(30);
    const abort = new AbortController();
    const inner = confirmer(reset);
    const cut: Transport = { send: (req, id) => (abort.abort(), inner.send(req, id)) };
    await guard.confirmAtEnd(cut, 'confirming-read', abort.signal);
    expect(inner.sent).toHaveLength(1);
    expect(guard.stoppedAtEnd()).toBeUndefined();
  });

  it("says which read it sends, before sending it (a wait of up to one --timeout after the last case's line): once, the key taken out; nothing when nothing is sent", async () => {
    const key = `zv_test_${'k'.repeat(40)}`;
    const keyedPath: HttpRequest = { ...keyed, path: `/v1/senders/${key}/whatsapp-sync` };
    const guard = new TargetGuardTransport(scripted(undefined, ...Array.from({ length: 8 }, () => reset)), 'the target', (text) => text.split(key).join('[key]'));
    await guard.send(keyedPath, 'c0');
    for (let i = 1; i <= 8; i += 1) await guard.send(request, `c${i}`, { hostile: true });
    const order: string[] = [];
    const inner = scripted(undefined);
    const via: Transport = { send: (req, id) => (order.push('sent'), inner.send(req, id)) };
    await guard.confirmAtEnd(via, 'confirming-read', undefined, (read) => order.push(`said ${read}`));
    expect(order).toEqual(['said GET /v1/senders/[key]/whatsapp-sync', 'sent']);
    await guard.confirmAtEnd(via, 'confirming-read', undefined, (read) => order.push(`said ${read}`));
    expect(order).toHaveLength(2);
    const said: string[] = [];
    await (await endedOnResets(LOST_AFTER - 1)).confirmAtEnd(confirmer(reset), 'confirming-read', undefined, (read) => said.push(read));
    expect(said).toEqual([]);
  });

  it("takes the run's key out of the read it names, before it is cut", async () => {
    const key = `zv_test_${'k'.repeat(40)}`;
    const keyedPath: HttpRequest = { ...keyed, path: `/v1/senders/${'x'.repeat(150)}${key}/whatsapp-sync` };
    const guard = new TargetGuardTransport(scripted(undefined, ...Array.from({ length: 8 }, () => reset)), 'the target', (text) => text.split(key).join('[key]'));
    await guard.send(keyedPath, 'c0');
    for (let i = 1; i <= 8; i += 1) await guard.send(request, `c${i}`, { hostile: true });
    await guard.confirmAtEnd(confirmer({ kind: 'reset', message: `socket hang up at ${key}` }), 'confirming-read');
    const seen = guard.stoppedAtEnd();
    expect(seen?.why).toContain(`GET /v1/senders/${'x'.repeat(150)}[key]`);
    expect(JSON.stringify(seen)).not.toContain(key.slice(0, 20));
  });
});
