/**
 * A front whose upstream went down answers every request with its own 502/503/504 page: after the
 * target answered as the API, five such answers in a row make the run's one headline. One 502
 * among answers (a flaky front), a 503 in the contract's JSON error form (the API's own answer),
 * or a front down from the start (no-json-answer's to say) make none.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { GatewayTally, UPSTREAM_DOWN_AFTER } from '../../src/runner/gateway-tally';
import { upstreamDownWarning } from '../../src/report/run-warnings';

function exchange(id: string, status: number, headers: Record<string, string>, bodyText: string): Exchange {
  const request = { method: 'GET', path: `/v1/senders/${id}/whatsapp-sync`, headers: {} } as HttpRequest;
  return { id, request, response: { status, headers, bodyText }, startedAt: '', durationMs: 1 };
}

const api = (id: string): Exchange => exchange(id, 200, { 'content-type': 'application/json' }, '{"status":"synced"}');
const page502 = (id: string): Exchange => exchange(id, 502, { 'content-type': 'text/html' }, '<html><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></html>');
const apiError503 = (id: string): Exchange => exchange(id, 503, { 'content-type': 'application/json', 'retry-after': '1' }, '{"code":"unavailable","message":"try again"}');

function tallied(exchanges: readonly Exchange[]): GatewayTally {
  const tally = new GatewayTally();
  for (const e of exchanges) tally.note(e);
  return tally;
}

const range = (n: number, make: (id: string) => Exchange, prefix: string): Exchange[] => Array.from({ length: n }, (_, i) => make(`${prefix}${i + 1}`));

/** No key in these answers: the warning's text as the tally gave it. */
const asIs = (text: string): string => text;

