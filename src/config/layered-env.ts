/**
 * The environment a run sees: process environment over the values of a `.env` file (dotenv),
 * without writing the file's values into process.env (that would leak them into child processes).
 */
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { InputFileError, readInputFile } from '../files/read-input-file';
import { UsageError } from '../model/errors';
import type { SettingsEnv } from './run-config';

/** A .env holds a few settings: a larger file is not one. */
const ENV_FILE_LIMIT = 1024 * 1024;

export function layeredEnv(cwd: string, env: NodeJS.ProcessEnv): SettingsEnv {
  const file = resolve(cwd, '.env');
  let fromFile: Record<string, string> = {};
  try {
    // A regular file of at most 1 MiB: a FIFO named .env would block every command before it began.
    fromFile = parse(readInputFile(file, ENV_FILE_LIMIT, 'a .env file'));
  } catch (error) {
    if (!(error instanceof InputFileError && error.code === 'ENOENT')) throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  // A key set in both places comes from the process environment, so only the rest is blamed on .env.
  const fromDotenv = new Set(Object.keys(fromFile).filter((key) => env[key] === undefined || env[key] === ''));
  return { values: { ...fromFile, ...env }, fromDotenv };
}
