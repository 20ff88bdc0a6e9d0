/** `npm run conformance`: run the conformance suite and exit 0 (conformant), 1 (violations), 2 (usage/spec), 3 (unreachable). */
import { layeredEnv } from '../config/layered-env';
import { fixtureEnv, runOptions } from '../config/options';
import { parseFlags } from '../config/parse-flags';
import { resolveRunConfig } from '../config/run-config';
import { suiteVersion } from '../package-root';
import { runConformance } from '../runner/run-conformance';
import { exitWith, failLine, helpText } from './cli-support';

const program = 'zavu-conformance';

const footer = [
  'Fixture senders (environment or .env):',
  ...Object.values(fixtureEnv).map((name) => `  ${name}`),
  '',
  'Exit codes: 0 conformant · 1 contract violations · 2 usage, configuration or spec error · 3 target unreachable',
].join('\n');

async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, runOptions);
  if (flags['help'] === true) {
    process.stdout.write(helpText(`Usage: npm run conformance -- [options]`, runOptions, footer));
    return 0;
  }
  if (flags['version'] === true) {
    process.stdout.write(`${suiteVersion()}\n`);
    return 0;
  }
  const config = resolveRunConfig(flags, layeredEnv(process.cwd(), process.env), process.cwd());
  return runConformance(config, { out: (text) => process.stdout.write(text) });
}

main(process.argv.slice(2)).then(exitWith, (error: unknown) => exitWith(failLine(program, error)));
