/**
 * The History section of conformance.html (--history): pass rate and p95 per run as small inline
 * SVG charts, then per case its strip of verdicts, failing since, flips and p95 trend. Ids and
 * dates come from the store, a file anyone could have edited: every one is escaped.
 */
import type { HistoryCase, HistoryFigures } from '../model';
import { formatMs, plural } from '../text/plain-text';
import { andNightsNotRun, flakyRuleLines, gapWord, historyHeadline, nightMarks, nightMarkSuffix, nightText, notRunText, p95RiseText, p95RiseWaitText, percent, stampPrecision, streakText, type StampPrecision } from './history-text';
import { escapeHtml as h, table } from './html-text';
import { barChart, lineChart, stripChart, stripLegend, type ChartPoint } from './svg-charts';

function caseRow(c: HistoryCase, labels: readonly string[], gaps: readonly (string | undefined)[], budget: number | undefined, over: ReadonlySet<string>, precision: StampPrecision): string {
  const p95: ChartPoint[] = c.p95.map((value, i) => ({ value, label: `${labels[i] ?? ''}: ${value === null ? 'no latency' : formatMs(value)}` }));
  const trend = c.p95.some((v) => v !== null) ? lineChart(p95, `p95 of ${c.id} per run`, { height: 24, widest: 4, ...(budget !== undefined ? { budget } : {}) }) : '—';
  // A dash, as "failing since" has, where the other reports say nothing (flipsText): one verdict in the
  // window (the first run, a new case) has nothing to compare ("0 of 0"), and a case that never
  // changed nothing to tell ("0 of 10" beside a case failing every night). Over the limit needs two changes.
  const flips = c.flips === 0 ? '—' : `${c.flips} of ${c.compared} (${percent(c.flipRate)})${over.has(c.id) ? ' <strong class="history-over">over the limit</strong>' : ''}`;
  const rise = p95RiseText(c);
  return `<tr><td><code>${h(c.id)}</code></td><td>${stripChart(c.strip, labels, `verdicts of ${c.id} per run`, gaps)}</td><td class="nowrap">${since(c, precision)}</td><td class="num">${flips}</td><td>${trend}${rise === undefined ? '' : `<br><strong class="history-fail">${h(rise)}</strong>`}</td></tr>`;
}

/** "2026-11-24 (7 runs)" under the "failing since" heading (with the run's time when runs of the window share a day). */
function since(c: HistoryCase, precision: StampPrecision): string {
  return c.failingSince === undefined ? '—' : h(streakText(c.failingSince, precision));
}

/** The section; empty when the report has no history. */
export function historySection(figures: HistoryFigures | undefined): string {
  if (figures === undefined) return '';
  // A night not run is a gap in every chart, labelled with why (the charts escape their labels).
  // Dated as precisely as it takes to tell the runs apart (two of one day: their UTC times).
  const precision = stampPrecision(figures.runs);
  // A night whose run was killed is said as one that did not finish (history-text's notRunText), not as a night not run.
  const labels = figures.runs.map((r, i) => `${nightText(r.startedAt, precision)}${nightMarkSuffix(r)}${r.notRun !== undefined ? ` (${gapWord(r)})` : i === figures.runs.length - 1 ? ' (this run)' : ''}`);
  const gapWords = figures.runs.map((r) => (r.notRun === undefined ? undefined : gapWord(r)));
  const passRate = barChart(figures.runs.map((r, i) => ({ value: r.passRate, label: `${labels[i]}: ${notRunText(r) ?? (r.passRate === null ? 'nothing judged' : `${percent(r.passRate)} (${r.passed} of ${r.judged})`)}` })), 1, 'pass rate per run');
  const p95 = lineChart(figures.runs.map((r, i) => ({ value: r.p95 ?? null, label: `${labels[i]}: p95 ${r.p95 === undefined ? 'not measured' : formatMs(r.p95)}` })), 'p95 per run', figures.latencyBudgetMs !== undefined ? { budget: figures.latencyBudgetMs } : {});
  const over = new Set(figures.flakyRate?.over.map((o) => o.id) ?? []);
  const rule = flakyRuleLines(figures).map((line) => `<p class="history-fail"><strong>${h(line)}</strong></p>`).join('\n');
  // The charts draw a night not run as a gap; why is said here, a line per night (escaped: the store is anyone's file).
  const gaps = figures.runs.flatMap((r) => {
    const text = notRunText(r);
    return text === undefined ? [] : [`<li>${h(nightText(r.startedAt, precision))}: ${h(text)}</li>`];
  });
  const notRun = gaps.length === 0 ? '' : `<ul class="history-not-run">\n${gaps.join('\n')}\n</ul>\n`;
  // The charts' labels are read on hover only: the nights under a new contract, or of a new build, are named in a line too.
  const marks = nightMarks(figures.runs, (r) => nightText(r.startedAt, precision)).map(({ mark, line }) => `<p class="history-new-${mark}">${h(line)}</p>\n`).join('');
  // Counted as the headline counts them: a night not run is no run.
  const judged = figures.runs.filter((r) => r.notRun === undefined).length;
  const counted = `${plural(judged, 'run')}${andNightsNotRun(gaps.length)}`;
  const wait = p95RiseWaitText(figures);
  // The legend explains the strips of the table: none without a case.
  const legend = figures.cases.length === 0 ? '' : `<p class="history-legend">Verdicts, oldest first: ${stripLegend()}</p>\n`;
  const head = '<tr><th>case</th><th>verdicts, oldest first</th><th>failing since</th><th class="num">verdict changes</th><th>p95 per run</th></tr>';
  return `<section class="history" id="history">
<h2>History (${h(counted)}, window ${figures.window})</h2>
<p>${h(historyHeadline(figures))}. Store: <code>${h(figures.store)}</code>.${wait === undefined ? '' : ` ${h(wait)}.`}</p>
<div class="history-charts">
<figure><figcaption>Pass rate per run</figcaption>${passRate}</figure>
<figure><figcaption>p95 per run${figures.latencyBudgetMs !== undefined ? ` (budget ${h(formatMs(figures.latencyBudgetMs))}, dashed)` : ''}</figcaption>${p95}</figure>
</div>
${notRun}${marks}${rule}
${legend}${table(head, figures.cases.map((c) => caseRow(c, labels, gapWords, figures.latencyBudgetMs, over, precision)), 'history-cases')}
</section>`;
}
