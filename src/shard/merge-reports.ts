/**
 * Merge of shard reports (--shard i/n) into the run one unsharded run would have been: same
 * results in the same order, one runInfo whose times span the shards. Everything computed from
 * the results (summary, latency, certificate, baseline diff) is the caller's to assemble, the same
 * way a run assembles its own report.
 */
import type { CaseResult, ConformanceReport, RunInfo, RunWarning } from '../model';
import { withNamedEvidence } from '../model/violation';
import { UsageError } from '../model/errors';
import { formatShard, parseShard, type Shard } from './shard';
import { sharedRunId } from './run-id';
import { sharedBuild } from './shared-build';
import { keptRunNotes } from '../report/run-notes';
import { contractOf, rulesOf, type CoverageRule, type CoverageSubject } from '../coverage';
import { headlineWarnings, otherWarnings, prefixedWarning, RUN_WARNING_LIMITS } from '../report/run-warnings';
import { describeValue } from '../text/plain-text';
import { keptAndRest } from '../text/shown-and-rest';

/** The shards of one run put back together: what a report is assembled from. */
export interface MergedRun {
  runInfo: RunInfo;
  results: CaseResult[];
  /**
   * What coverage counts, from the shards' reports (each names every operation of the run), and
   * their --min-coverage rules: the merged coverage is the union of the shards' observations,
   * which ride on the results. Absent when the shards' reports have no coverage section.
   */
  coverage?: { subjects: CoverageSubject[]; rules: CoverageRule[] };
  /** What the merge could not check and says so (some shards with a run id, others without); absent when nothing. */
  notes?: string[];
  /**
   * The target lost mid-run by a shard: where and why, carried from the first shard (in shard order)
   * that lost it, named by its shard, and by how many shards lost it when more did; the count of the
   * cases it cut short is recomputed over the merged results (report/target-lost.ts).
   */
  targetLost?: { why: string; at?: string };
  /** Every shard's run warnings, in shard order, each named by its shard ("shard 2/3: …"), a headline's once first (carriedHeadlines); absent when none had one. */
  runWarnings?: RunWarning[];
}

/**
 * Each shard saw its own connections: its warnings are kept, each saying whose it is (a line the
 * prefix makes longer than a report's bound is cut to it). Past what a report holds (RUN_WARNING_LIMITS.count: a target that does it on every connection, split into more shards
 * than that), the last line counts the rest, which each shard's own report keeps: the merged report
 * must stay one the schema takes, or the merge would fail as a bug of the suite. The line starts
 * "… and N more" as every folded list of remarks does, so a history record of the night counts the
 * warnings it stands for (report/history-text.ts remarkTotal), not the line as one.
 */
function carriedWarnings(shards: readonly ShardReport[]): RunWarning[] {
  const headlines = carriedHeadlines(shards);
  const all = shards.flatMap(({ report }) => otherWarnings(report.runWarnings).map((w) => ({ shard: report.runInfo.shard ?? '?', warning: prefixedWarning(w, `shard ${report.runInfo.shard ?? '?'}: `) })));
  const { shown } = keptAndRest(all, RUN_WARNING_LIMITS.count - headlines.length);
  const rest = all.slice(shown.length);
  if (rest.length === 0) return [...headlines, ...shown.map(({ warning }) => warning)];
  const [first] = rest;
  const last = rest[rest.length - 1];
  // Of a kind the folded ones are, never a headline's: "… and 5 more" is no upstream gone down.
  const folded: RunWarning = {
    kind: first?.warning.kind ?? 'unasked-bytes',
    message: `… and ${rest.length} more run warnings, from shards ${first?.shard ?? '?'} to ${last?.shard ?? '?'}, not repeated here (each in its shard's own conformance.json)`,
  };
  return [...headlines, ...shown.map(({ warning }) => warning), folded];
}

/**
 * The warnings said as a headline (an upstream gone down: run-warnings.ts headlineWarnings), once
 * each kind however many shards saw it, as a lost target is (carriedLoss): the first shard's line,
 * counting the shards that saw it. First, so no pile of other warnings folds it away, and one line,
 * so the merged report's top says it once, as each shard's did.
 */
