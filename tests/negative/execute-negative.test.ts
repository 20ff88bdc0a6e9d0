/**
 * The negative-input case as the runner executes it: the scenario row's `expect` is the contract
 * for every hostile id, and a property that tried nothing is an error, never a pass.
 */
import { join } from 'node:path';
import type { CaseResult, Exchange, HttpRequest, PlannedCase, Scenario } from '../../src/model';
import { packageRoot } from '../../src/package-root';
import { validateReport } from '../../src/report/report-schema';
import { executeNegativeCase } from '../../src/runner/execute-negative';
import type { CaseDeps } from '../../src/runner/execute-case';
import { createSchemaValidator } from '../../src/schema/create-validator';
import { loadScenarios } from '../../src/scenarios/load-scenarios';
import { loadContract } from '../../src/openapi/load-contract';
import type { Transport } from '../../src/transport/transport';
import { report } from '../report/fixtures';

const scenarioFile = loadScenarios(join(packageRoot, 'specs/whatsapp-sync.scenarios.json'));
const contract = loadContract(join(packageRoot, 'specs/whatsapp-sync.openapi.yaml'), 'GET', scenarioFile.operation.path);
const schemas = createSchemaValidator(contract.schemas);
const shippedRow = scenarioFile.scenarios.find((s) => s.id === 'negative-inputs');
if (shippedRow === undefined) throw new Error('no negative-inputs row');
const row: Scenario = shippedRow;

/** A target that answers every request with `status` and an Error body, after `delayMs`. */
function answering(status: number, delayMs = 0): Transport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    send: async (request, id): Promise<Exchange> => {
      sent.push(request);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const bodyText = JSON.stringify({ code: 'not_found', message: 'Sender not found' });
      return { id, request, response: { status, headers: { 'content-type': 'application/json' }, bodyText }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1 };
    },
  };
}

function run(expect: Scenario['expect'], transport: Transport, timeBudgetMs = 20_000): Promise<CaseResult> {
  const planned: PlannedCase = { id: row.id, scenario: { ...row, expect } };
  const deps: CaseDeps = { transport, operation: contract.operation, schemas, target: { baseUrl: 'http://target.test', apiKey: 'zv_test_key', unknownKey: 'zv_test_other' } };
  return executeNegativeCase(planned, deps, { seed: 7, numRuns: 3, timeBudgetMs, fixtures: ['snd_a'], exampleFixtures: ['snd_a'] });
}

describe('executeNegativeCase judges by the scenario row', () => {
  it('passes a target whose answer the edited row accepts (and the shipped one does not)', async () => {
    const accepts422 = { ...row.expect, alsoAccept: [400, 422] };
    expect((await run(accepts422, answering(422))).status).toBe('passed');
    expect((await run(row.expect, answering(422))).status).toBe('failed');
  });

  it('fails a target whose answer the edited row no longer accepts, and the replayed checks say why', async () => {
    const only404 = { ...row.expect, alsoAccept: [], because: 'only 404 will do' };
    const result = await run(only404, answering(400));
    expect(result.status).toBe('failed');
    expect(result.violations[0]?.message).toContain('Expected: only 404 will do');
    expect(result.violations.map((v) => v.check)).toContain('status-code-expected');
    expect(result.receivedStatus).toBe(400);
  });
});

describe('executeNegativeCase with no evidence', () => {
  it('reports a property that judged no input at all as an error, with the reason, never as passed', async () => {
    const result = await run(row.expect, answering(404), 0);
    expect(result.status).toBe('error');
    expect(result.errorMessage).toBe('not one hostile id was judged: no run completed within the 0 ms time budget. Same inputs again: --seed 7');
    expect(result.violations).toEqual([expect.objectContaining({ check: 'negative-inputs', severity: 'warning', title: 'Time budget reached' })]);
    expect(validateReport(report([result]))).toBeTruthy();
  });
});
