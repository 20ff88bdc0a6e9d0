/**
 * The start model, branch by branch, on the states the embedded server seeds (fixtures/senders.json),
 * and the agreement of a read after a start. The model is the order of checks the reference
 * makes for a start: not active → in progress → rate limit → 202 with the part pending; where two
 * refusals both hold (an account not active with a part in flight), either may be answered.
 */
import type { ResolvedAssertion, ResolvedExpectation } from '../../src/model';
import { predictionModels, type Observation, type Prediction } from '../../src/model-based/prediction-models';
import { bodyAssertionsCheck } from '../../src/checks/body-assertions';
import { registry } from '../support/shipped-contract';
import { context, exchange, jsonResponse, response } from '../checks/support/exchange-factory';
import { answerForm } from '../../src/text/answer-form';

type Sync = Record<string, unknown>;

/** The sync state of a seeded sender, by id. */
function seeded(id: string): Sync {
  const record = registry.fixtures.flatMap((f) => f.seed ?? []).find((s) => (s as { id?: unknown }).id === id) as { sync?: Sync } | undefined;
  if (record?.sync === undefined) throw new Error(`no seeded sync state for ${id}`);
  return record.sync;
}

/** The 200 a status read of that state answers. */
const read = (sync: Sync): Observation => ({ status: 200, body: { sync } });

/** A seeded state with one part changed. */
function withPart(id: string, part: string, change: Sync): Sync {
  const sync = seeded(id);
  return { ...sync, [part]: { ...(sync[part] as Sync), ...change } };
}

function predict(model: string, part: string, from: Observation): Prediction {
  const found = predictionModels[model];
  if (found === undefined) throw new Error(`no model ${model}`);
  return found.predict(part, from);
}

function expectOf(model: string, part: string, from: Observation): ResolvedExpectation {
  const predicted = predict(model, part, from);
  if ('unpredictable' in predicted) throw new Error(`no prediction: ${predicted.unpredictable}`);
  return predicted.expect;
}

/** [pointer, what is asserted, whenStatus, check] of each assertion, in order. */
const shape = (assert: readonly ResolvedAssertion[]) =>
  assert.map((a) => [
    a.pointer,
    a.oneOf !== undefined ? { oneOf: a.oneOf } : a.type !== undefined ? { type: a.type } : a.sameInstant !== undefined ? { sameInstant: a.sameInstant } : a.nearResponseDate !== undefined ? { nearResponseDate: a.nearResponseDate } : a.notAfterAnswer !== undefined ? { notAfterAnswer: a.notAfterAnswer } : a.notBeforeInstant !== undefined ? { notBeforeInstant: a.notBeforeInstant } : { equals: a.equals },
    a.whenStatus,
    a.check,
  ]);

const HISTORY_AFTER_START = ['pending', 'syncing', 'completed', 'rejected'];
const CONTACTS_AFTER_START = ['pending', 'syncing', 'completed'];

test('both models predict for the two parts of a sync', () => {
  expect(predictionModels['start-sync']?.parts).toEqual(['history', 'contacts']);
  expect(predictionModels['agrees-with-start']?.parts).toEqual(['history', 'contacts']);
  expect(predictionModels['unchanged']?.parts).toEqual(['history', 'contacts']);
});

describe('start-sync on each seeded state', () => {
  test.each<[string, string, number, string[] | undefined]>([
    // Active, one part done (canSync false), the other never requested.
    ['snd_coex_active', 'history', 400, ['in_progress', 'rate_limit']],
    ['snd_coex_active', 'contacts', 202, undefined],
    ['snd_coex_fresh', 'history', 202, undefined],
    ['snd_coex_fresh', 'contacts', 400, ['in_progress', 'rate_limit']],
    // Active, both in flight: still in progress, or finished since the read with the limit reached.
    ['snd_coex_syncing', 'history', 400, ['in_progress', 'rate_limit']],
    ['snd_coex_syncing', 'contacts', 400, ['in_progress', 'rate_limit']],
    // Not active: refused as such; a part in flight too (pending_registration has both pending) is
    // a second true reason, and the contract orders no two refusals: in progress, or its limit reached since.
    ['snd_coex_pending_verification', 'history', 400, ['not_active', 'rate_limit']],
    ['snd_coex_pending_registration', 'history', 400, ['not_active', 'in_progress', 'rate_limit']],
    ['snd_coex_pending_registration', 'contacts', 400, ['not_active', 'in_progress', 'rate_limit']],
    ['snd_coex_disconnected', 'contacts', 400, ['not_active', 'rate_limit']],
    ['snd_coex_error', 'history', 400, ['not_active', 'rate_limit']],
    // Active, nothing ever requested.
    ['snd_coex_syncable', 'history', 202, undefined],
    ['snd_coex_syncable', 'contacts', 202, undefined],
  ])('%s, %s start: %i', (sender, part, status, examples) => {
    const expected = expectOf('start-sync', part, read(seeded(sender)));
    expect(expected.status).toBe(status);
    expect(expected.examples).toEqual(examples);
    expect(expected.because.length).toBeGreaterThan(0);
    // A refusal asserts nothing about the body beyond its documented example.
    if (status === 400) expect(expected.assert).toEqual([]);
    // A refusal's examples are every reason the state read allows: another one's documented words name a false reason.
    expect(expected.examplesFromState).toBe(status === 400 ? true : undefined);
  });

  test('an account not active with the part in flight: either true reason, as the contract orders no two refusals; at rest, not active or at its limit (never in progress)', () => {
    for (const part of ['history', 'contacts']) {
      for (const status of ['pending', 'syncing']) {
        const state = { ...withPart('snd_coex_pending_verification', part, { status, canSync: false }) };
        expect(expectOf('start-sync', part, read(state))).toMatchObject({ status: 400, examples: ['not_active', 'in_progress', 'rate_limit'] });
      }
      // At rest, canSync false is the account's doing and says nothing of the limit: it may be
      // reached all the same (a sync of the last 24 hours), and a server checking it first says so.
      // Not in progress: a part read at rest is not in flight, and an account not active starts none.
      for (const status of ['not_requested', 'completed', 'rejected']) {
        if (part === 'contacts' && status === 'rejected') continue;
        expect(expectOf('start-sync', part, read(withPart('snd_coex_pending_verification', part, { status, canSync: false }))).examples).toEqual(['not_active', 'rate_limit']);
      }
    }
  });

  test('an active account with the part pending: in progress (or, finished since the read, its limit reached)', () => {
    for (const part of ['history', 'contacts']) {
      expect(expectOf('start-sync', part, read(withPart('snd_coex_syncable', part, { status: 'pending', canSync: false }))).examples).toEqual(['in_progress', 'rate_limit']);
    }
  });

  test('canSync anything but true is a refusal, even on a part never requested', () => {
    expect(expectOf('start-sync', 'history', read(withPart('snd_coex_syncable', 'history', { canSync: false }))).examples).toEqual(['in_progress', 'rate_limit']);
    const { canSync: _dropped, ...withoutCanSync } = seeded('snd_coex_syncable')['contacts'] as Sync;
    expect(expectOf('start-sync', 'contacts', read({ ...seeded('snd_coex_syncable'), contacts: withoutCanSync })).examples).toEqual(['in_progress', 'rate_limit']);
  });

  test('the reason names the state it was predicted from', () => {
    expect(expectOf('start-sync', 'history', read(seeded('snd_coex_disconnected'))).because).toContain('"disconnected"');
    expect(expectOf('start-sync', 'contacts', read(seeded('snd_coex_syncing'))).because).toContain('syncing');
  });
});

