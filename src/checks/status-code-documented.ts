/** "status-code-documented": the received status is one the operation documents. */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';
import { documentedStatuses } from './support/documented-response';
import { findDocumentedResponse } from '../openapi/find-documented-response';

/**
 * Independent of the scenario: a 418 is a contract breach even when the scenario expected
 * something else too. Ranges ("4XX") and "default" count as documenting a status, per OpenAPI.
 */
export const statusCodeDocumentedCheck: Check = {
  id: 'status-code-documented',
  title: 'The status code is documented for the operation',
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined) return [];
    if (findDocumentedResponse(context.operation, response.status) !== undefined) return [];
    // A step may send the operation's path with another method (a GET or HEAD probe): say so, not the documented method alone.
    const sent = exchange.request.method.toUpperCase();
    const as = sent === context.operation.method.toUpperCase() ? '' : ` (sent as ${sent})`;
    return [
      {
        check: 'status-code-documented',
        severity: 'error',
        title: `Status ${response.status} is not documented for ${context.operation.label}${as}`,
        message: `Received: ${response.status} / Expected: one of the documented statuses ${documentedStatuses(context.operation).join(', ')}`,
        instancePath: '',
      },
    ];
  },
};
