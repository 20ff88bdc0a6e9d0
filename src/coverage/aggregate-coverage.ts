/**
 * The report's coverage section from the results' observations and each operation's coverage
 * contract. The contract says what is documented (in its order); observations say what was seen.
 * A run aggregates from the spec's contracts; a shard merge from the contracts its shards' reports
 * carry (contractOf), so the merged figures are those of one unsharded run.
 */
import type { CaseResult, CoverageObservation, CoverageReport, OperationCoverage, OperationCoverageContract } from '../model';
import { exampleKey, siteKey } from './contract-sites';
import { enumDefinitions, totalsOf } from './figures';
import { mergeObservationLists } from './merge-observations';
import { emptyObservation } from './observe-exchange';
import { applyRules, type CoverageRule } from './min-coverage';

/** One operation the run certified, with what coverage counts of it. */
export interface CoverageSubject {
  operationId: string;
  operation: string;
  contract: OperationCoverageContract;
}

export function operationCoverage(subject: CoverageSubject, observed: CoverageObservation): OperationCoverage {
  const { contract } = subject;
  return {
    operationId: subject.operationId,
    operation: subject.operation,
    exchanges: observed.exchanges,
    unwalked: observed.unwalked ?? 0,
    statuses: { documented: [...contract.statuses], seen: contract.statuses.filter((s) => observed.statuses.includes(s)), undocumented: observed.undocumented ?? 0 },
    errorExamples: { documented: contract.errorExamples.map((e) => ({ ...e })), matched: contract.errorExamples.map(exampleKey).filter((k) => observed.examples.includes(k)) },
    enums: contract.enums.map((site) => ({
      ...site,
      allowed: [...site.allowed],
      seen: site.allowed.filter((v) => observed.enums[siteKey(site)]?.includes(v) === true),
      outside: observed.outside?.[siteKey(site)] ?? 0,
    })),
    optional: contract.optional.map((site) => ({ ...site, ...(observed.optional[siteKey(site)] ?? { present: 0, absent: 0, null: 0 }) })),
  };
}

export function aggregateCoverage(subjects: readonly CoverageSubject[], results: readonly Pick<CaseResult, 'coverage'>[], rules: readonly CoverageRule[] = []): CoverageReport {
  const observed = new Map(mergeObservationLists(results.map((r) => r.coverage)).map((o) => [o.operationId, o] as const));
  const operations = subjects.map((s) => operationCoverage(s, observed.get(s.operationId) ?? emptyObservation(s.operationId)));
  const enums = enumDefinitions(operations);
  const totals = totalsOf(operations, enums);
  return { operations, enums, totals, ...applyRules(rules, totals) };
}

/** The contract an operation's coverage in a report was counted against (for merging shards' reports). */
export function contractOf(op: OperationCoverage): OperationCoverageContract {
  return {
    statuses: [...op.statuses.documented],
    errorExamples: op.errorExamples.documented.map((e) => ({ ...e })),
    enums: op.enums.map(({ status, path, definition, allowed }) => ({ status, path, definition, allowed: [...allowed] })),
    optional: op.optional.map(({ status, path, nullable }) => ({ status, path, nullable })),
  };
}
