import { answerForm } from '../../src/text/answer-form';
/**
 * The JSON-pointer assertions of an expectation (inline ones, named rules, a model's predictions)
 * judged on the body: each kind holds or is a violation under the assertion's own check id, at
 * its pointer, saying what was received and what was wanted; only for the status it is about,
 * and only on a JSON body (a body that is not JSON is json-body's to report).
 */
import { bodyAssertionsCheck } from '../../src/checks/body-assertions';
import { requireBuilt, runInChild } from '../support/in-child';
import type { ResolvedAssertion } from '../../src/model';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const because = 'the reason';
const assertion = (fields: Omit<ResolvedAssertion, 'check' | 'because'> & { check?: string }): ResolvedAssertion => ({ check: 'body-assertion', because, ...fields });

/** The violations on `body`, answered with `status`, for an expectation of 200 with `assert`. */
const judge = (body: unknown, assert: ResolvedAssertion[], status = 200) => bodyAssertionsCheck.run(exchange(jsonResponse(status, body)), context({ status: 200, assert }));

/** The one violation of a single assertion on `body`. */
function breach(body: unknown, one: ResolvedAssertion) {
  const found = judge(body, [one]);
  expect(found).toHaveLength(1);
  return found[0];
}

const body = { ...syncBody, items: [{ id: 'a' }, { id: 'b' }], 'a/b': { '~c': 1 }, empty: null };

describe('equals', () => {
  test('holds for the same JSON value, objects in any key order', () => {
    expect(judge(body, [
      assertion({ pointer: '/sync/isCoexistence', equals: true }),
      assertion({ pointer: '/sync/history/canSync', equals: false }),
      assertion({ pointer: '/sync/contacts', equals: { requestedAt: null, canSync: true, status: 'not_requested' } }),
      assertion({ pointer: '/items', equals: [{ id: 'a' }, { id: 'b' }] }),
      assertion({ pointer: '/empty', equals: null }),
    ])).toEqual([]);
  });

  test('breached: the check, the pointer, what was received and what was wanted', () => {
    expect(breach({ sync: { ...syncBody.sync, isCoexistence: false } }, assertion({ pointer: '/sync/isCoexistence', equals: true, check: 'sync-is-coexistence' }))).toEqual({
      check: 'sync-is-coexistence',
      severity: 'error',
      title: '/sync/isCoexistence is not true',
      message: 'Received: false / Expected: true (the reason)',
      instancePath: '/sync/isCoexistence',
    });
  });

  test('a value that only looks equal is not: a string for a boolean, an extra key, a shorter array', () => {
    expect(breach({ sync: { isCoexistence: 'true' } }, assertion({ pointer: '/sync/isCoexistence', equals: true }))?.message).toBe('Received: "true" / Expected: the boolean true (a string was sent) (the reason)');
    expect(breach(body, assertion({ pointer: '/sync/contacts', equals: { canSync: true, status: 'not_requested' } }))?.instancePath).toBe('/sync/contacts');
    expect(breach(body, assertion({ pointer: '/sync/contacts', equals: { canSync: true, status: 'not_requested', requestedAt: null, completedAt: null } }))?.instancePath).toBe('/sync/contacts');
    expect(breach(body, assertion({ pointer: '/items', equals: [{ id: 'a' }] }))?.title).toBe('/items is not [{"id":"a"}]');
    expect(breach({ items: { 0: { id: 'a' } } }, assertion({ pointer: '/items', equals: [{ id: 'a' }] }))?.message).toBe('Received: {"0":{"id":"a"}} / Expected: the array [{"id":"a"}] (an object was sent) (the reason)');
  });

  test('equals null is an assertion too', () => {
    expect(breach(body, assertion({ pointer: '/sync/history/requestedAt', equals: null }))?.message).toBe('Received: "2024-01-15T10:00:00Z" / Expected: null (the reason)');
  });

  test('nothing at the pointer', () => {
    expect(breach({ sync: {} }, assertion({ pointer: '/sync/isCoexistence', equals: true }))).toMatchObject({ title: '/sync/isCoexistence is not true', message: 'Received: nothing there / Expected: true (the reason)' });
  });
});

describe('oneOf', () => {
  test('holds for any of the values', () => {
    expect(judge(body, [assertion({ pointer: '/sync/history/status', oneOf: ['pending', 'completed'] }), assertion({ pointer: '/items/1', oneOf: [{ id: 'b' }] })])).toEqual([]);
  });

  test('breached: each value listed', () => {
    expect(breach(body, assertion({ pointer: '/sync/history/status', oneOf: ['pending', 'syncing'], check: 'state-prediction' }))).toEqual({
      check: 'state-prediction',
      severity: 'error',
      title: '/sync/history/status is not one of "pending", "syncing"',
      message: 'Received: "completed" / Expected: one of "pending", "syncing" (the reason)',
      instancePath: '/sync/history/status',
    });
    // One value is said as that value ("null", not "one of null").
    expect(breach({ sync: {} }, assertion({ pointer: '/sync/history/status', oneOf: ['pending'] }))?.message).toBe('Received: nothing there / Expected: "pending" (the reason)');
    expect(breach({ t: 'x' }, assertion({ pointer: '/t', oneOf: [null] }))?.title).toBe('/t is not null');
  });
});

describe('present', () => {
  test('true holds for any value there, null included; false holds when nothing is there', () => {
    expect(judge(body, [assertion({ pointer: '/sync/history', present: true }), assertion({ pointer: '/empty', present: true }), assertion({ pointer: '/sync/history/rejectedAt', present: false })])).toEqual([]);
  });

  test('true, breached', () => {
    expect(breach(body, assertion({ pointer: '/sync/contacts/completedAt', present: true }))).toEqual({
      check: 'body-assertion',
      severity: 'error',
      title: '/sync/contacts/completedAt is not present',
      message: 'Received: nothing there / Expected: present (the reason)',
      instancePath: '/sync/contacts/completedAt',
    });
  });

  test('false, breached: the value that should not be there', () => {
    expect(breach(body, assertion({ pointer: '/sync/contacts/requestedAt', present: false }))).toMatchObject({ title: '/sync/contacts/requestedAt is not absent', message: 'Received: null / Expected: absent (the reason)' });
  });
});

