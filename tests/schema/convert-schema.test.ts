/** Each OpenAPI 3.0 → draft-07 rule, checked on the output and, where it matters, through ajv. */
import { SpecError } from '../../src/model/errors';
import { convertSchema } from '../../src/schema/convert-schema';
import { convertOne, validatorFor } from './support/fixtures';

const S = '#/components/schemas/S';

describe('convertSchema: nullable', () => {
  it('with a type becomes a union with "null", and null validates', () => {
    expect(convertSchema({ type: 'string', format: 'date-time', nullable: true }, S)).toEqual({
      type: ['string', 'null'],
      format: 'date-time',
    });
    expect(validatorFor({ S: { type: 'string', nullable: true } }).validate('S', null)).toEqual([]);
  });

  it('with an enum also adds null to the enum, else the enum would still reject null', () => {
    const schema = { type: 'string', enum: ['sms', 'email'], nullable: true };
    expect(convertSchema(schema, S)).toEqual({ type: ['string', 'null'], enum: ['sms', 'email', null] });
    const validator = validatorFor({ S: schema });
    expect(validator.validate('S', null)).toEqual([]);
    expect(validator.validate('S', 'fax').map((issue) => issue.keyword)).toEqual(['enum']);
  });

  it('beside $ref becomes anyOf [ref, null] with annotations outside', () => {
    expect(convertSchema({ $ref: '#/components/schemas/T', nullable: true, description: 'd' }, S)).toEqual({
      description: 'd',
      anyOf: [{ $ref: 'T.json' }, { type: 'null' }],
    });
    const validator = validatorFor({ S: { $ref: '#/components/schemas/T', nullable: true }, T: { type: 'object' } });
    expect(validator.validate('S', null)).toEqual([]);
    expect(validator.validate('S', {})).toEqual([]);
    expect(validator.validate('S', 'x')).not.toEqual([]);
  });

  it('beside allOf becomes anyOf [allOf, null], which strict ajv compiles', () => {
    const schema = { allOf: [{ $ref: '#/components/schemas/T' }], nullable: true };
    expect(convertSchema(schema, S)).toEqual({ anyOf: [{ allOf: [{ $ref: 'T.json' }] }, { type: 'null' }] });
    const validator = validatorFor({ S: schema, T: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } });
    expect(validator.validate('S', null)).toEqual([]);
    expect(validator.validate('S', {})).not.toEqual([]);
  });

  it('nullable: false and a type-less nullable leave the schema as it was', () => {
    expect(convertSchema({ type: 'string', nullable: false }, S)).toEqual({ type: 'string' });
    expect(convertSchema({ description: 'any', nullable: true }, S)).toEqual({ description: 'any' });
  });

  it('without nullable, null is rejected', () => {
    expect(validatorFor({ S: { type: 'string' } }).validate('S', null).map((issue) => issue.keyword)).toEqual(['type']);
  });
});