describe('the 202 start-sync predicts', () => {
  test('for history: the part pending or later, canSync false, a requestedAt; contacts and the account as they were', () => {
    const { assert } = expectOf('start-sync', 'history', read(seeded('snd_coex_syncable')));
    expect(shape(assert)).toEqual([
      ['/sync/history/status', { oneOf: HISTORY_AFTER_START }, 202, 'state-prediction'],
      ['/sync/history/canSync', { equals: false }, 202, 'state-prediction'],
      ['/sync/history/requestedAt', { type: 'string' }, 202, 'state-prediction'],
      // Now by the answer's own Date header: not the epoch, not seconds read as milliseconds.
      ['/sync/history/requestedAt', { nearResponseDate: 900_000 }, 202, 'state-prediction'],
      // Within seconds of the 202's own Date (requested-during); the read it follows had no clock to bound it from below.
      ['/sync/history/requestedAt', { notAfterAnswer: 61_000 }, 202, 'state-prediction'],
      ['/sync/isCoexistence', { equals: true }, 202, 'state-prediction'],
      // Never completed before the start, and in flight: a start completes nothing (no completedAt stamped with requestedAt).
      ['/sync/history/completedAt', { oneOf: [null] }, 202, 'state-prediction'],
      ['/sync/contacts/status', { oneOf: ['not_requested'] }, 202, 'state-prediction'],
      // Never requested (null) and at rest: a history start must not record a request on contacts.
      ['/sync/contacts/requestedAt', { oneOf: [null] }, 202, 'state-prediction'],
      ['/sync/status', { equals: 'active' }, 202, 'state-prediction'],
    ]);
    expect(assert.every((a) => a.because.length > 0)).toBe(true);
  });

  test('for contacts: contacts has no "rejected", and history stays as it was', () => {
    const { assert } = expectOf('start-sync', 'contacts', read(seeded('snd_coex_active')));
    expect(shape(assert)).toEqual([
      ['/sync/contacts/status', { oneOf: CONTACTS_AFTER_START }, 202, 'state-prediction'],
      ['/sync/contacts/canSync', { equals: false }, 202, 'state-prediction'],
      ['/sync/contacts/requestedAt', { type: 'string' }, 202, 'state-prediction'],
      // Now by the answer's own Date header: not the epoch, not seconds read as milliseconds.
      ['/sync/contacts/requestedAt', { nearResponseDate: 900_000 }, 202, 'state-prediction'],
      // Within seconds of the 202's own Date (requested-during); the read it follows had no clock to bound it from below.
      ['/sync/contacts/requestedAt', { notAfterAnswer: 61_000 }, 202, 'state-prediction'],
      ['/sync/isCoexistence', { equals: true }, 202, 'state-prediction'],
      ['/sync/history/status', { oneOf: ['completed'] }, 202, 'state-prediction'],
      // A contacts start does not request history again (judged when the 202 shows the optional field).
      ['/sync/history/requestedAt', { sameInstant: '2026-01-15T10:00:00Z' }, 202, 'state-prediction'],
      // Nor does it complete history again, or clear when it completed.
      ['/sync/history/completedAt', { sameInstant: '2026-01-15T10:05:00Z' }, 202, 'state-prediction'],
      ['/sync/status', { equals: 'active' }, 202, 'state-prediction'],
    ]);
  });

  test('a 202 without requestedAt (optional in the schema) claims nothing; with null it is a warning, once, as not a string (nullable with no condition on the status, so allowed)', () => {
    const { assert } = expectOf('start-sync', 'history', read(seeded('snd_coex_syncable')));
    const judged = (history: Record<string, unknown>) => {
      const sync = { ...seeded('snd_coex_syncable'), history: { status: 'pending', canSync: false, ...history } };
      return bodyAssertionsCheck.run(exchange(jsonResponse(202, { message: 'started', sync }, { date: 'Thu, 03 Dec 2026 16:00:00 GMT' })), context({ status: 202, assert })).map((v) => `${v.severity} ${v.title}`);
    };
    expect(judged({})).toEqual([]);
    expect(judged({ requestedAt: null })).toEqual(['warning /sync/history/requestedAt is not a string']);
    // A time, but not now (the epoch): an error as before, the warning loosened nothing else.
    expect(judged({ requestedAt: '1970-01-01T00:00:00Z' })).toEqual([expect.stringMatching(/^error \/sync\/history\/requestedAt is not an instant within/)]);
  });

  test('a history whose read before left completedAt out is not known never to have completed: a restart may keep its last completion time, unless it was never requested', () => {
    const completedAt = (history: Sync) => expectOf('start-sync', 'history', read({ ...seeded('snd_coex_syncable'), history })).assert.filter((a) => a.pointer === '/sync/history/completedAt');
    // Completed, startable again, the optional completion time left out of the read: nothing claimed.
    expect(completedAt({ status: 'completed', canSync: true, requestedAt: '2026-01-15T10:00:00Z' })).toEqual([]);
    // Never requested: it has none, shown or not (not-requested-has-no-times).
    expect(shape(completedAt({ status: 'not_requested', canSync: true }))).toEqual([['/sync/history/completedAt', { oneOf: [null] }, 202, 'state-prediction']]);
    // Shown as null: none, as before.
    expect(shape(completedAt({ status: 'rejected', canSync: true, requestedAt: '2026-01-15T10:00:00Z', completedAt: null }))).toEqual([['/sync/history/completedAt', { oneOf: [null] }, 202, 'state-prediction']]);
    // The read after a 202 that left it out too: the read before is all there is, and it told nothing.
    const before = read({ ...seeded('snd_coex_syncable'), history: { status: 'completed', canSync: true, requestedAt: '2026-01-15T10:00:00Z' } });
    const started: Observation = { status: 202, body: { sync: { ...seeded('snd_coex_syncable'), history: { status: 'pending', canSync: false, requestedAt: '2026-12-03T16:00:00Z' } } }, predictedFrom: before };
    expect(expectOf('agrees-with-start', 'history', started).assert.filter((a) => a.pointer === '/sync/history/completedAt')).toEqual([]);
  });

  test('the other part in flight may advance by itself on a live sandbox', () => {
    const syncing = read({ ...seeded('snd_coex_syncable'), history: { status: 'syncing', canSync: false } });
    expect(expectOf('start-sync', 'contacts', syncing).assert.find((a) => a.pointer === '/sync/history/status')?.oneOf).toEqual(['syncing', 'completed', 'rejected']);
    const pending = read({ ...seeded('snd_coex_syncable'), contacts: { status: 'pending', canSync: false } });
    expect(expectOf('start-sync', 'history', pending).assert.find((a) => a.pointer === '/sync/contacts/status')?.oneOf).toEqual(CONTACTS_AFTER_START);
  });
});

