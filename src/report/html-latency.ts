/**
 * The Latency section of conformance.html: p50/p95/p99/max per case as a table with a small
 * inline SVG bar chart per row (no script, no external asset, so the page still opens offline).
 */
import type { CaseResult, ConformanceReport, LatencyLeftOut, LatencyStats } from '../model';
import { isAggregateResult } from '../model/aggregate-result';
import { caseLeftOut, latencyStats, runExchanges } from '../model/latency-samples';
import { latencyFigures, leftOutText, noFiguresText } from './regression-text';
import { formatMs } from '../text/plain-text';
import { inDisplayOrder } from './group-results';
import { escapeHtml as h, table } from './html-text';

const METRICS = ['p50', 'p95', 'p99', 'max'] as const;
const CHART = { width: 240, bar: 6, gap: 2 } as const;

/**
 * The case's stats: over its repeats (--repeat), else over the exchanges of its one run, a
 * sequence's steps one sample each, as the run-wide row, the budget and the baseline count them
 * (repeat/latency.ts caseLatency; the row showed a sequence's summed duration as its one sample,
 * 4 requests' time read as one latency); none when skipped, nor for an aggregate (the negative
 * property's duration is many requests', not a latency), nor when every exchange was left out (a
 * 5xx, no answer: the row says so instead).
 */
function statsOf(result: CaseResult): LatencyStats | undefined {
  if (isAggregateResult(result)) return undefined;
  if (result.latency !== undefined || result.attempts !== undefined) return result.latency;
  return latencyStats(runExchanges(result).samples);
}

/** "12.3": SVG coordinates need no more precision, and fewer digits keep the page small. */
function coord(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Four horizontal bars on a scale shared by every row, plus a dashed line at the budget. */
function chart(stats: LatencyStats, scaleMs: number, budgetMs: number | undefined): string {
  const x = (ms: number): number => (ms / scaleMs) * CHART.width;
  const height = METRICS.length * (CHART.bar + CHART.gap);
  const bars = METRICS.map((metric, i) => {
    const over = budgetMs !== undefined && stats[metric] > budgetMs ? ' over' : '';
    return `<rect class="bar-${metric}${over}" x="0" y="${i * (CHART.bar + CHART.gap)}" width="${coord(Math.max(1, x(stats[metric])))}" height="${CHART.bar}"/>`;
  });
  const budget = budgetMs === undefined ? '' : `<line class="budget" x1="${coord(x(budgetMs))}" x2="${coord(x(budgetMs))}" y1="0" y2="${height}"/>`;
  const label = METRICS.map((m) => `${m} ${formatMs(stats[m])}`).join(', ');
  return `<svg class="latency-chart" width="${CHART.width}" height="${height}" viewBox="0 0 ${CHART.width} ${height}" role="img" aria-label="${h(label)}"><title>${h(label)}</title>${bars.join('')}${budget}</svg>`;
}

function row(label: string, stats: LatencyStats | undefined, leftOut: LatencyLeftOut | undefined, scaleMs: number, budgetMs: number | undefined): string {
  const left = `<td class="num">${leftOut === undefined ? '' : h(leftOutText(leftOut))}</td>`;
  // No figures (not zeros): the cells of the figures say why.
  if (stats === undefined) return `<tr><td>${label}</td><td class="num">0</td>${left}<td colspan="${METRICS.length + 1}" class="muted">${leftOut === undefined ? 'no figures' : h(noFiguresText(leftOut))}</td></tr>`;
  const cells = METRICS.map((m) => {
    const over = budgetMs !== undefined && m === 'p95' && stats.p95 > budgetMs;
    return `<td class="num${over ? ' mismatch' : ''}">${formatMs(stats[m])}</td>`;
  });
  return `<tr><td>${label}</td><td class="num">${stats.samples}</td>${left}${cells.join('')}<td>${chart(stats, scaleMs, budgetMs)}</td></tr>`;
}

/** The section, when the report has latency figures (report.latency) or left exchanges out of them; empty otherwise. */
export function latencySection(report: ConformanceReport): string {
  const overall = report.latency;
  const figures = latencyFigures(overall, report.latencyLeftOut);
  if (figures === undefined) return '';
  const budget = report.runInfo.latencyBudgetMs;
  const cases = inDisplayOrder(report).flatMap((r) => {
    const stats = statsOf(r);
    const leftOut = caseLeftOut(r);
    return stats === undefined && leftOut === undefined ? [] : [{ id: r.id, stats, leftOut }];
  });
  const scaleMs = Math.max(overall?.max ?? 0, budget ?? 0, ...cases.map((c) => c.stats?.max ?? 0)) || 1;
  const head = '<tr><th>case</th><th class="num">samples</th><th class="num">left out</th>' + METRICS.map((m) => `<th class="num">${m}</th>`).join('') + '<th>p50 · p95 · p99 · max</th></tr>';
  const rows = [row('<strong>all exchanges</strong>', overall, report.latencyLeftOut, scaleMs, undefined), ...cases.map((c) => row(`<code>${h(c.id)}</code>`, c.stats, c.leftOut, scaleMs, budget))];
  const budgetNote = budget === undefined ? '' : ` The dashed line is the p95 budget, ${formatMs(budget)}; bars over it are red.`;
  const leftOutNote = report.latencyLeftOut === undefined ? '' : ' Answers with a 5xx status and exchanges without an answer are left out (the target did not serve them); a timeout stays in.';
  return `<section class="latency">
<h2>Latency</h2>
<p>${h(figures)}. Nearest-rank percentiles per case over its exchanges (a sequence's steps one sample each) and its repeats.${h(leftOutNote)}${h(budgetNote)}</p>
${table(head, rows)}
</section>`;
}
