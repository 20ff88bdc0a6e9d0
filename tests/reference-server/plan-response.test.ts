import { planResponse, type FaultContext, type ResponseFault } from '../../src/reference-server';

const apiKey = `zv_test_${'cd'.repeat(16)}`;
const config = { apiKey };
const request = { method: 'GET', path: '/v1/senders/snd_coex_active/whatsapp-sync', authorization: `Bearer ${apiKey}` };
const reference = planResponse(request, config);

test('without a fault, or with one returning undefined, the planned response is sent', () => {
  expect(reference.status).toBe(200);
  expect(planResponse(request, config, () => undefined)).toEqual(reference);
});

test('a fault replaces the response', () => {
  const replacement = { status: 418, headers: { 'content-type': 'text/plain' }, body: 'teapot' };
  expect(planResponse(request, config, () => replacement)).toEqual(replacement);
});

test('a fault sees the request, the decoded sender id and the plan', () => {
  const seen: FaultContext[] = [];
  const spy: ResponseFault = (context) => void seen.push(context);
  planResponse({ ...request, path: '/v1/senders/%73nd_coex_active/whatsapp-sync' }, config, spy);
  expect(seen).toEqual([
    {
      ...request,
      path: '/v1/senders/%73nd_coex_active/whatsapp-sync',
      senderId: 'snd_coex_active',
      operationId: 'getWhatsAppSyncStatus',
      before: expect.objectContaining({ status: 'active' }),
      store: expect.anything(),
      authorized: expect.any(Function),
      planned: reference,
    },
  ]);
});

test('the sender id is given even when authentication fails, so faults can model lookup-before-auth', () => {
  const seen: FaultContext[] = [];
  planResponse({ method: 'GET', path: '/v1/senders/snd_x/whatsapp-sync' }, config, (context) => void seen.push(context));
  expect(seen[0]?.senderId).toBe('snd_x');
  expect(seen[0]?.planned.status).toBe(401);
  expect(seen[0] && 'authorization' in seen[0]).toBe(false);
});

test('no sender id for other paths or a malformed escape', () => {
  const ids: Array<string | undefined> = [];
  for (const path of ['/v1/other', '/v1/senders/%zz/whatsapp-sync']) {
    planResponse({ ...request, path }, config, (context) => void ids.push(context.senderId));
  }
  expect(ids).toEqual([undefined, undefined]);
});

test('a fault that mutates its argument cannot change the seeded data', () => {
  planResponse(request, config, (context) => {
    context.planned.headers['content-type'] = 'text/html';
    context.planned.body = '';
    return undefined;
  });
  expect(planResponse(request, config)).toEqual(reference);
});

test('a fault that throws yields a 500 Error', () => {
  const response = planResponse(request, config, () => {
    throw new Error('boom');
  });
  expect(response.status).toBe(500);
  expect(JSON.parse(response.body)).toMatchObject({ code: 'internal_error' });
});