describe('start-sync without a state to predict from', () => {
  test('a read that saw no sync status is unpredictable, not a guess', () => {
    expect(predict('start-sync', 'history', { status: 404, body: { code: 'not_found', message: 'Sender not found' } })).toEqual({ unpredictable: 'the step it is predicted from saw no sync status (status 404)' });
    expect(predict('start-sync', 'contacts', { status: 200, body: 'not an object' })).toEqual({ unpredictable: 'the step it is predicted from saw no sync status (status 200)' });
    expect(predict('start-sync', 'history', {})).toEqual({ unpredictable: 'the step it is predicted from saw no sync status (status none)' });
  });
});

describe('agrees-with-start', () => {
  /** The spec's 202 example for a history start. */
  const accepted = {
    isCoexistence: true,
    status: 'active',
    history: { status: 'pending', canSync: false, requestedAt: '2024-01-15T10:00:00Z', completedAt: null },
    contacts: { status: 'not_requested', canSync: true, requestedAt: null },
  };

  test('after a 202: the part as the 202 showed it (or later), the same requestedAt instant, the rest unchanged', () => {
    // The 202's own body wins over the read the start was predicted from.
    const started: Observation = { status: 202, body: { message: 'History sync initiated', sync: accepted }, predictedFrom: read(seeded('snd_coex_syncable')) };
    const expected = expectOf('agrees-with-start', 'history', started);
    expect(expected.status).toBe(200);
    expect(shape(expected.assert)).toEqual([
      ['/sync/history/status', { oneOf: HISTORY_AFTER_START }, 200, 'state-prediction'],
      ['/sync/history/requestedAt', { sameInstant: '2024-01-15T10:00:00Z' }, 200, 'state-prediction'],
      // The 202 showed no completion time: while still in flight, the read shows none either.
      ['/sync/history/completedAt', { oneOf: [null] }, 200, 'state-prediction'],
      ['/sync/contacts/status', { oneOf: ['not_requested'] }, 200, 'state-prediction'],
      ['/sync/contacts/requestedAt', { oneOf: [null] }, 200, 'state-prediction'],
      ['/sync/status', { equals: 'active' }, 200, 'state-prediction'],
      // The 202 showed contacts startable: still, while the history it started is in flight.
      ['/sync/contacts/canSync', { equals: true }, 200, 'state-prediction'],
    ]);
    expect(expected.assert.find((a) => a.pointer === '/sync/contacts/canSync')?.when).toEqual({ pointer: '/sync/history/status', oneOf: ['pending', 'syncing'] });
    // A read that still shows the state before the start may be a lagging replica's: the verdict says how to wait it out.
    expect(expected.assert[0]?.because).toMatch(/replica.*--write-settle-ms/);
    // So does its requestedAt, which such a read shows as it was before the start (null here): each fault line says it, not only the status's.
    expect(expected.assert.find((a) => a.pointer === '/sync/history/requestedAt')?.because).toMatch(/replica.*--write-settle-ms/);
    const omitted: Observation = { ...started, body: { sync: { ...accepted, history: { status: 'pending', canSync: false } } } };
    expect(expectOf('agrees-with-start', 'history', omitted).assert.find((a) => a.pointer === '/sync/history/requestedAt')?.because).toMatch(/replica.*--write-settle-ms/);
  });

  test("after a 202 that leaves the other part's requestedAt out: the read before says what it must still be", () => {
    const { requestedAt: _omitted, ...contacts } = seeded('snd_coex_active')['contacts'] as Sync;
    const shown = { ...accepted, contacts: { ...contacts, status: 'completed', canSync: false } };
    const before = read({ ...seeded('snd_coex_active'), contacts: { status: 'completed', canSync: false, requestedAt: '2026-01-10T08:00:00Z' } });
    const started: Observation = { status: 202, body: { sync: shown }, predictedFrom: before };
    expect(shape(expectOf('agrees-with-start', 'history', started).assert).find(([pointer]) => pointer === '/sync/contacts/requestedAt')).toEqual(['/sync/contacts/requestedAt', { sameInstant: '2026-01-10T08:00:00Z' }, 200, 'state-prediction']);
    // Without the read before, as it was: the 202 claimed nothing there.
    expect(expectOf('agrees-with-start', 'history', { status: 202, body: { sync: shown } }).assert.some((a) => a.pointer === '/sync/contacts/requestedAt')).toBe(false);
  });

  test("after a 202 that leaves the other part's completedAt out: the read before's null holds only as it was read, at rest (in flight then, the part may have completed since)", () => {
    const syncingBefore = read({ ...seeded('snd_coex_syncable'), history: { status: 'syncing', canSync: false, requestedAt: '2026-12-03T15:00:00Z', completedAt: null } });
    const judged = (before: Observation, shownHistory: Sync, history: Sync) => {
      const shown = { ...seeded('snd_coex_syncable'), history: shownHistory, contacts: { status: 'pending', canSync: false, requestedAt: '2026-12-03T16:00:00Z' } };
      const { assert } = expectOf('agrees-with-start', 'contacts', { status: 202, body: { sync: shown }, predictedFrom: before });
      const sync = { ...shown, history };
      return bodyAssertionsCheck.run(exchange(jsonResponse(200, { sync }, { date: 'Thu, 03 Dec 2026 16:00:01 GMT' })), context({ status: 200, assert })).map((v) => `${v.severity} ${v.instancePath}`);
    };
    // The 202 shows history completed since the read, its completion time left out; the read after shows that time.
    const completed = { status: 'completed', canSync: false, requestedAt: '2026-12-03T15:00:00Z' };
    expect(judged(syncingBefore, completed, { ...completed, completedAt: '2026-12-03T15:59:59Z' })).toEqual([]);
    // Read before at rest with none (declined), and so in the 202: none still in the read after.
    const declined = { status: 'rejected', canSync: false, requestedAt: '2026-12-03T15:00:00Z' };
    expect(judged(read({ ...seeded('snd_coex_syncable'), history: { ...declined, completedAt: null } }), declined, { ...declined, completedAt: '2026-12-03T15:59:59Z' })).toEqual(['error /sync/history/completedAt']);
  });

  test('after a 202 that leaves the started part\'s requestedAt out: the read right after shows it near its own Date (a database timing it in a zone west of UTC, written with "Z", fails)', () => {
    const { requestedAt: _omitted, ...contacts } = { status: 'pending', canSync: false, requestedAt: 'left out' };
    const started: Observation = { status: 202, body: { message: 'Contacts sync initiated', sync: { ...seeded('snd_coex_syncable'), contacts } }, predictedFrom: read(seeded('snd_coex_syncable')) };
    const { assert } = expectOf('agrees-with-start', 'contacts', started);
    expect(shape(assert).filter(([pointer]) => pointer === '/sync/contacts/requestedAt')).toEqual([['/sync/contacts/requestedAt', { nearResponseDate: 900_000 }, 200, 'state-prediction']]);
    const judged = (requestedAt: string | undefined) => {
      const sync = { ...seeded('snd_coex_syncable'), contacts: { status: 'pending', canSync: false, ...(requestedAt === undefined ? {} : { requestedAt }) } };
      const answered = { ...exchange(jsonResponse(200, { sync }, { date: 'Thu, 03 Dec 2026 16:00:01 GMT' })), startedAt: '2026-12-03T16:00:01.000Z' };
      return bodyAssertionsCheck.run(answered, context({ status: 200, assert })).map((v) => `${v.severity} ${v.instancePath}`);
    };
    expect(judged('2026-12-03T16:00:00Z')).toEqual([]);
    expect(judged('2026-12-03T13:00:00Z')).toEqual(['error /sync/contacts/requestedAt']);
    // Left out of the read too: still nothing claimed.
    expect(judged(undefined)).toEqual([]);
    // A 202 that showed it is agreed with instead (the same instant, within seconds), as before.
    const shown: Observation = { ...started, body: { sync: { ...seeded('snd_coex_syncable'), contacts: { status: 'pending', canSync: false, requestedAt: '2026-12-03T16:00:00Z' } } } };
    expect(shape(expectOf('agrees-with-start', 'contacts', shown).assert).filter(([pointer]) => pointer === '/sync/contacts/requestedAt')).toEqual([['/sync/contacts/requestedAt', { sameInstant: '2026-12-03T16:00:00Z' }, 200, 'state-prediction']]);
  });

  test('after a 202 with no requestedAt: nothing to agree with there', () => {
    const started: Observation = { status: 202, body: { sync: { ...accepted, history: { ...accepted.history, requestedAt: null } } } };
    expect(expectOf('agrees-with-start', 'history', started).assert.map((a) => a.pointer)).toEqual(['/sync/history/status', '/sync/history/completedAt', '/sync/contacts/status', '/sync/contacts/requestedAt', '/sync/status', '/sync/contacts/canSync']);
  });

  test('after a refused start: nothing changed since the read the start was predicted from', () => {
    const refused: Observation = { status: 400, body: { code: 'bad_request', message: 'Sync limit reached' }, predictedFrom: read(seeded('snd_coex_active')) };
    const expected = expectOf('agrees-with-start', 'history', refused);
    expect(expected.status).toBe(200);
    expect(shape(expected.assert)).toEqual([
      ['/sync/history/status', { oneOf: ['completed'] }, 200, 'state-prediction'],
      // The other part could be started, and still can: a refused start uses up no limit.
      ['/sync/contacts/canSync', { equals: true }, 200, 'state-prediction'],
      // Not requested again: a refused start that restarts the sync shows a new requestedAt.
      ['/sync/history/requestedAt', { sameInstant: '2026-01-15T10:00:00Z' }, 200, 'state-prediction'],
      // Completed and at rest: its completion time stays (a start that clears or restamps it fails here).
      ['/sync/history/completedAt', { sameInstant: '2026-01-15T10:05:00Z' }, 200, 'state-prediction'],
      ['/sync/contacts/status', { oneOf: ['not_requested'] }, 200, 'state-prediction'],
      ['/sync/contacts/requestedAt', { oneOf: [null] }, 200, 'state-prediction'],
      ['/sync/status', { equals: 'active' }, 200, 'state-prediction'],
    ]);
    expect(expected.assert[0]?.because).toContain('refused (400)');
    expect(expected.assert[2]?.because).toContain('not requested again');
  });

  test('only a 202 is a start that took effect: a refusal that shows a sync state is still compared with the read before', () => {
    const refused: Observation = { status: 400, body: { code: 'bad_request', sync: accepted }, predictedFrom: read(seeded('snd_coex_active')) };
    expect(expectOf('agrees-with-start', 'history', refused).assert[0]?.oneOf).toEqual(['completed']);
  });

  test('after a refused start on parts in flight: they may still advance', () => {
    const refused: Observation = { status: 400, body: { code: 'bad_request' }, predictedFrom: read(seeded('snd_coex_syncing')) };
    expect(shape(expectOf('agrees-with-start', 'contacts', refused).assert).filter(([pointer]) => String(pointer).endsWith('/status'))).toEqual([
      ['/sync/contacts/status', { oneOf: ['syncing', 'completed'] }, 200, 'state-prediction'],
      ['/sync/history/status', { oneOf: ['syncing', 'completed', 'rejected'] }, 200, 'state-prediction'],
      ['/sync/status', { equals: 'active' }, 200, 'state-prediction'],
    ]);
  });

  test('a refused start with no read before it is unpredictable', () => {
    expect(predict('agrees-with-start', 'history', { status: 400, body: { code: 'bad_request' } })).toEqual({ unpredictable: 'neither the start nor the read before it showed a sync status' });
  });
});

