/**
 * An accepted start's requestedAt, by the server's own clocks: not before the read just before it
 * was answered, not after the 202 that accepts it, give or take the seconds two clocks of one
 * request differ by. The wide grace of a time any answer shows (minutes) let a stale or fast clock
 * through; a drifted clock of the suite's, or a front's Date, must never fail a right server.
 */
import { bodyAssertionsCheck } from '../../src/checks/body-assertions';
import { earliestRequest, requestedDuring } from '../../src/model-based/requested-during';
import { predictionModels, REQUESTED_DURING_MS, type Observation } from '../../src/model-based/prediction-models';
import type { ResolvedAssertion } from '../../src/model';
import { context, exchange, jsonResponse } from '../checks/support/exchange-factory';

/** The suite sent the read at 12:00:00.000 by its clock, and the server dated its answer 12:00:00. */
const READ: Observation = { status: 200, date: 'Sun, 06 Dec 2026 12:00:00 GMT', sentAt: '2026-12-06T12:00:00.000Z', body: { sync: { isCoexistence: true, status: 'active', history: { status: 'not_requested', canSync: true, requestedAt: null, completedAt: null }, contacts: { status: 'not_requested', canSync: true, requestedAt: null } } } };
/** The 202 answered two seconds later, by the server's Date. */
const ANSWERED = 'Sun, 06 Dec 2026 12:00:02 GMT';

/** The errors of a 202 showing history requested at `requestedAt`, judged by `assert`. */
function errors(assert: readonly ResolvedAssertion[], requestedAt: string, date = ANSWERED): string[] {
  const body = { message: 'History sync initiated', sync: { ...(READ.body as { sync: object }).sync, history: { status: 'pending', canSync: false, requestedAt, completedAt: null } } };
  const answer = { ...exchange(jsonResponse(202, body, { date })), startedAt: '2026-12-06T12:00:01.000Z' };
  return bodyAssertionsCheck.run(answer, context({ status: 202, assert: [...assert] })).filter((v) => v.severity === 'error').map((v) => v.title);
}

describe('earliestRequest', () => {
  test('the earlier of the read\'s Date and the suite\'s clock as it sent the read, less the tolerance', () => {
    expect(earliestRequest(READ, 5_000)).toBe('2026-12-06T11:59:55.000Z');
    // A runner whose clock lags a minute: its clock is the earlier, so a right server is not failed for it.
    expect(earliestRequest({ ...READ, sentAt: '2026-12-06T11:59:00.000Z' }, 5_000)).toBe('2026-12-06T11:58:55.000Z');
    // A front whose Date lags: the same.
    expect(earliestRequest({ ...READ, date: 'Sun, 06 Dec 2026 11:44:00 GMT' }, 5_000)).toBe('2026-12-06T11:43:55.000Z');
  });

  test('one clock known is enough; none, or a Date that is no HTTP-date, with no clock of the suite\'s: nothing', () => {
    expect(earliestRequest({ status: 200, date: READ.date ?? '' }, 0)).toBe('2026-12-06T12:00:00.000Z');
    // The suite's clock alone is no server's: trusted within what the two may differ by (30 minutes), as every time check trusts it.
    expect(earliestRequest({ status: 200, sentAt: READ.sentAt ?? '' }, 0)).toBe('2026-12-06T11:30:00.000Z');
    expect(earliestRequest({ status: 200 }, 0)).toBeUndefined();
    expect(earliestRequest({ status: 200, date: 'yesterday' }, 0)).toBeUndefined();
  });
});

