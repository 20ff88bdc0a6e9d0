/**
 * A run none of whose answers is JSON says so once (a wrong base URL's likeliest sign); one JSON
 * answer, or too few answers, says nothing. What a target sent as its Content-Type is shown only
 * when it reads as a plain media type.
 */
import type { Exchange, HttpRequest, HttpResponse } from '../../src/model';
import { AnswerTally, NO_JSON_AFTER } from '../../src/runner/answer-tally';
import { parseJsonBody } from '../../src/checks/support/parsed-body';
import { nonJsonAnswersWarning } from '../../src/report/run-warnings';

const request: HttpRequest = { method: 'GET', path: '/v1/senders/x/whatsapp-sync', headers: {} } as HttpRequest;

function answer(status: number, headers: Record<string, string> = {}): Exchange {
  return { id: 'e', request, response: { status, headers, bodyText: '' }, startedAt: '', durationMs: 1 };
}

/** The run's target, whose own origin a Location may name too. */
const TARGET = 'http://127.0.0.1:4010';

function tallied(...exchanges: Exchange[]): AnswerTally {
  const tally = new AnswerTally(TARGET);
  for (const exchange of exchanges) tally.note(exchange);
  return tally;
}

test('three answers or more, none labelled JSON: counted by status, most frequent first, with the first answer\'s media type', () => {
  const seen = tallied(answer(404, { 'content-type': 'text/html; charset=utf-8' }), answer(404), answer(405), answer(404))?.nonJson();
  expect(seen).toEqual({ answers: 4, statuses: 'status 404 ×3, 405 ×1', firstType: 'Content-Type text/html' });
  const line = nonJsonAnswersWarning(seen!);
  expect(line.kind).toBe('no-json-answer');
  expect(line.message).toMatch(/^none of the run's 4 answers was JSON \(status 404 ×3, 405 ×1; the first with Content-Type text\/html\), .*is the base URL the API's root\?/);
});

test("the path it says the suite appends is the run's own first operation's (operations are data), not a shipped one", () => {
  const seen = tallied(answer(404), answer(404), answer(404))?.nonJson();
  expect(nonJsonAnswersWarning(seen!, '/v1/senders/{senderId}').message).toContain("The suite appends the operations' paths to it (/v1/senders/{senderId}…)");
  expect(nonJsonAnswersWarning(seen!, '/v1/senders/{senderId}').message).not.toContain('whatsapp-sync');
});

test('fewer answers than NO_JSON_AFTER, or a single JSON answer among them, say nothing', () => {
  expect(NO_JSON_AFTER).toBe(3);
  expect(tallied(answer(404), answer(404)).nonJson()).toBeUndefined();
  expect(tallied(answer(404), answer(404), answer(404, { 'content-type': 'application/problem+json' }), answer(404)).nonJson()).toBeUndefined();
  expect(tallied(answer(401, { 'content-type': 'application/json' }), answer(404), answer(404), answer(404)).nonJson()).toBeUndefined();
});

test("JSON bodies labelled otherwise (text/plain, text/html) are the API's, mislabelled: no sign of a wrong base URL", () => {
  // Seen against a server labelling every JSON answer text/plain: the run warned "none of the run's
  // 437 answers was JSON … is the base URL the API's root?", above the content-type failure that was
  // the fault, sending the reviewer to check a base URL that was right.
  const mislabelled = (status: number, bodyText: string, type = 'text/plain'): Exchange => ({ ...answer(status, { 'content-type': type }), response: { status, headers: { 'content-type': type }, bodyText } });
  expect(tallied(mislabelled(404, ' {"code":"not_found","message":"no such sender"}'), mislabelled(401, '{"code":"unauthorized"}'), mislabelled(200, '[]', 'text/html')).nonJson()).toBeUndefined();
  // A body that only starts like JSON, or a JSON scalar (a web page's "null", a bare number), is not an API's object.
  expect(tallied(mislabelled(404, '{not json'), mislabelled(404, '"text"'), mislabelled(404, '<html>{}</html>')).nonJson()?.answers).toBe(3);
});

