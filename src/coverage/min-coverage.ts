/**
 * --min-coverage rules: "statuses=100,enums=80" — each key a coverage figure, each value the least
 * percentage the run must reach. Unmet rules fail the run with check `coverage` (exit 1).
 */
import type { CoverageKey, CoverageReport, CoverageTotals } from '../model';
import { UsageError } from '../model/errors';
import { excerpt } from '../text/plain-text';

export const COVERAGE_KEYS: readonly CoverageKey[] = ['statuses', 'errors', 'enums', 'optional'];

export interface CoverageRule {
  key: CoverageKey;
  min: number;
}

/** Parses a rule list; UsageError (exit 2) naming `label` and the bad part. */
export function parseMinCoverage(text: string, label: string): CoverageRule[] {
  const rules: CoverageRule[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const bad = (why: string) => new UsageError(`${label}: ${JSON.stringify(excerpt(part, 60))} ${why} (expected KEY=PERCENT[,…] with KEY one of ${COVERAGE_KEYS.join(', ')}, e.g. statuses=100,enums=80)`);
    const match = /^([a-z]+)\s*=\s*(\d{1,3}(?:\.\d+)?)$/.exec(part);
    if (match === null) throw bad('is not KEY=PERCENT');
    const key = COVERAGE_KEYS.find((k) => k === match[1]);
    if (key === undefined) throw bad(`names no coverage figure`);
    const min = Number(match[2]);
    if (min > 100) throw bad('is above 100');
    if (rules.some((r) => r.key === key)) throw bad(`repeats ${key}`);
    rules.push({ key, min });
  }
  return rules;
}

/** `{ minimum }` for the report when there are rules; a figure meets its rule when seen/total ≥ min % (exactly, not the rounded percent). */
export function applyRules(rules: readonly CoverageRule[], totals: CoverageTotals): Pick<CoverageReport, 'minimum'> {
  if (rules.length === 0) return {};
  const verdicts = rules.map(({ key, min }) => {
    const { seen, total, percent } = totals[key];
    return { key, min, percent, met: total === 0 || seen * 100 >= min * total };
  });
  return { minimum: { rules: verdicts, met: verdicts.every((v) => v.met) } };
}

/** The rules a report was judged by (a shard merge judges the merged figures by the same rules). */
export function rulesOf(report: Pick<CoverageReport, 'minimum'> | undefined): CoverageRule[] {
  return (report?.minimum?.rules ?? []).map(({ key, min }) => ({ key, min }));
}
