/** getOperation on the real spec and on small documents exercising $refs and errors. */
import { SpecError } from '../../src/model/errors';
import type { LoadedSpec } from '../../src/model/operation';
import { loadSpec } from '../../src/openapi/load-spec';
import { getOperation } from '../../src/openapi/operation';
import { SYNC_PATH, fullSpecPath, operationSpecPath } from '../schema/support/fixtures';

const specOf = (document: Record<string, unknown>): LoadedSpec => ({ path: 'mem.yaml', title: 't', version: '1', sha256: '0', document });

describe('on specs/whatsapp-sync.openapi.yaml', () => {
  const operation = getOperation(loadSpec(operationSpecPath), 'GET', SYNC_PATH);

  it('names the operation', () => {
    expect(operation).toMatchObject({
      operationId: 'getWhatsAppSyncStatus',
      method: 'GET',
      pathTemplate: SYNC_PATH,
      label: `GET ${SYNC_PATH}`,
    });
  });

  it('lists the documented responses with status as written, media types and schema names', () => {
    expect(operation.responses.map((r) => [r.status, r.mediaTypes, r.schemaName])).toEqual([
      ['200', ['application/json'], 'WhatsAppSyncStatusResponse'],
      ['400', ['application/json'], 'Error'],
      ['401', ['application/json'], 'Error'],
      ['404', ['application/json'], 'Error'],
    ]);
    expect(operation.responses[2]?.description).toBe('Unauthorized.');
  });

  it('collects `example` (200) and `examples.*.value` (400)', () => {
    const [ok, badRequest, unauthorized] = operation.responses;
    expect(ok?.examples).toHaveLength(1);
    expect(ok?.examples[0]).toMatchObject({ sync: { isCoexistence: true, status: 'active', contacts: { requestedAt: null } } });
    expect(badRequest?.examples).toEqual([
      { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' },
      { code: 'bad_request', message: 'Sync is only available for coexistence accounts' },
    ]);
    expect(unauthorized?.examples).toEqual([]);
  });

  it('a path or method that is not there is a one-line SpecError', () => {
    const spec = loadSpec(operationSpecPath);
    expect(() => getOperation(spec, 'GET', '/v1/nope')).toThrow(new SpecError(`${operationSpecPath}: no path "/v1/nope" in paths`));
    const noGet = { ...spec, document: { ...spec.document, paths: { [SYNC_PATH]: { post: {} } } } };
    expect(() => getOperation(noGet, 'GET', SYNC_PATH)).toThrow(`path "${SYNC_PATH}" has no GET operation`);
  });
});

it('finds the same operation in the full public description', () => {
  const operation = getOperation(loadSpec(fullSpecPath), 'GET', SYNC_PATH);
  expect(operation.responses.map((r) => [r.status, r.schemaName])).toEqual([
    ['200', 'WhatsAppSyncStatusResponse'],
    ['400', 'Error'],
    ['401', 'Error'],
    ['404', 'Error'],
  ]);
});

describe('$refs', () => {
  const document = {
    paths: {
      '/x': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: {
          responses: {
            '200': { $ref: '#/components/responses/Ok' },
            default: {
              description: 'Problem.',
              content: { 'application/problem+json': { schema: { type: 'object' }, examples: { a: { $ref: '#/components/examples/Problem' } } } },
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
      schemas: { Thing: { type: 'object' } },
    },
  };

  it('follows response and example refs; an inline schema has no schemaName; example: null counts', () => {
    const operation = getOperation(specOf(document), 'GET', '/x');
    expect(operation.operationId).toBe('GET /x');
    expect(operation.responses).toEqual([
      { status: '200', description: 'Fine.', mediaTypes: ['text/plain', 'application/json'], schemaName: 'Thing', examples: [null] },
      { status: '204', description: 'Nothing.', mediaTypes: [], examples: [] },
      { status: 'default', description: 'Problem.', mediaTypes: ['application/problem+json'], examples: [{ title: 'oops' }] },
    ]);
  });

  it('a dangling response or parameter ref is a SpecError naming the ref and where it is', () => {
    const broken = structuredClone(document);
    broken.paths['/x'].get.responses['200'] = { $ref: '#/components/responses/Gone' };
    expect(() => getOperation(specOf(broken), 'GET', '/x')).toThrow(
      new SpecError('mem.yaml: $ref "#/components/responses/Gone" at #/paths/~1x/get/responses/200 points to nothing'),
    );
    const badParam = structuredClone(document);
    badParam.paths['/x'].parameters = [{ $ref: '#/components/parameters/Gone' }];
    expect(() => getOperation(specOf(badParam), 'GET', '/x')).toThrow(/\$ref "#\/components\/parameters\/Gone" at #\/paths\/~1x\/parameters\/0/);
  });
});
