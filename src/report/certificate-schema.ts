/**
 * The JSON Schema of reports/certificate.json and the gate a certificate passes before it is
 * written. Like the report, it is our own format: a certificate the schema rejects is a bug.
 */
import * as path from 'node:path';
import { cachedValidator, type CachedValidate } from '../cache/cached-validator';
import type { Certificate } from '../model';

/** Absolute path of schemas/certificate.schema.json (two levels up from src/report and dist/report). */
export const CERTIFICATE_SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schemas', 'certificate.schema.json');

let compiled: CachedValidate | undefined;

/** Throws an Error naming the first breach when `certificate` does not match its schema. */
export function validateCertificate(certificate: unknown): Certificate {
  compiled ??= cachedValidator('certificate-schema', CERTIFICATE_SCHEMA_PATH, 'fast');
  if (compiled(certificate)) return certificate as Certificate;
  const first = compiled.errors?.[0];
  const reason = first ? `${first.instancePath === '' ? '(root)' : first.instancePath} ${first.message ?? 'is invalid'}` : 'unknown schema error';
  throw new Error(`certificate does not match ${path.basename(CERTIFICATE_SCHEMA_PATH)} (a bug in the suite): ${reason}`);
}
