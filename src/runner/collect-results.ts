/**
 * Reads the results the suite appended and lines them up with the plan: a planned case with no
 * result (the suite stopped early) becomes an "error" result rather than silently disappearing.
 */
import type { CaseResult, OperationContract, PlannedCase } from '../model';
import { readJsonLines } from './json-lines';

export function collectResults(file: string, cases: readonly PlannedCase[], operation: OperationContract, why: string): CaseResult[] {
  const byId = new Map(readJsonLines<CaseResult>(file).map((result) => [result.id, result] as const));
  return cases.map(
    (planned) =>
      byId.get(planned.id) ?? {
        id: planned.id,
        operation: operation.label,
        scenario: planned.scenario.id,
        family: planned.scenario.family,
        description: planned.scenario.description,
        status: 'error',
        durationMs: 0,
        violations: [],
        expectedStatus: planned.scenario.expect.status,
        errorMessage: `no result recorded: ${why}`,
      },
  );
}