describe('unchanged', () => {
  test('a read after a start without credentials shows the state read before it: same status, same requestedAt, the rest untouched', () => {
    const expected = expectOf('unchanged', 'history', read(seeded('snd_coex_active')));
    expect(expected.status).toBe(200);
    expect(shape(expected.assert)).toEqual([
      ['/sync/history/status', { oneOf: ['completed'] }, 200, 'state-prediction'],
      ['/sync/contacts/canSync', { equals: true }, 200, 'state-prediction'],
      ['/sync/history/requestedAt', { sameInstant: '2026-01-15T10:00:00Z' }, 200, 'state-prediction'],
      // Completed and at rest: its completion time stays (a start that clears or restamps it fails here).
      ['/sync/history/completedAt', { sameInstant: '2026-01-15T10:05:00Z' }, 200, 'state-prediction'],
      ['/sync/contacts/status', { oneOf: ['not_requested'] }, 200, 'state-prediction'],
      ['/sync/contacts/requestedAt', { oneOf: [null] }, 200, 'state-prediction'],
      ['/sync/status', { equals: 'active' }, 200, 'state-prediction'],
    ]);
    expect(expected.assert[0]?.because).toBe('the history start between the two reads was refused, so the history sync stays completed');
  });

  test('a part never requested must still be not_requested (a start that took effect makes it pending), and still startable', () => {
    const expected = expectOf('unchanged', 'contacts', read(seeded('snd_coex_active')));
    expect(shape(expected.assert).slice(0, 2)).toEqual([
      ['/sync/contacts/status', { oneOf: ['not_requested'] }, 200, 'state-prediction'],
      // A refused start that uses up the limit (canSync false, status as it was) fails here.
      ['/sync/contacts/canSync', { equals: true }, 200, 'state-prediction'],
    ]);
    expect(expected.assert[1]?.because).toBe('the contacts start between the two reads was refused, so the contacts sync can still be started');
  });

  test('only a startable part at rest must stay startable: canSync false may turn true (a limit runs out), and a part in flight moves on', () => {
    expect(expectOf('unchanged', 'history', read(seeded('snd_coex_active'))).assert.some((a) => a.pointer === '/sync/history/canSync')).toBe(false);
    const pendingButStartable = read(withPart('snd_coex_syncable', 'history', { status: 'pending', canSync: true }));
    expect(expectOf('unchanged', 'history', pendingButStartable).assert.some((a) => a.pointer === '/sync/history/canSync')).toBe(false);
  });

  test("the other part startable at rest stays startable too: a refused contacts start must not block history", () => {
    const expected = expectOf('unchanged', 'contacts', read(seeded('snd_coex_fresh')));
    expect(shape(expected.assert).filter(([pointer]) => String(pointer).endsWith('/canSync'))).toEqual([['/sync/history/canSync', { equals: true }, 200, 'state-prediction']]);
    expect(expected.assert.find((a) => a.pointer === '/sync/history/canSync')?.because).toBe('the contacts start between the two reads was refused, so the history sync can still be started');
  });

  test('the other part is held startable, while a part in flight is, only while it still is: a shared limit may begin as a part finishes', () => {
    const contactsInFlight = read(withPart('snd_coex_syncable', 'contacts', { status: 'syncing', canSync: false }));
    const held = expectOf('unchanged', 'contacts', contactsInFlight).assert.filter((a) => a.pointer.endsWith('/canSync'));
    expect(held.map((a) => [a.pointer, a.equals, a.when])).toEqual([['/sync/history/canSync', true, { pointer: '/sync/contacts/status', oneOf: ['pending', 'syncing'] }]]);
    // The part the start named, at rest and startable, likewise: the history in flight may finish
    // between the reads and begin a limit the two share, whatever part the refused start named.
    const historyInFlight = read(withPart('snd_coex_syncable', 'history', { status: 'pending', canSync: false }));
    const named = expectOf('unchanged', 'contacts', historyInFlight).assert.filter((a) => a.pointer.endsWith('/canSync'));
    expect(named.map((a) => [a.pointer, a.equals, a.when])).toEqual([['/sync/contacts/canSync', true, { pointer: '/sync/history/status', oneOf: ['pending', 'syncing'] }]]);
  });

  test('a history in flight with no completion time shows none while it is still in flight (a refused start completes nothing)', () => {
    const inFlight = read(withPart('snd_coex_syncable', 'history', { status: 'pending', canSync: false, requestedAt: '2026-01-15T10:00:00Z', completedAt: null }));
    const held = expectOf('unchanged', 'history', inFlight).assert.find((a) => a.pointer === '/sync/history/completedAt');
    expect(held).toMatchObject({ oneOf: [null], ifPresent: true, when: { pointer: '/sync/history/status', oneOf: ['pending', 'syncing'] } });
  });

  test('a part never requested (null) and at rest stays so; one in flight may get its request time late', () => {
    const atRest = expectOf('unchanged', 'contacts', read(seeded('snd_coex_active'))).assert.find((a) => a.pointer === '/sync/contacts/requestedAt');
    expect(atRest).toMatchObject({ oneOf: [null], ifPresent: true });
    const inFlight = read(withPart('snd_coex_syncable', 'contacts', { status: 'pending', canSync: false, requestedAt: null }));
    expect(expectOf('unchanged', 'contacts', inFlight).assert.some((a) => a.pointer === '/sync/contacts/requestedAt')).toBe(false);
  });

  test('parts in flight may still advance', () => {
    expect(expectOf('unchanged', 'contacts', read(seeded('snd_coex_syncing'))).assert[0]?.oneOf).toEqual(['syncing', 'completed']);
  });

  test('without a sync state read before, unpredictable', () => {
    expect(predict('unchanged', 'history', { status: 404, body: { code: 'not_found' } })).toEqual({ unpredictable: 'the step it is predicted from saw no sync status (status 404)' });
  });
});