describe('type', () => {
  test('holds for each JSON type, telling null, arrays and objects apart', () => {
    expect(judge(body, [
      assertion({ pointer: '/sync/history/requestedAt', type: 'string' }),
      assertion({ pointer: '/sync/contacts/requestedAt', type: 'null' }),
      assertion({ pointer: '/sync/isCoexistence', type: 'boolean' }),
      assertion({ pointer: '/items', type: 'array' }),
      assertion({ pointer: '/sync', type: 'object' }),
      assertion({ pointer: '/a~1b/~0c', type: 'number' }),
    ])).toEqual([]);
  });

  test('breached', () => {
    expect(breach(body, assertion({ pointer: '/sync/contacts/requestedAt', type: 'string' }))).toEqual({
      check: 'body-assertion',
      severity: 'error',
      title: '/sync/contacts/requestedAt is not a string',
      message: 'Received: null / Expected: a string (the reason)',
      instancePath: '/sync/contacts/requestedAt',
    });
    // "an?": the article is wording, not the behaviour under test.
    expect(breach(body, assertion({ pointer: '/items', type: 'object' }))?.title).toMatch(/^\/items is not an? object$/);
    expect(breach(body, assertion({ pointer: '/empty', type: 'object' }))?.message).toMatch(/^Received: null \/ Expected: an? object \(the reason\)$/);
  });
});

describe('sameInstant', () => {
  // syncBody's history.requestedAt is "2024-01-15T10:00:00Z".
  test('holds for any RFC 3339 spelling of that instant: fractional zeros, another offset, lower-case t and z', () => {
    for (const spelling of ['2024-01-15T10:00:00Z', '2024-01-15T10:00:00.000Z', '2024-01-15T10:00:00.000000+00:00', '2024-01-15T15:30:00+05:30', '2024-01-15T05:00:00-05:00', '2024-01-15t10:00:00z', '2024-01-14T23:00:00-11:00']) {
      expect(judge(body, [assertion({ pointer: '/sync/history/requestedAt', sameInstant: spelling })])).toEqual([]);
    }
  });

  test('breached by another instant (to the digit past milliseconds), a time without a zone against one with, a non-string or nothing there', () => {
    const at = (sameInstant: string, pointer = '/sync/history/requestedAt') => breach(body, assertion({ pointer, sameInstant }));
    expect(at('2024-01-15T10:00:01Z')).toEqual({
      check: 'body-assertion',
      severity: 'error',
      title: '/sync/history/requestedAt is not the instant "2024-01-15T10:00:01Z" (any RFC 3339 spelling of it)',
      message: 'Received: "2024-01-15T10:00:00Z" / Expected: the instant "2024-01-15T10:00:01Z" (any RFC 3339 spelling of it) (the reason)',
      instancePath: '/sync/history/requestedAt',
    });
    expect(at('2024-01-15T10:00:01.0001Z')).toBeDefined();
    expect(at('2024-01-15T10:00:00+01:00')).toBeDefined();
    expect(judge({ t: '2024-01-15T10:00:00' }, [assertion({ pointer: '/t', sameInstant: '2024-01-15T10:00:00Z' })])).toHaveLength(1);
    // The same text agrees, date-time or not: whether it is one is the schema's finding, not a disagreement.
    expect(judge({ t: '2024-01-15 10:00' }, [assertion({ pointer: '/t', sameInstant: '2024-01-15 10:00' })])).toEqual([]);
    expect(at('2024-01-15T10:00:00Z', '/sync/contacts/requestedAt')?.message).toMatch(/^Received: null /);
    expect(at('2024-01-15T10:00:00Z', '/sync/contacts/completedAt')?.message).toMatch(/^Received: nothing there /);
  });
});

describe('notBeforeInstant', () => {
  // syncBody's history.requestedAt is "2024-01-15T10:00:00Z".
  const at = (notBeforeInstant: string, pointer = '/sync/history/requestedAt') => judge(body, [assertion({ pointer, notBeforeInstant })]);
  test('holds for the instant itself or any later one, however spelled', () => {
    expect(at('2024-01-15T10:00:00.000Z')).toEqual([]);
    expect(at('2024-01-15T09:59:59Z')).toEqual([]);
    expect(at('2024-01-15T15:29:00+05:30')).toEqual([]);
  });

  test('breached by an earlier instant, to the millisecond, saying which instant it may not precede', () => {
    expect(breach(body, assertion({ pointer: '/sync/history/requestedAt', notBeforeInstant: '2024-01-15T10:00:00.001Z' }))).toEqual({
      check: 'body-assertion',
      severity: 'error',
      title: '/sync/history/requestedAt is not an instant no earlier than "2024-01-15T10:00:00.001Z"',
      message: 'Received: "2024-01-15T10:00:00Z" / Expected: an instant no earlier than "2024-01-15T10:00:00.001Z" (the reason)',
      instancePath: '/sync/history/requestedAt',
    });
  });

  test('null, or no date-time, claims nothing here (the schema judges it)', () => {
    expect(at('2024-01-15T11:00:00Z', '/sync/contacts/requestedAt')).toEqual([]);
    expect(judge({ t: 'yesterday' }, [assertion({ pointer: '/t', notBeforeInstant: '2024-01-15T11:00:00Z' })])).toEqual([]);
  });
});

