/**
 * The environment a run sees: process environment over the values of a `.env` file (dotenv),
 * without writing the file's values into process.env (that would leak them into child processes).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { UsageError } from '../model/errors';
import type { SettingsEnv } from './run-config';

export function layeredEnv(cwd: string, env: NodeJS.ProcessEnv): SettingsEnv {
  const file = resolve(cwd, '.env');
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parse(readFileSync(file));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ENOENT') throw new UsageError(`cannot read ${file}: ${code ?? (error as Error).message}`);
  }
  // A key set in both places comes from the process environment, so only the rest is blamed on .env.
  const fromDotenv = new Set(Object.keys(fromFile).filter((key) => env[key] === undefined || env[key] === ''));
  return { values: { ...fromFile, ...env }, fromDotenv };
}