test('after an answer as the API, UPSTREAM_DOWN_AFTER gateway pages in a row: the row from its first request, the cases after it counted', () => {
  const seen = tallied([api('a'), api('b#1'), ...range(UPSTREAM_DOWN_AFTER + 2, page502, 'c'), exchange('d', 504, { 'content-type': 'text/plain' }, 'upstream timed out')]).upstreamDown();
  expect(seen).toEqual({
    at: { method: 'GET', path: '/v1/senders/c1/whatsapp-sync', exchangeId: 'c1' },
    after: UPSTREAM_DOWN_AFTER,
    statuses: '502 ×7, 504 ×1',
    form: 'an HTML page (text/html)',
    gatewayAnswers: 8,
    apiAnswersAfter: 0,
    casesAfter: 8,
  });
  const line = upstreamDownWarning(seen!, asIs);
  expect(line.kind).toBe('upstream-down');
  expect(line.message).toMatch(/^from GET \/v1\/senders\/c1\/whatsapp-sync, exchange c1 on, the target answered 5 requests in a row or more with a gateway error \(502 ×7, 504 ×1; 8 gateway answers in all, the first an HTML page \(text\/html\), not the contract's JSON error\)/);
  expect(line.message).toContain('its upstream may have gone down behind its front');
  expect(line.message).toContain('8 cases begun from it on (their first request sent at or after it) judged on the answers since');
});

test('one gateway answer short of the row, or one 502 among answers as the API: no headline', () => {
  expect(tallied([api('a'), ...range(UPSTREAM_DOWN_AFTER - 1, page502, 'c'), api('d'), ...range(UPSTREAM_DOWN_AFTER - 1, page502, 'e')]).upstreamDown()).toBeUndefined();
  expect(tallied([api('a'), api('b'), page502('c'), api('d'), api('e'), api('f'), api('g'), api('h')]).upstreamDown()).toBeUndefined();
});

test("503s in the contract's JSON error form are the API's own answers, however many: no headline", () => {
  expect(tallied([api('a'), ...range(UPSTREAM_DOWN_AFTER * 2, apiError503, 'c')]).upstreamDown()).toBeUndefined();
});

test("a front down from the start (no answer as the API before the row) is no-json-answer's to say, not this", () => {
  expect(tallied(range(UPSTREAM_DOWN_AFTER * 2, page502, 'c')).upstreamDown()).toBeUndefined();
});

test('unanswered requests (the target guard\'s) neither make nor break a row; the API answering again after it is counted', () => {
  const unanswered: Exchange = { id: 'x', request: { method: 'GET', path: '/x', headers: {} } as HttpRequest, error: { kind: 'timeout', message: 'timed out' }, startedAt: '', durationMs: 1 } as Exchange;
  const seen = tallied([api('a'), page502('c1'), page502('c2'), unanswered, page502('c3'), page502('c4'), page502('c5'), api('d')]).upstreamDown();
  expect(seen?.gatewayAnswers).toBe(5);
  expect(seen?.apiAnswersAfter).toBe(1);
  expect(upstreamDownWarning(seen!, asIs).message).toContain('then 1 answer as the API again');
});

test("the request named is cut and made inert, with the run's keys taken out", () => {
  const hostile = exchange(`zv_test_secret\u202e${'x'.repeat(400)}`, 502, { 'content-type': 'text/html' }, '<html>');
  const seen = tallied([api('a'), hostile, ...range(UPSTREAM_DOWN_AFTER, page502, 'c')]).upstreamDown();
  const message = upstreamDownWarning(seen!, (text) => text.replaceAll('zv_test_secret', '[REDACTED]')).message;
  expect(message).not.toContain('zv_test_secret');
  expect(message).not.toContain('\u202e');
  expect(message.length).toBeLessThanOrEqual(1100);
});

test("an edge's own HTML 404 page or plain-text 429 before the row is not the API answering: no headline", () => {
  const edge404 = exchange('p', 404, { 'content-type': 'text/html' }, '<html><h1>404 Not Found</h1></html>');
  const edge429 = exchange('q', 429, { 'content-type': 'text/plain' }, 'slow down');
  expect(tallied([edge404, ...range(UPSTREAM_DOWN_AFTER * 2, page502, 'c')]).upstreamDown()).toBeUndefined();
  expect(tallied([edge429, ...range(UPSTREAM_DOWN_AFTER * 2, page502, 'c')]).upstreamDown()).toBeUndefined();
  // JSON that is no object or array (a health page's "OK", a bare number) is no answer of the API's either.
  for (const body of ['"OK"', '1', 'null']) expect([body, tallied([exchange('r', 200, { 'content-type': 'application/json' }, body), ...range(UPSTREAM_DOWN_AFTER * 2, page502, 'c')]).upstreamDown()]).toEqual([body, undefined]);
  // The contract's JSON error (a 404 of an unknown sender) is the API answering, as a 2xx JSON is.
  const apiError404 = exchange('r', 404, { 'content-type': 'application/json' }, '{"code":"not_found","message":"no such sender"}');
  expect(tallied([apiError404, ...range(UPSTREAM_DOWN_AFTER, page502, 'c')]).upstreamDown()?.gatewayAnswers).toBe(UPSTREAM_DOWN_AFTER);
});

test("after the row, an edge's HTML 404 page is not the API answering again", () => {
  const edge404 = exchange('p', 404, { 'content-type': 'text/html' }, '<html><h1>404 Not Found</h1></html>');
  const seen = tallied([api('a'), ...range(UPSTREAM_DOWN_AFTER, page502, 'c'), edge404, api('d')]).upstreamDown();
  expect(seen?.apiAnswersAfter).toBe(1);
  expect(seen?.casesAfter).toBe(UPSTREAM_DOWN_AFTER + 2);
});

test('at --concurrency, an API answer to a request sent before the row began (a straggler) neither breaks the row nor reads as the API back', () => {
  const sentAt = (e: Exchange, second: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z` });
  const gateways = range(UPSTREAM_DOWN_AFTER, page502, 'c').map((e, i) => sentAt(e, 10 + i));
  const [c1, c2, ...later] = gateways;
  const seen = tallied([sentAt(api('a'), 1), c1!, c2!, sentAt(api('slow'), 9), ...later, sentAt(api('slower'), 8)]).upstreamDown();
  expect(seen?.at.exchangeId).toBe('c1');
  expect(seen?.gatewayAnswers).toBe(UPSTREAM_DOWN_AFTER);
  expect(seen?.apiAnswersAfter).toBe(0);
  // An answer to a request sent after the row began is the API again, and a tie in the clock's millisecond counts as after.
  expect(tallied([sentAt(api('a'), 1), ...gateways, sentAt(api('back'), 10)]).upstreamDown()?.apiAnswersAfter).toBe(1);
  expect(tallied([sentAt(api('a'), 1), c1!, c2!, sentAt(api('back'), 10), ...later]).upstreamDown()).toBeUndefined();
});

test("a burst (a rate limiter's own 503 pages at --concurrency, a pool member restarting) after which the API answers more often than the front: no headline", () => {
  const limiter503 = (id: string): Exchange => exchange(id, 503, { 'content-type': 'text/html' }, '<html><center><h1>503 Service Temporarily Unavailable</h1></center></html>');
  const burst = range(UPSTREAM_DOWN_AFTER, limiter503, 'c');
  expect(tallied([api('a'), ...burst, ...range(UPSTREAM_DOWN_AFTER + 1, api, 'd')]).upstreamDown()).toBeUndefined();
  // As many API answers as gateway ones, or fewer: the front still answered mostly with its own page, and the line says the API came back.
  const seen = tallied([api('a'), ...burst, ...range(UPSTREAM_DOWN_AFTER, api, 'd')]).upstreamDown();
  expect(seen?.apiAnswersAfter).toBe(UPSTREAM_DOWN_AFTER);
  expect(upstreamDownWarning(seen!, asIs).message).toContain(`then ${UPSTREAM_DOWN_AFTER} answers as the API again`);
});

test('statuses as many times each are listed by status, whichever came first', () => {
  const page504 = (id: string): Exchange => exchange(id, 504, { 'content-type': 'text/plain' }, 'upstream timed out');
  const seen = tallied([api('a'), ...range(3, page504, 'c'), ...range(3, page502, 'd')]).upstreamDown();
  expect(seen?.statuses).toBe('502 ×3, 504 ×3');
});

test('cases counted after the row are those begun from its first request on: a sequence whose first step the API answered before it is not one', () => {
  const sentAt = (e: Exchange, second: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z` });
  // The sequence s: its first step answered as the API, its second the row's first gateway page.
  const sequence = [sentAt(api('s#read-before'), 1), sentAt(page502('s#read-after'), 2)];
  const others = range(UPSTREAM_DOWN_AFTER - 1, page502, 'c').map((e, i) => sentAt(e, 3 + i));
  const seen = tallied([...sequence, ...others]).upstreamDown();
  expect(seen?.at.exchangeId).toBe('s#read-after');
  expect(seen?.gatewayAnswers).toBe(UPSTREAM_DOWN_AFTER);
  expect(seen?.casesAfter).toBe(UPSTREAM_DOWN_AFTER - 1);
  expect(upstreamDownWarning(seen!, asIs).message).toContain(`${UPSTREAM_DOWN_AFTER - 1} cases begun from it on (their first request sent at or after it) judged on the answers since`);
  // A case whose first request went unanswered before the row, and whose retry got a gateway page in it, was begun before it too.
  const unanswered: Exchange = { ...sentAt(api('u'), 2), response: undefined } as unknown as Exchange;
  const later = sentAt(page502('u#2'), 9);
  expect(tallied([sentAt(api('a'), 1), unanswered, ...others, later]).upstreamDown()?.casesAfter).toBe(UPSTREAM_DOWN_AFTER - 1);
});

test('the row as found, at once, for the progress line: its first request and the statuses of its five, not of what came after', () => {
  const tally = new GatewayTally();
  for (const e of [api('a'), ...range(UPSTREAM_DOWN_AFTER - 1, page502, 'c')]) tally.note(e);
  expect(tally.rowFound()).toBeUndefined();
  tally.note(exchange('c5', 504, { 'content-type': 'text/plain' }, 'upstream timed out'));
  expect(tally.rowFound()).toEqual({ at: { method: 'GET', path: '/v1/senders/c1/whatsapp-sync', exchangeId: 'c1' }, after: UPSTREAM_DOWN_AFTER, statuses: '502 ×4, 504 ×1', form: 'an HTML page (text/html)' });
  tally.note(page502('d'));
  expect(tally.rowFound()?.statuses).toBe('502 ×4, 504 ×1');
  expect(tally.apiBackAt()).toBeUndefined();
});

test("the API answering again after a row said live: the run's verdict on it may then be no headline at all, so where it answered again is kept for a line of its own", () => {
  const limiter503 = (id: string): Exchange => exchange(id, 503, { 'content-type': 'text/html' }, '<html><center><h1>503 Service Temporarily Unavailable</h1></center></html>');
  const tally = tallied([api('a'), ...range(UPSTREAM_DOWN_AFTER, limiter503, 'c'), ...range(UPSTREAM_DOWN_AFTER + 1, api, 'd')]);
  // Said live when found, and no headline after the run: without the second line the live log's last word would be the first.
  expect(tally.rowFound()).toBeDefined();
  expect(tally.upstreamDown()).toBeUndefined();
  expect(tally.apiBackAt()).toEqual({ method: 'GET', path: '/v1/senders/d1/whatsapp-sync', exchangeId: 'd1' });
});

test("a replay's answers, taken in the order their requests were sent once all are in: the row named is the recorded run's, and none is said before the end", () => {
  const sentAt = (e: Exchange, second: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z` });
  // Recorded: the API, then the row from c1 on. Played in another plan order: c3 and c4's case first.
  const recorded = [sentAt(api('a'), 1), ...range(UPSTREAM_DOWN_AFTER + 1, page502, 'c').map((e, i) => sentAt(e, 10 + i))];
  const played = [recorded[0]!, recorded[3]!, recorded[4]!, recorded[1]!, recorded[2]!, ...recorded.slice(5)];
  const replay = new GatewayTally('sent-order');
  for (const e of played) replay.note(e);
  expect(replay.rowFound()).toBeUndefined();
  expect(replay.apiBackAt()).toBeUndefined();
  expect(replay.upstreamDown()?.at.exchangeId).toBe('c1');
  expect(replay.upstreamDown()?.gatewayAnswers).toBe(UPSTREAM_DOWN_AFTER + 1);
  // Nor after: the progress line is a live run's, said as the row is found.
  expect(replay.rowFound()).toBeUndefined();
  // Taken as played, the row's order within it is mended (its first is the earliest sent), but an
  // answer the recorded run had after its row (d: the API back) played before it breaks it first.
  expect(tallied(played).upstreamDown()?.at.exchangeId).toBe('c1');
  const backFirst = [recorded[0]!, sentAt(api('d'), 30), ...played.slice(1)];
  expect(tallied(backFirst).upstreamDown()).toBeUndefined();
  const replayed = new GatewayTally('sent-order');
  for (const e of backFirst) replayed.note(e);
  expect(replayed.upstreamDown()).toMatchObject({ at: { exchangeId: 'c1' }, apiAnswersAfter: 1 });
});

test("a case whose first request was answered 429 before the row, and whose retry after its Retry-After got a gateway page in it, was begun before the row: not counted", () => {
  const sentAt = (e: Exchange, second: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z` });
  const others = range(UPSTREAM_DOWN_AFTER - 1, page502, 'c').map((e, i) => sentAt(e, 3 + i));
  // The exchange the tally sees is the last attempt's: sent at 9, after a wait of 7 s from a 429 to the request sent at 2 or before.
  const retried: Exchange = { ...sentAt(page502('r'), 9), retries: [{ status: 429, waitedMs: 7000 }] };
  const seen = tallied([sentAt(api('a'), 1), ...others, retried]).upstreamDown();
  expect(seen?.at.exchangeId).toBe('c1');
  expect(seen?.gatewayAnswers).toBe(UPSTREAM_DOWN_AFTER);
  expect(seen?.casesAfter).toBe(UPSTREAM_DOWN_AFTER - 1);
  // A wait that may have begun after the row's first request leaves it counted: only one sent before it for sure is not.
  const waitedLess: Exchange = { ...retried, retries: [{ status: 429, waitedMs: 5000 }] };
  expect(tallied([sentAt(api('a'), 1), ...others, waitedLess]).upstreamDown()?.casesAfter).toBe(UPSTREAM_DOWN_AFTER);
  // A wait the case's stop cut short was followed by no retry: the exchange seen is the 429's own request.
  const stopped: Exchange = { ...sentAt(exchange('q', 429, { 'content-type': 'text/plain' }, 'slow down'), 8), retries: [{ status: 429, waitedMs: 7000, stopped: true }] };
  expect(tallied([sentAt(api('a'), 1), ...others, sentAt(page502('c9'), 7), stopped, sentAt(api('z'), 8)]).upstreamDown()?.casesAfter).toBe(UPSTREAM_DOWN_AFTER + 2);
});

