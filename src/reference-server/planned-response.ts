/** Builders for the only two kinds of body the reference server sends: a JSON value and an Error. */
import type { PlannedResponse } from './types';

/** The Content-Type of every reference-server response. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Error codes the reference server uses in Error bodies. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_request'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'internal_error';

/** A JSON response; extra headers (lower-case names) are added to Content-Type. */
export function jsonResponse(status: number, value: unknown, extraHeaders: Record<string, string> = {}): PlannedResponse {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...extraHeaders }, body: JSON.stringify(value) };
}

/** A response with an Error body ({code, message}) as the contract's Error schema requires. */
export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  extraHeaders: Record<string, string> = {},
): PlannedResponse {
  return jsonResponse(status, { code, message }, extraHeaders);
}

/** The answer to anything that went wrong inside the server itself. */
export function internalErrorResponse(): PlannedResponse {
  return errorResponse(500, 'internal_error', 'The reference server failed to handle the request');
}
