/**
 * The run's validator of the contract's component schemas, compiled eagerly so a broken schema
 * stops the run before a request. Two costs depend only on the schemas' content (and ajv's
 * version), so the content cache remembers them:
 * - the check against the JSON Schema meta-schema, which costs more than compiling the schemas
 *   (ajv compiles the meta-schema's own validator first): once it passed, a marker lets later
 *   runs over the same schemas skip it;
 * - the strict compile itself, with ajv's load: once it passed, its standalone code is kept and a
 *   later run loads that instead (create-validator.ts), the same validators without ajv.
 * A missing or damaged entry only means the work is done again.
 */
import { readFileSync } from 'node:fs';
import { cacheKey, readCache, writeCache } from '../cache/content-cache';
import { loadCachedFunction } from '../cache/load-module';
import type { SchemaValidator } from '../model';
import { compileWithStandalone, loadStandalone, STANDALONE_LAYOUT } from '../schema/create-validator';

const CHECKED = 'meta-schema check passed';

let installedAjv: string | undefined;

/** ajv's version is part of the keys: another ajv may judge the same schemas differently, or write other code. Read once per process. */
function ajvVersion(): string {
  if (installedAjv !== undefined) return installedAjv;
  try {
    installedAjv = (JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    installedAjv = 'unknown';
  }
  return installedAjv;
}

/** The cache file that says these schemas passed the meta-schema check. */
export function checkedMarker(schemas: Record<string, object>): string {
  return cacheKey('schemas-checked', 'txt', JSON.stringify(schemas), ajvVersion());
}

/** The cache file of these schemas' validators as standalone code. */
export function standaloneEntry(schemas: Record<string, object>): string {
  return cacheKey('contract-validators', 'js', JSON.stringify(schemas), ajvVersion(), STANDALONE_LAYOUT);
}

/** @throws SpecError when a schema does not compile (or, unless known good, breaks the meta-schema). */
export function runValidator(schemas: Record<string, object>): SchemaValidator {
  const entry = standaloneEntry(schemas);
  const cached = readCache(entry);
  const loaded = cached === undefined ? undefined : loadStandalone(cached, schemas, (source) => loadCachedFunction(source, entry));
  if (loaded !== undefined) return loaded;
  const marker = checkedMarker(schemas);
  const metaChecked = readCache(marker) === CHECKED;
  const { validator, standalone } = compileWithStandalone(schemas, metaChecked);
  if (!metaChecked) writeCache(marker, CHECKED);
  if (standalone !== undefined) writeCache(entry, standalone);
  return validator;
}
