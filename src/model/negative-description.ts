/**
 * The negative-input case's description: its scenario's words, then what this run tried, "(seed
 * 26850427, 314 of 314 inputs, 311 requests)", so a reader sees the seed to replay beside the case.
 * That part changes every run; a name a CI tool tracks the case by (junit.xml's testcase) must not,
 * so it is written and split here, in one place.
 */
import type { CaseResult } from './result';

/** The run's part as execute-negative writes it: a seed first, no parentheses inside. */
const RUN_PART = / \((seed -?\d+, [^()]*)\)$/;

/** "scenario words (seed N, …)". */
export function negativeDescription(scenarioDescription: string, run: string): string {
  return `${scenarioDescription} (${run})`;
}

/**
 * A case's description without what its run tried, and that part (`run`) apart. Only a fuzzed
 * case's is split: another case's words that happen to end in "(seed …)" are its words. A report
 * written before this split reads the same (the description it stored has the same shape).
 */
export function splitNegativeDescription(result: Pick<CaseResult, 'description' | 'fuzzed'>): { stable: string; run?: string } {
  const match = result.fuzzed === undefined ? null : RUN_PART.exec(result.description);
  if (match === null || match[1] === undefined) return { stable: result.description };
  return { stable: result.description.slice(0, match.index), run: match[1] };
}
