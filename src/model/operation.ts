/** What the OpenAPI document says about one operation, reduced to what checks need. */
import type { OperationCoverageContract } from './coverage';

export interface DocumentedResponse {
  status: string; // "200", "4XX" or "default" as written in the spec
  description: string;
  /** Media types documented for the body; empty when the response has no body. */
  mediaTypes: string[];
  /** Component schema name of the JSON body, when it is a $ref to components.schemas. */
  schemaName?: string;
  /** `example` (no name) and each named `examples[name].value` documented for the JSON body, in document order. */
  examples: DocumentedExample[];
}

/** One documented example body; `name` is the key under `examples` (absent for a lone `example`). */
export interface DocumentedExample {
  name?: string;
  value: unknown;
}

/** Methods an operation may have. GET and HEAD are safe (RFC 9110 §9.2.1): they change nothing on the target. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** GET and HEAD: a request the suite may keep alive, retry and send to any target; any other method writes. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

export interface OperationContract {
  operationId: string;
  method: HttpMethod;
  /** e.g. "/v1/senders/{senderId}/whatsapp-sync" */
  pathTemplate: string;
  /** Names of the `{…}` parameters of the path template, in order. */
  pathParameters: string[];
  /** True for every method but GET and HEAD: sending it may change the target's state. */
  writes: boolean;
  /** "GET /v1/senders/{senderId}/whatsapp-sync" */
  label: string;
  responses: DocumentedResponse[];
  /** What coverage counts of this operation (src/coverage); absent: the run counts no coverage of it. */
  coverage?: OperationCoverageContract;
}

/** The loaded spec: its identity for reports, and the parsed document the operation is read from. */
export interface LoadedSpec {
  path: string;
  title: string;
  version: string;
  sha256: string;
  document: Record<string, unknown>;
}
