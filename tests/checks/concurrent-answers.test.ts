/** The verdict on the answers to starts sent at once, as a set (checks/concurrent-answers.ts). */
import { CONCURRENT_STARTS_CHECK, judgeConcurrentStarts } from '../../src/checks/concurrent-answers';

const accepted = (status: string, canSync: boolean) => ({ status: 202, body: { message: 'History sync initiated', sync: { history: { status, canSync } } } });
const inProgress = { status: 400, body: { code: 'bad_request', message: 'History sync is already in progress' } };

test('startable before: one 202 and the others refused is conformant', () => {
  expect(judgeConcurrentStarts('history', [accepted('pending', false), inProgress], 202)).toEqual([]);
  expect(judgeConcurrentStarts('history', [inProgress, inProgress, accepted('pending', false)], 202)).toEqual([]);
});

test('startable before: two 202s are the race, an error naming both answers and the rule', () => {
  const [violation, ...more] = judgeConcurrentStarts('history', [accepted('pending', false), accepted('pending', false)], 202);
  expect(more).toEqual([]);
  expect(violation).toMatchObject({ check: CONCURRENT_STARTS_CHECK, severity: 'error', title: '2 concurrent starts of history were both accepted' });
  expect(violation?.message).toMatch(/^2 concurrent starts of history were both accepted \(202, 202\): a start of a part in flight must be refused in_progress 400/);
  expect(violation?.message).toContain('2 syncs were started');
});

test('three of four accepted: counted', () => {
  const [violation] = judgeConcurrentStarts('contacts', [accepted('pending', false), accepted('pending', false), inProgress, accepted('pending', false)], 202);
  expect(violation?.title).toBe('3 of 4 concurrent starts of contacts were accepted');
  expect(violation?.message).toContain('(202, 202, 400, 202)');
});

test('two of three accepted is not "both", and all of three says all', () => {
  expect(judgeConcurrentStarts('history', [accepted('pending', false), inProgress, accepted('pending', false)], 202)[0]?.title).toBe('2 of 3 concurrent starts of history were accepted');
  expect(judgeConcurrentStarts('history', [accepted('pending', false), accepted('pending', false), accepted('pending', false)], 202)[0]?.title).toBe('all 3 concurrent starts of history were accepted');
});

test('startable before and every copy refused: one must have been accepted', () => {
  const [violation] = judgeConcurrentStarts('history', [inProgress, inProgress], 202);
  expect(violation).toMatchObject({ check: CONCURRENT_STARTS_CHECK, severity: 'error', title: 'none of 2 concurrent starts of history was accepted' });
});

test('a 202 showing the part completed and startable again (a sandbox that completes at once): two 202s show no race, and draw nothing', () => {
  expect(judgeConcurrentStarts('history', [accepted('completed', true), accepted('pending', false)], 202)).toEqual([]);
  expect(judgeConcurrentStarts('history', [accepted('pending', false), accepted('completed', true)], 202)).toEqual([]);
  // Both in flight: the race, whichever order.
  expect(judgeConcurrentStarts('history', [accepted('pending', false), accepted('syncing', false)], 202)).toEqual([expect.objectContaining({ severity: 'error' })]);
});

test('not startable before (predicted a refusal): the set claims nothing beyond each answer, which its own checks judge', () => {
  expect(judgeConcurrentStarts('history', [accepted('pending', false), accepted('pending', false)], 400)).toEqual([]);
});

test('a copy without an answer: its own checks say so, the set adds nothing', () => {
  expect(judgeConcurrentStarts('history', [{}, inProgress], 202)).toEqual([]);
});

test('no copy accepted, but one failed, was unanswered or was held by a limiter: not "all refused", its own checks say what it lacks', () => {
  const limited = { status: 429, body: { code: 'too_many_requests', message: 'slow down' }, unjudged: true as const };
  expect(judgeConcurrentStarts('history', [{ status: 500, body: { code: 'internal_error', message: 'oops' } }, inProgress], 202)).toEqual([]);
  expect(judgeConcurrentStarts('history', [limited, limited], 202)).toEqual([]);
  expect(judgeConcurrentStarts('history', [limited, inProgress], 202)).toEqual([]);
  // A documented refusal sent as 429 is the operation's own answer (judged): still every copy refused.
  expect(judgeConcurrentStarts('history', [{ status: 429, body: inProgress.body }, inProgress], 202)[0]?.title).toBe('none of 2 concurrent starts of history was accepted');
});

