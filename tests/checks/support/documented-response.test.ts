import { findDocumentedResponse } from '../../../src/checks/support/documented-response';
import type { OperationContract } from '../../../src/model/operation';
import { syncOperation } from './exchange-factory';

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
});
