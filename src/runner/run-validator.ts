/**
 * The run's validator of the contract's component schemas, compiled eagerly so a broken schema
 * stops the run before a request. Checking the schemas against the JSON Schema meta-schema costs
 * more than compiling them (ajv compiles the meta-schema's own validator first), and its answer
 * depends only on the schemas' content: once it passed, a marker in the content cache lets later
 * runs over the same schemas skip it. A missing or damaged marker only means the check runs again.
 */
import { readFileSync } from 'node:fs';
import { cacheKey, readCache, writeCache } from '../cache/content-cache';
import type { SchemaValidator } from '../model';
import { createSchemaValidator } from '../schema/create-validator';

const CHECKED = 'meta-schema check passed';

/** ajv's version is part of the key: another ajv may judge the same schemas differently. */
function ajvVersion(): string {
  try {
    return (JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The cache file that says these schemas passed the meta-schema check. */
export function checkedMarker(schemas: Record<string, object>): string {
  return cacheKey('schemas-checked', 'txt', JSON.stringify(schemas), ajvVersion());
}

/** @throws SpecError when a schema does not compile (or, unless known good, breaks the meta-schema). */
export function runValidator(schemas: Record<string, object>): SchemaValidator {
  const marker = checkedMarker(schemas);
  const metaChecked = readCache(marker) === CHECKED;
  const validator = createSchemaValidator(schemas, { eager: true, metaChecked });
  if (!metaChecked) writeCache(marker, CHECKED);
  return validator;
}
