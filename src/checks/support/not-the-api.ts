/**
 * A 2xx that is not JSON where the operation documents JSON: a web site's or gateway's page in the
 * API's place, as every request to a base URL that is not the API's root gets. Its status read as
 * the API's ("authentication not enforced: the request was served") told the reviewer of one case a
 * security fault that was not there, while the run's headline said none of its answers was the
 * API's (report/run-warnings.ts, no-json-answer): the story says what was seen, in that headline's
 * words, and the case fails as it did.
 */
import type { Exchange, HttpResponse } from '../../model/http';
import type { OperationContract } from '../../model/operation';
import { labelledJson } from '../content-type';
import { findDocumentedResponse } from '../../openapi/find-documented-response';
import { mediaTypesOf, shownMediaTypes } from '../../text/answer-form';
import { documentsJson } from './documented-response';
import { parseJsonBody } from './parsed-body';

/**
 * The story of a 2xx answer that is not JSON, where `expected` was due; undefined for a JSON answer
 * (told by its body, whatever its label: answer-form.ts), one the suite did not read whole (cut at
 * the size bound, or too complex: what it is is unknown), and one whose status the operation
 * documents without JSON (a page may be its answer). An undocumented status counts as JSON's, as
 * content-type.ts reads it: every body this API documents is JSON. An OPTIONS probe's answer is the
 * server's, not the operation's (execute-case.ts judges no body of it, the run's tally counts none):
 * a framework's "GET,HEAD" labelled text/html to a real sender, where an unknown id's was 404, is the
 * leak its case is for, not a page in the API's place.
 *
 * The question after it names both places such a page comes from: the whole base URL (the run's
 * headline then says so), or one path a front answers itself (a single-page app's index.html to a
 * path spelled otherwise) in a run whose other answers are the API's, where "is the base URL the
 * API's root?" alone sent a reviewer to a base URL that was right.
 */
export function notTheApiStory(expected: number, exchange: Exchange & { response: HttpResponse }, operation: OperationContract): string | undefined {
  if (exchange.request.method === 'OPTIONS') return undefined;
  const documented = findDocumentedResponse(operation, exchange.response.status);
  if (documented !== undefined && !documentsJson(documented)) return undefined;
  const seen = notJsonAnswer(exchange.request.method, exchange.response);
  if (seen === undefined) return undefined;
  return `not the API? ${seen}, where ${expected} was due: a web site or gateway in the API's place answers so (is the base URL the API's root? if the run's other answers are JSON, a front answers this path itself)`;
}

/**
 * The answer in words, when it is not JSON: by its body, or a HEAD's (which has none) by a label
 * neither JSON nor text/plain; undefined for JSON, one labelled JSON, an answer not read whole, and
 * an empty body otherwise. A page has a body: an empty one to a GET or a POST is a framework's
 * (Express's res.status(202).send('') is labelled text/html), and a HEAD carries its GET's label,
 * which is text/plain for a Go handler that sets no Content-Type (its JSON sniffed so, its HEAD's
 * too): the API's, whose story (a HEAD served without credentials, a start accepted) is the one to
 * read. A site's HEAD carries its page's label, text/html. Also what
 * runner/auth-order.ts takes for no 2xx of the API's. The media types are the target's: bounded,
 * inert and each cut marked (answer-form.ts), for the scrubber to find a key a front echoed there.
 */
export function notJsonAnswer(method: string, response: HttpResponse): string | undefined {
  const parsed = parseJsonBody(response);
  if (parsed.ok || parsed.reason === 'truncated' || parsed.reason === 'too-complex') return undefined;
  // Labelled JSON, it is the API's, its JSON broken (json-body's fault), as the run's headline counts
  // it (runner/answer-tally.ts): a case told "not the API?" under no such headline sent a reviewer
  // to a base URL that was right, and its story (a 401 not enforced) is the one to read. Read by the
  // tally's own test (every element of the field), not the shown types, which stop at four.
  const header = response.headers['content-type'];
  if (header !== undefined && labelledJson(header)) return undefined;
  const status = response.status;
  const types = mediaTypesOf(header);
  const page = types.length === 1 && types[0] === 'text/html';
  if (parsed.reason === 'empty') return method === 'HEAD' && types.length > 0 && !(types.length === 1 && types[0] === 'text/plain') ? `a ${status} ${shownMediaTypes(types)} answer with no body, not JSON` : undefined;
  if (types.length === 0) return `a ${status} answer with no Content-Type, not JSON`;
  if (page) return `a ${status} text/html page, not JSON`;
  return `a ${status} ${shownMediaTypes(types)} answer, not JSON`;
}
