/**
 * What a response shows about who answered it. A cause ("the sender was looked up before
 * authenticating") may only be named when the answer is evidently the API's own: a body that is
 * the Error the contract documents. A proxy's bare 400, a framework's plain-text 404 or a
 * router's "no route" error prove nothing about the API's order of checks.
 */
import type { CheckContext } from '../../model/check';
import type { Exchange, HttpResponse } from '../../model/http';
import type { SchemaValidator } from '../../model/schema';
import { isRecord } from '../../openapi/is-record';
import { excerpt } from '../../text/plain-text';
import { findDocumentedResponse } from '../../openapi/find-documented-response';
import { parseJsonBody } from './parsed-body';

/**
 * The documented Error, by the schema documented for the status (else the Error component, else
 * {code, message} strings). Only an error status carries one: a success's documented schema is
 * no Error, and a body valid against it would otherwise pass for one (a matcher's "the Error
 * undefined: undefined" for a 200 the test expected to fail).
 */
export function isDocumentedError(response: HttpResponse, context: Pick<CheckContext, 'operation' | 'schemas'>): boolean {
  if (response.status < 400) return false;
  const parsed = parseJsonBody(response);
  const name = findDocumentedResponse(context.operation, response.status)?.schemaName ?? 'Error';
  return parsed.ok && isErrorValue(parsed.value, name, context.schemas);
}

/** A parsed body is an Error: valid against `schemaName` when the validator knows it, else an object with string `code` and `message`. */
export function isErrorValue(value: unknown, schemaName: string, schemas: Pick<SchemaValidator, 'has' | 'validate'> | undefined): boolean {
  if (!isRecord(value)) return false;
  if (schemas?.has(schemaName) === true) return schemas.validate(schemaName, value).length === 0;
  return typeof value['code'] === 'string' && typeof value['message'] === 'string';
}

/** Words routers and frameworks use for a path they do not serve ("No route for GET", "Cannot GET /x"). */
const NO_ROUTE = /\bno route\b|\broute\b.*\bnot found\b|\bcannot (?:get|head|post|put|patch|delete)\b|\bunknown (?:path|endpoint)\b/i;

/** True when the request path is the operation's template with a non-empty value in every parameter. */
export function pathMatchesOperation(exchange: Exchange, context: Pick<CheckContext, 'operation'>): boolean {
  const escaped = context.operation.pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped.replace(/\\?\{[^{}]+\\?\}/g, '[^/?#]+')}(?:\\?.*)?$`);
  return pattern.test(exchange.request.path);
}

/**
 * Evidence that the API itself handled the request for this operation: the documented Error
 * body, to a path that names every parameter, and not a message saying the route is unknown.
 */
export function answeredByOperation(exchange: Exchange, context: Pick<CheckContext, 'operation' | 'schemas'>): boolean {
  const response = exchange.response;
  if (response === undefined || !isDocumentedError(response, context) || !pathMatchesOperation(exchange, context)) return false;
  const parsed = parseJsonBody(response);
  const message = parsed.ok && isRecord(parsed.value) ? `${String(parsed.value['code'])} ${String(parsed.value['message'])}` : '';
  return !NO_ROUTE.test(message);
}

/** The body in a few words, as seen: "an empty body", "a JSON body", "a text/plain body", "a body without Content-Type". */
export function seenBody(response: HttpResponse): string {
  if (response.bodyText.trim() === '') return 'an empty body';
  const type = response.headers['content-type']?.split(';')[0]?.trim();
  if (parseJsonBody(response).ok) return type === undefined ? 'a JSON body without Content-Type' : `a JSON body (${excerpt(type, 60)})`;
  return type === undefined || type === '' ? 'a body without Content-Type' : `a ${excerpt(type, 60)} body`;
}
