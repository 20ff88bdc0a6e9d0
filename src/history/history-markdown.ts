/**
 * What `zavu-conformance history --format md` prints for one target: the view of
 * history-terminal.ts as GitHub Markdown, to paste into an issue or append to a job summary
 * ($GITHUB_STEP_SUMMARY). The store is anyone's file in a CI cache: every text it holds (target,
 * case ids, a night's stop reason) goes through md() or code(), so none becomes a link, an
 * @mention, a table cell's edge or a tag; and every list is capped, so a store of thousands of
 * cases or targets cannot make a summary past GitHub's size limits (1 MiB a job summary, 65,536
 * characters an issue body).
 */
import type { HistoryFigures, HistoryRun } from '../model';
import { formatMs, plural } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';
import { flakyRuleLines, historyHeadline, nightMarkLegend, nightMarkSuffix, nightRemarks, nightText, windowNoteLines, windowNotes, notableCaseText, notableCases, notRunText, p95RiseWaitText, percent, stampPrecision, WITH_WRITES } from '../report/history-text';
import { capped, code, md } from '../report/markdown-text';
import { stripCode } from '../report/markdown-history';
import type { Series } from './history-window';

/** Rows and lines of one block (a target's series), and blocks of the whole output: the terminal's view has them all. */
export const HISTORY_MARKDOWN_LIMITS = { runs: 30, cases: 40, unjudgedNamed: 5, blocks: 10 } as const;

/** How much of a night's first warning, or note, its line shows. */
const REMARK_CHARS = 200;

/** One target's block: headline, a table of its runs (newest first), the cases worth a line. */
export function renderHistoryMarkdown(figures: HistoryFigures): string {
  const precision = stampPrecision(figures.runs);
  const newest = [...figures.runs].reverse();
  // One run past the table is a row of it: the count would take two lines for it (shownAndRest).
  const { shown, rest: older } = shownAndRest(newest, HISTORY_MARKDOWN_LIMITS.runs);
  const rate = (r: HistoryRun): string => notRunText(r) ?? (r.passRate === null ? 'n/a' : `${percent(r.passRate)} (${r.passed}/${r.judged})`);
  const rows = shown.map((r) => `| ${md(nightText(r.startedAt, precision))}${nightMarkSuffix(r)} | ${md(rate(r), 240)} | ${r.p95 === undefined ? 'n/a' : formatMs(r.p95)} |`);
  const lines = [
    `**History** — ${md(historyHeadline(figures), 400)} (window ${figures.window})`,
    '',
    `| ${precision === 'day' ? 'night' : 'run (UTC)'} | pass rate | p95 |`,
    '| --- | ---: | ---: |',
    ...rows,
    ...(older > 0 ? ['', `… and ${plural(older, 'older run')} of the window (\`zavu-conformance history\` without \`--format md\` shows every one)`] : []),
    ...nightMarkLegend(shown).flatMap((line, i) => (i === 0 ? ['', line] : [line])),
  ];
  // The nights of the table that had warnings or notes, in its order: a line a kind, inert and cut
  // (a table cell would be as wide as the longest), at most two a night, so bounded by the table.
  // A note every judged night of the window said is one line, first (windowNotes).
  const common = windowNotes(figures.runs);
  const remarks = [
    ...windowNoteLines(figures.runs, REMARK_CHARS).map((line) => `- every judged run of the window — ${md(line, REMARK_CHARS + 60)}`),
    ...shown.flatMap((r) => nightRemarks(r, REMARK_CHARS, common).map((line) => `- ${md(nightText(r.startedAt, precision))} — ${md(line, REMARK_CHARS + 60)}`)),
  ];
  if (remarks.length > 0) lines.push('', "Warnings and notes of the nights above (in full in that night's reports):", '', ...remarks);
  const judged = figures.runs.some((run) => run.notRun === undefined);
  // Of the newest judged run's cases, those that say something: failing, flipping, slower (history-text.ts's order).
  const notable = notableCases(figures).map((c) => `- ${stripCode(c.strip, figures.runs)} ${code(c.id)} — ${md(notableCaseText(c, precision), 400)}`);
  const unjudged = figures.cases.filter((c) => c.strip.every((s) => s === null || s === 'skipped'));
  const quiet = figures.cases.length - unjudged.length - notable.length;
  lines.push('');
  if (!judged || figures.cases.length === 0) lines.push(`Cases: none to show, ${judged ? 'the judged runs of the window recorded no case' : 'no run of the window was judged (each stopped before its verdict)'}.`);
  else if (notable.length === 0) lines.push(`Cases: none failing, flipping or slower across the window (${plural(quiet, 'case')} passed every run that judged them).`);
  else {
    lines.push('Cases failing, flipping or slower across the window (verdicts oldest first: `.` passed, `F` failed, `E` error, `~` flaky, `s` skipped, `-` absent, `_` not run):', '');
    lines.push(...capped(notable, HISTORY_MARKDOWN_LIMITS.cases));
    if (quiet > 0) lines.push('', `${plural(quiet, 'other case')} passed every run that judged them.`);
  }
  if (judged && unjudged.length > 0) {
    const { shown, rest } = shownAndRest(unjudged, HISTORY_MARKDOWN_LIMITS.unjudgedNamed);
    const named = shown.map((c) => code(c.id)).join(', ');
    const more = rest > 0 ? ` and ${rest} more` : '';
    lines.push('', `${plural(unjudged.length, 'case')} judged in no run of the window (skipped or absent every night): ${named}${more}`);
  }
  const wait = p95RiseWaitText(figures);
  if (wait !== undefined) lines.push('', md(wait, 240));
  if (figures.latencyBudgetMs !== undefined) lines.push('', `Latency budget: p95 ≤ ${formatMs(figures.latencyBudgetMs)}`);
  const rule = flakyRuleLines(figures, HISTORY_MARKDOWN_LIMITS.cases, 'zavu-conformance history without --format md');
  if (rule.length > 0) lines.push('', ...rule.map((line) => `- **${md(line, 400)}**`));
  return `${lines.join('\n')}\n`;
}

/**
 * Every block (`blocks`, already rendered, one a series: `series`, in their order), at most
 * HISTORY_MARKDOWN_LIMITS.blocks, then a line counting the rest. A block is a target's series, not
 * a target (history-window.ts Series): the rest are counted as blocks of so many targets, so a
 * target's write block left out does not read as another target.
 */
export function joinHistoryMarkdown(blocks: readonly string[], series: readonly Series[] = []): string {
  const shown = blocks.slice(0, HISTORY_MARKDOWN_LIMITS.blocks);
  const rest = blocks.length - shown.length;
  return [...shown, ...(rest > 0 ? [`${restLine(rest, series.slice(shown.length), series.slice(0, shown.length))}\n`] : [])].join('\n');
}

function restLine(rest: number, hidden: readonly Series[], shown: readonly Series[]): string {
  const shownTargets = new Set(shown.map((s) => s.target));
  // Each a read-only block of a target not shown: each block is a whole target, so counted as targets.
  if (hidden.every((s) => !s.writes && !shownTargets.has(s.target))) return `… and ${plural(rest, 'more target')} in the store (\`--target URL\` shows one)`;
  const targets = new Set(hidden.map((s) => s.target)).size;
  return `… and ${plural(rest, 'more block')} in the store, of ${plural(targets, 'target')} (a target's runs ${WITH_WRITES} are a block of their own; \`--target URL\` shows one target's)`;
}
