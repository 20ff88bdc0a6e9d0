/**
 * The History block of summary.md (--history): pass rate and p95 per night as a compact table
 * (newest first, the last few nights only: the summary stays short), then the cases failing or
 * flipping across runs, with their strip, and the cases over --fail-on-flaky-rate.
 */
import type { HistoryCase, HistoryFigures, HistoryRun } from '../model';
import { formatMs } from '../text/plain-text';
import { flakyRuleLines, historyHeadline, nightMarkLegend, nightMarkSuffix, nightText, notableCaseText, notableCases, notRunText, p95RiseWaitText, percent, stampPrecision, stripText } from './history-text';
import { capped, code, md } from './markdown-text';

/** Nights in the table and cases in the list: the HTML has them all. */
export const MARKDOWN_HISTORY_LIMITS = { nights: 7, cases: 6 } as const;

/** The most verdicts a strip shows in Markdown: a code span is cut at 80 characters, and a cut at its end lost tonight's. */
const STRIP_SHOWN = 60;

/**
 * A case's strip as a code span: its newest STRIP_SHOWN verdicts, "…" before them when older ones
 * are left out. With --history-window 90 the span was cut at its end, so the strip a reader looked
 * at for tonight's verdict stopped some twenty nights before it.
 */
export function stripCode(strip: HistoryCase['strip'], runs: readonly HistoryRun[]): string {
  const text = stripText(strip, runs);
  return code(text.length <= STRIP_SHOWN ? text : `…${text.slice(-STRIP_SHOWN)}`);
}

/**
 * "(the newest 7 of 8 rows shown; …)" when the table is capped. Rows, not runs: under a headline of
 * "7 runs … and 1 night not run", "last 7 shown; all 8" read as a run gone missing, as the nights
 * not run are rows of the table too.
 */
function shownOf(runs: readonly HistoryRun[], shown: number): string {
  if (runs.length <= shown) return '';
  const gaps = runs.some((r) => r.notRun !== undefined) ? ', each night not run a row of its own' : '';
  return ` (the newest ${shown} of ${runs.length} rows shown${gaps}; all in conformance.html)`;
}

/** The block's lines (empty when the report has no history). */
export function historyLines(figures: HistoryFigures | undefined): string[] {
  if (figures === undefined) return [];
  const nights = [...figures.runs].reverse().slice(0, MARKDOWN_HISTORY_LIMITS.nights);
  // A night not run is a gap: why and the exit code where the rate would be (the reason is a stored line: escaped and bounded).
  const rate = (r: HistoryRun): string => notRunText(r) ?? (r.passRate === null ? 'n/a' : `${percent(r.passRate)} (${r.passed}/${r.judged})`);
  // Two runs of one day (a re-run after a fix) are told apart by their time, as everywhere else.
  const precision = stampPrecision(figures.runs);
  const rows = nights.map((r, i) => `| ${md(nightText(r.startedAt, precision))}${nightMarkSuffix(r)}${i === 0 && r.notRun === undefined ? ' (this run)' : ''} | ${md(rate(r), 240)} | ${r.p95 === undefined ? 'n/a' : formatMs(r.p95)} |`);
  const cases = notableCases(figures).map((c) => `- ${stripCode(c.strip, figures.runs)} ${code(c.id)} — ${md(notableCaseText(c, precision))}`);
  const wait = p95RiseWaitText(figures);
  return [
    `**History** — ${md(historyHeadline(figures))}${shownOf(figures.runs, nights.length)}`,
    '',
    `| ${precision === 'day' ? 'night' : 'run (UTC)'} | pass rate | p95 |`,
    '| --- | ---: | ---: |',
    ...rows,
    ...nightMarkLegend(nights).flatMap((line, i) => (i === 0 ? ['', line] : [line])),
    ...(cases.length > 0 ? ['', ...capped(cases, MARKDOWN_HISTORY_LIMITS.cases)] : []),
    ...(wait === undefined ? [] : ['', md(wait)]),
    ...flakyRuleLines(figures, MARKDOWN_HISTORY_LIMITS.cases, 'conformance.html').map((line) => `- **${md(line, 240)}**`),
  ];
}
