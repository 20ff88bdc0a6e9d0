/**
 * The negative-input case: hostile values of the fuzzed path parameter through the property runner. A failure is reported
 * on its shrunk counterexample with the full checks, so it reads like any other failed case, plus
 * the seed that reproduces the whole run and a curl that reproduces the one request.
 */
import type { CaseResult, Exchange, PlannedCase, Violation } from '../model';
import { runChecks } from '../checks/run-checks';
import { expectationForNegativeId, judgeNegativeExchange, runNegativeProperty } from '../negative';
import { resolveExpectation } from '../model-based/resolve-expectation';
import { formatCurl } from '../reproduce/format-curl';
import { plural } from '../text/plain-text';
import { buildRequest } from '../transport/build-request';
import { escapesSegment, type NegativeInput } from '../transport/path-segment';
import { caseBase, type CaseDeps } from './execute-case';
import type { RunPlan } from './run-plan';

const keyOf = (input: NegativeInput): string => JSON.stringify([input.id, input.raw]);

/**
 * A write is never sent with an id that could reach a real fixture: one containing a configured
 * value, or a raw id that leaves its segment (a router may resolve "<fixture>/x/.." onto it).
 */
function unsafeForWrite(input: NegativeInput, fixtures: readonly string[]): boolean {
  const id = input.id.toLowerCase();
  return escapesSegment(input) || fixtures.some((fixture) => fixture !== '' && id.includes(fixture.toLowerCase()));
}

export async function executeNegativeCase(planned: PlannedCase, deps: CaseDeps, negative: RunPlan['negative']): Promise<CaseResult> {
  const operation = deps.operations.get(planned.operationId);
  const parameter = planned.scenario.fuzz;
  const resolved = resolveExpectation(planned.scenario.expect ?? {}, deps.rules);
  if (operation === undefined || parameter === undefined || 'unpredictable' in resolved) throw new Error(`${planned.id} is not a negative-input case`);
  const baseExpect = resolved.expect;
  const exchanges = new Map<string, Exchange>();
  let sent = 0;
  let withheld = 0;
  const send = (input: NegativeInput): Promise<Exchange> => {
    const request = buildRequest(operation, { ...planned.params, [parameter]: input }, planned.scenario.auth ?? 'valid', deps.target);
    sent += 1;
    return deps.transport.send(request, `${planned.id}#${sent}`);
  };
  const started = Date.now();
  const outcome = await runNegativeProperty({
    seed: negative.seed,
    numRuns: negative.numRuns,
    fixtures: negative.fixtures,
    exampleFixtures: negative.exampleFixtures,
    timeBudgetMs: negative.timeBudgetMs,
    judge: async (input) => {
      if (operation.writes && unsafeForWrite(input, negative.fixtures)) {
        withheld += 1;
        return { ok: true, summary: 'not sent: a write with this id could reach a real fixture' };
      }
      const exchange = await send(input);
      exchanges.set(keyOf(input), exchange);
      return judgeNegativeExchange(exchange, expectationForNegativeId(input, negative.fixtures, baseExpect), deps.schemas);
    },
  });
  const base = {
    ...caseBase(planned, operation),
    description: `${planned.scenario.description} (seed ${outcome.seed}, ${outcome.runsDone} of ${outcome.numRuns} inputs, ${plural(outcome.judgeCalls - withheld, 'request')}${withheld > 0 ? `, ${withheld} withheld from a write` : ''})`,
    expectedStatus: baseExpect.status,
    durationMs: Date.now() - started,
  };
  const budgetNote: Violation[] = outcome.interrupted
    ? [{ check: 'negative-inputs', severity: 'warning', title: 'Time budget reached', message: `Received: ${outcome.runsDone} of ${outcome.numRuns} inputs tried in ${negative.timeBudgetMs} ms / Expected: every input tried (a slow target; rerun with --seed ${outcome.seed})`, instancePath: '' }]
    : [];
  if (outcome.ok) return { ...base, status: 'passed', violations: budgetNote };
  if (outcome.counterexample === undefined) {
    // No input was judged (the time budget ran out first): no evidence either way is not a pass.
    const why = outcome.failureSummary ?? 'the property failed without a counterexample';
    return { ...base, status: 'error', violations: budgetNote, errorMessage: `not one hostile id was judged: ${why}. Same inputs again: --seed ${outcome.seed}` };
  }
  const input = outcome.counterexample;
  const exchange = exchanges.get(keyOf(input)) ?? (await send(input));
  const { violations } = runChecks(exchange, { expect: expectationForNegativeId(input, negative.fixtures, baseExpect), operation, schemas: deps.schemas });
  const headline: Violation = {
    check: 'negative-inputs',
    severity: 'error',
    title: `Hostile sender id ${JSON.stringify(input.id.length > 80 ? `${input.id.slice(0, 80)}…` : input.id)}${input.raw ? ' (sent raw)' : ''} breaks the contract`,
    // The judge's summary already says what was expected of this id; Expected states the rule once.
    message: `Received: ${outcome.failureSummary ?? 'a failure'}${outcome.shrunk ? ' (shrunk to the smallest failing id)' : ''} / Expected: ${baseExpect.because}. Same inputs again: --seed ${outcome.seed}`,
    instancePath: '',
  };
  return {
    ...base,
    status: 'failed',
    violations: [headline, ...violations.filter((v) => v.severity === 'error'), ...budgetNote],
    ...(exchange.response ? { receivedStatus: exchange.response.status } : {}),
    curl: formatCurl(exchange.request),
    exchangeId: exchange.id,
  };
}
