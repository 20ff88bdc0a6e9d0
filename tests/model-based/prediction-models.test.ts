/** The start model, branch by branch, and the agreement of a read after a start. */
import type { ResolvedExpectation } from '../../src/model';
import { predictionModels, type Observation } from '../../src/model-based/prediction-models';
import { resolveExpectation } from '../../src/model-based/resolve-expectation';
import { registry } from '../support/shipped-contract';

const sync = (overrides: Record<string, unknown> = {}, history: Record<string, unknown> = {}, contacts: Record<string, unknown> = {}) => ({
  sync: {
    isCoexistence: true,
    status: 'active',
    history: { status: 'not_requested', canSync: true, requestedAt: null, ...history },
    contacts: { status: 'completed', canSync: false, requestedAt: '2026-01-01T00:00:00Z', ...contacts },
    ...overrides,
  },
});
const read = (body: unknown): Observation => ({ status: 200, body });
function expectOf(model: string, part: string, from: Observation): ResolvedExpectation {
  const predicted = predictionModels[model]?.predict(part, from);
  if (predicted === undefined || 'unpredictable' in predicted) throw new Error(`no prediction: ${JSON.stringify(predicted)}`);
  return predicted.expect;
}

describe('start-sync', () => {
  test.each([
    ['an account not active', sync({ status: 'disconnected' }), 400, ['not_active']],
    ['the part pending', sync({}, { status: 'pending', canSync: false }), 400, ['in_progress']],
    ['the part syncing', sync({}, { status: 'syncing', canSync: false }), 400, ['in_progress']],
    ['the part done and canSync false', sync({}, { status: 'completed', canSync: false }), 400, ['in_progress', 'rate_limit']],
    ['active and canSync true', sync(), 202, undefined],
  ])('%s', (_what, body, status, examples) => {
    const expect_ = expectOf('start-sync', 'history', read(body));
    expect(expect_.status).toBe(status);
    expect(expect_.examples).toEqual(examples);
  });

  test('an accepted start: the part pending or later, canSync false, a requestedAt, the other part and the account as they were', () => {
    const { assert } = expectOf('start-sync', 'history', read(sync()));
    expect(assert.map((a) => [a.pointer, a.oneOf ?? a.equals ?? a.type, a.whenStatus, a.check])).toEqual([
      ['/sync/history/status', ['pending', 'syncing', 'completed', 'rejected'], 202, 'state-prediction'],
      ['/sync/history/canSync', false, 202, 'state-prediction'],
      ['/sync/history/requestedAt', 'string', 202, 'state-prediction'],
      ['/sync/contacts/status', ['completed'], 202, 'state-prediction'],
      ['/sync/status', 'active', 202, 'state-prediction'],
    ]);
  });

  test('for contacts, the other part is history, and an in-flight one may advance by itself', () => {
    const { status, assert } = expectOf('start-sync', 'contacts', read(sync({}, { status: 'syncing', canSync: false }, { status: 'not_requested', canSync: true })));
    expect(status).toBe(202);
    expect(assert.find((a) => a.pointer === '/sync/history/status')?.oneOf).toEqual(['syncing', 'completed', 'rejected']);
    expect(assert.find((a) => a.pointer === '/sync/contacts/status')?.oneOf).toEqual(['pending', 'syncing', 'completed']);
  });

  test('no sync status to predict from is unpredictable, not a guess', () => {
    expect(predictionModels['start-sync']?.predict('history', { status: 404, body: { code: 'not_found' } })).toEqual({ unpredictable: expect.stringMatching(/no sync status \(status 404\)/) });
  });
});

describe('agrees-with-start', () => {
  test('after a 202: the read shows what the 202 showed (or later), with the same requestedAt', () => {
    const started: Observation = { status: 202, body: sync({}, { status: 'pending', canSync: false, requestedAt: '2026-12-02T10:00:00Z' }) };
    const { status, assert } = expectOf('agrees-with-start', 'history', started);
    expect(status).toBe(200);
    expect(assert.find((a) => a.pointer === '/sync/history/status')?.oneOf).toEqual(['pending', 'syncing', 'completed', 'rejected']);
    expect(assert.find((a) => a.pointer === '/sync/history/requestedAt')?.equals).toBe('2026-12-02T10:00:00Z');
  });

  test('after a refused start: nothing changed since the read the start was predicted from', () => {
    const refused: Observation = { status: 400, body: { code: 'bad_request' }, predictedFrom: read(sync()) };
    const { assert } = expectOf('agrees-with-start', 'history', refused);
    expect(assert.find((a) => a.pointer === '/sync/history/status')?.oneOf).toEqual(['not_requested']);
    expect(predictionModels['agrees-with-start']?.predict('history', { status: 400 })).toHaveProperty('unpredictable');
  });
});

describe('resolveExpectation', () => {
  test('a static expectation with a named rule: the rule becomes assertions reported under its id', () => {
    const resolved = resolveExpectation({ status: 200, because: 'b', rules: ['sync-is-coexistence'] }, registry.rules);
    expect(resolved).toEqual({ expect: { status: 200, because: 'b', assert: [{ pointer: '/sync/isCoexistence', equals: true, check: 'sync-is-coexistence', because: expect.any(String), whenStatus: 200 }] } });
  });

  test('a predicted step merges the static status and rules with the model\'s assertions', () => {
    const resolved = resolveExpectation({ status: 200, because: 'readable', rules: ['sync-is-coexistence'], predict: { model: 'agrees-with-start', part: 'history', from: 'start' } }, registry.rules, { status: 400, predictedFrom: read(sync()) });
    if ('unpredictable' in resolved) throw new Error(resolved.unpredictable);
    expect(resolved.expect.status).toBe(200);
    expect(resolved.expect.assert.map((a) => a.check)).toEqual(['sync-is-coexistence', 'state-prediction', 'state-prediction', 'state-prediction']);
  });

  test('a prediction without an observation is unpredictable', () => {
    expect(resolveExpectation({ predict: { model: 'start-sync', part: 'history', from: 'read' } }, [])).toHaveProperty('unpredictable');
  });
});
