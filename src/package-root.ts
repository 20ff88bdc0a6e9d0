/** The repository root, from src/ (under Jest) and dist/ (built) alike: both sit one level below it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const packageRoot = resolve(__dirname, '..');

let version: string | undefined;

/** The suite's version, from package.json (read once), for run info, cache keys and --version. */
export function suiteVersion(): string {
  version ??= (JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The User-Agent every request of the suite carries, and every curl that reproduces one. */
export function suiteUserAgent(): string {
  return `zavu-conformance/${suiteVersion()}`;
}
