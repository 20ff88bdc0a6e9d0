/**
 * One shard's report covers its slice of the plan, not the run: its verdict, certificate and
 * coverage are of the cases it ran. A matrix job's summary that read CONFORMANT and FULL over a
 * third of the cases was taken for the run's (a family in another shard read "not applicable", a
 * start whose 202 another shard saw read "202 never seen"). Only the merge of every shard is the run.
 */
import type { RunInfo } from '../model';
import { plural } from '../text/plain-text';

/**
 * True when the report is one shard's and holds fewer cases than the plan it sliced (`results`:
 * its count); a shard 1/1, or one whose slice is the whole plan, is the run. A shard of an older
 * suite that recorded no plan is a slice when there were more shards than one.
 */
export function isPlanSlice(info: RunInfo, results: number): boolean {
  if (info.shard === undefined) return false;
  if (info.shardPlan !== undefined) return results < info.shardPlan.cases;
  // "i/n" (the report's schema holds the pattern): a slice unless n is 1.
  return !/\/1$/.test(info.shard);
}

/** What the console and summary.md say of a shard's report (the HTML says it in its Run rows); '' when it is no slice. */
export function planSliceNote(info: RunInfo, results: number): string {
  if (!isPlanSlice(info, results)) return '';
  const run = info.runId === undefined ? '' : ` (run id ${info.runId})`;
  const share = info.shardPlan === undefined ? `${plural(results, 'case')} of the plan's` : `${results} of the plan's ${info.shardPlan.cases} cases`;
  return `shard ${info.shard}${run}: ${share}. Its verdict, certificate and coverage are of those cases alone (the certificate PARTIAL at most): the run's are the merge's (zavu-conformance merge --reports OUT <every shard's folder>)`;
}