describe('witness-unchanged', () => {
  test('another sender read after a start to the written one shows the state read before it, and says why', () => {
    const expected = expectOf('witness-unchanged', 'history', read(seeded('snd_coex_active')));
    expect(expected.status).toBe(200);
    // What a refused start on the sender itself holds, but canSync (a limit may be the project's)
    // and the account's status (another account's moves on by itself: a registration completes).
    const unchanged = shape(expectOf('unchanged', 'history', read(seeded('snd_coex_active'))).assert);
    expect(shape(expected.assert)).toEqual(unchanged.filter(([pointer]) => !String(pointer).endsWith('/canSync') && pointer !== '/sync/status'));
    expect(expectOf('witness-unchanged', 'history', read(seeded('snd_coex_pending_registration'))).assert.some((a) => a.pointer === '/sync/status')).toBe(false);
    expect(expected.assert[0]?.because).toBe('the history start between the two reads named another sender, or an id that names none, so the history sync stays completed');
  });

  test('a witness part that could be started need not stay startable: a limit may be the project\'s, not the sender\'s', () => {
    const startable = read(seeded('snd_coex_syncable'));
    expect(expectOf('unchanged', 'history', startable).assert.some((a) => a.pointer === '/sync/history/canSync')).toBe(true);
    expect(expectOf('witness-unchanged', 'history', startable).assert.some((a) => a.pointer.endsWith('/canSync'))).toBe(false);
  });

  test('without a sync state read of the witness, unpredictable', () => {
    expect(predict('witness-unchanged', 'history', { status: 404, body: { code: 'not_found' } })).toEqual({ unpredictable: 'the witness read it is predicted from saw no sync status (status 404)' });
  });
});

