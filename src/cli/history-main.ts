/**
 * `zavu-conformance history --history FILE [--target URL] [--window N] [--format text|md] [--prune-keep N | --prune-before DATE]`
 * (`npm run history`): prints, per target of the store, the figures a run's reports show over the
 * window; or prunes old runs (the store rewritten atomically, under its lock).
 * Exit codes: 0 printed or pruned, 2 bad input (flag, missing or corrupt store, unknown target, a prune refused),
 * 129/130/143 a prune interrupted by SIGHUP/SIGINT/SIGTERM (the store whole, no temp file left).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeParseError } from '../config/parse-flags';
import { wholeNumber } from '../config/parse-values';
import { layeredEnv, misspeltSetting, suiteSettingNames } from '../config/layered-env';
import { UsageError } from '../model/errors';
import { pruneStore, type PruneCounts, type PruneRule } from '../history/append-history';
import { deriveFigures } from '../history/derive-figures';
import { storeSeries, type Series } from '../history/history-window';
import { refuseFuturePrune } from '../history/prune-guard';
import { renderHistoryTerminal } from '../history/history-terminal';
import { HISTORY_MARKDOWN_LIMITS, joinHistoryMarkdown, renderHistoryMarkdown } from '../history/history-markdown';
import { md } from '../report/markdown-text';
import { andNightsNotRun } from '../report/history-text';
import { DEFAULT_HISTORY_WINDOW, MAX_HISTORY_WINDOW } from '../config/options';
import { PRUNE_LIMITS, readHistory } from '../history/read-history';
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { escapeControl, plural } from '../text/plain-text';
import { exitWith, failLine, guardOutput, onInterruption, outliveClosedOutput, printedHelpOrVersion } from './cli-support';

const program = 'zavu-conformance history';
const usage = `Usage: zavu-conformance history --history FILE [--target URL] [--window N] [--format text|md]
       zavu-conformance history --history FILE [--target URL] --prune-keep N | --prune-before DATE

Prints, per target in the history store (or only --target), pass rate and p95 per run, and per case its
verdicts over the last N runs (--window, default ${DEFAULT_HISTORY_WINDOW}), failing since and verdict changes.
A target's write runs (--allow-writes; the embedded server's, with it or without; a replay of a write run's recordings) are shown apart from its read-only runs, and compared only with each other.
--format md prints it as GitHub Markdown, for an issue or a job summary (>> "$GITHUB_STEP_SUMMARY"):
the runs as a table and the cases failing, flipping or slower, capped; whatever the store holds is inert.
--prune-keep N keeps what --window N shows of each target (of its read-only and its write runs each): its newest N judged runs and every night not
run since the first of them; --prune-before DATE (YYYY-MM-DD or an ISO time, UTC
unless it names its offset) removes the runs started before it: a date in the future, or one that would
remove every run of the store, is refused (with --target, that target's runs may all go). Either rewrites
the store atomically under its lock; --target limits it to that target's runs. --history defaults to ZAVU_HISTORY.
Exit codes: 0 done, 2 bad input (flag, missing or corrupt store, a target with no runs, a prune refused), 129/130/143 a prune
interrupted by SIGHUP/SIGINT/SIGTERM (the store left whole: as it was, or pruned).
`;

const FLAGS = {
  history: { type: 'string' },
  target: { type: 'string' },
  window: { type: 'string' },
  format: { type: 'string' },
  'prune-keep': { type: 'string' },
  'prune-before': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, options: FLAGS }).values;
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(FLAGS), argv));
  }
}

/** Whether YYYY-MM-DD is a day of the calendar: Date would roll 2026-02-30 over into March. */
function isCalendarDay(text: string): boolean {
  const [year = 0, month = 0, day = 0] = text.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === text;
}

function pruneRule(keep: string | undefined, before: string | undefined): PruneRule | undefined {
  if (keep !== undefined && before !== undefined) throw new UsageError('give --prune-keep or --prune-before, not both');
  // At least 1: a prune that keeps no run is more likely a slip than a wish (delete the file for that).
  if (keep !== undefined) return { keep: wholeNumber({ value: keep, label: '--prune-keep' }, 1, 1_000_000) };
  if (before === undefined) return undefined;
  // A time without a zone is UTC, as a day alone is (and as every view dates the runs): Date reads
  // it in the machine's own zone, so one prune removed other nights on a CI runner in Kolkata.
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(before) ? `${before}Z` : before;
  const date = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(before) ? new Date(zoned) : new Date(Number.NaN);
  if (!Number.isFinite(date.getTime()) || !isCalendarDay(before.slice(0, 10))) throw new UsageError(`--prune-before ${JSON.stringify(before)} is not a date (expected YYYY-MM-DD or an ISO time)`);
  refuseFuturePrune(before, date, new Date());
  return { before: date };
}

/** "4 runs and 1 night not run" of 5 records: a prune's count in the words of every view (andNightsNotRun). */
function prunedCount(records: number, notRun = 0): string {
  return `${plural(records - notRun, 'run')}${andNightsNotRun(notRun)}`;
}

/** What --format may be: the terminal's plain text (the default), or Markdown to paste. */
const FORMATS = ['text', 'md'] as const;

function formatOf(value: string | undefined): (typeof FORMATS)[number] {
  if (value === undefined) return 'text';
  const known = FORMATS.find((f) => f === value);
  if (known === undefined) throw new UsageError(`--format ${JSON.stringify(value)} is not one of: ${FORMATS.join(', ')}`);
  return known;
}

/**
 * The code of the store's absence (ENOENT, or ENOTDIR: a part of its path a file); undefined when it
 * is there, or out of reach (EACCES), which the read refuses as it is, never as a store to create.
 */
