/**
 * `zavu-conformance schemas [--spec PATH] [--out DIR]` (`npm run schemas`): regenerates the checked-in JSON Schemas, one
 * file per OpenAPI component, and removes files of components that no longer exist.
 *
 * Failures print ONE line on stderr and exit 2 (ExitCode.usage): a wrong flag, a spec that cannot
 * be read or converted, a folder that cannot be written. Never a stack trace.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../model/errors';
import { describeParseError } from '../config/parse-flags';
import { failLine, guardOutput, printedHelpOrVersion } from './cli-support';
import { packageRoot } from '../package-root';
import { DEFAULT_SCHEMAS_DIR, DEFAULT_SPEC_PATH, generateSchemaFiles } from '../schema/generate-schemas';
import { writeSchemaFiles } from '../schema/write-schema-files';
import { loadSpec } from '../openapi/load-spec';

const PROGRAM = 'zavu-conformance schemas';

const USAGE = `Usage: zavu-conformance schemas [--spec PATH] [--out DIR]

Writes one draft-07 JSON Schema per components.schemas entry of an OpenAPI 3.0 document.

  --spec PATH   the OpenAPI file (default: the suite's ${DEFAULT_SPEC_PATH})
  --out DIR     where <Name>.json files go (default in a checkout: the suite's ${DEFAULT_SCHEMAS_DIR};
                required when the suite is installed as a package)
  -h, --help    print this help
  --version     print the suite version

Exit codes: 0 schemas written · 2 usage or spec error (a wrong flag, a spec that cannot be read or converted, a folder that cannot be written) · 130/143/129 interrupted (SIGINT/SIGTERM/SIGHUP: run it again, a signal amid the renames may leave some files old)`;

interface SchemasOptions {
  specPath: string;
  outDir: string;
}

const FLAGS = { spec: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } as const;

/** Parses argv; undefined means "help or version was asked for" (printed). Defaults are the suite's own files, given paths are relative to cwd. */
function parseOptions(argv: string[], cwd: string): SchemasOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: FLAGS,
    }));
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(FLAGS), argv));
  }
  if (printedHelpOrVersion(values, () => `${USAGE}\n`)) return undefined;
  if (values.spec === '') throw new UsageError('--spec is empty');
  if (values.out === '') throw new UsageError('--out is empty');
  return {
    specPath: values.spec === undefined ? resolve(packageRoot, DEFAULT_SPEC_PATH) : resolve(cwd, values.spec),
    outDir: schemasOutDir(values.out, cwd, packageRoot),
  };
}

/**
 * Where the schemas go. In a checkout the default is the suite's own folder (`npm run schemas`
 * refreshes the checked-in files). An installed package's schemas are what its runs validate with,
 * so regenerating them in place would silently change the tool: there `--out` is required.
 */
export function schemasOutDir(out: string | undefined, cwd: string, root: string): string {
  if (out !== undefined) return resolve(cwd, out);
  if (root.split(sep).includes('node_modules')) {
    throw new UsageError(`--out DIR is required: the default ${DEFAULT_SCHEMAS_DIR} is the installed package's own, which its runs validate with`);
  }
  return resolve(root, DEFAULT_SCHEMAS_DIR);
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
  guardOutput();
  try {
    schemasCommand(process.argv.slice(2), process.cwd());
  } catch (error) {
    process.exitCode = failLine(PROGRAM, error);
  }
}
