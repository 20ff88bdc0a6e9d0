/** A run plan against a started reference server, built from the shipped rows, for tests of the suite's engine. */
import type { PlannedCase } from '../../src/model';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/model/http';
import type { ReferenceServer } from '../../src/reference-server/types';
import { planCase } from '../../src/registry/plan-cases';
import type { RunPlan } from '../../src/runner/run-plan';
import { contract, operations, registry, row } from './shipped-contract';

/** One case of a shipped row, its sender bound to the server's first coexistence sender. */
export function shippedCase(server: Pick<ReferenceServer, 'senders'>, operationId: string, scenarioId: string): PlannedCase {
  return planCase(`${operationId}/${scenarioId}`, operationId, row(operationId, scenarioId), { senderId: server.senders.coexistence[0] ?? '' }, operations);
}

/** `unknownKey` defaults to one the server does not know; pass its own key to make the wrong-key case fail. */
export function enginePlan(server: Pick<ReferenceServer, 'baseUrl'>, cases: PlannedCase[], overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    baseUrl: server.baseUrl,
    mode: 'live',
    timeoutMs: 5000,
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    operations: [...operations.values()],
    rules: registry.rules,
    schemas: contract.schemas,
    cases,
    unknownKey: `zv_test_${'0'.repeat(32)}`,
    concurrency: 1,
    writeSettleMs: 0,
    repeat: 1,
    negative: { seed: 1, numRuns: 0, timeBudgetMs: 5000, fixtures: [], exampleFixtures: [], hiddenFixtures: [] },
    ...overrides,
  };
}
