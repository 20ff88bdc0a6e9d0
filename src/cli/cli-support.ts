/** What every CLI entry here shares: help from the option table, failing with one line and a documented code, and stopping on a signal. */
import { ConformanceError, ExitCode } from '../model/errors';
import type { OptionSpec } from '../config/options';
import { suiteVersion } from '../package-root';
import { switchValue } from '../text/plain-text';

export function helpText(usage: string, options: readonly OptionSpec[], footer: string): string {
  const rows = options.map((o) => {
    const left = `${o.short === undefined ? '' : `-${o.short}, `}--${o.flag}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    const env = o.env ? ` [env ${o.env}]` : '';
    const def = o.default !== undefined ? ` (default ${o.default})` : '';
    return `  ${left.padEnd(24)} ${o.help}${env}${def}`;
  });
  return `${usage}\n\nOptions:\n${rows.join('\n')}\n\n${footer}\n`;
}

/**
 * `--help` prints the command's help, `--version` the suite's version, on stdout and nothing else:
 * true when one was printed, and the command then ends with exit 0. Every subcommand answers both.
 */
export function printedHelpOrVersion(values: { readonly help?: unknown; readonly version?: unknown }, help: () => string): boolean {
  if (values.help === true) process.stdout.write(help());
  else if (values.version === true) process.stdout.write(`${suiteVersion()}\n`);
  else return false;
  return true;
}

/** Writes all output, then exits: Jest and sockets may hold the loop open after a run. */
export function exitWith(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/**
 * Turns any failure into one line on stderr. Known failures carry their exit code; anything else
 * is a bug in the suite, reported as such (the stack only with ZAVU_DEBUG=1).
 */
export function failLine(program: string, error: unknown): number {
  if (error instanceof ConformanceError) {
    process.stderr.write(`${program}: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${program}: internal error: ${message.split('\n')[0]} (set ZAVU_DEBUG=1 for details)\n`);
  if (switchValue(process.env['ZAVU_DEBUG']) === true && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  return ExitCode.usage;
}

/**
 * Calls `handle` on the first of `signals`, once: every listener goes before it runs, so a second
 * signal meets none and ends the process as node's default does. Returns the function that
 * removes them unfired (also safe to call after they fired).
 */
export function onFirstSignal(signals: readonly NodeJS.Signals[], handle: (signal: NodeJS.Signals) => void): () => void {
  const fire = (signal: NodeJS.Signals): void => {
    release();
    handle(signal);
  };
  const release = (): void => {
    for (const signal of signals) process.off(signal, fire);
  };
  for (const signal of signals) process.on(signal, fire);
  return release;
}

/** How often a command started through npm looks whether its parent is still there. */
const ORPHAN_POLL_MS = 200;

/**
 * Calls `handle` once when this process, started through npm (`npx zavu-conformance …`,
 * `npm run …`), loses its parent: npm passes SIGTERM to its `sh -c`, and a shell such as dash dies
 * of it without passing it on, which would leave the command running with no parent (a run that
 * writes its verdict minutes after its job was cancelled, a mock that keeps its port). Not
 * otherwise: `zavu-conformance mock &` in a script must outlive that script. The watch alone does
 * not keep the process alive. Returns the function that stops watching.
 */
export function onParentGone(handle: () => void): () => void {
  if (process.env['npm_command'] === undefined) return () => undefined;
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    handle();
  }, ORPHAN_POLL_MS);
  watch.unref();
  return () => clearInterval(watch);
}
