/**
 * A shard that stopped before its verdict (its target unreachable or silent, its key refused, an
 * interruption) leaves no conformance.json, only a NOT RUN summary.md: without more, its merge
 * cannot tell the night (target, contract, times) and the history store never learns that the
 * night was not run. So such a shard writes its night into that summary (one HTML comment line,
 * which a posted summary does not show), and the merge puts the shards back together as a night
 * not run: one record, as an unsharded run that stopped leaves. A stop caused by the settings
 * (a flag, a data file) writes no night: it is no night of the target, and its merge stays exit 2.
 */
import type { ConformanceReport, RunInfo, RunMode } from '../model';
import { ExitCode, UsageError } from '../model/errors';
import { ranWrites, writesField } from '../model/result';
import { formatShard, parseShard, type Shard } from './shard';
import { runIdProblem, sharedRunId } from './run-id';
import { isSuiteBuild } from '../package-root';
import { describeValue, listed, plural } from '../text/plain-text';

/** What a stopped shard knows of its night: enough for the merge to record it as not run. */
export interface ShardNight {
  /** "i/n". */
  shard: string;
  target: string;
  mode: RunMode;
  specSha256: string;
  suiteVersion: string;
  /** The build of the suite (runInfo.suiteBuild), when its dist names one: a stopped shard of another build is refused as a report of one is. */
  suiteBuild?: string;
  startedAt: string;
  finishedAt: string;
  /** The shard's exit code: a night's stop (3, 2 for a refused key, or a signal's). */
  exitCode: number;
  /** The plan the shard sliced, when it got that far (a stop before the target answered has none). */
  shardPlan?: { cases: number; sha256: string };
  /** The shard's run id (run-id.ts), when it had one: a stopped shard of another run is refused as a report of one is. */
  runId?: string;
  /**
   * Present when the shard was a write run (runInfo.allowWrites): its night is a gap in the
   * target's write series (history-window.ts Series), not in the read-only gate's. Absent in a block
   * of a suite before it, and of a read-only shard.
   */
  allowWrites?: true;
}

const MARK = '<!-- zavu-conformance shard night: ';
const END = ' -->';
/** A night block longer than this is no block the suite wrote (a URL is at most a few KB). */
const MAX_BLOCK_CHARS = 16_384;
/** The exit codes a night's stop ends a run with (ExitCode.usage: the key refused on the first requests). */
const NIGHT_EXIT_CODES: ReadonlySet<number> = new Set([ExitCode.usage, ExitCode.unreachable, 129, 130, 143]);
const MODES: ReadonlySet<string> = new Set(['live', 'record', 'replay']);
/** The most characters of a value a refusal quotes: both shards and what to do fit one error line. */
const QUOTED_CHARS = 300;

/** The line a stopped shard's NOT RUN summary ends with. `<` and `>` are escaped, so no value ends the comment early. */
export function formatShardNight(night: ShardNight): string {
  return `${MARK}${JSON.stringify(night).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')}${END}`;
}

/** The night a NOT RUN summary's text carries, or undefined when it carries none (or one no suite wrote: anyone's artifact). */
export function parseShardNight(text: string): ShardNight | undefined {
  // CRLF as LF: a stopped shard's summary may come from a Windows runner, or through an artifact's autocrlf.
  const line = text.split(/\r?\n/).find((l) => l.startsWith(MARK) && l.endsWith(END));
  if (line === undefined || line.length > MAX_BLOCK_CHARS) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(MARK.length, -END.length));
  } catch {
    return undefined;
  }
  return isShardNight(value) ? value : undefined;
}

function isShardNight(value: unknown): value is ShardNight {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const text = (key: string): boolean => typeof v[key] === 'string' && (v[key] as string).length > 0;
  const time = (key: string): boolean => text(key) && !Number.isNaN(Date.parse(v[key] as string));
  const plan = v['shardPlan'];
  const planOk = plan === undefined || (typeof plan === 'object' && plan !== null && Number.isInteger((plan as Record<string, unknown>)['cases']) && typeof (plan as Record<string, unknown>)['sha256'] === 'string');
  return (
    text('shard') && /^[1-9][0-9]*\/[1-9][0-9]*$/.test(v['shard'] as string) &&
    text('target') && text('specSha256') && text('suiteVersion') && typeof v['mode'] === 'string' && MODES.has(v['mode']) &&
    time('startedAt') && time('finishedAt') && typeof v['exitCode'] === 'number' && NIGHT_EXIT_CODES.has(v['exitCode']) && planOk &&
    (v['runId'] === undefined || (typeof v['runId'] === 'string' && runIdProblem(v['runId']) === undefined)) &&
    (v['suiteBuild'] === undefined || isSuiteBuild(v['suiteBuild'])) &&
    (v['allowWrites'] === undefined || v['allowWrites'] === true)
  );
}

