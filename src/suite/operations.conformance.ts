/**
 * The Jest suite the CLI runs: one describe per operation, one test per planned case
 * ("operationId/caseId"). Each test calls into the run's engine, built in the host process and
 * handed over by the test environment (host-environment.ts): the engine sends the case's requests,
 * judges every exchange with every check and keeps the result for the reports; the test fails with
 * the violations and a curl to reproduce. Nothing but this file and Jest's globals loads here.
 */
import { describe, test } from '@jest/globals';
import type { SuiteEngine } from '../runner/suite-engine';
import { engineKey } from './engine-key';

const engine = (globalThis as { [engineKey]?: SuiteEngine })[engineKey];
if (engine === undefined) throw new Error('no conformance run handed this suite its engine: run it with "zavu-conformance run", not with jest directly');

/** An Error of this realm (the one Jest's runner lives in) whose stack is its message: Jest prints the violations, not suite internals. */
function failureError(text: string): Error {
  const error = new Error(text);
  error.stack = text;
  return error;
}

for (const group of engine.groups) {
  describe(group.title, () => {
    for (const c of group.cases) {
      if (c.skipReason !== undefined) {
        test.skip(`${c.title} (skipped: ${c.skipReason})`, () => undefined);
        continue;
      }
      (c.concurrent ? test.concurrent : test)(
        c.title,
        // The runner's stop for this test: aborted when its timeout runs out, and the engine then
        // sends nothing more of the case; the next test starts once it has ended, awaited for its
        // stopGraceMs (suite-test-runner.ts reads it off the function: Jest's test() takes no more).
        Object.assign(
          async (signal?: AbortSignal) => {
            const failure = await engine.run(c.id, signal);
            if (failure !== undefined) throw failureError(failure);
          },
          { stopGraceMs: c.stopGraceMs },
        ),
        c.timeoutMs,
      );
    }
  });
}
