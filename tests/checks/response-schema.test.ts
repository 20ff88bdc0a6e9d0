import { contentTypeCheck } from '../../src/checks/content-type';
import { jsonBodyCheck } from '../../src/checks/json-body';
import { responseSchemaCheck } from '../../src/checks/response-schema';
import type { LoadedSpec } from '../../src/model/operation';
import { OMITTED_PLACES_CHARS, OMITTED_PLACES_KEPT } from '../../src/model/violation';
import { getOperations } from '../../src/openapi/operation';
import { fakeSchemaValidator } from './support/fake-schema-validator';
import { context, exchange, jsonResponse, response, syncBody, syncOperation } from './support/exchange-factory';

describe('response-schema', () => {
  it('passes a body that matches the documented schema, validated against that schema', () => {
    const schemas = fakeSchemaValidator();
    expect(responseSchemaCheck.run(exchange(jsonResponse(200, syncBody)), context({ schemas }))).toEqual([]);
    expect(schemas.validated).toEqual(['WhatsAppSyncStatusResponse']);
  });

  it('validates error statuses against their own schema', () => {
    const schemas = fakeSchemaValidator();
    responseSchemaCheck.run(exchange(jsonResponse(401, { code: 'unauthorized', message: 'no' })), context({ status: 401, schemas }));
    expect(schemas.validated).toEqual(['Error']);
  });

  it('reports one error per issue with pointers, the received value and the allowed values', () => {
    const body = { sync: { ...syncBody.sync, isCoexistence: 'yes', status: 'paused' } };
    const found = responseSchemaCheck.run(exchange(jsonResponse(200, body)), context());
    expect(found).toHaveLength(2);
    expect(found[1]).toMatchObject({
      check: 'response-schema',
      severity: 'error',
      instancePath: '/sync/status',
      schemaPath: 'WhatsAppSyncStatus.json#/properties/status/enum',
    });
    expect(found[1]?.message).toMatch(/^Received: "paused" \/ Expected: must be equal to one of the allowed values: one of \["pending_verification",/);
    expect(found[0]?.message).toBe('Received: "yes" / Expected: must be boolean');
  });

  it('flags a missing required property on an error body', () => {
    const found = responseSchemaCheck.run(exchange(jsonResponse(404, { error: 'not found' })), context({ status: 404 }));
    expect(found.map((violation) => violation.message)).toEqual([
      `Received: {"error":"not found"} / Expected: must have required property 'code'`,
      `Received: {"error":"not found"} / Expected: must have required property 'message'`,
    ]);
  });

  it('stays silent on an undocumented status and on a body that does not parse', () => {
    expect(responseSchemaCheck.run(exchange(jsonResponse(418, { teapot: true })), context())).toEqual([]);
    expect(responseSchemaCheck.run(exchange(response(200, '{not json', { 'content-type': 'application/json' })), context())).toEqual([]);
  });

  it('throws (a crash, not a breach) when the documented schema is unknown to the validator', () => {
    const operation = { ...syncOperation, responses: [{ status: '200', description: '', mediaTypes: ['application/json'], schemaName: 'Nope', examples: [] }] };
    expect(() => responseSchemaCheck.run(exchange(jsonResponse(200, syncBody)), context({ operation }))).toThrow(/Nope/);
  });

  it('validates a +json body on any top-level type, as content-type and json-body accept it (RFC 6838)', () => {
    // Regression: the spec and the checks had two isJsonMediaType that disagreed on text/vnd.x+json,
    // so content-type and json-body judged the body as JSON while response-schema skipped it.
    const mediaType = 'text/vnd.zavu+json';
    const document = {
      paths: { [syncOperation.pathTemplate]: { get: { operationId: 'getWhatsAppSyncStatus', parameters: [{ name: 'senderId', in: 'path' }], responses: { '200': {
        description: 'ok',
        content: { [mediaType]: { schema: { $ref: '#/components/schemas/WhatsAppSyncStatusResponse' } } },
      } } } } },
    };
    const spec: LoadedSpec = { path: 'mem.yaml', title: 't', version: '1', sha256: '0', document };
    const [operation] = getOperations(spec, ['getWhatsAppSyncStatus']);
    if (operation === undefined) throw new Error('no operation');
    const schemas = fakeSchemaValidator();
    const sent = exchange(jsonResponse(200, { sync: { ...syncBody.sync, status: 'paused' } }, { 'content-type': mediaType }));
    expect(contentTypeCheck.run(sent, context({ operation }))).toEqual([]);
    expect(jsonBodyCheck.run(sent, context({ operation }))).toEqual([]);
    expect(responseSchemaCheck.run(sent, context({ operation, schemas })).map((v) => v.instancePath)).toEqual(['/sync/status']);
    expect(schemas.validated).toEqual(['WhatsAppSyncStatusResponse']);
  });

  it('describes the first `keep` distinct issues and counts the rest, a repeated issue once', () => {
    const base = fakeSchemaValidator();
    const issues = Array.from({ length: 5000 }, (_, i) => ({ instancePath: `/items/${i}`, schemaPath: 'X.json#/items/type', keyword: 'type', message: 'must be string', params: { type: 'string' } }));
    const schemas = { ...base, validate: () => [...issues, ...issues] };
    const { violations, omitted } = responseSchemaCheck.runCounted(exchange(jsonResponse(200, syncBody)), context({ schemas }), 20);
    expect(violations.map((v) => v.instancePath)).toEqual(issues.slice(0, 20).map((i) => i.instancePath));
    // 4980 wrong items are one place: every element's, array indexes as `*`.
    expect(omitted).toEqual([{ check: 'response-schema', severity: 'error', count: 4980, instancePath: '/items', places: ['/items/*'] }]);
    expect(responseSchemaCheck.run(exchange(jsonResponse(200, syncBody)), context({ schemas }))).toHaveLength(5000);
  });

  it('lists each place of the issues it only counts, so a baseline can tell the same failure however they were ordered; at most OMITTED_PLACES_KEPT, then says it cut', () => {
    const base = fakeSchemaValidator();
    const at = (n: number) => Array.from({ length: n }, (_, i) => ({ instancePath: `/sync/k${i}`, schemaPath: 'X.json#/type', keyword: 'type', message: 'must be string', params: { type: 'string' } }));
    const counted = (n: number) => responseSchemaCheck.runCounted(exchange(jsonResponse(200, syncBody)), context({ schemas: { ...base, validate: () => at(n) } }), 20).omitted[0];
    expect(counted(25)?.places).toEqual(['/sync/k20', '/sync/k21', '/sync/k22', '/sync/k23', '/sync/k24']);
    expect(counted(25)).not.toHaveProperty('placesCut');
    const exactly = counted(20 + OMITTED_PLACES_KEPT);
    expect(exactly?.places).toHaveLength(OMITTED_PLACES_KEPT);
    expect(exactly).not.toHaveProperty('placesCut');
    const over = counted(21 + OMITTED_PLACES_KEPT);
    expect(over?.places).toHaveLength(OMITTED_PLACES_KEPT);
    expect(over?.placesCut).toBe(true);
    expect(over?.count).toBe(1 + OMITTED_PLACES_KEPT);
  });

  it("bounds the characters of the places it lists, as a target names a map's keys: 200 of 1,000 chars each would be 1.2 MB a check and step once JSON-escaped", () => {
    const base = fakeSchemaValidator();
    // Distinct keys of a map (additionalProperties with a schema) at just under the pointer cut, each its own place.
    const issues = Array.from({ length: 20 + OMITTED_PLACES_KEPT }, (_, i) => ({ instancePath: `/details/${String(i).padStart(4, '0')}${'\u0001'.repeat(980)}`, schemaPath: 'X.json#/type', keyword: 'type', message: 'must be string', params: { type: 'string' } }));
    const [counted] = responseSchemaCheck.runCounted(exchange(jsonResponse(200, syncBody)), context({ schemas: { ...base, validate: () => issues } }), 20).omitted;
    const chars = (counted?.places ?? []).reduce((n, p) => n + p.length, 0);
      expect(chars).toBeLessThanOrEqual(OMITTED_PLACES_CHARS);
    expect(counted?.places?.length).toBeGreaterThan(0);
    // The first found, in order; the rest unknown, which a baseline reads as "cannot tell" (red).
    expect(counted?.places).toEqual(issues.slice(20, 20 + (counted?.places?.length ?? 0)).map((i) => i.instancePath));
    expect(counted?.placesCut).toBe(true);
    expect(counted?.count).toBe(OMITTED_PLACES_KEPT);
  });

  it("bounds a place made of a target's long property name as a kept violation's pointer is", () => {
    const base = fakeSchemaValidator();
    const issues = Array.from({ length: 21 }, (_, i) => ({ instancePath: `/${'k'.repeat(5000)}${i}`, schemaPath: 'X.json#/type', keyword: 'type', message: 'must be string', params: { type: 'string' } }));
    const [counted] = responseSchemaCheck.runCounted(exchange(jsonResponse(200, syncBody)), context({ schemas: { ...base, validate: () => issues } }), 20).omitted;
    expect(counted?.places).toEqual([`/${'k'.repeat(999)}… (5003 chars)`]);
  });
});

