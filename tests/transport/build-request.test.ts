import { buildRequest } from '../../src/transport/build-request';
import type { OperationContract, PlannedCase } from '../../src/model';

const operation: OperationContract = { operationId: 'op', method: 'GET', pathTemplate: '/v1/senders/{senderId}/whatsapp-sync', label: 'GET x', responses: [] };
const planned = (senderId: string): PlannedCase => ({
  id: 'c',
  senderId,
  scenario: { id: 'c', family: 'not-found', description: 'd', request: { sender: 'unknown', auth: 'valid' }, expect: { status: 404, because: 'b' } },
});
const target = { baseUrl: 'https://api.example/base', apiKey: 'zv_test_k', unknownKey: 'zv_test_u' };

test('the sender id is one encoded path segment under the base URL prefix', () => {
  expect(buildRequest(planned('a b/c'), operation, target)).toMatchObject({
    url: 'https://api.example/base/v1/senders/a%20b%2Fc/whatsapp-sync',
    path: '/v1/senders/a%20b%2Fc/whatsapp-sync',
    headers: { authorization: 'Bearer zv_test_k' },
  });
});

test('a dot-segment id stays one literal segment instead of climbing the path', () => {
  expect(buildRequest(planned('..'), operation, target).path).toBe('/v1/senders/%2E%2E/whatsapp-sync');
});
