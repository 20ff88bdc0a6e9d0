/**
 * What `zavu-conformance history` prints for one target: the headline, pass rate and p95 per run,
 * then every case of the newest run with its strip, failing since, verdict changes and latest p95.
 * Ids and targets come from the store: control characters are made visible (no line of it reads as a
 * CI runner's workflow command either: the command's output guard, see cli-support.ts, sees to that).
 */
import type { HistoryFigures } from '../model';
import { STRIP_CHARS, failingSinceText, flakyRuleLines, historyHeadline, night, notRunText, p95RiseText, percent, stripText } from '../report/history-text';
import { escapeControl, formatMs } from '../text/plain-text';

const t = (text: string): string => escapeControl(text);

export function renderHistoryTerminal(figures: HistoryFigures): string {
  const lines = [`${t(historyHeadline(figures))} (window ${figures.window})`, '', '  night        pass rate        p95'];
  for (const run of figures.runs) {
    // A night stopped before judging: a gap with why (its reason is a stored line: made visible, as ids are).
    const gap = notRunText(run);
    if (gap !== undefined) {
      lines.push(`  ${t(night(run.startedAt))}   ${t(gap)}`);
      continue;
    }
    const rate = run.passRate === null ? 'n/a' : `${percent(run.passRate)} (${run.passed}/${run.judged})`;
    lines.push(`  ${t(night(run.startedAt))}   ${rate.padEnd(15)}  ${run.p95 === undefined ? 'n/a' : formatMs(run.p95)}`);
  }
  const legend = Object.entries(STRIP_CHARS).map(([status, char]) => `${char} ${status}`).join(', ');
  lines.push('', `  cases (verdicts oldest first: ${legend})`);
  const width = Math.max(0, ...figures.cases.map((c) => c.strip.length));
  for (const c of figures.cases) {
    const latest = [...c.p95].reverse().find((v) => v !== null);
    const parts = [failingSinceText(c), `changed ${c.flips}/${c.compared}${c.compared > 0 ? ` (${percent(c.flipRate)})` : ''}`, latest === undefined || latest === null ? undefined : `p95 ${formatMs(latest)}`, p95RiseText(c)];
    lines.push(`  ${stripText(c.strip, figures.runs).padEnd(width)}  ${t(c.id)}: ${parts.filter(Boolean).join(', ')}`);
  }
  if (figures.latencyBudgetMs !== undefined) lines.push('', `  latency budget: p95 ≤ ${formatMs(figures.latencyBudgetMs)}`);
  lines.push(...flakyRuleLines(figures).map(t));
  return `${lines.join('\n')}\n`;
}