/** One shard folder as the merge read it: its report, or its NOT RUN reason and (when it wrote one) its night. */
export type ReadShard = { label: string; report: ConformanceReport } | { label: string; reason: string; night?: ShardNight };

/** The night the shards of a run stopped in: the record's run, and the first stopped shard's stop. */
export interface StoppedNight {
  run: { target: string; mode: RunMode; specSha256: string; suiteVersion: string; suiteBuild?: string; allowWrites?: true; startedAt: string; finishedAt: string };
  shards: number;
  /** The stopped shards, in shard order; the first one's reason and exit code are the night's. */
  stopped: { label: string; shard: string; reason: string; exitCode: number }[];
}

interface Side {
  label: string;
  shard: Shard;
  info: Pick<RunInfo, 'target' | 'mode' | 'specSha256' | 'suiteVersion' | 'suiteBuild' | 'startedAt' | 'finishedAt' | 'shardPlan' | 'runId' | 'allowWrites'>;
  stop?: { reason: string; exitCode: number };
}

/** The fields every shard of one night must share, the ran ones and the stopped ones alike. */
const SHARED: readonly (keyof Side['info'])[] = ['target', 'mode', 'specSha256', 'suiteVersion'];

/**
 * The night of shards some of which stopped, each stopped one with its night: checked as a merge
 * checks its shards (each of 1/n … n/n once, one target, mode, contract and suite; one plan where
 * two shards know theirs), so a night is recorded only for one run's shards. UsageError (exit 2)
 * naming the folders otherwise. Undefined when no shard stopped, or one stopped without a night
 * (a settings error, a suite older than the block, an edited one): the merge then fails as it
 * always has, and given --history says it recorded nothing (merge-main.ts).
 */
