/** "json-body": a response documented as JSON has a body that parses as JSON. */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';
import { documentsJson, findDocumentedResponse } from './support/documented-response';
import { parseJsonBody } from './support/parsed-body';
import { excerpt } from '../text/plain-text';

/**
 * Only for statuses the spec documents as JSON: an undocumented status is reported by
 * "status-code-documented" and its body by "content-type", so judging its syntax here would
 * report one fault three times.
 */
export const jsonBodyCheck: Check = {
  id: 'json-body',
  title: 'The body parses as JSON when JSON is documented',
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined) return [];
    const documented = findDocumentedResponse(context.operation, response.status);
    if (documented === undefined || !documentsJson(documented)) return [];
    const parsed = parseJsonBody(response);
    // Valid JSON beyond the structure limits is "body-too-complex"'s to report, a cut-off body "body-too-large"'s.
    if (parsed.ok || parsed.reason === 'too-complex' || parsed.reason === 'truncated') return [];
    const received =
      parsed.reason === 'empty'
        ? 'an empty body'
        : `"${excerpt(response.bodyText)}" (${excerpt(parsed.error ?? 'not JSON', 120)})`;
    return [
      {
        check: 'json-body',
        severity: 'error',
        title: `The ${response.status} body is not valid JSON`,
        message: `Received: ${received} / Expected: a JSON body, as documented for ${documented.status}`,
        instancePath: '',
      },
    ];
  },
};
