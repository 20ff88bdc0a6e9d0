/**
 * The `format` values an OpenAPI 3.0 description may use, registered on an Ajv instance that
 * runs with strict formats: a format nobody registered is a compile error, not a silent pass.
 * One table, OPENAPI_FORMATS: registered on an Ajv instance by addOpenApiFormats, and handed as it
 * is to the contract's validators when they run from cached standalone code (create-validator.ts),
 * so both run the very same functions. It builds on ajv-formats' formats module alone, which
 * (unlike its plugin entry) does not load ajv.
 */
import type Ajv from 'ajv';
import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

// RFC 3339 §5.6 `date-time` production: "T" between date and time (either case) and a zone that
// is "Z" or ±hh:mm. ajv-formats' full mode also accepts a space separator and "+hhmm", which
// RFC 3339 only mentions as ISO 8601 variants; a body the contract calls date-time must not.
const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

// ajv-formats' byte pattern carries the `m` flag, so any one valid line passes a multi-line string.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// ±2^63 are exact doubles; 2^63 - 1 is not (it rounds to 2^63), hence the strict upper bound.
const INT64_LIMIT = 2 ** 63;

function isIntegerBelow(value: number, limit: number): boolean {
  return Number.isInteger(value) && value >= -limit && value < limit;
}

/** ajv-formats' own full-mode string validator for name; throws if a new ajv-formats version reshaped it. */
function fullModeValidator(name: 'date-time'): (value: string) => boolean {
  const format = fullFormats[name] as unknown;
  const validate = typeof format === 'object' && format !== null ? (format as { validate?: unknown }).validate : undefined;
  if (typeof validate !== 'function') throw new Error(`ajv-formats has no validate function for "${name}"`);
  return (value) => (validate as (text: string) => unknown)(value) === true;
}

const checkCalendar = fullModeValidator('date-time');

/**
 * ajv-formats' full mode (date, time, date-time, uri, email, uuid, ...) and OpenAPI's own formats:
 * int32/int64 (integer range checks), float/double (any number), byte (base64), binary and
 * password (anything). date-time is tightened to RFC 3339 proper; the full-mode check still runs
 * for what a pattern cannot see (day of month, leap seconds).
 */
export const OPENAPI_FORMATS: Readonly<Record<string, Format>> = {
  ...fullFormats,
  'date-time': { type: 'string', validate: (value: string) => RFC3339_DATE_TIME.test(value) && checkCalendar(value) },
  int32: { type: 'number', validate: (value: number) => isIntegerBelow(value, 2 ** 31) },
  int64: { type: 'number', validate: (value: number) => isIntegerBelow(value, INT64_LIMIT) },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (value: string) => BASE64.test(value) },
  binary: true,
  password: true,
};

/** Registers every format of OPENAPI_FORMATS on `ajv`. */
export function addOpenApiFormats(ajv: Ajv): Ajv {
  for (const [name, format] of Object.entries(OPENAPI_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}