describe('sameInstant across precisions', () => {
  // syncBody's history.requestedAt is "2024-01-15T10:00:00Z": kept to the second.
  const at = (sameInstant: string) => judge(body, [assertion({ pointer: '/sync/history/requestedAt', sameInstant })]);
  test('a finer spelling of it, truncated or rounded to that second by a store, is the same request time', () => {
    for (const finer of ['2024-01-15T10:00:00.623Z', '2024-01-15T09:59:59.501Z', '2024-01-15T10:00:00.0001Z', '2024-01-15T15:30:00.999999+05:30']) expect(at(finer)).toEqual([]);
  });
  test('a second or more apart, or of one precision and different, it is another', () => {
    for (const other of ['2024-01-15T10:00:01Z', '2024-01-15T10:00:01.000001Z', '2024-01-15T09:59:59Z', '2024-01-15T09:59:58.999Z']) expect(at(other)).toHaveLength(1);
    expect(judge({ t: '2024-01-15T10:00:00.1234Z' }, [assertion({ pointer: '/t', sameInstant: '2024-01-15T10:00:00.1235Z' })])).toHaveLength(1);
    expect(judge({ t: '2024-01-15T10:00:00.1234Z' }, [assertion({ pointer: '/t', sameInstant: '2024-01-15T10:00:00.123Z' })])).toEqual([]);
    expect(judge({ t: '2024-01-15T10:00:00.1234Z' }, [assertion({ pointer: '/t', sameInstant: '2024-01-15T10:00:00.125Z' })])).toHaveLength(1);
  });

  test('with a tolerance (one request timed by two clocks), any instant within it holds; beyond it, the words say how much was allowed', () => {
    const near = (value: string) => judge({ t: value }, [assertion({ pointer: '/t', sameInstant: '2024-01-15T10:00:00.000Z', sameInstantWithinMs: 5000 })]);
    for (const within of ['2024-01-15T10:00:00.041Z', '2024-01-15T09:59:55Z', '2024-01-15T15:30:05+05:30']) expect(near(within)).toEqual([]);
    expect(near('2024-01-15T10:00:05.001Z')[0]?.title).toBe('/t is not the instant "2024-01-15T10:00:00.000Z" (any RFC 3339 spelling of it, give or take 5 seconds: two clocks may time one request)');
    expect(near('not a time')).toHaveLength(1);
  });
});

