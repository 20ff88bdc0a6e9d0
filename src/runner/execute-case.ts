/** Runs one planned case: build the request, send it through the transport, judge it with every check. */
import type { CaseResult, OperationContract, PlannedCase, SchemaValidator } from '../model';
import { runChecks } from '../checks/run-checks';
import { formatCurl } from '../reproduce/format-curl';
import { buildRequest, type RequestTarget } from '../transport/build-request';
import type { Transport } from '../transport/transport';

export interface CaseDeps {
  transport: Transport;
  operation: OperationContract;
  schemas: SchemaValidator;
  target: RequestTarget;
}

function base(planned: PlannedCase, operation: OperationContract) {
  return {
    id: planned.id,
    operation: operation.label,
    scenario: planned.scenario.id,
    family: planned.scenario.family,
    description: planned.scenario.description,
    expectedStatus: planned.scenario.expect.status,
  };
}

export function skippedResult(planned: PlannedCase, operation: OperationContract): CaseResult {
  return { ...base(planned, operation), status: 'skipped', durationMs: 0, violations: [], skipReason: planned.skipReason ?? 'skipped' };
}

export async function executeCase(planned: PlannedCase, deps: CaseDeps): Promise<CaseResult> {
  const request = buildRequest(planned, deps.operation, deps.target);
  const exchange = await deps.transport.send(request, planned.id);
  const { violations, crashes } = runChecks(exchange, { scenario: planned.scenario, operation: deps.operation, schemas: deps.schemas });
  const failed = violations.some((v) => v.severity === 'error');
  const source = deps.transport.sourceOf?.(exchange.id);
  return {
    ...base(planned, deps.operation),
    status: crashes.length > 0 ? 'error' : failed ? 'failed' : 'passed',
    durationMs: exchange.durationMs,
    violations,
    ...(crashes.length > 0 ? { errorMessage: crashes.map((c) => `check ${c.check} crashed: ${c.message}`).join('; ') } : {}),
    ...(exchange.response ? { receivedStatus: exchange.response.status } : {}),
    curl: formatCurl(request),
    exchangeId: exchange.id,
    ...(source !== undefined ? { source } : {}),
  };
}
