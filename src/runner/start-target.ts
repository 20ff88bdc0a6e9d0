/**
 * The target of a run: the configured base URL, or, when none is given, the embedded reference
 * server with its own key and a fresh store seeded from the fixture files (no network, no configuration).
 */
import type { RunConfig } from '../config/run-config';
import { startReferenceServer } from '../reference-server';

export interface Target {
  baseUrl: string;
  apiKey?: string;
  /** The embedded reference server: fixture roles take their seeded values, and every write is allowed. */
  embedded: boolean;
  close(): Promise<void>;
}

export async function startTarget(config: RunConfig): Promise<Target> {
  if (config.baseUrl !== undefined) {
    return { baseUrl: config.baseUrl, ...(config.apiKey !== undefined ? { apiKey: config.apiKey } : {}), embedded: false, close: async () => undefined };
  }
  const server = await startReferenceServer();
  return { baseUrl: server.baseUrl, apiKey: server.apiKey, embedded: true, close: () => server.close() };
}
