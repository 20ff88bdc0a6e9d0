/** isJsonMediaType, the one definition spec and checks share, and what it decides for a documented response. */
import type { LoadedSpec } from '../../src/model/operation';
import { SpecError } from '../../src/model/errors';
import { isJsonMediaType, toDocumentedResponse } from '../../src/openapi/documented-response';

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['APPLICATION/JSON ; charset=utf-8', true],
    ['application/problem+json', true],
    // RFC 6838 §4.2.8: the +json suffix means JSON whatever the top-level type.
    ['text/vnd.x+json', true],
    ['application/vnd.api+json; charset=utf-8', true],
    ['application/vnd.a+b+json', true],
    ['text/html', false],
    ['text/json', false],
    ['application/json5', false],
    ['application/+json', false],
    ['application/json+xml', false],
    ['', false],
  ])('%s → %s', (mediaType, expected) => {
    expect(isJsonMediaType(mediaType)).toBe(expected);
  });
});

describe('toDocumentedResponse', () => {
  const spec: LoadedSpec = { path: 'mem.yaml', title: 't', version: '1', sha256: '0', document: {} };
  const withContent = (content: Record<string, unknown>): unknown => ({ description: 'd', content });

  it('takes the schema of a +json body on any top-level type, as the checks accept it as JSON', () => {
    // Regression: the spec side once only knew application/…+json, so response-schema skipped
    // bodies that content-type and json-body judged as JSON.
    const raw = withContent({ 'text/vnd.x+json': { schema: { $ref: '#/components/schemas/Error' }, example: { code: 'x' } } });
    expect(toDocumentedResponse(spec, '400', raw, '#/r')).toEqual({
      status: '400',
      description: 'd',
      mediaTypes: ['text/vnd.x+json'],
      schemaName: 'Error',
      examples: [{ value: { code: 'x' } }],
    });
  });

  it('takes no schema from a body that is not JSON', () => {
    const raw = withContent({ 'text/plain': { schema: { $ref: '#/components/schemas/Error' } } });
    expect(toDocumentedResponse(spec, '400', raw, '#/r')).toEqual({ status: '400', description: 'd', mediaTypes: ['text/plain'], examples: [] });
  });
});

describe('a JSON body schema that is not a component', () => {
  const spec: LoadedSpec = { path: 'mem.yaml', title: 't', version: '1', sha256: '0', document: {} };
  const withSchema = (schema: unknown): unknown => ({ description: 'd', content: { 'application/json': { schema } } });

  // The validators are compiled per component: an inline schema (44 response bodies of the full
  // Zavu description) was once taken as no schema, every body passing response-schema unjudged.
  it.each([
    ['an inline schema', { type: 'array' }, '#/r/content/application~1json/schema'],
    ['a ref into a component', { $ref: '#/components/schemas/Status/properties/sync' }, '#/r/content/application~1json/schema'],
    ['an allOf around a component', { allOf: [{ $ref: '#/components/schemas/Status' }, { required: ['phone'] }] }, '#/r/content/application~1json/schema'],
    ['a nullable wrapper around a component', { allOf: [{ $ref: '#/components/schemas/Status' }], nullable: true }, '#/r/content/application~1json/schema'],
  ])('%s is refused, naming where it is', (_name, schema, where) => {
    expect(() => toDocumentedResponse(spec, '200', withSchema(schema), '#/r')).toThrow(
      new SpecError(`mem.yaml: the 200 body schema at ${where} is not a $ref to #/components/schemas/<Name>, the only body schemas the suite validates with: move it into components.schemas and $ref it`),
    );
  });

  // OpenAPI 3.0's Reference Object: the members beside a $ref are ignored, so the body is the component's, as before.
  it('a $ref to a component with members beside it is that component', () => {
    expect(toDocumentedResponse(spec, '200', withSchema({ $ref: '#/components/schemas/Status', description: 'The status.', nullable: true }), '#/r').schemaName).toBe('Status');
  });

  it('no schema at all documents any JSON, as before', () => {
    expect(toDocumentedResponse(spec, '200', { description: 'd', content: { 'application/json': {} } }, '#/r')).toEqual({ status: '200', description: 'd', mediaTypes: ['application/json'], examples: [] });
  });

  // `{}` (or one with only words for the reader) holds every JSON value: judged by no component,
  // the verdict is the one it states, so there is nothing to move into components.
  it.each([
    ['an empty schema', {}],
    ['a schema of annotations alone', { description: 'Any JSON.', title: 'Anything', example: { a: 1 }, 'x-internal': true }],
  ])('%s accepts any JSON: not refused, no schemaName', (_name, schema) => {
    expect(toDocumentedResponse(spec, '200', withSchema(schema), '#/r')).toEqual({ status: '200', description: 'd', mediaTypes: ['application/json'], examples: [] });
  });

  it('a schema with one keyword that judges beside the annotations is refused', () => {
    expect(() => toDocumentedResponse(spec, '200', withSchema({ description: 'A list.', type: 'array' }), '#/r')).toThrow(/is not a \$ref to #\/components\/schemas\/<Name>/);
  });
});
