/** Finding what the spec documents for a received status, with OpenAPI's matching rules. */
import type { DocumentedResponse, OperationContract } from '../../model/operation';

/**
 * The documented response that governs `status`, or undefined when the operation does not
 * document it. OpenAPI 3.0 precedence: an exact code ("404") beats a range ("4XX"), which beats
 * "default". Ranges and "default" are matched case-insensitively because specs write both.
 */
export function findDocumentedResponse(
  operation: OperationContract,
  status: number,
): DocumentedResponse | undefined {
  const exact = String(status);
  const range = `${Math.floor(status / 100)}XX`;
  const key = (response: DocumentedResponse): string => response.status.trim().toUpperCase();
  return (
    operation.responses.find((response) => key(response) === exact) ??
    operation.responses.find((response) => key(response) === range) ??
    operation.responses.find((response) => key(response) === 'DEFAULT')
  );
}

/** Documented status keys, as written, for "Expected: one of …" messages. */
export function documentedStatuses(operation: OperationContract): string[] {
  return operation.responses.map((response) => response.status);
}

/**
 * True for application/json and any structured-syntax "+json" type (RFC 6839), e.g.
 * application/problem+json. Parameters (charset) and case are ignored: RFC 9110 makes type and
 * subtype case-insensitive, and a charset on JSON is harmless.
 */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return essence === 'application/json' || /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(essence);
}

/** Whether the documented response promises a JSON body. */
export function documentsJson(response: DocumentedResponse | undefined): boolean {
  return response !== undefined && response.mediaTypes.some(isJsonMediaType);
}
