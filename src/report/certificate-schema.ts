/**
 * The JSON Schema of reports/certificate.json, for tools that read certificate.json alone. The
 * report schema holds the same definition (a test keeps the two identical), so writeReports
 * validates a certificate once, as part of the report; this validator checks the standalone file.
 */
import * as path from 'node:path';
import { cachedValidator, type CachedValidate } from '../cache/cached-validator';
import type { Certificate } from '../model';
import { firstSchemaError } from './report-schema';

/** Absolute path of schemas/certificate.schema.json (two levels up from src/report and dist/report). */
export const CERTIFICATE_SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schemas', 'certificate.schema.json');

let compiled: CachedValidate | undefined;

/** Throws an Error naming the first breach when `certificate` does not match its schema. */
export function validateCertificate(certificate: unknown): Certificate {
  compiled ??= cachedValidator('certificate-schema', CERTIFICATE_SCHEMA_PATH, 'fast');
  if (compiled(certificate)) return certificate as Certificate;
  throw new Error(`certificate does not match ${path.basename(CERTIFICATE_SCHEMA_PATH)} (a bug in the suite): ${firstSchemaError(compiled)}`);
}
