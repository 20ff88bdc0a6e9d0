/**
 * A 2xx that is not JSON where the operation documents JSON: a web site's or gateway's page in the
 * API's place, as every request to a base URL that is not the API's root gets. Its status read as
 * the API's ("authentication not enforced: the request was served") told the reviewer of one case a
 * security fault that was not there, while the run's headline said none of its answers was the
 * API's (report/run-warnings.ts, no-json-answer): the story says what was seen, in that headline's
 * words, and the case fails as it did.
 */
import type { HttpResponse } from '../../model/http';
import type { OperationContract } from '../../model/operation';
import { isJsonMediaType } from '../../openapi/documented-response';
import { findDocumentedResponse } from '../../openapi/find-documented-response';
import { mediaTypesOf, shownMediaTypes } from '../../text/answer-form';
import { documentsJson } from './documented-response';
import { parseJsonBody } from './parsed-body';

/**
 * The story of a 2xx answer that is not JSON, where `expected` was due; undefined for a JSON answer
 * (told by its body, whatever its label: answer-form.ts), one the suite did not read whole (cut at
 * the size bound, or too complex: what it is is unknown), and one whose status the operation
 * documents without JSON (a page may be its answer). An undocumented status counts as JSON's, as
 * content-type.ts reads it: every body this API documents is JSON.
 */
export function notTheApiStory(expected: number, response: HttpResponse, operation: OperationContract): string | undefined {
  const documented = findDocumentedResponse(operation, response.status);
  if (documented !== undefined && !documentsJson(documented)) return undefined;
  const seen = notJsonAnswer(response);
  if (seen === undefined) return undefined;
  return `not the API? ${seen}, where ${expected} was due: a web site or gateway in the API's place answers so (is the base URL the API's root?)`;
}

/**
 * The answer in words, when it is not JSON: by its body, or, with none (a HEAD's), by a label that
 * is not JSON (the API's HEAD carries the GET's JSON label, or none); undefined for JSON, one
 * labelled JSON, or an answer not read whole. Also what runner/auth-order.ts takes for no 2xx of the API's. The media
 * types are the target's: bounded, inert and each cut marked (answer-form.ts), for the scrubber to
 * find a key a front echoed there.
 */
export function notJsonAnswer(response: HttpResponse): string | undefined {
  const parsed = parseJsonBody(response);
  if (parsed.ok || parsed.reason === 'truncated' || parsed.reason === 'too-complex') return undefined;
  const status = response.status;
  const types = mediaTypesOf(response.headers['content-type']);
  const labelledJson = types.length > 0 && types.every(isJsonMediaType);
  // Labelled JSON, it is the API's, its JSON broken (json-body's fault), as the run's headline counts
  // it (runner/answer-tally.ts): a case told "not the API?" under no such headline sent a reviewer
  // to a base URL that was right, and its story (a 401 not enforced) is the one to read.
  if (labelledJson) return undefined;
  if (parsed.reason === 'empty') return types.length === 0 ? undefined : `a ${status} ${shownMediaTypes(types)} answer with no body, not JSON`;
  if (types.length === 0) return `a ${status} answer with no Content-Type, not JSON`;
  if (types.length === 1 && types[0] === 'text/html') return `a ${status} text/html page, not JSON`;
  return `a ${status} ${shownMediaTypes(types)} answer, not JSON`;
}