test('a 202 that shows the part at rest but not startable (completed, its limit reached: canSync false) or startable but in flight (syncing) does not explain a second 202: the race', () => {
  // canSync false: the first start completed and used the day's limit, so a second start could not rightly be accepted.
  expect(judgeConcurrentStarts('history', [accepted('completed', false), accepted('pending', false)], 202)).toEqual([expect.objectContaining({ check: CONCURRENT_STARTS_CHECK, severity: 'error' })]);
  // "syncing" is in flight whatever canSync says: it is no state a new start may be accepted from.
  expect(judgeConcurrentStarts('history', [accepted('syncing', true), accepted('pending', false)], 202)).toEqual([expect.objectContaining({ check: CONCURRENT_STARTS_CHECK, severity: 'error' })]);
});

describe('202s byte for byte the same (one answer fanned out to every copy?)', () => {
  /** A 202 as received: its parsed body and its bytes. */
  const received = (requestedAt: string) => {
    const body = { message: 'History sync initiated', sync: { history: { status: 'pending', canSync: false, requestedAt } } };
    return { status: 202, body, bodyText: JSON.stringify(body) };
  };

  test('still the failure, but says the server may have merged them into one sync rather than that N were started', () => {
    const [violation, ...more] = judgeConcurrentStarts('history', [received('2026-01-01T00:00:00.000Z'), received('2026-01-01T00:00:00.000Z'), inProgress], 202);
    expect(more).toEqual([]);
    expect(violation).toMatchObject({ check: CONCURRENT_STARTS_CHECK, severity: 'error', title: '2 of 3 concurrent starts of history were accepted' });
    expect(violation?.message).toContain('(the 202s are identical: the server may have merged them into one sync, yet ');
    expect(violation?.message).not.toContain('syncs were started');
  });

  test('202s that differ (another requestedAt) still count the syncs started', () => {
    const [violation] = judgeConcurrentStarts('history', [received('2026-01-01T00:00:00.000Z'), received('2026-01-01T00:00:00.001Z')], 202);
    expect(violation?.message).toContain('; 2 syncs were started.');
    expect(violation?.message).not.toContain('identical');
  });

  test('bodies whose bytes are unknown (cut at the size bound, not UTF-8) are not taken as identical', () => {
    const same = received('2026-01-01T00:00:00.000Z');
    const [violation] = judgeConcurrentStarts('history', [same, { status: 202, body: same.body }], 202);
    expect(violation?.message).toContain('; 2 syncs were started.');
  });
});

test('two 202s, each pending, and the read after shows the part at rest and startable again (a sandbox without a limit whose job completed each start right after its 202): no race is shown; still in flight after, or at its limit, the race', () => {
  const after = (status: string, canSync: boolean) => ({ sync: { history: { status, canSync } } });
  expect(judgeConcurrentStarts('history', [accepted('pending', false), accepted('pending', false)], 202, after('completed', true))).toEqual([]);
  expect(judgeConcurrentStarts('history', [accepted('pending', false), accepted('pending', false)], 202, after('rejected', true))).toEqual([]);
  for (const [status, canSync] of [['pending', false], ['syncing', false], ['completed', false]] as const) {
    expect(judgeConcurrentStarts('history', [accepted('pending', false), accepted('pending', false)], 202, after(status, canSync))).toEqual([expect.objectContaining({ severity: 'error' })]);
  }
  // Every copy refused: what a read after shows cannot accept one.
  expect(judgeConcurrentStarts('history', [inProgress, inProgress], 202, after('completed', true))).toEqual([expect.objectContaining({ title: 'none of 2 concurrent starts of history was accepted' })]);
});

describe('the advice: a race, or no in_progress refusal at all', () => {
  // A mock that never refuses a start in flight accepts every copy too: the race's "make the check
  // and the write one atomic step" sent its author after a lock the mock did not lack.
  test('every copy accepted: no copy shows the refusal exists, so the message names both causes and the case that tells them apart', () => {
    const [violation] = judgeConcurrentStarts('history', [accepted('pending', false), accepted('pending', false)], 202);
    expect(violation?.message).toContain('No copy was refused in_progress: a server that never refuses a start in flight answers so too');
    expect(violation?.message).toContain('start-syncable case (its start-again step)');
    expect(violation?.message).toMatch(/refused there, the copies raced, and a server that reads .*one atomic step/);
  });

  test('a copy refused in_progress while others were accepted: the refusal exists, the race alone is advised', () => {
    const [violation] = judgeConcurrentStarts('history', [accepted('pending', false), inProgress, accepted('pending', false)], 202);
    expect(violation?.message).not.toContain('No copy was refused');
    expect(violation?.message).toContain('(202, 400, 202): a start of a part in flight must be refused in_progress 400 (rule in-flight-not-startable), so exactly one may be accepted; 2 syncs were started. A server that reads "in flight?" and later writes "pending", with an await between (a call to Meta, a second query), lets every copy past the check: make the check and the write one atomic step');
  });
});