test("a replay of a --repeat recording: the row's first answer's form is its own attempt's, not a later attempt's of the same request", () => {
  const sentAt = (e: Exchange, second: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z` });
  const timeout504 = (id: string): Exchange => exchange(id, 504, { 'content-type': 'text/plain' }, 'upstream timed out');
  // Each request sent twice (--repeat 2): the first pass's row of HTML pages, the second pass's plain-text 504s.
  const first = range(UPSTREAM_DOWN_AFTER, page502, 'c').map((e, i) => sentAt(e, 2 + i));
  const second = range(UPSTREAM_DOWN_AFTER, timeout504, 'c').map((e, i) => sentAt(e, 20 + i));
  const replay = new GatewayTally('sent-order');
  for (const e of [sentAt(api('a'), 1), ...first, ...second]) replay.note(e);
  const seen = replay.upstreamDown();
  expect(seen?.at.exchangeId).toBe('c1');
  expect(seen?.statuses).toBe(`502 ×${UPSTREAM_DOWN_AFTER}, 504 ×${UPSTREAM_DOWN_AFTER}`);
  expect(seen?.form).toBe('an HTML page (text/html)');
  // As a live run takes them, the same.
  expect(tallied([sentAt(api('a'), 1), ...first, ...second]).upstreamDown()?.form).toBe('an HTML page (text/html)');
});

test('at --concurrency, a live run finds the row a replay of its recording finds: it begins at its first request sent, not its first answered', () => {
  const sentAt = (e: Exchange, ms: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:00.${String(ms).padStart(3, '0')}Z` });
  const replayed = (answered: readonly Exchange[]): GatewayTally => {
    const tally = new GatewayTally('sent-order');
    for (const e of answered) tally.note(e);
    return tally;
  };
  // c1 sent before c2, answered after it: the row is of the five, from c1 on.
  const [c1, c2, c3, c4, c5] = range(UPSTREAM_DOWN_AFTER, page502, 'c').map((e, i) => sentAt(e, 20 + i * 10));
  const crossed = [sentAt(api('a'), 10), c2!, c1!, c3!, c4!, c5!];
  expect(replayed(crossed).upstreamDown()).toMatchObject({ at: { exchangeId: 'c1' }, casesAfter: UPSTREAM_DOWN_AFTER });
  expect(tallied(crossed).upstreamDown()).toMatchObject({ at: { exchangeId: 'c1' }, casesAfter: UPSTREAM_DOWN_AFTER });
  expect(tallied(crossed).rowFound()?.at.exchangeId).toBe('c1');
  // The API answered b, sent after c1 and before c2, first: in the order sent no five in a row, as answered none either.
  const broken = [sentAt(api('a'), 10), sentAt(api('b'), 25), c1!, c2!, c3!, c4!, c5!];
  expect(replayed(broken).upstreamDown()).toBeUndefined();
  expect(tallied(broken).upstreamDown()).toBeUndefined();
});

