/**
 * The negative-input case: hostile sender ids through the property runner. A failure is reported
 * on its shrunk counterexample with the full checks, so it reads like any other failed case, plus
 * the seed that reproduces the whole run and a curl that reproduces the one request.
 */
import type { CaseResult, Exchange, PlannedCase, Violation } from '../model';
import { runChecks } from '../checks/run-checks';
import { expectationForNegativeId, judgeNegativeExchange, runNegativeProperty, senderPath, type NegativeInput } from '../negative';
import { formatCurl } from '../reproduce/format-curl';
import { plural } from '../text/plural';
import { authorizationFor } from '../transport/auth-headers';
import { joinUrl } from '../transport/build-request';
import type { CaseDeps } from './execute-case';
import type { RunPlan } from './run-plan';

const keyOf = (input: NegativeInput): string => JSON.stringify([input.id, input.raw]);

export async function executeNegativeCase(planned: PlannedCase, deps: CaseDeps, negative: RunPlan['negative']): Promise<CaseResult> {
  const exchanges = new Map<string, Exchange>();
  let sent = 0;
  const send = (input: NegativeInput): Promise<Exchange> => {
    const path = senderPath(deps.operation.pathTemplate, input);
    const authorization = authorizationFor('valid', deps.target.apiKey, deps.target.unknownKey) ?? '';
    sent += 1;
    return deps.transport.send({ method: 'GET', url: joinUrl(deps.target.baseUrl, path), path, headers: { accept: 'application/json', authorization }, authVariant: 'valid' }, `${planned.id}#${sent}`);
  };
  const started = Date.now();
  const outcome = await runNegativeProperty({
    seed: negative.seed,
    numRuns: negative.numRuns,
    fixtures: negative.fixtures,
    exampleFixtures: negative.exampleFixtures,
    timeBudgetMs: negative.timeBudgetMs,
    judge: async (input) => {
      const exchange = await send(input);
      exchanges.set(keyOf(input), exchange);
      return judgeNegativeExchange(exchange, expectationForNegativeId(input, negative.fixtures, planned.scenario.expect), deps.schemas);
    },
  });
  const base = {
    id: planned.id,
    operation: deps.operation.label,
    scenario: planned.scenario.id,
    family: planned.scenario.family,
    description: `${planned.scenario.description} (seed ${outcome.seed}, ${outcome.runsDone} of ${outcome.numRuns} inputs, ${plural(outcome.judgeCalls, 'request')})`,
    expectedStatus: planned.scenario.expect.status,
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
  const scenario = { ...planned.scenario, expect: expectationForNegativeId(input, negative.fixtures, planned.scenario.expect) };
  const { violations } = runChecks(exchange, { scenario, operation: deps.operation, schemas: deps.schemas });
  const headline: Violation = {
    check: 'negative-inputs',
    severity: 'error',
    title: `Hostile sender id ${JSON.stringify(input.id.length > 80 ? `${input.id.slice(0, 80)}…` : input.id)}${input.raw ? ' (sent raw)' : ''} breaks the contract`,
    // The judge's summary already says what was expected of this id; Expected states the rule once.
    message: `Received: ${outcome.failureSummary ?? 'a failure'}${outcome.shrunk ? ' (shrunk to the smallest failing id)' : ''} / Expected: ${planned.scenario.expect.because}. Same inputs again: --seed ${outcome.seed}`,
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
