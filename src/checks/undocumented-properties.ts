/** "undocumented-properties": properties the schema does not declare, reported as warnings. */
import { countingCheck, type CheckFindings, type CountingCheck } from '../model/check';
import type { Violation } from '../model/violation';
import { getAtPointer, parsePointer } from '../openapi/json-pointer';
import { schemaBody } from './support/documented-response';
import { describeValue, excerpt } from '../text/plain-text';

const NONE: CheckFindings = { violations: [], omitted: [] };

/**
 * The contract does not set additionalProperties: false, so an extra field is allowed and must
 * never fail a case. It is still worth a warning: it is often a renamed field or a sign that the
 * spec lags behind the server. A body may carry 300,000 of them: the first `keep` are described,
 * the rest only counted, with the pointer they share.
 */
export const undocumentedPropertiesCheck: CountingCheck = countingCheck({
  id: 'undocumented-properties',
  title: 'The body has no properties the schema does not declare (warning only)',
  runCounted(exchange, context, keep) {
    const body = schemaBody(exchange, context);
    // An unknown schema is reported once, by response-schema, as the suite's own fault.
    if (body === undefined || !context.schemas.has(body.schemaName)) return NONE;
    const { status, schemaName, value } = body;
    // Only the kept ones are built as pointers; the rest come counted, with the place they share.
    const { pointers, count, restUnder } = context.schemas.undeclaredProperties(schemaName, value, keep);
    const title = `The ${status} body has a property ${schemaName} does not declare`;
    const violations = pointers.map((pointer): Violation => {
      const received = describeValue(getAtPointer(value, parsePointer(pointer)));
      return {
        check: 'undocumented-properties',
        severity: 'warning',
        title,
        message: `Received: ${excerpt(pointer)} = ${received} / Expected: only properties declared by ${schemaName} (extra properties are allowed; this is a notice)`,
        instancePath: pointer,
        // The schema the body was judged by, as a whole: the warning digest tells `/foo` of the
        // status apart from `/foo` of Error, two places the contract would declare it.
        schemaPath: `${schemaName}.json#`,
      };
    });
    const rest = count - violations.length;
    if (rest === 0) return { violations, omitted: [] };
    return { violations, omitted: [{ check: 'undocumented-properties', severity: 'warning', count: rest, instancePath: restUnder ?? '' }] };
  },
});
