/** getOperations on the real spec and on small documents exercising $refs and errors. */
import { SpecError } from '../../src/model/errors';
import type { LoadedSpec } from '../../src/model/operation';
import { loadSpec } from '../../src/openapi/load-spec';
import { getOperations, pathParametersOf } from '../../src/openapi/operation';
import { SYNC_PATH, fullSpecPath, operationSpecPath } from '../schema/support/fixtures';

const specOf = (document: Record<string, unknown>): LoadedSpec => ({ path: 'mem.yaml', title: 't', version: '1', sha256: '0', document });
const WHATSAPP_SYNC = ['getWhatsAppSyncStatus', 'startWhatsAppHistorySync', 'startWhatsAppContactsSync'];

describe('on specs/whatsapp-sync.openapi.yaml', () => {
  const [operation, history, contacts] = getOperations(loadSpec(operationSpecPath), WHATSAPP_SYNC);

  it('finds each operation by operationId, with its method, path, parameters and whether it writes', () => {
    expect(operation).toMatchObject({ operationId: 'getWhatsAppSyncStatus', method: 'GET', pathTemplate: SYNC_PATH, label: `GET ${SYNC_PATH}`, pathParameters: ['senderId'], writes: false });
    expect(history).toMatchObject({ method: 'POST', pathTemplate: `${SYNC_PATH}/history`, writes: true });
    expect(contacts).toMatchObject({ method: 'POST', pathTemplate: `${SYNC_PATH}/contacts`, writes: true });
  });

  it('lists the documented responses with status as written, media types and schema names', () => {
    expect(operation?.responses.map((r) => [r.status, r.mediaTypes, r.schemaName])).toEqual([
      ['200', ['application/json'], 'WhatsAppSyncStatusResponse'],
      ['400', ['application/json'], 'Error'],
      ['401', ['application/json'], 'Error'],
      ['404', ['application/json'], 'Error'],
    ]);
    expect(history?.responses.map((r) => [r.status, r.schemaName])).toEqual([['202', 'WhatsAppSyncStartResponse'], ['400', 'Error'], ['401', 'Error'], ['404', 'Error']]);
  });

  it('collects `example` (200, unnamed) and `examples.*.value` (400, by name)', () => {
    const [ok, badRequest, unauthorized] = operation?.responses ?? [];
    expect(ok?.examples).toHaveLength(1);
    expect(ok?.examples[0]?.name).toBeUndefined();
    expect(ok?.examples[0]?.value).toMatchObject({ sync: { isCoexistence: true, status: 'active', contacts: { requestedAt: null } } });
    expect(badRequest?.examples).toEqual([
      { name: 'no_waba', value: { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' } },
      { name: 'not_coexistence', value: { code: 'bad_request', message: 'Sync is only available for coexistence accounts' } },
    ]);
    expect(unauthorized?.examples).toEqual([]);
    expect(contacts?.responses[1]?.examples.map((e) => e.name)).toEqual(['no_waba', 'not_coexistence', 'not_active', 'in_progress', 'rate_limit']);
  });

  it('an operationId that is not there is a one-line SpecError listing the ones that are', () => {
    expect(() => getOperations(loadSpec(operationSpecPath), ['nope'])).toThrow(
      new SpecError(`${operationSpecPath}: no operation with operationId "nope" (it has: ${WHATSAPP_SYNC.join(', ')})`),
    );
  });
});

it('finds the same operations in the full public description (104 paths)', () => {
  const found = getOperations(loadSpec(fullSpecPath), WHATSAPP_SYNC);
  expect(found.map((o) => o.label)).toEqual([`GET ${SYNC_PATH}`, `POST ${SYNC_PATH}/history`, `POST ${SYNC_PATH}/contacts`]);
  expect(found[0]?.responses.map((r) => [r.status, r.schemaName])).toEqual([['200', 'WhatsAppSyncStatusResponse'], ['400', 'Error'], ['401', 'Error'], ['404', 'Error']]);
});

// OpenAPI 3.0 §4.7.10: ids are unique. One given twice (a copied path item not renamed) would be
// taken as the first, and the second operation said missing by its old id: the cause is named.
it('an operationId the run asks for that two operations share is a one-line SpecError naming both', () => {
  const shared = {
    paths: {
      '/a': { post: { operationId: 'startA', responses: { '202': { description: 'ok' } } } },
      '/b': { post: { operationId: 'startA', responses: { '202': { description: 'ok' } } }, get: { operationId: 'getB', responses: { '200': { description: 'ok' } } } },
    },
  };
  expect(() => getOperations(specOf(shared), ['getB', 'startA'])).toThrow(
    new SpecError('mem.yaml: operationId "startA" is given to 2 operations (POST /a, POST /b): each must be unique, and the suite finds an operation by it'),
  );
  // An id shared by operations the run does not ask for is not its concern.
  expect(getOperations(specOf(shared), ['getB']).map((o) => o.operationId)).toEqual(['getB']);
});

// loadContract asks once, in its own words (the likely new name of a renamed id), and refuses a
// shared id before that: the shared id is the cause, the other operation missing its symptom.
it('an id the spec lacks is said with the guess the caller gives, after a shared id and before any operation is built', () => {
  const spec = specOf({
    paths: {
      '/x/{id}': { get: { operationId: 'getX', responses: { '200': { description: 'ok' } } } },
      '/a': { post: { operationId: 'startA', responses: { '202': { description: 'ok' } } } },
      '/b': { post: { operationId: 'startA', responses: { '202': { description: 'ok' } } } },
    },
  });
  const guess = (operationId: string, known: readonly string[]) => `not ${operationId} but ${known.join(' or ')}? `;
  // getX is broken (its {id} undeclared) and asked first: the missing id is still what is said.
  expect(() => getOperations(spec, ['getX', 'nope'], guess)).toThrow(new SpecError('mem.yaml: no operation with operationId "nope" (not nope but getX or startA? it has: getX, startA)'));
  expect(() => getOperations(spec, ['getX', 'nope'])).toThrow(new SpecError('mem.yaml: no operation with operationId "nope" (it has: getX, startA)'));
  expect(() => getOperations(spec, ['nope', 'startA'], guess)).toThrow(/operationId "startA" is given to 2 operations \(POST \/a, POST \/b\)/);
});

it('names path parameters in order', () => {
  expect(pathParametersOf('/v1/a/{a}/b/{bId}')).toEqual(['a', 'bId']);
  expect(pathParametersOf('/v1')).toEqual([]);
});

describe('$refs', () => {
  const document = {
    paths: {
      '/x/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: {
          operationId: 'getX',
          responses: {
            '200': { $ref: '#/components/responses/Ok' },
            default: {
              description: 'Problem.',
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, examples: { a: { $ref: '#/components/examples/Problem' } } } },
            },
            '204': { description: 'Nothing.' },
          },
        },
      },
    },
    components: {
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
      responses: {
        Ok: { description: 'Fine.', content: { 'text/plain': {}, 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: null } } },
      },
      examples: { Problem: { summary: 's', value: { title: 'oops' } } },
      schemas: { Thing: { type: 'object' }, Problem: { type: 'object' } },
    },
  };

  // An inline body schema is refused (documented-response.test.ts): it would judge no answer.
  it('follows response and example refs; example: null counts', () => {
    const [operation] = getOperations(specOf(document), ['getX']);
    expect(operation?.responses).toEqual([
      { status: '200', description: 'Fine.', mediaTypes: ['text/plain', 'application/json'], schemaName: 'Thing', examples: [{ value: null }] },
      { status: '204', description: 'Nothing.', mediaTypes: [], examples: [] },
      { status: 'default', description: 'Problem.', mediaTypes: ['application/problem+json'], schemaName: 'Problem', examples: [{ name: 'a', value: { title: 'oops' } }] },
    ]);
  });

  it('a path parameter no parameter declares is a SpecError', () => {
    const undeclared = structuredClone(document);
    undeclared.paths['/x/{id}'].parameters = [];
    expect(() => getOperations(specOf(undeclared), ['getX'])).toThrow(/GET \/x\/\{id\} has path parameter \{id\} but no parameter declares it/);
  });

  it('a dangling response or parameter ref is a SpecError naming the ref and where it is', () => {
    const broken = structuredClone(document);
    broken.paths['/x/{id}'].get.responses['200'] = { $ref: '#/components/responses/Gone' };
    expect(() => getOperations(specOf(broken), ['getX'])).toThrow(
      new SpecError('mem.yaml: $ref "#/components/responses/Gone" at #/paths/~1x~1{id}/get/responses/200 points to nothing'),
    );
    const badParam = structuredClone(document);
    badParam.paths['/x/{id}'].parameters = [{ $ref: '#/components/parameters/Gone' }];
    expect(() => getOperations(specOf(badParam), ['getX'])).toThrow(/\$ref "#\/components\/parameters\/Gone" at #\/paths\/~1x~1\{id\}\/parameters\/0/);
  });
});
