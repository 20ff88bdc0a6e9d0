/** The route table against the spec, path matching, and what every route does before its handler runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { handleRequest, ROUTES, type HandlerConfig } from '../../src/reference-server';
import { decodeSegment, matchRoutes, methodsOf } from '../../src/reference-server/route';
import { schemaErrors } from './spec-schemas';

const apiKey = `zv_test_${'9e'.repeat(16)}`;
const bearer = `Bearer ${apiKey}`;
const config = (): HandlerConfig => ({ apiKey });
const spec = parse(readFileSync(join(__dirname, '..', '..', 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const specOperations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ operationId: operation.operationId, method: method.toUpperCase(), pathTemplate: path })),
);
const pathOf = (template: string, senderId: string): string => template.replace('{senderId}', senderId);

test('the table has exactly one row per operation of the spec, with its method and path', () => {
  expect(specOperations).toHaveLength(3);
  const rows = ROUTES.map(({ operationId, method, pathTemplate }) => ({ operationId, method, pathTemplate }));
  expect(rows).toEqual(expect.arrayContaining(specOperations));
  expect(rows).toHaveLength(specOperations.length);
});

test('paths are matched still encoded, with the query ignored', () => {
  expect(matchRoutes('/v1/senders/snd%5Fa/whatsapp-sync/history?x=1')).toEqual({
    routes: [expect.objectContaining({ operationId: 'startWhatsAppHistorySync' })],
    rawSenderId: 'snd%5Fa',
  });
  for (const other of ['/v1/senders/a/whatsapp-sync/history/', '/v1/senders//whatsapp-sync/contacts', '/v1/senders/a/whatsapp-sync/other', '/v1/senders/a/b/whatsapp-sync']) {
    expect(matchRoutes(other)).toBeUndefined();
  }
  expect(decodeSegment('snd%5Fa')).toBe('snd_a');
  expect(decodeSegment('%zz')).toBeUndefined();
});

test('a GET route also answers HEAD; a POST route only POST', () => {
  expect(ROUTES.map((route) => [route.operationId, methodsOf(route)])).toEqual([
    ['getWhatsAppSyncStatus', ['GET', 'HEAD']],
    ['startWhatsAppHistorySync', ['POST']],
    ['startWhatsAppContactsSync', ['POST']],
  ]);
});

describe.each(ROUTES.map((route) => [route.operationId, route] as const))('%s', (operationId, route) => {
  const wrongMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'post'].filter((method) => !methodsOf(route).includes(method));
  const allow = methodsOf(route).join(', ');

  test.each(wrongMethods)('%s is 405 with Allow and an Error body, before authentication', (method) => {
    const { planned, operationId: matched } = handleRequest({ method, path: pathOf(route.pathTemplate, 'snd_coex_syncable') }, config());
    expect(planned.status).toBe(405);
    expect(planned.headers['allow']).toBe(allow);
    expect(JSON.parse(planned.body)).toMatchObject({ code: 'method_not_allowed' });
    expect(schemaErrors('Error', JSON.parse(planned.body))).toEqual([]);
    // No route matched the method, so no operation is named.
    expect(matched).toBeUndefined();
  });

  test('the matched request names its operation', () => {
    const method = methodsOf(route)[0] ?? '';
    expect(handleRequest({ method, path: pathOf(route.pathTemplate, 'snd_nobody') }, config()).operationId).toBe(operationId);
  });

  test.each(['bad%zz', '%', '%E0%A4'])('a malformed escape (%s) is 401 without credentials, 400 invalid_request with them', (raw) => {
    const method = methodsOf(route)[0] ?? '';
    const path = pathOf(route.pathTemplate, raw);
    expect(handleRequest({ method, path }, config()).planned.status).toBe(401);
    const { planned } = handleRequest({ method, path, authorization: bearer }, config());
    expect(planned.status).toBe(400);
    expect(JSON.parse(planned.body)).toMatchObject({ code: 'invalid_request' });
  });

  test('without credentials every sender gets the same 401: no id enumeration', () => {
    const method = methodsOf(route)[0] ?? '';
    const answers = ['snd_coex_syncable', 'snd_sms_no_waba', 'snd_waba_cloud_api', 'snd_nobody'].map(
      (id) => handleRequest({ method, path: pathOf(route.pathTemplate, id), authorization: 'Bearer zv_test_wrong' }, config()).planned,
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]?.status).toBe(401);
  });
});

test('an unknown path is 404 not_found whatever the method, and names no operation', () => {
  for (const method of ['GET', 'POST']) {
    const handled = handleRequest({ method, path: '/v1/senders/snd_coex_syncable/whatsapp-sync/other', authorization: bearer }, config());
    expect(handled.planned.status).toBe(404);
    expect(JSON.parse(handled.planned.body)).toMatchObject({ code: 'not_found' });
    expect(handled.operationId).toBeUndefined();
  }
});