describe('an accepted start judged by requestedDuring', () => {
  const during = requestedDuring('history', READ, REQUESTED_DURING_MS);

  test('a time between the read and the 202, or up to a minute either side (two hosts\' clocks), passes', () => {
    for (const at of ['2026-12-06T12:00:01Z', '2026-12-06T12:00:00.5+00:00', '2026-12-06T11:59:56Z', '2026-12-06T11:59:05Z', '2026-12-06T12:00:08Z', '2026-12-06T12:00:55Z', '2026-12-06T17:30:01+05:30']) expect(errors(during, at)).toEqual([]);
  });

  test('minutes before the read that showed it never requested fails: a slow clock, a time rounded down, an earlier request\'s', () => {
    expect(errors(during, '2026-12-06T11:50:01Z')).toEqual(['/sync/history/requestedAt is not an instant no earlier than "2026-12-06T11:59:00.000Z"']);
    expect(errors(during, '2026-12-06T11:58:00Z')).toHaveLength(1);
  });

  test('minutes after the 202 that reports it fails: a fast clock', () => {
    expect(errors(during, '2026-12-06T12:10:02Z')).toEqual([expect.stringMatching(/^\/sync\/history\/requestedAt is not an instant no later than 61 seconds after the answer's own Date header/)]);
  });

  test('a read without a Date, or with one no HTTP-date: a runner whose clock is 90 s fast does not fail a right server (its requestedAt by its own clock)', () => {
    // The suite sent the read at 12:01:30 by a clock 90 s fast; the server's own time was 12:00:00.
    const fast: Observation = { ...READ, sentAt: '2026-12-06T12:01:30.000Z' };
    const { date: _date, ...dateless } = fast;
    for (const read of [dateless, { ...dateless, date: 'Sun, 06 Dec 2026 12:00:00 UTC' }]) {
      expect(errors(requestedDuring('history', read, REQUESTED_DURING_MS), '2026-12-06T12:00:01Z')).toEqual([]);
    }
    // With the read's Date, the server's clock still bounds it to a minute: ten minutes before the read fails.
    expect(errors(requestedDuring('history', fast, REQUESTED_DURING_MS), '2026-12-06T11:50:01Z')).toHaveLength(1);
  });

  // The reason a failure shows says which clock bounded it: a read with a Date was judged within a
  // minute, and a line saying "the read having no Date" beside it told its reader something untrue.
  test("the reason it gives names the clock the read was judged by: the Date and a minute, or the suite's clock alone and 30 minutes", () => {
    const because = (read: Observation): string => requestedDuring('history', read, REQUESTED_DURING_MS).find((a) => a.notBeforeInstant !== undefined)?.because ?? '';
    expect(because(READ)).toMatch(/^the start was requested after the read just before it was answered \(by that answer's Date header, or the suite's clock as it sent the read, the earlier\), less 60 s for two hosts' clocks: /);
    expect(because(READ)).not.toMatch(/no Date/);
    const { date: _date, ...dateless } = READ;
    for (const read of [dateless, { ...dateless, date: 'Sun, 06 Dec 2026 12:00:00 UTC' }]) {
      expect(because(read)).toMatch(/^the start was requested after the read just before it was answered \(by the suite's clock as it sent the read, that answer having no Date header to read\), less 30 minutes, as far as two machines' clocks may differ: /);
    }
  });

  test('left out, or not a date-time, it claims nothing here (the schema, and requested-has-times, judge those)', () => {
    expect(errors(during, 'soon')).toEqual([]);
  });

  test('the start model asks it of every accepted start, judged by the read it was predicted from', () => {
    const predicted = predictionModels['start-sync']?.predict('history', READ);
    const assert = predicted !== undefined && 'expect' in predicted ? predicted.expect.assert : [];
    // Within the 15 minutes a time any answer may show, yet ten minutes before the read: only requestedDuring fails it.
    expect(errors(assert, '2026-12-06T11:50:01Z')).toEqual(['/sync/history/requestedAt is not an instant no earlier than "2026-12-06T11:59:00.000Z"']);
    expect(errors(assert, '2026-12-06T12:10:02Z')).toHaveLength(1);
    expect(errors(assert, '2026-12-06T12:00:01Z')).toEqual([]);
  });
});
