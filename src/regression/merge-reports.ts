/**
 * Merge of shard reports (--shard i/n) into the report one unsharded run would have written:
 * same results in the same order, same summary, latency and certificate; only the run's times
 * span the shards.
 */
import type { ConformanceReport, RunInfo } from '../model';
import { UsageError } from '../model/errors';
import { summarize } from '../report/summarize';
import { certify } from './certificate';
import { overallLatency } from './latency';
import { parseShard, type Shard } from './shard';

/** RunInfo fields every shard of one run must share; a difference means they are not one run. */
const SHARED_FIELDS: readonly (keyof RunInfo)[] = [
  'target', 'mode', 'suiteVersion', 'specTitle', 'specVersion', 'specSha256', 'node', 'repeat', 'latencyBudgetMs',
];

interface ShardReport {
  shard: Shard;
  report: ConformanceReport;
}

/** Each report's shard, checked to be exactly 1/n … n/n of one n, so no shard is missing or twice. */
function sortedShards(reports: readonly ConformanceReport[]): ShardReport[] {
  const shards = reports.map((report, i) => {
    if (report.runInfo.shard === undefined) throw new UsageError(`report ${i + 1} of ${reports.length} is not a shard report (runInfo.shard is missing)`);
    return { shard: parseShard(report.runInfo.shard, `report ${i + 1} of ${reports.length}: runInfo.shard`), report };
  });
  shards.sort((a, b) => a.shard.index - b.shard.index);
  const count = shards[0]?.shard.count ?? 0;
  shards.forEach(({ shard }, i) => {
    if (shard.count !== count) throw new UsageError(`shard reports disagree on the number of shards: ${shards[0]?.report.runInfo.shard} vs ${shard.index}/${shard.count}`);
    if (shard.index !== i + 1) throw new UsageError(`shard ${shard.index === i ? `${shard.index}/${count} is given twice` : `${i + 1}/${count} is missing`}`);
  });
  if (shards.length !== count) throw new UsageError(`shard ${shards.length + 1}/${count} is missing`);
  return shards;
}

function mergedRunInfo(shards: readonly ShardReport[]): RunInfo {
  const first = shards[0]!.report.runInfo;
  for (const { report } of shards) {
    for (const field of SHARED_FIELDS) {
      if (report.runInfo[field] !== first[field]) {
        throw new UsageError(`shard reports disagree on runInfo.${field}: ${JSON.stringify(first[field] ?? null)} (shard ${first.shard}) vs ${JSON.stringify(report.runInfo[field] ?? null)} (shard ${report.runInfo.shard})`);
      }
    }
  }
  const times = shards.map(({ report }) => report.runInfo);
  const earliest = times.reduce((a, b) => (Date.parse(b.startedAt) < Date.parse(a.startedAt) ? b : a)).startedAt;
  const latest = times.reduce((a, b) => (Date.parse(b.finishedAt) > Date.parse(a.finishedAt) ? b : a)).finishedAt;
  const { shard: _shard, ...rest } = first;
  return { ...rest, startedAt: earliest, finishedAt: latest };
}

/**
 * Merges the reports of all shards of one run (any order) into one report:
 * - results: shard 1's, then shard 2's, …: the plan order, because shards are contiguous slices
 *   of the plan (see shardSlice); a case id in two shards is an error (the shards overlap);
 * - summary recomputed; runInfo: earliest startedAt, latest finishedAt, no shard; every other
 *   field must agree, else UsageError naming it (exit 2); so must the set of shards (1/n … n/n);
 * - latency recomputed from the cases' exchanges, certificate recomputed (each when the shards
 *   had one);
 * - baseline: dropped. A shard's diff covers only its cases, so the caller recomputes it on the
 *   merged report: diffBaseline(merged, readBaseline(file), file, options).
 */
export function mergeReports(reports: readonly ConformanceReport[]): ConformanceReport {
  if (reports.length === 0) throw new UsageError('no shard reports to merge');
  const shards = sortedShards(reports);
  const runInfo = mergedRunInfo(shards);
  const results = shards.flatMap(({ report }) => report.results);
  const seen = new Map<string, string | undefined>();
  for (const { report } of shards) {
    for (const result of report.results) {
      if (seen.has(result.id)) throw new UsageError(`case ${result.id} is in shard ${seen.get(result.id)} and shard ${report.runInfo.shard}: the shards overlap`);
      seen.set(result.id, report.runInfo.shard);
    }
  }
  const merged: ConformanceReport = { runInfo, summary: summarize(results), results };
  const latency = overallLatency(results);
  if (latency !== undefined && reports.some((r) => r.latency !== undefined)) merged.latency = latency;
  if (reports.some((r) => r.certificate !== undefined)) merged.certificate = certify(merged);
  return merged;
}