describe('reads-change-nothing', () => {
  /** What body-assertion finds, by severity and pointer, in the second read of `before` showing `after` (answered 2026-12-03T16:00:01Z). */
  const judged = (before: Sync, after: Sync): string[] => {
    const { assert } = expectOf('reads-change-nothing', '', read(before));
    const answered = { ...exchange(jsonResponse(200, { sync: after }, { date: 'Thu, 03 Dec 2026 16:00:01 GMT' })), startedAt: '2026-12-03T16:00:01.000Z' };
    return bodyAssertionsCheck.run(answered, context({ status: 200, assert: [...assert] })).map((v) => `${v.severity} ${v.instancePath}`);
  };

  test('the same state read again passes; an in-flight part may move on, its request time kept', () => {
    for (const id of ['snd_coex_active', 'snd_coex_fresh', 'snd_coex_syncing', 'snd_coex_pending_registration', 'snd_coex_error']) expect(judged(seeded(id), seeded(id))).toEqual([]);
    const syncing = seeded('snd_coex_syncing');
    expect(judged(syncing, withPart('snd_coex_syncing', 'history', { status: 'completed', completedAt: '2026-03-10T17:00:00Z' }))).toEqual([]);
  });

  test('a completed history read again as never requested fails on its status and both its times', () => {
    const forgotten = withPart('snd_coex_active', 'history', { status: 'not_requested', canSync: true, requestedAt: null, completedAt: null });
    expect(judged(seeded('snd_coex_active'), forgotten)).toEqual(['error /sync/history/status', 'error /sync/history/requestedAt', 'error /sync/history/completedAt']);
  });

  test('a request time moved on by a read, of either part, fails', () => {
    const restamped = { ...withPart('snd_coex_syncing', 'history', { requestedAt: '2026-12-03T16:00:00.001Z' }), contacts: { status: 'syncing', canSync: false, requestedAt: '2026-12-03T16:00:00.001Z' } };
    expect(judged(seeded('snd_coex_syncing'), restamped)).toEqual(['error /sync/history/requestedAt', 'error /sync/contacts/requestedAt']);
  });

  test('a part that could be started, started or used up by a read, fails', () => {
    const active = seeded('snd_coex_active');
    expect(judged(active, withPart('snd_coex_active', 'contacts', { canSync: false }))).toEqual(['error /sync/contacts/canSync']);
    expect(judged(active, withPart('snd_coex_active', 'contacts', { status: 'pending', canSync: false, requestedAt: '2026-12-03T16:00:00Z' }))).toEqual(['error /sync/contacts/canSync', 'error /sync/contacts/status', 'error /sync/contacts/requestedAt']);
  });

  test('no part is the one a start named: either part in flight may finish and begin a limit both share, and only then may the other stop being startable', () => {
    // Contacts in flight, history startable; contacts finishes between the reads and the limit it shares with history begins.
    const contactsSyncing = withPart('snd_coex_fresh', 'contacts', { status: 'syncing', canSync: false });
    const contactsDone = { ...withPart('snd_coex_fresh', 'history', { canSync: false }), contacts: { ...(contactsSyncing['contacts'] as Sync), status: 'completed' } };
    expect(judged(contactsSyncing, contactsDone)).toEqual([]);
    // The mirror: history in flight, contacts startable, history finishes.
    const historySyncing = withPart('snd_coex_syncing', 'contacts', { status: 'not_requested', canSync: true, requestedAt: null });
    const historyDone = { ...withPart('snd_coex_syncing', 'history', { status: 'completed', completedAt: '2026-03-10T17:00:00Z' }), contacts: { status: 'not_requested', canSync: false, requestedAt: null } };
    expect(judged(historySyncing, historyDone)).toEqual([]);
    // Still in flight, nothing finished: a part no longer startable was used up by a read, either part.
    expect(judged(contactsSyncing, { ...contactsSyncing, history: { ...(contactsSyncing['history'] as Sync), canSync: false } })).toEqual(['error /sync/history/canSync']);
    expect(judged(historySyncing, { ...historySyncing, contacts: { status: 'not_requested', canSync: false, requestedAt: null } })).toEqual(['error /sync/contacts/canSync']);
  });

  test('says it was reads, not a start, that must have changed nothing; without a sync state read before, unpredictable', () => {
    const { assert } = expectOf('reads-change-nothing', '', read(seeded('snd_coex_active')));
    expect(assert.map((a) => a.because).join('\n')).not.toMatch(/\bstart\b(?! or)/);
    expect(assert[0]?.because).toBe('only reads were sent since (a read requests, starts or completes nothing: GET is safe), so the history sync stays completed (by this run: on a target others use too, or that shards of this run write to side by side, another client may have started a sync of this sender between the two reads)');
    // Every fault says so (the account's and the other part's too): on a shared sandbox, another client is as likely a cause as a GET that writes.
    expect(assert.length).toBeGreaterThan(4);
    expect(assert.every((a) => a.because.endsWith('another client may have started a sync of this sender between the two reads)'))).toBe(true);
    expect(predict('reads-change-nothing', '', { status: 401, body: { code: 'unauthorized' } })).toEqual({ unpredictable: 'the read it is predicted from saw no sync status (status 401)' });
  });
});

