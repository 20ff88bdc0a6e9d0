/**
 * The named rules the suite ships (operations/rules.json), each resolved as a row that names it and
 * judged by body-assertion on a body that breaks it. Every assertion of every rule has a body here
 * that only it catches: a rule skipped, dropped from the file or loosened (a state left out of its
 * condition, a tolerance widened, equals relaxed to a type) fails this test, not only a slow
 * end-to-end run. A body that keeps every rule passes all of them.
 */
import { bodyAssertionsCheck } from '../../src/checks/body-assertions';
import type { Violation } from '../../src/model';
import { resolveExpectation } from '../../src/model-based/resolve-expectation';
import { registry } from '../support/shipped-contract';
import { context, exchange, jsonResponse } from '../checks/support/exchange-factory';

/** The exchange factory sends at 2026-01-01T00:00:00Z; the answer's Date says the same. */
const DATE = 'Thu, 01 Jan 2026 00:00:00 GMT';
const BEFORE = '2025-12-31T10:00:00Z';

const conformant = {
  isCoexistence: true,
  status: 'active',
  history: { status: 'completed', canSync: false, requestedAt: BEFORE, completedAt: '2025-12-31T10:05:00Z' },
  contacts: { status: 'not_requested', canSync: true, requestedAt: null },
};
type Sync = typeof conformant;
type Part = Record<string, unknown>;
const sync = (change: { isCoexistence?: boolean; status?: string; history?: Part; contacts?: Part }): Record<string, unknown> => ({
  ...conformant,
  ...change,
  history: { ...conformant.history, ...change.history },
  contacts: { ...conformant.contacts, ...change.contacts },
});

/** What the named rule finds in a 200 whose body is `{ sync }`. */
function breaches(rule: string, body: Record<string, unknown> | Sync): Violation[] {
  const resolved = resolveExpectation({ status: 200, because: 'a read of a coexistence sender', rules: [rule] }, registry.rules);
  if ('unpredictable' in resolved) throw new Error(resolved.unpredictable);
  return bodyAssertionsCheck.run(exchange(jsonResponse(200, { sync: body }, { date: DATE })), context({ assert: resolved.expect.assert }));
}

/** Per rule, bodies that break it and the pointers it names (each assertion of the rule at least once). */
const BROKEN: Record<string, [string, Record<string, unknown>, string[]][]> = {
  'sync-is-coexistence': [['isCoexistence false', sync({ isCoexistence: false }), ['/sync/isCoexistence']]],
  'in-flight-not-startable': [
    ['history pending, startable', sync({ history: { status: 'pending', canSync: true, requestedAt: '2025-12-31T23:59:00Z', completedAt: null } }), ['/sync/history/canSync']],
    ['history syncing, startable', sync({ history: { status: 'syncing', canSync: true, requestedAt: '2025-12-31T23:59:00Z', completedAt: null } }), ['/sync/history/canSync']],
    ['contacts pending, startable', sync({ contacts: { status: 'pending', canSync: true, requestedAt: '2025-12-31T23:59:00Z' } }), ['/sync/contacts/canSync']],
    ['contacts syncing, startable', sync({ contacts: { status: 'syncing', canSync: true, requestedAt: '2025-12-31T23:59:00Z' } }), ['/sync/contacts/canSync']],
  ],
  'inactive-not-startable': ['pending_verification', 'pending_registration', 'disconnected', 'error'].map((status) => [
    `account ${status}, both startable`,
    sync({ status, history: { canSync: true } }),
    ['/sync/history/canSync', '/sync/contacts/canSync'],
  ]),
  'not-requested-has-no-times': [
    ['parts never requested, with times', sync({ history: { status: 'not_requested', canSync: true }, contacts: { requestedAt: BEFORE } }), ['/sync/history/requestedAt', '/sync/history/completedAt', '/sync/contacts/requestedAt']],
  ],
  'requested-has-times': [
    ['a completed history with null times, contacts pending with null', sync({ history: { requestedAt: null, completedAt: null }, contacts: { status: 'pending', canSync: false, requestedAt: null } }), ['/sync/history/requestedAt', '/sync/history/completedAt', '/sync/contacts/requestedAt']],
    ['history syncing with a null request time', sync({ history: { status: 'syncing', requestedAt: null, completedAt: null } }), ['/sync/history/requestedAt']],
  ],
  'times-not-ahead': [
    // Two hours ahead of the answer's own Date: past the 15 minutes' grace, under any zone's offset.
    ['times two hours ahead of the answer', sync({ history: { requestedAt: '2026-01-01T02:00:00Z', completedAt: '2026-01-01T02:05:00Z' }, contacts: { status: 'completed', canSync: true, requestedAt: '2026-01-01T02:00:00Z' } }), ['/sync/history/requestedAt', '/sync/history/completedAt', '/sync/contacts/requestedAt']],
    ['a history completed two hours before it was requested', sync({ history: { completedAt: '2025-12-31T08:00:00Z' } }), ['/sync/history/completedAt']],
    ['a history in flight completed two hours after its last request', sync({ history: { status: 'syncing', completedAt: '2025-12-31T12:00:00Z' } }), ['/sync/history/completedAt']],
  ],
};

/**
 * The rules whose breach is a warning: what the contract's words suggest and its schema does not
 * require (requestedAt and completedAt are nullable, with no condition on the part's status).
 */
const WARNING_RULES = ['requested-has-times'];

describe('the shipped named rules', () => {
  test('every rule of operations/rules.json has bodies here that break it', () => {
    expect(Object.keys(BROKEN).sort()).toEqual(registry.rules.map((rule) => rule.id).sort());
  });

  test('a body that keeps them passes every one', () => {
    for (const rule of registry.rules) expect(breaches(rule.id, conformant)).toEqual([]);
  });

  describe.each(Object.entries(BROKEN))('%s', (rule, cases) => {
    const severity = WARNING_RULES.includes(rule) ? 'warning' : 'error';
    test.each(cases)(`%s: ${severity === 'error' ? 'an error' : 'a warning'} at each pointer, under the rule's id`, (_name, body, pointers) => {
      const found = breaches(rule, body);
      expect(found.map((v) => v.instancePath)).toEqual(pointers);
      for (const v of found) expect(v).toMatchObject({ check: rule, severity });
    });
  });
});
