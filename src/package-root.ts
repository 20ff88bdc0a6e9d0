/** The repository root, from src/ (under Jest) and dist/ (built) alike: both sit one level below it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const packageRoot = resolve(__dirname, '..');

/** The suite's version, from package.json, for run info and --version. */
export function suiteVersion(): string {
  return (JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
