/**
 * The history figures in plain words, shared by the console after a run, summary.md and the
 * `zavu-conformance history` command: one strip character per run, rates as percentages, dates
 * as days. Ids come from stored files: callers escape them for their medium.
 */
import type { HistoryCase, HistoryFigures, HistoryRun, ResultStatus } from '../model';
import { P95_RISE_NIGHTS } from '../model/history';
import { formatMs, plural, truncate } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';

/**
 * One character per verdict, so a strip of 30 nights reads at a glance in a terminal or a table;
 * `not run` marks a night the run stopped before judging (a gap, not an absent case).
 */
export const STRIP_CHARS: Readonly<Record<ResultStatus | 'absent' | 'not run', string>> = { passed: '.', failed: 'F', error: 'E', flaky: '~', skipped: 's', absent: '-', 'not run': '_' };

/** The strip as characters; `runs` (aligned with it) marks the nights that were not run. */
export function stripText(strip: readonly (ResultStatus | null)[], runs?: readonly HistoryRun[]): string {
  return strip.map((s, i) => (s === null && runs?.[i]?.notRun !== undefined ? STRIP_CHARS['not run'] : STRIP_CHARS[s ?? 'absent'])).join('');
}

/**
 * "not run: target … is unreachable (…) (exit 3)": what a gap says in place of a pass rate; a night
 * killed outright "did not finish", with no exit code (none was seen: its record's is for older suites).
 */
export function notRunText(run: HistoryRun): string | undefined {
  if (run.notRun === undefined) return undefined;
  const said = `${gapWord(run)}: ${run.notRun.reason}`;
  // A killed run's exit code is unknown (its record's, history/unfinished-night.ts UNFINISHED_EXIT_CODE, is a stand-in): not said.
  return run.notRun.unfinished === true ? said : `${said} (exit ${run.notRun.exitCode})`;
}

/**
 * What names a series of a target's write runs (model/result.ts ranWrites) in every view (a
 * read-only series is unmarked). Not the flag: the embedded server's runs take every write without
 * it, and a replay of a write run's recordings judges writes it never sends.
 */
export const WITH_WRITES = 'with writes';

/** What a night not run is called, in every view: "did not finish" for a run killed outright, else "not run". */
export function gapWord(run: Pick<HistoryRun, 'notRun'>): string {
  return run.notRun?.unfinished === true ? 'did not finish' : 'not run';
}

/**
 * What marks a night judged under a contract (spec sha256, suite version or case data's
 * sha256, runInfo.casesSha256) that differs from the judged run before it (HistoryRun.newContract), the same in every view: a verdict that changed that
 * night may be the contract's change, and no flip of the target is counted across it.
 */
export const NEW_CONTRACT_MARK = '(new contract)';

/**
 * What marks a night judged by a new build of the suite (the judged run before it had another), under
 * one contract (HistoryRun.newBuild), followed by its build: a verdict that changed that night may be a
 * check the suite changed, but a build changes with every commit, so the comparison goes on across it.
 */
export const NEW_BUILD_MARK = '(new build';

/**
 * The lines saying what NEW_CONTRACT_MARK and NEW_BUILD_MARK mean, each only when a run of `runs`
 * has it, with the nights it marks when `nightOf` is given (the HTML's charts name them on hover only).
 */
export function nightMarkLegend(runs: readonly HistoryRun[], nightOf?: (run: HistoryRun) => string): string[] {
  return nightMarks(runs, nightOf).map(({ line }) => line);
}