describe('answers-as-unknown', () => {
  test('another project\'s sender: the unknown id\'s status, code and property names, no details where it had none, and its words once the id asked for is set aside', () => {
    const unknown: Observation = { status: 404, body: { code: 'not_found', message: 'Sender snd_x not found' }, path: '/v1/senders/snd_x/whatsapp-sync' };
    const expected = expectOf('answers-as-unknown', '', unknown);
    expect(expected.status).toBe(404);
    expect(expected.assert.map((a) => [a.pointer, a.equals ?? a.sameKeys ?? a.present ?? a.sameText, a.severity])).toEqual([
      // A code of its own for an id of a shape the server never issues is possible: a warning, not a failure; its words likewise.
      ['/code', 'not_found', 'warning'],
      ['', ['code', 'message'], undefined],
      // No details: none, or details with nothing in them but a request's or trace's id (a tracer's sample).
      ['/details', [], undefined],
      ['/message', 'Sender <id> not found', 'warning'],
    ]);
    // Unless the code is the unknown id's own: then its shape changed nothing, and words of its own tell the sender apart.
    expect(expected.assert.find((a) => a.pointer === '/message')?.errorWhen).toEqual({ pointer: '/code', oneOf: ['not_found'] });
    // Without the request's path there is no id to set aside: the words are not compared.
    expect(expectOf('answers-as-unknown', '', { status: 404, body: { code: 'not_found', message: 'm' } }).assert.map((a) => a.pointer)).not.toContain('/message');
  });

  test('without credentials different words are an error, as a different code is: they would tell a real id from an unknown one', () => {
    const message = expectOf('answers-as-unknown', '', { status: 401, body: { code: 'unauthorized', message: 'Missing Authorization header' }, path: '/v1/senders/snd_zvc_unknown_1/whatsapp-sync' }).assert.find((a) => a.pointer === '/message');
    expect(message).toMatchObject({ sameText: 'Missing <n> header', check: 'state-prediction' });
    expect(message?.severity).toBeUndefined();
  });

  test("details in the unknown id's answer too: the same property names and true/false values, not the strings or numbers", () => {
    const unknown: Observation = { status: 404, body: { code: 'not_found', message: 'm', details: { senderExists: false, requestId: 'r1', at: 3 } } };
    expect(expectOf('answers-as-unknown', '', unknown).assert.map((a) => [a.pointer, a.equals ?? a.sameKeys])).toEqual([
      ['/code', 'not_found'],
      // details compared on its own; a request's id (present on one answer, sampled, and not the next) set aside.
      ['', ['code', 'message']],
      ['/details', ['senderExists', 'at']],
      ['/details/senderExists', false],
    ]);
  });

  test("details as the unknown id's answer showed nothing there: left out, or {} (the other form a member one answer has and the other has not); only a trace's id in them, either", () => {
    const asideOf = (details?: unknown) => expectOf('answers-as-unknown', '', { status: 404, body: { code: 'not_found', message: 'm', ...(details === undefined ? {} : { details }) } }).assert.find((a) => a.pointer === '/details')?.sameKeysAside;
    expect(asideOf()).toEqual({ besides: [], nothing: 'absent' });
    expect(asideOf({})).toEqual({ besides: [], nothing: 'empty' });
    expect(asideOf({ traceId: 't' })).toEqual({ besides: [] });
    // An object under a name that names a request is compared, it may carry what was found; unless it
    // holds ids alone, as a tracer's context does (span: {id}).
    const unknown: Observation = { status: 404, body: { code: 'not_found', message: 'm', request: { method: 'GET' }, details: { trace: { id: 't', project: 'acme' }, span: { id: '00f067aa0ba902b7' } } } };
    expect(expectOf('answers-as-unknown', '', unknown).assert.map((a) => [a.pointer, a.sameKeys]).filter(([, keys]) => keys !== undefined)).toEqual([
      ['', ['code', 'message', 'request']],
      ['/details', ['trace']],
    ]);
    // One whose id is the id that answer asked for is compared: the other answer must name its own alike.
    const named: Observation = { status: 404, path: '/v1/senders/snd_zvc_unknown_0123/whatsapp-sync', body: { code: 'not_found', message: 'm', span: { id: 'snd_zvc_unknown_0123' }, details: { trace: { id: 'snd_zvc_unknown_0123' } } } };
    const keysOf = (pointer: string) => expectOf('answers-as-unknown', '', named).assert.find((a) => a.pointer === pointer && a.sameKeys !== undefined)?.sameKeys;
    expect([keysOf(''), keysOf('/details')]).toEqual([['code', 'message', 'span'], ['trace']]);
  });

  test('without credentials a code of its own is an error: a server that has not authenticated the caller has no business looking at the id', () => {
    const [code] = expectOf('answers-as-unknown', '', { status: 401, body: { code: 'unauthorized', message: 'm' } }).assert;
    expect(code).toMatchObject({ pointer: '/code', equals: 'unauthorized' });
    expect(code?.severity).toBeUndefined();
  });

  test('true/false values compared at most twenty: the answer is a target\'s, and may have thousands', () => {
    const details = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, true]));
    const assert = expectOf('answers-as-unknown', '', { status: 404, body: { code: 'c', message: 'm', details } }).assert;
    expect(assert.filter((a) => a.pointer.startsWith('/details/'))).toHaveLength(20);
  });

  test("a 4xx with no JSON body (a router's): the same status, its body not judged", () => {
    const predicted = predict('answers-as-unknown', '', { status: 404, body: 'Not Found' });
    expect(predicted).toMatchObject({ expect: { status: 404, routerAnswer: true, assert: [] } });
    expect(predict('answers-as-unknown', '', { status: 404 })).toMatchObject({ expect: { status: 404, routerAnswer: true } });
    // A framework's own JSON (problem+json), not the contract's {code, message}: a router's answer too.
    expect(predict('answers-as-unknown', '', { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404 } })).toMatchObject({ expect: { status: 404, routerAnswer: true, assert: [] } });
    // The contract's error shape is compared field by field, not waved through.
    expect(predict('answers-as-unknown', '', { status: 404, body: { code: 'not_found', message: 'Sender not found' } })).not.toMatchObject({ expect: { routerAnswer: true } });
  });

  test('an answer with no JSON object (a preflight\'s 204, a 200 with an Allow header): the same status, nothing else to compare', () => {
    expect(predict('answers-as-unknown', '', { status: 204 })).toMatchObject({ expect: { status: 204, routerAnswer: true, assert: [] } });
    expect(predict('answers-as-unknown', '', { status: 200, body: 'OK' })).toMatchObject({ expect: { status: 200, routerAnswer: true, assert: [], because: expect.stringMatching(/^an unknown id was answered 200 with no JSON body: /) } });
  });

  test("a 401's challenge is bound too, comparable as a message (the id asked for set aside); none is bound as none; another status's is not", () => {
    const path = '/v1/senders/snd_zvc_unknown_1/whatsapp-sync';
    expect(expectOf('answers-as-unknown', '', { status: 401, body: { code: 'unauthorized', message: 'm' }, path, challenge: 'Bearer realm="zavu", error="snd_zvc_unknown_1"' }).sameChallenge).toBe('bearer error="<id>", realm="zavu"');
    expect(expectOf('answers-as-unknown', '', { status: 401, body: 'Unauthorized', path }).sameChallenge).toBe('');
    expect(expectOf('answers-as-unknown', '', { status: 404, body: { code: 'not_found', message: 'm' }, path, challenge: 'Bearer' }).sameChallenge).toBeUndefined();
  });

  test('no answer to compare with: unpredictable', () => {
    expect(predict('answers-as-unknown', '', {})).toEqual({ unpredictable: "the unknown id's request it is predicted from got no answer" });
  });
});

