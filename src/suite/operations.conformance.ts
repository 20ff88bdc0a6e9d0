/**
 * The Jest suite the CLI runs: one describe per operation, one test per planned case
 * ("operationId/caseId"). It reads the run plan, runs each case's steps through the transport,
 * judges every exchange with every check, appends the structured result for the reporters, and
 * fails the Jest test with the violations and a curl to reproduce.
 */
import { appendFileSync } from 'node:fs';
import { describe, test } from '@jest/globals';
import type { CaseResult, PlannedCase } from '../model';
import { executeCase, skippedResult, type CaseDeps } from '../runner/execute-case';
import { combineAttempts } from '../repeat/combine-attempts';
import { failureError } from '../runner/describe-failure';
import { caseTimeout } from '../runner/jest-config';
import { readRunPlan } from '../runner/run-plan';
import { resultScrubber } from '../runner/scrub-result';
import { createSchemaValidator } from '../schema/create-validator';
import { createTransports } from '../transport/create-transport';

const { plan, apiKey } = readRunPlan(process.env);

const scrub = resultScrubber(apiKey);

/** Records the result for the reports, with every form of the key removed (a target may echo it); returns what was recorded. */
function record(result: CaseResult): CaseResult {
  const clean = scrub(result);
  appendFileSync(plan.resultsFile, `${JSON.stringify(clean)}\n`);
  return clean;
}

/**
 * A case --repeat times, in sequence, combined into one result (flaky when the verdicts differ).
 * A case that writes runs once: repeating a write that took effect would change what it tests.
 */
async function repeated(planned: PlannedCase, run: () => Promise<CaseResult>): Promise<CaseResult> {
  if (plan.repeat <= 1 || planned.writes) return run();
  const attempts: CaseResult[] = [];
  for (let i = 0; i < plan.repeat; i += 1) attempts.push(await run());
  return combineAttempts(attempts);
}

/** Loaded only when a negative case runs: fast-check and the property are not a replay's cost. */
function runNegative(planned: PlannedCase): Promise<CaseResult> {
  const { executeNegativeCase } = require('../runner/execute-negative') as typeof import('../runner/execute-negative');
  return executeNegativeCase(planned, { ...deps, transport: transports.negative }, plan.negative);
}

const transports = createTransports(plan, apiKey);
const operations = new Map(plan.operations.map((o) => [o.operationId, o] as const));
// Compiled once per run, before the first case; a schema that does not compile fails the suite load.
const deps: CaseDeps = {
  transport: transports.cases,
  operations,
  rules: plan.rules,
  schemas: createSchemaValidator(plan.schemas, { eager: true }),
  target: { baseUrl: plan.baseUrl, apiKey, unknownKey: plan.unknownKey },
};

const byOperation = new Map<string, PlannedCase[]>();
for (const planned of plan.cases) byOperation.set(planned.operationId, [...(byOperation.get(planned.operationId) ?? []), planned]);

for (const [operationId, cases] of byOperation) {
  const operation = operations.get(operationId);
  // The registry checked every operation against the spec before the plan was written.
  if (operation === undefined) throw new Error(`operation ${operationId} is not in the plan`);
  describe(`${operationId}: ${operation.label}`, () => {
    for (const planned of cases) {
      const title = `${planned.id}: ${planned.scenario.description}`;
      if (planned.skipReason !== undefined) {
        record(skippedResult(planned, operation));
        test.skip(`${title} (skipped: ${planned.skipReason})`, () => undefined);
        continue;
      }
      const negative = planned.scenario.fuzz !== undefined;
      // Cases run one at a time unless --concurrency allows more; sequences and the property run their requests in order.
      const define = plan.concurrency > 1 && !negative && !planned.writes ? test.concurrent : test;
      // The property is one case however often the others repeat: its inputs already vary run to run.
      const timeout = negative ? plan.negative.timeBudgetMs + 2 * plan.timeoutMs + 5000 : planned.steps.length * caseTimeout(plan.timeoutMs, plan.repeat);
      define(
        title,
        async () => {
          const result = record(negative ? await runNegative(planned) : await repeated(planned, () => executeCase(planned, deps)));
          if (result.status !== 'passed') throw failureError(result);
        },
        timeout,
      );
    }
  });
}
