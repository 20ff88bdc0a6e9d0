/**
 * Reads one of the suite's own data files (scenarios, fixtures, families, rules) and checks it
 * against its JSON Schema with ajv before anything uses it. Every problem is one line naming the
 * file and the JSON pointer (data-problems.ts), so a typo in a row is exit 2 at load, not a failed
 * run; a load keeps them all (DataProblems) and says them at once, not one a run.
 */
import { resolve } from 'node:path';
import { cachedValidator } from '../cache/cached-validator';
import { readJsonFile } from '../files/read-json-file';
import { packageRoot } from '../package-root';
import { dataError } from './data-problems';

/** A file the suite reads data from, named as the user should see it (relative when it can be). */
export interface DataFile<T> {
  file: string;
  data: T;
}

/**
 * @param schema  file name under schemas/, e.g. "scenarios.schema.json"
 * @throws UsageError when the file is missing, not JSON, or breaks its schema
 */
export function readDataFile<T>(file: string, schema: string): DataFile<T> {
  const data = readJsonFile(file, '', `a ${schema.replace(/\.schema\.json$/, '')} file`);
  const validate = cachedValidator(schema.replace(/\.schema\.json$/, '-schema'), resolve(packageRoot, 'schemas', schema));
  if (!validate(data)) {
    // oneOf/anyOf report every branch; the deepest error is the one a person can act on.
    const errors = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    const first = errors[0];
    const allowed = Array.isArray(first?.params['allowedValues']) ? ` (allowed: ${(first.params['allowedValues'] as unknown[]).join(', ')})` : '';
    const extra = typeof first?.params['additionalProperty'] === 'string' ? ` (${JSON.stringify(first.params['additionalProperty'])})` : '';
    // An anyOf of required properties (an assertion needs equals, oneOf, present or type) fails once per branch: name them all.
    const missing = errors.filter((e) => e.instancePath === first?.instancePath && e.keyword === 'required').map((e) => String(e.params['missingProperty']));
    const message = first?.keyword === 'required' && missing.length > 1 ? `must have one of the properties ${missing.join(', ')}` : first?.message;
    throw dataError(file, first?.instancePath ?? '', `${message ?? 'is invalid'}${allowed}${extra}`);
  }
  return { file, data: data as T };
}
