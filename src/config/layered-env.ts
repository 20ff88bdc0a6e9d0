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

/**
 * A line that names a setting of the suite but is no assignment ("ZAVU_TIMEOUT_MS 5000"): dotenv
 * skips it without a word, and the run would go on without the setting. Only the suite's own
 * names are looked at, so a line inside another variable's multi-line quoted value is not taken for one.
 */
function unassignedSetting(text: string, file: string): UsageError | undefined {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => /^\s*(?:export\s+)?ZAVU_[A-Z0-9_]*(?:\s|$)/.test(line) && !/^\s*(?:export\s+)?ZAVU_[A-Z0-9_]*\s*[=:]/.test(line));
  if (at === -1) return undefined;
  const name = /ZAVU_[A-Z0-9_]*/.exec(lines[at] ?? '')?.[0] ?? 'ZAVU_';
  return new UsageError(`${file}:${at + 1}: ${name} is not set as NAME=VALUE, so it would be ignored: write ${name}=VALUE`);
}

export function layeredEnv(cwd: string, env: NodeJS.ProcessEnv): SettingsEnv {
  const file = resolve(cwd, '.env');
  let fromFile: Record<string, string> = {};
  let text: string | undefined;
  try {
    // A regular file of at most 1 MiB: a FIFO named .env would block every command before it began.
    const bytes = readInputFile(file, ENV_FILE_LIMIT, 'a .env file');
    fromFile = parse(bytes);
    text = bytes.toString('utf8');
  } catch (error) {
    if (!(error instanceof InputFileError && error.code === 'ENOENT')) throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const unassigned = text === undefined ? undefined : unassignedSetting(text, file);
  if (unassigned !== undefined) throw unassigned;
  // A key set in both places comes from the process environment, so only the rest is blamed on .env.
  const fromDotenv = new Set(Object.keys(fromFile).filter((key) => env[key] === undefined || env[key] === ''));
  return { values: { ...fromFile, ...env }, fromDotenv };
}
