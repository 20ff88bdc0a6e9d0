/** Starts the reference server on node:http and hands back what a test or script needs to call it. */
import { UsageError } from '../model/errors';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiKeyProblem } from '../model/http';
import { generateApiKey } from './api-key';
import { createRequestListener } from './http-adapter';
import { seededSenderIds } from './seeded-sender-ids';
import { findSeedSender, SEED_SENDERS } from './seed-senders';
import { createSenderStore, OWN_PROJECT, projectOf } from './sender-store';
import type { ReferenceServer, ReferenceServerOptions } from './types';

/**
 * Listens on options.host (default 127.0.0.1) and options.port (default 0, ephemeral).
 * Rejects with the listen error (e.g. code EADDRINUSE) when the port cannot be bound, and with a
 * RangeError when options.apiKey could never be sent as a bearer token.
 */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const apiKey = options.apiKey ?? generateApiKey();
  const problem = apiKeyProblem(apiKey);
  if (problem !== undefined) throw new RangeError(`Cannot start the reference server: ${problem}`);
  const host = options.host ?? '127.0.0.1';
  // One store per server: its GET and its starts share it, and a new server starts fresh.
  // Each other project of the seed gets a key of its own, so its senders are real senders of someone else.
  const senders = seededSenderIds();
  const given = options.otherProjectApiKey;
  if (given !== undefined) {
    const otherProblem = apiKeyProblem(given, 'otherProjectApiKey');
    if (otherProblem !== undefined) throw new RangeError(`Cannot start the reference server: ${otherProblem}`);
    if (given === apiKey) throw new RangeError('Cannot start the reference server: otherProjectApiKey is the same as apiKey');
  }
  // The project of senders.otherProject: its key is the one a run reads that sender with (given, or made as the others are).
  const owner = findSeedSender(senders.otherProject);
  const ownerProject = owner === undefined ? undefined : projectOf(owner);
  const otherProjectKeys = Object.fromEntries([...new Set(SEED_SENDERS.map(projectOf).filter((p) => p !== OWN_PROJECT))].map((p) => [p, (p === ownerProject ? given : undefined) ?? generateApiKey()]));
  const otherProjectApiKey = ownerProject === undefined ? undefined : otherProjectKeys[ownerProject];
  // A request line up to 128 KiB (node's default is 16): the suite's hostile ids (8192 code points,
  // up to 12 bytes each once percent-encoded) get the contract's 404 here, not node's 431, so a run
  // against the reference carries no warning whatever its seed.
  const server = createServer({ maxHeaderSize: 128 * 1024 }, createRequestListener({ apiKey, otherProjectKeys, store: createSenderStore() }, options.fault));
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  // IPv6 literals need brackets inside a URL.
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${urlHost}:${port}`,
    apiKey,
    ...(otherProjectApiKey !== undefined ? { otherProjectApiKey } : {}),
    senders,
    otherProjectKeys,
    close: () => (closing ??= close(server)),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // close() alone waits for idle keep-alive sockets to time out; tests must end promptly.
    server.closeAllConnections();
  });
}

/**
 * Why the server could not listen on `where`, as one line (exit 2): a port in use or refused, said
 * so; anything else by its first line. For the mock command and the library alike.
 */
export function cannotListen(error: unknown, where: string): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`cannot listen on ${where}: the port is already in use (EADDRINUSE)`);
  if (code === 'EACCES') return new UsageError(`cannot listen on ${where}: permission denied (EACCES)`);
  const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return new UsageError(`cannot listen on ${where}: ${reason}`);
}
