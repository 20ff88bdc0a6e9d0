/** What the OpenAPI document says about one operation, reduced to what checks need. */
export interface DocumentedResponse {
  status: string; // "200", "4XX" or "default" as written in the spec
  description: string;
  /** Media types documented for the body; empty when the response has no body. */
  mediaTypes: string[];
  /** Component schema name of the JSON body, when it is a $ref to components.schemas. */
  schemaName?: string;
  /** Values of `example` / `examples[*].value` documented for the JSON body. */
  examples: unknown[];
}

export interface OperationContract {
  operationId: string;
  method: 'GET';
  /** e.g. "/v1/senders/{senderId}/whatsapp-sync" */
  pathTemplate: string;
  /** "GET /v1/senders/{senderId}/whatsapp-sync" */
  label: string;
  responses: DocumentedResponse[];
}

/** The loaded spec: its identity for reports, and the parsed document the operation is read from. */
export interface LoadedSpec {
  path: string;
  title: string;
  version: string;
  sha256: string;
  document: Record<string, unknown>;
}
