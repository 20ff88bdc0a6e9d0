/** The formats OpenAPI descriptions use, as registered on a strict Ajv instance. */
import Ajv from 'ajv';
import { addOpenApiFormats } from '../../src/schema/openapi-formats';

const ajv = addOpenApiFormats(new Ajv({ strict: true, allErrors: true }));
const accepts = (type: string, format: string, value: unknown): boolean => ajv.validate({ type, format }, value);

describe('date-time: RFC 3339 with a time zone', () => {
  it.each([
    '2024-01-15T10:00:00Z',
    '2024-01-15T10:00:00.123Z',
    '2024-01-15T10:00:00+02:00',
    '2024-01-15T10:00:00-05:30',
    '2024-01-15t10:00:00z', // RFC 3339 §5.6: T and Z may be lower case
    '2016-12-31T23:59:60Z', // a leap second
  ])('accepts %s', (value) => expect(accepts('string', 'date-time', value)).toBe(true));

  it.each([
    ['no time zone', '2024-01-15T10:00:00'],
    ['a space for T (ajv-formats full mode accepts it)', '2024-01-15 10:00:00Z'],
    ['an offset without colon (ajv-formats full mode accepts it)', '2024-01-15T10:00:00+0200'],
    ['a date only', '2024-01-15'],
    ['February 30th', '2024-02-30T10:00:00Z'],
    ['hour 25', '2024-01-15T25:00:00Z'],
    ['a leap second at the wrong time', '2024-01-15T10:00:60Z'],
    ['no seconds', '2024-01-15T10:00Z'],
  ])('rejects %s', (_why, value) => expect(accepts('string', 'date-time', value)).toBe(false));
});

describe('OpenAPI numeric formats', () => {
  it('int32 checks the 32-bit range', () => {
    expect(accepts('integer', 'int32', 2 ** 31 - 1)).toBe(true);
    expect(accepts('integer', 'int32', -(2 ** 31))).toBe(true);
    expect(accepts('integer', 'int32', 2 ** 31)).toBe(false);
  });

  it('int64 checks the 64-bit range', () => {
    expect(accepts('integer', 'int64', Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(accepts('integer', 'int64', -(2 ** 63))).toBe(true);
    expect(accepts('integer', 'int64', 2 ** 63)).toBe(false);
    expect(accepts('integer', 'int64', 1e20)).toBe(false);
  });

  it('float and double accept any number', () => {
    expect(accepts('number', 'float', 1.5)).toBe(true);
    expect(accepts('number', 'double', -1e300)).toBe(true);
  });
});

describe('OpenAPI string formats', () => {
  it('byte is base64, also across lines (ajv-formats alone lets "!!!\\nAAAA" through)', () => {
    expect(accepts('string', 'byte', 'aGVsbG8=')).toBe(true);
    expect(accepts('string', 'byte', '')).toBe(true);
    expect(accepts('string', 'byte', 'not base64!')).toBe(false);
    expect(accepts('string', 'byte', '!!!\nAAAA')).toBe(false);
  });

  it('binary and password accept anything', () => {
    expect(accepts('string', 'binary', '\u0000\u00ff')).toBe(true);
    expect(accepts('string', 'password', 'hunter2')).toBe(true);
  });

  it('keeps the ajv-formats full-mode formats the Zavu description uses', () => {
    expect(accepts('string', 'uri', 'https://api.zavu.dev/v1')).toBe(true);
    expect(accepts('string', 'uri', 'not a uri')).toBe(false);
    expect(accepts('string', 'email', 'ops@zavu.dev')).toBe(true);
    expect(accepts('string', 'email', 'ops@')).toBe(false);
  });
});

it('an unknown format is a compile error (strict formats), not a silent pass', () => {
  expect(() => ajv.compile({ type: 'string', format: 'zavu-id' })).toThrow(/unknown format "zavu-id"/);
});
