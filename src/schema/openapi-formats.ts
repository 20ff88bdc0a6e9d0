/**
 * The `format` values an OpenAPI 3.0 description may use, registered on an Ajv instance that
 * runs with strict formats: a format nobody registered is a compile error, not a silent pass.
 */
import type Ajv from 'ajv';
import addFormats from 'ajv-formats';

// RFC 3339 §5.6 `date-time` production: "T" between date and time (either case) and a zone that
// is "Z" or ±hh:mm. ajv-formats' full mode also accepts a space separator and "+hhmm", which
// RFC 3339 only mentions as ISO 8601 variants; a body the contract calls date-time must not.
const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

// ajv-formats' byte pattern carries the `m` flag, so any one valid line passes a multi-line string.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// ±2^63 are exact doubles; 2^63 - 1 is not (it rounds to 2^63), hence the strict upper bound.
const INT64_LIMIT = 2 ** 63;

/**
 * Registers ajv-formats in full mode (date, time, date-time, uri, email, uuid, ...) and
 * OpenAPI's own formats: int32/int64 (integer range checks), float/double (any number),
 * byte (base64), binary and password (anything). date-time is tightened to RFC 3339 proper.
 */
export function addOpenApiFormats(ajv: Ajv): Ajv {
  addFormats(ajv, { mode: 'full' });
  const checkCalendar = fullModeValidator('date-time');
  // The full-mode check still runs for what a pattern cannot see: day of month, leap seconds.
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => RFC3339_DATE_TIME.test(value) && checkCalendar(value) });
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => isIntegerBelow(value, 2 ** 31) });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => isIntegerBelow(value, INT64_LIMIT) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', { type: 'string', validate: (value: string) => BASE64.test(value) });
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  return ajv;
}

function isIntegerBelow(value: number, limit: number): boolean {
  return Number.isInteger(value) && value >= -limit && value < limit;
}

/** ajv-formats' own string validator for name; throws if a new ajv-formats version reshaped it. */
function fullModeValidator(name: 'date-time'): (value: string) => boolean {
  const validate = (addFormats.get(name, 'full') as { validate?: unknown }).validate;
  if (typeof validate !== 'function') throw new Error(`ajv-formats has no validate function for "${name}"`);
  return (value) => (validate as (text: string) => unknown)(value) === true;
}
