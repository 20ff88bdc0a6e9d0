/**
 * The negative-input case: hostile values of the fuzzed path parameter through the property
 * runner. Each distinct kind of failure is reported on its shrunk input with the full checks, so
 * it reads like any other failed case, plus the seed that reproduces the whole run and a curl per
 * kind; warnings the property met are kept, pass or fail. Ids the target rate-limited were not
 * judged: a property that held on the rest is an error (could not be judged), not a pass.
 */
import type { CaseResult, Exchange, HttpRequest, PlannedCase, Violation } from '../model';
import { negativeDescription } from '../model/negative-description';
import { expectationForNegativeId, findingExchanges, judgeNegativeExchange, mayReachFixture, runNegativeProperty, spellsOnly, type NegativeVerdict } from '../negative';
import { resolveExpectation } from '../model-based/resolve-expectation';
import { formatCurl } from '../reproduce/format-curl';
import { plural } from '../text/plain-text';
import { buildRequest } from '../transport/build-request';
import { elapsedMs } from '../transport/elapsed-ms';
import { idOfAClient, sentAsAClient } from '../transport/sent-as-a-client';
import { inputKey, requestLineAround, type NegativeInput } from '../transport/path-segment';
import { unjudgedAnswer } from '../checks/rate-limited';
import { caseBase, type CaseDeps } from './execute-case';
import { failureViolations, warningViolation, type FindingContext } from './negative-findings';
import { MAX_CONCURRENCY } from '../config/run-config';
import type { RunPlan } from './run-plan';

