/**
 * `zavu-conformance schemas [--spec PATH] [--out DIR]` (`npm run schemas`): regenerates the checked-in JSON Schemas, one
 * file per OpenAPI component, and removes files of components that no longer exist.
 *
 * Failures print ONE line on stderr and exit 2 (ExitCode.usage): a wrong flag, a spec that cannot
 * be read or converted, a folder that cannot be written. Never a stack trace.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../model/errors';
import { describeParseError } from '../config/parse-flags';
import { failLine } from './cli-support';
import { packageRoot, suiteVersion } from '../package-root';
import { DEFAULT_SCHEMAS_DIR, DEFAULT_SPEC_PATH, generateSchemaFiles } from '../schema/generate-schemas';
import { writeSchemaFiles } from '../schema/write-schema-files';
import { loadSpec } from '../openapi/load-spec';

const PROGRAM = 'zavu-schemas';

const USAGE = `Usage: zavu-conformance schemas [--spec PATH] [--out DIR]

Writes one draft-07 JSON Schema per components.schemas entry of an OpenAPI 3.0 document.

  --spec PATH   the OpenAPI file (default: the suite's ${DEFAULT_SPEC_PATH})
  --out DIR     where <Name>.json files go (default: the suite's ${DEFAULT_SCHEMAS_DIR})
  -h, --help    print this help
  --version     print the suite version`;

interface SchemasOptions {
  specPath: string;
  outDir: string;
}

/** Parses argv; undefined means "help or version was asked for" (printed). Defaults are the suite's own files, given paths are relative to cwd. */
function parseOptions(argv: string[], cwd: string): SchemasOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { spec: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return undefined;
  }
  if (values.version === true) {
    process.stdout.write(`${suiteVersion()}\n`);
    return undefined;
  }
  if (values.spec === '') throw new UsageError('--spec is empty');
  if (values.out === '') throw new UsageError('--out is empty');
  return {
    specPath: values.spec === undefined ? resolve(packageRoot, DEFAULT_SPEC_PATH) : resolve(cwd, values.spec),
    outDir: values.out === undefined ? resolve(packageRoot, DEFAULT_SCHEMAS_DIR) : resolve(cwd, values.out),
  };
}

/** The schemas command; throws a ConformanceError (one line) on bad input. */
export function schemasCommand(argv: string[], cwd: string): void {
  const options = parseOptions(argv, cwd);
  if (options === undefined) return;
  // Paths print relative to where the user stands, unless that means climbing out of it.
  const show = (path: string): string => {
    const near = relative(cwd, path);
    return near.startsWith('..') || isAbsolute(near) ? path : near || '.';
  };
  const specLabel = show(options.specPath);
  const spec = loadSpec(specLabel);
  const files = generateSchemaFiles(spec.document, specLabel);
  const summary = writeSchemaFiles(options.outDir, files);
  const out = show(options.outDir);
  for (const name of summary.written) process.stdout.write(`wrote ${out}/${name}\n`);
  for (const name of summary.removed) process.stdout.write(`removed ${out}/${name} (no such component any more)\n`);
  for (const name of summary.kept) process.stdout.write(`left ${out}/${name} alone (not a generated schema)\n`);
  process.stdout.write(
    `${Object.keys(files).length} schemas from ${specLabel} in ${out}: ${summary.written.length} written, ` +
      `${summary.unchanged.length} unchanged, ${summary.removed.length} removed\n`,
  );
}

if (require.main === module) {
  try {
    schemasCommand(process.argv.slice(2), process.cwd());
  } catch (error) {
    process.exitCode = failLine(PROGRAM, error);
  }
}
