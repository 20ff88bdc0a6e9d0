/**
 * The negative-input case as the runner executes it: the scenario row's `expect` is the contract
 * for every hostile id, and a property that tried nothing is an error, never a pass.
 */
import type { CaseResult, Exchange, Expectation, HttpRequest, PlannedCase, Scenario } from '../../src/model';
import { validateReport } from '../../src/report/report-schema';
import { executeNegativeCase } from '../../src/runner/execute-negative';
import type { CaseDeps } from '../../src/runner/execute-case';
import { createSchemaValidator } from '../../src/schema/create-validator';
import type { Transport } from '../../src/transport/transport';
import { report } from '../report/fixtures';
import { contract, operations, row as shippedRow } from '../support/shipped-contract';

const schemas = createSchemaValidator(contract.schemas);
const row: Scenario = shippedRow('getWhatsAppSyncStatus', 'negative-inputs');
const rowExpect: Expectation = row.expect ?? {};

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

function run(expect: Expectation, transport: Transport, timeBudgetMs = 20_000, operationId = 'getWhatsAppSyncStatus'): Promise<CaseResult> {
  const planned: PlannedCase = { id: `${operationId}/${row.id}`, operationId, scenario: { ...row, expect }, params: {}, steps: [], writes: operations.get(operationId)?.writes === true };
  const deps: CaseDeps = { transport, operations, rules: [], schemas, target: { baseUrl: 'http://target.test', apiKey: 'zv_test_key', unknownKey: 'zv_test_other' } };
  return executeNegativeCase(planned, deps, { seed: 7, numRuns: 3, timeBudgetMs, fixtures: ['snd_a'], exampleFixtures: ['snd_a'] });
}

describe('executeNegativeCase judges by the scenario row', () => {
  it('passes a target whose answer the edited row accepts (and the shipped one does not)', async () => {
    const accepts422 = { ...rowExpect, alsoAccept: [400, 422] };
    expect((await run(accepts422, answering(422))).status).toBe('passed');
    expect((await run(rowExpect, answering(422))).status).toBe('failed');
  });

  it('fails a target whose answer the edited row no longer accepts, and the replayed checks say why', async () => {
    const only404 = { ...rowExpect, alsoAccept: [], because: 'only 404 will do' };
    const result = await run(only404, answering(400));
    expect(result.status).toBe('failed');
    expect(result.violations[0]?.message).toContain('Expected: only 404 will do');
    expect(result.violations.map((v) => v.check)).toContain('status-code-expected');
    expect(result.receivedStatus).toBe(400);
  });
});

describe('executeNegativeCase with no evidence', () => {
  it('reports a property that judged no input at all as an error, with the reason, never as passed', async () => {
    const result = await run(rowExpect, answering(404), 0);
    expect(result.status).toBe('error');
    expect(result.errorMessage).toBe('not one hostile id was judged: no run completed within the 0 ms time budget. Same inputs again: --seed 7');
    expect(result.violations).toEqual([expect.objectContaining({ check: 'negative-inputs', severity: 'warning', title: 'Time budget reached' })]);
    expect(validateReport(report([result]))).toBeTruthy();
  });
});

describe('executeNegativeCase on a write operation', () => {
  it('sends the operation\'s own method, and never an id that could reach a real fixture', async () => {
    const target = answering(404);
    const result = await run(rowExpect, target, 20_000, 'startWhatsAppHistorySync');
    expect(result.status).toBe('passed');
    expect(new Set(target.sent.map((r) => r.method))).toEqual(new Set(['POST']));
    // The fixture "snd_a" appears in no path, and no raw id leaves its segment.
    expect(target.sent.filter((r) => r.path.toLowerCase().includes('snd_a'))).toEqual([]);
    expect(result.description).toMatch(/withheld from a write/);
    // The same property on the GET sends near-misses of the fixture.
    const read = answering(404);
    await run(rowExpect, read);
    expect(read.sent.some((r) => r.path.toLowerCase().includes('snd_a'))).toBe(true);
  });
});
