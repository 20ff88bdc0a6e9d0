import { findDocumentedResponse } from '../../src/openapi/find-documented-response';
import type { OperationContract } from '../../src/model/operation';
import { syncOperation } from '../checks/support/exchange-factory';

const operation: OperationContract = {
  ...syncOperation,
  responses: ['default', '4XX', '404'].map((status) => ({ status, description: status, mediaTypes: [], examples: [] })),
};

describe('findDocumentedResponse', () => {
  it('prefers an exact code, then a range, then default', () => {
    expect(findDocumentedResponse(operation, 404)?.status).toBe('404');
    expect(findDocumentedResponse(operation, 429)?.status).toBe('4XX');
    expect(findDocumentedResponse(operation, 500)?.status).toBe('default');
    expect(findDocumentedResponse(syncOperation, 500)).toBeUndefined();
  });

  it('reads a range and "default" in any case, spaces around them aside, as specs write both', () => {
    const written: OperationContract = { ...syncOperation, responses: [' 4xx ', 'Default'].map((status) => ({ status, description: status, mediaTypes: [], examples: [] })) };
    expect(findDocumentedResponse(written, 409)?.status).toBe(' 4xx ');
    expect(findDocumentedResponse(written, 503)?.status).toBe('Default');
  });
});
