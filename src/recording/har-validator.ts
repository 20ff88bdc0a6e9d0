/**
 * Validates a document against the HAR 1.2 JSON Schema maintained in the `har-schema` package
 * (draft-06, one file per HAR object). ajv 8 needs the draft-06 meta-schema added, and strict mode
 * off: the schemas use annotation words of the HAR spec ("optional", "min", "unique") that are not
 * JSON Schema keywords and are ignored by any draft-06 validator.
 *
 * Nothing is loaded with this module: every run imports it (through read-recordings), few read a
 * recording. The validator is compiled once per har-schema and ajv version and kept as ajv
 * standalone code in the content cache (as src/cache/cached-validator.ts does for the suite's own
 * schemas), so a replay run, and the Jest worker that judges it, load it instead of compiling it.
 */
import type { ValidateFunction } from 'ajv';
import { cacheKey, readCache, writeCache } from '../cache/content-cache';
import { loadCachedFunction } from '../cache/load-module';

type HarValidate = Pick<ValidateFunction, 'errors'> & ((data: unknown) => boolean);

let compiled: HarValidate | undefined;


/** The cold path: ajv, ajv-formats and the schemas are loaded only here. */
function compile(file: string): HarValidate {
  const { default: Ajv, _ } = require('ajv') as typeof import('ajv');
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as object;
  // har-schema ships no types; its index re-exports the per-object schemas.
  const harSchemas = require('har-schema') as Record<string, object>;
  const ajv = new Ajv({ strict: false, allErrors: false, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  for (const schema of Object.values(harSchemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema('har.json');
  if (!validate) throw new Error('har-schema has no har.json schema');
  writeCache(file, standaloneCode(ajv, validate));
  return validate;
}

/** Compiled (or loaded from the cache) once per process, on first use. */
function harValidator(): HarValidate {
  if (compiled) return compiled;
  const versions = ['har-schema', 'ajv', 'ajv-formats'].map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
  // The options of compile() are part of the key too: changing them must not load yesterday's code.
  const file = cacheKey('har-schema', 'js', ...versions, 'draft-06 meta-schema, strict off, full formats');
  const cached = readCache(file);
  compiled = (cached === undefined ? undefined : loadCachedFunction<HarValidate>(cached, file)) ?? compile(file);
  return compiled;
}

/** What is wrong with `data` as HAR, as "<JSON pointer>: <message>", or undefined when it is valid. */
export function harProblem(data: unknown): string | undefined {
  const validate = harValidator();
  if (validate(data)) return undefined;
  const first = validate.errors?.[0];
  if (!first) return '/: not a HAR document';
  return `${first.instancePath || '/'}: ${first.message ?? first.keyword}`;
}
