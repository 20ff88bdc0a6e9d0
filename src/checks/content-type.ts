/** "content-type": a JSON response says it is JSON. */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';
import { isJsonMediaType } from '../openapi/documented-response';
import { documentsJson, findDocumentedResponse } from './support/documented-response';
import { excerpt } from '../text/plain-text';

/**
 * Applies when the spec documents JSON for the status, and also to an undocumented status that
 * carries a body: every documented body of this API is JSON, so an HTML error page from a proxy
 * is a breach worth naming. An undocumented status with an empty body has nothing to label.
 */
export const contentTypeCheck: Check = {
  id: 'content-type',
  title: 'The Content-Type header is application/json or a +json type',
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined) return [];
    const documented = findDocumentedResponse(context.operation, response.status);
    const applies = documented === undefined ? response.bodyText !== '' : documentsJson(documented);
    if (!applies) return [];
    const header = response.headers['content-type'];
    if (header !== undefined && isJsonMediaType(header)) return [];
    const expected =
      documented === undefined
        ? 'application/json or a +json type (charset allowed)'
        : `${documented.mediaTypes.join(' or ')} as documented for ${documented.status} (charset allowed; +json types accepted)`;
    return [
      {
        check: 'content-type',
        severity: 'error',
        title: header === undefined ? 'The response has no Content-Type header' : 'The response is not labelled as JSON',
        message: `Received: ${header === undefined ? 'no Content-Type header' : `Content-Type ${excerpt(header)}`} / Expected: ${expected}`,
        instancePath: '',
      },
    ];
  },
};
