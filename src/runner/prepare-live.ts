/** A live (or record) run: start or reach the target, check it answers, bind scenarios to its fixtures. */
import type { RunConfig } from '../config/run-config';
import { displayTarget } from '../config/run-config';
import type { OperationContract } from '../model';
import { bindFixtures, configuredValues, representativeValues } from '../registry/bind-fixtures';
import type { Registry } from '../registry/load-registry';
import { planCases } from '../registry/plan-cases';
import { preflight } from './preflight';
import type { PreparedRun } from './prepared-run';
import { startTarget } from './start-target';

export async function prepareLive(config: RunConfig, registry: Registry, operations: ReadonlyMap<string, OperationContract>): Promise<PreparedRun> {
  const target = await startTarget(config);
  try {
    await preflight(target.baseUrl, config.timeoutMs);
  } catch (error) {
    await target.close();
    throw error;
  }
  const bound = bindFixtures(registry, { embedded: target.embedded, env: config.env });
  const cases = planCases({ registry, operations, bound, embedded: target.embedded, allowWrites: config.allowWrites, ...(config.operations ? { only: config.operations } : {}) });
  // No port for the embedded server: it is ephemeral, and shards or nightly runs must name the same target.
  const shown = target.embedded ? 'embedded reference server' : displayTarget(target.baseUrl);
  return {
    baseUrl: target.baseUrl,
    ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
    cases,
    fixtures: configuredValues(bound, registry),
    exampleFixtures: representativeValues(bound, registry),
    targetLabel: shown,
    banner: target.embedded ? `the ${shown}` : shown,
    close: () => target.close(),
  };
}