/** nightMarkLegend's lines, each with the mark it explains (the HTML gives each its own class). */
export function nightMarks(runs: readonly HistoryRun[], nightOf?: (run: HistoryRun) => string): { mark: 'contract' | 'build'; line: string }[] {
  const which = (marked: readonly HistoryRun[]): string => (nightOf === undefined ? '' : ` ${marked.map(nightOf).join(', ')}:`);
  const contracts = runs.filter((r) => r.newContract === true);
  const builds = runs.filter((r) => r.newBuild !== undefined);
  return [
    ...(contracts.length > 0 ? [{ mark: 'contract' as const, line: `${NEW_CONTRACT_MARK}:${which(contracts)} the spec (sha256), suite version or case data changed since the run before it; a verdict change across it is not counted` }] : []),
    ...(builds.length > 0 ? [{ mark: 'build' as const, line: `${NEW_BUILD_MARK} …):${which(builds)} judged by a new build of the suite, of the same version as the run before it (the suite was rebuilt); a verdict change across it may be the suite's, and is still counted` }] : []),
  ];
}

/** " (new contract)", or " (new build 0123456789ab)", after a night's stamp or row when it is one, else "". */
export function nightMarkSuffix(run: Pick<HistoryRun, 'newContract' | 'newBuild'>, gap = ' '): string {
  if (run.newContract === true) return `${gap}${NEW_CONTRACT_MARK}`;
  return run.newBuild !== undefined ? `${gap}${NEW_BUILD_MARK} ${run.newBuild})` : '';
}

/** 0.4 → "40 %"; one decimal only below 10 % where it matters. */
export function percent(rate: number): string {
  const value = rate * 100;
  return `${value > 0 && value < 10 ? value.toFixed(1) : Math.round(value)} %`;
}

/** "2026-12-01": the night of a run (UTC). */
export function night(startedAt: string): string {
  return startedAt.slice(0, 10);
}

/**
 * How precisely a window's runs are dated: by day while each run has a day of its own; when two
 * share a day (a re-run after a fix, an hourly job), with the UTC time to the minute; when two
 * share a minute too (a job re-run at once, two runs a CI matrix started together), to the second,
 * then the millisecond. A window of one run a night keeps the short dates a reader scans, and two
 * runs of one minute no longer read as the same run twice ("2026-12-05 03:20" four times).
 */
export type StampPrecision = 'day' | 'minute' | 'second' | 'millisecond';

const STAMP_END: Readonly<Record<Exclude<StampPrecision, 'day'>, number>> = { minute: 16, second: 19, millisecond: 23 };

/** How wide a stamp of `precision` is, in characters (a column of them is padded to it). */
export function stampWidth(precision: StampPrecision): number {
  return precision === 'day' ? 10 : STAMP_END[precision];
}

/** The precision that tells every run of `runs` apart (see StampPrecision); runs that started at the same instant stay one stamp. */
export function stampPrecision(runs: readonly Pick<HistoryRun, 'startedAt'>[]): StampPrecision {
  if (new Set(runs.map((r) => night(r.startedAt))).size === runs.length) return 'day';
  const distinct = new Set(runs.map((r) => r.startedAt)).size;
  const finer = (['minute', 'second'] as const).find((p) => new Set(runs.map((r) => nightText(r.startedAt, p))).size === distinct);
  return finer ?? 'millisecond';
}

/** "2026-12-04", or "2026-12-04 02:00" (UTC, minutes), "2026-12-04 02:00:07", "2026-12-04 02:00:07.120": see stampPrecision. */
export function nightText(startedAt: string, precision: StampPrecision): string {
  return precision === 'day' ? night(startedAt) : `${startedAt.slice(0, 10)} ${startedAt.slice(11, STAMP_END[precision])}`;
}

/**
 * "2026-12-07 20:40:51 UTC": a run's start where a report names one run (the baseline's), in the
 * History's form to the second, with its zone said since no column heading says it there. Any
 * offset the stamp was written with is read as the instant it is; a stamp no Date reads (a baseline
 * is anyone's file) is given as it is, the renderers escaping it as any of its text.
 */