describe('model branches, judged on what they let through', () => {
  /** What body-assertion finds, by severity and pointer, in a 200 read judged by `assert` (answered 2026-12-03T16:00:01Z). */
  const judgedRead = (assert: readonly ResolvedAssertion[], sync: Sync): string[] => {
    const answered = { ...exchange(jsonResponse(200, { sync }, { date: 'Thu, 03 Dec 2026 16:00:01 GMT' })), startedAt: '2026-12-03T16:00:01.000Z' };
    return bodyAssertionsCheck.run(answered, context({ status: 200, assert: [...assert] })).map((v) => `${v.severity} ${v.instancePath}`);
  };

  test('start-sync: a part read in flight is refused as in progress even when it claims canSync: true', () => {
    const pendingButStartable = read(withPart('snd_coex_syncable', 'history', { status: 'pending', canSync: true }));
    const expected = expectOf('start-sync', 'history', pendingButStartable);
    expect(expected).toMatchObject({ status: 400, examples: ['in_progress', 'rate_limit'] });
    expect(expected.because).toBe('the history sync read before was already pending');
  });

  test('agrees-with-start: the read may time the 202\'s requestedAt seconds apart (two clocks, one request), not a minute', () => {
    const accepted = { ...seeded('snd_coex_syncable'), history: { status: 'pending', canSync: false, requestedAt: '2026-12-03T16:00:00Z', completedAt: null } };
    const { assert } = expectOf('agrees-with-start', 'history', { status: 202, body: { sync: accepted }, predictedFrom: read(seeded('snd_coex_syncable')) });
    const shown = (requestedAt: string): Sync => ({ ...accepted, history: { ...accepted.history, requestedAt } });
    expect(judgedRead(assert, shown('2026-12-03T16:00:03Z'))).toEqual([]);
    expect(judgedRead(assert, shown('2026-12-03T16:01:00Z'))).toEqual(['error /sync/history/requestedAt']);
  });

  test('unchanged: a history at rest never completed (null) shows no completion time after a refused start, of either part', () => {
    const before = read(seeded('snd_coex_syncable'));
    const completed = { ...seeded('snd_coex_syncable'), history: { status: 'not_requested', canSync: true, requestedAt: null, completedAt: '2026-12-03T16:00:00Z' } };
    for (const part of ['history', 'contacts']) {
      const { assert } = expectOf('unchanged', part, before);
      expect(judgedRead(assert, seeded('snd_coex_syncable'))).toEqual([]);
      expect(judgedRead(assert, completed)).toEqual(['error /sync/history/completedAt']);
    }
  });

  test("answers-as-unknown: a redirect is a router's answer, its body not compared (it is the router's, not the API's)", () => {
    expect(predict('answers-as-unknown', '', { status: 308, body: { code: 'moved', message: 'Moved' }, path: '/v1/senders/snd_zvc_unknown_1/whatsapp-sync' })).toMatchObject({ expect: { status: 308, routerAnswer: true, assert: [] } });
  });

  describe("answers-as-unknown: the form of the two answers (a router's page to one, the contract's JSON error to the other)", () => {
    const path = '/v1/senders/snd_zvc_unknown_1/whatsapp-sync';
    const html = '<html><body><h1>403 Forbidden</h1></body></html>';
    const page = (status: number, type = 'text/html; charset=utf-8', text = html) => response(status, text, { 'content-type': type });
    /** The unknown id's answer as the runner observes it: status, parsed body, form. */
    const observed = (answer: ReturnType<typeof response>): Observation => {
      let body: unknown;
      try {
        body = JSON.parse(answer.bodyText) as unknown;
      } catch {
        body = undefined;
      }
      return { status: answer.status, path, ...(body !== undefined ? { body } : {}), form: answerForm(answer.headers['content-type'], answer.bodyText, body) };
    };
    /** What body-assertion finds on `answer`, predicted from the unknown id's `unknown`: severity, check and title. */
    const judged = (unknown: ReturnType<typeof response>, answer: ReturnType<typeof response>): string[] => {
      const expected = expectOf('answers-as-unknown', '', observed(unknown));
      const sent = { ...exchange(answer), request: { ...exchange(answer).request, path: '/v1/senders/snd_other_project/whatsapp-sync' } };
      return bodyAssertionsCheck
        .run(sent, { ...context({ status: expected.status, assert: expected.assert }), fixtures: [{ variable: 'ZAVU_SENDER_OTHER_PROJECT', value: 'snd_other_project', hidden: true }] })
        .map((v) => `${v.severity} ${v.check} ${v.title} | ${v.message}`);
    };
    const forbidden = jsonResponse(403, { code: 'forbidden', message: 'This sender belongs to another project' });

    test("an HTML page to the unknown id, the contract's JSON error to the sender: a warning naming both forms and what to do", () => {
      const found = judged(page(403), forbidden);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^warning state-prediction /);
      expect(found[0]).toContain("an HTML page (text/html) to the unknown id, the contract's JSON error {code: \"forbidden\"} to ZAVU_SENDER_OTHER_PROJECT");
      expect(found[0]).toContain('set ZAVU_SENDER_UNKNOWN');
      expect(found[0]).toContain('tells the sender apart');
    });

    test("the reverse: the contract's JSON error to the unknown id, an HTML page to the sender, a warning too", () => {
      const found = judged(jsonResponse(404, { code: 'not_found', message: 'Sender not found' }), page(404));
      expect(found.filter((f) => f.startsWith('warning state-prediction'))).toHaveLength(1);
      expect(found[0]).toContain("the contract's JSON error {code: \"not_found\"} to the unknown id, an HTML page (text/html) to ZAVU_SENDER_OTHER_PROJECT");
    });

    test("a router answering both with the same page (its charset spelt otherwise), or both with the contract's error: no warning", () => {
      expect(judged(page(404), page(404, 'text/html'))).toEqual([]);
      expect(judged(page(404, 'application/problem+json', '{"type":"about:blank","status":404}'), page(404, 'application/problem+json', '{"type":"about:blank","status":404,"instance":"/x"}'))).toEqual([]);
      expect(judged(page(404, 'text/plain', ''), page(404, 'text/html', ''))).toEqual([]);
      expect(judged(jsonResponse(404, { code: 'not_found', message: 'Sender not found' }), jsonResponse(404, { code: 'not_found', message: 'Sender not found' }))).toEqual([]);
    });

    test('two pages of other media types (text/html, text/plain), or a page and no body: two producers answered, a warning', () => {
      expect(judged(page(404), page(404, 'text/plain', 'Not Found'))).toEqual([expect.stringContaining('an HTML page (text/html) to the unknown id, a body of type text/plain to ZAVU_SENDER_OTHER_PROJECT')]);
      expect(judged(page(404, 'text/plain', ''), page(404))).toEqual([expect.stringContaining('no body to the unknown id, an HTML page (text/html) to')]);
    });

    test('another status is the status check\'s to judge, not the form\'s; a redirect is not compared by its form', () => {
      expect(judged(page(403), jsonResponse(404, { code: 'not_found', message: 'm' }))).toEqual([]);
      expect(expectOf('answers-as-unknown', '', { ...observed(page(308)), status: 308 }).assert).toEqual([]);
    });
  });

  test("answers-as-unknown: the unknown id's own true/false values are compared at the top level too", () => {
    const { assert } = expectOf('answers-as-unknown', '', { status: 404, body: { code: 'not_found', message: 'Sender not found', retryable: false } });
    expect(assert.filter((a) => a.pointer === '/retryable').map((a) => [a.equals, a.whenStatus, a.check])).toEqual([[false, 404, 'state-prediction']]);
  });
});
