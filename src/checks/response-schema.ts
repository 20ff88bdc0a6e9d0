/** "response-schema": the JSON body matches the component schema documented for its status. */
import type { Check } from '../model/check';
import { outsideContract } from './support/outside-contract';
import type { Violation } from '../model/violation';
import { getAtPointer, parsePointer } from '../openapi/json-pointer';
import { findDocumentedResponse } from './support/documented-response';
import { parseJsonBody } from './support/parsed-body';
import { expectedFromIssue } from './support/schema-issue-text';
import { describeValue } from '../text/plain-text';

/**
 * One violation per schema issue, with ajv's pointers kept, so reports can group and deduplicate
 * them. Silent when the status is undocumented ("status-code-documented" says so) or the body does
 * not parse ("json-body" says so).
 */
export const responseSchemaCheck: Check = {
  id: 'response-schema',
  title: 'The body matches the documented schema',
  run(exchange, context) {
    const response = exchange.response;
    // A tolerated answer from outside the contract (a proxy's 431, a router's 404) is not judged here: see outside-contract.
    if (response === undefined || outsideContract(response.status, context.expect)) return [];
    const schemaName = findDocumentedResponse(context.operation, response.status)?.schemaName;
    if (schemaName === undefined) return [];
    const parsed = parseJsonBody(response);
    if (!parsed.ok) return [];
    // An unknown name is a fault of the suite or the spec, not of the target: throwing makes
    // runChecks report it as a crash instead of blaming the server.
    if (!context.schemas.has(schemaName)) {
      throw new Error(`schema "${schemaName}" documented for ${response.status} is not known to the validator`);
    }
    return context.schemas.validate(schemaName, parsed.value).map((issue): Violation => {
      // ajv's instancePath is "" or "/…", a well-formed pointer; a missing value reads "nothing".
      const received = describeValue(getAtPointer(parsed.value, parsePointer(issue.instancePath)));
      return {
        check: 'response-schema',
        severity: 'error',
        title: `The ${response.status} body does not match the ${schemaName} schema`,
        message: `Received: ${received} / Expected: ${expectedFromIssue(issue)}`,
        instancePath: issue.instancePath,
        schemaPath: issue.schemaPath,
      };
    });
  },
};