export function stoppedNightOf(shards: readonly ReadShard[]): StoppedNight | undefined {
  const stoppedOnes = shards.filter((s): s is Extract<ReadShard, { reason: string }> => 'reason' in s);
  if (stoppedOnes.length === 0 || stoppedOnes.some((s) => s.night === undefined)) return undefined;
  const sides: Side[] = shards.map((s) => {
    if ('report' in s) {
      const info = s.report.runInfo;
      if (info.shard === undefined) throw new UsageError(`${s.label} is not a shard report (runInfo.shard is missing: a run without --shard)`);
      return { label: s.label, shard: parseShard(info.shard, `${s.label}: runInfo.shard`), info };
    }
    const night = s.night as ShardNight;
    return { label: s.label, shard: parseShard(night.shard, `${s.label}: its night's shard`), info: night, stop: { reason: s.reason, exitCode: night.exitCode } };
  });
  sides.sort((a, b) => a.shard.index - b.shard.index);
  const first = sides[0] as Side;
  const count = first.shard.count;
  sides.forEach((side, i) => {
    if (side.shard.count !== count) throw new UsageError(`shards disagree on the number of shards: ${formatShard(first.shard)} (${first.label}) vs ${formatShard(side.shard)} (${side.label})`);
    const before = sides[i - 1];
    if (before !== undefined && before.shard.index === side.shard.index) throw new UsageError(`shard ${formatShard(side.shard)} is given twice (${before.label} and ${side.label})`);
  });
  for (let index = 1; index <= count; index += 1) {
    if (!sides.some((side) => side.shard.index === index)) throw new UsageError(`shard ${formatShard({ index, count })} is missing`);
  }
  for (const side of sides) {
    for (const field of SHARED) {
      // Shards of two versions are two builds of the suite: said with what to do, as merge-reports.ts says it.
      const builds = field === 'suiteVersion' ? '; run every shard, and the merge, with one build of the suite' : '';
      // Quoted cut and escaped: no schema bounds a report's suiteVersion, and a night's block is anyone's text.
      const quoted = (value: unknown): string => describeValue(value ?? null, QUOTED_CHARS);
      if (side.info[field] !== first.info[field]) throw new UsageError(`shards disagree on ${field}: ${quoted(first.info[field])} (shard ${formatShard(first.shard)}, ${first.label}) vs ${quoted(side.info[field])} (shard ${formatShard(side.shard)}, ${side.label})${builds}`);
    }
  }
  // Read-only and write shards are no one run (a merge of their reports refuses them too), and the night's series hangs on it.
  // Read as history reads a record (ranWrites): a night block without the field of the embedded server is a write run's.
  for (const side of sides) {
    const writes = (s: Side): string => (ranWrites(s.info) ? 'a write run' : 'read-only');
    if (ranWrites(side.info) !== ranWrites(first.info)) throw new UsageError(`shards disagree on allowWrites: ${writes(first)} (shard ${formatShard(first.shard)}, ${first.label}) vs ${writes(side)} (shard ${formatShard(side.shard)}, ${side.label})`);
  }
  sharedRunId(sides.map((side) => ({ shard: formatShard(side.shard), label: side.label, runId: side.info.runId })));
  // Loaded here, by the merge: every run's start loads this file (not-run.ts formats its night), and only a merge compares builds.
  const { sharedBuild } = require('./shared-build') as typeof import('./shared-build');
  const { suiteBuild } = sharedBuild(sides.map((side) => ({ shard: formatShard(side.shard), label: side.label, suiteVersion: side.info.suiteVersion, suiteBuild: side.info.suiteBuild })));
  const planned = sides.filter((side) => side.info.shardPlan !== undefined);
  const plan = planned[0];
  for (const side of planned) {
    if (JSON.stringify(side.info.shardPlan) !== JSON.stringify(plan?.info.shardPlan)) throw new UsageError(`shards ${formatShard(plan?.shard ?? side.shard)} (${plan?.label}) and ${formatShard(side.shard)} (${side.label}) sliced different plans: were they run with the same settings and fixtures, in one run?`);
  }
  const started = sides.map((side) => side.info.startedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  const finished = sides.map((side) => side.info.finishedAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return {
    run: { target: first.info.target, mode: first.info.mode, specSha256: first.info.specSha256, suiteVersion: first.info.suiteVersion, ...(suiteBuild !== undefined ? { suiteBuild } : {}), ...writesField(ranWrites(first.info)), startedAt: started, finishedAt: finished },
    shards: count,
    stopped: sides.flatMap((side) => (side.stop === undefined ? [] : [{ label: side.label, shard: formatShard(side.shard), reason: side.stop.reason, exitCode: side.stop.exitCode }])),
  };
}

/**
 * The verdict line of a merge's NOT RUN refused before it merged (a shard missing or given twice,
 * shards of two runs or plans, a bad setting): the shards given may each have judged their cases,
 * so "no case was judged" would be false; it is the run that has no verdict.
 */
export const MERGE_REFUSED_VERDICT = "the shards were not merged (the line above says why), so the run has no verdict; each shard's own reports are in its folder.";

/**
 * The verdict line of a merge's NOT RUN (after "Exit code N: "): which shards did not run, and what
 * the others did judge, unmerged. The run's own line ("no case was judged") would be false here:
 * the shards that ran judged their cases; it is the night that has no verdict. A stopped shard is
 * named by its night's "i/n" when it wrote one, else by its folder.
 */
export function mergeNotRunVerdict(shards: readonly ReadShard[]): string {
  const stopped = shards.flatMap((s) => ('reason' in s ? [s.night === undefined ? `the shard in ${s.label}` : `shard ${s.night.shard}`] : []));
  const ran = shards.flatMap((s) => ('report' in s ? [s.report] : []));
  // Judged is passed, failed or flaky: a shard whose slice was all writes a read-only run skips judged none of
  // them, and "judged 77 cases" over a shard of 77 skips told the reader its half of the night had a verdict.
  const all = ran.flatMap((report) => report.results);
  const skipped = all.filter((r) => r.status === 'skipped').length;
  const errors = all.filter((r) => r.status === 'error').length;
  const cases = all.length - skipped - errors;
  const apart = [...(skipped > 0 ? [`${skipped} skipped`] : []), ...(errors > 0 ? [`${errors} not judged`] : [])];
  const which = stopped.length === 1 ? `${stopped[0]} did not run` : `${listed(stopped)} did not run`;
  const judged = ran.length === 0 ? 'no shard judged a case' : `${plural(ran.length, 'shard')} judged ${plural(cases, 'case')}${apart.length === 0 ? '' : ` (${apart.join(', ')})`}, not merged without ${stopped.length === 1 ? 'it' : 'them'}`;
  return `${which}, so the night has no verdict; ${judged}.`;
}
