/**
 * One ResolvedExpectation per step: the row's static status, its named rules turned into
 * assertions reported under the rule's id, its inline assertions, and what a model predicted from
 * the step it names, merged in that order.
 */
import type { RuleDefinition } from '../../src/model';
import type { Observation } from '../../src/model-based/prediction-models';
import { resolveExpectation } from '../../src/model-based/resolve-expectation';
import { answerForm } from '../../src/text/answer-form';
import { registry } from '../support/shipped-contract';

const syncable = { isCoexistence: true, status: 'active', history: { status: 'not_requested', canSync: true, requestedAt: null }, contacts: { status: 'not_requested', canSync: true, requestedAt: null } };
const readBefore: Observation = { status: 200, body: { sync: syncable } };

const rules: RuleDefinition[] = [
  { id: 'is-coexistence', description: 'd', whenStatus: 200, assert: [{ pointer: '/sync/isCoexistence', equals: true }], because: 'the sender is a coexistence sender' },
  // No whenStatus: asserted on whatever status the expectation expects.
  { id: 'has-code', description: 'd', assert: [{ pointer: '/code', type: 'string' }, { pointer: '/message', present: true }], because: 'errors carry a code and a message' },
];

function resolved(...args: Parameters<typeof resolveExpectation>) {
  const result = resolveExpectation(...args);
  if ('unpredictable' in result) throw new Error(`unpredictable: ${result.unpredictable}`);
  return result.expect;
}

describe('a static expectation', () => {
  test('is passed through, with no assertions and no keys it does not have', () => {
    expect(resolveExpectation({ status: 404, because: 'the sender does not exist' }, rules)).toEqual({ expect: { status: 404, because: 'the sender does not exist', assert: [] } });
  });

  test('keeps alsoAccept, warnOn and examples', () => {
    expect(resolved({ status: 404, because: 'b', alsoAccept: [400], warnOn: [414, 431], examples: ['not_found'] }, rules)).toEqual({ status: 404, because: 'b', alsoAccept: [400], warnOn: [414, 431], examples: ['not_found'], assert: [] });
  });

  test('inline assertions are reported as "body-assertion", for the expected status only', () => {
    expect(resolved({ status: 200, because: 'b', assert: [{ pointer: '/sync/status', equals: 'active' }] }, rules).assert).toEqual([{ pointer: '/sync/status', equals: 'active', check: 'body-assertion', because: 'the scenario asserts it' }]);
  });

  test('with neither a status nor a model: unpredictable, not a guess', () => {
    expect(resolveExpectation({ because: 'b' }, rules)).toEqual({ unpredictable: 'the expectation names neither a status nor a model' });
  });
});

describe('named rules', () => {
  test('each assertion of the rule, reported under the rule\'s id with its reason and status', () => {
    expect(resolved({ status: 200, because: 'b', rules: ['is-coexistence'] }, rules).assert).toEqual([
      { pointer: '/sync/isCoexistence', equals: true, check: 'is-coexistence', because: 'the sender is a coexistence sender', whenStatus: 200 },
    ]);
  });

  test('a rule without a status applies to the expected one; rules come in the order named, before inline assertions', () => {
    const { assert } = resolved({ status: 400, because: 'b', rules: ['has-code', 'is-coexistence'], assert: [{ pointer: '/code', equals: 'bad_request' }] }, rules);
    expect(assert.map((a) => [a.check, a.pointer, a.whenStatus])).toEqual([
      ['has-code', '/code', undefined],
      ['has-code', '/message', undefined],
      ['is-coexistence', '/sync/isCoexistence', 200],
      ['body-assertion', '/code', undefined],
    ]);
    expect(assert[0]).not.toHaveProperty('whenStatus');
  });

  test('the shipped rule', () => {
    expect(resolved({ status: 200, because: 'b', rules: ['sync-is-coexistence'] }, registry.rules).assert).toEqual([
      { pointer: '/sync/isCoexistence', equals: true, check: 'sync-is-coexistence', because: registry.rules[0]?.because, whenStatus: 200 },
    ]);
  });
});

