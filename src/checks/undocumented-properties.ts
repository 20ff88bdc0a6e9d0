/** "undocumented-properties": properties the schema does not declare, reported as warnings. */
import type { Check } from '../model/check';
import { outsideContract } from './support/outside-contract';
import type { Violation } from '../model/violation';
import { getAtPointer, parsePointer } from '../openapi/json-pointer';
import { findDocumentedResponse } from './support/documented-response';
import { parseJsonBody } from './support/parsed-body';
import { describeValue } from '../text/plain-text';

/**
 * The contract does not set additionalProperties: false, so an extra field is allowed and must
 * never fail a case. It is still worth a warning: it is often a renamed field or a sign that the
 * spec lags behind the server.
 */
export const undocumentedPropertiesCheck: Check = {
  id: 'undocumented-properties',
  title: 'The body has no properties the schema does not declare (warning only)',
  run(exchange, context) {
    const response = exchange.response;
    // A tolerated answer from outside the contract (a proxy's 431, a router's 404) is not judged here: see outside-contract.
    if (response === undefined || outsideContract(response.status, context.expect)) return [];
    const schemaName = findDocumentedResponse(context.operation, response.status)?.schemaName;
    if (schemaName === undefined || !context.schemas.has(schemaName)) return [];
    const parsed = parseJsonBody(response);
    if (!parsed.ok) return [];
    return context.schemas.undeclaredProperties(schemaName, parsed.value).map((pointer): Violation => {
      const received = describeValue(getAtPointer(parsed.value, parsePointer(pointer)));
      return {
        check: 'undocumented-properties',
        severity: 'warning',
        title: `The ${response.status} body has a property ${schemaName} does not declare`,
        message: `Received: ${pointer} = ${received} / Expected: only properties declared by ${schemaName} (extra properties are allowed; this is a notice)`,
        instancePath: pointer,
      };
    });
  },
};
