import { bodyAssertionsCheck } from '../../src/checks/body-assertions';
import type { ResolvedAssertion } from '../../src/model';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const rule = (assertion: Partial<ResolvedAssertion> & { pointer: string }): ResolvedAssertion => ({ check: 'sync-is-coexistence', because: 'the sender is one', ...assertion });
const run = (body: unknown, assert: ResolvedAssertion[], status = 200) => bodyAssertionsCheck.run(exchange(jsonResponse(status, body)), context({ status: 200, assert }));

test('holds: equals, oneOf, present, type', () => {
  expect(run(syncBody, [rule({ pointer: '/sync/isCoexistence', equals: true }), rule({ pointer: '/sync/status', oneOf: ['active', 'error'] }), rule({ pointer: '/sync/history', present: true }), rule({ pointer: '/sync/contacts/requestedAt', type: 'null' })])).toEqual([]);
});

test('a breach names the rule as its check, the pointer, what was received and what the rule wanted', () => {
  const body = { sync: { ...syncBody.sync, isCoexistence: false } };
  expect(run(body, [rule({ pointer: '/sync/isCoexistence', equals: true })])).toEqual([
    { check: 'sync-is-coexistence', severity: 'error', title: '/sync/isCoexistence is not true', message: 'Received: false / Expected: true (the sender is one)', instancePath: '/sync/isCoexistence' },
  ]);
  const [missing] = run({ sync: {} }, [rule({ pointer: '/sync/history/status', oneOf: ['pending', 'syncing'], check: 'state-prediction' })]);
  expect(missing).toMatchObject({ check: 'state-prediction', message: 'Received: nothing there / Expected: one of "pending", "syncing" (the sender is one)' });
  expect(run(syncBody, [rule({ pointer: '/sync/history/requestedAt', type: 'number' })])[0]?.message).toMatch(/Expected: a number/);
  expect(run(syncBody, [rule({ pointer: '/sync/history', present: false })])[0]?.title).toBe('/sync/history is not absent');
});

test('only for the status the assertion is about, and only on a JSON body', () => {
  const body = { sync: { ...syncBody.sync, isCoexistence: false } };
  expect(run(body, [rule({ pointer: '/sync/isCoexistence', equals: true })], 400)).toEqual([]);
  expect(run(body, [rule({ pointer: '/sync/isCoexistence', equals: true, whenStatus: 202 })])).toEqual([]);
  expect(run(body, [rule({ pointer: '/sync/isCoexistence', equals: true, whenStatus: 400 })], 400)).toHaveLength(1);
  expect(bodyAssertionsCheck.run(exchange(response(200, 'not json')), context({ assert: [rule({ pointer: '/x', present: true })] }))).toEqual([]);
});
