/**
 * Reads one of the suite's own data files (scenarios, fixtures, families, rules) and checks it
 * against its JSON Schema with ajv before anything uses it. Every problem is one line naming the
 * file and the JSON pointer (data-problems.ts), so a typo in a row is exit 2 at load, not a failed
 * run; a file's every schema problem is its own line (schema-problems.ts), and a load keeps them
 * all (DataProblems) and says them at once, not one a run.
 */
import { resolve } from 'node:path';
import { cachedValidator } from '../cache/cached-validator';
import { readJsonFile } from '../files/read-json-file';
import { packageRoot } from '../package-root';
import { dataErrors } from './data-problems';

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
  const name = schema.replace(/\.schema\.json$/, '-schema');
  const path = resolve(packageRoot, 'schemas', schema);
  const validate = cachedValidator(name, path);
  if (!validate(data)) {
    // Only a file found wrong is checked again, with every breach listed (ajv's allErrors, its own
    // compiled validator, cached as the first): a clean load runs the first-error one alone.
    // A file too large for that pass to hold its every breach says the first (ALL_ERRORS_MAX_VALUES).
    const { fitsAllErrorsPass, schemaProblems } = require('./schema-problems') as typeof import('./schema-problems');
    const firstBreach = validate.errors;
    const everyBreach = fitsAllErrorsPass(data) ? cachedValidator(name, path, undefined, { allErrors: true }) : undefined;
    const breaches = everyBreach === undefined || everyBreach(data) ? firstBreach : everyBreach.errors;
    throw dataErrors(file, schemaProblems(breaches ?? [], data, schema));
  }
  return { file, data: data as T };
}
