/** The embedded reference server, as the library offers it: the mock's first JSON line, plus close(). */
import { didYouMean } from '../text/plain-text';
import { UsageError } from '../model/errors';
import { cannotListen, startReferenceServer as startServer, type ReferenceServer } from '../reference-server';

/** What {@link startReferenceServer} resolves to: the mock's first JSON line, plus close(). */
export type StartedReferenceServer = Pick<ReferenceServer, 'baseUrl' | 'apiKey' | 'senders' | 'close'> & {
  /**
   * The key of the project `senders.otherProject` belongs to: a run's `otherProjectApiKey`. Always
   * there (the shipped seed has that sender), so typed so: a strict caller passes it on as it is.
   */
  otherProjectApiKey: string;
};

/** Options of {@link startReferenceServer}. */
export interface ReferenceServerOptions {
  /** TCP port; 0 (the default) picks a free ephemeral port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1, so nothing is exposed beyond loopback. */
  host?: string;
  /** The only accepted bearer token; default `zv_test_` and 32 random hex digits. */
  apiKey?: string;
  /**
   * The key of the project `senders.otherProject` belongs to (a run's ZAVU_OTHER_PROJECT_API_KEY);
   * default `zv_test_` and 32 random hex digits, as apiKey's.
   */
  otherProjectApiKey?: string;
}

/**
 * Starts a Zavu-compatible server for the WhatsApp Sync operations, seeded with one sender per
 * fixture role, its store kept until close(). Resolves to `{ baseUrl, apiKey, otherProjectApiKey, senders, close }`:
 * the same fields as the first line of `zavu-conformance mock`. Rejects with a `UsageError` (a
 * `ConformanceError`, exit code 2) that keeps the listen error's `code` (e.g. `EADDRINUSE`) when the port cannot be bound.
 *
 * @example
 * const server = await startReferenceServer();
 * const res = await fetch(`${server.baseUrl}/v1/senders/${server.senders.coexistence[0]}/whatsapp-sync`,
 *   { headers: { authorization: `Bearer ${server.apiKey}` } });
 * await server.close();
 */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<StartedReferenceServer> {
  checkServerOptions(options);
  // Only the documented options: the server's fault hook is for the suite's own tests.
  const server = await startServer({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.otherProjectApiKey !== undefined ? { otherProjectApiKey: options.otherProjectApiKey } : {}),
  }).catch((error: unknown) => {
    // A ConformanceError (exit 2) with the mock command's words, not Node's bare listen error.
    const failed = cannotListen(error, `${options.host ?? '127.0.0.1'}:${options.port ?? 0}`);
    // The listen error's code stays on it (`EADDRINUSE`, `EACCES`): a caller may pick another port on it.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const refused = new UsageError(`startReferenceServer: ${failed.message}`);
    if (typeof code === 'string') refused.code = code;
    throw refused;
  });
  // The other project's key too, as the mock prints it: a run against this server reads that project's sender as its owner does.
  const { otherProjectApiKey } = server;
  if (otherProjectApiKey === undefined) {
    await server.close();
    throw new Error('the reference server started without the key of senders.otherProject (a bug in the suite)');
  }
  return { baseUrl: server.baseUrl, apiKey: server.apiKey, otherProjectApiKey, senders: server.senders, close: () => server.close() };
}

/**
 * For JavaScript callers: a port given as text would make Node listen on a UNIX socket of that
 * name in the working folder (and the base URL read "127.0.0.1:undefined").
 */
function checkServerOptions(options: unknown): asserts options is ReferenceServerOptions {
  const bad = (message: string): UsageError => new UsageError(`startReferenceServer: ${message}`);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw bad(`the options must be an object, not ${options === null ? 'null' : typeof options}`);
  const { port, host, apiKey, otherProjectApiKey, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest).filter((name) => rest[name] !== undefined);
  if (unknown[0] !== undefined) throw bad(`unknown option ${JSON.stringify(unknown[0])} (${didYouMean(unknown[0], ['port', 'host', 'apiKey', 'otherProjectApiKey'])}the options: port, host, apiKey, otherProjectApiKey)`);
  // A number as it reads: JSON.stringify says NaN and Infinity are null, not what the caller passed.
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)) throw bad(`port must be a whole number from 0 to 65535, not ${typeof port === 'number' ? String(port) : JSON.stringify(port)}`);
  if (host !== undefined && (typeof host !== 'string' || host === '')) throw bad(`host must be an interface name or address, not ${JSON.stringify(host)}`);
  for (const [name, key] of [['apiKey', apiKey], ['otherProjectApiKey', otherProjectApiKey]] as const) {
    if (key !== undefined && (typeof key !== 'string' || key.trim() === '')) throw bad(`${name} must be a non-empty string, not ${key === '' ? 'an empty one' : typeof key}`);
  }
  if (otherProjectApiKey !== undefined && otherProjectApiKey === apiKey) throw bad('otherProjectApiKey must be another key than apiKey: it is the key of another project');
}