function carriedHeadlines(shards: readonly ShardReport[]): RunWarning[] {
  // Each kind's first line, with every shard that saw the kind: in the order the kinds were first seen.
  const byKind = new Map<RunWarning['kind'], { shard: string; warning: RunWarning; saw: Set<string> }>();
  for (const { report } of shards) {
    const shard = report.runInfo.shard ?? '?';
    for (const warning of headlineWarnings(report.runWarnings)) {
      const first = byKind.get(warning.kind);
      if (first === undefined) byKind.set(warning.kind, { shard, warning, saw: new Set([shard]) });
      else first.saw.add(shard);
    }
  }
  return [...byKind.values()].map(({ shard, warning, saw }) => prefixedWarning(warning, firstOfShards(shard, saw.size, 'saw')));
}

/**
 * "shard 2/3: ", or "shard 2/3 (3 shards lost it; the first:): ": how a cause many shards met is
 * said once, by the first shard's line (a lost target, carriedLoss; a headline, carriedHeadlines).
 */
function firstOfShards(shard: string, count: number, verb: 'lost' | 'saw'): string {
  return `shard ${shard}${count > 1 ? ` (${count} shards ${verb} it; the first:)` : ''}: `;
}

function carriedLoss(shards: readonly ShardReport[]): MergedRun['targetLost'] {
  const losing = shards.filter(({ report }) => report.targetLost !== undefined);
  const first = losing[0]?.report;
  if (first?.targetLost === undefined) return undefined;
  return { why: `${firstOfShards(first.runInfo.shard ?? '?', losing.length, 'lost')}${first.targetLost.why}`, ...(first.targetLost.at !== undefined ? { at: first.targetLost.at } : {}) };
}

/** RunInfo fields every shard of one run must share; a difference means they are not one run. */
const SHARED_FIELDS: readonly (keyof RunInfo)[] = [
  'target', 'mode', 'suiteVersion', 'specTitle', 'specVersion', 'specSha256', 'casesSha256', 'node', 'repeat', 'latencyBudgetMs', 'operations', 'families', 'allowWrites', 'mockTarget', 'specOperationsWithoutData', 'shardPlan',
];

/** A field's value as compared: operations and families are lists, compared by content. */
function shown(value: RunInfo[keyof RunInfo]): string {
  return JSON.stringify(value ?? null);
}

/** The most characters of a value a refusal quotes: a few operations of a list, both sides and what to do within one error line. */
const QUOTED_CHARS = 300;

/** A field's value as a refusal quotes it: the schema bounds no suiteVersion or specTitle, so cut, and escaped. */
function quoted(value: RunInfo[keyof RunInfo]): string {
  return describeValue(value ?? null, QUOTED_CHARS);
}

/**
 * Shared fields today's suite always writes and builds of it before them did not: absent, the
 * shard is an older build's or an edited file, not one judged with the value null. Builds before
 * the field and after it both called themselves 0.2.0, so the version cannot tell which.
 */
const WRITTEN_SINCE: ReadonlySet<keyof RunInfo> = new Set<keyof RunInfo>(['casesSha256']);

interface Side {
  value: RunInfo[keyof RunInfo];
  shard: string | undefined;
  name: string;
}

/**
 * The refusal of shards that differ on a shared field. Shards of two builds of the suite (another
 * version, or a field one of them predates) are told what to do: a merge takes one build's shards.
 */
function disagreement(field: keyof RunInfo, first: Side, other: Side): string {
  const older = (side: Side): boolean => side.value === undefined && WRITTEN_SINCE.has(field);
  const side = (s: Side): string => (older(s) ? `none (shard ${s.shard}, ${s.name}: a build of the suite from before the field writes none, or the file was edited)` : `${quoted(s.value)} (shard ${s.shard}, ${s.name})`);
  const builds = field === 'suiteVersion' || older(first) || older(other);
  return `shard reports disagree on runInfo.${field}: ${side(first)} vs ${side(other)}${builds ? '; run every shard, and the merge, with one build of the suite' : ''}`;
}

