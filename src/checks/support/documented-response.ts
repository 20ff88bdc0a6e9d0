/**
 * What the checks read of the spec's documented responses for a received status. The spec side
 * builds each DocumentedResponse from the document (src/openapi/documented-response.ts) and finds
 * the one a status answers to (src/openapi/find-documented-response.ts, shared with the registry);
 * this side reads what a check needs of it.
 */
import type { CheckContext } from '../../model/check';
import type { Exchange } from '../../model/http';
import type { DocumentedResponse, OperationContract } from '../../model/operation';
import { isJsonMediaType } from '../../openapi/documented-response';
import { findDocumentedResponse } from '../../openapi/find-documented-response';
import { isRecord } from '../../openapi/is-record';
import { judgedResponse } from './outside-contract';
import { parseJsonBody } from './parsed-body';

/** The documented examples of `status` that carry a `message` string, with their names (when named) and that message. */
export function documentedMessages(operation: OperationContract, status: number): { name: string | undefined; message: string }[] {
  return (findDocumentedResponse(operation, status)?.examples ?? []).flatMap((example) => (isRecord(example.value) && typeof example.value['message'] === 'string' ? [{ name: example.name, message: example.value['message'] }] : []));
}

/** Documented status keys, as written, for "Expected: one of …" messages. */
export function documentedStatuses(operation: OperationContract): string[] {
  return operation.responses.map((response) => response.status);
}

/** Whether the documented response promises a JSON body. */
export function documentsJson(response: DocumentedResponse | undefined): boolean {
  return response !== undefined && response.mediaTypes.some(isJsonMediaType);
}

/** A judged answer whose status documents a schema, with its body parsed. */
export interface SchemaBody {
  status: number;
  /** As the spec names it; whether the validator knows it is each check's question. */
  schemaName: string;
  value: unknown;
}

/**
 * What the checks of a body against its schema judge: none when the answer is not judged
 * (judgedResponse), its status documents no schema ("status-code-documented" says so) or its body
 * is not JSON within bounds ("json-body", "body-too-large" or "body-too-complex" say so).
 */
export function schemaBody(exchange: Exchange, context: CheckContext): SchemaBody | undefined {
  const response = judgedResponse(exchange, context.expect);
  if (response === undefined) return undefined;
  const schemaName = findDocumentedResponse(context.operation, response.status)?.schemaName;
  if (schemaName === undefined) return undefined;
  const parsed = parseJsonBody(response);
  return parsed.ok ? { status: response.status, schemaName, value: parsed.value } : undefined;
}
