/**
 * The coverage field of one case's result: its answers observed and merged per operation. The
 * seam the runner calls once per case; the field just rides along on the CaseResult.
 */
import type { CaseResult, HttpResponse, OperationContract } from '../model';
import { mergeObservationLists } from './merge-observations';
import { observeExchange } from './observe-exchange';

export interface Answer {
  operation: OperationContract;
  response: HttpResponse | undefined;
}

/** `{ coverage }` to spread into a CaseResult, or `{}` when no answer showed anything. */
export function caseCoverage(answers: readonly Answer[]): Pick<CaseResult, 'coverage'> {
  const observations = mergeObservationLists(answers.map((a) => [observeExchange(a.response, a.operation)])).filter((o) => o.exchanges > 0);
  return observations.length === 0 ? {} : { coverage: observations };
}

/** The coverage of several results of one case (--repeat) as one field. */
export function combinedCoverage(results: readonly Pick<CaseResult, 'coverage'>[]): Pick<CaseResult, 'coverage'> {
  const merged = mergeObservationLists(results.map((r) => r.coverage));
  return merged.length === 0 ? {} : { coverage: merged };
}