interface ShardReport {
  shard: Shard;
  report: ConformanceReport;
  /** The folder it was read from (or `report i of n`): what a message names, so the user knows which artifact to look at. */
  name: string;
}

/** Each report's shard, checked to be exactly 1/n … n/n of one n, so no shard is missing or twice. `labels` name the reports (their folders). */
function sortedShards(reports: readonly ConformanceReport[], labels: readonly string[]): ShardReport[] {
  const shards = reports.map((report, i) => {
    const name = labels[i] ?? `report ${i + 1} of ${reports.length}`;
    if (report.runInfo.shard === undefined) throw new UsageError(`${name} is not a shard report (runInfo.shard is missing: a run without --shard)`);
    return { shard: parseShard(report.runInfo.shard, `${name}: runInfo.shard`), report, name };
  });
  shards.sort((a, b) => a.shard.index - b.shard.index);
  const first = shards[0];
  const count = first?.shard.count ?? 0;
  shards.forEach(({ shard, name }, i) => {
    if (shard.count !== count) throw new UsageError(`shard reports disagree on the number of shards: ${first?.report.runInfo.shard} (${first?.name}) vs ${formatShard(shard)} (${name})`);
    if (shard.index !== i + 1) throw new UsageError(`shard ${shard.index === i ? `${formatShard(shard)} is given twice (${shards[i - 1]?.name === name ? `${name}, named twice` : `${shards[i - 1]?.name} and ${name}`})` : `${formatShard({ index: i + 1, count })} is missing`}`);
  });
  if (shards.length !== count) throw new UsageError(`shard ${formatShard({ index: shards.length + 1, count })} is missing`);
  return shards;
}

function planText(plan: RunInfo['shardPlan']): string {
  return plan === undefined ? 'not recorded' : `${plan.cases} cases, sha256 ${plan.sha256.slice(0, 12)}`;
}

function mergedRunInfo(shards: readonly ShardReport[], notes: string[]): RunInfo {
  const firstShard = shards[0]!;
  // First: a shard of another night differs in its times and perhaps its plan, but its run id says what it is.
  const run = sharedRunId(shards.map(({ report, name }) => ({ shard: report.runInfo.shard ?? '?', label: name, runId: report.runInfo.runId })));
  if (run.note !== undefined) notes.push(run.note);
  const first = firstShard.report.runInfo;
  for (const { report, name } of shards) {
    for (const field of SHARED_FIELDS) {
      if (shown(report.runInfo[field]) !== shown(first[field])) {
        if (field === 'shardPlan') throw new UsageError(`shards ${first.shard} (${firstShard.name}) and ${report.runInfo.shard} (${name}) sliced different plans (${planText(first.shardPlan)} vs ${planText(report.runInfo.shardPlan)}): were they run with the same settings and fixtures, in one run?`);
        throw new UsageError(disagreement(field, { value: first[field], shard: first.shard, name: firstShard.name }, { value: report.runInfo[field], shard: report.runInfo.shard, name }));
      }
    }
  }
  // Once the versions agree: two builds of one version are two suites as well (shared-build.ts).
  const build = sharedBuild(shards.map(({ report, name }) => ({ shard: report.runInfo.shard ?? '?', label: name, suiteVersion: report.runInfo.suiteVersion, suiteBuild: report.runInfo.suiteBuild })));
  if (build.note !== undefined) notes.push(build.note);
  const times = shards.map(({ report }) => report.runInfo);
  const earliest = times.reduce((a, b) => (Date.parse(b.startedAt) < Date.parse(a.startedAt) ? b : a)).startedAt;
  const latest = times.reduce((a, b) => (Date.parse(b.finishedAt) > Date.parse(a.finishedAt) ? b : a)).finishedAt;
  const { shard: _shard, shardPlan: _plan, allowFlaky: _flaky, runId: _runId, notes: _notes, tlsUnverified: _tls, suiteBuild: _build, ...rest } = first;
  // One runner with NODE_TLS_REJECT_UNAUTHORIZED=0 is enough for answers that may not be the target's.
  const tlsUnverified = shards.some(({ report }) => report.runInfo.tlsUnverified === true);
  // Every shard of a replay says the same notes of its recordings (and of its settings): one of
  // each, in shard order, so a note only some shards said is kept too.
  const said = keptRunNotes(shards.flatMap(({ report }) => report.runInfo.notes ?? []));
  // Lenient only when every shard was run so: else whether the merge passed a flaky case would
  // hang on which shard came first (merge --allow-flaky says it for the merged run).
  const allowFlaky = shards.every(({ report }) => report.runInfo.allowFlaky === true);
  return { ...rest, ...(build.suiteBuild !== undefined ? { suiteBuild: build.suiteBuild } : {}), ...(allowFlaky ? { allowFlaky: true } : {}), ...(tlsUnverified ? { tlsUnverified: true } : {}), ...(run.runId !== undefined ? { runId: run.runId } : {}), ...(said.length > 0 ? { notes: said } : {}), startedAt: earliest, finishedAt: latest };
}