export function utcStampText(startedAt: string): string {
  const ms = Date.parse(startedAt);
  if (Number.isNaN(ms)) return startedAt;
  const iso = new Date(ms).toISOString();
  // An instant outside years 0000-9999 ("0000-01-01T00:00:00+14:00" is in year -1) comes with a
  // signed six-digit year, which the History's form, cut by position, tore apart: given as written.
  return ISO_FOUR_DIGIT_YEAR.test(iso) ? `${nightText(iso, 'second')} UTC` : startedAt;
}

const ISO_FOUR_DIGIT_YEAR = /^\d{4}-/;

/** "2026-12-01 (3 runs)", or "2026-12-01 or earlier (3 runs)": a streak's start and length, as every view words it. */
export function streakText(since: NonNullable<HistoryCase['failingSince']>, precision: StampPrecision): string {
  // "or earlier": no pass before it is held, so the store's oldest run of the streak bounds its start (a prune may have removed the rest).
  return `${nightText(since.startedAt, precision)}${since.atLeast === true ? ' or earlier' : ''} (${plural(since.runs, 'run')})`;
}

/** "failing since 2026-12-01 (3 runs)"; dated as the window's runs are (stampPrecision), so it names the run, not only its day. */
export function failingSinceText(c: HistoryCase, precision: StampPrecision = 'day'): string | undefined {
  return c.failingSince === undefined ? undefined : `failing since ${streakText(c.failingSince, precision)}`;
}

/**
 * "verdict changed 2 of 9 times" ("once, in the one pair of runs compared" for 1 of 1); nothing when it never changed: not on a store's first night
 * ("0 of 0 times" said nothing but noise), nor beside a case failing every night ("failing since"
 * says it) or only slower, as the history command's views say it only of a case that changed.
 */
export function flipsText(c: Pick<HistoryCase, 'flips' | 'compared'>): string | undefined {
  if (c.flips === 0) return undefined;
  // One pair compared: "1 of 1 times" (a nightly walk's reading) says less than what it was. Not
  // "from the run before": the pair may be two earlier nights (tonight not judged, an error or a
  // skip, or judged under a new contract, or a night stopped between), as flipsOf compares.
  return c.compared === 1 ? 'verdict changed once, in the one pair of runs compared' : `verdict changed ${c.flips} of ${c.compared} times`;
}

/** "p95 up 55 % over the window (210 ms → 325.8 ms, medians of its first and last runs)", when the case's p95 rose across the window. */
export function p95RiseText(c: Pick<HistoryCase, 'p95Rise'>): string | undefined {
  const rise = c.p95Rise;
  if (rise === undefined) return undefined;
  const pct = rise.from > 0 ? ` ${Math.round(((rise.to - rise.from) / rise.from) * 100)} %` : '';
  return `p95 up${pct} over the window (${formatMs(rise.from)} → ${formatMs(rise.to)}, medians of its first and last runs)`;
}

/**
 * "p95 rise: not enough nights yet (…)": said once for the window while no case has the measured
 * nights a rise is called from (P95_RISE_NIGHTS), from the second measured night on, so a reader
 * of the first week knows why no case is called slower, rather than reading the silence as "none
 * is"; and what no night will change when --history-window itself is shorter than that.
 */
export function p95RiseWaitText(figures: Pick<HistoryFigures, 'cases' | 'window'>): string | undefined {
  const most = Math.max(0, ...figures.cases.map((c) => c.p95.filter((v) => v !== null).length));
  if (most < 2 || most >= P95_RISE_NIGHTS) return undefined;
  const why = `${P95_RISE_NIGHTS / 2} at each end of the window, so one slow night is outvoted`;
  if (figures.window < P95_RISE_NIGHTS) return `p95 rise: never called with --history-window ${figures.window} (a case needs ${P95_RISE_NIGHTS} measured nights: ${why})`;
  return `p95 rise: not enough nights yet (${most} measured; a case needs ${P95_RISE_NIGHTS}: ${why})`;
}

