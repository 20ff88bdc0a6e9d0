/** The embedded reference server, as the library offers it: the mock's first JSON line, plus close(). */
import { startReferenceServer as startServer, type ReferenceServer } from '../reference-server';

/** What {@link startReferenceServer} resolves to: the mock's first JSON line, plus close(). */
export type StartedReferenceServer = Pick<ReferenceServer, 'baseUrl' | 'apiKey' | 'senders' | 'close'>;

/** Options of {@link startReferenceServer}. */
export interface ReferenceServerOptions {
  /** TCP port; 0 (the default) picks a free ephemeral port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1, so nothing is exposed beyond loopback. */
  host?: string;
  /** The only accepted bearer token; default `zv_test_` and 32 random hex digits. */
  apiKey?: string;
}

/**
 * Starts a Zavu-compatible server for the WhatsApp Sync operations, seeded with one sender per
 * fixture role, its store kept until close(). Resolves to `{ baseUrl, apiKey, senders, close }`:
 * the same fields as the first line of `zavu-conformance mock`. Rejects with the listen error
 * (e.g. code `EADDRINUSE`) when the port cannot be bound.
 *
 * @example
 * const server = await startReferenceServer();
 * const res = await fetch(`${server.baseUrl}/v1/senders/${server.senders.coexistence[0]}/whatsapp-sync`,
 *   { headers: { authorization: `Bearer ${server.apiKey}` } });
 * await server.close();
 */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<StartedReferenceServer> {
  // Only the documented options: the server's fault hook is for the suite's own tests.
  const server = await startServer({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
  });
  return { baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, close: () => server.close() };
}
