/** "json-body": a response documented as JSON has a body that parses as JSON. */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';
import { documentsJson } from './support/documented-response';
import { findDocumentedResponse } from '../openapi/find-documented-response';
import { parseJsonBody } from './support/parsed-body';
import { undecodedCoding } from './support/undecoded-coding';
import { ACCEPTED_CODINGS } from '../model/http';
import { excerpt } from '../text/plain-text';
import { jsonErrorWords } from '../text/json-error';

/**
 * What an invisible encoding fault looks like, named: JSON.parse would only say "Unexpected
 * token" of a character the message cannot show. RFC 8259 §8.1: JSON between systems is UTF-8,
 * without a byte order mark.
 */
function encodingHint(text: string): string | undefined {
  // UTF-8 decoding keeps a UTF-8 BOM as U+FEFF, and turns a UTF-16 BOM (FF FE / FE FF) into U+FFFD pairs.
  if (text.startsWith('\uFEFF')) return 'it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send';
  if (/^(\uFFFD\uFFFD)?(\u0000[\x20-\x7e]|[\x20-\x7e]\u0000)/.test(text)) return 'it looks UTF-16 encoded (a NUL byte beside every character): JSON over HTTP is UTF-8';
  return undefined;
}

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
    // A coding the suite did not ask for, still on the body: the coding is the fault, not its bytes.
    const coding = undecodedCoding(response.headers['content-encoding']);
    if (coding !== undefined && response.truncated === undefined && !parseJsonBody(response).ok) {
      return [
        {
          check: 'json-body',
          severity: 'error',
          title: `The ${response.status} body is coded ${excerpt(coding, 40)}, which the request did not accept`,
          message: `Received: Content-Encoding ${excerpt(response.headers['content-encoding'] ?? '', 80)}, left undecoded (the request's Accept-Encoding: ${ACCEPTED_CODINGS}): "${excerpt(response.bodyText)}" / Expected: a JSON body, as documented for ${documented.status}, coded only as the request accepted (RFC 9110 §12.5.3)`,
          instancePath: '',
        },
      ];
    }
    // Bytes that are not UTF-8 parse (as U+FFFD) but are not JSON text between systems, whatever they say.
    if (response.notUtf8 === true) {
      return [
        {
          check: 'json-body',
          severity: 'error',
          title: `The ${response.status} body is not UTF-8`,
          message: `Received: bytes that are not UTF-8, shown as U+FFFD: "${excerpt(response.bodyText)}" / Expected: JSON in UTF-8, as RFC 8259 §8.1 requires of JSON exchanged between systems (another charset, such as ISO-8859-1, is not JSON)`,
          instancePath: '',
        },
      ];
    }
    const parsed = parseJsonBody(response);
    // Valid JSON beyond the structure limits is "body-too-complex"'s to report, a cut-off body "body-too-large"'s.
    if (parsed.ok || parsed.reason === 'too-complex' || parsed.reason === 'truncated') return [];
    const received =
      parsed.reason === 'empty'
        ? 'an empty body'
        : `"${excerpt(response.bodyText)}" (${encodingHint(response.bodyText) ?? excerpt(jsonErrorWords(parsed.error ?? 'not JSON'), 120)})`;
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
