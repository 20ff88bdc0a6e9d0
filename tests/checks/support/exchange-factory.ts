/** Building exchanges and check contexts for check tests, with the spec's operation as default. */
import type { CheckContext } from '../../../src/model/check';
import type { Exchange, HttpResponse, TransportError } from '../../../src/model/http';
import type { OperationContract } from '../../../src/model/operation';
import type { ResolvedAssertion, ResolvedExpectation } from '../../../src/model/scenario';
import type { SchemaValidator } from '../../../src/model/schema';
import { fakeSchemaValidator } from './fake-schema-validator';

/** GET /v1/senders/{senderId}/whatsapp-sync as spec/whatsapp-sync.openapi.yaml documents it. */
export const syncOperation: OperationContract = {
  operationId: 'getWhatsAppSyncStatus',
  method: 'GET',
  pathTemplate: '/v1/senders/{senderId}/whatsapp-sync',
  pathParameters: ['senderId'],
  writes: false,
  label: 'GET /v1/senders/{senderId}/whatsapp-sync',
  responses: [
    { status: '200', description: 'Sync status.', mediaTypes: ['application/json'], schemaName: 'WhatsAppSyncStatusResponse', examples: [] },
    {
      status: '400',
      description: 'Sender does not have a WhatsApp Business Account connected or is not in coexistence mode.',
      mediaTypes: ['application/json'],
      schemaName: 'Error',
      examples: [
        { name: 'no_waba', value: { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' } },
        { name: 'not_coexistence', value: { code: 'bad_request', message: 'Sync is only available for coexistence accounts' } },
      ],
    },
    { status: '401', description: 'Unauthorized.', mediaTypes: ['application/json'], schemaName: 'Error', examples: [] },
    { status: '404', description: 'Sender not found.', mediaTypes: ['application/json'], schemaName: 'Error', examples: [] },
  ],
};

/** A conformant 200 body. */
export const syncBody = {
  sync: {
    isCoexistence: true,
    status: 'active',
    history: { status: 'completed', canSync: false, requestedAt: '2024-01-15T10:00:00Z', completedAt: '2024-01-15T10:05:00Z' },
    contacts: { status: 'not_requested', canSync: true, requestedAt: null },
  },
};

export function response(status: number, bodyText: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, bodyText };
}

/** A response with a JSON body and Content-Type application/json unless overridden. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return response(status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

/** An exchange carrying `outcome`: a response, a transport error, or nothing at all. */
export function exchange(outcome: HttpResponse | TransportError | undefined): Exchange {
  const base: Exchange = {
    id: 'test#1',
    request: {
      method: 'GET',
      url: 'https://api.example.test/v1/senders/snd_1/whatsapp-sync',
      path: '/v1/senders/snd_1/whatsapp-sync',
      headers: { authorization: 'Bearer zv_test_x' },
      authVariant: 'valid',
    },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 42,
  };
  if (outcome === undefined) return base;
  return 'kind' in outcome ? { ...base, error: outcome } : { ...base, response: outcome };
}

export interface ContextOptions {
  status?: number;
  because?: string;
  /** Names of the documented examples the body should match. */
  examples?: string[];
  /** The examples are every refusal the state read before allows (a model's prediction). */
  examplesFromState?: true;
  assert?: ResolvedAssertion[];
  alsoAccept?: number[];
  warnOn?: number[];
  operation?: OperationContract;
  /** Every operation of the contract, as a run hands them (absent: the operation alone, as a user's own test). */
  contract?: ReadonlyMap<string, OperationContract>;
  schemas?: SchemaValidator;
}

export function context(options: ContextOptions = {}): CheckContext {
  const expect: ResolvedExpectation = {
    status: options.status ?? 200,
    because: options.because ?? 'the sender is a connected coexistence account',
    assert: options.assert ?? [],
  };
  if (options.examples !== undefined) expect.examples = options.examples;
  if (options.examplesFromState !== undefined) expect.examplesFromState = options.examplesFromState;
  if (options.alsoAccept !== undefined) expect.alsoAccept = options.alsoAccept;
  if (options.warnOn !== undefined) expect.warnOn = options.warnOn;
  return {
    expect,
    operation: options.operation ?? syncOperation,
    schemas: options.schemas ?? fakeSchemaValidator(),
    ...(options.contract !== undefined ? { contract: options.contract } : {}),
  };
}
