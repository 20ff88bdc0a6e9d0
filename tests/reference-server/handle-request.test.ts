import type { SenderStore } from '../../src/reference-server';
import { handleRequest, JSON_CONTENT_TYPE, NO_WABA_MESSAGE, NOT_COEXISTENCE_MESSAGE } from '../../src/reference-server';
import type { PlannedResponse } from '../../src/reference-server';
import { schemaErrors } from './spec-schemas';

const apiKey = `zv_test_${'ab'.repeat(16)}`;
const bearer = `Bearer ${apiKey}`;
const path = (id: string): string => `/v1/senders/${id}/whatsapp-sync`;

function call(method: string, requestPath: string, authorization?: string): PlannedResponse {
  const request = authorization === undefined ? { method, path: requestPath } : { method, path: requestPath, authorization };
  return handleRequest(request, { apiKey }).planned;
}

function errorBody(response: PlannedResponse): { code: string; message: string } {
  expect(response.headers['content-type']).toBe(JSON_CONTENT_TYPE);
  const body: unknown = JSON.parse(response.body);
  expect(schemaErrors('Error', body)).toEqual([]);
  return body as { code: string; message: string };
}

describe('routing and methods', () => {
  const otherPaths = [
    '/',
    '/v1/senders',
    '/v1/senders/snd_coex_active',
    `${path('snd_coex_active')}/`,
    '/v1/senders//whatsapp-sync',
    '/V1/senders/snd_coex_active/whatsapp-sync',
  ];
  test.each(otherPaths)(
    'any other path (%s) is a 404 Error, even authenticated',
    (requestPath) => {
      const response = call('GET', requestPath, bearer);
      expect(response.status).toBe(404);
      expect(errorBody(response).code).toBe('not_found');
    },
  );

  test.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'get'])('%s on the sync path is 405 with Allow and an Error body', (method) => {
    // No credentials: the method is refused before authentication is even looked at.
    const response = call(method, path('snd_coex_active'));
    expect(response.status).toBe(405);
    expect(response.headers['allow']?.split(', ')).toContain('GET');
    expect(errorBody(response).code).toBe('method_not_allowed');
  });

  test('HEAD is served like GET (node:http drops the body on the wire)', () => {
    expect(call('HEAD', path('snd_coex_active'), bearer)).toEqual(call('GET', path('snd_coex_active'), bearer));
  });

  test('a query string does not change the resource', () => {
    expect(call('GET', `${path('snd_coex_active')}?verbose=1`, bearer)).toEqual(call('GET', path('snd_coex_active'), bearer));
  });
});

describe('authentication', () => {
  const rejected: Array<[string, string | undefined]> = [
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['an empty token', 'Bearer '],
    ['a wrong key', `Bearer zv_test_${'0'.repeat(32)}`],
    ['the key without a scheme', apiKey],
    ['the key in the Basic scheme', `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`],
    ['the key as Basic token verbatim', `Basic ${apiKey}`],
    ['junk after the key', `${bearer} extra`],
    ['a comma after the key', `${bearer},`],
    ['no space after the scheme', `Bearer${apiKey}`],
    ['a tab instead of a space', `Bearer\t${apiKey}`],
    ['another scheme name', `Token ${apiKey}`],
    ['a key differing in case', `Bearer ${apiKey.toUpperCase()}`],
    ['a prefix of the key', `Bearer ${apiKey.slice(0, -1)}`],
  ];

  test.each(rejected)('%s → 401 Error with WWW-Authenticate: Bearer', (_label, authorization) => {
    const response = call('GET', path('snd_coex_active'), authorization);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(errorBody(response).code).toBe('unauthorized');
  });

  test.each(rejected)('%s → the same 401 for known, refused, unknown and malformed senders (auth before lookup)', (_label, authorization) => {
    const expected = call('GET', path('snd_coex_active'), authorization);
    for (const id of ['snd_sms_no_waba', 'snd_waba_cloud_api', 'snd_does_not_exist', 'bad%zz']) {
      expect(call('GET', path(id), authorization)).toEqual(expected);
    }
  });

  test.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('the scheme is case-insensitive: "%s <key>" is accepted', (scheme) => {
    expect(call('GET', path('snd_coex_active'), `${scheme} ${apiKey}`).status).toBe(200);
  });

  test('several spaces after the scheme are allowed (RFC 6750: 1*SP)', () => {
    expect(call('GET', path('snd_coex_active'), `Bearer   ${apiKey}`).status).toBe(200);
  });
});

describe('lookup', () => {
  test('an unknown sender is a 404 not_found Error', () => {
    const response = call('GET', path('snd_does_not_exist'), bearer);
    expect(response.status).toBe(404);
    expect(errorBody(response).code).toBe('not_found');
  });

  test.each([
    ['snd_sms_no_waba', NO_WABA_MESSAGE],
    ['snd_waba_cloud_api', NOT_COEXISTENCE_MESSAGE],
  ])('%s is a 400 bad_request with the documented message', (id, message) => {
    const response = call('GET', path(id), bearer);
    expect(response.status).toBe(400);
    expect(errorBody(response)).toEqual({ code: 'bad_request', message });
  });

  test('the documented messages are the spec examples, verbatim', () => {
    expect(NO_WABA_MESSAGE).toBe('Sender does not have a WhatsApp Business Account connected');
    expect(NOT_COEXISTENCE_MESSAGE).toBe('Sync is only available for coexistence accounts');
  });

  test('a coexistence sender is a 200 WhatsAppSyncStatusResponse', () => {
    const response = call('GET', path('snd_coex_active'), bearer);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(schemaErrors('WhatsAppSyncStatusResponse', JSON.parse(response.body))).toEqual([]);
  });
});

describe('senderId percent-decoding', () => {
  test.each(['%73nd_coex_active', 'snd%5Fcoex%5Factive', '%73%6E%64_coex_active'])('%s decodes to a seeded id', (encoded) => {
    expect(call('GET', path(encoded), bearer)).toEqual(call('GET', path('snd_coex_active'), bearer));
  });

  test('an encoded slash stays inside the id: unknown sender, not another route', () => {
    expect(call('GET', path('snd_coex_active%2Fx'), bearer).status).toBe(404);
  });

  test.each(['bad%zz', '%', 'snd%2', '%E0%A4', '%FF'])('a malformed escape (%s) is a 400 invalid_request Error', (raw) => {
    const response = call('GET', path(raw), bearer);
    expect(response.status).toBe(400);
    expect(errorBody(response).code).toBe('invalid_request');
  });
});

test('an internal failure becomes a 500 Error instead of a throw', () => {
  const exploding: SenderStore = { get: () => { throw new Error('boom'); }, setSync: () => false };
  const { planned } = handleRequest({ method: 'GET', path: path('snd_coex_active'), authorization: bearer }, { apiKey, store: exploding });
  expect(planned.status).toBe(500);
  expect(errorBody(planned).code).toBe('internal_error');
});
