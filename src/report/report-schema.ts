/**
 * The JSON Schema of reports/conformance.json, and the gate every report passes before it is
 * written. The report is our own format, so a report the schema rejects is a bug in the suite.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ConformanceReport } from '../model';

/**
 * Absolute path of schemas/conformance-report.schema.json. Resolved from this file's folder, which
 * is src/report under Jest and dist/report after tsc: the repo root is two levels up from both.
 * (A JSON import would not work: the schema lives outside tsc's rootDir.)
 */
export const REPORT_SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schemas', 'conformance-report.schema.json');

let compiled: ValidateFunction | undefined;

/** Compiles the schema once per process; reading and compiling it costs more than validating. */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  // strict: a typo in our own schema should fail loudly here rather than silently allow anything.
  // strictRequired is off because the if/then rules require properties declared one level up.
  const ajv = new Ajv({ strict: true, strictRequired: false });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

/** "/results/0/status must be equal to one of the allowed values (allowed: passed, failed, …)". */
function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (typeof params['additionalProperty'] === 'string') detail = ` (${JSON.stringify(params['additionalProperty'])})`;
  if (Array.isArray(params['allowedValues'])) detail = ` (allowed: ${params['allowedValues'].join(', ')})`;
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

/**
 * Throws an Error naming the first breach (instancePath and message) when `report` does not match
 * the report schema. Returns the report, typed, when it does.
 */
export function validateReport(report: unknown): ConformanceReport {
  const validate = validator();
  if (validate(report)) return report as ConformanceReport;
  const first = validate.errors?.[0];
  const reason = first ? describe(first) : 'unknown schema error';
  throw new Error(`conformance report does not match ${path.basename(REPORT_SCHEMA_PATH)} (a bug in the suite): ${reason}`);
}