/** What a case's line says: failing since, verdict changes, a p95 rise. */
export function notableCaseText(c: HistoryCase, precision: StampPrecision = 'day'): string {
  return [failingSinceText(c, precision), flipsText(c), p95RiseText(c)].filter(Boolean).join(', ');
}

/**
 * The cases worth a line, in this order (the lists are capped, and a target slower everywhere
 * must not push a failing case out of them): failing now, then flipping between runs, then only
 * slower across the window; within each, the run's order, but the flipping ones most often first:
 * after a night on which every case failed, each flips a little for weeks, and in the run's order
 * the ten a capped list shows were those of that night, while the cases that flip night after
 * night (the ones --fail-on-flaky-rate fails) went unnamed below the cut.
 */
export function notableCases(figures: HistoryFigures): HistoryCase[] {
  const rank = (c: HistoryCase): number => (c.failingSince !== undefined ? 0 : c.flips > 0 ? 1 : c.p95Rise !== undefined ? 2 : 3);
  const flipping = (c: HistoryCase): number => (rank(c) === 1 ? c.flipRate : 0);
  return figures.cases
    .filter((c) => rank(c) < 3)
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || flipping(b.c) - flipping(a.c) || a.i - b.i)
    .map(({ c }) => c);
}

/**
 * "flaky across runs, fails the run: … changed verdict in 40 % …": one line per case over
 * --fail-on-flaky-rate, at most `max` of them, then one line counting the rest and saying where
 * they all are (`elsewhere`). Capped because one night every case failed (a 5xx outage) puts every
 * case over the limit for weeks: a line per case of a run of hundreds on every console and
 * summary.md, where the capped lists of cases already stop at ten.
 */
export function flakyRuleLines(figures: HistoryFigures, max = Number.POSITIVE_INFINITY, elsewhere = ''): string[] {
  const rule = figures.flakyRate;
  if (rule === undefined) return [];
  const { shown, rest } = shownAndRest(rule.over, max);
  const lines = shown.map((o) => `flaky across runs, fails the run: ${o.id} changed verdict in ${percent(o.rate)} of the window (${o.flips} of ${o.compared}), above --fail-on-flaky-rate ${rule.limit}`);
  if (rest > 0) lines.push(`flaky across runs, fails the run: … and ${plural(rest, 'more case')} above --fail-on-flaky-rate ${rule.limit} (${rule.over.length} in all${elsewhere === '' ? '' : `: ${elsewhere}`})`);
  return lines;
}

/**
 * " and 2 nights not run", or '' when there are none: every count of a store's runs says the nights
 * not run apart after the runs (a night not run is no run; "30 runs" read as a full window).
 */
export function andNightsNotRun(count: number): string {
  return count === 0 ? '' : ` and ${plural(count, 'night')} not run`;
}

/** The run's headline over the window: how many runs, and the pass rate and p95 tonight vs the window's first. */
export function historyHeadline(figures: HistoryFigures): string {
  // The rates and p95 are the judged runs'; the nights not run are counted, never compared.
  const runs = figures.runs.filter((r) => r.notRun === undefined);
  const gaps = figures.runs.length - runs.length;
  const first = runs[0];
  const last = runs[runs.length - 1];
  const oldest = figures.runs[0];
  const newest = figures.runs[figures.runs.length - 1];
  const rate = (r: number | null | undefined): string => (r === null || r === undefined ? 'n/a' : percent(r));
  const p95 = (ms: number | undefined): string => (ms === undefined ? 'n/a' : formatMs(ms));
  const span = oldest === undefined || newest === undefined ? '' : ` (${night(oldest.startedAt)} … ${night(newest.startedAt)})`;
  // A target's write runs are a series of their own (history-window.ts Series): named so beside its read-only one.
  return `${plural(runs.length, 'run')} of ${figures.target}${figures.allowWrites === true ? ` ${WITH_WRITES}` : ''}${andNightsNotRun(gaps)}${span}: pass rate ${rate(first?.passRate)} → ${rate(last?.passRate)}, p95 ${p95(first?.p95)} → ${p95(last?.p95)}`;
}