test('a body that starts like JSON is parsed once for the run, by the checks\' own cache (a hostile 16 MiB near-JSON on every answer is not parsed twice), and a body cut at the size bound not at all', () => {
  const body = (bodyText: string, truncated?: true): Exchange & { response: HttpResponse } => ({
    ...answer(404),
    response: { status: 404, headers: { 'content-type': 'text/plain' }, bodyText, ...(truncated ? { truncated: { limitBytes: 8, receivedBytes: 9, crossed: 'received' as const } } : {}) },
  });
  const near = body('{"a": [1, 2, 3'.padEnd(200, ' '));
  const parse = jest.spyOn(JSON, 'parse');
  try {
    const tally = tallied(near);
    expect(parse).toHaveBeenCalledTimes(1);
    // json-body's own read of the same answer is the cached one.
    expect(parseJsonBody(near.response)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parse).toHaveBeenCalledTimes(1);
    tally.note(body('{"a": 1}', true));
    expect(parse).toHaveBeenCalledTimes(1);
    tally.note(answer(404));
    expect(tally.nonJson()?.answers).toBe(3);
  } finally {
    parse.mockRestore();
  }
});

test('requests that got no answer are not answers: a silent target is the guard\'s, not this', () => {
  const unanswered: Exchange = { id: 'e', request, error: { kind: 'timeout', message: 'timed out' }, startedAt: '', durationMs: 1 };
  expect(tallied(unanswered, unanswered, unanswered, answer(404)).nonJson()).toBeUndefined();
});

test('answers that carry no body of the operation\'s are not counted: a HEAD\'s, an OPTIONS probe\'s, a 204\'s, a 304\'s (a conformant API labels none of them JSON)', () => {
  const asked = (method: string, status: number, headers: Record<string, string> = {}): Exchange => ({ ...answer(status, headers), request: { ...request, method } as HttpRequest });
  // A run of DELETEs answered 204, or of probes only: no sign of a wrong base URL.
  expect(tallied(asked('DELETE', 204), asked('DELETE', 204), asked('DELETE', 204)).nonJson()).toBeUndefined();
  expect(tallied(asked('HEAD', 200), asked('OPTIONS', 204, { allow: 'GET, HEAD' }), asked('OPTIONS', 200, { 'content-type': 'text/html' }), asked('GET', 304)).nonJson()).toBeUndefined();
  // Alongside them, the answers that do carry one are still told, and only they are counted.
  const seen = tallied(asked('HEAD', 404), asked('GET', 404, { 'content-type': 'text/html' }), asked('DELETE', 204), asked('GET', 404), asked('POST', 404))?.nonJson();
  expect(seen).toEqual({ answers: 3, statuses: 'status 404 ×3', firstType: 'Content-Type text/html' });
  // A HEAD's answer labelled JSON (its GET's Content-Type) is still a JSON answer.
  expect(tallied(asked('HEAD', 200, { 'content-type': 'application/json' }), asked('GET', 404), asked('GET', 404), asked('GET', 404)).nonJson()).toBeUndefined();
});

test('more than three statuses end with "…"; a Content-Type that is no plain media type is not repeated', () => {
  const seen = tallied(answer(500, { 'content-type': '\u001b[2Jtext/html<script>' }), answer(404), answer(302), answer(200), answer(404))?.nonJson();
  expect(seen?.statuses).toBe('status 404 ×2, 200 ×1, 302 ×1, …');
  expect(seen?.firstType).toBe('another Content-Type');
  expect(tallied(answer(404, { 'content-type': ' ' }), answer(404), answer(404)).nonJson()?.firstType).toBe('no Content-Type');
});

