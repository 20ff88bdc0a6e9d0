/**
 * The History block of summary.md (--history): pass rate and p95 per night as a compact table
 * (newest first, the last few nights only: the summary stays short), then the cases failing or
 * flipping across runs, with their strip, and the cases over --fail-on-flaky-rate.
 */
import type { HistoryFigures, HistoryRun } from '../model';
import { formatMs } from '../text/plain-text';
import { flakyRuleLines, historyHeadline, night, notableCaseText, notableCases, notRunText, p95RiseWaitText, percent, stripText } from './history-text';
import { capped, code, md } from './markdown-text';

/** Nights in the table and cases in the list: the HTML has them all. */
export const MARKDOWN_HISTORY_LIMITS = { nights: 7, cases: 6 } as const;

/** The block's lines (empty when the report has no history). */
export function historyLines(figures: HistoryFigures | undefined): string[] {
  if (figures === undefined) return [];
  const nights = [...figures.runs].reverse().slice(0, MARKDOWN_HISTORY_LIMITS.nights);
  // A night not run is a gap: why and the exit code where the rate would be (the reason is a stored line: escaped and bounded).
  const rate = (r: HistoryRun): string => notRunText(r) ?? (r.passRate === null ? 'n/a' : `${percent(r.passRate)} (${r.passed}/${r.judged})`);
  const rows = nights.map((r, i) => `| ${md(night(r.startedAt))}${i === 0 && r.notRun === undefined ? ' (this run)' : ''} | ${md(rate(r), 240)} | ${r.p95 === undefined ? 'n/a' : formatMs(r.p95)} |`);
  const cases = notableCases(figures).map((c) => `- ${code(stripText(c.strip, figures.runs))} ${code(c.id)} — ${md(notableCaseText(c))}`);
  const wait = p95RiseWaitText(figures);
  return [
    `**History** — ${md(historyHeadline(figures))}${figures.runs.length > nights.length ? ` (last ${nights.length} shown; all ${figures.runs.length} in conformance.html)` : ''}`,
    '',
    '| night | pass rate | p95 |',
    '| --- | ---: | ---: |',
    ...rows,
    ...(cases.length > 0 ? ['', ...capped(cases, MARKDOWN_HISTORY_LIMITS.cases)] : []),
    ...(wait === undefined ? [] : ['', md(wait)]),
    ...flakyRuleLines(figures, MARKDOWN_HISTORY_LIMITS.cases, 'conformance.html').map((line) => `- **${md(line, 240)}**`),
  ];
}
