/** The suite's own registry and contract, loaded as a run loads them, for tests that need real operations and rows. */
import { join } from 'node:path';
import type { OperationContract, Scenario } from '../../src/model';
import { loadContract } from '../../src/registry/load-contract';
import { packageRoot } from '../../src/package-root';
import { checkRegistry } from '../../src/registry/check-registry';
import type { CaseDeps } from '../../src/runner/execute-case';
import { createSchemaValidator } from '../../src/schema/create-validator';
import { loadRegistry, referencedOperationIds } from '../../src/registry/load-registry';

export const registry = loadRegistry(join(packageRoot, 'operations'), join(packageRoot, 'fixtures'));
export const contract = loadContract(join(packageRoot, 'specs/whatsapp-sync.openapi.yaml'), referencedOperationIds(registry));
export const operations: ReadonlyMap<string, OperationContract> = new Map(contract.operations.map((o) => [o.operationId, o] as const));
checkRegistry(registry, operations, undefined, undefined, contract.schemas);

export function operation(id: string): OperationContract {
  const found = operations.get(id);
  if (found === undefined) throw new Error(`no operation ${id}`);
  return found;
}

/** A shipped scenario row, by operation and id. */
export function row(operationId: string, id: string): Scenario {
  const found = registry.operations.find((o) => o.operationId === operationId)?.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${operationId}/${id}`);
  return found;
}

/** A start row's step as the row tests compare it: id, operation, auth, status, examples, predict. */
export type StepShape = [string, string | undefined, string | undefined, number | undefined, readonly string[] | undefined, unknown];

/** Row `id` of every start operation (every operation but the status read), with the part it starts and its steps' shapes. */
export function startRows(id: string): { operationId: string; part: 'history' | 'contacts'; scenario: Scenario | undefined; steps: StepShape[] }[] {
  return registry.operations
    .filter((o) => o.operationId !== 'getWhatsAppSyncStatus')
    .map((o) => {
      const scenario = o.scenarios.find((s) => s.id === id);
      const steps = (scenario?.steps ?? []).map((step): StepShape => [step.id, step.operation, step.auth, step.expect.status, step.expect.examples, step.expect.predict]);
      return { operationId: o.operationId, part: o.operationId === 'startWhatsAppHistorySync' ? 'history' : 'contacts', scenario, steps };
    });
}

/** A case's dependencies over the shipped contract, sending through `transport` (a test's own fake; the base URL is never dialled). */
export function shippedCaseDeps(transport: CaseDeps['transport']): CaseDeps {
  return {
    transport,
    operations,
    rules: registry.rules,
    schemas: createSchemaValidator(contract.schemas),
    target: { baseUrl: 'http://127.0.0.1:9', apiKey: 'zv_test_x', unknownKey: 'zv_test_y' },
  };
}
