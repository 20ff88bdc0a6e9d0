/** The suite's own registry and contract, loaded as a run loads them, for tests that need real operations and rows. */
import { join } from 'node:path';
import type { OperationContract, Scenario } from '../../src/model';
import { loadContract } from '../../src/registry/load-contract';
import { packageRoot } from '../../src/package-root';
import { checkRegistry } from '../../src/registry/check-registry';
import { loadRegistry, referencedOperationIds } from '../../src/registry/load-registry';

export const registry = loadRegistry(join(packageRoot, 'operations'), join(packageRoot, 'fixtures'));
export const contract = loadContract(join(packageRoot, 'specs/whatsapp-sync.openapi.yaml'), referencedOperationIds(registry));
export const operations: ReadonlyMap<string, OperationContract> = new Map(contract.operations.map((o) => [o.operationId, o] as const));
checkRegistry(registry, operations);

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