/** What the console prints after a run with --history: the headline, notable cases (capped), the flaky rule. */
export function historyConsoleLines(figures: HistoryFigures, maxCases = 10): string[] {
  const notable = notableCases(figures);
  const precision = stampPrecision(figures.runs);
  const lines = [`history (${figures.store}): ${historyHeadline(figures)}`];
  const wait = p95RiseWaitText(figures);
  if (wait !== undefined) lines.push(`  ${wait}`);
  const { shown, rest } = shownAndRest(notable, maxCases);
  for (const c of shown) {
    lines.push(`  ${stripText(c.strip, figures.runs)} ${c.id}: ${notableCaseText(c, precision)}`);
  }
  if (rest > 0) lines.push(`  … and ${rest} more (zavu-conformance history --history ${figures.store})`);
  return [...lines, ...flakyRuleLines(figures, maxCases, `conformance.html, zavu-conformance history --history ${figures.store}`)];
}

/**
 * "… and 3 more warnings, in that night's reports": the last line a record keeps of a night's
 * warnings or notes when it had more than the record's bound (history/night-remarks.ts).
 */
export function leftOutLine(count: number, noun: string): string {
  return `… and ${plural(count, `more ${noun}`)}, in that night's reports`;
}

/** How many a night had of what `lines` keep: their number, the last counting those left out (leftOutLine, or a report's own "… and N more notes"). */
export function remarkTotal(lines: readonly string[]): number {
  const more = /^… and (\d{1,6}) more \w+/.exec(lines.at(-1) ?? '');
  return more === null ? lines.length : lines.length - 1 + Number(more[1]);
}

/** "note: … (and 2 more notes)": the first of `lines` cut to `chars`, the rest counted; nothing when there is none. */
function remarkLine(noun: string, lines: readonly string[] | undefined, chars: number): string[] {
  if (lines === undefined || lines.length === 0) return [];
  const more = remarkTotal(lines) - 1;
  return [`${noun}: ${truncate(lines[0] ?? '', chars)}${more > 0 ? ` (and ${plural(more, `more ${noun}`)})` : ''}`];
}

/**
 * The notes every judged run of `runs` had, when there are two or more: a note a team's nights all
 * say (a variable it never sets) is said once for the window (windowNoteLines), and under a
 * night only what that night said besides, so the night that ran under a note of its own stands out.
 */
export function windowNotes(runs: readonly Pick<HistoryRun, 'notes' | 'notRun'>[]): string[] {
  const [first, ...rest] = runs.filter((r) => r.notRun === undefined);
  if (first === undefined || rest.length === 0) return [];
  return (first.notes ?? []).filter((note) => rest.every((r) => r.notes?.includes(note) === true));
}

/** "note: … (and 1 more note)": the notes of windowNotes as one line (none when there are none), which callers say is every night's. */
export function windowNoteLines(runs: readonly Pick<HistoryRun, 'notes' | 'notRun'>[], chars: number): string[] {
  return remarkLine('note', windowNotes(runs), chars);
}

/**
 * What a night's row carries beneath it: a line for its warnings, one for its notes (only those it
 * had, but those every judged run of the window had: `common`, windowNotes, unless it was not run), the first cut to `chars`
 * and the rest counted, each in full in that night's reports. Text from the store: callers escape
 * it for their medium.
 */
export function nightRemarks(run: Pick<HistoryRun, 'warnings' | 'notes' | 'notRun'>, chars: number, common: readonly string[] = []): string[] {
  // A night not run is none of the judged runs the window's line speaks for: its notes are its own.
  const said = run.notRun === undefined ? common : [];
  return [...remarkLine('warning', run.warnings, chars), ...remarkLine('note', run.notes?.filter((note) => !said.includes(note)), chars)];
}
