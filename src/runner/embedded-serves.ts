/**
 * A run without --base-url goes to the embedded reference server, which serves only the operations
 * of its route table (src/reference-server/route.ts). An operation that exists only as data (a
 * fourth one in a spec and an operations folder of the user's) would meet its router's 404 in every
 * case and be certified FAILED as the target's fault: refused before anything is sent instead.
 */
import type { OperationContract } from '../model';
import { UsageError } from '../model/errors';
import type { Registry } from '../registry/load-registry';
import { ROUTES } from '../reference-server/route';

/** The operations the run's rows send a request of: their own (those --operation keeps), and those their steps name. */
function sentOperationIds(registry: Registry, only: readonly string[] | undefined): Set<string> {
  const ids = new Set<string>();
  for (const owner of registry.operations) {
    if (only !== undefined && !only.includes(owner.operationId)) continue;
    ids.add(owner.operationId);
    for (const scenario of owner.scenarios) for (const step of scenario.steps ?? []) if (step.operation !== undefined) ids.add(step.operation);
  }
  return ids;
}

/**
 * @throws UsageError (exit 2) naming each operation the run would send that no route of the
 * embedded server serves as the spec has it (its operationId, method and path)
 */
export function refuseUnservedByEmbedded(registry: Registry, operations: ReadonlyMap<string, OperationContract>, only: readonly string[] | undefined): void {
  const served = (operation: OperationContract): boolean => ROUTES.some((route) => route.operationId === operation.operationId && route.method === operation.method && route.pathTemplate === operation.pathTemplate);
  const unserved = [...sentOperationIds(registry, only)].flatMap((id) => {
    const operation = operations.get(id);
    return operation === undefined || served(operation) ? [] : [`${operation.operationId} (${operation.label})`];
  });
  if (unserved.length === 0) return;
  const them = unserved.length === 1 ? 'it' : 'them';
  throw new UsageError(`${unserved.join(', ')}: the embedded reference server does not serve ${them} (it serves ${ROUTES.map((route) => route.operationId).join(', ')}), so every case would judge its router's 404; give --base-url of a server that does`);
}
