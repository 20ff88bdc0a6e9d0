/** Runs the conformance CLI against a started server and reads back what it wrote. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../../src/model';
import { findSeedSender, projectOf, type ReferenceServer } from '../../src/reference-server';
import { runCli, type CliRun } from './run-cli';

export interface ConformanceRun extends CliRun {
  report?: ConformanceReport;
  reportsDir: string;
}

/**
 * The env a live run against this server needs: key (and its other project's, when given the
 * server's keys) and every fixture role's variable. The other project's sender and the refused ones (no WABA, not coexistence) are the reference server's own
 * fakes, so starts may go to them (consent given).
 */
export function serverEnv(server: Pick<ReferenceServer, 'apiKey' | 'senders'> & Partial<Pick<ReferenceServer, 'otherProjectKeys'>>): Record<string, string> {
  // The key of the project the other project's sender belongs to: the starts to it read it as its owner does.
  const owner = findSeedSender(server.senders.otherProject);
  const otherProjectKey = owner === undefined ? undefined : server.otherProjectKeys?.[projectOf(owner)];
  return {
    ZAVU_API_KEY: server.apiKey,
    ...(otherProjectKey !== undefined ? { ZAVU_OTHER_PROJECT_API_KEY: otherProjectKey } : {}),
    ZAVU_SENDER_COEXISTENCE: server.senders.coexistence.join(','),
    ZAVU_SENDER_NO_WABA: server.senders.noWaba,
    ZAVU_SENDER_NOT_COEXISTENCE: server.senders.notCoexistence,
    ZAVU_SENDER_SYNCABLE: server.senders.syncable,
    ZAVU_SENDER_SYNCABLE_CONCURRENT: server.senders.syncableConcurrent,
    ZAVU_SENDER_NOT_ACTIVE: server.senders.notActive,
    ZAVU_SENDER_OTHER_PROJECT: server.senders.otherProject,
    ZAVU_SENDER_OTHER_PROJECT_WRITABLE: '1',
    // The refused senders are the server's own fakes too: a start to them may be sent, and must be refused.
    ZAVU_SENDER_NO_WABA_WRITABLE: '1',
    ZAVU_SENDER_NOT_COEXISTENCE_WRITABLE: '1',
  };
}

/** `timeoutMs`: the CLI runner's own bound, for runs that judge a deliberately huge answer. */
export async function runConformanceCli(args: string[], env: Record<string, string> = {}, cwd?: string, timeoutMs?: number): Promise<ConformanceRun> {
  const run = await runCli('conformance-main.js', args, { env, ...(cwd !== undefined ? { cwd } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  const reportsDir = join(run.cwd, 'reports');
  const file = join(reportsDir, 'conformance.json');
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport) : undefined;
  return { ...run, reportsDir, ...(report ? { report } : {}) };
}

export function againstServer(server: ReferenceServer, args: string[] = []): Promise<ConformanceRun> {
  return runConformanceCli(['--base-url', server.baseUrl, ...args], serverEnv(server));
}

/** Cases a full run plans against the reference server: every scenario row, once per value of a role with several. */
export function expectedCaseCount(): number {
  const { registry } = require('./shipped-contract') as typeof import('./shipped-contract');
  const valuesOf = (role: string): number => ([] as string[]).concat(registry.roles.get(role)?.role.seeded ?? ['generated']).length;
  return registry.operations
    .flatMap((o) => o.scenarios)
    .reduce((n, row) => n + Object.values(row.path ?? {}).reduce((m, role) => m * (registry.roles.get(role)?.role.many ? valuesOf(role) : 1), 1), 0);
}
