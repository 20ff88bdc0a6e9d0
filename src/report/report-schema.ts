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

let everyBreach: CachedValidate | undefined;

/** The report schema, listing every breach (not only the first): how a reader finds every field it does not know. */
function allErrorsValidator(): CachedValidate {
  everyBreach ??= cachedValidator('report-schema', REPORT_SCHEMA_PATH, 'fast', { allErrors: true });
  return everyBreach;
}

/** A JSON pointer's segments ("/results/0/a~1b" → results, 0, a/b). */
function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** "/results/3/attempts/0" and "outOfScope" as "results[].attempts[].outOfScope": one name for a field however many cases carry it. */
function fieldName(instancePath: string, property: string): string {
  return [...pointerSegments(instancePath), property].reduce((name, segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? `${name}[]` : name === '' ? segment : `${name}.${segment}`), '');
}

/** A report another suite wrote, as this one reads it: the fields it knows, and the names of those it does not. */
export interface ReadableReport {
  report: ConformanceReport;
  /** Fields the schema of this suite does not declare, removed from `report` ("warningDigest", "results[].outOfScope"), each once. */
  ignored: string[];
}

/**
 * `value` read as a report written by this suite or a newer one: a field this suite's schema does
 * not declare (a newer suite's addition) is removed and named in `ignored`, every field it does
 * declare must be as the schema says. A newer suite adds fields; it does not change what an old
 * one means (a change of meaning would be a new field), so what is left is a report this suite
 * can merge and render, and its own writer's strict check still passes on it. A problem (the
 * first breach, as reportSchemaError words it) when a known field is wrong or missing: a corrupt
 * or hand-edited file. `value` itself is left as it was.
 */
export function readableReport(value: unknown): ReadableReport | { problem: string } {
  const strict = validator();
  if (strict(value)) return { report: value as ConformanceReport, ignored: [] };
  const every = allErrorsValidator();
  every(value);
  // The schema has no oneOf/anyOf (a test keeps it so): every additionalProperties breach is of a field no branch of it declares.
  const unknown = (every.errors ?? []).flatMap((error) => (error.keyword === 'additionalProperties' && typeof error.params['additionalProperty'] === 'string' ? [{ at: error.instancePath, property: error.params['additionalProperty'] }] : []));
  if (unknown.length === 0) return { problem: firstSchemaError(strict) };
  const pruned = structuredClone(value) as Record<string, unknown>;
  for (const { at, property } of unknown) {
    const holder = pointerSegments(at).reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined), pruned);
    if (typeof holder === 'object' && holder !== null) delete (holder as Record<string, unknown>)[property];
  }
  if (!strict(pruned)) return { problem: firstSchemaError(strict) };
  return { report: pruned as unknown as ConformanceReport, ignored: [...new Set(unknown.map(({ at, property }) => fieldName(at, property)))] };
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
