import { statusCodeDocumentedCheck } from '../../src/checks/status-code-documented';
import type { OperationContract } from '../../src/model/operation';
import { context, exchange, jsonResponse, response, syncBody, syncOperation } from './support/exchange-factory';

const withResponses = (...statuses: string[]): OperationContract => ({
  ...syncOperation,
  responses: statuses.map((status) => ({ status, description: status, mediaTypes: ['application/json'], examples: [] })),
});

describe('status-code-documented', () => {
  it.each([200, 400, 401, 404])('passes documented status %i', (status) => {
    expect(statusCodeDocumentedCheck.run(exchange(jsonResponse(status, syncBody)), context())).toEqual([]);
  });

  it.each([201, 403, 429, 500])('flags undocumented status %i, listing the documented ones', (status) => {
    const found = statusCodeDocumentedCheck.run(exchange(response(status, '')), context());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'status-code-documented', severity: 'error' });
    expect(found[0]?.message).toBe(`Received: ${status} / Expected: one of the documented statuses 200, 400, 401, 404`);
  });

  it('matches a 4XX range (any case) but not another class', () => {
    const operation = withResponses('200', '4xx');
    expect(statusCodeDocumentedCheck.run(exchange(response(429, '')), context({ operation }))).toEqual([]);
    expect(statusCodeDocumentedCheck.run(exchange(response(503, '')), context({ operation }))).toHaveLength(1);
  });

  it('lets "default" document every status', () => {
    const operation = withResponses('200', 'default');
    expect(statusCodeDocumentedCheck.run(exchange(response(503, '')), context({ operation }))).toEqual([]);
  });

  it('names the method sent when a step sent the path with another one', () => {
    const operation = { ...syncOperation, method: 'POST' as const, label: 'POST /v1/senders/{senderId}/whatsapp-sync/history' };
    const sent = exchange(response(201, ''));
    expect(statusCodeDocumentedCheck.run({ ...sent, request: { ...sent.request, method: 'GET' } }, context({ operation }))[0]?.title).toBe('Status 201 is not documented for POST /v1/senders/{senderId}/whatsapp-sync/history (sent as GET)');
    expect(statusCodeDocumentedCheck.run({ ...sent, request: { ...sent.request, method: 'POST' } }, context({ operation }))[0]?.title).toBe('Status 201 is not documented for POST /v1/senders/{senderId}/whatsapp-sync/history');
  });

  it('returns nothing without a response', () => {
    expect(statusCodeDocumentedCheck.run(exchange({ kind: 'tls', message: 'bad cert' }), context())).toEqual([]);
  });
});
