/**
 * The Latency section of conformance.html: p50/p95/p99/max per case as a table with a small
 * inline SVG bar chart per row (no script, no external asset, so the page still opens offline).
 */
import type { CaseResult, ConformanceReport, LatencyStats } from '../model';
import { isAggregateResult } from '../model/aggregate-result';
import { latencyLine } from './regression-text';
import { formatMs } from '../text/plain-text';
import { inDisplayOrder } from './group-results';
import { escapeHtml as h, table } from './html-text';

const METRICS = ['p50', 'p95', 'p99', 'max'] as const;
const CHART = { width: 240, bar: 6, gap: 2 } as const;

/**
 * The case's stats, or those of its one exchange when it ran once (no --repeat); none when skipped,
 * nor for an aggregate (the negative property's duration is many requests', not a latency).
 */
function statsOf(result: CaseResult): LatencyStats | undefined {
  if (isAggregateResult(result)) return undefined;
  if (result.latency !== undefined) return result.latency;
  if (result.status === 'skipped') return undefined;
  const d = result.durationMs;
  return { samples: 1, p50: d, p95: d, p99: d, max: d };
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

function row(label: string, stats: LatencyStats, scaleMs: number, budgetMs: number | undefined): string {
  const cells = METRICS.map((m) => {
    const over = budgetMs !== undefined && m === 'p95' && stats.p95 > budgetMs;
    return `<td class="num${over ? ' mismatch' : ''}">${formatMs(stats[m])}</td>`;
  });
  return `<tr><td>${label}</td><td class="num">${stats.samples}</td>${cells.join('')}<td>${chart(stats, scaleMs, budgetMs)}</td></tr>`;
}

/** The section, when the report has latency figures (report.latency); empty otherwise. */
export function latencySection(report: ConformanceReport): string {
  const overall = report.latency;
  if (overall === undefined) return '';
  const budget = report.runInfo.latencyBudgetMs;
  const cases = inDisplayOrder(report).flatMap((r) => {
    const stats = statsOf(r);
    return stats === undefined ? [] : [{ id: r.id, stats }];
  });
  const scaleMs = Math.max(overall.max, budget ?? 0, ...cases.map((c) => c.stats.max)) || 1;
  const head = '<tr><th>case</th><th class="num">samples</th>' + METRICS.map((m) => `<th class="num">${m}</th>`).join('') + '<th>p50 · p95 · p99 · max</th></tr>';
  const rows = [row('<strong>all exchanges</strong>', overall, scaleMs, undefined), ...cases.map((c) => row(`<code>${h(c.id)}</code>`, c.stats, scaleMs, budget))];
  const budgetNote = budget === undefined ? '' : ` The dashed line is the p95 budget, ${formatMs(budget)}; bars over it are red.`;
  return `<section class="latency">
<h2>Latency</h2>
<p>${h(latencyLine(overall))}. Nearest-rank percentiles per case over its repeats.${h(budgetNote)}</p>
${table(head, rows)}
</section>`;
}
