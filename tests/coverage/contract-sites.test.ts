import { coverageContract } from '../../src/coverage/contract-sites';
import { operation, contract } from '../support/shipped-contract';

test('the shipped spec: every documented status, the named 400 examples (told apart by message: they share the code), each enum and optional property with a readable path', () => {
  const get = coverageContract(operation('getWhatsAppSyncStatus'), contract.schemas);
  expect(get.statuses).toEqual(['200', '400', '401', '404']);
  expect(get.errorExamples).toEqual([
    { status: '400', name: 'no_waba', code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' },
    { status: '400', name: 'not_coexistence', code: 'bad_request', message: 'Sync is only available for coexistence accounts' },
  ]);
  expect(get.enums).toEqual([
    { status: '200', path: 'sync.status', definition: 'WhatsAppSyncStatus.status', allowed: ['"pending_verification"', '"pending_registration"', '"active"', '"disconnected"', '"error"'] },
    { status: '200', path: 'sync.history.status', definition: 'WhatsAppSyncHistoryStatus', allowed: ['"not_requested"', '"pending"', '"syncing"', '"completed"', '"rejected"'] },
    { status: '200', path: 'sync.contacts.status', definition: 'WhatsAppSyncContactsStatus', allowed: ['"not_requested"', '"pending"', '"syncing"', '"completed"'] },
  ]);
  expect(get.optional).toEqual([
    { status: '200', path: 'sync.history.requestedAt', nullable: true },
    { status: '200', path: 'sync.history.completedAt', nullable: true },
    { status: '200', path: 'sync.contacts.requestedAt', nullable: true },
    { status: '400', path: 'details', nullable: false },
    { status: '401', path: 'details', nullable: false },
    { status: '404', path: 'details', nullable: false },
  ]);
  const start = coverageContract(operation('startWhatsAppHistorySync'), contract.schemas);
  expect(start.statuses).toEqual(['202', '400', '401', '404']);
  expect(start.errorExamples.map((e) => e.name)).toEqual(['no_waba', 'not_coexistence', 'not_active', 'in_progress', 'rate_limit']);
  // The same enum definitions as the read: coverage counts their values once over both.
  expect(start.enums.map((e) => [e.path, e.definition])).toEqual([
    ['sync.status', 'WhatsAppSyncStatus.status'],
    ['sync.history.status', 'WhatsAppSyncHistoryStatus'],
    ['sync.contacts.status', 'WhatsAppSyncContactsStatus'],
  ]);
});

test('arrays, allOf, a nullable enum and a code no other example shares (matched on the code alone)', () => {
  const schemas = {
    List: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: 'Item.json' } } } },
    Item: { allOf: [{ type: 'object', properties: { kind: { enum: ['a', 'b', null] } } }, { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }] },
    Error: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
  };
  const responses = [
    { status: '200', description: '', mediaTypes: ['application/json'], schemaName: 'List', examples: [] },
    { status: '4XX', description: '', mediaTypes: ['application/json'], schemaName: 'Error', examples: [{ name: 'gone', value: { code: 'gone', message: 'x' } }, { value: { code: 'unnamed' } }] },
  ];
  const sites = coverageContract({ responses }, schemas);
  expect(sites.enums).toEqual([{ status: '200', path: 'items[].kind', definition: 'Item.kind', allowed: ['"a"', '"b"'] }]);
  expect(sites.optional).toEqual([{ status: '200', path: 'items[].kind', nullable: true }]);
  expect(sites.errorExamples).toEqual([{ status: '4XX', name: 'gone', code: 'gone' }]);
});
