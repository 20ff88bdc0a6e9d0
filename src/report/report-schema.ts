/**
 * The JSON Schema of reports/conformance.json, and the gate every report passes before it is
 * written. The report is our own format, so a report the schema rejects is a bug in the suite.
 */
import * as path from 'node:path';
import { cachedValidator, type CachedValidate } from '../cache/cached-validator';
import type { ConformanceReport } from '../model';

type ErrorObject = NonNullable<CachedValidate['errors']>[number];

/**
 * Absolute path of schemas/conformance-report.schema.json. Resolved from this file's folder, which
 * is src/report under Jest and dist/report after tsc: the repo root is two levels up from both.
 * (A JSON import would not work: the schema lives outside tsc's rootDir.)
 */
export const REPORT_SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schemas', 'conformance-report.schema.json');

let compiled: CachedValidate | undefined;

/**
 * Compiles the schema once per schema version (ajv strict mode: a typo in our own schema fails
 * loudly rather than allowing anything); reading and compiling costs more than validating.
 */
function validator(): CachedValidate {
  compiled ??= cachedValidator('report-schema', REPORT_SCHEMA_PATH, 'fast');
  return compiled;
}

/** "/results/0/status must be equal to one of the allowed values (allowed: passed, failed, …)". */
function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params;
  let detail = '';
  if (typeof params['additionalProperty'] === 'string') detail = ` (${JSON.stringify(params['additionalProperty'])})`;
  if (Array.isArray(params['allowedValues'])) detail = ` (allowed: ${params['allowedValues'].join(', ')})`;
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

/**
 * The first breach `validate` found on its last call, in the words above. Shared with
 * certificate-schema.ts so both of our formats name a breach the same way.
 */
export function firstSchemaError(validate: CachedValidate): string {
  const first = validate.errors?.[0];
  return first ? describe(first) : 'unknown schema error';
}

/**
 * The first breach of the report schema in `value`, in words ("/runInfo must have required
 * property 'target'"), or undefined when it is a valid report. For callers that read a report
 * someone else wrote (a baseline, a shard) and must say what is wrong with it.
 */
export function reportSchemaError(value: unknown): string | undefined {
  const validate = validator();
  return validate(value) ? undefined : firstSchemaError(validate);
}

/**
 * Throws an Error naming the first breach (instancePath and message) when `report` does not match
 * the report schema. Returns the report, typed, when it does.
 */
export function validateReport(report: unknown): ConformanceReport {
  const reason = reportSchemaError(report);
  if (reason === undefined) return report as ConformanceReport;
  throw new Error(`conformance report does not match ${path.basename(REPORT_SCHEMA_PATH)} (a bug in the suite): ${reason}`);
}