/**
 * Merges the reports of all shards of one run (any order):
 * - results: shard 1's, then shard 2's, …: the plan order, because shards are contiguous slices
 *   of the plan (see shardSlice); a case id in two shards is an error (the shards overlap);
 * - runInfo: earliest startedAt, latest finishedAt, no shard, the shards' notes each once; every other field must agree, else
 *   UsageError naming it (exit 2), and so must the run ids of the shards that have one (run-id.ts), and their builds of the suite (shared-build.ts); so must the set of shards (1/n … n/n), and the shards' results
 *   must add up to their plan (shardPlan), so a case no shard ran cannot pass unseen.
 * A violation's evidence field (shownBy) whose words its message does not hold (a shard edited by
 * hand) is dropped, the violation kept (withNamedEvidence): never refused, as the suite never writes one,
 * and rebuilt as a shard's other fields of its own making are (summary, digests, notes): a merged
 * report carrying it would fail its own consistency check as a bug of the suite.
 * The shards' summaries, latency, certificates and baseline diffs are not carried over: each
 * covers only its shard. The caller assembles the merged report from runInfo and results (summary,
 * latency, certificate, and the baseline diff on the merged results), as one unsharded run would.
 */
export function mergeReports(reports: readonly ConformanceReport[], labels: readonly string[] = []): MergedRun {
  if (reports.length === 0) throw new UsageError('no shard reports to merge');
  const shards = sortedShards(reports, labels);
  const notes: string[] = [];
  const runInfo = mergedRunInfo(shards, notes);
  const seen = new Map<string, string | undefined>();
  for (const { report } of shards) {
    for (const result of report.results) {
      if (seen.has(result.id)) throw new UsageError(`case ${result.id} is in shard ${seen.get(result.id)} and shard ${report.runInfo.shard}: the shards overlap`);
      seen.set(result.id, report.runInfo.shard);
    }
  }
  // Same plan, no case twice: every case of it must be in some shard, or the merge would certify a run with cases left out.
  const plan = shards[0]!.report.runInfo.shardPlan;
  if (plan !== undefined && seen.size !== plan.cases) throw new UsageError(`the shards hold ${seen.size} of their plan's ${plan.cases} cases: a shard report lost results`);
  const withCoverage = shards.find(({ report }) => report.coverage !== undefined)?.report.coverage;
  const coverage = withCoverage === undefined ? undefined : {
    subjects: withCoverage.operations.map((op) => ({ operationId: op.operationId, operation: op.operation, contract: contractOf(op) })),
    rules: rulesOf(withCoverage),
  };
  const targetLost = carriedLoss(shards);
  const runWarnings = carriedWarnings(shards);
  return { runInfo, results: shards.flatMap(({ report }) => report.results.map(withNamedEvidence)), ...(coverage !== undefined ? { coverage } : {}), ...(notes.length > 0 ? { notes } : {}), ...(targetLost !== undefined ? { targetLost } : {}), ...(runWarnings.length > 0 ? { runWarnings } : {}) };
}
