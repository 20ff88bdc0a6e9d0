/** Reads scenario rows and checks them against schemas/scenarios.schema.json before anything runs. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../model/errors';
import type { Scenario } from '../model';
import { packageRoot } from '../package-root';
import { cachedValidator } from '../cache/cached-validator';
import { describeJsonError } from '../text/json-error';

export interface ScenarioFile {
  operation: { method: 'GET'; path: string };
  scenarios: Scenario[];
}

export function loadScenarios(path: string): ScenarioFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`scenarios ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`scenarios ${path}: not JSON at ${describeJsonError(text, error as Error)}`);
  }
  const validate = cachedValidator('scenarios-schema', resolve(packageRoot, 'schemas/scenarios.schema.json'));
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw new UsageError(`scenarios ${path}: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  const seen = new Set<string>();
  const file = data as ScenarioFile;
  for (const scenario of file.scenarios) {
    if (seen.has(scenario.id)) throw new UsageError(`scenarios ${path}: duplicate scenario id "${scenario.id}"`);
    seen.add(scenario.id);
  }
  return file;
}
