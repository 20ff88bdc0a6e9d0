/**
 * The target of a run: the configured base URL, or, when none is given, the embedded reference
 * server with its own key and a fresh store seeded from the fixture files (no network, no configuration).
 */
import type { RunConfig } from '../config/run-config';
import { startReferenceServer } from '../reference-server';

export interface Target {
  baseUrl: string;
  apiKey?: string;
  /** The key of the project the other project's sender belongs to (ZAVU_OTHER_PROJECT_API_KEY; the embedded server's own). */
  otherProjectKey?: string;
  /** The embedded reference server: fixture roles take their seeded values, and every write is allowed. */
  embedded: boolean;
  close(): Promise<void>;
}

export async function startTarget(config: RunConfig): Promise<Target> {
  if (config.baseUrl !== undefined) {
    const given = { ...(config.apiKey !== undefined ? { apiKey: config.apiKey } : {}), ...(config.otherProjectApiKey !== undefined ? { otherProjectKey: config.otherProjectApiKey } : {}) };
    return { baseUrl: config.baseUrl, ...given, embedded: false, close: async () => undefined };
  }
  const server = await startReferenceServer();
  // The embedded server's other project has a key of its own: a default run reads that project's
  // sender as its owner sees it around every start sent to it.
  const otherProjectKey = server.otherProjectApiKey;
  return { baseUrl: server.baseUrl, apiKey: server.apiKey, ...(otherProjectKey !== undefined ? { otherProjectKey } : {}), embedded: true, close: () => server.close() };
}