test("a sequence whose earlier step was sent and answered in the millisecond its later step began the row in was still begun before it: not counted", () => {
  const sentAt = (e: Exchange, ms: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:00.${String(ms).padStart(3, '0')}Z` });
  // A local front answers in well under a millisecond: both steps are stamped alike, the first answered first.
  const sequence = [sentAt(api('s#read-before'), 100), sentAt(page502('s#read-after'), 100)];
  const others = range(UPSTREAM_DOWN_AFTER - 1, page502, 'c').map((e, i) => sentAt(e, 100 + i));
  const live = tallied([sentAt(api('a'), 50), ...sequence, ...others]).upstreamDown();
  expect(live).toMatchObject({ at: { exchangeId: 's#read-after' }, casesAfter: UPSTREAM_DOWN_AFTER - 1 });
  const replay = new GatewayTally('sent-order');
  for (const e of [sentAt(api('a'), 50), ...sequence, ...others]) replay.note(e);
  expect(replay.upstreamDown()).toMatchObject({ at: { exchangeId: 's#read-after' }, casesAfter: UPSTREAM_DOWN_AFTER - 1 });
  // Another case's request stamped alike, answered after the row's first (c1 here), still counts: a tie is after.
  expect(tallied([sentAt(api('a'), 50), sentAt(page502('s#read-after'), 100), ...others]).upstreamDown()?.casesAfter).toBe(UPSTREAM_DOWN_AFTER);
});

test('at --concurrency, an API answer that crossed the row\'s first gateway errors breaks only those sent before it, as in the order sent', () => {
  const sentAt = (e: Exchange, ms: number): Exchange => ({ ...e, startedAt: `2026-01-01T00:00:00.${String(ms).padStart(3, '0')}Z` });
  // Sent r3, r4, r5, …; answered r3 and r5 (gateway errors), then r4 (the API's, slower), then r6 on.
  const answered = [sentAt(api('a'), 10), sentAt(page502('r3'), 30), sentAt(page502('r5'), 50), sentAt(api('r4'), 40), ...[6, 7, 8, 9].map((n) => sentAt(page502(`r${n}`), n * 10))];
  const replay = new GatewayTally('sent-order');
  for (const e of answered) replay.note(e);
  expect(replay.upstreamDown()?.at.exchangeId).toBe('r5');
  expect(tallied(answered).upstreamDown()?.at.exchangeId).toBe('r5');
});
