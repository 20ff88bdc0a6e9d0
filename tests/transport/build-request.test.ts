import { buildRequest } from '../../src/transport/build-request';
import type { OperationContract } from '../../src/model';

const operation: OperationContract = { operationId: 'op', method: 'GET', pathTemplate: '/v1/senders/{senderId}/whatsapp-sync', pathParameters: ['senderId'], writes: false, label: 'GET x', responses: [] };
const target = { baseUrl: 'https://api.example/base', apiKey: 'zv_test_k', unknownKey: 'zv_test_u' };

test('the sender id is one encoded path segment under the base URL prefix', () => {
  expect(buildRequest(operation, { senderId: 'a b/c' }, 'valid', target)).toMatchObject({
    method: 'GET',
    url: 'https://api.example/base/v1/senders/a%20b%2Fc/whatsapp-sync',
    path: '/v1/senders/a%20b%2Fc/whatsapp-sync',
    headers: { authorization: 'Bearer zv_test_k' },
  });
});

test('a dot-segment id stays one literal segment instead of climbing the path', () => {
  expect(buildRequest(operation, { senderId: '..' }, 'valid', target).path).toBe('/v1/senders/%2E%2E/whatsapp-sync');
});

test("the operation's method and every path parameter; no value for one is a bug, not a request", () => {
  const post: OperationContract = { ...operation, method: 'POST', pathTemplate: '/v1/{a}/x/{b}', pathParameters: ['a', 'b'], writes: true };
  expect(buildRequest(post, { a: '1', b: '$&' }, 'none', target)).toMatchObject({ method: 'POST', path: '/v1/1/x/%24%26', headers: { accept: 'application/json' } });
  expect(buildRequest(post, { a: '1', b: '2' }, 'none', target).headers['authorization']).toBeUndefined();
  expect(() => buildRequest(post, { a: '1' }, 'valid', target)).toThrow('no value for {b}');
});