/** `concurrency`: requests in flight at once (--concurrency); above 1 the property judges the inputs it will reach next ahead of time. */
export async function executeNegativeCase(planned: PlannedCase, deps: CaseDeps, negative: RunPlan['negative'], concurrency = 1): Promise<CaseResult> {
  const operation = deps.operations.get(planned.operationId);
  const parameter = planned.scenario.fuzz;
  const resolved = resolveExpectation(planned.scenario.expect ?? {}, deps.rules);
  if (operation === undefined || parameter === undefined || 'unpredictable' in resolved) throw new Error(`${planned.id} is not a negative-input case`);
  const baseExpect = resolved.expect;
  // Only the answers a finding may be reported on, within a bound: ~350 bodies near --max-body-bytes held whole exhausted the run.
  const exchanges = findingExchanges();
  let sent = 0;
  let withheld = 0;
  /** Ids answered by the rate limiter (a final 429): sent, not judged. */
  let unjudged = 0;
  /** Ids never sent: the target had stopped answering (the guard's lost target). */
  let notSent = 0;
  let notSentWhy = '';
  const auth = planned.scenario.auth ?? 'valid';
  const requestOf = (input: NegativeInput): HttpRequest => buildRequest(operation, { ...planned.params, [parameter]: input }, auth, deps.target);
  // The operation's own method and path, no query: only the id and the key tell a client's request from a probe.
  const clientCredentials = sentAsAClient(operation, auth, {});
  const send = (input: NegativeInput): Promise<Exchange> => {
    sent += 1;
    // Hostile unless of a real id's form (a typo of one): a front may reset a probe, or any id off
    // the API's shape, and answer every other request, which is no lost target.
    const hostile = !(clientCredentials && idOfAClient(input.id, negative.fixtures));
    return deps.transport.send(requestOf(input), `${planned.id}#${sent}`, hostile ? { hostile: true } : undefined);
  };
  // The request line around the id, so an id a little under 8 KB in a line over it names the front's URL limit.
  const lineAround = requestLineAround(requestOf({ id: '', raw: false }));
  const expectationOf = (input: NegativeInput) => expectationForNegativeId(input, negative.fixtures, baseExpect, negative.hiddenFixtures, lineAround);
  // The monotonic clock, as for every exchange: the wall clock set back mid-property (NTP, a VM
  // resumed) made this duration negative, and the report's schema refused the whole run (exit 2).
  const started = process.hrtime.bigint();
  const outcome = await runNegativeProperty({
    seed: negative.seed,
    numRuns: negative.numRuns,
    fixtures: negative.fixtures,
    exampleFixtures: negative.exampleFixtures,
    hiddenFixtures: negative.hiddenFixtures,
    timeBudgetMs: negative.timeBudgetMs,
    lookahead: concurrency,
    judge: async (input) => {
      // A write never goes with an id a sloppy lookup could turn into a real fixture, but for the
      // spellings of a hidden sender a write may reach all the same: served, they show the breach.
      const consented = (negative.writableHiddenFixtures ?? []).some((fixture) => spellsOnly(input, fixture));
      if (operation.writes && !consented && mayReachFixture(input, negative.fixtures)) {
        withheld += 1;
        return { ok: true, summary: 'not sent: a write with this id could reach a real fixture' };
      }
      const exchange = await send(input);
      // The same rule as the judge's: a 429 carrying the operation's own refusal was judged, not left to the limiter.
      if (unjudgedAnswer(exchange, operation) !== undefined) unjudged += 1;
      if (exchange.notSent === true) {
        notSent += 1;
        notSentWhy = exchange.error?.message ?? 'not sent';
      }
      let verdict: NegativeVerdict;
      try {
        verdict = judgeNegativeExchange(exchange, expectationOf(input), operation, deps.schemas);
      } catch (error) {
        // A judge that throws is a failure of its own (judge-error): its exchange is held as a failing one's.
        exchanges.keep(inputKey(input), exchange, { ok: false });
        throw error;
      }
      exchanges.keep(inputKey(input), exchange, verdict);
      return verdict;
    },
  });
  const context: FindingContext = {
    operation,
    schemas: deps.schemas,
    baseExpect,
    seed: outcome.seed,
    // A read whose answer was let go is sent again; a write never is (README: negative inputs never repeat a write).
    exchangeOf: async (input) => exchanges.get(inputKey(input)) ?? (operation.writes ? undefined : await send(input)),
    requestOf,
    expectationOf,
  };
  const kinds = outcome.failures.length > 1 ? `, ${outcome.failures.length} kinds of failure` : '';
  const base = {
    // Its `fuzzed` (one result over every hostile value tried: no latency of its own) comes with caseBase.
    ...caseBase(planned, operation),
    description: negativeDescription(planned.scenario.description, `seed ${outcome.seed}, ${outcome.runsDone} of ${outcome.numRuns} inputs, ${plural(outcome.judgeCalls - withheld, 'request')}${withheld > 0 ? `, ${withheld} withheld from a write` : ''}${kinds}`),
    expectedStatus: baseExpect.status,
    durationMs: elapsedMs(started),
  };
  const notes: Violation[] = [];
  for (const warning of outcome.warnings) notes.push(await warningViolation(warning, context));
  if (outcome.interrupted) {
    // The counts in the title too: the title is all summary.md and the console's warning digest say of
    // it, and a case that passes having tried 34 of 370 ids must not read as the whole list tried.
    const tried = `${outcome.runsDone} of ${outcome.numRuns} inputs tried`;
    notes.push({ check: 'negative-inputs', severity: 'warning', title: `Time budget reached: ${tried}`, message: `Received: ${outcome.runsDone} of ${outcome.numRuns} inputs tried in ${negative.timeBudgetMs} ms / Expected: every input tried (${budgetAdvice(outcome.runsDone, outcome.numRuns, negative.timeBudgetMs, concurrency)}; rerun with --seed ${outcome.seed})`, instancePath: '' });
  }
  if (outcome.ok && notSent > 0) {
    // Every id sent held, but the rest were never sent: a pass would certify inputs no request tried.
    return { ...base, status: 'error', violations: notes, errorMessage: `${notSent} of ${plural(outcome.judgeCalls - withheld, 'hostile id')} were not judged: ${notSentWhy}. Same inputs again: --seed ${outcome.seed}` };
  }
  if (outcome.ok && unjudged > 0) {
    // Every id judged held, but some were never judged: a pass would certify what no answer showed.
    const requests = outcome.judgeCalls - withheld;
    return { ...base, status: 'error', violations: notes, errorMessage: `${unjudged} of ${plural(requests, 'hostile id')} got a final 429 and were not judged: the target rate-limited them (slow the run with --rate). Same inputs again: --seed ${outcome.seed}` };
  }
  if (outcome.ok) return { ...base, status: 'passed', violations: notes };
  const [first, ...others] = outcome.failures;
  if (first === undefined) {
    // No input was judged (the time budget ran out first): no evidence either way is not a pass.
    const why = outcome.failureSummary ?? 'the property failed without a counterexample';
    return { ...base, status: 'error', violations: notes, errorMessage: `not one hostile id was judged: ${why}. Same inputs again: --seed ${outcome.seed}` };
  }
  const shown = await failureViolations(first, context);
  const rest: Violation[] = [];
  for (const finding of others) rest.push(...(await failureViolations(finding, context)).violations);
  return {
    ...base,
    status: 'failed',
    violations: [...shown.violations, ...rest, ...notes],
    ...(shown.exchange?.response ? { receivedStatus: shown.exchange.response.status } : {}),
    ...(shown.exchange?.error?.headStatus !== undefined ? { headStatus: shown.exchange.error.headStatus } : {}),
    curl: formatCurl(shown.request),
    ...(shown.exchange !== undefined ? { exchangeId: shown.exchange.id } : {}),
  };
}

/**
 * What to do when the property ran out of time, in the figures of the run: ~100 ms of round trip
 * (a target across the internet) is not a slow target, and at --concurrency 1 it fits ~300
 * inputs in 30 s. The advice names the --concurrency that fits them all, when one does.
 */
export function budgetAdvice(done: number, total: number, budgetMs: number, concurrency: number): string {
  const perInput = done > 0 ? budgetMs / done : budgetMs;
  const needed = done > 0 ? Math.ceil((concurrency * total) / done) : Number.POSITIVE_INFINITY;
  const pace = `~${Math.round(perInput * concurrency)} ms an input at --concurrency ${concurrency}`;
  const way = needed <= MAX_CONCURRENCY ? `--concurrency ${needed} fits them all` : `even --concurrency ${MAX_CONCURRENCY} would not fit them all: a rate-limiting target? see any rate-limited warning`;
  return `${pace}: ${way}`;
}