test('most answers a redirect to one other origin (http:// to a host that redirects to https://, a moved API): the line names that origin, not a path prefix left out', () => {
  const moved = (status: number, location: string): Exchange => answer(status, { location });
  const seen = tallied(moved(301, 'https://api.example.test/v1/senders/x/whatsapp-sync'), moved(308, 'https://api.example.test/v1/senders/y/whatsapp-sync'), moved(301, 'https://API.example.test:443/v1/senders/z/whatsapp-sync?q=1'))?.nonJson();
  expect(seen).toEqual({ answers: 3, statuses: 'status 301 ×2, 308 ×1', firstType: 'no Content-Type', redirectedTo: 'https://api.example.test' });
  const line = nonJsonAnswersWarning(seen!).message;
  expect(line).toMatch(/^none of the run's 3 answers was JSON \(status 301 ×2, 308 ×1; the first with no Content-Type\): the redirects among them \(not followed: the key goes to no other origin\) all to https:\/\/api\.example\.test: is the API there\? Give that origin \(with the API's path, if any\) as the base URL$/);
  // A front's own refusal among them (node:http's 431 to an oversized header, sent before any redirect): still that origin.
  expect(tallied(moved(301, 'https://a.example.test/x'), moved(301, 'https://a.example.test/y'), answer(431)).nonJson()?.redirectedTo).toBe('https://a.example.test');
  // A relative Location (the same origin), two origins, or redirects not the most of the answers: the line as before.
  for (const mixed of [
    [moved(301, '/zavu/v1/senders/x/whatsapp-sync'), moved(301, '/zavu/v1/senders/y/whatsapp-sync'), moved(301, '/zavu/v1/senders/z/whatsapp-sync')],
    [moved(301, 'https://a.example.test/x'), moved(301, 'https://b.example.test/x'), moved(301, 'https://a.example.test/y')],
    [moved(301, 'https://a.example.test/x'), answer(404), answer(404)],
  ]) {
    const other = tallied(...mixed).nonJson();
    expect(other?.redirectedTo).toBeUndefined();
    expect(nonJsonAnswersWarning(other!).message).toMatch(/is the base URL the API's root\?/);
  }
});

test("a Location that names the target's own origin, absolute (a trailing-slash redirect), is no other origin: the line asks about the path, as for a relative one", () => {
  const moved = (location: string): Exchange => answer(301, { location });
  // As a framework's slash-appending redirect writes it: scheme, host and port as the request's, the default port spelled out or not.
  const same = tallied(moved(`${TARGET}/v1/senders/x/whatsapp-sync/`), moved(`${TARGET}/v1/senders/y/whatsapp-sync/`), moved('HTTP://127.0.0.1:4010/v1/senders/z/whatsapp-sync/')).nonJson();
  expect(same?.redirectedTo).toBeUndefined();
  expect(nonJsonAnswersWarning(same!).message).toMatch(/is the base URL the API's root\?/);
  // The same host on another scheme or port is another origin (http:// sent to https://): named.
  expect(tallied(moved('https://127.0.0.1:4010/x'), moved('https://127.0.0.1:4010/y'), moved('https://127.0.0.1:4010/z')).nonJson()?.redirectedTo).toBe('https://127.0.0.1:4010');
  const defaultPort = new AnswerTally('https://api.example.test');
  for (const path of ['/a', '/b', '/c']) defaultPort.note(moved(`https://api.example.test:443${path}`));
  expect(defaultPort.nonJson()?.redirectedTo).toBeUndefined();
});

test('a Location whose URL has no origin (a scheme of no host: foo://), or a host past any real one\'s length (a 10 KB host), is no origin to name', () => {
  const moved = (location: string): Exchange => answer(301, { location });
  expect(tallied(moved('foo://x/a'), moved('foo://x/b'), moved('foo://x/c')).nonJson()?.redirectedTo).toBeUndefined();
  // A host with a control or bidi character: no URL, so nothing of it reaches a line.
  for (const host of ['a\u001bb.example', 'a\u202eb.example']) expect(tallied(moved(`https://${host}/x`), moved(`https://${host}/y`), moved(`https://${host}/z`)).nonJson()?.redirectedTo).toBeUndefined();
  const long = `https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.example/x`;
  expect(tallied(moved(long), moved(long), moved(long)).nonJson()?.redirectedTo).toBeUndefined();
  // Within the bound: named whole here; the engine cuts it to 100 characters and escapes it for the line.
  const fits = `https://${'a'.repeat(60)}.example`;
  expect(tallied(moved(`${fits}/x`), moved(`${fits}/y`), moved(`${fits}/z`)).nonJson()?.redirectedTo).toBe(fits);
});
