/** "content-type": a JSON response says it is JSON. */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';
import { isJsonMediaType } from '../openapi/documented-response';
import { documentsJson, findDocumentedResponse } from './support/documented-response';
import { excerpt } from '../text/plain-text';

/**
 * The media types of a Content-Type as received: one per field line. A proxy that adds its own
 * Content-Type beside the origin's (nginx's add_header, a gateway's response mapping) sends the
 * field twice, which the transport joins with ", " as it joins any repeated field (RFC 9110 §5.3).
 * A comma splits them only outside a quoted parameter (`profile="a,b"`); empty lines are dropped.
 */
export function contentTypeLines(header: string): string[] {
  return (header.match(/(?:[^,"]|"(?:[^"\\]|\\.)*"?)+/g) ?? []).map((line) => line.trim()).filter((line) => line !== '');
}

/**
 * Labelled JSON: every line of the field names a JSON type. Twice `application/json`, with or
 * without a charset, is the same label, and every client reads it as JSON (fetch's "extract a MIME
 * type" takes the last, node:http the first); lines that disagree leave the body's type to whichever
 * the client picks, so they are not JSON.
 */
export function labelledJson(header: string): boolean {
  const lines = contentTypeLines(header);
  return lines.length > 0 && lines.every(isJsonMediaType);
}

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
    if (header !== undefined && labelledJson(header)) return [];
    const lines = header === undefined ? [] : contentTypeLines(header);
    const expected =
      documented === undefined
        ? 'application/json or a +json type (charset allowed)'
        : `${documented.mediaTypes.join(' or ')} as documented for ${documented.status} (charset allowed; +json types accepted)`;
    return [
      {
        check: 'content-type',
        severity: 'error',
        title: header === undefined ? 'The response has no Content-Type header' : lines.length > 1 && lines.some(isJsonMediaType) ? 'The response is labelled with several media types, not only JSON' : 'The response is not labelled as JSON',
        message: `Received: ${header === undefined ? 'no Content-Type header' : `Content-Type ${excerpt(header)}${lines.length > 1 ? ` (${lines.length} media types: the field sent more than once)` : ''}`} / Expected: ${expected}`,
        instancePath: '',
      },
    ];
  },
};
