/**
 * The Jest suite the CLI runs: one test per planned case. It reads the run plan, sends each case's
 * request through the transport, judges the exchange with every check, appends the structured
 * result for the reporters, and fails the Jest test with the violations and a curl to reproduce.
 */
import { appendFileSync } from 'node:fs';
import { describe, test } from '@jest/globals';
import type { CaseResult, PlannedCase } from '../model';
import { executeCase, skippedResult, type CaseDeps } from '../runner/execute-case';
import { combineAttempts } from '../regression/combine-attempts';
import { failureError } from '../runner/describe-failure';
import { caseTimeout } from '../runner/jest-config';
import { readRunPlan } from '../runner/run-plan';
import { createSchemaValidator } from '../schema/create-validator';
import { createTransports } from '../transport/create-transport';

const { plan, apiKey } = readRunPlan(process.env);

function record(result: CaseResult): void {
  appendFileSync(plan.resultsFile, `${JSON.stringify(result)}\n`);
}

/** A case --repeat times, in sequence, combined into one result (flaky when the verdicts differ). */
async function repeated(run: () => Promise<CaseResult>): Promise<CaseResult> {
  if (plan.repeat <= 1) return run();
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
// Compiled once per run, before the first case; a schema that does not compile fails the suite load.
const deps: CaseDeps = {
  transport: transports.cases,
  operation: plan.operation,
  schemas: createSchemaValidator(plan.schemas, { eager: true }),
  target: { baseUrl: plan.baseUrl, apiKey, unknownKey: plan.unknownKey },
};

describe(plan.operation.label, () => {
  for (const planned of plan.cases) {
    const title = `${planned.id}: ${planned.scenario.description}`;
    if (planned.skipReason !== undefined) {
      record(skippedResult(planned, plan.operation));
      test.skip(`${title} (skipped: ${planned.skipReason})`, () => undefined);
      continue;
    }
    const negative = planned.scenario.request.sender === 'hostile';
    // Cases run one at a time unless --concurrency allows more; the property runs its inputs in order.
    const define = plan.concurrency > 1 && !negative ? test.concurrent : test;
    // The property is one case however often the others repeat: its inputs already vary run to run.
    const timeout = negative ? plan.negative.timeBudgetMs + 2 * plan.timeoutMs + 5000 : caseTimeout(plan.timeoutMs, plan.repeat);
    define(
      title,
      async () => {
        const result = negative ? await runNegative(planned) : await repeated(() => executeCase(planned, deps));
        record(result);
        if (result.status !== 'passed') throw failureError(result);
      },
      timeout,
    );
  }
});
