/** The coverage layer: what the target's answers covered of the contract, per run and over a window. */
export { coverageContract, siteKey, exampleKey } from './contract-sites';
export { observeExchange, emptyObservation } from './observe-exchange';
export { mergeObservations, mergeObservationLists } from './merge-observations';
export { caseCoverage, combinedCoverage } from './case-coverage';
export { aggregateCoverage, contractOf, type CoverageSubject } from './aggregate-coverage';
export { parseMinCoverage, applyRules, rulesOf, COVERAGE_KEYS, type CoverageRule } from './min-coverage';
export { accumulateCoverage, storedCoverage } from './accumulate-coverage';