describe('nearResponseDate', () => {
  // The suite sent the request a minute before the server's Date: the clocks agree.
  const SENT = '2026-12-03T15:59:00.000Z';
  const at = (requestedAt: unknown, date: string | undefined, startedAt = SENT) => {
    const answer = jsonResponse(200, { t: requestedAt }, date === undefined ? {} : { date });
    return bodyAssertionsCheck.run({ ...exchange(answer), startedAt }, context({ status: 200, assert: [assertion({ pointer: '/t', nearResponseDate: 3_600_000 })] }));
  };
  const DATE = 'Thu, 03 Dec 2026 16:00:00 GMT';

  test("holds within the tolerance of the answer's own Date, either side, in any RFC 3339 spelling", () => {
    for (const spelling of ['2026-12-03T16:00:00Z', '2026-12-03T15:00:00Z', '2026-12-03T16:59:59.999Z', '2026-12-03T21:30:00+05:30', '2026-12-03T11:00:00-05:00']) expect(at(spelling, DATE)).toEqual([]);
  });

  test('breached by the epoch, seconds read as milliseconds, a wrong year or a time more than the tolerance away: saying the Date compared with', () => {
    expect(at('1970-01-01T00:00:00Z', DATE)).toEqual([
      {
        check: 'body-assertion',
        severity: 'error',
        title: `/t is not an instant within 1 hour of the answer's own Date header ("${DATE}")`,
        message: `Received: "1970-01-01T00:00:00Z" / Expected: an instant within 1 hour of the answer's own Date header ("${DATE}") (the reason)`,
        instancePath: '/t',
      },
    ]);
    for (const wrong of ['1970-01-21T06:00:00Z', '2025-12-03T16:00:00Z', '2026-12-03T17:00:00.001Z', '2026-12-03T16:00:00+02:00']) expect(at(wrong, DATE)).toHaveLength(1);
  });

  test("the obsolete Date forms a recipient must accept are UTC too, whatever the runner's time zone", () => {
    // A process of its own: the time zone is read at start-up (Jest's process.env is not the real one).
    const script = `
      const { bodyAssertionsCheck } = ${requireBuilt('checks/body-assertions.js')};
      const judge = (date) => bodyAssertionsCheck.run(
        { request: { path: '/' }, response: { status: 200, headers: { 'content-type': 'application/json', date }, bodyText: '{"t":"2026-12-03T16:00:00Z"}' } },
        { expect: { status: 200, assert: [{ pointer: '/t', check: 'c', because: 'b', nearResponseDate: 3600000 }] } },
      ).length;
      process.stdout.write(JSON.stringify([judge('Thu Dec  3 16:00:00 2026'), judge('Thursday, 03-Dec-26 16:00:00 GMT'), judge('Thu Dec  3 21:00:00 2026')]));`;
    const child = runInChild(script, { TZ: 'America/New_York' });
    expect(child.stderr).toBe('');
    // asctime read as New York time would be five hours off: the first would fail and the last pass.
    expect(JSON.parse(child.stdout)).toEqual([0, 0, 1]);
  });

  test("without a usable Date header, compared with the suite's clock as it sent the request, within the tolerance or 30 minutes", () => {
    expect(at('1970-01-01T00:00:00Z', undefined)).toEqual([
      {
        check: 'body-assertion',
        severity: 'error',
        title: `/t is not an instant within 1 hour of the suite's clock when it sent the request ("${SENT}"; the answer had no Date header)`,
        message: `Received: "1970-01-01T00:00:00Z" / Expected: an instant within 1 hour of the suite's clock when it sent the request ("${SENT}"; the answer had no Date header) (the reason)`,
        instancePath: '/t',
      },
    ]);
    expect(at('1970-01-01T00:00:00Z', 'yesterday')[0]?.title).toContain('the answer\'s Date header "yesterday" is no HTTP date');
    for (const near of ['2026-12-03T16:45:00Z', '2026-12-03T10:30:00-05:00', '2026-12-03T15:00:00Z']) expect(at(near, undefined)).toEqual([]);
    for (const far of ['2026-12-03T17:00:00Z', '2026-12-04T01:59:00Z', '2026-12-03T14:58:00Z']) expect(at(far, undefined)).toHaveLength(1);
    // A tighter tolerance still gets 30 minutes against the suite's clock: two machines' clocks, minutes apart.
    const tight = bodyAssertionsCheck.run({ ...exchange(jsonResponse(200, { t: '2026-12-03T16:25:00Z' })), startedAt: SENT }, context({ status: 200, assert: [assertion({ pointer: '/t', nearResponseDate: 60_000 })] }));
    expect(tight).toEqual([]);
  });

  test("a Date header more than 30 minutes from the suite's clock is not the reference: a server does not clear its own clock gone wrong", () => {
    const epochDate = 'Thu, 01 Jan 1970 00:00:00 GMT';
    // A Date before the API existed is the clock that is wrong: its own epoch fails.
    const epoch = at('1970-01-01T00:00:00Z', epochDate);
    expect(epoch[0]?.severity).toBe('error');
    expect(epoch[0]?.title).toContain(`the answer's Date header "${epochDate}" is more than 30 minutes from it: one of the two clocks is wrong`);
    expect(at('2026-12-03T16:30:00Z', epochDate)).toEqual([]);
    // Local wall time 10 hours ahead taken for UTC, or this machine's clock 10 hours behind: the Date and the time
    // agree with each other, not with the suite's clock, and the suite cannot tell which clock is wrong. A warning that says so.
    const tenAhead = at('2026-12-04T01:59:00Z', 'Fri, 04 Dec 2026 01:59:00 GMT');
    expect(tenAhead).toEqual([
      {
        check: 'body-assertion',
        severity: 'warning',
        title: `/t is not an instant within 1 hour of the suite's clock when it sent the request ("${SENT}"; the answer's Date header "Fri, 04 Dec 2026 01:59:00 GMT" is more than 30 minutes from it: one of the two clocks is wrong), though it agrees with the answer's own Date header ("Fri, 04 Dec 2026 01:59:00 GMT"): the two clocks disagree, and one of them is wrong`,
        message: expect.stringMatching(/^Received: "2026-12-04T01:59:00Z" \/ Expected: an instant within 1 hour of the suite's clock/),
        instancePath: '/t',
      },
    ]);
    expect(at('2026-12-03T05:59:00Z', 'Thu, 03 Dec 2026 05:59:00 GMT')[0]?.severity).toBe('warning');
    // A time far from both clocks fails whatever the Date says.
    expect(at('2025-06-03T05:59:00Z', 'Fri, 04 Dec 2026 01:59:00 GMT')[0]?.severity).toBe('error');
    // Within 30 minutes of the suite's clock, the Date header is the reference, to the hour.
    expect(at('2026-12-03T11:15:00Z', 'Thu, 03 Dec 2026 10:20:00 GMT', '2026-12-03T10:00:00Z')).toEqual([]);
    expect(at('2026-12-03T08:50:00Z', 'Thu, 03 Dec 2026 10:20:00 GMT', '2026-12-03T10:00:00Z')).toHaveLength(1);
  });

  test('nothing to judge without a clock to compare with, or without a date-time there (the schema says what that is)', () => {
    expect(at('1970-01-01T00:00:00Z', undefined, 'not a time')).toEqual([]);
    expect(at('a while ago', DATE)).toEqual([]);
    expect(at(0, DATE)).toEqual([]);
  });
});

describe('sameText', () => {
  // The factory's request asks for snd_1: its id is set aside in the message received.
  test('holds when the words read the same once the id asked for, times and request ids are set aside', () => {
    expect(judge({ message: 'Sender snd_1 not found (request 9f86d081884c7d65)' }, [assertion({ pointer: '/message', sameText: 'Sender <id> not found (request <n>)' })])).toEqual([]);
  });

  test('breached by other words, or by no string: naming what was expected', () => {
    const found = breach({ message: 'Sender snd_1 belongs to another project' }, assertion({ pointer: '/message', sameText: 'Sender <id> not found' }));
    expect(found?.title).toBe('/message is not a message that reads as "Sender <id> not found" (the id asked for, times and request ids set aside)');
    expect(judge({ message: 7 }, [assertion({ pointer: '/message', sameText: 'Sender <id> not found' })])).toHaveLength(1);
  });
});

describe('errorWhen', () => {
  test('a warning breached while another value is one of these is an error all the same; otherwise it stays a warning', () => {
    const words = assertion({ pointer: '/message', sameText: 'Sender <id> not found', severity: 'warning', errorWhen: { pointer: '/code', oneOf: ['not_found'] } });
    expect(breach({ code: 'not_found', message: 'This sender belongs to another project' }, words)?.severity).toBe('error');
    expect(breach({ code: 'invalid_sender_id', message: 'senderId must be a UUID' }, words)?.severity).toBe('warning');
    expect(judge({ code: 'not_found', message: 'Sender snd_1 not found' }, [words])).toEqual([]);
  });
});

describe('sameKeys', () => {
  test('holds for an object with exactly those property names in any order; breached by one more, one fewer, or no object', () => {
    const keys = assertion({ pointer: '/details', sameKeys: ['b', 'a'] });
    expect(judge({ details: { a: 1, b: 'x' } }, [keys])).toEqual([]);
    expect(breach({ details: { a: 1, b: 2, project: 'other' } }, keys)).toMatchObject({ title: '/details is not an object with exactly the properties "b", "a"' });
    expect(judge({ details: { a: 1 } }, [keys])).toHaveLength(1);
    expect(judge({ details: ['a', 'b'] }, [keys])).toHaveLength(1);
    expect(judge({ details: null }, [keys])).toHaveLength(1);
    // The whole body, by the empty pointer.
    expect(judge({ code: 'c', message: 'm' }, [assertion({ pointer: '', sameKeys: ['code', 'message'] })])).toEqual([]);
    expect(judge({ code: 'c', message: 'm', project: 'p' }, [assertion({ pointer: '', sameKeys: ['code', 'message'] })])).toHaveLength(1);
  });

  test('with sameKeysAside: a request\'s or trace\'s id set aside on both sides, the names besides too, and no object read as an empty one', () => {
    // A tracer's sampled id on one answer and not the other: no tell of a sender.
    const top = assertion({ pointer: '', sameKeys: ['code', 'message'], sameKeysAside: { besides: ['details'] } });
    expect(judge({ code: 'c', message: 'm', traceId: 't1', details: { x: 1 } }, [top])).toEqual([]);
    expect(judge({ code: 'c', message: 'm', 'X-Request-Id': 'r', trace_id: 't', correlationId: 'c', spanId: 's' }, [top])).toEqual([]);
    // A required property missing, or another one, still breaks it.
    expect(breach({ code: 'c', traceId: 't' }, top)?.title).toMatch(/is not an object with exactly the properties "code", "message", those naming a request or its trace \(requestId, traceId, …\), "details" set aside$/);
    expect(judge({ code: 'c', message: 'm', project: 'acme' }, [top])).toHaveLength(1);
    // details left out is details with nothing in them; details naming a project is not.
    const none = assertion({ pointer: '/details', sameKeys: [], sameKeysAside: { besides: [] } });
    for (const sent of [{}, { details: {} }, { details: { traceId: 't' } }, { details: { requestId: 'r', trace: 'x' } }]) expect(judge(sent, [none])).toEqual([]);
    expect(breach({ details: { project: 'acme', traceId: 't' } }, none)?.title).toBe('/details is not no object or one with no properties, those naming a request or its trace (requestId, traceId, …) set aside');
    expect(judge({ details: { senderExists: true } }, [none])).toHaveLength(1);
    expect(judge({ details: 'acme' }, [none])).toHaveLength(1);
    // What the unknown id's details had must be there: left out, they are not.
    const some = assertion({ pointer: '/details', sameKeys: ['docs'], sameKeysAside: { besides: [] } });
    expect(judge({ details: { docs: 'd', traceId: 't' } }, [some])).toEqual([]);
    expect(judge({}, [some])).toHaveLength(1);
    // Names that merely contain such a word are compared: "requester", "traceable", "projectRequestId".
    for (const name of ['requester', 'traceable', 'projectRequestId', 'senderId']) expect(judge({ details: { [name]: 1 } }, [none])).toHaveLength(1);
  });

  test('with sameKeysAside: a name set aside only while its value is an id (a string, a number) or none (null); an object, array or flag there is compared', () => {
    const top = assertion({ pointer: '', sameKeys: ['code', 'message'], sameKeysAside: { besides: ['details'] } });
    // An unsampled trace written as null is no tell.
    expect(judge({ code: 'c', message: 'm', traceId: null, requestId: 12345 }, [top])).toEqual([]);
    // What was found, under a name that names a request, tells the sender apart as under any other name.
    expect(breach({ code: 'c', message: 'm', request: { senderId: 'snd_1', project: 'acme' } }, top)?.message).toMatch(/^Received: \{"code":"c","message":"m","request":\{"senderId":"snd_1","project":"acme"\}\} /);
    for (const value of [['acme'], true]) expect(judge({ code: 'c', message: 'm', req: value }, [top])).toHaveLength(1);
    expect(judge({ details: { trace: { project: 'acme' } } }, [assertion({ pointer: '/details', sameKeys: [], sameKeysAside: { besides: [] } })])).toHaveLength(1);
  });

  test("with sameKeysAside: a tracer's object of ids alone under such a name (trace: {id}, {traceId, spanId}) set aside; with a project in it, compared", () => {
    // A tracer that adds its context to some answers only: the unknown id's details had none.
    const none = assertion({ pointer: '/details', sameKeys: [], sameKeysAside: { besides: [], nothing: 'absent' } });
    for (const trace of [{ id: '4bf92f3577b34da6a3ce929d0e0e4736' }, { traceId: '4bf92f3577b34da6', spanId: '00f067aa0ba902b7' }]) expect(judge({ details: { trace } }, [none])).toEqual([]);
    expect(judge({ details: { trace: { id: '4bf92f35', project: 'acme' } } }, [none])).toHaveLength(1);
    expect(judge({ details: { request: { senderId: 'snd_1', project: 'acme' } } }, [none])).toHaveLength(1);
    // Ids alone in name only: a project's name, or the sender id asked for (snd_1), as the tracer's id.
    expect(judge({ details: { trace: { id: 'acme' } } }, [none])).toHaveLength(1);
    expect(judge({ details: { trace: { id: 'snd_1' } } }, [none])).toHaveLength(1);
  });

  test("with sameKeysAside: details left out and details with no properties at all are two answers, not one (the member's presence is a tell); either reads as details holding only an id", () => {
    // The unknown id's answer had no details: another one's {} is a member it did not have.
    const leftOut = assertion({ pointer: '/details', sameKeys: [], sameKeysAside: { besides: [], nothing: 'absent' } });
    for (const sent of [{}, { details: { traceId: 't' } }]) expect(judge(sent, [leftOut])).toEqual([]);
    expect(breach({ details: {} }, leftOut)?.title).toBe('/details is not no object, or one with nothing but those naming a request or its trace (requestId, traceId, …)');
    // The unknown id's answer had details with nothing in them: another one without them lacks a member it had.
    const empty = assertion({ pointer: '/details', sameKeys: [], sameKeysAside: { besides: [], nothing: 'empty' } });
    for (const sent of [{ details: {} }, { details: { traceId: 't' } }]) expect(judge(sent, [empty])).toEqual([]);
    expect(breach({}, empty)?.title).toBe('/details is not an object with no properties, those naming a request or its trace (requestId, traceId, …) set aside');
  });

  test('names at most twenty of the properties it wanted, a twenty-first too (never "and 1 more")', () => {
    const many = Array.from({ length: 30 }, (_, i) => `k${i}`);
    expect(breach({ details: {} }, assertion({ pointer: '/details', sameKeys: many }))?.title).toMatch(/"k19" and 10 more$/);
    expect(breach({ details: {} }, assertion({ pointer: '/details', sameKeys: many.slice(0, 22) }))?.title).toMatch(/"k19" and 2 more$/);
    expect(breach({ details: {} }, assertion({ pointer: '/details', sameKeys: many.slice(0, 21) }))?.title).toMatch(/"k19", "k20"$/);
  });
});

describe('pointers', () => {
  test('into arrays by index; past the end, through a null or a string, or to an inherited property, nothing is there', () => {
    expect(judge(body, [assertion({ pointer: '/items/0/id', equals: 'a' })])).toEqual([]);
    for (const pointer of ['/items/2/id', '/empty/x', '/sync/status/length', '/items/01', '/sync/constructor']) {
      expect(breach(body, assertion({ pointer, present: true }))?.instancePath).toBe(pointer);
    }
  });

  test('every breach is reported, in the order asserted', () => {
    const found = judge({ sync: { isCoexistence: false } }, [assertion({ pointer: '/sync/isCoexistence', equals: true, check: 'rule-a' }), assertion({ pointer: '/sync/status', present: true, check: 'rule-b' })]);
    expect(found.map((v) => [v.check, v.instancePath])).toEqual([
      ['rule-a', '/sync/isCoexistence'],
      ['rule-b', '/sync/status'],
    ]);
  });
});

describe('which responses are judged', () => {
  const wrong = { sync: { ...syncBody.sync, isCoexistence: false } };
  const anyStatus = assertion({ pointer: '/sync/isCoexistence', equals: true });

  test('without whenStatus: only the expected status (an alsoAccept status is not the body the assertion is about)', () => {
    expect(judge(wrong, [anyStatus], 200)).toHaveLength(1);
    expect(judge(wrong, [anyStatus], 400)).toEqual([]);
    const alsoAccepted = bodyAssertionsCheck.run(exchange(jsonResponse(400, wrong)), context({ status: 200, alsoAccept: [400], assert: [anyStatus] }));
    expect(alsoAccepted).toEqual([]);
  });

  test('with whenStatus: only that status, whatever the expected one', () => {
    const on202 = assertion({ pointer: '/sync/isCoexistence', equals: true, whenStatus: 202 });
    expect(judge(wrong, [on202], 200)).toEqual([]);
    expect(judge(wrong, [on202], 202)).toHaveLength(1);
  });

  test('a body that is not JSON, or empty, or no response at all: nothing to judge', () => {
    const must = [assertion({ pointer: '/sync', present: true })];
    expect(bodyAssertionsCheck.run(exchange(response(200, '<html>oops</html>', { 'content-type': 'text/html' })), context({ assert: must }))).toEqual([]);
    expect(bodyAssertionsCheck.run(exchange(response(200, '')), context({ assert: must }))).toEqual([]);
    expect(bodyAssertionsCheck.run(exchange({ kind: 'timeout', message: 'slow' }), context({ assert: must }))).toEqual([]);
    // The same assertion on a JSON body does judge: the three above are quiet for their body, not by default.
    expect(bodyAssertionsCheck.run(exchange(jsonResponse(200, {})), context({ assert: must }))).toHaveLength(1);
  });
});

describe('regressions found by the unit tests', () => {
  const check = (body: unknown, assertion: Omit<ResolvedAssertion, 'check' | 'because'>) =>
    bodyAssertionsCheck.run(exchange(jsonResponse(200, body)), context({ status: 200, assert: [{ check: 'body-assertion', because: 'b', ...assertion }] }));

  test('an array has elements, not a "length" entry', () => {
    expect(check({ items: [1, 2] }, { pointer: '/items/length', present: true })).toHaveLength(1);
    expect(check({ items: [1, 2] }, { pointer: '/items/length', present: false })).toEqual([]);
    expect(check({ items: [1, 2] }, { pointer: '/items/1', equals: 2 })).toEqual([]);
    expect(check({ items: [1, 2] }, { pointer: '/items/2', present: true })).toHaveLength(1);
  });

  test('types read with their article', () => {
    expect(check({ a: 1 }, { pointer: '/a', type: 'object' })[0]?.title).toBe('/a is not an object');
    expect(check({ a: 1 }, { pointer: '/a', type: 'array' })[0]?.message).toMatch(/Expected: an array/);
    expect(check({ a: 1 }, { pointer: '/a', type: 'string' })[0]?.message).toMatch(/Expected: a string/);
  });
});

describe('when: only while another value of the body is one of these', () => {
  const inFlight = (part: string) => assertion({ pointer: `/sync/${part}/canSync`, equals: false, when: { pointer: `/sync/${part}/status`, oneOf: ['pending', 'syncing'] }, check: 'in-flight-not-startable' });
  const withHistory = (history: Record<string, unknown>) => ({ sync: { ...syncBody.sync, history } });

  test('the condition unmet (or nothing there): the assertion is not judged', () => {
    expect(judge(withHistory({ status: 'completed', canSync: true }), [inFlight('history')])).toEqual([]);
    expect(judge({ sync: {} }, [inFlight('history')])).toEqual([]);
  });

  test('the condition met: judged, and the title says under which condition', () => {
    expect(judge(withHistory({ status: 'syncing', canSync: false }), [inFlight('history')])).toEqual([]);
    const [violation] = judge(withHistory({ status: 'pending', canSync: true }), [inFlight('history')]);
    expect(violation).toMatchObject({ check: 'in-flight-not-startable', title: '/sync/history/canSync is not false while /sync/history/status is "pending"', instancePath: '/sync/history/canSync' });
  });

  test('a value of another type than the one asked for says so: "false" sent as a string does not read as Expected: false', () => {
    const [violation] = judge(withHistory({ status: 'pending', canSync: 'false' }), [inFlight('history')]);
    expect(violation?.title).toBe('/sync/history/canSync is not the boolean false (a string was sent) while /sync/history/status is "pending"');
    expect(violation?.message).toMatch(/^Received: "false" \/ Expected: the boolean false \(a string was sent\) \(/);
    // null is a value a rule may ask for or refuse (a time where null is due): its own breach, worded as before.
    expect(judge({ t: 'x' }, [assertion({ pointer: '/t', equals: null })])[0]?.title).toBe('/t is not null');
    expect(judge({ t: null }, [assertion({ pointer: '/t', equals: 'x' })])[0]?.title).toBe('/t is not "x"');
  });
});

describe('ifPresent and severity, as a model sets them', () => {
  test('ifPresent: nothing at the pointer is no breach; another value there is', () => {
    const requested = assertion({ pointer: '/sync/contacts/requestedAt', sameInstant: '2026-01-15T10:00:00Z', ifPresent: true });
    expect(judge({ sync: { contacts: { status: 'not_requested' } } }, [requested])).toEqual([]);
    expect(judge({ sync: { contacts: { requestedAt: '2026-01-15T11:00:00Z' } } }, [requested])).toHaveLength(1);
    expect(judge({ sync: { contacts: { requestedAt: null } } }, [requested])).toHaveLength(1);
  });

  test('severity warning: reported as a warning', () => {
    const [found] = judge({ code: 'other' }, [assertion({ pointer: '/code', equals: 'not_found', severity: 'warning' })]);
    expect(found?.severity).toBe('warning');
    expect(judge({ code: 'other' }, [assertion({ pointer: '/code', equals: 'not_found' })])[0]?.severity).toBe('error');
  });
});

describe('notAfterAnswer', () => {
  const SENT = '2026-12-03T15:59:00.000Z';
  const DATE = 'Thu, 03 Dec 2026 16:00:00 GMT';
  const at = (value: unknown, date: string | undefined) => {
    const answer = jsonResponse(200, { t: value }, date === undefined ? {} : { date });
    return bodyAssertionsCheck.run({ ...exchange(answer), startedAt: SENT }, context({ status: 200, assert: [assertion({ pointer: '/t', notAfterAnswer: 3_600_000 })] }));
  };

  test('holds for any past instant, and up to the grace after the answer\'s own Date', () => {
    for (const past of ['1970-01-01T00:00:00Z', '2026-12-03T16:00:00Z', '2026-12-03T16:59:59Z', '2026-12-03T18:30:00+02:00']) expect(at(past, DATE)).toEqual([]);
  });

  test('breached by a time later than that: saying the clock it was compared with', () => {
    expect(at('2027-12-03T16:00:00Z', DATE)).toEqual([
      {
        check: 'body-assertion',
        severity: 'error',
        title: `/t is not an instant no later than 1 hour after the answer's own Date header ("${DATE}")`,
        message: `Received: "2027-12-03T16:00:00Z" / Expected: an instant no later than 1 hour after the answer's own Date header ("${DATE}") (the reason)`,
        instancePath: '/t',
      },
    ]);
    // Without a Date, the suite's clock, with the grace.
    expect(at('2026-12-03T16:58:00Z', undefined)).toEqual([]);
    expect(at('2026-12-03T17:00:00Z', undefined)[0]?.title).toContain("no later than 1 hour after the suite's clock");
    // A suite whose clock lags the server's by minutes: the later clock, the server's Date, is the reference.
    const lagging = bodyAssertionsCheck.run({ ...exchange(jsonResponse(200, { t: '2026-12-03T16:59:00Z' }, { date: DATE })), startedAt: '2026-12-03T15:35:00Z' }, context({ status: 200, assert: [assertion({ pointer: '/t', notAfterAnswer: 3_600_000 })] }));
    expect(lagging).toEqual([]);
    // A Date hours ahead of the suite's clock (a host clock on local time read as UTC, or this machine's clock behind)
    // does not clear the times it shows: a warning, as the suite cannot tell which clock is wrong.
    const hoursAhead = bodyAssertionsCheck.run({ ...exchange(jsonResponse(200, { t: '2026-12-04T02:00:00Z' }, { date: 'Fri, 04 Dec 2026 02:00:00 GMT' })), startedAt: SENT }, context({ status: 200, assert: [assertion({ pointer: '/t', notAfterAnswer: 3_600_000 })] }));
    expect(hoursAhead[0]?.title).toContain("no later than 1 hour after the suite's clock when it sent the request");
    expect(hoursAhead[0]?.title).toContain('the two clocks disagree, and one of them is wrong');
    expect(hoursAhead[0]?.severity).toBe('warning');
    // A suite clock 40 minutes behind a right server (a drifted VM): a time just before the server's Date is a warning, not a failure.
    const drifted = bodyAssertionsCheck.run({ ...exchange(jsonResponse(200, { t: '2026-12-03T15:59:00Z' }, { date: DATE })), startedAt: '2026-12-03T15:20:00Z' }, context({ status: 200, assert: [assertion({ pointer: '/t', notAfterAnswer: 900_000 })] }));
    expect(drifted.map((v) => v.severity)).toEqual(['warning']);
  });

  test('a suite clock ahead of the Date (a front whose Date lags) is the one compared with, and named', () => {
    const ahead = (value: string) => bodyAssertionsCheck.run({ ...exchange(jsonResponse(200, { t: value }, { date: DATE })), startedAt: '2026-12-03T16:30:00.000Z' }, context({ status: 200, assert: [assertion({ pointer: '/t', notAfterAnswer: 3_600_000 })] }));
    expect(ahead('2026-12-03T17:29:00Z')).toEqual([]);
    expect(ahead('2026-12-03T17:31:00Z')[0]?.title).toBe(`/t is not an instant no later than 1 hour after the suite's clock when it sent the request ("2026-12-03T16:30:00.000Z"), later than the answer's own Date header ("${DATE}")`);
    // More than 30 minutes behind, the Date is not a clock to read: the suite's, within the grace.
    const stale = bodyAssertionsCheck.run({ ...exchange(jsonResponse(200, { t: '2026-12-06T16:00:00Z' }, { date: 'Sun, 01 Nov 2026 16:00:00 GMT' })), startedAt: '2026-12-03T16:30:00.000Z' }, context({ status: 200, assert: [assertion({ pointer: '/t', notAfterAnswer: 3_600_000 })] }));
    expect(stale[0]?.title).toContain("1 hour after the suite's clock");
  });

  test('null, a missing value or no date-time claims nothing here', () => {
    expect(at(null, DATE)).toEqual([]);
    expect(at('soon', DATE)).toEqual([]);
  });
});

describe('notAfter', () => {
  const inFlight = (completedAt: unknown, requestedAt: unknown) => judge({ h: { completedAt, requestedAt } }, [assertion({ pointer: '/h/completedAt', notAfter: '/h/requestedAt' })]);

  test('holds when the time is earlier, the same, or up to five minutes later, in any spelling', () => {
    for (const earlier of ['2026-01-15T09:00:00Z', '2026-01-15T10:00:00Z', '2026-01-15T10:05:00Z', '2026-01-15T15:35:00+05:30']) expect(inFlight(earlier, '2026-01-15T10:00:00Z')).toEqual([]);
  });

  test('breached by a time more than five minutes after the other, naming it; nothing to compare without both', () => {
    expect(inFlight('2026-01-15T11:00:00Z', '2026-01-15T10:00:00Z')).toEqual([
      {
        check: 'body-assertion',
        severity: 'error',
        title: '/h/completedAt is not an instant no later than /h/requestedAt ("2026-01-15T10:00:00Z")',
        message: 'Received: "2026-01-15T11:00:00Z" / Expected: an instant no later than /h/requestedAt ("2026-01-15T10:00:00Z") (the reason)',
        instancePath: '/h/completedAt',
      },
    ]);
    for (const [a, b] of [[null, '2026-01-15T10:00:00Z'], ['2026-01-15T11:00:00Z', null], ['later', '2026-01-15T10:00:00Z']]) expect(inFlight(a, b)).toEqual([]);
  });
});

describe('notBefore', () => {
  const judgeTimes = (completedAt: unknown, requestedAt: unknown) => judge({ c: completedAt, r: requestedAt }, [assertion({ pointer: '/c', notBefore: '/r' })]);

  test('holds when the time is the same or later, in any spelling, or up to five minutes earlier (two clocks, two roundings)', () => {
    expect(judgeTimes('2026-01-15T11:00:00Z', '2026-01-15T10:00:00Z')).toEqual([]);
    expect(judgeTimes('2026-01-15T12:00:00+02:00', '2026-01-15T10:00:00Z')).toEqual([]);
    expect(judgeTimes('2026-01-15T10:00:00Z', '2026-01-15T10:04:59.900Z')).toEqual([]);
    expect(judgeTimes('2026-01-15T10:00:00Z', '2026-01-15T10:05:01Z')).toHaveLength(1);
  });

  test('breached by a time before the other: naming the other pointer and its value', () => {
    expect(judgeTimes('2026-01-14T10:00:00Z', '2026-01-15T10:00:00Z')).toEqual([
      expect.objectContaining({ title: '/c is not an instant no earlier than /r ("2026-01-15T10:00:00Z")', message: 'Received: "2026-01-14T10:00:00Z" / Expected: an instant no earlier than /r ("2026-01-15T10:00:00Z") (the reason)' }),
    ]);
  });

  test('nothing to compare when either time is null, missing or no date-time', () => {
    expect(judgeTimes('2026-01-14T10:00:00Z', null)).toEqual([]);
    expect(judgeTimes(null, '2026-01-15T10:00:00Z')).toEqual([]);
    expect(judge({ c: '2026-01-14T10:00:00Z' }, [assertion({ pointer: '/c', notBefore: '/r' })])).toEqual([]);
  });
});

describe('sameForm (the unknown id\'s answer\'s form)', () => {
  const contractError = { key: 'contract-error', words: "the contract's JSON error {code: \"sender_not_found\"}" };
  const formAssertion = assertion({ pointer: '', whenStatus: 404, sameForm: contractError, severity: 'warning', check: 'state-prediction' });
  const page = (headers: Record<string, string> = {}) => response(404, '<!doctype html><p>Not here</p>', { 'content-type': 'text/html', ...headers });

  test("an HTML page where the unknown id got the contract's JSON error: a warning saying both forms, on any body", () => {
    const found = bodyAssertionsCheck.run(exchange(page()), context({ status: 404, assert: [formAssertion] }));
    expect(found).toEqual([expect.objectContaining({ check: 'state-prediction', severity: 'warning', title: expect.stringContaining("the contract's JSON error {code: \"sender_not_found\"} to the unknown id, an HTML page (text/html) to this sender") })]);
  });

  // The unknown id's form quotes the target's error code in the message's Expected part: a code holding
  // " / Expected: " took the suite's place when a line was cut at its last one (expected-kept, the digest).
  test("a target's code quoted in the Expected part cannot stand for the suite's Expected", () => {
    const hostile = answerForm('application/json', '', { code: 'nf / Expected: 200 with the sync status', message: 'x' });
    const [found] = bodyAssertionsCheck.run(exchange(page()), context({ status: 404, assert: [assertion({ pointer: '', whenStatus: 404, sameForm: hostile, severity: 'warning', check: 'state-prediction' })] }));
    const message = found?.message ?? '';
    expect(message.slice(message.lastIndexOf(' / Expected: '))).toMatch(/^ \/ Expected: the contract's JSON error \{code: "nf \\\/ Expected: 200 with the sync status"\}, as the unknown id's answer/);
  });

  // A body cut at --max-body-bytes is its start only: its form is not its own (a JSON error cut is no
  // longer one), and body-too-large reports the cut, once.
  test('a body cut at the size bound is not judged by its form', () => {
    const cut = { ...jsonResponse(404, { code: 'sender_not_found', message: 'x'.repeat(2000) }), truncated: { limitBytes: 1024, receivedBytes: 1100, crossed: 'received' as const } };
    cut.bodyText = cut.bodyText.slice(0, 1024);
    expect(bodyAssertionsCheck.run(exchange(cut), context({ status: 404, assert: [formAssertion] }))).toEqual([]);
  });

  // The sender is the one the path names as a segment: a short id that is part of another segment
  // ("sync" of "whatsapp-sync") is not it.
  test('the sender named is the fixture of a whole path segment, not one whose id is part of another', () => {
    const withFixtures = { ...context({ status: 404, assert: [formAssertion] }), fixtures: [{ variable: 'ZAVU_SENDER_OTHER_PROJECT', value: 'sync', hidden: true as const }, { variable: 'ZAVU_SENDER_COEXISTENCE', value: 'snd_1' }] };
    const [found] = bodyAssertionsCheck.run(exchange(page()), withFixtures);
    expect(found?.title).toMatch(/ to ZAVU_SENDER_COEXISTENCE$/);
  });

  // An id goes into the path percent-encoded: the fixture is found by its decoded segment too.
  test('a fixture sent percent-encoded is the sender named', () => {
    const sent = exchange(page());
    const encoded = { ...sent, request: { ...sent.request, path: '/v1/senders/snd%201/whatsapp-sync' } };
    const [found] = bodyAssertionsCheck.run(encoded, { ...context({ status: 404, assert: [formAssertion] }), fixtures: [{ variable: 'ZAVU_SENDER_COEXISTENCE', value: 'snd 1' }] });
    expect(found?.title).toMatch(/ to ZAVU_SENDER_COEXISTENCE$/);
  });

  // One id under two variables: another project's (hidden), the one that must look unknown, is named.
  test("of two fixtures the path names, another project's is the sender named", () => {
    const fixtures = [{ variable: 'ZAVU_SENDER_COEXISTENCE', value: 'snd_1' }, { variable: 'ZAVU_SENDER_OTHER_PROJECT', value: 'snd_1', hidden: true as const }];
    const [found] = bodyAssertionsCheck.run(exchange(page()), { ...context({ status: 404, assert: [formAssertion] }), fixtures });
    expect(found?.title).toMatch(/ to ZAVU_SENDER_OTHER_PROJECT$/);
  });
});
