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
      apiKey,
      store: expect.anything(),
      authorized: expect.any(Function),
      unscoped: expect.any(Function),
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

describe('what a fault sees of a start, and what it may change', () => {
  const start = { method: 'POST', path: '/v1/senders/snd_coex_syncable/whatsapp-sync/history', authorization: `Bearer ${apiKey}` };
  const read = { ...request, path: '/v1/senders/snd_coex_syncable/whatsapp-sync' };
  const syncOf = (planned: { body: string }) => (JSON.parse(planned.body) as { sync: { history: { status: string } } }).sync;

  test('operationId, the state before (a copy), and the store the handler changed', () => {
    const config = { apiKey };
    const seen: FaultContext[] = [];
    planResponse(start, config, (context) => void seen.push(context));
    const [context] = seen;
    expect(context?.operationId).toBe('startWhatsAppHistorySync');
    expect(context?.planned.status).toBe(202);
    expect(context?.before?.history).toEqual({ status: 'not_requested', canSync: true, requestedAt: null, completedAt: null });
    expect(context?.store.get('snd_coex_syncable')).toMatchObject({ sync: { history: { status: 'pending' } } });
    // Mutating `before` is not a way into the store.
    if (context?.before !== undefined) context.before.status = 'error';
    expect(syncOf(planResponse(read, config)).history.status).toBe('pending');
  });

  test('a fault that restores `before` makes a 202 that changed nothing', () => {
    const config = { apiKey };
    const undo: ResponseFault = (context) => {
      if (context.planned.status === 202 && context.senderId !== undefined && context.before !== undefined) context.store.setSync(context.senderId, context.before);
      return undefined;
    };
    expect(planResponse(start, config, undo).status).toBe(202);
    expect(syncOf(planResponse(read, config)).history.status).toBe('not_requested');
    expect(planResponse(start, config).status).toBe(202);
  });

  test('no `before` for a sender that is not coexistence or not known; no operationId off the table', () => {
    const seen: FaultContext[] = [];
    const spy: ResponseFault = (context) => void seen.push(context);
    for (const id of ['snd_sms_no_waba', 'snd_waba_cloud_api', 'snd_nobody']) planResponse({ ...start, path: `/v1/senders/${id}/whatsapp-sync/history` }, config, spy);
    planResponse({ ...start, path: '/v1/senders/snd_coex_syncable/other' }, config, spy);
    expect(seen.map((context) => 'before' in context)).toEqual([false, false, false, false]);
    expect(seen.map((context) => context.operationId)).toEqual(['startWhatsAppHistorySync', 'startWhatsAppHistorySync', 'startWhatsAppHistorySync', undefined]);
  });

  test('authorized() on a refused start runs it as if authenticated: only then does the state change', () => {
    const config = { apiKey };
    const anonymous = { method: start.method, path: start.path };
    expect(planResponse(anonymous, config, () => undefined).status).toBe(401);
    expect(syncOf(planResponse(read, config)).history.status).toBe('not_requested');
    const served = planResponse(anonymous, config, (context) => context.authorized());
    expect(served.status).toBe(202);
    expect(JSON.parse(served.body)).toMatchObject({ message: 'History sync initiated' });
    expect(syncOf(planResponse(read, config)).history.status).toBe('pending');
  });

  test('authorized() on an authenticated request is its own answer: the handler does not run twice', () => {
    const config = { apiKey };
    const served = planResponse(start, config, (context) => context.authorized());
    expect(served.status).toBe(202);
    expect(JSON.parse(planResponse(start, config).body)).toMatchObject({ message: 'History sync is already in progress' });
  });
});