describe('convertSchema: OpenAPI-only keywords', () => {
  it('drops example, xml, externalDocs, discriminator and deprecated', () => {
    const schema = {
      type: 'string',
      example: 'x',
      xml: { name: 'n' },
      externalDocs: { url: 'https://example.com' },
      discriminator: { propertyName: 'kind' },
      deprecated: true,
    };
    expect(convertSchema(schema, S)).toEqual({ type: 'string' });
    expect(() => validatorFor({ S: schema }).validate('S', 'x')).not.toThrow();
  });

  it('drops x-* extensions at every level', () => {
    const schema = { type: 'object', 'x-internal': true, properties: { a: { type: 'string', 'x-order': 1 } } };
    expect(convertSchema(schema, S)).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('keeps properties whose NAMES look like dropped keywords', () => {
    const schema = { type: 'object', properties: { example: { type: 'string' }, 'x-id': { type: 'integer' } } };
    expect(Object.keys(convertSchema(schema, S)['properties'] as object)).toEqual(['example', 'x-id']);
  });

  it('keeps readOnly, writeOnly, description, title and default', () => {
    const schema = { type: 'string', readOnly: true, writeOnly: false, description: 'd', title: 't', default: 'x' };
    expect(convertSchema(schema, S)).toEqual(schema);
  });
});

describe('convertSchema: additionalProperties', () => {
  it('absent stays absent, so extra properties are valid', () => {
    const schema = { type: 'object', required: ['a'], properties: { a: { type: 'string' } } };
    expect(convertOne(schema)).not.toHaveProperty('additionalProperties');
    expect(validatorFor({ S: schema }).validate('S', { a: 'x', extra: 1 })).toEqual([]);
  });

  it('true and schema forms are kept and converted', () => {
    expect(convertSchema({ type: 'object', additionalProperties: true }, S)).toEqual({ type: 'object', additionalProperties: true });
    expect(convertSchema({ type: 'object', additionalProperties: { type: 'string', nullable: true } }, S)).toEqual({
      type: 'object',
      additionalProperties: { type: ['string', 'null'] },
    });
  });
});

describe('convertSchema: recursion and refs', () => {
  it('converts inside properties, items, allOf/anyOf/oneOf and not', () => {
    const nullableString = { type: 'string', nullable: true, example: 'e' };
    const converted = convertSchema(
      {
        type: 'object',
        properties: { p: nullableString },
        allOf: [nullableString],
        anyOf: [nullableString],
        oneOf: [nullableString],
        not: nullableString,
      },
      S,
    );
    const expected = { type: ['string', 'null'] };
    expect(converted).toEqual({ type: 'object', properties: { p: expected }, allOf: [expected], anyOf: [expected], oneOf: [expected], not: expected });
    expect(convertSchema({ type: 'array', items: nullableString }, S)).toEqual({ type: 'array', items: expected });
  });

  it('rewrites component refs to <Name>.json, keeping a sub-pointer', () => {
    expect(convertSchema({ $ref: '#/components/schemas/Error' }, S)).toEqual({ $ref: 'Error.json' });
    expect(convertSchema({ $ref: '#/components/schemas/Error/properties/code' }, S)).toEqual({ $ref: 'Error.json#/properties/code' });
  });

  it('rejects a ref outside components.schemas with a one-line SpecError naming where', () => {
    const convert = (): unknown => convertSchema({ properties: { a: { $ref: '#/components/responses/R' } } }, S);
    expect(convert).toThrow(SpecError);
    expect(convert).toThrow('$ref "#/components/responses/R" at #/components/schemas/S/properties/a');
  });
});

describe('convertSchema: exclusive bounds', () => {
  it('turns OpenAPI 3.0 boolean exclusiveMinimum/Maximum into draft-07 numbers', () => {
    expect(convertSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true }, S)).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 10,
    });
    const validator = validatorFor({ S: { type: 'number', minimum: 0, exclusiveMinimum: true } });
    expect(validator.validate('S', 0).map((issue) => issue.keyword)).toEqual(['exclusiveMinimum']);
    expect(validator.validate('S', 0.5)).toEqual([]);
  });

  it('drops exclusiveMinimum: false and keeps the inclusive minimum', () => {
    expect(convertSchema({ type: 'number', minimum: 0, exclusiveMinimum: false }, S)).toEqual({ type: 'number', minimum: 0 });
    expect(validatorFor({ S: { type: 'number', minimum: 0, exclusiveMinimum: false } }).validate('S', 0)).toEqual([]);
  });
});

it('convertSchema does not share objects with the document', () => {
  const source = { type: 'string', enum: ['a'], default: { deep: ['x'] } };
  const converted = convertSchema(source, S);
  expect(converted['enum']).not.toBe(source.enum);
  expect(converted['default']).not.toBe(source.default);
});

it('convertSchema rejects a non-object schema', () => {
  expect(() => convertSchema('string', S)).toThrow('schema at #/components/schemas/S is not an object');
});
