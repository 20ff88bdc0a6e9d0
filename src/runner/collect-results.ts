/**
 * Reads the results the suite appended and lines them up with the plan: a planned case with no
 * result (the suite stopped early) becomes an "error" result rather than silently disappearing.
 */
import type { CaseResult, OperationContract, PlannedCase } from '../model';
import { caseBase } from './execute-case';
import { readJsonLines } from './json-lines';

export function collectResults(file: string, cases: readonly PlannedCase[], operations: ReadonlyMap<string, OperationContract>, why: string): CaseResult[] {
  const byId = new Map(readJsonLines<CaseResult>(file).map((result) => [result.id, result] as const));
  return cases.map((planned) => {
    const found = byId.get(planned.id);
    if (found !== undefined) return found;
    const operation = operations.get(planned.operationId) ?? { label: planned.operationId };
    return { ...caseBase(planned, operation), status: 'error', durationMs: 0, violations: [], errorMessage: `no result recorded: ${why}` };
  });
}