function absence(file: string): string | undefined {
  try {
    statSync(file);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? code : undefined;
  }
}

/** The history command; resolves to the exit code. */
export async function historyCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  const values = parse(argv);
  if (printedHelpOrVersion(values, () => usage)) return 0;
  // The environment over .env, as a run and a merge in the same folder read it: ZAVU_HISTORY in .env names the store here too.
  const settings = layeredEnv(cwd, env);
  // A misspelt setting is refused before anything is read or pruned, as by a run and a merge (without
  // the store named, a misspelt ZAVU_HISTORY is the likely reason).
  const misspelt = misspeltSetting(settings.values, suiteSettingNames(), settings.fromDotenv);
  if (misspelt !== undefined) throw misspelt;
  const fromEnv = settings.values['ZAVU_HISTORY'];
  const given = values.history ?? (fromEnv === '' ? undefined : fromEnv);
  if (given === undefined) throw new UsageError('--history FILE (or ZAVU_HISTORY) is required: the store to read');
  const file = resolve(cwd, given);
  const absent = absence(file);
  if (absent !== undefined) {
    // A link to nothing (a cache not restored): a run refuses to append through it, so "a run creates it" would send the user round in a circle.
    // Only under ENOENT: a path through a file (ENOTDIR) has no link to look at, and lstat would throw.
    if (absent === 'ENOENT' && lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true) throw new UsageError(`history store ${file} is a symbolic link to ${readlinkSync(file)}, which does not exist`, { path: file, code: absent });
    // Under a file, a run refuses to append there too: "a run creates it" would be the same circle.
    const why = absent === 'ENOTDIR' ? ': a part of its path is a file, not a folder (ENOTDIR)' : ` (a run with --history ${given} creates it)`;
    throw new UsageError(`history store ${file} does not exist${why}`, { path: file, code: absent });
  }
  const window = wholeNumber({ value: values.window ?? String(DEFAULT_HISTORY_WINDOW), label: '--window' }, 1, MAX_HISTORY_WINDOW);
  const rule = pruneRule(values['prune-keep'], values['prune-before']);
  const format = formatOf(values.format);
  // A prune prints one line of what it did: a format asked of it is more likely a slip than a wish.
  if (rule !== undefined && values.format !== undefined) throw new UsageError('--format is for the history view, not a prune (--prune-keep, --prune-before)');
  // So is a window: `--prune-before … --window 30` reads as "keep the last 30", which only --prune-keep does; a prune that ignored it would remove what the user meant to keep.
  if (rule !== undefined && values.window !== undefined) throw new UsageError('--window is for the history view, not a prune (--prune-keep N keeps the newest N judged runs of each target, its read-only and its write runs each)');
  const target = values.target?.replace(/\/+$/, '');
  // A prune reads with its own, wider bounds: it is the remedy a store over a run's bounds is sent to.
  const records = readHistory(file, rule === undefined ? undefined : PRUNE_LIMITS);
  const targets = [...new Set(records.map((r) => r.record.run.target))];
  if (target !== undefined && !targets.includes(target)) {
    throw new UsageError(`no runs of ${JSON.stringify(target)} in ${file} (targets there: ${targets.map((x) => JSON.stringify(x)).join(', ') || 'none'})`);
  }
  if (rule !== undefined) {
    // A signal while the store is rewritten: the rewrite is stopped (exitWith), its temp file
    // removed, and the store stays whole, as it was or (its rename already done) pruned; never
    // Node's default death, which left the temp file beside the store for good.
    const release = onInterruption((signal, code) => {
      process.stderr.write(`${program}: interrupted by ${signal}: the store is whole (as it was, or pruned if its rewrite was already in place)\n`);
      exitWith(code);
    });
    let pruned: PruneCounts;
    try {
      // Read and checked above: a corrupt store is refused before anything is rewritten (pruneStore rewrites only when it removes a run).
      pruned = await pruneStore(file, rule, target);
    } finally {
      release();
    }
    // The store's path is the user's folder names: inert in a terminal and a CI log, as a run's history lines show it.
    process.stdout.write(`pruned ${escapeControl(file)}: removed ${prunedCount(pruned.removed, pruned.notRun?.removed)}, kept ${prunedCount(pruned.kept, pruned.notRun?.kept)}\n`);
    return 0;
  }
  const plain = records.map((r) => r.record);
  // A target's read-only runs and its write runs (model/result.ts ranWrites) are two series, two blocks (history-window.ts Series).
  const series = storeSeries(plain).filter((s) => target === undefined || s.target === target);
  const figuresOf = (s: Series) => deriveFigures(plain, { store: file, target: s.target, writes: s.writes, window });
  if (format === 'md') {
    // Only the blocks shown are derived: a store of thousands of targets prints a capped few.
    const blocks = series.map((s, i) => (i < HISTORY_MARKDOWN_LIMITS.blocks ? renderHistoryMarkdown(figuresOf(s)) : ''));
    process.stdout.write(blocks.length === 0 ? `${md(`${file} holds no runs yet`, 400)}\n` : joinHistoryMarkdown(blocks, series));
    return 0;
  }
  // deriveFigures shows the newest run's latency budget beside the trends.
  const blocks = series.map((s) => renderHistoryTerminal(figuresOf(s)));
  process.stdout.write(blocks.length === 0 ? `${escapeControl(file)} holds no runs yet\n` : blocks.join('\n'));
  return 0;
}

if (require.main === module) {
  outliveClosedOutput();
  guardOutput();
  historyCommand(process.argv.slice(2)).then(exitWith, (error: unknown) => exitWith(failLine(program, error)));
}
