/**
 * The catalogue of deliberately broken servers: the reference server with one contract breach
 * each, and the check that must catch it. The suite "tests itself" by running against every
 * entry (DESIGN.md principle 10); tests/reference-server/broken-servers.test.ts proves that no
 * entry is a no-op.
 */
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import type { BrokenServer } from './broken-server-entry';
import { BODY_BREAKS } from './broken-servers-body';
import { CREDENTIAL_BREAKS } from './broken-servers-credentials';
import { STATUS_BREAKS } from './broken-servers-status';

export type { BrokenServer } from './broken-server-entry';

/** Every broken server, each with a unique name. */
export const BROKEN_SERVERS: readonly BrokenServer[] = [...BODY_BREAKS, ...STATUS_BREAKS, ...CREDENTIAL_BREAKS];

/** Starts the reference server with this entry's fault, on 127.0.0.1 and an ephemeral port. */
export function startBrokenServer(entry: BrokenServer, options: { apiKey?: string; otherProjectApiKey?: string } = {}): Promise<ReferenceServer> {
  return startReferenceServer({ ...options, host: '127.0.0.1', port: 0, fault: entry.fault });
}
