/** The repository root, from src/ (under Jest) and dist/ (built) alike: both sit one level below it; and the version and build of the suite. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readInputHead } from './files/read-input-file';

export const packageRoot = resolve(__dirname, '..');

let version: string | undefined;

/** The suite's version, from package.json (read once), for run info, cache keys and --version. */
export function suiteVersion(): string {
  version ??= (JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The file `npm run build` writes into dist/ (scripts/build-id.ts), beside this module's compiled file. */
export const BUILD_ID_FILE = 'build-id.json';

/** A build id as scripts/build-id.ts writes it: 12 lower-case hex. Anything else read from the file, or from a report, is no build id. */
export const SUITE_BUILD_PATTERN = /^[0-9a-f]{12}$/;

/** Whether `value`, read from anyone's file (a report, a record, a lock, build-id.json), is a build id: of SUITE_BUILD_PATTERN's shape. */
export function isSuiteBuild(value: unknown): value is string {
  return typeof value === 'string' && SUITE_BUILD_PATTERN.test(value);
}

/** The most bytes the file is read as: the build writes some 30. */
const BUILD_ID_FILE_MAX_BYTES = 256;

/**
 * The build id in `file`, or undefined when it is missing, longer than BUILD_ID_FILE_MAX_BYTES bytes or not of the
 * shape the build writes: never an error. Only one byte past the bound is read: a huge file costs nothing, and bytes
 * are counted, not characters (a multi-byte character is several).
 */
export function readBuildId(file: string): string | undefined {
  try {
    // The bounded read every head of a file is read by (a FIFO or a device refused, not waited on).
    const head = readInputHead(file, BUILD_ID_FILE_MAX_BYTES + 1, 'a build id file');
    if (head.length > BUILD_ID_FILE_MAX_BYTES) return undefined;
    const id = (JSON.parse(head.toString('utf8')) as { suiteBuild?: unknown } | null)?.suiteBuild;
    return isSuiteBuild(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

let build: { id: string | undefined } | undefined;

/**
 * This build of the suite (scripts/build-id.ts: a hash of the code and schemas it ships), read once: one version is
 * many builds, with different checks. Undefined in a dist built without the step (an older build,
 * a hand-run tsc) and from the sources (under Jest): unknown, not an error. The path is literal from
 * `__dirname` so dist-npmignore.ts finds the file as one the code reaches and packs it.
 */
export function suiteBuild(): string | undefined {
  build ??= { id: readBuildId(resolve(__dirname, 'build-id.json')) };
  return build.id;
}

/** This suite's version and, when known, its build: as a report's runInfo and a history record name the suite. */
export function suiteIdentity(): { suiteVersion: string; suiteBuild?: string } {
  const id = suiteBuild();
  return { suiteVersion: suiteVersion(), ...(id !== undefined ? { suiteBuild: id } : {}) };
}

/** The User-Agent every request of the suite carries, and every curl that reproduces one. */
export function suiteUserAgent(): string {
  return `zavu-conformance/${suiteVersion()}`;
}
