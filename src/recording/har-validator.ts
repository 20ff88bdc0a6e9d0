/**
 * Validates a document against the HAR 1.2 JSON Schema maintained in the `har-schema` package
 * (draft-06, one file per HAR object). ajv 8 needs the draft-06 meta-schema added, and strict mode
 * off: the schemas use annotation words of the HAR spec ("optional", "min", "unique") that are not
 * JSON Schema keywords and are ignored by any draft-06 validator.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

// har-schema ships no types; its index re-exports the per-object schemas.
const harSchemas = require('har-schema') as Record<string, object>;

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use: most runs never read a recording. */
function harValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  for (const schema of Object.values(harSchemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema('har.json');
  if (!validate) throw new Error('har-schema has no har.json schema');
  compiled = validate;
  return validate;
}

/** What is wrong with `data` as HAR, as "<JSON pointer>: <message>", or undefined when it is valid. */
export function harProblem(data: unknown): string | undefined {
  const validate = harValidator();
  if (validate(data)) return undefined;
  const first = validate.errors?.[0];
  if (!first) return '/: not a HAR document';
  return `${first.instancePath || '/'}: ${first.message ?? first.keyword}`;
}
