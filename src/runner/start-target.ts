/**
 * The target of a run: the configured base URL with its fixtures, or, when none is given, the
 * embedded reference server with its own key and seeded senders (no network, no configuration).
 */
import { randomBytes } from 'node:crypto';
import type { FixtureSenders, RunConfig } from '../config/run-config';
import { startReferenceServer } from '../reference-server';

export interface Target {
  baseUrl: string;
  apiKey?: string;
  fixtures: FixtureSenders;
  unknownSenderId: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** Fresh every run so a server cannot special-case it; configurable for targets that need a shape. */
function randomSenderId(): string {
  return `snd_zvc_unknown_${randomBytes(8).toString('hex')}`;
}

export async function startTarget(config: RunConfig): Promise<Target> {
  const unknownSenderId = config.fixtures.unknown ?? randomSenderId();
  if (config.baseUrl !== undefined) {
    return {
      baseUrl: config.baseUrl,
      ...(config.apiKey !== undefined ? { apiKey: config.apiKey } : {}),
      fixtures: config.fixtures,
      unknownSenderId,
      embedded: false,
      close: async () => undefined,
    };
  }
  const server = await startReferenceServer();
  return {
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    fixtures: { coexistence: server.senders.coexistence, noWaba: server.senders.noWaba, notCoexistence: server.senders.notCoexistence },
    unknownSenderId,
    embedded: true,
    close: () => server.close(),
  };
}
