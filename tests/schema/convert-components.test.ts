/** Whole-document conversion: ids, refs, and every schema of the full public Zavu description. */
import { existsSync } from 'node:fs';
import Ajv from 'ajv';
import { SpecError } from '../../src/model/errors';
import { convertComponents } from '../../src/schema/convert-components';
import { createSchemaValidator } from '../../src/schema/create-validator';
import { addOpenApiFormats } from '../../src/schema/openapi-formats';
import { loadSpec } from '../../src/openapi/load-spec';
import { documentWith, fullSpecPath, operationSpecPath } from './support/fixtures';

it('gives each component $schema draft-07 and $id "<Name>.json", in sorted name order', () => {
  const converted = convertComponents(documentWith({ Zed: { type: 'string' }, Alpha: { $ref: '#/components/schemas/Zed' } }));
  expect(Object.keys(converted)).toEqual(['Alpha', 'Zed']);
  expect(converted['Alpha']).toEqual({ $schema: 'http://json-schema.org/draft-07/schema#', $id: 'Alpha.json', $ref: 'Zed.json' });
  expect(Object.keys(converted['Zed'] ?? {})).toEqual(['$schema', '$id', 'type']);
});

it('rejects components that are aliases of each other in a ring (they name no schema), and keeps a ring with structure in it', () => {
  const ring = documentWith({ Response: { $ref: '#/components/schemas/Loop' }, Loop: { $ref: '#/components/schemas/Response' }, Fine: { type: 'string' } });
  expect(() => convertComponents(ring, 'spec.yaml')).toThrow(new SpecError('spec.yaml: components.schemas.Loop: $ref cycle Loop → Response → Loop: it names no schema'));
  const self = documentWith({ Self: { $ref: '#/components/schemas/Self' } });
  expect(() => convertComponents(self)).toThrow(/components\.schemas\.Self: \$ref cycle Self → Self/);
  // A tree: a node whose children are nodes is a schema.
  const tree = documentWith({ Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } } });
  expect(Object.keys(convertComponents(tree))).toEqual(['Node']);
});

it('rejects a document without components.schemas, and a component name OpenAPI forbids', () => {
  expect(() => convertComponents({ openapi: '3.0.3' })).toThrow(new SpecError('missing components.schemas'));
  expect(() => convertComponents(documentWith({ '../evil': { type: 'string' } }))).toThrow(/not a valid component name/);
});

it('converts every schema of the operation spec into something strict ajv compiles', () => {
  const schemas = convertComponents(loadSpec(operationSpecPath).document);
  expect(Object.keys(schemas)).toHaveLength(8);
  expect(() => createSchemaValidator(schemas, { eager: true })).not.toThrow();
});

describe('the full public Zavu description (../shared/spec/zavu-openapi-full.json)', () => {
  if (!existsSync(fullSpecPath)) {
    it('is present', () => {
      throw new Error(`${fullSpecPath} is missing: the shared folder must sit beside the repository root`);
    });
    return;
  }
  const spec = loadSpec(fullSpecPath);
  const schemas = convertComponents(spec.document);

  it('has 181 component schemas, all converted', () => {
    expect(Object.keys(schemas)).toHaveLength(181);
  });

  it('every one of them compiles in one strict Ajv instance with the OpenAPI formats', () => {
    const ajv = addOpenApiFormats(new Ajv({ strict: true, allErrors: true }));
    for (const schema of Object.values(schemas)) ajv.addSchema(schema);
    const failures: string[] = [];
    for (const name of Object.keys(schemas)) {
      try {
        ajv.getSchema(`${name}.json`);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('leaves no OpenAPI-only keyword or OpenAPI ref behind', () => {
    const leftovers: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) collectLeftovers(schema, name, leftovers);
    expect(leftovers).toEqual([]);
  });
});

/** Keywords (not property names) that draft-07 does not know, and refs still in OpenAPI form. */
function collectLeftovers(schema: unknown, where: string, found: string[]): void {
  if (typeof schema !== 'object' || schema === null) return;
  for (const [key, value] of Object.entries(schema)) {
    if (/^(nullable|example|xml|externalDocs|discriminator|deprecated|x-.*)$/.test(key)) found.push(`${where}/${key}`);
    if (key === '$ref' && String(value).startsWith('#/components/')) found.push(`${where}/$ref`);
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, child] of Object.entries(value)) collectLeftovers(child, `${where}/properties/${name}`, found);
    } else if (['items', 'not', 'additionalProperties', 'allOf', 'anyOf', 'oneOf'].includes(key)) {
      for (const [index, child] of (Array.isArray(value) ? value : [value]).entries()) collectLeftovers(child, `${where}/${key}/${index}`, found);
    }
  }
}
