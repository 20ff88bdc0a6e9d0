/**
 * `zavu-conformance mock --port 4010 [--host 127.0.0.1] [--api-key K]` (`npm run mock`): runs the reference server
 * standalone until SIGINT/SIGTERM.
 *
 * Stdout contract, for scripts: the FIRST line is one JSON object
 * {"baseUrl","apiKey","otherProjectApiKey","senders":{"coexistence":[…],"noWaba","notCoexistence","syncable","syncableConcurrent","notActive","otherProject"}}; the lines after it
 * are for people. Failures print ONE line on stderr saying what and where, never a stack trace,
 * and exit 2 (usage: a wrong flag, a bad port, a port in use, an address that cannot be bound), or 1
 * when the server fails to close after a signal (its --help lists them).
 */
import { parseArgs } from 'node:util';
import { ConformanceError, ExitCode, UsageError } from '../model/errors';
import { describeParseError } from '../config/parse-flags';
import { failLine, guardOutput, hideKeysFromProcessList, onFirstSignal, onParentGone, printedHelpOrVersion } from './cli-support';
import { apiKeyProblem, cannotListen, startReferenceServer, type ReferenceServer } from '../reference-server';

const PROGRAM = 'zavu-conformance mock';
const DEFAULT_PORT = 4010;

const USAGE = `Usage: zavu-conformance mock [--port N] [--host H] [--api-key K]

Runs the Zavu reference server for the WhatsApp Sync operations (one store, kept while it runs).

  --port N      TCP port, 0 for any free port (default ${DEFAULT_PORT})
  --host H      interface to bind (default 127.0.0.1)
  --api-key K   the accepted bearer token (default: a random zv_test_ key)
  -h, --help    print this help
  --version     print the suite version

The first stdout line is JSON: {"baseUrl","apiKey","otherProjectApiKey","senders":{...}}. Stop with Ctrl+C or SIGTERM.

Exit codes: 0 stopped by Ctrl+C, SIGTERM or SIGHUP · 1 the server failed to close · 2 usage (a wrong flag, a bad port, a port in use, an address that cannot be bound) · 130/143/129 a second signal during the close (it ends the process at once)`;

interface MockOptions {
  port: number;
  host: string;
  apiKey?: string;
}

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** The flags as parsed strictly (unknown flags and positionals are errors). */
function readFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options: FLAGS }).values;
  } catch (error) {
    // The same words as the conformance CLI for the same mistakes.
    throw new UsageError(describeParseError(error, Object.keys(FLAGS), argv));
  }
}

/** Parses argv; undefined means "help or version was printed, exit 0". Throws UsageError on bad input. */
function parseOptions(argv: string[]): MockOptions | undefined {
  const values = readFlags(argv);
  if (printedHelpOrVersion(values, () => `${USAGE}\n`)) return undefined;
  const options: MockOptions = { port: parsePort(values.port), host: values.host ?? '127.0.0.1' };
  if (options.host.length === 0) throw new UsageError('--host is empty');
  const apiKey = values['api-key'];
  if (apiKey === undefined) return options;
  const problem = apiKeyProblem(apiKey);
  if (problem !== undefined) throw new UsageError(`--api-key: ${problem}`);
  return { ...options, apiKey };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`--port ${JSON.stringify(text)} is not a port number (expected an integer from 0 to 65535)`);
  }
  return port;
}

async function start(options: MockOptions): Promise<ReferenceServer> {
  try {
    return await startReferenceServer(options);
  } catch (error) {
    throw cannotListen(error, `${options.host}:${options.port}`);
  }
}

function announce(server: ReferenceServer): void {
  // The other project's own key too: a run against this mock reads that project's sender as its owner (ZAVU_OTHER_PROJECT_API_KEY).
  const { baseUrl, apiKey, otherProjectApiKey, senders } = server;
  process.stdout.write(`${JSON.stringify({ baseUrl, apiKey, otherProjectApiKey, senders })}\n`);
  const example = `${baseUrl}/v1/senders/${senders.coexistence[0] ?? senders.noWaba}/whatsapp-sync`;
  process.stdout.write(`Zavu reference server listening on ${baseUrl} (Ctrl+C to stop)\n`);
  process.stdout.write(`Try: curl -H "Authorization: Bearer ${apiKey}" ${example}\n`);
  // The starts change this server's store for as long as it runs; a restart is fresh again.
  process.stdout.write(`Start a sync: curl -X POST -H "Authorization: Bearer ${apiKey}" ${baseUrl}/v1/senders/${senders.syncable}/whatsapp-sync/history\n`);
}

/**
 * Closes on the first SIGINT/SIGTERM/SIGHUP; a second signal falls back to node's default (immediate exit).
 * Started through npm, losing its parent counts as the signal (see onParentGone).
 */
function stopOnSignal(server: ReferenceServer): void {
  const stop = (): void => {
    release();
    stopWatching();
    server.close().then(
      () => {
        process.exitCode = ExitCode.conformant;
      },
      (error: unknown) => fail(new ConformanceError(`error while closing: ${String(error)}`, 1)),
    );
  };
  // SIGHUP too (a closed terminal), as the run takes it: a stop (exit 0), not node's death by it (129, which --help lists for a second signal only).
  const release = onFirstSignal(['SIGINT', 'SIGTERM', 'SIGHUP'], stop);
  const stopWatching = onParentGone(stop);
}

/** One line on stderr, the documented code; the server (if any) stays up until its own close. */
function fail(error: unknown): void {
  process.exitCode = failLine(PROGRAM, error);
}

/**
 * The mock command: starts the server and returns; the process then lives until a signal closes
 * it. Failures set process.exitCode after one line on stderr.
 */
export async function mockCommand(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  if (options === undefined) return;
  const server = await start(options);
  // Handlers first: a script may signal as soon as it has read the JSON line.
  stopOnSignal(server);
  announce(server);
}

export function runMock(argv: string[]): void {
  mockCommand(argv).catch(fail);
}

if (require.main === module) {
  guardOutput();
  hideKeysFromProcessList();
  runMock(process.argv.slice(2));
}
