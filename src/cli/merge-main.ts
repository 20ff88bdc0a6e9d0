/**
 * `npm run conformance:merge -- --reports OUT DIR…`: merges the report directories of the shards
 * of one run (--shard i/n) into OUT, as one unsharded run would have written them: the JSON, HTML,
 * markdown, certificate and junit.xml. Exit codes as for a run: 0, 1 (violations), 2 (bad input).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../model/errors';
import { mergeJunit } from '../regression/merge-junit';
import { mergeReports } from '../regression/merge-reports';
import { readReportFile } from '../regression/read-report';
import { atomicWriteFile } from '../report/atomic-write';
import { renderConsole } from '../report/render-console';
import { writeReports } from '../report/write-reports';
import { JUNIT_FILE } from '../runner/jest-config';
import { assembleReport, exitCodeOf, type AssembleOptions } from '../runner/assemble-report';
import { describeParseError } from '../config/parse-flags';
import { exitWith, failLine } from './cli-support';

const program = 'zavu-conformance-merge';
const usage = `Usage: npm run conformance:merge -- --reports OUT [--baseline FILE [--baseline-strict]] [--allow-flaky] SHARD_DIR...\n`;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { reports: { type: 'string' }, baseline: { type: 'string' }, 'baseline-strict': { type: 'boolean' }, 'allow-flaky': { type: 'boolean' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help === true) {
    process.stdout.write(usage);
    return 0;
  }
  if (values.reports === undefined) throw new UsageError('--reports OUT is required: where the merged reports go');
  if (positionals.length === 0) throw new UsageError('name the shard report directories to merge');
  const dirs = positionals.map((dir) => resolve(dir));
  const merged = mergeReports(dirs.map((dir) => readReportFile(join(dir, 'conformance.json'), dir)));
  // Every input is read before anything is written: a bad shard leaves OUT as it was.
  const junits = dirs.map((dir) => join(dir, JUNIT_FILE));
  const missing = junits.find((file) => !existsSync(file));
  if (missing !== undefined) throw new UsageError(`${missing}: no such file (each shard directory needs its junit.xml)`);
  const junit = mergeJunit(junits.map((file) => readFileSync(file, 'utf8')));
  const options: AssembleOptions = {
    allowFlaky: values['allow-flaky'] === true || merged.runInfo.allowFlaky === true,
    ...(values.baseline !== undefined ? { baseline: { file: resolve(values.baseline), strict: values['baseline-strict'] === true } } : {}),
  };
  // The shards already applied any latency budget to their cases (no latencyBudgetMs here, so it is
  // not applied twice); re-assembling recomputes the run-wide figures: latency, certificate, baseline.
  const report = assembleReport(merged.runInfo, merged.results, options);
  const out = resolve(values.reports);
  const written = await writeReports(out, report, { allowFlaky: options.allowFlaky });
  await atomicWriteFile(join(out, JUNIT_FILE), junit);
  process.stdout.write(renderConsole(report, { allowFlaky: options.allowFlaky }));
  process.stdout.write(`merged ${dirs.length} shards: ${[...written, join(out, JUNIT_FILE)].join(', ')}\n`);
  return exitCodeOf(report, options);
}

main(process.argv.slice(2)).then(exitWith, (error: unknown) => exitWith(failLine(program, error)));
