/**
 * ajv validators for the suite's own fixed schemas (scenario rows, the report), compiled once per
 * schema version and kept as ajv standalone code: compiling costs tens of milliseconds on every
 * run, loading the compiled module about one, and ajv itself is not even loaded on a warm run.
 */
import { readFileSync } from 'node:fs';
import { cacheKey, readCache, writeCache } from './content-cache';
import { loadCachedFunction } from './load-module';

export interface CachedValidate {
  (data: unknown): boolean;
  errors?: { instancePath: string; schemaPath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null;
}


/** Entries already compiled in this process, with the source they were compiled from. */
const loaded = new Map<string, { source: string; validate: CachedValidate }>();

/** How the validator reports: `allErrors` lists every breach (ajv's allErrors), not only the first. */
export interface ValidatorOptions {
  allErrors?: boolean;
}

/**
 * @param name  a label for the cache file
 * @param schemaPath  the JSON Schema file (its bytes are part of the key)
 * @param formats  "fast" or "full" to add ajv-formats, undefined for none
 * @param options  ajv options that change what the validator reports (part of the cache key)
 */
export function cachedValidator(name: string, schemaPath: string, formats?: 'fast' | 'full', options: ValidatorOptions = {}): CachedValidate {
  const schemaText = readFileSync(schemaPath, 'utf8');
  const file = cacheKey(name, 'js', schemaText, formats ?? 'none', options.allErrors === true ? 'all-errors' : 'first-error');
  const cached = readCache(file);
  // A run reads one scenarios file per operation: the same entry is compiled once per process.
  const known = cached === undefined ? undefined : loaded.get(file);
  if (known !== undefined && known.source === cached) return known.validate;
  const fromCache = cached === undefined ? undefined : loadCachedFunction<CachedValidate>(cached, file);
  if (cached !== undefined && fromCache !== undefined) {
    loaded.set(file, { source: cached, validate: fromCache });
    return fromCache;
  }
  // Cold path: ajv and ajv-formats are loaded only here.
  const { default: Ajv, _ } = require('ajv') as typeof import('ajv');
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  const code = formats === undefined ? { source: true } : { source: true, formats: _`require("ajv-formats/dist/formats").${formats === 'full' ? _`fullFormats` : _`fastFormats`}` };
  // strictRequired off: report rules require properties declared one level up (if/then).
  const ajv = new Ajv({ strict: true, strictRequired: false, code, ...(options.allErrors === true ? { allErrors: true } : {}) });
  if (formats !== undefined) (require('ajv-formats') as typeof import('ajv-formats')).default(ajv, { mode: formats });
  const validate = ajv.compile(JSON.parse(schemaText) as object);
  writeCache(file, standaloneCode(ajv, validate));
  return validate as unknown as CachedValidate;
}
