/**
 * What `zavu-conformance history` prints for one target: the headline, pass rate and p95 per run (newest first),
 * then every case of the newest run with its strip, failing since, verdict changes and latest p95
 * (those no run of the window judged on one line).
 * Ids and targets come from the store: control characters are made visible (no line of it reads as a
 * CI runner's workflow command either: the command's output guard, see cli-support.ts, sees to that).
 */
import type { HistoryFigures } from '../model';
import { STRIP_CHARS, failingSinceText, nightMarkLegend, nightMarkSuffix, flakyRuleLines, historyHeadline, nightRemarks, nightText, windowNoteLines, windowNotes, notRunText, p95RiseText, p95RiseWaitText, percent, stampPrecision, stampWidth, stripText } from '../report/history-text';
import { escapeControl, formatMs, plural } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';

const t = (text: string): string => escapeControl(text);

/** How many of the cases no run judged are named on their one line. */
const UNJUDGED_NAMED = 5;

/** How much of a night's first warning, or note, its line beneath the night's row shows: the rest is in that night's reports. */
const REMARK_CHARS = 140;

export function renderHistoryTerminal(figures: HistoryFigures): string {
  // Two runs on one day (or in one minute): every run's line (and "failing since") carries its time, UTC, so they can be told apart and the column stays aligned.
  const precision = stampPrecision(figures.runs);
  const nightOf = (startedAt: string): string => t(nightText(startedAt, precision));
  const lines = [`${t(historyHeadline(figures))} (window ${figures.window})`, '', `  ${(precision === 'day' ? 'night' : 'run (UTC)').padEnd(stampWidth(precision))}   pass rate        p95`];
  // A night's warnings and notes (stored lines: made visible) beneath its row, in the pass rate's column.
  const common = windowNotes(figures.runs);
  const remarksOf = (run: (typeof figures.runs)[number]): string[] => nightRemarks(run, REMARK_CHARS, common).map((line) => `  ${' '.repeat(stampWidth(precision))}   ${t(line)}`);
  // Newest first, as the --format md table and summary.md list them: a nightly reader looks for last
  // night, and two views of one store must not read in opposite orders. The strips stay oldest first (a timeline).
  for (const run of [...figures.runs].reverse()) {
    // A night stopped before judging: a gap with why (its reason is a stored line: made visible, as ids are).
    const gap = notRunText(run);
    if (gap !== undefined) {
      lines.push(`  ${nightOf(run.startedAt)}   ${t(gap)}`, ...remarksOf(run));
      continue;
    }
    const rate = run.passRate === null ? 'n/a' : `${percent(run.passRate)} (${run.passed}/${run.judged})`;
    // A night under a contract that differs from the run before it: marked at the row's end, the columns left aligned.
    lines.push(`  ${nightOf(run.startedAt)}   ${rate.padEnd(15)}  ${run.p95 === undefined ? 'n/a' : formatMs(run.p95)}${nightMarkSuffix(run, '  ')}`, ...remarksOf(run));
  }
  lines.push(...nightMarkLegend(figures.runs).map((line) => `  ${line}`));
  // A note each night said (a variable the team never sets): once, below the nights, not under each.
  lines.push(...windowNoteLines(figures.runs, REMARK_CHARS).map((line) => `  every judged run of the window, ${t(line)}`));
  const legend = Object.entries(STRIP_CHARS).map(([status, char]) => `${char} ${status}`).join(', ');
  // No judged run in the window (every night stopped before its verdict): no case has a verdict to
  // show, and a header with nothing under it reads as output lost.
  const judged = figures.runs.some((run) => run.notRun === undefined);
  if (!judged || figures.cases.length === 0) lines.push('', `  cases: none to show, ${judged ? 'the judged runs of the window recorded no case' : 'no run of the window was judged (each stopped before its verdict)'}`);
  else lines.push('', `  cases (verdicts oldest first: ${legend})`);
  const width = Math.max(0, ...figures.cases.map((c) => c.strip.length));
  // A case no run of the window judged (skipped every night: a read-only live run skips the writes)
  // has nothing to show but a row of "s": folded into one line, as a run without --allow-writes
  // would otherwise print dozens of them between the cases that say something.
  const unjudged = figures.cases.filter((c) => c.strip.every((s) => s === null || s === 'skipped'));
  for (const c of figures.cases.filter((x) => !unjudged.includes(x))) {
    const latest = [...c.p95].reverse().find((v) => v !== null);
    // The newest p95 may be nights old: a case that answered only 5xx since (no exchange timed) read
    // "p95 7.5 ms" beside six failing nights, as if measured last night. Dated when it is not of the
    // newest run the case ran in.
    const measuredAt = c.p95.lastIndexOf(latest ?? null);
    const ranAt = c.strip.reduce((at, status, i) => (status !== null && status !== 'skipped' ? i : at), -1);
    const measuredRun = figures.runs[measuredAt];
    const stale = latest !== undefined && latest !== null && measuredAt < ranAt && measuredRun !== undefined ? ` on ${nightOf(measuredRun.startedAt)} (none measured since)` : '';
    // Said only of a case whose verdict changed: "changed 0/2 (0 %)" on every stable line of a
    // 125-case run was noise (a failing one's "failing since" says it already), and the Markdown
    // view names no stable case; one verdict alone (the first run, a case new to the window) has no "0/0".
    const parts = [failingSinceText(c, precision), c.flips > 0 ? `changed ${c.flips}/${c.compared} (${percent(c.flipRate)})` : undefined, latest === undefined || latest === null ? undefined : `p95 ${formatMs(latest)}${stale}`, p95RiseText(c)].filter(Boolean);
    lines.push(`  ${stripText(c.strip, figures.runs).padEnd(width)}  ${t(c.id)}${parts.length === 0 ? '' : `: ${parts.join(', ')}`}`);
  }
  if (unjudged.length > 0) {
    const { shown, rest } = shownAndRest(unjudged, UNJUDGED_NAMED);
    const named = shown.map((c) => t(c.id)).join(', ');
    const more = rest > 0 ? ` and ${rest} more` : '';
    lines.push(`  ${plural(unjudged.length, 'case')} judged in no run of the window (skipped or absent every night): ${named}${more}`);
  }
  const wait = p95RiseWaitText(figures);
  if (wait !== undefined) lines.push('', `  ${wait}`);
  if (figures.latencyBudgetMs !== undefined) lines.push('', `  latency budget: p95 ≤ ${formatMs(figures.latencyBudgetMs)}`);
  lines.push(...flakyRuleLines(figures).map(t));
  return `${lines.join('\n')}\n`;
}
