import type { HttpResponse, OperationContract } from '../../src/model';
import { coverageContract } from '../../src/coverage/contract-sites';
import { caseCoverage } from '../../src/coverage/case-coverage';
import { observeExchange, valuesAt } from '../../src/coverage/observe-exchange';
import { operation, contract } from '../support/shipped-contract';

const get: OperationContract = { ...operation('getWhatsAppSyncStatus'), coverage: coverageContract(operation('getWhatsAppSyncStatus'), contract.schemas) };

function answer(status: number, body: unknown, extra: Partial<HttpResponse> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, bodyText: typeof body === 'string' ? body : JSON.stringify(body), ...extra };
}

const sync = (status: string, history: Record<string, unknown>) => ({ sync: { isCoexistence: true, status, history: { canSync: false, ...history }, contacts: { status: 'pending', canSync: false } } });

test('a 200: the enum values it carries, and each optional property present, absent or null', () => {
  const seen = observeExchange(answer(200, sync('active', { status: 'completed', requestedAt: '2026-01-01T00:00:00Z', completedAt: null })), get);
  expect(seen).toEqual({
    operationId: 'getWhatsAppSyncStatus',
    exchanges: 1,
    statuses: ['200'],
    examples: [],
    enums: { '200 sync.status': ['"active"'], '200 sync.history.status': ['"completed"'], '200 sync.contacts.status': ['"pending"'] },
    optional: {
      '200 sync.history.requestedAt': { present: 1, absent: 0, null: 0 },
      '200 sync.history.completedAt': { present: 0, absent: 0, null: 1 },
      '200 sync.contacts.requestedAt': { present: 0, absent: 1, null: 0 },
    },
  });
});

test('a value outside an enum is counted, never stored: a hostile string does not reach the observation', () => {
  const hostile = '<script>alert(1)</script>'.repeat(1000);
  const seen = observeExchange(answer(200, sync(hostile, { status: 42 })), get);
  expect(seen.outside).toEqual({ '200 sync.status': 1, '200 sync.history.status': 1 });
  expect(seen.enums).toEqual({ '200 sync.contacts.status': ['"pending"'] });
  expect(JSON.stringify(seen)).not.toContain('script');
});

test('error examples match on code and message where the code is shared; an undocumented status and a body no check walked are only counted', () => {
  const noWaba = answer(400, { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' });
  const reworded = answer(400, { code: 'bad_request', message: 'No WABA' });
  expect(observeExchange(noWaba, get).examples).toEqual(['400 no_waba']);
  expect(observeExchange(reworded, get).examples).toEqual([]);
  // The limit's message with the time left is the documented example: the check passes it, and coverage counts it.
  const start: OperationContract = { ...operation('startWhatsAppHistorySync'), coverage: coverageContract(operation('startWhatsAppHistorySync'), contract.schemas) };
  expect(observeExchange(answer(400, { code: 'bad_request', message: 'Sync limit reached. Please wait 3 hours before trying again.' }), start).examples).toEqual(['400 rate_limit']);
  expect(observeExchange(answer(503, { code: 'down' }), get)).toMatchObject({ exchanges: 1, statuses: [], undocumented: 1 });
  const deep = answer(200, '['.repeat(5000) + ']'.repeat(5000));
  expect(observeExchange(deep, get)).toMatchObject({ exchanges: 1, statuses: ['200'], unwalked: 1, enums: {} });
  const cut = answer(200, JSON.stringify(sync('active', { status: 'completed' })), { truncated: { limitBytes: 10, receivedBytes: 11, crossed: 'received' } });
  expect(observeExchange(cut, get)).toMatchObject({ unwalked: 1, enums: {} });
});

test('an example told apart by its message is covered by that message under a code of the server\'s own, as error-message-documented passes it', () => {
  // The Error schema's code is any string (its own example invalid_request): a server that says
  // no_waba in place of the examples' shared bad_request gives the documented refusal, and covers it.
  const ownCode = answer(400, { code: 'no_waba', message: 'Sender does not have a WhatsApp Business Account connected' });
  expect(observeExchange(ownCode, get).examples).toEqual(['400 no_waba']);
  // Its own code with another wording is another reason: not covered.
  expect(observeExchange(answer(400, { code: 'no_waba', message: 'No WABA' }), get).examples).toEqual([]);
  // A code that is no string is no Error: not covered, whatever its message.
  expect(observeExchange(answer(400, { code: 7, message: 'Sender does not have a WhatsApp Business Account connected' }), get).examples).toEqual([]);
});

test('no response (transport error) shows nothing; a case merges its steps per operation', () => {
  expect(caseCoverage([{ operation: get, response: undefined }])).toEqual({});
  const both = caseCoverage([
    { operation: get, response: answer(200, sync('active', { status: 'completed' })) },
    { operation: get, response: answer(200, sync('error', { status: 'completed', requestedAt: null })) },
  ]);
  expect(both.coverage).toHaveLength(1);
  expect(both.coverage?.[0]).toMatchObject({ exchanges: 2, enums: { '200 sync.status': ['"active"', '"error"'] }, optional: { '200 sync.history.requestedAt': { present: 0, absent: 1, null: 1 } } });
});

test('valuesAt reads every item of an array', () => {
  expect(valuesAt({ a: [{ b: 1 }, { b: 2 }, {}] }, 'a[].b')).toEqual([1, 2]);
  expect(valuesAt({ a: 1 }, 'x.y')).toEqual([]);
});

test('--repeat: the combined result carries the union of every repeat\'s coverage', () => {
  const { combineAttempts } = require('../../src/repeat/combine-attempts') as typeof import('../../src/repeat/combine-attempts');
  const base = { id: 'getWhatsAppSyncStatus/x', operationId: 'getWhatsAppSyncStatus', operation: get.label, scenario: 'x', family: 'f', description: 'd', status: 'passed' as const, durationMs: 1, violations: [] };
  const first = { ...base, ...caseCoverage([{ operation: get, response: answer(200, sync('active', { status: 'completed' })) }]) };
  const second = { ...base, ...caseCoverage([{ operation: get, response: answer(200, sync('disconnected', { status: 'completed' })) }]) };
  expect(combineAttempts([first, second]).coverage?.[0]).toMatchObject({ exchanges: 2, enums: { '200 sync.status': ['"active"', '"disconnected"'] } });
});
