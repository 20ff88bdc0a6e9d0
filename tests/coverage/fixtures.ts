/** Fixed coverage inputs shared by the coverage tests: the shipped contract of two operations, and results that observed parts of it. */
import type { CaseResult, CoverageObservation } from '../../src/model';
import type { CoverageSubject } from '../../src/coverage/aggregate-coverage';
import { coverageContract } from '../../src/coverage/contract-sites';
import { operation, contract } from '../support/shipped-contract';

export const subjects: CoverageSubject[] = ['getWhatsAppSyncStatus', 'startWhatsAppHistorySync'].map((id) => ({
  operationId: id,
  operation: operation(id).label,
  contract: coverageContract(operation(id), contract.schemas),
}));

function observed(operationId: string, part: Partial<CoverageObservation>): CoverageObservation {
  return { operationId, exchanges: 1, statuses: [], examples: [], enums: {}, optional: {}, ...part };
}

function result(...coverage: CoverageObservation[]): Pick<CaseResult, 'coverage'> {
  return { coverage };
}

/** Fixed results: two cases of the read, one of the history start, one case that observed nothing. */
export const fixedResults = [
  result(observed('getWhatsAppSyncStatus', { statuses: ['200'], enums: { '200 sync.status': ['"active"'], '200 sync.history.status': ['"completed"', '"rejected"'] }, optional: { '200 sync.history.requestedAt': { present: 1, absent: 0, null: 0 } } })),
  result(observed('getWhatsAppSyncStatus', { statuses: ['400'], examples: ['400 no_waba'], exchanges: 2, outside: { '200 sync.status': 3 } })),
  result(observed('startWhatsAppHistorySync', { statuses: ['202', '404'], enums: { '202 sync.status': ['"active"', '"error"'], '202 sync.history.status': ['"pending"'] } })),
  {},
];