describe('a predicted step', () => {
  test('alone: the model\'s status, reason and assertions', () => {
    const expected = resolved({ predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules, readBefore);
    expect(expected.status).toBe(202);
    expect(expected.because).toMatch(/active/);
    expect(expected.assert.map((a) => a.pointer)).toEqual(['/sync/history/status', '/sync/history/canSync', '/sync/history/requestedAt', '/sync/history/requestedAt', '/sync/history/requestedAt', '/sync/isCoexistence', '/sync/history/completedAt', '/sync/contacts/status', '/sync/contacts/requestedAt', '/sync/status']);
    expect(new Set(expected.assert.map((a) => a.check))).toEqual(new Set(['state-prediction']));
  });

  test('a refusal brings the model\'s documented examples', () => {
    const notActive: Observation = { status: 200, body: { sync: { ...syncable, status: 'error' } } };
    expect(resolved({ predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules, notActive)).toMatchObject({ status: 400, examples: ['not_active', 'rate_limit'] });
  });

  test('merged with a static status, reason and rules: those win, the model\'s assertions follow the rules\'', () => {
    const refused: Observation = { status: 400, body: { code: 'bad_request' }, predictedFrom: readBefore };
    const expected = resolved({ status: 200, because: 'a start does not end the sync status', rules: ['is-coexistence'], predict: { model: 'agrees-with-start', part: 'history', from: 'start' } }, rules, refused);
    expect(expected.status).toBe(200);
    expect(expected.because).toBe('a start does not end the sync status');
    expect(expected.assert.map((a) => [a.check, a.pointer])).toEqual([
      ['is-coexistence', '/sync/isCoexistence'],
      ['state-prediction', '/sync/history/status'],
      ['state-prediction', '/sync/history/canSync'],
      ['state-prediction', '/sync/contacts/canSync'],
      ['state-prediction', '/sync/history/requestedAt'],
      ['state-prediction', '/sync/contacts/status'],
      ['state-prediction', '/sync/contacts/requestedAt'],
      ['state-prediction', '/sync/status'],
    ]);
  });

  test('a static status overrides the predicted one, and static examples the model\'s', () => {
    const expected = resolved({ status: 409, because: 'b', predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules, readBefore);
    expect(expected.status).toBe(409);
    const notActive: Observation = { status: 200, body: { sync: { ...syncable, status: 'error' } } };
    expect(resolved({ examples: ['rate_limit'], predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules, notActive).examples).toEqual(['rate_limit']);
  });

  test('the model\'s examples say they are all the state read before allows; a scenario\'s own list says nothing of the state', () => {
    const notActive: Observation = { status: 200, body: { sync: { ...syncable, status: 'error' } } };
    expect(resolved({ predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules, notActive).examplesFromState).toBe(true);
    expect(resolved({ examples: ['rate_limit'], predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules, notActive).examplesFromState).toBeUndefined();
    expect(resolved({ status: 400, because: 'b', examples: ['no_waba'] }, rules).examplesFromState).toBeUndefined();
  });

  test('the part the row names is the one predicted', () => {
    const contacts = resolved({ predict: { model: 'start-sync', part: 'contacts', from: 'read-before' } }, rules, readBefore);
    expect(contacts.assert.map((a) => a.pointer).slice(0, 3)).toEqual(['/sync/contacts/status', '/sync/contacts/canSync', '/sync/contacts/requestedAt']);
  });

  test('without the observation it names: unpredictable, naming the step', () => {
    expect(resolveExpectation({ predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules)).toEqual({ unpredictable: 'no observation to predict from (read-before)' });
  });

  test('the model\'s own "unpredictable" is passed on', () => {
    expect(resolveExpectation({ status: 200, because: 'b', predict: { model: 'start-sync', part: 'history', from: 'read-before' } }, rules, { status: 500 })).toEqual({ unpredictable: 'the step it is predicted from saw no sync status (status 500)' });
  });
});

describe('a model whose status is its point (answers-as-unknown)', () => {
  const asUnknown = { predict: { model: 'answers-as-unknown', from: 'unknown-id' } };
  const path = '/v1/senders/snd_zvc_unknown_1/whatsapp-sync';

  test('its status wins over the statuses stated beside it, which would let another answer through', () => {
    const expected = resolved({ ...asUnknown, status: 404, alsoAccept: [403], warnOn: [414], anyClientError: true }, rules, { status: 403, body: { code: 'forbidden', message: 'Forbidden' }, path });
    expect(expected.status).toBe(403);
    expect(expected).not.toHaveProperty('alsoAccept');
    expect(expected).not.toHaveProperty('warnOn');
    expect(expected).not.toHaveProperty('anyClientError');
  });

  test("a 401's challenge is carried to the check that compares it (auth-challenge)", () => {
    const expected = resolved(asUnknown, rules, { status: 401, body: { code: 'unauthorized', message: 'Unauthorized' }, path, challenge: 'Bearer realm="zavu"' });
    expect(expected.sameChallenge).toEqual(expect.any(String));
    expect(expected.sameChallenge).toContain('realm');
  });

  // A path spelled otherwise (trailing slash, doubled slash) takes any 4xx: an edge's JSON 403 to the
  // unknown id passed there as no answer of the contract, so the same 403 to the sender is none either.
  test("a status its row takes only as any 4xx is no answer of the contract, and is still compared", () => {
    const oddPath = { ...asUnknown, status: 401, anyClientError: true, redirectToSame: true, because: 'b' };
    const edge = resolved(oddPath, rules, { status: 403, body: { code: 'forbidden', message: 'Path not allowed' }, path });
    expect(edge.status).toBe(403);
    expect(edge.routerAnswer).toBe(true);
    expect(edge.assert.map((a) => a.pointer)).toEqual(expect.arrayContaining(['/code', '', '/message']));
    // The status the row states, or one it also accepts, is the contract's answer: judged in full.
    expect(resolved(oddPath, rules, { status: 401, body: { code: 'unauthorized', message: 'Unauthorized' }, path })).not.toHaveProperty('routerAnswer');
    expect(resolved({ ...oddPath, alsoAccept: [404] }, rules, { status: 404, body: { code: 'not_found', message: 'Sender not found' }, path })).not.toHaveProperty('routerAnswer');
    // A row that takes no 4xx but its own leaves the bound status judged as the contract's.
    expect(resolved({ ...asUnknown, status: 401, because: 'b' }, rules, { status: 403, body: { code: 'forbidden', message: 'Forbidden' }, path })).not.toHaveProperty('routerAnswer');
  });

  // Judged as no answer of the contract, the status no longer fails by itself (403 is undocumented):
  // the two answers' words are all that tells the sender apart, so another code or message is no
  // mere warning there ("belongs to another project" against an edge's "Path not allowed").
  test('a status its row takes only as any 4xx compares the code and words as errors', () => {
    const oddPath = { ...asUnknown, status: 401, anyClientError: true, because: 'b' };
    const edge = resolved(oddPath, rules, { status: 403, body: { code: 'forbidden', message: 'Path not allowed' }, path });
    const compared = edge.assert.filter((a) => a.pointer === '/code' || a.pointer === '/message');
    expect(compared.map((a) => a.pointer)).toEqual(['/code', '/message']);
    expect(compared.filter((a) => a.severity !== undefined || a.errorWhen !== undefined)).toEqual([]);
    // Where the status is the contract's (stated, or judged in full), an id's own code stays a warning.
    const stated = resolved({ ...oddPath, status: 403 }, rules, { status: 403, body: { code: 'forbidden', message: 'Path not allowed' }, path });
    expect(stated.assert.find((a) => a.pointer === '/code')?.severity).toBe('warning');
    // A 5xx to both is no refusal of a path spelled otherwise: judged in full, its words as the model has them.
    const failing = resolved(oddPath, rules, { status: 502, body: { code: 'bad_gateway', message: 'Upstream failed' }, path });
    expect(failing).not.toHaveProperty('routerAnswer');
    expect(failing.assert.find((a) => a.pointer === '/code')?.severity).toBe('warning');
  });

  // A route that refuses ids of another shape answers the unknown id with its framework's page
  // however the path is spelt: a form apart stays a warning even where the words become errors.
  test('a status its row takes only as any 4xx keeps the form a warning', () => {
    const oddPath = { ...asUnknown, status: 401, anyClientError: true, because: 'b' };
    const form = answerForm('application/json', '{}', { code: 'forbidden', message: 'Path not allowed' });
    const edge = resolved(oddPath, rules, { status: 403, body: { code: 'forbidden', message: 'Path not allowed' }, path, form });
    expect(edge.assert.filter((a) => a.sameForm !== undefined).map((a) => [a.sameForm?.key, a.severity])).toEqual([['contract-error', 'warning']]);
    const page = answerForm('text/html', '<html></html>', undefined);
    const routed = resolved(oddPath, rules, { status: 403, body: undefined, path, form: page });
    expect(routed.assert.map((a) => [a.sameForm?.key, a.severity])).toEqual([['text/html', 'warning']]);
  });

  test("a router's answer is marked so, for the checks that leave its body alone", () => {
    expect(resolved(asUnknown, rules, { status: 404, body: 'Not Found', path }).routerAnswer).toBe(true);
    expect(resolved(asUnknown, rules, { status: 404, body: { code: 'not_found', message: 'Sender not found' }, path })).not.toHaveProperty('routerAnswer');
  });
});
